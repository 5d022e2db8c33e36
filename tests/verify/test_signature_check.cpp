#include "verify/signature_check.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using cohook::detail::check_timestamp;
using cohook::detail::for_each_field;
using cohook::verify::ToleranceOptions;
using namespace std::chrono_literals;

namespace {

ToleranceOptions at(long seconds) {
    return {
        .now = [seconds] { return std::chrono::system_clock::time_point(std::chrono::seconds(seconds)); }};
}

std::vector<std::string> fields(std::string_view text, char separator) {
    std::vector<std::string> out;
    for_each_field(text, separator, [&](std::string_view field) { out.emplace_back(field); });
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(signature_check_suite)

BOOST_AUTO_TEST_CASE(failure_responses_are_json_errors) {
    const auto missing = cohook::detail::missing_header("X-Thing");
    BOOST_TEST(missing.status == 401);
    BOOST_TEST(missing.body == R"({"error":"X-Thing header not set."})");
    BOOST_TEST(missing.headers.get("content-type").value_or("") == "application/json");
    const auto invalid = cohook::detail::invalid_signature();
    BOOST_TEST(invalid.status == 403);
    BOOST_TEST(invalid.body == R"({"error":"Invalid signature."})");
}

BOOST_AUTO_TEST_CASE(a_timestamp_inside_the_window_passes_at_both_edges) {
    BOOST_TEST(!check_timestamp("1000", at(1000)).has_value());
    BOOST_TEST(!check_timestamp("1000", at(1300)).has_value());
    BOOST_TEST(!check_timestamp("1000", at(700)).has_value());
    BOOST_TEST(check_timestamp("1000", at(1301))->status == 401);
    BOOST_TEST(check_timestamp("1000", at(699))->status == 401);
    BOOST_TEST(check_timestamp("1000", at(699))->body == R"({"error":"Timestamp outside the tolerance."})");
}

BOOST_AUTO_TEST_CASE(extreme_timestamps_and_clocks_do_not_overflow) {
    BOOST_TEST(check_timestamp("9223372036854775807", at(1000))->status == 401);
    BOOST_TEST(!check_timestamp("0", at(-5)).has_value());
    auto options = at(1000);
    options.now = nullptr;  // an empty clock falls back to the system clock
    BOOST_TEST(check_timestamp("1000", options)->status == 401);
}

BOOST_AUTO_TEST_CASE(a_non_decimal_timestamp_is_invalid) {
    for (const std::string_view bad :
         {"", "-5", "+5", " 5", "5 ", "5.0", "1e3", "0x10", "99999999999999999999"}) {
        const auto response = check_timestamp(bad, at(5));
        BOOST_REQUIRE(response.has_value());
        BOOST_TEST(response->body == R"({"error":"Invalid timestamp."})", "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(an_empty_secret_throws_without_a_secret_in_the_message) {
    BOOST_CHECK_THROW(cohook::detail::require_secret("github", ""), std::invalid_argument);
    BOOST_CHECK_NO_THROW(cohook::detail::require_secret("github", "s"));
}

BOOST_AUTO_TEST_CASE(fields_are_split_trimmed_and_empty_ones_skipped) {
    BOOST_TEST(fields("t=1, v1=a,,v1=b ", ',') == (std::vector<std::string>{"t=1", "v1=a", "v1=b"}),
               boost::test_tools::per_element());
    BOOST_TEST(fields("  a  b ", ' ') == (std::vector<std::string>{"a", "b"}),
               boost::test_tools::per_element());
    BOOST_TEST(fields("", ',').empty());
}

BOOST_AUTO_TEST_SUITE_END()
