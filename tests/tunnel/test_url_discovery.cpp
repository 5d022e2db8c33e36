// Finding the public URL in what a hosted tunnel service prints (pure: no sockets).
#include "tunnel/url_discovery.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

using cohook::detail::find_public_url;
using cohook::detail::no_url_message;
using cohook::detail::quote_server_output;

namespace {

std::string url_or_none(std::string_view output, const std::vector<std::string>& ignored = {}) {
    return find_public_url(output, ignored).value_or("(none)");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(url_discovery)

BOOST_AUTO_TEST_CASE(json_address_without_scheme_becomes_an_https_url) {
    const std::string output =
        R"({"event":"hello","message":"docs at https://admin.localhost.run/"})"
        "\n"
        R"({"event":"tcpip-forward","address":"0123abcd.lhr.life","listen_host":"localhost","listen_port":80})"
        "\n";
    BOOST_TEST(url_or_none(output) == "https://0123abcd.lhr.life");
}

BOOST_AUTO_TEST_CASE(json_url_field_is_taken_as_is_and_wins_over_address) {
    BOOST_TEST(url_or_none(R"({"address":"a.example","url":"https://b.example/x"})"
                           "\n") == "https://b.example/x");
}

BOOST_AUTO_TEST_CASE(json_comes_before_text_urls_printed_earlier) {
    const std::string output =
        "see https://docs.example.test/ for help\n"
        R"({"address":"abc.example.test"})"
        "\n";
    BOOST_TEST(url_or_none(output) == "https://abc.example.test");
}

BOOST_AUTO_TEST_CASE(text_url_is_found_among_escape_sequences_and_punctuation) {
    const std::string output =
        "\x1b[1;32mForwarding HTTP traffic from https://abc.serveo.net\x1b[0m, enjoy.\r\n";
    BOOST_TEST(url_or_none(output) == "https://abc.serveo.net");
    BOOST_TEST(url_or_none("Your URL: (https://x.example.test/path?q=1).\n") ==
               "https://x.example.test/path?q=1");
}

BOOST_AUTO_TEST_CASE(service_own_links_are_skipped) {
    const std::string output =
        "Docs: https://pinggy.io/docs and https://dashboard.pinggy.io\n"
        "http://rnxyz.a.free.pinggy.link\nhttps://rnxyz.a.free.pinggy.link\n";
    BOOST_TEST(url_or_none(output, {"pinggy.io", "dashboard.pinggy.io"}) ==
               "https://rnxyz.a.free.pinggy.link");
}

BOOST_AUTO_TEST_CASE(url_cut_at_the_end_of_the_output_waits_for_more) {
    BOOST_TEST(url_or_none("tunnel at https://abc.exa") == "(none)");
    BOOST_TEST(url_or_none("tunnel at https://abc.example.test\n") == "https://abc.example.test");
    BOOST_TEST(url_or_none(R"({"address":"abc.exa)") == "(none)");
}

BOOST_AUTO_TEST_CASE(no_url_at_all_is_none) {
    BOOST_TEST(url_or_none("") == "(none)");
    BOOST_TEST(url_or_none("Welcome! http://not-https.example\n{\"event\":\"hello\"}\n") == "(none)");
    BOOST_TEST(url_or_none("https://\n") == "(none)");
}

BOOST_AUTO_TEST_CASE(quoted_output_is_printable_collapsed_and_cut_from_the_front) {
    BOOST_TEST(quote_server_output("") == "(nothing)");
    BOOST_TEST(quote_server_output("\x1b[2J  Too many\r\n\ttunnels \x07 today \n") ==
               "Too many tunnels today");
    const std::string quoted = quote_server_output(std::string(1000, 'x') + " the end", 20);
    BOOST_TEST(quoted == "...xxxxxxxxxxxx the end");
}

BOOST_AUTO_TEST_CASE(timeout_message_names_the_service_and_quotes_it) {
    const std::string message =
        no_url_message("serveo", std::chrono::seconds(15), "Sorry, no tunnel for you today.\r\n");
    BOOST_TEST(message ==
               "serveo printed no public URL within 15 s; it said: Sorry, no tunnel for you today.");
}

BOOST_AUTO_TEST_SUITE_END()
