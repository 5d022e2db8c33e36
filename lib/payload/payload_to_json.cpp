// WebhookPayload → the Hub's JSON shape: camelCase keys, absent optionals omitted, keys in the order
// the Hub sends them. Legacy v2 payloads come out in the v3 shape they were mapped onto.
#include <cohook/webhook_payload.hpp>

#include <boost/json/array.hpp>

namespace cohook {

namespace {

using boost::json::object;

// Adds an empty object at `key` and returns it (allocated from the parent's storage).
object& add_object(object& parent, std::string_view key) {
    return parent.emplace(key, boost::json::object_kind).first->value().get_object();
}

void put_optional(object& obj, std::string_view key, const std::optional<std::string>& value) {
    if (value) obj.emplace(key, *value);
}

void put_object_id(object& parent, std::string_view key, const ObjectId& id) {
    add_object(parent, key).emplace("id", id.id);
}

void put_url(object& parent, const WebhookPayloadUrl& url) {
    object& o = add_object(parent, "url");
    o.emplace("web", url.web);
    put_optional(o, "api", url.api);
}

void put_repo(object& body, const WebhookPayloadRepo& repo) {
    object& o = add_object(body, "repo");
    o.emplace("type", repo.type);
    o.emplace("name", repo.name);
    o.emplace("id", repo.id);
    o.emplace("private", repo.is_private);
    put_optional(o, "subdomain", repo.subdomain);
    put_url(o, repo.url);
    put_optional(o, "headSha", repo.head_sha);
    if (repo.tags) {
        boost::json::array& tags = o.emplace("tags", boost::json::array_kind).first->value().get_array();
        tags.reserve(repo.tags->size());
        for (const std::string& tag : *repo.tags) tags.emplace_back(tag);
    }
    put_object_id(o, "owner", repo.owner);
}

void put_discussion(object& body, const WebhookPayloadDiscussion& discussion) {
    object& o = add_object(body, "discussion");
    o.emplace("id", discussion.id);
    o.emplace("title", discussion.title);
    put_url(o, discussion.url);
    o.emplace("status", discussion.status);
    put_object_id(o, "author", discussion.author);
    o.emplace("num", discussion.num);
    o.emplace("isPullRequest", discussion.is_pull_request);
    if (discussion.changes) {
        object& changes = add_object(o, "changes");
        changes.emplace("base", discussion.changes->base);
        put_optional(changes, "mergeCommitId", discussion.changes->merge_commit_id);
    }
    if (discussion.pinned) o.emplace("pinned", *discussion.pinned);
}

void put_comment(object& body, const WebhookPayloadComment& comment) {
    object& o = add_object(body, "comment");
    o.emplace("id", comment.id);
    put_object_id(o, "author", comment.author);
    put_optional(o, "content", comment.content);
    o.emplace("hidden", comment.hidden);
    put_url(o, comment.url);
}

void put_updated_refs(object& body, const std::vector<WebhookPayloadUpdatedRef>& refs) {
    boost::json::array& list =
        body.emplace("updatedRefs", boost::json::array_kind).first->value().get_array();
    list.reserve(refs.size());
    for (const WebhookPayloadUpdatedRef& ref : refs) {
        object& o = list.emplace_back(boost::json::object_kind).get_object();
        o.emplace("ref", ref.ref);
        // The Hub sends null, not an absent key, for a created or deleted ref.
        o.emplace("oldSha", ref.old_sha ? boost::json::value(*ref.old_sha) : boost::json::value(nullptr));
        o.emplace("newSha", ref.new_sha ? boost::json::value(*ref.new_sha) : boost::json::value(nullptr));
    }
}

}  // namespace

void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const WebhookPayload& payload) {
    object& body = json.emplace_object();
    body.reserve(8);
    object& event = add_object(body, "event");
    event.emplace("action", payload.event.action);
    event.emplace("scope", payload.event.scope);
    put_repo(body, payload.repo);
    if (payload.discussion) put_discussion(body, *payload.discussion);
    if (payload.comment) put_comment(body, *payload.comment);
    object& webhook = add_object(body, "webhook");
    webhook.emplace("id", payload.webhook.id);
    webhook.emplace("version", payload.webhook.version);
    if (payload.moved_to) {
        object& moved_to = add_object(body, "movedTo");
        moved_to.emplace("name", payload.moved_to->name);
        put_object_id(moved_to, "owner", payload.moved_to->owner);
    }
    if (payload.updated_refs) put_updated_refs(body, *payload.updated_refs);
    if (payload.updated_config) body.emplace("updatedConfig", *payload.updated_config);
}

}  // namespace cohook
