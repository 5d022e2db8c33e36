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

using cohook::test::body;
using cohook::test::status;

namespace {

// Stripe publishes the scheme but no test vector ("Verify signatures manually":
// https://docs.stripe.com/webhooks#verify-manually): signed payload "{t}.{body}", HMAC-SHA256 keyed with
// the whole endpoint secret, hex in `v1`. These constants were computed independently with
//   printf '%s' '1492774577.{"id":"evt_test","object":"event"}' | openssl dgst -sha256 -hmac
//   whsec_test_secret printf '%s' '1492774577.{"id":"evt_test","object":"event"}' | openssl dgst -sha256
//   -hmac whsec_previous_secret
// (1492774577 is the timestamp of the docs' example header.)
constexpr std::string_view kSecret = "whsec_test_secret";
constexpr long kTimestamp = 1492774577;
constexpr std::string_view kBody = R"({"id":"evt_test","object":"event"})";
constexpr std::string_view kV1 = "691252e266ce41cb94d709c84e9580d4172b117a510bbc81723f657d2cd5d215";
constexpr std::string_view kV1PreviousSecret =
    "0304adcd6d26660dfb15a1882e2ea845dc82fe918679a3af765055698acc46c6";

/// Options whose clock stands still at `seconds` after the epoch.
cohook::verify::ToleranceOptions at(long seconds) {
    return {
        .now = [seconds] { return std::chrono::system_clock::time_point(std::chrono::seconds(seconds)); }};
}

Verifier stripe_at(long seconds, std::string_view secret = kSecret) {
    return cohook::verify::stripe(std::string(secret), at(seconds));
}

Request delivery(std::string_view header, std::string_view body = kBody) {
    return cohook::test::signed_post("/webhooks/stripe", body, {{"Stripe-Signature", header}});
}

std::string header(std::string_view v1 = kV1) {
    return "t=1492774577,v1=" + std::string(v1);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stripe_suite)

BOOST_AUTO_TEST_CASE(a_signature_computed_by_openssl_passes) {
    BOOST_TEST(!stripe_at(kTimestamp)(delivery(header())).has_value());
}

BOOST_AUTO_TEST_CASE(other_schemes_and_field_order_do_not_matter) {
    const std::string v1(kV1);
    // v0 is Stripe's test-mode scheme signed with another key: ignored.
    BOOST_TEST(
        status(stripe_at(kTimestamp), delivery("t=1492774577,v1=" + v1 + ",v0=6ffbb59b2300aae63f27")) == 200);
    BOOST_TEST(status(stripe_at(kTimestamp), delivery("v1=" + v1 + ",t=1492774577")) == 200);
    BOOST_TEST(status(stripe_at(kTimestamp), delivery("t=1492774577, v1=" + v1)) == 200);
    BOOST_TEST(status(stripe_at(kTimestamp), delivery("t=1492774577,v0=" + v1)) == 403);
}

BOOST_AUTO_TEST_CASE(one_matching_v1_among_several_passes) {
    // While a secret is rolled, Stripe signs with the old and the new one.
    const std::string both = header(kV1PreviousSecret) + ",v1=" + std::string(kV1);
    BOOST_TEST(status(stripe_at(kTimestamp), delivery(both)) == 200);
    BOOST_TEST(status(stripe_at(kTimestamp, "whsec_previous_secret"), delivery(both)) == 200);
    BOOST_TEST(status(stripe_at(kTimestamp, "whsec_other_secret"), delivery(both)) == 403);
}

BOOST_AUTO_TEST_CASE(tampered_body_is_403) {
    BOOST_TEST(status(stripe_at(kTimestamp), delivery(header(), R"({"id":"evt_test","object":"event" })")) ==
               403);
    BOOST_TEST(body(stripe_at(kTimestamp), delivery(header(), "{}")) == R"({"error":"Invalid signature."})");
}

BOOST_AUTO_TEST_CASE(a_changed_timestamp_breaks_the_signature) {
    BOOST_TEST(status(stripe_at(kTimestamp), delivery("t=1492774578,v1=" + std::string(kV1))) == 403);
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_403) {
    BOOST_TEST(status(stripe_at(kTimestamp, "whsec_test_secreT"), delivery(header())) == 403);
    // The secret is used as is, prefix included.
    BOOST_TEST(status(stripe_at(kTimestamp, "test_secret"), delivery(header())) == 403);
}

BOOST_AUTO_TEST_CASE(timestamps_beyond_300_seconds_either_way_are_401) {
    BOOST_TEST(status(stripe_at(kTimestamp + 300), delivery(header())) == 200);
    BOOST_TEST(status(stripe_at(kTimestamp - 300), delivery(header())) == 200);
    BOOST_TEST(status(stripe_at(kTimestamp + 301), delivery(header())) == 401);
    BOOST_TEST(status(stripe_at(kTimestamp - 301), delivery(header())) == 401);
    BOOST_TEST(body(stripe_at(kTimestamp + 86400), delivery(header())) ==
               R"({"error":"Timestamp outside the tolerance."})");
}

BOOST_AUTO_TEST_CASE(missing_header_is_401_naming_it) {
    Request request = delivery(header());
    request.headers.clear();
    BOOST_TEST(status(stripe_at(kTimestamp), request) == 401);
    BOOST_TEST(body(stripe_at(kTimestamp), request) == R"({"error":"Stripe-Signature header not set."})");
}

BOOST_AUTO_TEST_CASE(a_header_without_a_usable_timestamp_is_401) {
    const std::string v1(kV1);
    for (const std::string& bad :
         {"v1=" + v1, "t=,v1=" + v1, "t=abc,v1=" + v1, "T=1492774577,v1=" + v1, "t=-1,v1=" + v1,
          "t=1492774577;v1=" + v1, std::string(""), std::string(",,,")}) {
        BOOST_TEST(status(stripe_at(kTimestamp), delivery(bad)) == 401, "'" << bad << "'");
        BOOST_TEST(body(stripe_at(kTimestamp), delivery(bad)) == R"({"error":"Invalid timestamp."})");
    }
}

BOOST_AUTO_TEST_CASE(a_header_without_a_valid_v1_is_403) {
    const std::string v1(kV1);
    for (const std::string& bad :
         {std::string("t=1492774577"), std::string("t=1492774577,v1="), "t=1492774577,v1=" + v1.substr(1),
          "t=1492774577,v1=" + v1 + "00", "t=1492774577,v1:" + v1}) {
        BOOST_TEST(status(stripe_at(kTimestamp), delivery(bad)) == 403, "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(an_empty_secret_is_refused_at_set_up) {
    BOOST_CHECK_THROW(cohook::verify::stripe(""), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
