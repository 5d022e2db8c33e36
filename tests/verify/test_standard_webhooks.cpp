#include <cohook/verifiers.hpp>
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include "support/verifier_checks.hpp"

#include <cohook/request.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using cohook::Request;
using cohook::Verifier;
using namespace std::chrono_literals;

using cohook::test::body;
using cohook::test::status;

namespace {

// The Standard Webhooks reference libraries' test vector ("sign function works" in
// https://github.com/standard-webhooks/standard-webhooks/blob/main/libraries/javascript/src/webhook.test.ts,
// also in Svix's https://docs.svix.com/receiving/verifying-payloads/how-manual). Checked with:
//   printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' |
//     openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d |
//     xxd -p) -binary | base64
// Spec: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
constexpr std::string_view kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view kId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr long kTimestamp = 1614265330;
constexpr std::string_view kPayload = R"({"test": 2432232314})";
constexpr std::string_view kSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
// Another key ("second key for rotation!" in base64), for rotations and wrong secrets.
constexpr std::string_view kOtherSecret = "whsec_c2Vjb25kIGtleSBmb3Igcm90YXRpb24h";

/// Options whose clock stands still at `seconds` after the epoch.
cohook::verify::StandardWebhooksOptions at(long seconds) {
    return {
        .now = [seconds] { return std::chrono::system_clock::time_point(std::chrono::seconds(seconds)); }};
}

Verifier verifier_at(long seconds, std::string_view secret = kSecret) {
    return cohook::verify::standard_webhooks(std::string(secret), at(seconds));
}

Request delivery(std::string_view signature = kSignature, std::string_view timestamp = "1614265330",
                 std::string_view body = kPayload, std::string_view id = kId) {
    return cohook::test::signed_post(
        "/webhooks/standard", body,
        {{"webhook-id", id}, {"webhook-timestamp", timestamp}, {"webhook-signature", signature}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(standard_webhooks_suite)

BOOST_AUTO_TEST_CASE(the_published_test_vector_passes) {
    BOOST_TEST(!verifier_at(kTimestamp)(delivery()).has_value());
}

BOOST_AUTO_TEST_CASE(the_whsec_prefix_is_optional) {
    BOOST_TEST(status(verifier_at(kTimestamp, kSecret.substr(6)), delivery()) == 200);
}

BOOST_AUTO_TEST_CASE(branded_header_names_in_any_case_pass) {
    Request request = delivery();
    request.headers.clear();
    request.headers.add("Webhook-Id", std::string(kId));
    request.headers.add("Webhook-Timestamp", "1614265330");
    request.headers.add("WEBHOOK-SIGNATURE", std::string(kSignature));
    BOOST_TEST(status(verifier_at(kTimestamp), request) == 200);
}

BOOST_AUTO_TEST_CASE(svix_branded_headers_pass) {
    // Svix sends the same scheme under `svix-*` names (the same vector, as Svix's docs show it).
    Request request = delivery();
    request.headers.clear();
    request.headers.add("svix-id", std::string(kId));
    request.headers.add("svix-timestamp", "1614265330");
    request.headers.add("svix-signature", std::string(kSignature));
    BOOST_TEST(status(verifier_at(kTimestamp), request) == 200);
    request.headers.erase("svix-signature");
    BOOST_TEST(body(verifier_at(kTimestamp), request) == R"({"error":"svix-signature header not set."})");
    // The unbranded names win when both are sent.
    request = delivery("v1,bm9wZQ==");
    request.headers.add("svix-id", std::string(kId));
    request.headers.add("svix-timestamp", "1614265330");
    request.headers.add("svix-signature", std::string(kSignature));
    BOOST_TEST(status(verifier_at(kTimestamp), request) == 403);
}

BOOST_AUTO_TEST_CASE(one_match_among_several_signatures_passes) {
    // As in the reference libraries' "multi sig payload is valid": unknown versions are skipped.
    const std::string signatures =
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,bm9wZQ== " + std::string(kSignature) +
        " v1,bm9wZQ==";
    BOOST_TEST(status(verifier_at(kTimestamp), delivery(signatures)) == 200);
    BOOST_TEST(status(verifier_at(kTimestamp), delivery("  " + std::string(kSignature) + "  ")) == 200);
}

BOOST_AUTO_TEST_CASE(a_valid_signature_under_another_version_is_ignored) {
    BOOST_TEST(status(verifier_at(kTimestamp), delivery("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")) ==
               403);
    BOOST_TEST(
        status(verifier_at(kTimestamp), delivery("v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")) == 403);
}

BOOST_AUTO_TEST_CASE(tampered_body_id_or_timestamp_is_403) {
    BOOST_TEST(status(verifier_at(kTimestamp),
                      delivery(kSignature, "1614265330", R"({"test": 2432232315})")) == 403);
    BOOST_TEST(status(verifier_at(kTimestamp), delivery(kSignature, "1614265330", kPayload, "msg_other")) ==
               403);
    BOOST_TEST(status(verifier_at(kTimestamp), delivery(kSignature, "1614265331")) == 403);
    BOOST_TEST(body(verifier_at(kTimestamp), delivery(kSignature, "1614265330", "{}")) ==
               R"({"error":"Invalid signature."})");
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_403) {
    BOOST_TEST(status(verifier_at(kTimestamp, kOtherSecret), delivery()) == 403);
}

BOOST_AUTO_TEST_CASE(during_a_rotation_either_secret_passes) {
    const auto options = at(kTimestamp);
    const auto rotated = cohook::verify::standard_webhooks(
        std::vector<std::string>{std::string(kOtherSecret), std::string(kSecret)}, options);
    BOOST_TEST(status(rotated, delivery()) == 200);
    const auto old_only =
        cohook::verify::standard_webhooks(std::vector<std::string>{std::string(kOtherSecret)}, options);
    BOOST_TEST(status(old_only, delivery()) == 403);
}

BOOST_AUTO_TEST_CASE(timestamps_beyond_five_minutes_either_way_are_401) {
    BOOST_TEST(status(verifier_at(kTimestamp + 300), delivery()) == 200);
    BOOST_TEST(status(verifier_at(kTimestamp - 300), delivery()) == 200);
    BOOST_TEST(status(verifier_at(kTimestamp + 301), delivery()) == 401);
    BOOST_TEST(status(verifier_at(kTimestamp - 301), delivery()) == 401);
    BOOST_TEST(body(verifier_at(kTimestamp + 301), delivery()) ==
               R"({"error":"Timestamp outside the tolerance."})");
}

BOOST_AUTO_TEST_CASE(the_tolerance_is_configurable) {
    auto options = at(kTimestamp - 60);
    options.tolerance = 1min;
    BOOST_TEST(status(cohook::verify::standard_webhooks(std::string(kSecret), options), delivery()) == 200);
    options.tolerance = 59s;
    BOOST_TEST(status(cohook::verify::standard_webhooks(std::string(kSecret), options), delivery()) == 401);
}

BOOST_AUTO_TEST_CASE(missing_headers_are_401_naming_them) {
    for (const std::string_view name : {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
        Request request = delivery();
        request.headers.erase(name);
        BOOST_TEST(status(verifier_at(kTimestamp), request) == 401, name);
        BOOST_TEST(body(verifier_at(kTimestamp), request) ==
                   R"({"error":")" + std::string(name) + R"( header not set."})");
    }
}

BOOST_AUTO_TEST_CASE(an_unparsable_timestamp_is_401) {
    for (const std::string_view bad : {"", "hello", "-1614265330", "1614265330.0", "0x603860f2"}) {
        BOOST_TEST(
            body(verifier_at(kTimestamp), delivery(kSignature, bad)) == R"({"error":"Invalid timestamp."})",
            "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(malformed_signatures_are_403) {
    // The reference libraries' "invalid signature" and "partial signature" cases, and more.
    for (const std::string_view bad :
         {"v1,dawfeoifkpqwoekfpqoekf", "v1,g0hM9SsE", "v1,", "v1", "",
          "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "v1=g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
          "v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE=",
          "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=="}) {
        BOOST_TEST(status(verifier_at(kTimestamp), delivery(bad)) == 403, "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(the_mac_counts_not_its_spelling) {
    // Without its '=' padding the signature decodes to the same MAC, so it passes.
    BOOST_TEST(status(verifier_at(kTimestamp), delivery("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE")) ==
               200);
}

BOOST_AUTO_TEST_CASE(bad_secrets_are_refused_at_set_up_without_echoing_them) {
    BOOST_CHECK_THROW(cohook::verify::standard_webhooks(""), std::invalid_argument);
    BOOST_CHECK_THROW(cohook::verify::standard_webhooks("whsec_"), std::invalid_argument);
    BOOST_CHECK_THROW(cohook::verify::standard_webhooks(std::vector<std::string>{}), std::invalid_argument);
    BOOST_CHECK_THROW(cohook::verify::standard_webhooks(std::vector<std::string>{std::string(kSecret), ""}),
                      std::invalid_argument);
    try {
        cohook::verify::standard_webhooks("whsec_not base64!");
        BOOST_ERROR("no exception");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("not base64!") == std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
