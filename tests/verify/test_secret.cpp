#include "verify/secret.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <cohook/request.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

using cohook::Request;
using cohook::detail::check_secret;
using cohook::detail::constant_time_equals;
using cohook::detail::SecretCheck;

namespace cohook::detail {
// Lets BOOST_TEST print both sides of a failed comparison.
std::ostream& operator<<(std::ostream& os, SecretCheck check) {
    switch (check) {
        case SecretCheck::ok:
            return os << "ok";
        case SecretCheck::missing:
            return os << "missing";
        case SecretCheck::invalid:
            return os << "invalid";
    }
    return os << "SecretCheck(" << static_cast<int>(check) << ")";
}
}  // namespace cohook::detail

namespace {

Request webhook_request(std::string query = {}) {
    Request r;
    r.method = "POST";
    r.path = "/webhooks/x";
    r.query = std::move(query);
    r.target = r.query.empty() ? r.path : r.path + "?" + r.query;
    r.body = "{}";
    return r;
}

Request with_header(std::string name, std::string value, std::string query = {}) {
    Request r = webhook_request(std::move(query));
    r.headers.add(std::move(name), std::move(value));
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secret_suite)

BOOST_AUTO_TEST_CASE(constant_time_equals_matches_only_identical_strings) {
    struct Row {
        std::string_view a, b;
        bool equal;
    };
    const Row table[] = {
        {"secret", "secret", true},
        {"", "", true},
        {"xecret", "secret", false},
        {"secrex", "secret", false},
        {"secre", "secret", false},
        {"secret", "secre", false},
        {"", "s", false},
        {"s", "", false},
        {"Secret", "secret", false},
        {std::string_view("a\0", 2), "a", false},
        {std::string_view("a\0b", 3), std::string_view("a\0b", 3), true},
        {"\xff", "\x7f", false},
    };
    for (const auto& row : table) {
        BOOST_TEST(constant_time_equals(row.a, row.b) == row.equal,
                   "a: '" << row.a << "' b: '" << row.b << "'");
    }
}

BOOST_AUTO_TEST_CASE(the_right_header_is_ok_whatever_the_name_case) {
    for (const char* name :
         {"X-Webhook-Secret", "x-webhook-secret", "X-WEBHOOK-SECRET", "x-WebHook-SeCrEt"}) {
        BOOST_TEST(check_secret(with_header(name, "s3cret"), "s3cret") == SecretCheck::ok, "name: " << name);
    }
}

BOOST_AUTO_TEST_CASE(a_wrong_header_is_invalid) {
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", "nope"), "s3cret") == SecretCheck::invalid);
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", "s3cre"), "s3cret") == SecretCheck::invalid);
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", "s3cret "), "s3cret") == SecretCheck::invalid);
}

BOOST_AUTO_TEST_CASE(the_right_query_parameter_is_ok) {
    BOOST_TEST(check_secret(webhook_request("secret=s3cret"), "s3cret") == SecretCheck::ok);
    BOOST_TEST(check_secret(webhook_request("a=1&secret=s3cret&b=2"), "s3cret") == SecretCheck::ok);
}

BOOST_AUTO_TEST_CASE(the_query_parameter_is_percent_decoded_before_comparing) {
    BOOST_TEST(check_secret(webhook_request("secret=my%20secret"), "my secret") == SecretCheck::ok);
    BOOST_TEST(check_secret(webhook_request("secret=my+secret"), "my secret") == SecretCheck::ok);
    BOOST_TEST(check_secret(webhook_request("secret=a%26b%3Dc"), "a&b=c") == SecretCheck::ok);
    BOOST_TEST(check_secret(webhook_request("secret=my%20secret"), "my%20secret") == SecretCheck::invalid);
}

BOOST_AUTO_TEST_CASE(a_wrong_query_parameter_is_invalid) {
    BOOST_TEST(check_secret(webhook_request("secret=nope"), "s3cret") == SecretCheck::invalid);
    BOOST_TEST(check_secret(webhook_request("secret="), "s3cret") == SecretCheck::invalid);
    BOOST_TEST(check_secret(webhook_request("secret"), "s3cret") == SecretCheck::invalid);
}

BOOST_AUTO_TEST_CASE(the_header_wins_over_the_query_parameter) {
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", "s3cret", "secret=wrong"), "s3cret") ==
               SecretCheck::ok);
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", "wrong", "secret=s3cret"), "s3cret") ==
               SecretCheck::invalid);
}

BOOST_AUTO_TEST_CASE(no_secret_sent_is_missing) {
    BOOST_TEST(check_secret(webhook_request(), "s3cret") == SecretCheck::missing);
    BOOST_TEST(check_secret(webhook_request("other=s3cret&secrets=s3cret"), "s3cret") ==
               SecretCheck::missing);
    BOOST_TEST(check_secret(with_header("X-Other-Secret", "s3cret"), "s3cret") == SecretCheck::missing);
}

BOOST_AUTO_TEST_CASE(an_empty_expected_secret_accepts_everything) {
    BOOST_TEST(check_secret(webhook_request(), "") == SecretCheck::ok);
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", "anything"), "") == SecretCheck::ok);
    BOOST_TEST(check_secret(webhook_request("secret=anything"), "") == SecretCheck::ok);
}

BOOST_AUTO_TEST_CASE(an_empty_header_value_is_invalid_when_a_secret_is_expected) {
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", ""), "s3cret") == SecretCheck::invalid);
    // An empty header still wins over a right query parameter.
    BOOST_TEST(check_secret(with_header("X-Webhook-Secret", "", "secret=s3cret"), "s3cret") ==
               SecretCheck::invalid);
}

BOOST_AUTO_TEST_CASE(only_the_first_of_repeated_secret_headers_counts) {
    Request r = with_header("X-Webhook-Secret", "wrong");
    r.headers.add("X-Webhook-Secret", "s3cret");
    BOOST_TEST(check_secret(r, "s3cret") == SecretCheck::invalid);
}

BOOST_AUTO_TEST_SUITE_END()
