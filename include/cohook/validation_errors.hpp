#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cohook {

/// One step of a field path: an object key or an array index (FastAPI's `loc` items).
using LocItem = std::variant<std::string, std::size_t>;

/// One problem found in a request body, in the shape FastAPI reports it.
struct ValidationIssue {
    std::string type;          ///< Pydantic error type, e.g. "missing", "string_type", "json_invalid".
    std::vector<LocItem> loc;  ///< Field path starting with "body", e.g. ["body","repo","owner"].
    std::string msg;           ///< Human-readable message, e.g. "Field required".

    /// Field-by-field equality.
    bool operator==(const ValidationIssue&) const = default;
};

/// Every problem found while converting a body, answered as `422 {"detail":[...]}`.
class ValidationErrors {
  public:
    /// Records one problem at `loc`.
    void add(std::string type, std::vector<LocItem> loc, std::string msg);

    /// True when no problem was recorded.
    bool empty() const noexcept { return issues_.empty(); }

    /// The recorded problems, in the order found.
    const std::vector<ValidationIssue>& issues() const noexcept { return issues_; }

    /// The FastAPI body: `{"detail":[{"type":...,"loc":[...],"msg":...}, ...]}`.
    boost::json::value to_json() const;

  private:
    std::vector<ValidationIssue> issues_;
};

/// Parses a request body as JSON. An empty body is a "missing" issue at ["body"]; invalid JSON is a
/// "json_invalid" issue at ["body", <byte offset>]. Returns true and fills `out` on success.
bool parse_json_body(std::string_view body, boost::json::value& out, ValidationErrors& errors);

}  // namespace cohook
