#pragma once

#include <cohook/validation_errors.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cohook::detail {

/// Whether a field must be present. An optional field present as JSON `null` counts as absent.
enum class Need { required, optional };

/// Reads fields out of JSON objects like pydantic validates a model: every problem is recorded in a
/// `ValidationErrors` at the current field path (which starts at "body"), and reading goes on so that
/// one pass reports them all. Each field is looked up once, by a scan of its (small) object.
///
/// Keys passed in must outlive the reader (they are kept as views in the path): use literals.
/// Not thread-safe; one reader per conversion.
class JsonReader {
  public:
    /// Starts at the path ["body"], recording into `errors` (which must outlive the reader).
    explicit JsonReader(ValidationErrors& errors);

    /// The value at the current path as an object, or nullptr after reporting "model_attributes_type".
    const boost::json::object* as_object(const boost::json::value& value);

    /// The value of `key`, or nullptr when it is absent (reported as "missing" when required) or, for an
    /// optional field, JSON null.
    const boost::json::value* find(const boost::json::object& obj, std::string_view key, Need need);

    /// Reads a string field; an absent optional one leaves `out` untouched.
    void read(const boost::json::object& obj, std::string_view key, std::string& out,
              Need need = Need::required);
    void read(const boost::json::object& obj, std::string_view key, std::optional<std::string>& out);
    void read(const boost::json::object& obj, std::string_view key, bool& out, Need need = Need::required);
    void read(const boost::json::object& obj, std::string_view key, std::optional<bool>& out);
    void read(const boost::json::object& obj, std::string_view key, std::int64_t& out,
              Need need = Need::required);

    /// Reads `key` as a nested object, calling `read_fields(const object&)` with the path extended by
    /// `key`. Returns false when it is absent or not an object (the latter is reported).
    template <class F>
    bool read_object(const boost::json::object& obj, std::string_view key, Need need, F&& read_fields) {
        const boost::json::value* value = find(obj, key, need);
        return value != nullptr && read_nested(key, *value, std::forward<F>(read_fields));
    }

    /// Like `read_object`, for the already found `value` of `key`.
    template <class F>
    bool read_nested(std::string_view key, const boost::json::value& value, F&& read_fields) {
        Step step(*this, key);
        const boost::json::object* nested = as_object(value);
        if (nested == nullptr) return false;
        read_fields(*nested);
        return true;
    }

    /// Reads `key` as a list, calling `read_item(const value&)` for each item with the path extended by
    /// `key` and the item's index. Returns false when it is absent or not a list (the latter is reported).
    template <class F>
    bool read_list(const boost::json::object& obj, std::string_view key, Need need, F&& read_item) {
        const boost::json::value* value = find(obj, key, need);
        if (value == nullptr) return false;
        Step step(*this, key);
        const boost::json::array* items = value->if_array();
        if (items == nullptr) {
            fail("list_type", "Input should be a valid list");
            return false;
        }
        for (std::size_t i = 0; i < items->size(); ++i) {
            Step index(*this, i);
            read_item((*items)[i]);
        }
        return true;
    }

    /// Reads a string that is the current list item (see `read_list`).
    void read_item(const boost::json::value& value, std::string& out);

    /// Reports a problem at the current path.
    void fail(std::string_view type, std::string_view msg);

    /// Reports a problem at the current path extended by `key`.
    void fail_at(std::string_view key, std::string_view type, std::string_view msg);

  private:
    using Item = std::variant<std::string_view, std::size_t>;

    /// Extends the path for its lifetime.
    class Step {
      public:
        Step(JsonReader& reader, Item item) : reader_(reader) { reader_.push(item); }
        ~Step() { --reader_.depth_; }
        Step(const Step&) = delete;
        Step& operator=(const Step&) = delete;

      private:
        JsonReader& reader_;
    };

    void push(Item item);
    bool check_string(const boost::json::value& value, std::string_view key);
    std::vector<LocItem> loc(std::string_view extra) const;

    // Deepest path the payload models reach: body.updatedRefs[i] or body.discussion.changes (the leaf key
    // is passed to loc() separately). The bound is checked, with room to spare.
    static constexpr std::size_t kMaxDepth = 8;

    ValidationErrors& errors_;
    std::array<Item, kMaxDepth> path_;  // views of literal keys, in place: no allocation per conversion
    std::size_t depth_ = 0;
};

}  // namespace cohook::detail
