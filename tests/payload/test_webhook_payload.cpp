#include <cohook/webhook_payload.hpp>

#include <boost/test/unit_test.hpp>

#include <cohook/validation_errors.hpp>

#include <boost/json/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/system/system_error.hpp>

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using cohook::LocItem;
using cohook::ValidationErrors;
using cohook::ValidationIssue;
using cohook::WebhookPayload;

const std::vector<std::string> kFixtures = {
    "discussion_comment_create_assembled.json", "discussion_create_pr.json",
    "discussion_create_pr_hfhub_test.json",     "discussion_update_closed.json",
    "legacy_v2_discussion_comment_add.json",    "legacy_v2_repo_move.json",
    "repo_config_update_assembled.json",        "repo_content_update_main.json",
    "repo_content_update_pr_ref.json",
};

boost::json::value load_fixture(const std::string& name) {
    std::ifstream file(std::string(COHOOK_FIXTURES_DIR) + "/" + name, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(file, "cannot open fixture " << name);
    std::ostringstream text;
    text << file.rdbuf();
    return boost::json::parse(text.str());
}

// Reads a fixture that must be valid.
WebhookPayload read_fixture(const std::string& name) {
    WebhookPayload payload;
    ValidationErrors errors;
    BOOST_TEST_CONTEXT(name) {
        BOOST_TEST(cohook::read_payload(load_fixture(name), payload, errors));
        BOOST_TEST(errors.empty());
    }
    return payload;
}

// The issues found in `json` (which must be rejected).
std::vector<ValidationIssue> issues_of(const boost::json::value& json) {
    WebhookPayload payload;
    ValidationErrors errors;
    BOOST_TEST(!cohook::read_payload(json, payload, errors));
    return errors.issues();
}

std::vector<ValidationIssue> issues_of_text(std::string_view json) {
    return issues_of(boost::json::parse(json));
}

// A loc from string keys and integer indexes: loc("body", "updatedRefs", 0, "ref").
template <class... Items>
std::vector<LocItem> loc(Items... items) {
    std::vector<LocItem> out;
    (out.emplace_back([](auto item) -> LocItem {
        if constexpr (std::is_integral_v<decltype(item)>) {
            return static_cast<std::size_t>(item);
        } else {
            return std::string(item);
        }
    }(items)),
     ...);
    return out;
}

const char* const kMissing = "Field required";
const char* const kString = "Input should be a valid string";
const char* const kBool = "Input should be a valid boolean";
const char* const kInt = "Input should be a valid integer";
const char* const kObject = "Input should be a valid dictionary or object to extract fields from";

// A minimal valid v3 payload, for tests to break one field at a time.
boost::json::value minimal_v3() {
    return boost::json::parse(R"({"event":{"action":"create","scope":"repo"},
        "repo":{"id":"r1","owner":{"id":"o1"},"name":"u/r","private":false,"type":"model",
                "url":{"web":"https://hf.co/u/r"}},
        "webhook":{"id":"w1","version":3}})");
}

boost::json::object& repo_of(boost::json::value& json) {
    return json.at("repo").as_object();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(webhook_payload)

BOOST_AUTO_TEST_CASE(every_sample_payload_is_read_without_issues) {
    for (const std::string& name : kFixtures) read_fixture(name);
}

BOOST_AUTO_TEST_CASE(pull_request_creation_reads_every_field) {
    const WebhookPayload p = read_fixture("discussion_create_pr.json");
    BOOST_TEST(p.event.action == "create");
    BOOST_TEST(p.event.scope == "discussion");
    BOOST_TEST(p.repo.id == "621ffdc036468d709f17434d");
    BOOST_TEST(p.repo.owner.id == "628b753283ef59b5be89e937");
    BOOST_TEST(p.repo.name == "openai-community/gpt2");
    BOOST_TEST(p.repo.type == "model");
    BOOST_TEST(!p.repo.is_private);
    BOOST_TEST(!p.repo.head_sha.has_value());
    BOOST_TEST(p.repo.url.api.value_or("") == "https://huggingface.co/api/models/openai-community/gpt2");
    BOOST_REQUIRE(p.discussion.has_value());
    BOOST_TEST(p.discussion->num == 19);
    BOOST_TEST(p.discussion->is_pull_request);
    BOOST_TEST(p.discussion->status == "open");
    BOOST_TEST(p.discussion->author.id == "61d2f90c3c2083e1c08af22d");
    BOOST_REQUIRE(p.discussion->changes.has_value());
    BOOST_TEST(p.discussion->changes->base == "refs/heads/main");
    BOOST_TEST(!p.discussion->pinned.has_value());
    BOOST_REQUIRE(p.comment.has_value());
    BOOST_TEST(p.comment->content.value_or("") == "Add co2 emissions information to the model card");
    BOOST_TEST(!p.comment->hidden);
    BOOST_TEST(p.webhook.id == "6390e855e30d9209411de93b");
    BOOST_TEST(p.webhook.version == 3);
    BOOST_TEST(!p.moved_to.has_value());
    BOOST_TEST(!p.updated_refs.has_value());
    BOOST_TEST(!p.updated_config.has_value());
}

BOOST_AUTO_TEST_CASE(older_repo_naming_sample_reads_its_short_name) {
    const WebhookPayload p = read_fixture("discussion_create_pr_hfhub_test.json");
    BOOST_TEST(p.repo.name == "gpt2");
    BOOST_TEST(p.discussion->url.web == "https://huggingface.co/gpt2/discussions/19");
}

BOOST_AUTO_TEST_CASE(closed_discussion_update_has_no_comment) {
    const WebhookPayload p = read_fixture("discussion_update_closed.json");
    BOOST_TEST(p.event.action == "update");
    BOOST_TEST(p.repo.type == "space");
    BOOST_TEST(p.discussion->status == "closed");
    BOOST_TEST(!p.comment.has_value());
}

BOOST_AUTO_TEST_CASE(new_pr_ref_keeps_head_sha_subdomain_and_null_old_sha) {
    const WebhookPayload p = read_fixture("repo_content_update_pr_ref.json");
    BOOST_TEST(p.event.scope == "repo.content");
    BOOST_TEST(p.repo.head_sha.value_or("") == "5e7f29fffcc579cb52539fddb14a1a4f85f39e44");
    BOOST_TEST(p.repo.subdomain.value_or("") == "wauplin-gradio-user-history");
    BOOST_REQUIRE(p.updated_refs.has_value());
    BOOST_REQUIRE_EQUAL(p.updated_refs->size(), 1u);
    const auto& ref = p.updated_refs->front();
    BOOST_TEST(ref.ref == "refs/pr/5");
    BOOST_TEST(!ref.old_sha.has_value());
    BOOST_TEST(ref.new_sha.value_or("") == "227c78346870a85e5de4fff8a585db68df975406");
}

BOOST_AUTO_TEST_CASE(main_branch_update_reads_both_shas) {
    const WebhookPayload p = read_fixture("repo_content_update_main.json");
    BOOST_TEST(p.repo.head_sha.value_or("") == "1d8b8303d5a009d34bc95021c10860c29a5e1644");
    BOOST_REQUIRE_EQUAL(p.updated_refs.value().size(), 1u);
    BOOST_TEST(p.updated_refs->front().old_sha.value_or("") == "d26fe083101f2a0c881871c926b09b5c2ca6f15b");
    BOOST_TEST((p.updated_refs->front().new_sha == p.repo.head_sha));
}

BOOST_AUTO_TEST_CASE(config_update_keeps_updated_config) {
    const WebhookPayload p = read_fixture("repo_config_update_assembled.json");
    BOOST_TEST(p.event.in_scope("repo.config"));
    BOOST_REQUIRE(p.updated_config.has_value());
    BOOST_TEST((*p.updated_config == boost::json::object{{"private", false}}));
}

BOOST_AUTO_TEST_CASE(comment_creation_reads_comment_without_api_url) {
    const WebhookPayload p = read_fixture("discussion_comment_create_assembled.json");
    BOOST_TEST(p.event.scope == "discussion.comment");
    BOOST_TEST(p.comment->content.value_or("") == "This adds an env key");
    BOOST_TEST(!p.comment->url.api.has_value());
    BOOST_TEST(p.discussion->num == 3);
}

BOOST_AUTO_TEST_CASE(legacy_comment_add_is_mapped_to_create) {
    const WebhookPayload p = read_fixture("legacy_v2_discussion_comment_add.json");
    BOOST_TEST(p.event.action == "create");
    BOOST_TEST(p.event.scope == "discussion.comment");
    BOOST_TEST(p.webhook.version == 2);
    BOOST_TEST(p.webhook.id == "632c22b3df82fca9e3b46154");
    BOOST_TEST(p.repo.name == "allenai/c4");
    BOOST_TEST(p.repo.owner.id.empty());
    BOOST_TEST((p.repo.tags == std::vector<std::string>{}));
    BOOST_TEST(p.comment->author.id == "5e9ecfc04957053f60648a3e");
    BOOST_TEST(!p.discussion->is_pull_request);
}

BOOST_AUTO_TEST_CASE(legacy_move_maps_moved_to_string_and_leaves_absent_fields_empty) {
    const WebhookPayload p = read_fixture("legacy_v2_repo_move.json");
    BOOST_TEST(p.event.action == "move");
    BOOST_TEST(p.event.scope == "repo");
    BOOST_REQUIRE(p.moved_to.has_value());
    BOOST_TEST(p.moved_to->name == "webhook-test");
    BOOST_TEST(p.moved_to->owner.id.empty());
    BOOST_TEST(p.webhook.version == 2);
    BOOST_TEST(p.webhook.id.empty());
    BOOST_TEST(p.repo.name == "previous-name");
    BOOST_TEST(p.repo.id.empty());
    BOOST_TEST(p.repo.owner.id.empty());
    BOOST_TEST(p.repo.url.web.empty());
}

BOOST_AUTO_TEST_CASE(legacy_remove_is_mapped_to_delete_and_new_verbs_are_kept) {
    const auto read = [](std::string_view verb) {
        WebhookPayload p;
        ValidationErrors errors;
        const std::string json = std::string(R"({"event":")") + std::string(verb) +
                                 R"(","scope":"repo","repo":{"type":"model","name":"a/b"}})";
        BOOST_TEST(cohook::read_payload(boost::json::parse(json), p, errors));
        return p.event.action;
    };
    BOOST_TEST(read("remove") == "delete");
    BOOST_TEST(read("update") == "update");
    BOOST_TEST(read("archive") == "archive");
}

BOOST_AUTO_TEST_CASE(legacy_payload_still_checks_the_types_of_present_fields) {
    const auto issues = issues_of_text(R"({"event":"add","repo":{"type":"model","name":"a/b","private":"no",)"
                                       R"("owner":{"id":1}},"movedTo":7})");
    BOOST_REQUIRE_EQUAL(issues.size(), 4u);
    BOOST_TEST((issues[0] == ValidationIssue{"missing", loc("body", "scope"), kMissing}));
    BOOST_TEST((issues[1] == ValidationIssue{"string_type", loc("body", "repo", "owner", "id"), kString}));
    BOOST_TEST((issues[2] == ValidationIssue{"bool_type", loc("body", "repo", "private"), kBool}));
    BOOST_TEST((issues[3] == ValidationIssue{"model_attributes_type", loc("body", "movedTo"), kObject}));
}

BOOST_AUTO_TEST_CASE(hidden_comment_without_content_is_accepted) {
    boost::json::value json = minimal_v3();
    json.as_object()["comment"] = boost::json::parse(
        R"({"id":"c1","author":{"id":"a1"},"hidden":true,"url":{"web":"https://hf.co/c"}})");
    WebhookPayload p;
    ValidationErrors errors;
    BOOST_TEST(cohook::read_payload(json, p, errors));
    BOOST_REQUIRE(p.comment.has_value());
    BOOST_TEST(p.comment->hidden);
    BOOST_TEST(!p.comment->content.has_value());
}

BOOST_AUTO_TEST_CASE(missing_owner_is_reported_at_body_repo_owner) {
    boost::json::value json = load_fixture("discussion_create_pr.json");
    json.at("repo").as_object().erase("owner");
    WebhookPayload p;
    ValidationErrors errors;
    BOOST_TEST(!cohook::read_payload(json, p, errors));
    BOOST_REQUIRE_EQUAL(errors.issues().size(), 1u);
    BOOST_TEST((errors.issues()[0] == ValidationIssue{"missing", loc("body", "repo", "owner"), kMissing}));
}

BOOST_AUTO_TEST_CASE(every_problem_is_collected_in_model_order) {
    const auto issues =
        issues_of_text(R"({"event":{"scope":"repo"},"repo":{"id":"r","name":"n","private":false,)"
                       R"("type":"model","url":{}},"discussion":{"id":"d"}})");
    const std::vector<ValidationIssue> expected = {
        {"missing", loc("body", "event", "action"), kMissing},
        {"missing", loc("body", "repo", "owner"), kMissing},
        {"missing", loc("body", "repo", "url", "web"), kMissing},
        {"missing", loc("body", "discussion", "num"), kMissing},
        {"missing", loc("body", "discussion", "author"), kMissing},
        {"missing", loc("body", "discussion", "url"), kMissing},
        {"missing", loc("body", "discussion", "title"), kMissing},
        {"missing", loc("body", "discussion", "isPullRequest"), kMissing},
        {"missing", loc("body", "discussion", "status"), kMissing},
        {"missing", loc("body", "webhook"), kMissing},
    };
    BOOST_TEST((issues == expected));
}

BOOST_AUTO_TEST_CASE(wrong_types_are_reported_with_pydantic_types_and_messages) {
    const auto issues = issues_of_text(
        R"({"event":{"action":1,"scope":"repo"},"repo":{"id":"r","owner":"o","name":"n","private":"yes",)"
        R"("tags":"t","type":"model","url":{"web":"w"}},"discussion":{"id":"d","num":"19","author":{"id":"a"},)"
        R"("url":{"web":"w"},"title":"t","isPullRequest":true,"status":"open","pinned":1},)"
        R"("webhook":{"id":"w","version":3.0},"updatedConfig":[],)"
        R"("updatedRefs":[{"newSha":"s"},"x",{"ref":"r","oldSha":5}]})");
    const std::vector<ValidationIssue> expected = {
        {"string_type", loc("body", "event", "action"), kString},
        {"model_attributes_type", loc("body", "repo", "owner"), kObject},
        {"bool_type", loc("body", "repo", "private"), kBool},
        {"list_type", loc("body", "repo", "tags"), "Input should be a valid list"},
        {"int_type", loc("body", "discussion", "num"), kInt},
        {"bool_type", loc("body", "discussion", "pinned"), kBool},
        {"int_type", loc("body", "webhook", "version"), kInt},
        {"missing", loc("body", "updatedRefs", 0, "ref"), kMissing},
        {"model_attributes_type", loc("body", "updatedRefs", 1), kObject},
        {"string_type", loc("body", "updatedRefs", 2, "oldSha"), kString},
        {"dict_type", loc("body", "updatedConfig"), "Input should be a valid dictionary"},
    };
    BOOST_TEST((issues == expected));
}

BOOST_AUTO_TEST_CASE(list_items_of_the_wrong_type_are_reported_by_index) {
    boost::json::value json = minimal_v3();
    repo_of(json)["tags"] = boost::json::array{"ok", 3};
    json.as_object()["updatedRefs"] = boost::json::object{};
    const auto issues = issues_of(json);
    BOOST_REQUIRE_EQUAL(issues.size(), 2u);
    BOOST_TEST((issues[0] == ValidationIssue{"string_type", loc("body", "repo", "tags", 1), kString}));
    BOOST_TEST((issues[1] ==
                ValidationIssue{"list_type", loc("body", "updatedRefs"), "Input should be a valid list"}));
}

BOOST_AUTO_TEST_CASE(null_is_absent_for_optional_fields) {
    boost::json::value json = minimal_v3();
    for (const char* key : {"headSha", "tags", "subdomain"}) repo_of(json)[key] = nullptr;
    for (const char* key : {"discussion", "comment", "movedTo", "updatedRefs", "updatedConfig"}) {
        json.as_object()[key] = nullptr;
    }
    WebhookPayload p;
    ValidationErrors errors;
    BOOST_TEST(cohook::read_payload(json, p, errors));
    BOOST_TEST(!p.repo.head_sha.has_value());
    BOOST_TEST(!p.repo.tags.has_value());
    BOOST_TEST(!p.discussion.has_value());
    BOOST_TEST(!p.updated_refs.has_value());
    BOOST_TEST(!p.updated_config.has_value());
}

BOOST_AUTO_TEST_CASE(null_is_a_type_error_for_required_fields) {
    boost::json::value json = minimal_v3();
    json.as_object()["event"] = nullptr;
    repo_of(json)["private"] = nullptr;
    repo_of(json)["name"] = nullptr;
    const std::vector<ValidationIssue> expected = {
        {"model_attributes_type", loc("body", "event"), kObject},
        {"string_type", loc("body", "repo", "name"), kString},
        {"bool_type", loc("body", "repo", "private"), kBool},
    };
    BOOST_TEST((issues_of(json) == expected));
}

BOOST_AUTO_TEST_CASE(integers_must_be_integral_and_fit_in_64_signed_bits) {
    const auto version = [](boost::json::value number) -> std::optional<std::int64_t> {
        boost::json::value json = minimal_v3();
        json.at("webhook").as_object()["version"] = number;
        WebhookPayload p;
        ValidationErrors errors;
        if (!cohook::read_payload(json, p, errors)) return std::nullopt;
        return p.webhook.version;
    };
    BOOST_TEST(version(std::int64_t{-4}).value_or(0) == -4);
    BOOST_TEST(version(std::uint64_t{INT64_MAX}).value_or(0) == INT64_MAX);  // uint64 in range
    BOOST_TEST(!version(std::uint64_t{INT64_MAX} + 1).has_value());
    BOOST_TEST(!version(3.0).has_value());
    BOOST_TEST(!version(1.5).has_value());
    BOOST_TEST(!version(true).has_value());
    BOOST_TEST(!version("3").has_value());
}

BOOST_AUTO_TEST_CASE(unknown_keys_and_new_enum_values_are_accepted) {
    boost::json::value json = minimal_v3();
    json.at("event").as_object()["scope"] = "repo.config.dois";
    json.at("event").as_object()["extra"] = true;
    repo_of(json)["type"] = "kernel";
    repo_of(json)["gitalyUid"] = "x";
    json.as_object()["newTopLevel"] = boost::json::object{{"a", 1}};
    WebhookPayload p;
    ValidationErrors errors;
    BOOST_TEST(cohook::read_payload(json, p, errors));
    BOOST_TEST(errors.empty());
    BOOST_TEST(p.event.scope == "repo.config.dois");
    BOOST_TEST(p.repo.type == "kernel");
    BOOST_TEST(p.event.in_scope("repo.config"));
    BOOST_TEST(p.event.in_scope("repo"));
    BOOST_TEST(p.event.in_scope("repo.config.dois"));
    BOOST_TEST(!p.event.in_scope("repo.content"));
    BOOST_TEST(!p.event.in_scope("rep"));
    BOOST_TEST(!p.event.in_scope("repo.config.dois.x"));
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_an_object_is_reported_at_body) {
    const auto issues = issues_of_text("[1,2]");
    BOOST_REQUIRE_EQUAL(issues.size(), 1u);
    BOOST_TEST((issues[0] == ValidationIssue{"model_attributes_type", loc("body"), kObject}));
}

BOOST_AUTO_TEST_CASE(reading_into_a_used_payload_starts_from_scratch) {
    WebhookPayload p = read_fixture("repo_content_update_pr_ref.json");
    ValidationErrors errors;
    BOOST_TEST(cohook::read_payload(load_fixture("discussion_create_pr.json"), p, errors));
    BOOST_TEST(!p.updated_refs.has_value());
    BOOST_TEST(!p.repo.subdomain.has_value());
}

BOOST_AUTO_TEST_CASE(every_sample_survives_a_round_trip_through_value_from) {
    for (const std::string& name : kFixtures) {
        BOOST_TEST_CONTEXT(name) {
            const WebhookPayload original = read_fixture(name);
            const boost::json::value json = boost::json::value_from(original);
            WebhookPayload again;
            ValidationErrors errors;
            BOOST_TEST(cohook::read_payload(json, again, errors));
            BOOST_TEST((again == original));
            BOOST_TEST(json.at("event").is_object());  // legacy payloads come out in the v3 shape
        }
    }
}

BOOST_AUTO_TEST_CASE(value_from_writes_camel_case_keys_and_omits_absent_optionals) {
    const boost::json::value json = boost::json::value_from(read_fixture("repo_content_update_pr_ref.json"));
    const boost::json::object& body = json.as_object();
    BOOST_TEST(!body.contains("discussion"));
    BOOST_TEST(!body.contains("comment"));
    BOOST_TEST(!body.contains("movedTo"));
    BOOST_TEST(!body.contains("updatedConfig"));
    BOOST_TEST(body.at("repo").at("headSha") == "5e7f29fffcc579cb52539fddb14a1a4f85f39e44");
    BOOST_TEST(body.at("repo").at("private") == false);
    BOOST_TEST(!body.at("repo").as_object().contains("tags"));
    BOOST_TEST(body.at("updatedRefs").at(0).at("oldSha").is_null());  // the Hub's own shape
    BOOST_TEST(body.at("webhook").at("version") == 3);
}

BOOST_AUTO_TEST_CASE(value_to_converts_and_reports_failures_as_error_codes) {
    const auto payload = boost::json::value_to<WebhookPayload>(load_fixture("discussion_create_pr.json"));
    BOOST_TEST(payload.discussion->num == 19);

    boost::json::value json = load_fixture("discussion_create_pr.json");
    json.at("repo").as_object().erase("owner");
    auto result = boost::json::try_value_to<WebhookPayload>(json);
    BOOST_TEST(result.has_error());
    BOOST_TEST((result.error() == boost::json::error::unknown_name));
    BOOST_TEST((boost::json::try_value_to<WebhookPayload>(boost::json::value(42)).error() ==
                boost::json::error::not_object));
    BOOST_CHECK_THROW(boost::json::value_to<WebhookPayload>(json), boost::system::system_error);
}

BOOST_AUTO_TEST_SUITE_END()
