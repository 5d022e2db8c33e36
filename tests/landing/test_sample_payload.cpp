#include "landing/sample_payload.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <cohook/validation_errors.hpp>
#include <cohook/webhook_payload.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>
#include <string>

using cohook::detail::hub_sample_payload;

namespace {

std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(COHOOK_FIXTURES_DIR) + "/" + name, std::ios::binary);
    BOOST_TEST_REQUIRE(in.is_open(), "cannot open fixture " << name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sample_payload)

BOOST_AUTO_TEST_CASE(embedded_sample_is_byte_identical_to_the_fixture) {
    const std::string fixture = read_fixture("discussion_create_pr.json");
    // Compared as strings first so a mismatch prints both; the size check catches a lost final newline.
    BOOST_TEST(hub_sample_payload().size() == fixture.size());
    BOOST_TEST(std::string(hub_sample_payload()) == fixture);
}

BOOST_AUTO_TEST_CASE(embedded_sample_is_a_valid_hub_payload) {
    // The landing page's test form sends it as is: it must pass validation (200, not 422).
    const boost::json::value json = boost::json::parse(hub_sample_payload());
    cohook::WebhookPayload payload;
    cohook::ValidationErrors errors;
    BOOST_TEST(cohook::read_payload(json, payload, errors));
    BOOST_TEST(payload.event.action == "create");
    BOOST_TEST(payload.event.scope == "discussion");
}

BOOST_AUTO_TEST_SUITE_END()
