// read_payload_text (the streaming reader requests take) against read_payload on a parsed document (the
// reference): whenever the streaming reader accepts a body, the reference must accept it too and give
// the same payload. Every fixture is mutated field by field (removed, null, each wrong type, repeated)
// and a list of hand-written bodies covers what mutation cannot reach (escapes, parts, nesting, junk).
#include <cohook/validation_errors.hpp>
#include <cohook/webhook_payload.hpp>

#include <boost/test/unit_test.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using cohook::WebhookPayload;

const std::vector<std::string> kV3Fixtures = {
    "discussion_comment_create_assembled.json", "discussion_create_pr.json",
    "discussion_create_pr_hfhub_test.json",     "discussion_update_closed.json",
    "repo_config_update_assembled.json",        "repo_content_update_main.json",
    "repo_content_update_pr_ref.json",
};
const std::vector<std::string> kLegacyFixtures = {"legacy_v2_discussion_comment_add.json",
                                                  "legacy_v2_repo_move.json"};

std::string fixture_text(const std::string& name) {
    std::ifstream file(std::string(COHOOK_FIXTURES_DIR) + "/" + name, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(file, "cannot open fixture " << name);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The reference: parse a document, then read_payload. Empty when either step refuses.
std::optional<WebhookPayload> reference(const std::string& text) {
    boost::json::error_code ec;
    const boost::json::value json = boost::json::parse(text, ec);
    if (ec) return std::nullopt;
    WebhookPayload payload;
    cohook::ValidationErrors errors;
    if (!cohook::read_payload(json, payload, errors)) return std::nullopt;
    return payload;
}

struct Tally {
    int accepted = 0;  // both readers accepted
    int declined = 0;  // the streaming reader declined (the reference may accept or not)
};

// The one property: accepted by the streaming reader ⇒ accepted by the reference, with the same result.
void check_agrees(const std::string& text, Tally& tally) {
    WebhookPayload streamed;
    if (!cohook::read_payload_text(text, streamed)) {
        ++tally.declined;
        return;
    }
    const auto expected = reference(text);
    BOOST_REQUIRE_MESSAGE(expected, "streaming reader accepted what read_payload refuses: " << text);
    BOOST_CHECK_MESSAGE(streamed == *expected, "streaming reader read differently: " << text);
    ++tally.accepted;
}

const std::vector<boost::json::value> kWrongValues = {
    nullptr,
    42,
    -1,
    1.5,
    true,
    "x",
    boost::json::array{},
    boost::json::object{},
    boost::json::array{1, "a"},
    boost::json::object{{"id", "x"}},
    18446744073709551615ull,
};

// Calls `visit` once per (object, key) pair anywhere inside `value`.
void for_each_field(boost::json::value& value,
                    const std::function<void(boost::json::object&, const std::string&)>& visit) {
    if (auto* obj = value.if_object()) {
        std::vector<std::string> keys;
        for (const auto& member : *obj) keys.emplace_back(member.key());
        for (const auto& key : keys) {
            visit(*obj, key);
            if (auto* child = obj->if_contains(key)) for_each_field(*child, visit);  // unless erased
        }
    } else if (auto* arr = value.if_array()) {
        for (auto& item : *arr) for_each_field(item, visit);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(payload_stream)

BOOST_AUTO_TEST_CASE(every_v3_fixture_is_read_like_the_document_reader_reads_it) {
    for (const auto& name : kV3Fixtures) {
        const std::string text = fixture_text(name);
        WebhookPayload streamed;
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(cohook::read_payload_text(text, streamed));
            const auto expected = reference(text);
            BOOST_REQUIRE(expected);
            BOOST_TEST((streamed == *expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(legacy_payloads_are_left_to_the_document_reader) {
    for (const auto& name : kLegacyFixtures) {
        const std::string text = fixture_text(name);
        WebhookPayload streamed;
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(!cohook::read_payload_text(text, streamed));
            BOOST_TEST(reference(text).has_value());  // still a valid payload, by the slower path
        }
    }
}

BOOST_AUTO_TEST_CASE(every_field_removed_nulled_or_mistyped_agrees_with_the_document_reader) {
    Tally tally;
    for (const auto& name : kV3Fixtures) {
        const boost::json::value original = boost::json::parse(fixture_text(name));
        // Visit each field of a fresh copy by position, so every mutation starts from the fixture.
        std::size_t fields = 0;
        boost::json::value probe = original;
        for_each_field(probe, [&](boost::json::object&, const std::string&) { ++fields; });
        for (std::size_t target = 0; target < fields; ++target) {
            for (std::size_t variant = 0; variant <= kWrongValues.size(); ++variant) {
                boost::json::value copy = original;
                std::size_t index = 0;
                for_each_field(copy, [&](boost::json::object& obj, const std::string& key) {
                    if (index++ != target) return;
                    if (variant == kWrongValues.size()) {
                        obj.erase(key);
                    } else {
                        obj[key] = kWrongValues[variant];
                    }
                });
                check_agrees(boost::json::serialize(copy), tally);
            }
        }
    }
    BOOST_TEST_MESSAGE("mutations: " << tally.accepted << " accepted by both, " << tally.declined
                                     << " declined by the streaming reader");
    // Both outcomes must really occur, or the property above says little.
    BOOST_TEST(tally.accepted > 100);
    BOOST_TEST(tally.declined > 100);
}

BOOST_AUTO_TEST_CASE(a_repeated_field_is_left_to_the_document_reader) {
    Tally tally;
    const std::string text = fixture_text("repo_content_update_main.json");
    // Repeat each known top-level or nested key by splicing a copy of its member right after the '{'.
    for (const std::string member : {R"("event":{"action":"update","scope":"repo"},)",
                                     R"("name":"other/name",)", R"("id":"x",)", R"("web":"https://x",)"}) {
        std::string repeated = text;
        const std::string key = member.substr(0, member.find(':'));
        const std::size_t at = repeated.find(key);
        BOOST_REQUIRE(at != std::string::npos);
        const std::size_t brace = repeated.rfind('{', at);
        repeated.insert(brace + 1, member);
        WebhookPayload streamed;
        BOOST_TEST(!cohook::read_payload_text(repeated, streamed), repeated);
        check_agrees(repeated, tally);
    }
}

BOOST_AUTO_TEST_CASE(hand_written_bodies_agree_with_the_document_reader) {
    const std::string minimal_repo =
        R"("repo":{"type":"model","name":"u/m","id":"1","private":false,"url":{"web":"w"},"owner":{"id":"o"}})";
    const std::string minimal = R"({"event":{"action":"update","scope":"repo"},)" + minimal_repo +
                                R"(,"webhook":{"id":"h","version":3}})";
    const std::string long_text(6000, 'a');
    const std::vector<std::string> accepted = {
        minimal,
        " \n\t" + minimal + " \r\n",
        // Escapes in keys and values; unknown keys holding every kind of value, nested.
        R"({"ev\u0065nt":{"action":"upd\"ate","scope":"r\u00e9po"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3},"extra":{"a":[1,2.5,{"b":null}],"c":"d"},"more":[[]]})",
        // Strings and keys longer than the parser's internal buffer, with escapes, so they arrive in parts.
        R"({"event":{"action":")" + long_text + R"(\n","scope":"repo"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3},")" + long_text + R"(\t":1})",
        // Optional fields as null, lists, a nested config with doubles, repeats and arrays.
        R"({"event":{"action":"update","scope":"repo.config"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3},"discussion":null,"comment":null,"movedTo":null,)"
            R"("updatedRefs":[{"ref":"refs/heads/main","oldSha":null,"newSha":"abc"}],)"
            R"("updatedConfig":{"a":1.25,"b":[true,null,{"c":-3}],"a":"again","d":18446744073709551615}})",
        R"({"event":{"action":"update","scope":"repo"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3},)"
            R"("updatedRefs":[],"updatedConfig":{}})",
    };
    const std::vector<std::string> declined = {
        "",
        "   ",
        "null",
        "[]",
        R"("text")",
        minimal + "x",
        minimal + minimal,
        "/* c */" + minimal,
        "\xEF\xBB\xBF" + minimal,  // a byte order mark is not JSON
        minimal.substr(0, minimal.size() - 1),
        R"({"event":"add",)" + minimal_repo + "}",                               // legacy shape
        R"({"event":{"action":"update","scope":"repo"},)" + minimal_repo + "}",  // no webhook
        R"({"event":{"action":"update","scope":"repo"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3.0}})",  // a double where an integer belongs
        R"({"event":{"action":"update","scope":"repo"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3},"updatedRefs":[null]})",
        R"({"event":{"action":"update","scope":"repo"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3},"updatedConfig":[1]})",
        R"({"event":{"action":"update","scope":"repo"},)" + minimal_repo +
            R"(,"webhook":{"id":"h","version":3},"x":)" + std::string(40, '[') + std::string(40, ']') + "}",
    };
    Tally tally;
    for (const auto& text : accepted) {
        WebhookPayload streamed;
        BOOST_TEST(cohook::read_payload_text(text, streamed), text.substr(0, 200));
        check_agrees(text, tally);
    }
    for (const auto& text : declined) {
        WebhookPayload streamed;
        BOOST_TEST(!cohook::read_payload_text(text, streamed), text.substr(0, 200));
    }
    BOOST_TEST(tally.accepted == static_cast<int>(accepted.size()));
}

BOOST_AUTO_TEST_SUITE_END()
