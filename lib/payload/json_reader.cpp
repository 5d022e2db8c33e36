#include "payload/json_reader.hpp"

#include <cstring>
#include <limits>
#include <stdexcept>

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
    push(std::string_view("body"));
}

void JsonReader::push(Item item) {
    // Only a new nested model deeper than kMaxDepth could get here: a programming error, not bad input.
    if (depth_ == kMaxDepth) throw std::logic_error("JsonReader: path deeper than kMaxDepth");
    path_[depth_++] = item;
}

const boost::json::object* JsonReader::as_object(const boost::json::value& value) {
    const boost::json::object* obj = value.if_object();
    if (obj == nullptr) fail(kObjectType, kObjectMsg);
    return obj;
}

const boost::json::value* JsonReader::find(const boost::json::object& obj, std::string_view key, Need need) {
    // Payload objects have about ten keys: a scan comparing lengths first beats object::find's
    // out-of-line call. The parser keeps one entry per key, so the first match is the only one.
    for (const boost::json::key_value_pair& entry : obj) {
        const auto name = entry.key();
        if (name.size() != key.size() || std::memcmp(name.data(), key.data(), key.size()) != 0) continue;
        if (need == Need::optional && entry.value().is_null()) return nullptr;
        return &entry.value();
    }
    if (need == Need::required) fail_at(key, kMissing, kMissingMsg);
    return nullptr;
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
    items.reserve(depth_ + 1);
    for (std::size_t i = 0; i < depth_; ++i) {
        const Item& item = path_[i];
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
