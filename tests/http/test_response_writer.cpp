#include "http/response_writer.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include "http/http_date.hpp"

#include <cohook/response.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

using cohook::Response;
using cohook::http::error_response;
using cohook::http::format_http_date;
using cohook::http::http_date_now;
using cohook::http::write_response_head;

namespace {

// The lines of a response head, split on CRLF. The blank line ending the head is kept as "".
std::vector<std::string> head_lines(const std::string& head) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < head.size()) {
        const auto end = head.find("\r\n", start);
        if (end == std::string::npos) {
            lines.push_back(head.substr(start) + "<no CRLF>");
            break;
        }
        lines.push_back(head.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

std::string head_of(const Response& response, bool keep_alive = true) {
    std::string out;
    write_response_head(out, response, keep_alive);
    return out;
}

std::size_t count_occurrences(const std::string& text, std::string_view needle) {
    std::size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
    return n;
}

// True for an RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". Checked by hand: g++ 12's
// <regex> trips -Wmaybe-uninitialized under the sanitizer build, where warnings are errors.
bool is_imf_fixdate(std::string_view text) {
    // '#' is a digit, '?' a letter checked against the name lists below; anything else is literal.
    constexpr std::string_view kShape = "???, ## ??? #### ##:##:## GMT";
    constexpr std::string_view kDays = "Mon Tue Wed Thu Fri Sat Sun";
    constexpr std::string_view kMonths = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
    if (text.size() != kShape.size()) return false;
    for (std::size_t i = 0; i < kShape.size(); ++i) {
        const bool digit = text[i] >= '0' && text[i] <= '9';
        if (kShape[i] == '#' ? !digit : kShape[i] != '?' && text[i] != kShape[i]) return false;
    }
    // Names start every 4 characters in the lists; a miss (npos) is 3 modulo 4.
    return kDays.find(text.substr(0, 3)) % 4 == 0 && kMonths.find(text.substr(8, 3)) % 4 == 0 &&
           text.substr(5, 2) >= "01" && text.substr(5, 2) <= "31" && text.substr(17, 2) <= "23" &&
           text.substr(20, 2) <= "59" && text.substr(23, 2) <= "60";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(response_writer_suite)

BOOST_AUTO_TEST_CASE(a_plain_response_head_has_exactly_the_framing_lines) {
    Response response;
    response.body = "hello";
    const auto lines = head_lines(head_of(response));
    BOOST_REQUIRE_EQUAL(lines.size(), 5u);
    BOOST_TEST(lines[0] == "HTTP/1.1 200 OK");
    BOOST_TEST(lines[1] == "Content-Length: 5");
    BOOST_TEST(lines[2].starts_with("Date: "));
    BOOST_TEST(is_imf_fixdate(std::string_view(lines[2]).substr(6)), lines[2]);
    BOOST_TEST(lines[3] == "Connection: keep-alive");
    BOOST_TEST(lines[4] == "");
}

BOOST_AUTO_TEST_CASE(the_head_ends_with_one_blank_line_and_is_appended) {
    std::string out = "prefix";
    write_response_head(out, Response{}, true);
    BOOST_TEST(out.starts_with("prefixHTTP/1.1 200 OK\r\n"));
    BOOST_TEST(out.ends_with("\r\nConnection: keep-alive\r\n\r\n"));
    BOOST_TEST(count_occurrences(out, "\r\n\r\n") == 1u);
    BOOST_TEST(out.find("Content-Length: 0\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(connection_close_is_sent_when_not_keeping_alive) {
    const std::string head = head_of(Response{}, false);
    BOOST_TEST(head.ends_with("\r\nConnection: close\r\n\r\n"));
    BOOST_TEST(head.find("keep-alive") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(user_headers_are_kept_in_order_before_the_framing_headers) {
    Response response;
    response.status = 201;
    response.headers.add("Content-Type", "application/json");
    response.headers.add("X-B", "2");
    response.headers.add("X-A", "1");
    response.headers.add("X-B", "3");
    response.body = "{}";
    const auto lines = head_lines(head_of(response));
    BOOST_REQUIRE_EQUAL(lines.size(), 9u);
    BOOST_TEST(lines[0] == "HTTP/1.1 201 Created");
    BOOST_TEST(lines[1] == "Content-Type: application/json");
    BOOST_TEST(lines[2] == "X-B: 2");
    BOOST_TEST(lines[3] == "X-A: 1");
    BOOST_TEST(lines[4] == "X-B: 3");
    BOOST_TEST(lines[5] == "Content-Length: 2");
    BOOST_TEST(lines[6].starts_with("Date: "));
    BOOST_TEST(lines[7] == "Connection: keep-alive");
}

BOOST_AUTO_TEST_CASE(user_framing_headers_are_replaced_not_duplicated) {
    Response response;
    response.headers.add("Content-Length", "999");
    response.headers.add("transfer-encoding", "chunked");
    response.headers.add("CONNECTION", "close");
    response.headers.add("Date", "Thu, 01 Jan 1970 00:00:00 GMT");
    response.headers.add("X-Kept", "yes");
    response.body = "abc";
    const std::string head = head_of(response, true);
    BOOST_TEST(count_occurrences(head, "Content-Length:") == 1u);
    BOOST_TEST(head.find("Content-Length: 3\r\n") != std::string::npos);
    BOOST_TEST(head.find("999") == std::string::npos);
    BOOST_TEST(head.find("chunked") == std::string::npos);
    BOOST_TEST(head.find("ransfer-") == std::string::npos);
    BOOST_TEST(head.find("CONNECTION") == std::string::npos);
    BOOST_TEST(count_occurrences(head, "Connection:") == 1u);
    BOOST_TEST(head.find("Connection: keep-alive\r\n") != std::string::npos);
    BOOST_TEST(count_occurrences(head, "Date:") == 1u);
    BOOST_TEST(head.find("1970") == std::string::npos);
    BOOST_TEST(head.find("X-Kept: yes\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(headers_containing_cr_or_lf_are_dropped) {
    Response response;
    response.headers.add("X-Evil", "a\r\nSet-Cookie: stolen=1");
    response.headers.add("X-Lf", "a\nb");
    response.headers.add("X-Cr", "a\rb");
    response.headers.add("X-Split\r\nSet-Cookie", "stolen=2");
    response.headers.add("X-Name\n", "v");
    response.headers.add("", "empty name");
    response.headers.add("X-Good", "kept");
    const std::string head = head_of(response);
    BOOST_TEST(head.find("Set-Cookie") == std::string::npos);
    BOOST_TEST(head.find("stolen") == std::string::npos);
    BOOST_TEST(head.find("X-Evil") == std::string::npos);
    BOOST_TEST(head.find("X-Lf") == std::string::npos);
    BOOST_TEST(head.find("X-Cr") == std::string::npos);
    BOOST_TEST(head.find("X-Name") == std::string::npos);
    BOOST_TEST(head.find("empty name") == std::string::npos);
    BOOST_TEST(head.find("X-Good: kept\r\n") != std::string::npos);
    // Every line ends in CRLF: no bare CR or LF got through.
    BOOST_TEST(count_occurrences(head, "\n") == count_occurrences(head, "\r\n"));
    BOOST_TEST(count_occurrences(head, "\r") == count_occurrences(head, "\r\n"));
    BOOST_TEST(head_lines(head).size() == 6u);
}

BOOST_AUTO_TEST_CASE(an_unlisted_status_has_the_unknown_reason) {
    Response response;
    response.status = 299;
    BOOST_TEST(head_of(response).starts_with("HTTP/1.1 299 Unknown\r\n"));
}

BOOST_AUTO_TEST_CASE(listed_statuses_have_their_rfc_9110_reasons) {
    const std::pair<int, std::string_view> table[] = {
        {204, "No Content"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {413, "Content Too Large"},
        {422, "Unprocessable Content"},
        {500, "Internal Server Error"},
    };
    for (const auto& [status, reason] : table) {
        Response response;
        response.status = status;
        const std::string expected =
            "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
        BOOST_TEST(head_of(response).starts_with(expected), "status: " << status);
    }
}

BOOST_AUTO_TEST_CASE(error_response_is_json_detail_with_the_reason) {
    const Response response = error_response(413);
    BOOST_TEST(response.status == 413);
    BOOST_TEST(response.body == R"({"detail":"Content Too Large"})");
    BOOST_TEST(response.headers.get("Content-Type").value_or("<unset>") == "application/json");
    BOOST_TEST(response.headers.count("Content-Type") == 1u);
}

BOOST_AUTO_TEST_CASE(error_response_head_frames_the_json_body) {
    const Response response = error_response(400);
    const auto lines = head_lines(head_of(response, false));
    BOOST_REQUIRE_EQUAL(lines.size(), 6u);
    BOOST_TEST(lines[0] == "HTTP/1.1 400 Bad Request");
    BOOST_TEST(lines[1] == "Content-Type: application/json");
    BOOST_TEST(lines[2] == "Content-Length: " + std::to_string(response.body.size()));
    BOOST_TEST(lines[4] == "Connection: close");
}

BOOST_AUTO_TEST_CASE(format_http_date_matches_the_rfc_example) {
    BOOST_TEST(format_http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
    BOOST_TEST(format_http_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
    BOOST_TEST(format_http_date(951782400) == "Tue, 29 Feb 2000 00:00:00 GMT");
}

BOOST_AUTO_TEST_CASE(the_date_checker_used_here_rejects_near_misses) {
    BOOST_TEST(is_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT"));
    for (const char* bad :
         {"Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun 06 Nov 1994 08:49:37 GMT ",
          "Sunday, 06-Nov-94 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
          "Sun, 06 Nov 1994 24:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT\r",
          ""}) {
        BOOST_TEST(!is_imf_fixdate(bad), "date: " << bad);
    }
}

BOOST_AUTO_TEST_CASE(http_date_now_is_an_imf_fixdate) {
    const std::string& now = http_date_now();
    BOOST_TEST(now.size() == 29u);
    BOOST_TEST(now.ends_with(" GMT"));
    BOOST_TEST(is_imf_fixdate(now), now);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(response_writer_names_suite)

BOOST_AUTO_TEST_CASE(header_names_that_are_not_tokens_are_dropped) {
    Response response;
    response.headers.add("X A", "space in name");
    response.headers.add("X:Y", "colon in name");
    response.headers.add("X-Token_ok.1", "kept");
    const std::string head = head_of(response);
    BOOST_TEST(head.find("space in name") == std::string::npos);
    BOOST_TEST(head.find("colon in name") == std::string::npos);
    BOOST_TEST(head.find("X-Token_ok.1: kept\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
