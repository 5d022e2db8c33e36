#include "routing/route_path.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

using cohook::detail::webhook_route;

namespace {

// The message of the std::invalid_argument thrown for `path`, or "<no throw>".
std::string rejection_message(std::string_view path) {
    try {
        (void)webhook_route(path);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "<no throw>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(route_path_suite)

BOOST_AUTO_TEST_CASE(leading_and_trailing_slashes_are_stripped) {
    const std::pair<std::string_view, std::string_view> table[] = {
        {"/say_hello", "/webhooks/say_hello"},
        {"say_hello", "/webhooks/say_hello"},
        {"say_hello/", "/webhooks/say_hello"},
        {"/say_hello/", "/webhooks/say_hello"},
        {"//x//", "/webhooks/x"},
        {"///x", "/webhooks/x"},
    };
    for (const auto& [input, expected] : table) {
        BOOST_TEST(webhook_route(input) == expected, "input: " << input);
    }
}

BOOST_AUTO_TEST_CASE(inner_slashes_make_nested_routes) {
    BOOST_TEST(webhook_route("a/b") == "/webhooks/a/b");
    BOOST_TEST(webhook_route("/a/b/c/") == "/webhooks/a/b/c");
}

BOOST_AUTO_TEST_CASE(every_unreserved_and_sub_delimiter_character_is_accepted) {
    const std::string_view name = "AZaz09-._~!$&'()*+,;=:@";
    BOOST_TEST(webhook_route(name) == "/webhooks/" + std::string(name));
}

BOOST_AUTO_TEST_CASE(paths_naming_no_endpoint_are_rejected) {
    for (const std::string_view path : {"", "/", "//", "///"}) {
        BOOST_CHECK_THROW(webhook_route(path), std::invalid_argument);
    }
}

BOOST_AUTO_TEST_CASE(characters_that_need_escaping_are_rejected) {
    for (const std::string_view path : {"a b", "a?b", "a#b", "a%20b", "a\\b", "a\"b", "a<b>", "tab\there",
                                        "new\nline", "caf\xc3\xa9", "\xf0\x9f\xa4\x97"}) {
        BOOST_CHECK_THROW(webhook_route(path), std::invalid_argument);
    }
}

BOOST_AUTO_TEST_CASE(an_embedded_nul_byte_is_rejected) {
    BOOST_CHECK_THROW(webhook_route(std::string_view("a\0b", 3)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(empty_inner_segments_are_rejected) {
    for (const std::string_view path : {"a//b", "/a//b/", "a/b//c"}) {
        BOOST_CHECK_THROW(webhook_route(path), std::invalid_argument);
    }
}

BOOST_AUTO_TEST_CASE(rejection_messages_name_the_path_as_given) {
    for (const std::string_view path : {"", "/", "a b", "a?b", "a#b", "a//b", "/caf\xc3\xa9/"}) {
        const std::string message = rejection_message(path);
        BOOST_TEST_CONTEXT("path: '" << path << "', message: " << message) {
            BOOST_TEST(message != "<no throw>");
            BOOST_TEST(message.find("'" + std::string(path) + "'") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_rejected_character_is_quoted_in_the_message) {
    BOOST_TEST(rejection_message("a?b").find("'?'") != std::string::npos);
    BOOST_TEST(rejection_message("a#b").find("'#'") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(route_path_dot_segments_suite)

BOOST_AUTO_TEST_CASE(dot_segments_are_rejected_because_clients_remove_them) {
    for (const std::string_view path : {".", "..", "a/./b", "a/../b", "../x", "x/.."}) {
        BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(rejection_message(path).find("'.' and '..'") != std::string::npos);
        }
    }
    BOOST_TEST(webhook_route("a.b/..c/d..") == "/webhooks/a.b/..c/d..");
}

BOOST_AUTO_TEST_SUITE_END()
