#pragma once

// The v3 Hub payload as JSON, one table of fields per JSON object: what each key holds, whether it is
// required, and where its value goes in WebhookPayload. lib/payload/payload_stream.cpp reads payloads
// by these tables; they follow read_payload (lib/payload/webhook_payload.cpp) on its strict, non-legacy
// side, and tests/payload/test_payload_stream checks the two agree.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cohook::detail {

/// What a field's value must be, and how it is stored.
enum class Kind : std::uint8_t {
    string,       // std::string
    opt_string,   // std::optional<std::string>; null reads as absent
    boolean,      // bool
    opt_boolean,  // std::optional<bool>; null reads as absent
    int64,        // std::int64_t (integral JSON numbers that fit)
    object,       // a nested struct, described by its own table
    opt_object,   // std::optional of a nested struct; null reads as absent
    string_list,  // std::optional<std::vector<std::string>>
    ref_list,     // std::optional<std::vector<WebhookPayloadUpdatedRef>>
    config,       // std::optional<boost::json::object>, kept as a document
};

/// The JSON objects of a payload, each with a table of fields.
enum class Shape : std::uint8_t {
    root,
    event,
    repo,
    object_id,
    url,
    discussion,
    changes,
    comment,
    webhook,
    moved_to,
    updated_ref
};

/// Where a field's member lives inside its parent struct: parent in, member out.
using MemberOf = void* (*)(void* parent);

/// One key of a JSON object.
struct Field {
    std::string_view key;
    Kind kind;
    bool required;
    MemberOf member;
    Shape shape = Shape::root;  // for object, opt_object: the nested object's table
};

/// The fields of one JSON object.
struct Table {
    const Field* begin;
    std::size_t size;
};

/// Every shape's table, indexed by Shape (defined with the tables in payload_fields.cpp).
extern const std::array<Table, 11> kShapeTables;

/// The fields of the JSON object of `shape`. Inline: the reader looks a table up for every key it meets.
inline Table table_for(Shape shape) {
    return kShapeTables[static_cast<std::size_t>(shape)];
}

/// Emplaces the optional nested struct that `member` (a std::optional of `shape`'s struct) holds, and
/// returns it; null for a shape that is never optional.
void* emplace_optional(Shape shape, void* member);

}  // namespace cohook::detail
