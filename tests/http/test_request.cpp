#include <cohook/request.hpp>
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <cohook/headers.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

using cohook::Headers;
using cohook::iequals;
using cohook::Request;

namespace {

Request with_query(std::string query) {
    Request r;
    r.method = "POST";
    r.path = "/webhooks/x";
    r.query = std::move(query);
    r.target = r.path + "?" + r.query;
    return r;
}

Request with_version(int minor, std::vector<std::string> connection_values = {}) {
    Request r;
    r.method = "POST";
    r.target = r.path = "/webhooks/x";
    r.version_minor = minor;
    for (auto& value : connection_values) r.headers.add("Connection", std::move(value));
    return r;
}

std::vector<Headers::Field> fields(const Headers& headers) {
    return {headers.begin(), headers.end()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(request_suite)

// --- Request::query_param -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(query_param_finds_each_parameter) {
    const Request r = with_query("a=1&b=2");
    BOOST_TEST(r.query_param("a").value_or("<unset>") == "1");
    BOOST_TEST(r.query_param("b").value_or("<unset>") == "2");
}

BOOST_AUTO_TEST_CASE(query_param_is_unset_for_a_missing_key) {
    BOOST_TEST(!with_query("a=1&b=2").query_param("c").has_value());
    BOOST_TEST(!with_query("a=1&b=2").query_param("").has_value());
    BOOST_TEST(!with_query("ab=1").query_param("a").has_value());
    BOOST_TEST(!with_query("").query_param("a").has_value());
    BOOST_TEST(!with_query("A=1").query_param("a").has_value());
}

BOOST_AUTO_TEST_CASE(a_key_without_equals_has_an_empty_value) {
    const Request r = with_query("flag&b=2");
    BOOST_TEST(r.query_param("flag").has_value());
    BOOST_TEST(r.query_param("flag").value_or("<unset>") == "");
    BOOST_TEST(r.query_param("b").value_or("<unset>") == "2");
}

BOOST_AUTO_TEST_CASE(an_empty_value_is_present_and_empty) {
    const Request r = with_query("a=&b=2");
    BOOST_TEST(r.query_param("a").has_value());
    BOOST_TEST(r.query_param("a").value_or("<unset>") == "");
}

BOOST_AUTO_TEST_CASE(only_the_first_equals_splits_key_and_value) {
    BOOST_TEST(with_query("a=b=c").query_param("a").value_or("<unset>") == "b=c");
}

BOOST_AUTO_TEST_CASE(values_are_percent_decoded_and_plus_is_a_space) {
    const std::pair<std::string, std::string> table[] = {
        {"v=my%20secret", "my secret"},  {"v=my+secret", "my secret"}, {"v=%2B", "+"}, {"v=%26%3d%3D", "&=="},
        {"v=%e2%9c%93", "\xe2\x9c\x93"}, {"v=100%25", "100%"},         {"v=%41", "A"}, {"v=a%41", "aA"},
    };
    for (const auto& [query, expected] : table) {
        BOOST_TEST(with_query(query).query_param("v").value_or("<unset>") == expected, "query: " << query);
    }
}

BOOST_AUTO_TEST_CASE(keys_are_percent_decoded_too) {
    BOOST_TEST(with_query("my%20key=1").query_param("my key").value_or("<unset>") == "1");
    BOOST_TEST(with_query("my+key=1").query_param("my key").value_or("<unset>") == "1");
}

BOOST_AUTO_TEST_CASE(malformed_escapes_are_kept_literally) {
    const std::pair<std::string, std::string> table[] = {
        {"v=%zz", "%zz"}, {"v=%4", "%4"}, {"v=%", "%"},     {"v=%4g", "%4g"},
        {"v=%g4", "%g4"}, {"v=a%", "a%"}, {"v=%%41", "%A"}, {"v=50%", "50%"},
    };
    for (const auto& [query, expected] : table) {
        BOOST_TEST(with_query(query).query_param("v").value_or("<unset>") == expected, "query: " << query);
    }
}

BOOST_AUTO_TEST_CASE(a_repeated_key_returns_the_first_value) {
    BOOST_TEST(with_query("a=1&a=2").query_param("a").value_or("<unset>") == "1");
    BOOST_TEST(with_query("a&a=2").query_param("a").value_or("<unset>") == "");
}

BOOST_AUTO_TEST_CASE(empty_pairs_are_skipped) {
    const Request r = with_query("&&a=1&&b=2&");
    BOOST_TEST(r.query_param("a").value_or("<unset>") == "1");
    BOOST_TEST(r.query_param("b").value_or("<unset>") == "2");
}

// --- Request::keep_alive --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(http_1_1_keeps_alive_by_default) {
    BOOST_TEST(with_version(1).keep_alive());
}

BOOST_AUTO_TEST_CASE(http_1_0_closes_by_default) {
    BOOST_TEST(!with_version(0).keep_alive());
}

BOOST_AUTO_TEST_CASE(connection_close_closes_http_1_1) {
    BOOST_TEST(!with_version(1, {"close"}).keep_alive());
    BOOST_TEST(!with_version(1, {"Close"}).keep_alive());
    BOOST_TEST(!with_version(1, {"CLOSE"}).keep_alive());
}

BOOST_AUTO_TEST_CASE(connection_keep_alive_keeps_http_1_0_open) {
    BOOST_TEST(with_version(0, {"Keep-Alive"}).keep_alive());
    BOOST_TEST(with_version(0, {"keep-alive"}).keep_alive());
    BOOST_TEST(with_version(0, {"KEEP-ALIVE"}).keep_alive());
}

BOOST_AUTO_TEST_CASE(connection_is_a_token_list) {
    BOOST_TEST(!with_version(1, {"foo, close"}).keep_alive());
    BOOST_TEST(!with_version(1, {"foo,close"}).keep_alive());
    BOOST_TEST(!with_version(1, {"  close\t,foo"}).keep_alive());
    BOOST_TEST(with_version(0, {"Upgrade,  Keep-Alive "}).keep_alive());
    BOOST_TEST(!with_version(0, {"foo, bar"}).keep_alive());
    BOOST_TEST(with_version(1, {"foo, bar"}).keep_alive());
}

BOOST_AUTO_TEST_CASE(tokens_only_match_whole_words) {
    BOOST_TEST(with_version(1, {"closed"}).keep_alive());
    BOOST_TEST(with_version(1, {"xclose"}).keep_alive());
    BOOST_TEST(!with_version(0, {"keep-alive-ish"}).keep_alive());
}

BOOST_AUTO_TEST_CASE(close_wins_over_keep_alive) {
    BOOST_TEST(!with_version(1, {"keep-alive, close"}).keep_alive());
    BOOST_TEST(!with_version(0, {"close, keep-alive"}).keep_alive());
    BOOST_TEST(!with_version(1, {"keep-alive", "close"}).keep_alive());
}

BOOST_AUTO_TEST_CASE(every_connection_field_counts_whatever_the_name_case) {
    Request r = with_version(1, {"foo"});
    r.headers.add("CONNECTION", "close");
    BOOST_TEST(!r.keep_alive());
    Request old = with_version(0);
    old.headers.add("connection", "keep-alive");
    BOOST_TEST(old.keep_alive());
}

// --- Headers --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(iequals_ignores_ascii_case_only) {
    BOOST_TEST(iequals("Content-Type", "content-type"));
    BOOST_TEST(iequals("X-WEBHOOK-SECRET", "x-webhook-secret"));
    BOOST_TEST(iequals("", ""));
    BOOST_TEST(!iequals("abc", "abcd"));
    BOOST_TEST(!iequals("abc", "abd"));
    BOOST_TEST(!iequals("a", ""));
    // '@' and '`' sit next to 'A' and 'a' in ASCII but are not letters.
    BOOST_TEST(!iequals("@", "`"));
    BOOST_TEST(!iequals("[", "{"));
    BOOST_TEST(!iequals("\xc3\x89", "\xc3\xa9"));
}

BOOST_AUTO_TEST_CASE(get_and_contains_ignore_name_case) {
    Headers h;
    h.add("Content-Type", "application/json");
    BOOST_TEST(h.get("content-type").value_or("<unset>") == "application/json");
    BOOST_TEST(h.get("CONTENT-TYPE").value_or("<unset>") == "application/json");
    BOOST_TEST(h.contains("cOnTeNt-TyPe"));
    BOOST_TEST(!h.contains("Content-Length"));
    BOOST_TEST(!h.get("Content").has_value());
}

BOOST_AUTO_TEST_CASE(an_empty_value_is_still_present) {
    Headers h;
    h.add("X-Empty", "");
    BOOST_TEST(h.contains("x-empty"));
    BOOST_TEST(h.get("x-empty").has_value());
    BOOST_TEST(h.get("x-empty").value_or("<unset>") == "");
}

BOOST_AUTO_TEST_CASE(duplicates_are_kept_in_order) {
    Headers h;
    h.add("X-A", "1");
    h.add("X-B", "2");
    h.add("x-a", "3");
    BOOST_TEST(h.size() == 3u);
    BOOST_TEST(h.count("X-A") == 2u);
    BOOST_TEST(h.count("x-b") == 1u);
    BOOST_TEST(h.count("X-C") == 0u);
    BOOST_TEST(h.get("X-A").value_or("<unset>") == "1");
    const std::vector<Headers::Field> expected{{"X-A", "1"}, {"X-B", "2"}, {"x-a", "3"}};
    BOOST_TEST((fields(h) == expected));
}

BOOST_AUTO_TEST_CASE(set_replaces_every_field_of_that_name) {
    Headers h;
    h.add("X-A", "1");
    h.add("X-B", "2");
    h.add("x-a", "3");
    h.set("X-a", "4");
    BOOST_TEST(h.count("x-a") == 1u);
    BOOST_TEST(h.get("X-A").value_or("<unset>") == "4");
    BOOST_TEST(h.size() == 2u);
    const std::vector<Headers::Field> expected{{"X-B", "2"}, {"X-a", "4"}};
    BOOST_TEST((fields(h) == expected));
}

BOOST_AUTO_TEST_CASE(set_adds_a_missing_field) {
    Headers h;
    h.set("Content-Type", "text/plain");
    BOOST_TEST(h.size() == 1u);
    BOOST_TEST(h.get("content-type").value_or("<unset>") == "text/plain");
}

BOOST_AUTO_TEST_CASE(erase_removes_every_field_of_that_name_and_keeps_the_rest_in_order) {
    Headers h;
    h.add("X-A", "1");
    h.add("X-B", "2");
    h.add("x-a", "3");
    h.add("X-C", "4");
    h.erase("X-A");
    BOOST_TEST(!h.contains("x-a"));
    BOOST_TEST(h.count("X-A") == 0u);
    const std::vector<Headers::Field> expected{{"X-B", "2"}, {"X-C", "4"}};
    BOOST_TEST((fields(h) == expected));
    h.erase("X-Missing");
    BOOST_TEST(h.size() == 2u);
}

BOOST_AUTO_TEST_CASE(clear_empties_the_list) {
    Headers h;
    BOOST_TEST(h.empty());
    h.add("X-A", "1");
    BOOST_TEST(!h.empty());
    h.clear();
    BOOST_TEST(h.empty());
    BOOST_TEST(h.size() == 0u);
    BOOST_TEST(!h.contains("X-A"));
}

BOOST_AUTO_TEST_CASE(fields_added_after_clear_or_erase_show_no_trace_of_the_old_ones) {
    // Cleared and erased fields keep their storage for reuse; none of it may show.
    Headers h;
    h.add("X-Long-Header-Name-A", "a value longer than the small-string buffer");
    h.add("X-B", "2");
    h.add("X-C", "3");
    h.clear();
    h.add("X-D", "4");
    BOOST_TEST((fields(h) == std::vector<Headers::Field>{{"X-D", "4"}}));
    BOOST_TEST(!h.contains("X-B"));
    BOOST_TEST(h.count("X-C") == 0u);
    h.add("X-E", "5");
    h.erase("X-D");
    h.add("X-F", "6");
    BOOST_TEST((fields(h) == std::vector<Headers::Field>{{"X-E", "5"}, {"X-F", "6"}}));
}

BOOST_AUTO_TEST_CASE(copies_and_moves_carry_the_fields_only) {
    Headers h;
    h.add("X-A", "1");
    h.add("X-B", "2");
    h.erase("X-B");
    const Headers copy = h;
    BOOST_TEST((fields(copy) == std::vector<Headers::Field>{{"X-A", "1"}}));
    Headers assigned;
    assigned.add("X-Old", "0");
    assigned = copy;
    BOOST_TEST((fields(assigned) == std::vector<Headers::Field>{{"X-A", "1"}}));
    Headers moved = std::move(h);
    BOOST_TEST((fields(moved) == std::vector<Headers::Field>{{"X-A", "1"}}));
    BOOST_TEST(h.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is left empty
    assigned = std::move(moved);
    BOOST_TEST(assigned.size() == 1u);
    BOOST_TEST(moved.empty());  // NOLINT(bugprone-use-after-move)
    h.add("X-New", "1");
    BOOST_TEST((fields(h) == std::vector<Headers::Field>{{"X-New", "1"}}));
}

BOOST_AUTO_TEST_SUITE_END()
