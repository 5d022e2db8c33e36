#include <cohook/verifiers.hpp>
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include "support/verifier_checks.hpp"

#include <cohook/request.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

using cohook::Request;
using cohook::Verifier;
using namespace std::chrono_literals;

using cohook::test::body;
using cohook::test::status;

namespace {

// Slack's worked example, "Verifying requests from Slack" > "Validating a request":
// https://api.slack.com/authentication/verifying-requests-from-slack
// Checked with: printf '%s' "v0:1531420618:$BODY" | openssl dgst -sha256 -hmac
// 8f742231b10e8888abcd99yyyzzz85a5
constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr long kTimestamp = 1531420618;
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&"
    "channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
    "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%"
    "2F96rGlfmibIGlgcZRskXaIFfN&"
    "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
constexpr std::string_view kSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

/// Options whose clock stands still at `seconds` after the epoch.
cohook::verify::ToleranceOptions at(long seconds) {
    return {
        .now = [seconds] { return std::chrono::system_clock::time_point(std::chrono::seconds(seconds)); }};
}

Verifier slack_at(long seconds, std::string_view secret = kSecret) {
    return cohook::verify::slack(std::string(secret), at(seconds));
}

Request delivery(std::string_view signature = kSignature, std::string_view timestamp = "1531420618",
                 std::string_view body = kBody) {
    return cohook::test::signed_post(
        "/webhooks/slack", body,
        {{"X-Slack-Request-Timestamp", timestamp}, {"X-Slack-Signature", signature}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(slack_suite)

BOOST_AUTO_TEST_CASE(slacks_documented_example_passes) {
    BOOST_TEST(!slack_at(kTimestamp)(delivery()).has_value());
}

BOOST_AUTO_TEST_CASE(tampered_body_is_403) {
    std::string tampered(kBody);
    tampered.replace(tampered.find("foobar"), 6, "foobaz");
    BOOST_TEST(status(slack_at(kTimestamp), delivery(kSignature, "1531420618", tampered)) == 403);
    BOOST_TEST(body(slack_at(kTimestamp), delivery(kSignature, "1531420618", tampered)) ==
               R"({"error":"Invalid signature."})");
}

BOOST_AUTO_TEST_CASE(a_changed_timestamp_breaks_the_signature) {
    BOOST_TEST(status(slack_at(kTimestamp), delivery(kSignature, "1531420619")) == 403);
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_403) {
    BOOST_TEST(status(slack_at(kTimestamp, "8f742231b10e8888abcd99yyyzzz85a6"), delivery()) == 403);
}

BOOST_AUTO_TEST_CASE(a_timestamp_older_than_five_minutes_is_401) {
    BOOST_TEST(status(slack_at(kTimestamp + 300), delivery()) == 200);
    BOOST_TEST(status(slack_at(kTimestamp + 301), delivery()) == 401);
    BOOST_TEST(body(slack_at(kTimestamp + 3600), delivery()) ==
               R"({"error":"Timestamp outside the tolerance."})");
}

BOOST_AUTO_TEST_CASE(a_timestamp_more_than_five_minutes_ahead_is_401) {
    BOOST_TEST(status(slack_at(kTimestamp - 300), delivery()) == 200);
    BOOST_TEST(status(slack_at(kTimestamp - 301), delivery()) == 401);
}

BOOST_AUTO_TEST_CASE(the_tolerance_is_configurable) {
    auto options = at(kTimestamp + 30);
    options.tolerance = 10s;
    BOOST_TEST(status(cohook::verify::slack(std::string(kSecret), options), delivery()) == 401);
    options.tolerance = 30s;
    BOOST_TEST(status(cohook::verify::slack(std::string(kSecret), options), delivery()) == 200);
}

BOOST_AUTO_TEST_CASE(missing_headers_are_401_naming_them) {
    Request request = delivery();
    request.headers.erase("X-Slack-Signature");
    BOOST_TEST(status(slack_at(kTimestamp), request) == 401);
    BOOST_TEST(body(slack_at(kTimestamp), request) == R"({"error":"X-Slack-Signature header not set."})");
    request = delivery();
    request.headers.erase("X-Slack-Request-Timestamp");
    BOOST_TEST(body(slack_at(kTimestamp), request) ==
               R"({"error":"X-Slack-Request-Timestamp header not set."})");
}

BOOST_AUTO_TEST_CASE(an_unparsable_timestamp_is_401) {
    for (const std::string_view bad : {"", "abc", "-1531420618", "+1531420618", "1531420618.0", " 1531420618",
                                       "1531420618s", "99999999999999999999999"}) {
        BOOST_TEST(status(slack_at(kTimestamp), delivery(kSignature, bad)) == 401, "'" << bad << "'");
        BOOST_TEST(body(slack_at(kTimestamp), delivery(kSignature, bad)) ==
                   R"({"error":"Invalid timestamp."})");
    }
}

BOOST_AUTO_TEST_CASE(malformed_signature_header_is_403) {
    const std::string hex(kSignature.substr(3));
    for (const std::string& bad : {hex, "v1=" + hex, "V0=" + hex, std::string("v0="), std::string(""),
                                   "v0=" + hex.substr(1), "v0=" + hex + "0"}) {
        BOOST_TEST(status(slack_at(kTimestamp), delivery(bad)) == 403, "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(an_empty_signing_secret_is_refused_at_set_up) {
    BOOST_CHECK_THROW(cohook::verify::slack(""), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
