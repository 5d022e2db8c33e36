#include <cohook/verifiers.hpp>
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include "support/verifier_checks.hpp"

#include <cohook/request.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

using cohook::Request;
using cohook::Verifier;

using cohook::test::body;
using cohook::test::status;

namespace {

// GitHub's worked example, "Validating webhook deliveries" > "Testing the webhook payload validation":
// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
// Checked with: printf '%s' 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"
constexpr std::string_view kSecret = "It's a Secret to Everybody";
constexpr std::string_view kPayload = "Hello, World!";
constexpr std::string_view kSignature =
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

Request delivery(std::string_view signature, std::string_view body = kPayload) {
    return cohook::test::signed_post("/webhooks/github", body, {{"X-Hub-Signature-256", signature}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_suite)

BOOST_AUTO_TEST_CASE(githubs_documented_example_passes) {
    const Verifier verifier = cohook::verify::github(std::string(kSecret));
    BOOST_TEST(!verifier(delivery(kSignature)).has_value());
}

BOOST_AUTO_TEST_CASE(header_name_case_and_hex_case_do_not_matter) {
    const Verifier verifier = cohook::verify::github(std::string(kSecret));
    Request request = delivery("");
    request.headers.clear();
    request.headers.add("x-hub-signature-256",
                        "sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17");
    BOOST_TEST(status(verifier, request) == 200);
}

BOOST_AUTO_TEST_CASE(tampered_body_is_403) {
    const Verifier verifier = cohook::verify::github(std::string(kSecret));
    for (const std::string_view tampered : {"Hello, World?", "Hello, World! ", "", "hello, World!"}) {
        BOOST_TEST(status(verifier, delivery(kSignature, tampered)) == 403, "'" << tampered << "'");
    }
    BOOST_TEST(body(verifier, delivery(kSignature, "Hello, World?")) == R"({"error":"Invalid signature."})");
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_403) {
    BOOST_TEST(status(cohook::verify::github("It's a Secret to Everybody!"), delivery(kSignature)) == 403);
    BOOST_TEST(status(cohook::verify::github("it's a secret to everybody"), delivery(kSignature)) == 403);
}

BOOST_AUTO_TEST_CASE(missing_header_is_401_naming_it) {
    const Verifier verifier = cohook::verify::github(std::string(kSecret));
    Request request = delivery(kSignature);
    request.headers.clear();
    // The legacy SHA-1 header alone is not enough.
    request.headers.add("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567");
    BOOST_TEST(status(verifier, request) == 401);
    BOOST_TEST(body(verifier, request) == R"({"error":"X-Hub-Signature-256 header not set."})");
}

BOOST_AUTO_TEST_CASE(malformed_signature_header_is_403) {
    const Verifier verifier = cohook::verify::github(std::string(kSecret));
    const std::string hex(kSignature.substr(7));
    for (const std::string& bad :
         {hex, "sha1=" + hex, "SHA256=" + hex, "sha256 " + hex, std::string("sha256="), std::string(""),
          "sha256=" + hex.substr(0, 63), "sha256=" + hex.substr(0, 62), "sha256=" + hex + "00",
          "sha256=" + hex + " ", "sha256=" + hex.substr(0, 63) + "g", "sha256=" + hex + "," + hex}) {
        BOOST_TEST(status(verifier, delivery(bad)) == 403, "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(only_the_first_signature_header_counts) {
    const Verifier verifier = cohook::verify::github(std::string(kSecret));
    Request request = delivery("sha256=00");
    request.headers.add("X-Hub-Signature-256", std::string(kSignature));
    BOOST_TEST(status(verifier, request) == 403);
}

BOOST_AUTO_TEST_CASE(failures_never_echo_the_secret_or_the_expected_signature) {
    const Verifier verifier = cohook::verify::github(std::string(kSecret));
    const auto response = verifier(delivery("sha256=00", kPayload));
    BOOST_REQUIRE(response.has_value());
    BOOST_TEST(response->body.find("Secret") == std::string::npos);
    BOOST_TEST(response->body.find("757107ea") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_empty_secret_is_refused_at_set_up) {
    BOOST_CHECK_THROW(cohook::verify::github(""), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
