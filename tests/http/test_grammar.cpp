#include "http/grammar.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <limits>

using namespace cohook::http::grammar;

BOOST_AUTO_TEST_SUITE(grammar_suite)

BOOST_AUTO_TEST_CASE(content_length_is_digits_only_and_saturates_instead_of_overflowing) {
    BOOST_TEST(parse_content_length("0").value_or(99) == 0u);
    BOOST_TEST(parse_content_length("0042").value_or(0) == 42u);
    for (const char* bad : {"", "+5", "-5", " 5", "5 ", "5, 5", "0x5"}) {
        BOOST_TEST_CONTEXT(bad) {
            BOOST_TEST(!parse_content_length(bad).has_value());
        }
    }
    BOOST_TEST(parse_content_length("99999999999999999999999").value_or(0) ==
               std::numeric_limits<std::size_t>::max());
}

BOOST_AUTO_TEST_CASE(only_a_final_single_chunked_is_a_known_transfer_coding) {
    BOOST_TEST(check_transfer_coding("chunked") == 0);
    BOOST_TEST(check_transfer_coding(" ChUnKeD ") == 0);
    BOOST_TEST(check_transfer_coding("chunked, identity") == 400);
    BOOST_TEST(check_transfer_coding("xchunked") == 400);
    BOOST_TEST(check_transfer_coding("gzip, chunked") == 501);
}

BOOST_AUTO_TEST_CASE(authorities_and_target_forms_follow_rfc_3986) {
    const auto a = parse_authority("example.com:8080");
    BOOST_REQUIRE(a.has_value());
    BOOST_TEST(a->host == "example.com");
    BOOST_TEST(a->port.value_or("") == "8080");
    BOOST_TEST(!parse_authority("user@example.com").has_value());
    BOOST_TEST(!parse_authority("[::1").has_value());
    BOOST_TEST(is_authority_form("example.com:443"));
    BOOST_TEST(!is_authority_form("example.com:0"));
    BOOST_TEST(absolute_form_rest("http://example.com/a?b").value_or("") == "/a?b");
    BOOST_TEST(!absolute_form_rest("ftp://example.com/").has_value());
}

BOOST_AUTO_TEST_CASE(tokens_ows_and_chunk_extensions) {
    BOOST_TEST(is_token("X-Webhook-Secret"));
    BOOST_TEST(!is_token("X A"));
    BOOST_TEST(!is_token(""));
    BOOST_TEST(trim_ows(" \tv \t") == "v");
    BOOST_TEST(is_chunk_ext(";name=value;q=\"a b\""));
    BOOST_TEST(!is_chunk_ext(";"));
}

BOOST_AUTO_TEST_SUITE_END()
