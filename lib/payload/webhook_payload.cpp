#include <cohook/webhook_payload.hpp>

#include <cohook/validation_errors.hpp>

#include "payload/json_reader.hpp"

#include <boost/json/error.hpp>

namespace cohook {

namespace {

using boost::json::object;
using boost::json::value;
using detail::JsonReader;
using detail::Need;

// Reads `key` as an optional nested object into `out` with `read_fields(const object&, T&)`; `out` is
// left empty when the key is absent, null or not an object.
template <class T, class F>
void read_optional(JsonReader& r, const object& obj, std::string_view key, std::optional<T>& out,
                   F&& read_fields) {
    T& target = out.emplace();
    if (!r.read_object(obj, key, Need::optional, [&](const object& o) { read_fields(o, target); })) {
        out.reset();
    }
}

void read_object_id(JsonReader& r, const object& obj, std::string_view key, ObjectId& out, Need need) {
    r.read_object(obj, key, need, [&](const object& o) { r.read(o, "id", out.id); });
}

void read_url(JsonReader& r, const object& obj, WebhookPayloadUrl& out, Need need) {
    r.read_object(obj, "url", need, [&](const object& o) {
        r.read(o, "web", out.web);
        r.read(o, "api", out.api);
    });
}

// Legacy v2 payloads name actions after the old verbs.
std::string_view legacy_action(std::string_view event) noexcept {
    if (event == "add") return "create";
    if (event == "remove") return "delete";
    return event;
}

// v3: `"event": {"action", "scope"}`; legacy v2: `"event": "<verb>"` with a top-level `"scope"`.
// Returns true for a legacy payload.
bool read_event(JsonReader& r, const object& body, WebhookPayloadEvent& out) {
    const value* event = r.find(body, "event", Need::required);
    if (event == nullptr) return false;
    if (const boost::json::string* verb = event->if_string()) {
        out.action = legacy_action(*verb);
        r.read(body, "scope", out.scope);
        return true;
    }
    r.read_nested("event", *event, [&](const object& o) {
        r.read(o, "action", out.action);
        r.read(o, "scope", out.scope);
    });
    return false;
}

// Legacy v2 repos may lack `id`, `owner`, `url` and `private`: `lenient` makes them optional.
void read_repo(JsonReader& r, const object& body, WebhookPayloadRepo& out, Need lenient) {
    r.read_object(body, "repo", Need::required, [&](const object& o) {
        r.read(o, "id", out.id, lenient);
        read_object_id(r, o, "owner", out.owner, lenient);
        r.read(o, "headSha", out.head_sha);
        r.read(o, "name", out.name);
        r.read(o, "private", out.is_private, lenient);
        r.read(o, "subdomain", out.subdomain);
        std::vector<std::string>& tags = out.tags.emplace();
        if (!r.read_list(o, "tags", Need::optional,
                         [&](const value& item) { r.read_item(item, tags.emplace_back()); })) {
            out.tags.reset();
        }
        r.read(o, "type", out.type);
        read_url(r, o, out.url, lenient);
    });
}

void read_discussion(JsonReader& r, const object& body, std::optional<WebhookPayloadDiscussion>& out) {
    read_optional(r, body, "discussion", out, [&](const object& o, WebhookPayloadDiscussion& d) {
        r.read(o, "id", d.id);
        r.read(o, "num", d.num);
        read_object_id(r, o, "author", d.author, Need::required);
        read_url(r, o, d.url, Need::required);
        r.read(o, "title", d.title);
        r.read(o, "isPullRequest", d.is_pull_request);
        r.read(o, "status", d.status);
        read_optional(r, o, "changes", d.changes, [&](const object& c, WebhookPayloadDiscussionChanges& ch) {
            r.read(c, "base", ch.base);
            r.read(c, "mergeCommitId", ch.merge_commit_id);
        });
        r.read(o, "pinned", d.pinned);
    });
}

void read_comment(JsonReader& r, const object& body, std::optional<WebhookPayloadComment>& out) {
    read_optional(r, body, "comment", out, [&](const object& o, WebhookPayloadComment& c) {
        r.read(o, "id", c.id);
        read_object_id(r, o, "author", c.author, Need::required);
        r.read(o, "hidden", c.hidden);
        r.read(o, "content", c.content);
        read_url(r, o, c.url, Need::required);
    });
}

// Legacy v2 payloads may lack `webhook`: it then reads as version 2 with an empty id.
void read_webhook(JsonReader& r, const object& body, WebhookPayloadWebhook& out, bool legacy) {
    if (legacy) out.version = 2;
    r.read_object(body, "webhook", legacy ? Need::optional : Need::required, [&](const object& o) {
        r.read(o, "id", out.id);
        r.read(o, "version", out.version);
    });
}

// Legacy v2 payloads send `"movedTo": "<new name>"` and no owner.
void read_moved_to(JsonReader& r, const object& body, std::optional<WebhookPayloadMovedTo>& out,
                   bool legacy) {
    if (legacy) {
        const value* moved_to = r.find(body, "movedTo", Need::optional);
        if (moved_to != nullptr && moved_to->is_string()) {
            out.emplace().name = moved_to->get_string();
            return;
        }
    }
    read_optional(r, body, "movedTo", out, [&](const object& o, WebhookPayloadMovedTo& m) {
        r.read(o, "name", m.name);
        read_object_id(r, o, "owner", m.owner, legacy ? Need::optional : Need::required);
    });
}

void read_updated_refs(JsonReader& r, const object& body,
                       std::optional<std::vector<WebhookPayloadUpdatedRef>>& out) {
    std::vector<WebhookPayloadUpdatedRef>& refs = out.emplace();
    bool present = r.read_list(body, "updatedRefs", Need::optional, [&](const value& item) {
        WebhookPayloadUpdatedRef& ref = refs.emplace_back();
        if (const object* o = r.as_object(item)) {
            r.read(*o, "ref", ref.ref);
            r.read(*o, "oldSha", ref.old_sha);
            r.read(*o, "newSha", ref.new_sha);
        }
    });
    if (!present) out.reset();
}

void read_updated_config(JsonReader& r, const object& body, std::optional<object>& out) {
    const value* config = r.find(body, "updatedConfig", Need::optional);
    if (config == nullptr) return;
    if (const object* o = config->if_object()) {
        // Copied into the default resource: the parsed document may live in a short-lived arena.
        out.emplace(*o, boost::json::storage_ptr());
    } else {
        r.fail_at("updatedConfig", "dict_type", "Input should be a valid dictionary");
    }
}

// Fields are read in the model's declaration order, so issues come out in pydantic's order.
void read_body(JsonReader& r, const object& body, WebhookPayload& out) {
    const bool legacy = read_event(r, body, out.event);
    read_repo(r, body, out.repo, legacy ? Need::optional : Need::required);
    read_discussion(r, body, out.discussion);
    read_comment(r, body, out.comment);
    read_webhook(r, body, out.webhook, legacy);
    read_moved_to(r, body, out.moved_to, legacy);
    read_updated_refs(r, body, out.updated_refs);
    read_updated_config(r, body, out.updated_config);
}

// The Boost.JSON error closest to a pydantic error type (see the `try_value_to_tag` overload).
boost::json::error json_error_for(std::string_view type) noexcept {
    using boost::json::error;
    if (type == "missing") return error::unknown_name;  // as Boost.JSON's described-struct conversion
    if (type == "string_type") return error::not_string;
    if (type == "bool_type") return error::not_bool;
    if (type == "int_type") return error::not_number;
    if (type == "list_type") return error::not_array;
    return error::not_object;  // model_attributes_type, dict_type
}

}  // namespace

bool WebhookPayloadEvent::in_scope(std::string_view s) const noexcept {
    std::string_view own = scope;
    return own.starts_with(s) && (own.size() == s.size() || own[s.size()] == '.');
}

bool read_payload(const value& json, WebhookPayload& out, ValidationErrors& errors) {
    const std::size_t issues_before = errors.issues().size();
    out = WebhookPayload{};
    JsonReader reader(errors);
    if (const object* body = reader.as_object(json)) read_body(reader, *body, out);
    return errors.issues().size() == issues_before;
}

boost::json::result<WebhookPayload> tag_invoke(boost::json::try_value_to_tag<WebhookPayload>,
                                               const value& json) {
    WebhookPayload payload;
    ValidationErrors errors;
    if (read_payload(json, payload, errors)) return payload;
    return {boost::system::in_place_error,
            boost::system::error_code(json_error_for(errors.issues().front().type))};
}

}  // namespace cohook
