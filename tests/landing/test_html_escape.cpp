#include "landing/html_escape.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>
#include <utility>

using cohook::detail::html_escape;

BOOST_AUTO_TEST_SUITE(html_escape_suite)

BOOST_AUTO_TEST_CASE(each_special_character_becomes_a_character_reference) {
    const std::pair<std::string_view, std::string_view> table[] = {
        {"&", "&amp;"},
        {"<", "&lt;"},
        {">", "&gt;"},
        {"\"", "&quot;"},
        {"'", "&#39;"},
        {"", ""},
        {"plain text", "plain text"},
        {"<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
        {"a=\"1\" & b='2'", "a=&quot;1&quot; &amp; b=&#39;2&#39;"},
        {"&amp;", "&amp;amp;"},
        {"🤗 /webhooks/ünïcode", "🤗 /webhooks/ünïcode"},
    };
    for (const auto& [input, expected] : table) {
        BOOST_TEST(html_escape(input) == expected, "input: " << input);
    }
}

BOOST_AUTO_TEST_CASE(embedded_nul_bytes_are_kept) {
    const std::string input("a\0<", 3);
    BOOST_TEST(html_escape(input) == std::string("a\0&lt;", 6));
}

BOOST_AUTO_TEST_SUITE_END()
