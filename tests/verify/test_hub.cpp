#include <cohook/verifiers.hpp>
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <cohook/request.hpp>

#include <stdexcept>
#include <string>

using cohook::Request;

namespace {

Request delivery(std::string query = {}) {
    Request request;
    request.method = "POST";
    request.path = "/webhooks/hub";
    request.query = std::move(query);
    request.target = request.query.empty() ? request.path : request.path + "?" + request.query;
    request.body = "{}";
    return request;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hub_suite)

BOOST_AUTO_TEST_CASE(the_right_secret_in_the_header_or_the_query_passes) {
    const auto verifier = cohook::verify::hub_secret("s3cret");
    Request request = delivery();
    request.headers.add("X-Webhook-Secret", "s3cret");
    BOOST_TEST(!verifier(request).has_value());
    BOOST_TEST(!verifier(delivery("secret=s3cret")).has_value());
}

BOOST_AUTO_TEST_CASE(answers_like_the_servers_own_check) {
    const auto verifier = cohook::verify::hub_secret("s3cret");
    const auto missing = verifier(delivery());
    BOOST_REQUIRE(missing.has_value());
    BOOST_TEST(missing->status == 401);
    BOOST_TEST(missing->body == R"({"error":"x-webhook-secret header not set."})");
    Request wrong = delivery();
    wrong.headers.add("X-Webhook-Secret", "nope");
    const auto invalid = verifier(wrong);
    BOOST_REQUIRE(invalid.has_value());
    BOOST_TEST(invalid->status == 403);
    BOOST_TEST(invalid->body == R"({"error":"Invalid webhook secret."})");
}

BOOST_AUTO_TEST_CASE(an_empty_secret_is_refused_at_set_up) {
    // The server treats an empty secret as "no check"; asking for a verifier with one is a mistake.
    BOOST_CHECK_THROW(cohook::verify::hub_secret(""), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
