#include "payload/payload_fields.hpp"

#include <cohook/webhook_payload.hpp>

#include <array>

namespace cohook::detail {

namespace {

// member_of<&S::m> is the MemberOf of one member, so that one table type can name members of any struct.
template <class>
struct MemberTraits;
template <class T, class M>
struct MemberTraits<M T::*> {
    using Owner = T;
};

template <auto Member>
void* member_of(void* parent) {
    using Owner = typename MemberTraits<decltype(Member)>::Owner;
    return &(static_cast<Owner*>(parent)->*Member);
}

template <std::size_t N>
using Fields = std::array<Field, N>;

// The v3 payload as read_payload reads it (lib/payload/webhook_payload.cpp), strict (non-legacy) side.
constexpr Fields<8> kRoot{{
    {"event", Kind::object, true, &member_of<&WebhookPayload::event>, Shape::event},
    {"repo", Kind::object, true, &member_of<&WebhookPayload::repo>, Shape::repo},
    {"discussion", Kind::opt_object, false, &member_of<&WebhookPayload::discussion>, Shape::discussion},
    {"comment", Kind::opt_object, false, &member_of<&WebhookPayload::comment>, Shape::comment},
    {"webhook", Kind::object, true, &member_of<&WebhookPayload::webhook>, Shape::webhook},
    {"movedTo", Kind::opt_object, false, &member_of<&WebhookPayload::moved_to>, Shape::moved_to},
    {"updatedRefs", Kind::ref_list, false, &member_of<&WebhookPayload::updated_refs>},
    {"updatedConfig", Kind::config, false, &member_of<&WebhookPayload::updated_config>},
}};
constexpr Fields<2> kEvent{{
    {"action", Kind::string, true, &member_of<&WebhookPayloadEvent::action>},
    {"scope", Kind::string, true, &member_of<&WebhookPayloadEvent::scope>},
}};
constexpr Fields<9> kRepo{{
    {"id", Kind::string, true, &member_of<&WebhookPayloadRepo::id>},
    {"owner", Kind::object, true, &member_of<&WebhookPayloadRepo::owner>, Shape::object_id},
    {"headSha", Kind::opt_string, false, &member_of<&WebhookPayloadRepo::head_sha>},
    {"name", Kind::string, true, &member_of<&WebhookPayloadRepo::name>},
    {"private", Kind::boolean, true, &member_of<&WebhookPayloadRepo::is_private>},
    {"subdomain", Kind::opt_string, false, &member_of<&WebhookPayloadRepo::subdomain>},
    {"tags", Kind::string_list, false, &member_of<&WebhookPayloadRepo::tags>},
    {"type", Kind::string, true, &member_of<&WebhookPayloadRepo::type>},
    {"url", Kind::object, true, &member_of<&WebhookPayloadRepo::url>, Shape::url},
}};
constexpr Fields<1> kObjectId{{
    {"id", Kind::string, true, &member_of<&ObjectId::id>},
}};
constexpr Fields<2> kUrl{{
    {"web", Kind::string, true, &member_of<&WebhookPayloadUrl::web>},
    {"api", Kind::opt_string, false, &member_of<&WebhookPayloadUrl::api>},
}};
constexpr Fields<9> kDiscussion{{
    {"id", Kind::string, true, &member_of<&WebhookPayloadDiscussion::id>},
    {"num", Kind::int64, true, &member_of<&WebhookPayloadDiscussion::num>},
    {"author", Kind::object, true, &member_of<&WebhookPayloadDiscussion::author>, Shape::object_id},
    {"url", Kind::object, true, &member_of<&WebhookPayloadDiscussion::url>, Shape::url},
    {"title", Kind::string, true, &member_of<&WebhookPayloadDiscussion::title>},
    {"isPullRequest", Kind::boolean, true, &member_of<&WebhookPayloadDiscussion::is_pull_request>},
    {"status", Kind::string, true, &member_of<&WebhookPayloadDiscussion::status>},
    {"changes", Kind::opt_object, false, &member_of<&WebhookPayloadDiscussion::changes>, Shape::changes},
    {"pinned", Kind::opt_boolean, false, &member_of<&WebhookPayloadDiscussion::pinned>},
}};
constexpr Fields<2> kChanges{{
    {"base", Kind::string, true, &member_of<&WebhookPayloadDiscussionChanges::base>},
    {"mergeCommitId", Kind::opt_string, false, &member_of<&WebhookPayloadDiscussionChanges::merge_commit_id>},
}};
constexpr Fields<5> kComment{{
    {"id", Kind::string, true, &member_of<&WebhookPayloadComment::id>},
    {"author", Kind::object, true, &member_of<&WebhookPayloadComment::author>, Shape::object_id},
    {"hidden", Kind::boolean, true, &member_of<&WebhookPayloadComment::hidden>},
    {"content", Kind::opt_string, false, &member_of<&WebhookPayloadComment::content>},
    {"url", Kind::object, true, &member_of<&WebhookPayloadComment::url>, Shape::url},
}};
constexpr Fields<2> kWebhook{{
    {"id", Kind::string, true, &member_of<&WebhookPayloadWebhook::id>},
    {"version", Kind::int64, true, &member_of<&WebhookPayloadWebhook::version>},
}};
constexpr Fields<2> kMovedTo{{
    {"name", Kind::string, true, &member_of<&WebhookPayloadMovedTo::name>},
    {"owner", Kind::object, true, &member_of<&WebhookPayloadMovedTo::owner>, Shape::object_id},
}};
constexpr Fields<3> kUpdatedRef{{
    {"ref", Kind::string, true, &member_of<&WebhookPayloadUpdatedRef::ref>},
    {"oldSha", Kind::opt_string, false, &member_of<&WebhookPayloadUpdatedRef::old_sha>},
    {"newSha", Kind::opt_string, false, &member_of<&WebhookPayloadUpdatedRef::new_sha>},
}};

template <std::size_t N>
constexpr Table table(const Fields<N>& fields) {
    return {fields.data(), N};
}

}  // namespace

// In the order of Shape's enumerators.
extern const std::array<Table, 11> kShapeTables{
    table(kRoot),    table(kEvent),      table(kRepo),       table(kObjectId),
    table(kUrl),     table(kDiscussion), table(kChanges),    table(kComment),
    table(kWebhook), table(kMovedTo),    table(kUpdatedRef),
};
static_assert(static_cast<std::size_t>(Shape::updated_ref) + 1 == 11, "one table per shape, in order");

// Emplaces the optional nested struct of `shape` and returns the struct.
void* emplace_optional(Shape shape, void* member) {
    switch (shape) {
        case Shape::discussion:
            return &static_cast<std::optional<WebhookPayloadDiscussion>*>(member)->emplace();
        case Shape::changes:
            return &static_cast<std::optional<WebhookPayloadDiscussionChanges>*>(member)->emplace();
        case Shape::comment:
            return &static_cast<std::optional<WebhookPayloadComment>*>(member)->emplace();
        case Shape::moved_to:
            return &static_cast<std::optional<WebhookPayloadMovedTo>*>(member)->emplace();
        default:
            return nullptr;  // no other shape is optional
    }
}

}  // namespace cohook::detail
