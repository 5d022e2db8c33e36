#include "payload/json_reader.hpp"

#include <limits>

namespace cohook::detail {

namespace {

// Pydantic v2's error types and messages, as FastAPI reports them.
constexpr std::string_view kMissing = "missing";
constexpr std::string_view kMissingMsg = "Field required";
constexpr std::string_view kObjectType = "model_attributes_type";
constexpr std::string_view kObjectMsg = "Input should be a valid dictionary or object to extract fields from";
constexpr std::string_view kStringType = "string_type";
constexpr std::string_view kStringMsg = "Input should be a valid string";
constexpr std::string_view kBoolType = "bool_type";
constexpr std::string_view kBoolMsg = "Input should be a valid boolean";
constexpr std::string_view kIntType = "int_type";
constexpr std::string_view kIntMsg = "Input should be a valid integer";

// Integral JSON numbers that fit: int64, or uint64 up to INT64_MAX. Doubles are rejected even when
// integral (`3.0`): the Hub never sends them and strictness keeps the rule simple to state.
bool to_int64(const boost::json::value& value, std::int64_t& out) noexcept {
    if (const auto* i = value.if_int64()) {
        out = *i;
        return true;
    }
    const auto* u = value.if_uint64();
    if (u != nullptr && *u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        out = static_cast<std::int64_t>(*u);
        return true;
    }
    return false;
}

}  // namespace

JsonReader::JsonReader(ValidationErrors& errors) : errors_(errors) {
    path_.reserve(8);  // deepest payload path: body.updatedRefs[i].ref or body.discussion.changes.base
    path_.emplace_back(std::string_view("body"));
}

const boost::json::object* JsonReader::as_object(const boost::json::value& value) {
    const boost::json::object* obj = value.if_object();
    if (obj == nullptr) fail(kObjectType, kObjectMsg);
    return obj;
}

const boost::json::value* JsonReader::find(const boost::json::object& obj, std::string_view key, Need need) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (need == Need::required) fail_at(key, kMissing, kMissingMsg);
        return nullptr;
    }
    if (need == Need::optional && it->value().is_null()) return nullptr;
    return &it->value();
}

void JsonReader::read(const boost::json::object& obj, std::string_view key, std::string& out, Need need) {
    const boost::json::value* value = find(obj, key, need);
    if (value != nullptr && check_string(*value, key)) out = value->get_string();
}

void JsonReader::read(const boost::json::object& obj, std::string_view key, std::optional<std::string>& out) {
    const boost::json::value* value = find(obj, key, Need::optional);
    if (value != nullptr && check_string(*value, key)) out.emplace(value->get_string());
}

void JsonReader::read(const boost::json::object& obj, std::string_view key, bool& out, Need need) {
    const boost::json::value* value = find(obj, key, need);
    if (value == nullptr) return;
    if (const bool* b = value->if_bool()) {
        out = *b;
    } else {
        fail_at(key, kBoolType, kBoolMsg);
    }
}

void JsonReader::read(const boost::json::object& obj, std::string_view key, std::optional<bool>& out) {
    const boost::json::value* value = find(obj, key, Need::optional);
    if (value == nullptr) return;
    if (const bool* b = value->if_bool()) {
        out = *b;
    } else {
        fail_at(key, kBoolType, kBoolMsg);
    }
}

void JsonReader::read(const boost::json::object& obj, std::string_view key, std::int64_t& out, Need need) {
    const boost::json::value* value = find(obj, key, need);
    if (value != nullptr && !to_int64(*value, out)) fail_at(key, kIntType, kIntMsg);
}

void JsonReader::read_item(const boost::json::value& value, std::string& out) {
    if (const auto* s = value.if_string()) {
        out = *s;
    } else {
        fail(kStringType, kStringMsg);
    }
}

void JsonReader::fail(std::string_view type, std::string_view msg) {
    errors_.add(std::string(type), loc({}), std::string(msg));
}

void JsonReader::fail_at(std::string_view key, std::string_view type, std::string_view msg) {
    errors_.add(std::string(type), loc(key), std::string(msg));
}

bool JsonReader::check_string(const boost::json::value& value, std::string_view key) {
    if (value.is_string()) return true;
    fail_at(key, kStringType, kStringMsg);
    return false;
}

// The current path as `loc` items, plus `extra` when it is not empty.
std::vector<LocItem> JsonReader::loc(std::string_view extra) const {
    std::vector<LocItem> items;
    items.reserve(path_.size() + 1);
    for (const Item& item : path_) {
        if (const auto* key = std::get_if<std::string_view>(&item)) {
            items.emplace_back(std::string(*key));
        } else {
            items.emplace_back(std::get<std::size_t>(item));
        }
    }
    if (!extra.empty()) items.emplace_back(std::string(extra));
    return items;
}

}  // namespace cohook::detail
