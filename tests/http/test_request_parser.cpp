#include "http/request_parser.hpp"

#include <boost/test/unit_test.hpp>

#include "support/parser_feeding.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using cohook::HttpLimits;
using cohook::Request;
using cohook::http::ParseState;
using cohook::http::RequestParser;
using cohook::test::Outcome;
using cohook::test::parse_byte_by_byte;
using cohook::test::parse_every_way;
using cohook::test::parse_pieces;
using cohook::test::parse_whole;
using cohook::test::small_limits;
using cohook::test::snapshot;

namespace {

// The (last) request of `input` is rejected with `status`, however the input is split.
void expect_status(std::string_view input, int status, const HttpLimits& limits = small_limits(),
                   bool every_split = true) {
    BOOST_TEST_CONTEXT("input: " << input) {
        const auto outcomes = parse_every_way(input, limits, every_split);
        BOOST_TEST_REQUIRE(!outcomes.empty());
        BOOST_TEST((outcomes.back().state == ParseState::error));
        BOOST_TEST(outcomes.back().status == status);
        BOOST_TEST(!outcomes.back().reason.empty());
        BOOST_TEST_MESSAGE(outcomes.back().status << " " << outcomes.back().reason);
    }
}

// One complete request parsed from `input`, however it is split.
Outcome parse_one(std::string_view input, const HttpLimits& limits = small_limits()) {
    const auto outcomes = parse_every_way(input, limits);
    BOOST_TEST_REQUIRE(outcomes.size() == 1u);
    BOOST_TEST_REQUIRE((outcomes[0].state == ParseState::complete),
                       "status " << outcomes[0].status << ": " << outcomes[0].reason);
    return outcomes[0];
}

std::string request_with(std::string_view fields, std::string_view body = {}) {
    return "POST /hook HTTP/1.1\r\nHost: example.com\r\n" + std::string(fields) + "\r\n" + std::string(body);
}

std::string chunked_with(std::string_view chunks) {
    return request_with("Transfer-Encoding: chunked\r\n", chunks);
}

const std::string kGet =
    "GET /hooks/github?secret=s&x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n";
const std::string kPost =
    request_with("Content-Type: application/json\r\nContent-Length: 11\r\n", R"({"a":[1,2]})");
const std::string kChunked =
    chunked_with("5;name=value\r\nhello\r\n6 ; q=\"a \\\" b\"\r\n world\r\n0\r\nX-Sum: 1\r\n\r\n");
const std::string kHttp10 = "GET /old HTTP/1.0\r\n\r\n";
const std::string kAbsolute =
    "GET http://example.com:8080/abs/path?q=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(request_parser)

// ---------------------------------------------------------------------------------------------- accepted

BOOST_AUTO_TEST_CASE(simple_get_is_parsed) {
    RequestParser parser;
    BOOST_TEST(parser.feed(kGet) == kGet.size());
    BOOST_TEST((parser.state() == ParseState::complete));
    BOOST_TEST(parser.headers_complete());
    const auto& r = parser.request();
    BOOST_TEST(r.method == "GET");
    BOOST_TEST(r.target == "/hooks/github?secret=s&x=1");
    BOOST_TEST(r.path == "/hooks/github");
    BOOST_TEST(r.query == "secret=s&x=1");
    BOOST_TEST(r.version_major == 1);
    BOOST_TEST(r.version_minor == 1);
    BOOST_TEST(r.headers.size() == 2u);
    BOOST_TEST(r.headers.get("accept").value_or("") == "*/*");
    BOOST_TEST(r.body.empty());
}

BOOST_AUTO_TEST_CASE(content_length_body_is_read) {
    const auto o = parse_one(kPost, {});
    BOOST_TEST(o.method == "POST");
    BOOST_TEST(o.body == R"({"a":[1,2]})");
}

BOOST_AUTO_TEST_CASE(content_length_body_arriving_in_pieces_is_appended) {
    RequestParser parser;
    const auto head = request_with("Content-Length: 10\r\n");
    BOOST_TEST(parser.feed(head) == head.size());
    BOOST_TEST((parser.state() == ParseState::incomplete));
    BOOST_TEST(parser.headers_complete());
    BOOST_TEST(parser.feed("0123") == 4u);
    BOOST_TEST(parser.feed("456") == 3u);
    BOOST_TEST((parser.state() == ParseState::incomplete));
    BOOST_TEST(parser.feed("789GET") == 3u);
    BOOST_TEST((parser.state() == ParseState::complete));
    BOOST_TEST(parser.request().body == "0123456789");
}

BOOST_AUTO_TEST_CASE(zero_content_length_completes_after_headers) {
    const auto input = request_with("Content-Length: 0\r\n");
    RequestParser parser;
    BOOST_TEST(parser.feed(input + "NEXT") == input.size());
    BOOST_TEST((parser.state() == ParseState::complete));
    BOOST_TEST(parser.request().body.empty());
}

BOOST_AUTO_TEST_CASE(request_without_framing_fields_has_no_body) {
    RequestParser parser;
    BOOST_TEST(parser.feed(kGet + "hello") == kGet.size());
    BOOST_TEST((parser.state() == ParseState::complete));
    BOOST_TEST(parser.request().body.empty());
}

BOOST_AUTO_TEST_CASE(content_length_with_leading_zeros_is_accepted) {
    BOOST_TEST(parse_one(request_with("Content-Length: 0003\r\n", "abc")).body == "abc");
}

BOOST_AUTO_TEST_CASE(chunked_body_is_decoded) {
    const auto o = parse_one(chunked_with("5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n"));
    BOOST_TEST(o.body == "hello world");
}

BOOST_AUTO_TEST_CASE(chunk_extensions_are_accepted_and_ignored) {
    const auto o = parse_one(kChunked, {});
    BOOST_TEST(o.body == "hello world");
    BOOST_TEST(parse_one(chunked_with("3;a;b=c ;d = \"\\q\"\r\nabc\r\n0;last\r\n\r\n")).body == "abc");
}

BOOST_AUTO_TEST_CASE(trailers_are_validated_then_discarded) {
    const auto o = parse_one(kChunked, {});
    BOOST_TEST_REQUIRE(o.headers.size() == 2u);
    BOOST_TEST(o.headers[1].first == "Transfer-Encoding");
    const auto secret = parse_one(chunked_with("0\r\nX-Webhook-Secret: s\r\n\r\n"));
    BOOST_TEST(secret.headers.size() == 2u);
}

BOOST_AUTO_TEST_CASE(chunk_sizes_in_any_hex_case_with_leading_zeros_are_read) {
    const std::string ten(10, 'x');
    const std::string eleven(11, 'y');
    const auto o = parse_one(chunked_with("000A\r\n" + ten + "\r\nb\r\n" + eleven + "\r\n0000\r\n\r\n"));
    BOOST_TEST(o.body == ten + eleven);
}

BOOST_AUTO_TEST_CASE(transfer_encoding_is_case_insensitive_and_trimmed) {
    const auto o = parse_one(request_with("Transfer-Encoding: \t Chunked \r\n", "2\r\nok\r\n0\r\n\r\n"));
    BOOST_TEST(o.body == "ok");
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_parsed_one_at_a_time) {
    const std::string buffer = kGet + kPost + kChunked;
    RequestParser parser;
    std::string_view rest = buffer;
    for (const auto& expected : {kGet, kPost, kChunked}) {
        BOOST_TEST(parser.feed(rest) == expected.size());
        BOOST_TEST((parser.state() == ParseState::complete));
        rest.remove_prefix(expected.size());
        parser.reset();
    }
    BOOST_TEST(rest.empty());
    BOOST_TEST(!parser.started());
}

BOOST_AUTO_TEST_CASE(reset_leaves_nothing_of_the_previous_request) {
    // reset() keeps the request's storage for reuse: none of its content may leak into the next one.
    RequestParser parser;
    parser.feed(kPost);
    BOOST_TEST_REQUIRE((parser.state() == ParseState::complete));
    parser.reset();
    BOOST_TEST(parser.feed(kGet) == kGet.size());
    BOOST_TEST_REQUIRE((parser.state() == ParseState::complete));
    RequestParser fresh;
    fresh.feed(kGet);
    const Request& reused = parser.request();
    const Request& expected = fresh.request();
    BOOST_TEST(reused.method == expected.method);
    BOOST_TEST(reused.target == expected.target);
    BOOST_TEST(reused.path == expected.path);
    BOOST_TEST(reused.query == expected.query);
    BOOST_TEST(reused.version_minor == expected.version_minor);
    BOOST_TEST(reused.body == expected.body);
    BOOST_TEST(reused.headers.size() == expected.headers.size());
    BOOST_TEST(std::equal(reused.headers.begin(), reused.headers.end(), expected.headers.begin(),
                          expected.headers.end()));
}

BOOST_AUTO_TEST_CASE(feed_after_complete_consumes_nothing_until_reset) {
    RequestParser parser;
    parser.feed(kGet);
    BOOST_TEST(parser.feed(kGet) == 0u);
    parser.reset();
    BOOST_TEST(parser.feed(kGet) == kGet.size());
    BOOST_TEST((parser.state() == ParseState::complete));
}

BOOST_AUTO_TEST_CASE(every_split_of_pipelined_requests_gives_the_same_result) {
    const std::string input = kGet + kPost + "\r\n" + kChunked + kHttp10 + kAbsolute;
    const auto outcomes = parse_every_way(input, {});
    BOOST_TEST_REQUIRE(outcomes.size() == 5u);
    for (const auto& o : outcomes) BOOST_TEST((o.state == ParseState::complete));
    BOOST_TEST(outcomes[1].body == R"({"a":[1,2]})");
    BOOST_TEST(outcomes[2].body == "hello world");
    BOOST_TEST(outcomes[3].version_minor == 0);
    BOOST_TEST(outcomes[4].path == "/abs/path");
}

BOOST_AUTO_TEST_CASE(byte_by_byte_feeding_gives_the_same_result) {
    for (const auto& input : {kGet, kPost, kChunked, kHttp10, kAbsolute}) {
        const auto bytes = parse_byte_by_byte(input, {});
        BOOST_TEST((bytes == parse_whole(input, {})));
        BOOST_TEST_REQUIRE(bytes.size() == 1u);
        BOOST_TEST((bytes[0].state == ParseState::complete));
    }
}

BOOST_AUTO_TEST_CASE(unfinished_request_stays_incomplete) {
    const auto outcomes = parse_every_way(kPost.substr(0, kPost.size() - 3), {});
    BOOST_TEST_REQUIRE(outcomes.size() == 1u);
    BOOST_TEST((outcomes[0].state == ParseState::incomplete));
    BOOST_TEST(outcomes[0].body == R"({"a":[1,)");
}

BOOST_AUTO_TEST_CASE(http_1_0_without_host_is_accepted) {
    const auto o = parse_one(kHttp10);
    BOOST_TEST(o.version_minor == 0);
    BOOST_TEST(o.path == "/old");
    BOOST_TEST(parse_one("POST /old HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi").body == "hi");
}

BOOST_AUTO_TEST_CASE(absolute_form_sets_path_and_query) {
    const auto o = parse_one(kAbsolute, {});
    BOOST_TEST(o.target == "http://example.com:8080/abs/path?q=1");
    BOOST_TEST(o.path == "/abs/path");
    BOOST_TEST(o.query == "q=1");
}

BOOST_AUTO_TEST_CASE(absolute_form_without_path_has_root_path) {
    const auto o = parse_one("GET HTTPS://example.com?x=y HTTP/1.1\r\nHost: example.com\r\n\r\n");
    BOOST_TEST(o.path == "/");
    BOOST_TEST(o.query == "x=y");
    BOOST_TEST(parse_one("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").path == "/");
}

BOOST_AUTO_TEST_CASE(asterisk_form_is_accepted_for_options) {
    const auto o = parse_one("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
    BOOST_TEST(o.target == "*");
    BOOST_TEST(o.path == "*");
}

BOOST_AUTO_TEST_CASE(authority_form_is_accepted_for_connect) {
    const auto o = parse_one("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    BOOST_TEST(o.target == "example.com:443");
    BOOST_TEST(o.path.empty());
}

BOOST_AUTO_TEST_CASE(query_is_split_at_the_first_question_mark) {
    const std::vector<std::vector<std::string>> cases = {{"/a?b=c&d", "/a", "b=c&d"},
                                                         {"/a?", "/a", ""},
                                                         {"/?x?y", "/", "x?y"},
                                                         {"/a", "/a", ""},
                                                         {"/", "/", ""}};
    for (const auto& c : cases) {
        const auto o = parse_one("GET " + c[0] + " HTTP/1.1\r\nHost: a\r\n\r\n");
        BOOST_TEST(o.target == c[0]);
        BOOST_TEST(o.path == c[1]);
        BOOST_TEST(o.query == c[2]);
    }
}

BOOST_AUTO_TEST_CASE(field_values_are_trimmed_of_ows) {
    const auto o = parse_one(request_with("X-A: \t a  b \t \r\nX-Empty:\r\nX-Blank:   \r\nX-Tight:v\r\n"));
    BOOST_TEST_REQUIRE(o.headers.size() == 5u);
    BOOST_TEST(o.headers[1].second == "a  b");
    BOOST_TEST(o.headers[2].second == "");
    BOOST_TEST(o.headers[3].second == "");
    BOOST_TEST(o.headers[4].second == "v");
}

BOOST_AUTO_TEST_CASE(obs_text_and_htab_inside_values_are_accepted) {
    const auto o = parse_one(request_with("X-Name: caf\xC3\xA9\tbar\xFF\r\n"));
    BOOST_TEST(o.headers.back().second == "caf\xC3\xA9\tbar\xFF");
}

BOOST_AUTO_TEST_CASE(header_names_keep_their_case_and_order) {
    const auto o = parse_one(request_with("x-b: 1\r\nX-A: 2\r\nx-b: 3\r\n"));
    BOOST_TEST_REQUIRE(o.headers.size() == 4u);
    BOOST_TEST(o.headers[1].first == "x-b");
    BOOST_TEST(o.headers[2].first == "X-A");
    BOOST_TEST(o.headers[3].second == "3");
}

BOOST_AUTO_TEST_CASE(leading_empty_lines_are_ignored) {
    const auto outcomes = parse_every_way("\r\n\r\n" + kGet + "\r\n" + kGet, {});
    BOOST_TEST_REQUIRE(outcomes.size() == 2u);
    BOOST_TEST((outcomes[1].state == ParseState::complete));
    BOOST_TEST(outcomes[1].path == "/hooks/github");
}

BOOST_AUTO_TEST_CASE(started_turns_true_with_the_first_request_line_byte) {
    RequestParser parser;
    BOOST_TEST(!parser.started());
    BOOST_TEST(parser.feed("\r\n\r") == 3u);
    BOOST_TEST(!parser.started());
    BOOST_TEST(parser.feed("\nG") == 2u);
    BOOST_TEST(parser.started());
    parser.reset();
    BOOST_TEST(!parser.started());
}

BOOST_AUTO_TEST_CASE(headers_complete_turns_true_after_the_empty_line) {
    RequestParser parser;
    const auto input = request_with("Content-Length: 3\r\n");
    parser.feed(input.substr(0, input.size() - 1));
    BOOST_TEST(!parser.headers_complete());
    parser.feed("\n");
    BOOST_TEST(parser.headers_complete());
    BOOST_TEST((parser.state() == ParseState::incomplete));
}

BOOST_AUTO_TEST_CASE(expects_continue_until_the_body_arrives) {
    RequestParser parser;
    const auto head = request_with("Expect: 100-continue\r\nContent-Length: 4\r\n");
    parser.feed(head.substr(0, head.size() - 2));
    BOOST_TEST(!parser.expects_continue());
    parser.feed("\r\n");
    BOOST_TEST(parser.expects_continue());
    parser.feed("ab");
    BOOST_TEST(parser.expects_continue());
    parser.feed("cd");
    BOOST_TEST(!parser.expects_continue());
    BOOST_TEST((parser.state() == ParseState::complete));
}

BOOST_AUTO_TEST_CASE(expects_continue_is_case_insensitive_and_works_for_chunked) {
    RequestParser parser;
    parser.feed(request_with("Expect: 100-Continue\r\nTransfer-Encoding: chunked\r\n"));
    BOOST_TEST(parser.expects_continue());
}

BOOST_AUTO_TEST_CASE(expects_continue_is_false_without_body_or_in_http_1_0) {
    const std::vector<std::string> inputs = {
        request_with("Expect: 100-continue\r\n"),
        request_with("Expect: 100-continue\r\nContent-Length: 0\r\n"),
        "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n",
        request_with("Expect: something-else\r\nContent-Length: 4\r\n"),
    };
    for (const auto& input : inputs) {
        RequestParser parser;
        parser.feed(input);
        BOOST_TEST(parser.headers_complete());
        BOOST_TEST(!parser.expects_continue());
    }
}

BOOST_AUTO_TEST_CASE(limits_at_their_exact_bound_are_accepted) {
    const auto limits = small_limits();
    const std::string long_path = "/" + std::string(limits.max_request_line - 14, 'p');
    BOOST_TEST(parse_one("GET " + long_path + " HTTP/1.1\r\nHost: a\r\n\r\n").path == long_path);
    const std::string prefix = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
    const std::string value(limits.max_header_bytes - prefix.size() - 4, 'v');
    BOOST_TEST(parse_one(prefix + value + "\r\n\r\n").headers.size() == 2u);
    std::string fields;
    for (std::size_t i = 1; i < limits.max_header_count; ++i) fields += "X: 1\r\n";
    BOOST_TEST(parse_one("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n").headers.size() == 8u);
    const std::string body(limits.max_body_bytes, 'b');
    BOOST_TEST(parse_one(request_with("Content-Length: 64\r\n", body)).body == body);
    BOOST_TEST(
        parse_one(chunked_with("20\r\n" + body.substr(32) + "\r\n20\r\n" + body.substr(32) + "\r\n0\r\n\r\n"))
            .body == body);
}

BOOST_AUTO_TEST_CASE(large_content_length_body_is_read_whole) {
    const std::string body(200'000, 'z');
    RequestParser parser;
    const auto input = request_with("Content-Length: 200000\r\n", body);
    BOOST_TEST(parser.feed(input) == input.size());
    BOOST_TEST(parser.request().body == body);
}

BOOST_AUTO_TEST_CASE(error_is_sticky_and_feed_returns_zero) {
    RequestParser parser;
    parser.feed("GET / HTTP/1.1\nHost: a\r\n\r\n");
    BOOST_TEST((parser.state() == ParseState::error));
    BOOST_TEST(parser.feed(kGet) == 0u);
    BOOST_TEST((parser.state() == ParseState::error));
    BOOST_TEST(parser.error_status() == 400);
    BOOST_TEST(parser.error_reason() == "bare LF in line ending");
}

BOOST_AUTO_TEST_CASE(reset_after_error_parses_a_new_request) {
    RequestParser parser;
    parser.feed("BAD\r\n");
    BOOST_TEST((parser.state() == ParseState::error));
    parser.reset();
    BOOST_TEST(parser.error_status() == 0);
    BOOST_TEST(parser.feed(kGet) == kGet.size());
    BOOST_TEST((parser.state() == ParseState::complete));
}

// ---------------------------------------------------------------------------------------------- request line

BOOST_AUTO_TEST_CASE(malformed_request_lines_are_400) {
    for (const char* line : {"GET  / HTTP/1.1", "GET /  HTTP/1.1", "GET / HTTP/1.1 ", "GET /", "GET / ",
                             "GET", "GET\t/ HTTP/1.1", "GET / HTTP/1.1 extra", "GET /a b HTTP/1.1"}) {
        expect_status(std::string(line) + "\r\nHost: a\r\n\r\n", 400);
    }
}

BOOST_AUTO_TEST_CASE(invalid_method_is_400) {
    for (const char* line : {" / HTTP/1.1", "G@T / HTTP/1.1", "GE(T / HTTP/1.1", "G\x01T / HTTP/1.1"}) {
        expect_status(std::string(line) + "\r\nHost: a\r\n\r\n", 400);
    }
}

BOOST_AUTO_TEST_CASE(invalid_http_version_is_400) {
    for (const char* version :
         {"http/1.1", "HTTP/11", "HTTP/1.", "HTTP/1.1x", "HTTP/a.1", "HTTP/1,1", "HTTP/2", "HTTPS/1.1"}) {
        expect_status("GET / " + std::string(version) + "\r\nHost: a\r\n\r\n", 400);
    }
}

BOOST_AUTO_TEST_CASE(unsupported_http_version_is_505) {
    for (const char* version : {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3.0", "HTTP/1.9"}) {
        expect_status("GET / " + std::string(version) + "\r\nHost: a\r\n\r\n", 505);
    }
}

BOOST_AUTO_TEST_CASE(invalid_bytes_in_target_are_400) {
    for (const auto& target : {std::string("/a\x01"), std::string("/a\x7f"), std::string("/caf\xC3\xA9"),
                               std::string("/a#frag"), std::string("/a\0", 3)}) {
        expect_status("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    }
}

BOOST_AUTO_TEST_CASE(asterisk_form_other_than_options_is_400) {
    expect_status("GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    expect_status("OPTIONS *x HTTP/1.1\r\nHost: a\r\n\r\n", 400);
}

BOOST_AUTO_TEST_CASE(authority_form_other_than_connect_is_400) {
    expect_status("GET example.com:80 HTTP/1.1\r\nHost: a\r\n\r\n", 400);
}

BOOST_AUTO_TEST_CASE(connect_without_authority_form_is_400) {
    for (const char* target : {"/path", "example.com", "example.com:", ":443", "a/b:443", "http://a:1"}) {
        expect_status("CONNECT " + std::string(target) + " HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    }
}

BOOST_AUTO_TEST_CASE(absolute_form_with_other_scheme_userinfo_or_no_host_is_400) {
    for (const char* target : {"ftp://a/", "http://user@a/", "http:///x", "http:/a/", "1http://a/"}) {
        expect_status("GET " + std::string(target) + " HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    }
}

BOOST_AUTO_TEST_CASE(oversize_request_line_is_414) {
    const std::string path = "/" + std::string(small_limits().max_request_line - 13, 'p');
    expect_status("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n", 414);
    expect_status("GET " + path + path, 414);  // detected before the line ends
}

BOOST_AUTO_TEST_CASE(too_many_empty_lines_before_request_is_400) {
    std::string empty;
    for (int i = 0; i < 9; ++i) empty += "\r\n";
    expect_status(empty + kGet, 400, {});
    BOOST_TEST((parse_whole(empty.substr(2) + kGet).at(0).state == ParseState::complete));
}

// ---------------------------------------------------------------------------------------------- line endings

BOOST_AUTO_TEST_CASE(bare_lf_is_400) {
    for (const auto& input :
         {std::string("GET / HTTP/1.1\nHost: a\r\n\r\n"), std::string("\nGET / HTTP/1.1\r\n"),
          std::string("GET / HTTP/1.1\r\nHost: a\n\r\n"), std::string("GET / HTTP/1.1\r\nHost: a\r\n\n"),
          chunked_with("5\nhello\r\n0\r\n\r\n"), chunked_with("0\r\nX: 1\n\r\n"), chunked_with("0\r\n\n")}) {
        expect_status(input, 400);
    }
}

BOOST_AUTO_TEST_CASE(bare_cr_is_400) {
    for (const auto& input :
         {std::string("GET / HTTP/1.1\r\r\nHost: a\r\n\r\n"), std::string("GET /\r HTTP/1.1\r\n"),
          std::string("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n"),
          std::string("GET / HTTP/1.1\r\nHost: a\r\nX\r: b\r\n\r\n"),
          std::string("GET / HTTP/1.1\r\nHost: a\r\n\r\r\n"), std::string("\r\rGET / HTTP/1.1\r\n"),
          chunked_with("5\r\r\nhello\r\n0\r\n\r\n")}) {
        expect_status(input, 400);
    }
}

// ---------------------------------------------------------------------------------------------- field lines

BOOST_AUTO_TEST_CASE(control_bytes_in_field_values_are_400) {
    for (const char c : {'\0', '\x01', '\x1f', '\x7f', '\r', '\x0b'}) {
        expect_status(request_with("X: a" + std::string(1, c) + "b\r\n"), 400);
    }
}

BOOST_AUTO_TEST_CASE(invalid_field_names_are_400) {
    for (const auto& name : {std::string("X\0Y", 3), std::string("X Y"), std::string("X@Y"),
                             std::string("X\x80"), std::string("X\"Y"), std::string("")}) {
        expect_status(request_with(name + ": v\r\n"), 400);
    }
}

BOOST_AUTO_TEST_CASE(whitespace_before_colon_is_400) {
    expect_status("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400);
    expect_status(request_with("X\t: a\r\n"), 400);
}

BOOST_AUTO_TEST_CASE(obs_fold_is_400) {
    expect_status(request_with("X: a\r\n b\r\n"), 400);
    expect_status(request_with("X: a\r\n\tb\r\n"), 400);
    expect_status("GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400);
}

BOOST_AUTO_TEST_CASE(field_line_without_colon_is_400) {
    expect_status(request_with("NoColon\r\n"), 400);
}

BOOST_AUTO_TEST_CASE(missing_host_in_http_1_1_is_400) {
    expect_status("GET / HTTP/1.1\r\nX: a\r\n\r\n", 400);
}

BOOST_AUTO_TEST_CASE(repeated_host_is_400) {
    expect_status("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", 400);
    expect_status("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400);
}

BOOST_AUTO_TEST_CASE(invalid_host_value_is_400) {
    for (const char* host : {"a b", "a/b", "user@a", "a?b", "a\"b"}) {
        expect_status("GET / HTTP/1.1\r\nHost: " + std::string(host) + "\r\n\r\n", 400);
    }
}

BOOST_AUTO_TEST_CASE(oversize_header_section_is_431) {
    const std::string prefix = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
    const std::string value(small_limits().max_header_bytes - prefix.size() - 3, 'v');
    expect_status(prefix + value + "\r\n\r\n", 431);
    expect_status(prefix + value + value, 431);  // detected before the line ends
}

BOOST_AUTO_TEST_CASE(too_many_header_fields_is_431) {
    std::string fields;
    for (std::size_t i = 0; i < small_limits().max_header_count; ++i) fields += "X: 1\r\n";
    expect_status("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n", 431);
}

// ----------------------------------------------------------------------------------------------
// Content-Length

BOOST_AUTO_TEST_CASE(malformed_content_length_is_400) {
    for (const char* value : {"abc", "-1", "+1", "1 2", "", "1,1", "0x10", "1.0", "1_000", "\xD9\xA1"}) {
        expect_status(request_with("Content-Length: " + std::string(value) + "\r\n", "x"), 400);
    }
}

BOOST_AUTO_TEST_CASE(repeated_content_length_is_400_even_when_equal) {
    expect_status(request_with("Content-Length: 1\r\nContent-Length: 1\r\n", "x"), 400);
    expect_status(request_with("Content-Length: 1, 1\r\n", "x"), 400);
}

BOOST_AUTO_TEST_CASE(oversize_content_length_is_413) {
    expect_status(request_with("Content-Length: 65\r\n"), 413);
    expect_status(request_with("Content-Length: 99999999999999999999999999999999\r\n"), 413);
}

BOOST_AUTO_TEST_CASE(oversize_content_length_is_413_before_the_body_arrives) {
    RequestParser parser(small_limits());
    const auto head = request_with("Content-Length: 1000\r\n");
    BOOST_TEST(parser.feed(head) == head.size());
    BOOST_TEST((parser.state() == ParseState::error));
    BOOST_TEST(parser.error_status() == 413);
    BOOST_TEST(!parser.headers_complete());
}

// ----------------------------------------------------------------------------------------------
// Transfer-Encoding

BOOST_AUTO_TEST_CASE(unknown_transfer_coding_before_chunked_is_501) {
    for (const char* value : {"gzip, chunked", "gzip,chunked", "identity , x-custom, chunked"}) {
        expect_status(request_with("Transfer-Encoding: " + std::string(value) + "\r\n"), 501);
    }
}

BOOST_AUTO_TEST_CASE(transfer_coding_not_ending_in_a_single_chunked_is_400) {
    for (const char* value : {"gzip", "xchunked", "chunked, identity", "chunked, chunked", ", chunked",
                              "chunked,", "chunked;q=1", "chunked x", ""}) {
        expect_status(request_with("Transfer-Encoding: " + std::string(value) + "\r\n"), 400);
    }
}

BOOST_AUTO_TEST_CASE(repeated_transfer_encoding_is_400) {
    expect_status(request_with("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"), 400);
}

BOOST_AUTO_TEST_CASE(te_and_cl_together_is_400) {
    expect_status(request_with("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400);
    expect_status(request_with("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n"), 400);
}

BOOST_AUTO_TEST_CASE(te_in_http_1_0_is_400) {
    expect_status("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
}

// ---------------------------------------------------------------------------------------------- chunks

BOOST_AUTO_TEST_CASE(invalid_chunk_size_is_400) {
    for (const char* line : {"z", "-1", " 5", "5 ", "", "0x5", "+5", "5\t"}) {
        expect_status(chunked_with(std::string(line) + "\r\nhello\r\n0\r\n\r\n"), 400);
    }
}

BOOST_AUTO_TEST_CASE(invalid_chunk_extension_is_400) {
    for (const char* line :
         {"5;", "5;=x", "5;a=", "5;a=\"x", "5;a b", "5;a=b c", "5;a=\"\x01\"", "5 x", "5;a;"}) {
        expect_status(chunked_with(std::string(line) + "\r\nhello\r\n0\r\n\r\n"), 400);
    }
}

BOOST_AUTO_TEST_CASE(oversize_chunk_line_is_400) {
    const std::string name(4094, 'n');  // "5;" + name is exactly the 4096-byte bound
    BOOST_TEST(parse_one(chunked_with("5;" + name + "\r\nhello\r\n0\r\n\r\n")).body == "hello");
    expect_status(chunked_with("5;" + name + "n\r\nhello\r\n0\r\n\r\n"), 400);
}

BOOST_AUTO_TEST_CASE(too_many_chunk_extension_bytes_is_400) {
    std::string chunks;
    for (int i = 0; i < 5; ++i) chunks += "1;" + std::string(4000, 'e') + "\r\nx\r\n";
    expect_status(chunked_with(chunks + "0\r\n\r\n"), 400, small_limits(), false);
}

BOOST_AUTO_TEST_CASE(chunk_data_not_followed_by_crlf_is_400) {
    for (const char* chunks : {"5\r\nhelloX\r\n0\r\n\r\n", "5\r\nhello\rX0\r\n\r\n", "5\r\nhello\n0\r\n\r\n",
                               "5\r\nhello0\r\n\r\n"}) {
        expect_status(chunked_with(chunks), 400);
    }
}

BOOST_AUTO_TEST_CASE(oversize_chunked_body_is_413) {
    expect_status(chunked_with("41\r\n"), 413);  // one chunk over the limit, before its data
    const std::string half(32, 'h');
    expect_status(chunked_with("20\r\n" + half + "\r\n21\r\n"), 413);
    expect_status(chunked_with("fffffffffffffffffffffffffff\r\n"), 413);
    expect_status(chunked_with("00000000000000000000000000000041\r\n"), 413);
}

// ---------------------------------------------------------------------------------------------- trailers

BOOST_AUTO_TEST_CASE(forbidden_trailer_is_400) {
    for (const char* field :
         {"Content-Length: 5", "transfer-encoding: chunked", "Host: evil", "Content-Type: x/y"}) {
        expect_status(chunked_with("0\r\n" + std::string(field) + "\r\n\r\n"), 400);
    }
}

BOOST_AUTO_TEST_CASE(malformed_trailer_is_400) {
    expect_status(chunked_with("0\r\nX : 1\r\n\r\n"), 400);
    expect_status(chunked_with("0\r\nX: 1\r\n folded\r\n\r\n"), 400);
    expect_status(chunked_with("0\r\nX: \x01\r\n\r\n"), 400);
}

BOOST_AUTO_TEST_CASE(oversize_trailers_are_431) {
    const std::string value(small_limits().max_header_bytes, 't');
    expect_status(chunked_with("0\r\nX: " + value + "\r\n\r\n"), 431);
    std::string fields;
    for (int i = 0; i < 7; ++i) fields += "X: 1\r\n";  // one more than the 8 with Host and Transfer-Encoding
    expect_status(chunked_with("0\r\n" + fields + "\r\n"), 431);
}

BOOST_AUTO_TEST_SUITE_END()
