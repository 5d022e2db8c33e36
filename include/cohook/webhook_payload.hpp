#pragma once

#include <boost/json/conversion.hpp>
#include <boost/json/object.hpp>
#include <boost/json/system_error.hpp>  // boost::json::result (1.81 has no result_for.hpp)
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cohook {

class ValidationErrors;

// The Hugging Face Hub webhook payload (v3), field for field as in huggingface_hub's
// `WebhookPayload`, with C++ members in snake_case. String enums (action, scope, type, status)
// stay open strings: the Hub adds values over time and a closed enum would reject real deliveries.

/// A reference to a Hub user or organization by id.
struct ObjectId {
    std::string id;  ///< The Hub's object id.

    /// Field-by-field equality.
    bool operator==(const ObjectId&) const = default;
};

/// Web and (optional) API URLs of a Hub object.
struct WebhookPayloadUrl {
    std::string web;                 ///< URL for people.
    std::optional<std::string> api;  ///< URL for programs, when the Hub sends one.

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadUrl&) const = default;
};

/// What happened: `action` on `scope`.
struct WebhookPayloadEvent {
    std::string action;  ///< "create", "delete", "move", "update", or any newer value.
    std::string scope;   ///< "repo", "repo.content", "repo.config", "discussion", "discussion.comment", ...

    /// True when this event's scope is `scope` or narrower (e.g. "repo.config.dois" is within "repo.config"),
    /// so code written today keeps matching when the Hub adds finer scopes.
    bool in_scope(std::string_view scope) const noexcept;

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadEvent&) const = default;
};

/// The repository the event is about.
struct WebhookPayloadRepo {
    std::string id;                                ///< Repository id.
    ObjectId owner;                                ///< Owning user or organization.
    std::optional<std::string> head_sha;           ///< JSON `headSha`: commit at the head of the main branch.
    std::string name;                              ///< Full name, e.g. "user/repo".
    bool is_private = false;                       ///< JSON `private`.
    std::optional<std::string> subdomain;          ///< Spaces only.
    std::optional<std::vector<std::string>> tags;  ///< Repository tags, when sent.
    std::string type;                              ///< "model", "dataset", "space", or any newer value.
    WebhookPayloadUrl url;                         ///< Where the repository lives.

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadRepo&) const = default;
};

/// Changes proposed by a pull request.
struct WebhookPayloadDiscussionChanges {
    std::string base;                            ///< Target ref, e.g. "refs/heads/main".
    std::optional<std::string> merge_commit_id;  ///< JSON `mergeCommitId`, once merged.

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadDiscussionChanges&) const = default;
};

/// A discussion or pull request.
struct WebhookPayloadDiscussion {
    std::string id;                                          ///< Discussion id.
    std::int64_t num = 0;                                    ///< Number shown on the Hub.
    ObjectId author;                                         ///< Who opened it.
    WebhookPayloadUrl url;                                   ///< Where it lives.
    std::string title;                                       ///< Title.
    bool is_pull_request = false;                            ///< JSON `isPullRequest`.
    std::string status;                                      ///< "open", "closed", "draft", "merged", ...
    std::optional<WebhookPayloadDiscussionChanges> changes;  ///< Pull requests only.
    std::optional<bool> pinned;                              ///< Whether pinned, when sent.

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadDiscussion&) const = default;
};

/// A comment in a discussion.
struct WebhookPayloadComment {
    std::string id;                      ///< Comment id.
    ObjectId author;                     ///< Who wrote it.
    bool hidden = false;                 ///< Hidden comments carry no content.
    std::optional<std::string> content;  ///< Text, absent when hidden.
    WebhookPayloadUrl url;               ///< Where it lives.

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadComment&) const = default;
};

/// The webhook that sent the delivery.
struct WebhookPayloadWebhook {
    std::string id;            ///< Webhook id.
    std::int64_t version = 3;  ///< Payload format version: 3, or 2 for legacy payloads.

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadWebhook&) const = default;
};

/// Where a moved repository went.
struct WebhookPayloadMovedTo {
    std::string name;  ///< New full name.
    ObjectId owner;    ///< New owner (empty id in legacy v2 payloads).

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadMovedTo&) const = default;
};

/// A git ref changed by a `repo.content` event.
struct WebhookPayloadUpdatedRef {
    std::string ref;                     ///< e.g. "refs/heads/main".
    std::optional<std::string> old_sha;  ///< JSON `oldSha`; empty when the ref was created.
    std::optional<std::string> new_sha;  ///< JSON `newSha`; empty when the ref was deleted.

    /// Field-by-field equality.
    bool operator==(const WebhookPayloadUpdatedRef&) const = default;
};

/// A whole Hub webhook delivery, as handlers receive it.
struct WebhookPayload {
    WebhookPayloadEvent event;                                          ///< What happened.
    WebhookPayloadRepo repo;                                            ///< Where.
    std::optional<WebhookPayloadDiscussion> discussion;                 ///< For discussion events.
    std::optional<WebhookPayloadComment> comment;                       ///< For comment events.
    WebhookPayloadWebhook webhook;                                      ///< Which webhook sent it.
    std::optional<WebhookPayloadMovedTo> moved_to;                      ///< JSON `movedTo`, for move events.
    std::optional<std::vector<WebhookPayloadUpdatedRef>> updated_refs;  ///< JSON `updatedRefs`.
    std::optional<boost::json::object> updated_config;  ///< JSON `updatedConfig` (Python drops it).

    /// Field-by-field equality.
    bool operator==(const WebhookPayload&) const = default;
};

/// Reads a Hub payload from parsed JSON, recording every problem with its field path in `errors`
/// (FastAPI's 422 shape). Accepts v3 payloads and legacy v2 ones (mapped onto the same model).
/// Returns true when `out` is fully valid.
bool read_payload(const boost::json::value& json, WebhookPayload& out, ValidationErrors& errors);

/// Reads a well-formed v3 payload straight from JSON text without building a document: the fast path
/// requests take. Returns false for anything else (invalid JSON, a legacy v2 payload, a missing, null,
/// mistyped or repeated field), leaving `out` unspecified: parse a document and call read_payload to
/// learn why. Whenever it returns true, read_payload on the parsed text gives the same payload.
bool read_payload_text(std::string_view json, WebhookPayload& out);

/// Boost.JSON conversion, so `boost::json::value_to<WebhookPayload>(v)` works in user code. Uses
/// `read_payload`; on failure the error names the first problem found, as Boost.JSON's own conversions
/// do: `not_object` (not an object, or a nested object or `updatedConfig` of the wrong type),
/// `unknown_name` (a required field is missing), `not_string`, `not_bool`, `not_number` (not an integer
/// that fits in 64 signed bits) or `not_array`. Call `read_payload` for every problem with its path.
boost::json::result<WebhookPayload> tag_invoke(boost::json::try_value_to_tag<WebhookPayload>,
                                               const boost::json::value& json);

/// Boost.JSON conversion back to the Hub's JSON shape (camelCase keys, absent optionals omitted).
void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const WebhookPayload& payload);

}  // namespace cohook
