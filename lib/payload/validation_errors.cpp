#include <cohook/validation_errors.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parser.hpp>

#include <cstdint>
#include <utility>

namespace cohook {

namespace {

boost::json::array loc_to_json(const std::vector<LocItem>& loc, const boost::json::storage_ptr& sp) {
    boost::json::array items(sp);
    items.reserve(loc.size());
    for (const LocItem& item : loc) {
        if (const auto* key = std::get_if<std::string>(&item)) {
            items.emplace_back(*key);
        } else {
            items.emplace_back(static_cast<std::uint64_t>(std::get<std::size_t>(item)));
        }
    }
    return items;
}

bool is_blank(std::string_view body) noexcept {
    // JSON's own whitespace (RFC 8259): anything else is a JSON text to parse or reject.
    return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

void ValidationErrors::add(std::string type, std::vector<LocItem> loc, std::string msg) {
    issues_.push_back(ValidationIssue{std::move(type), std::move(loc), std::move(msg)});
}

boost::json::value ValidationErrors::to_json() const {
    boost::json::value body(boost::json::object_kind);
    boost::json::array& detail =
        body.get_object().emplace("detail", boost::json::array_kind).first->value().get_array();
    detail.reserve(issues_.size());
    for (const ValidationIssue& issue : issues_) {
        // FastAPI's key order: type, loc, msg.
        boost::json::object& o = detail.emplace_back(boost::json::object_kind).get_object();
        o.emplace("type", issue.type);
        o.emplace("loc", loc_to_json(issue.loc, o.storage()));
        o.emplace("msg", issue.msg);
    }
    return body;
}

bool parse_json_body(std::string_view body, boost::json::value& out, ValidationErrors& errors) {
    if (is_blank(body)) {
        errors.add("missing", {std::string("body")}, "Field required");
        return false;
    }
    // Default parse_options: strict RFC 8259 (no comments, no trailing commas), max_depth 32, which
    // is far deeper than any Hub payload.
    unsigned char scratch[BOOST_JSON_STACK_BUFFER_SIZE];
    boost::json::parser parser({}, {}, scratch);
    parser.reset(out.storage());  // the result lives in the caller's memory resource
    boost::json::error_code ec;
    // write_some stops after one complete value, so it returns where an error (or extra data) starts.
    const std::size_t consumed = parser.write_some(body.data(), body.size(), ec);
    if (ec || consumed != body.size()) {
        errors.add("json_invalid", {std::string("body"), consumed}, "JSON decode error");
        return false;
    }
    out = parser.release();
    return true;
}

}  // namespace cohook
