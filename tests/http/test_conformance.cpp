// HTTP/1.1 conformance of the request parser against request smuggling: one table row per input, each
// citing the rule it follows (RFC 9112 "HTTP/1.1", RFC 9110 "HTTP Semantics").
//
// `required` says whether the RFC leaves a server no other conforming answer. For a refusal: an explicit
// MUST, or input outside the message grammar with no robustness exception (RFC 9112 §2.2 then asks for
// 400); for an acceptance: the input is valid. When it is false the RFC also allows another answer (a MAY,
// a SHOULD, an "either reject or repair") or the answer comes from a limit of ours, and the row records our
// stance, stricter but for a few lenient corners; docs/security.md explains each.
//
// Every row is fed whole, byte by byte and cut in two at every position, and must give the same answer
// each time; a parser that failed must never take another byte, so nothing hidden after a rejected request
// can ever be parsed as a request of its own.
#include "http/request_parser.hpp"

#include <cohook/headers.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "support/parser_feeding.hpp"

#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using cohook::HttpLimits;
using cohook::http::ParseState;
using cohook::http::RequestParser;
using cohook::test::Outcome;
using cohook::test::parse_every_way;
using cohook::test::small_limits;
using namespace std::string_literals;

namespace {

constexpr bool kRequired = true;    // the RFC allows no other answer
constexpr bool kOurChoice = false;  // the RFC also allows a more lenient answer; this is our stance

/// The answer to the first request of a row's input.
struct Expected {
    ParseState state = ParseState::complete;
    int status = 0;
};

Expected accepted() {
    return {ParseState::complete, 0};
}
Expected rejected(int status) {
    return {ParseState::error, status};
}
Expected unfinished() {
    return {ParseState::incomplete, 0};
}

/// Parts of the first request to check; unset ones are not checked.
struct Parsed {
    std::optional<std::string> method, path, body;
    std::optional<std::pair<std::string, std::string>> field;  // name, value of its first occurrence
    std::optional<bool> expects_continue;
};

struct Row {
    std::string name;
    std::string input;
    Expected expected;
    bool required;
    std::string rfc;
    Parsed parsed = {};
    std::optional<Expected> next = {};  // what the bytes after an accepted first request give; unset: none
};

std::ostream& operator<<(std::ostream& os, const Row& row) {
    return os << row.name << " [" << row.rfc << "]";
}

// ---------------------------------------------------------------------------------------------- inputs

const std::string kHidden = "GET /hidden HTTP/1.1\r\nHost: a\r\n\r\n";  // a request smuggled after another

std::string post(std::string_view fields, std::string_view body = {}) {
    return "POST /hook HTTP/1.1\r\nHost: example.com\r\n" + std::string(fields) + "\r\n" + std::string(body);
}

std::string length_of(std::string_view body) {
    return "Content-Length: " + std::to_string(body.size()) + "\r\n";
}

std::string chunked(std::string_view chunks) {
    return post("Transfer-Encoding: chunked\r\n", chunks);
}

std::string with_line(std::string_view request_line) {
    return std::string(request_line) + "\r\nHost: a\r\n\r\n";
}

std::string with_host(std::string_view host) {
    return "GET / HTTP/1.1\r\nHost: " + std::string(host) + "\r\n\r\n";
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// ---------------------------------------------------------------------------------------------- rows

std::vector<Row> valid_request_rows() {
    return {
        {"get_origin_form",
         "GET /hooks/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9112 §3, §3.2.1: request-line with an origin-form target",
         {.method = "GET", .path = "/hooks/x", .body = ""}},
        {"post_with_content_length",
         post("Content-Length: 5\r\n", "hello"),
         accepted(),
         kRequired,
         "RFC 9112 §6.3: a valid Content-Length gives the body length",
         {.method = "POST", .body = "hello"}},
        {"post_chunked",
         chunked("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §7.1: a recipient MUST be able to parse and decode chunked",
         {.body = "hello world"}},
        {"get_with_a_body",
         "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc",
         accepted(),
         kRequired,
         "RFC 9112 §6: request framing is independent of method semantics",
         {.method = "GET", .body = "abc"}},
        {"request_without_framing_has_no_body",
         "POST /x HTTP/1.1\r\nHost: a\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9112 §6.3: a request with neither Content-Length nor Transfer-Encoding has no body",
         {.body = ""}},
        {"body_that_looks_like_a_request_is_body",
         post(length_of(kHidden), kHidden),
         accepted(),
         kRequired,
         "RFC 9112 §6.3: Content-Length alone frames the body, whatever it contains",
         {.body = kHidden}},
        {"request_after_a_content_length_body_is_the_next_one",
         post("Content-Length: 5\r\n", "hello") + kHidden,
         accepted(),
         kRequired,
         "RFC 9112 §6.3, §9.3.2: the body ends after Content-Length bytes; pipelining",
         {.body = "hello"},
         accepted()},
        {"request_after_the_last_chunk_is_the_next_one",
         chunked("5\r\nhello\r\n0\r\n\r\n") + kHidden,
         accepted(),
         kRequired,
         "RFC 9112 §7.1: the chunked body ends at the empty line after the last chunk",
         {.body = "hello"},
         accepted()},
        {"http_1_0_without_host",
         "GET /old HTTP/1.0\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9112 §3.2: Host is required in HTTP/1.1 requests only",
         {.path = "/old"}},
        {"http_1_0_with_content_length",
         "POST /old HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi",
         accepted(),
         kRequired,
         "RFC 9112 §6.3: Content-Length frames HTTP/1.0 bodies too",
         {.body = "hi"}},
        {"leading_empty_line_is_ignored",
         "\r\n" + with_line("GET / HTTP/1.1"),
         accepted(),
         kOurChoice,
         "RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line",
         {.path = "/"}},
        {"unknown_method_token",
         with_line("FOO /x HTTP/1.1"),
         accepted(),
         kOurChoice,
         "RFC 9110 §9.1: an unrecognized method SHOULD get 501; the parser takes any token, routing answers",
         {.method = "FOO"}},
        {"lowercase_method_is_another_method",
         with_line("get /x HTTP/1.1"),
         accepted(),
         kOurChoice,
         "RFC 9110 §9.1: methods are case-sensitive, so `get` is an unrecognized method (routing answers)",
         {.method = "get"}},
        {"field_value_ows_is_trimmed",
         post("X: \t v  w \t\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §5.1: leading and trailing OWS is not part of the field value",
         {.field = std::pair{"x"s, "v  w"s}}},
        {"field_value_may_be_empty",
         post("X:\r\n"),
         accepted(),
         kRequired,
         "RFC 9110 §5.5: field-value = *field-content",
         {.field = std::pair{"x"s, ""s}}},
        {"obs_text_in_field_value",
         post("X: caf\xC3\xA9\r\n"),
         accepted(),
         kRequired,
         "RFC 9110 §5.5: field-vchar includes obs-text (bytes 0x80-0xFF)",
         {.field = std::pair{"x"s, "caf\xC3\xA9"s}}},
        {"field_names_are_case_insensitive",
         post("content-LENGTH: 2\r\n", "ok"),
         accepted(),
         kRequired,
         "RFC 9110 §5.1: field names are case-insensitive",
         {.body = "ok"}},
        {"query_may_hold_question_marks",
         with_line("GET /?x?y HTTP/1.1"),
         accepted(),
         kRequired,
         "RFC 9112 §3.2.1 / RFC 3986 §3.4: query = *( pchar / \"/\" / \"?\" )",
         {.path = "/"}},
        {"lenient_target_characters",
         with_line("GET /a<b>|c^ HTTP/1.1"),
         accepted(),
         kOurChoice,
         "RFC 3986 excludes < > | ^ from paths; RFC 9112 §3.2 SHOULD 400; we pass any visible ASCII but #",
         {.path = "/a<b>|c^"}},
        {"lenient_percent_escape_in_target",
         with_line("GET /a%zz HTTP/1.1"),
         accepted(),
         kOurChoice,
         "RFC 3986 §2.1: pct-encoded needs two hex digits; we pass the target through undecoded",
         {.path = "/a%zz"}},
    };
}

std::vector<Row> target_form_rows() {
    return {
        {"absolute_form",
         "GET http://example.com/abs?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9112 §3.2.2: a server MUST accept the absolute-form",
         {.path = "/abs"}},
        {"absolute_form_host_field_is_ignored",
         "GET http://example.com/abs HTTP/1.1\r\nHost: other\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9112 §3.2.2: with absolute-form the server MUST ignore Host",
         {.path = "/abs"}},
        {"absolute_form_without_path",
         "GET HTTPS://example.com:8443?x HTTP/1.1\r\nHost: a\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9112 §3.2.2, RFC 3986 §3.1: scheme is case-insensitive; empty path is /",
         {.path = "/"}},
        {"asterisk_form_for_options",
         with_line("OPTIONS * HTTP/1.1"),
         accepted(),
         kRequired,
         "RFC 9112 §3.2.4: asterisk-form for a server-wide OPTIONS",
         {.method = "OPTIONS"}},
        {"authority_form_for_connect",
         "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9112 §3.2.3: authority-form for CONNECT",
         {.method = "CONNECT"}},
        {"authority_form_with_ip_literal",
         with_line("CONNECT [::1]:8443 HTTP/1.1"),
         accepted(),
         kRequired,
         "RFC 9112 §3.2.3, RFC 3986 §3.2.2: uri-host may be an IP-literal",
         {.method = "CONNECT"}},
        {"authority_form_for_get", with_line("GET example.com:80 HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3.2.3: authority-form is only for CONNECT (read as absolute-form, an unknown scheme)"},
        {"asterisk_form_for_get", with_line("GET * HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3.2.4: asterisk-form is only for a server-wide OPTIONS"},
        {"relative_target", with_line("GET a/b HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.2: request-target is origin-, absolute-, authority- or asterisk-form"},
        {"fragment_in_target", with_line("GET /a#frag HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.2.1: origin-form = absolute-path [ \"?\" query ], no fragment"},
        {"absolute_form_with_other_scheme", with_line("GET ftp://example.com/ HTTP/1.1"), rejected(400),
         kOurChoice, "RFC 9110 §7.4: a server may refuse targets it does not serve; we serve http(s) only"},
        {"absolute_form_with_userinfo", with_line("GET http://user@example.com/ HTTP/1.1"), rejected(400),
         kOurChoice, "RFC 9110 §4.2.4: a recipient SHOULD treat userinfo in an http(s) URI as an error"},
        {"absolute_form_with_empty_host", with_line("GET http:///x HTTP/1.1"), rejected(400), kRequired,
         "RFC 9110 §4.2.1: an http URI with an empty host MUST be rejected as invalid"},
        {"absolute_form_with_only_a_port", with_line("GET http://:80/x HTTP/1.1"), rejected(400), kRequired,
         "RFC 9110 §4.2.1: an http URI with an empty host MUST be rejected as invalid"},
        {"absolute_form_with_a_bad_port", with_line("GET http://a:8o/x HTTP/1.1"), rejected(400), kRequired,
         "RFC 3986 §3.2.3: port = *DIGIT"},
        {"connect_without_port", with_line("CONNECT example.com HTTP/1.1"), rejected(400), kRequired,
         "RFC 9110 §9.3.6: a server MUST reject a CONNECT with an empty or invalid port"},
        {"connect_with_empty_port", with_line("CONNECT example.com: HTTP/1.1"), rejected(400), kRequired,
         "RFC 9110 §9.3.6: a server MUST reject a CONNECT with an empty or invalid port"},
        {"connect_port_out_of_range", with_line("CONNECT example.com:65536 HTTP/1.1"), rejected(400),
         kRequired,
         "RFC 9110 §9.3.6: a server MUST reject a CONNECT with an invalid port (TCP ports end at 65535)"},
        {"connect_port_zero", with_line("CONNECT example.com:0 HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9110 §9.3.6: MUST reject an invalid port; we count the reserved port 0 as invalid"},
        {"connect_with_origin_form", with_line("CONNECT /x HTTP/1.1"), rejected(400), kRequired,
         "RFC 9110 §9.3.6: the CONNECT target is only host and port; MUST reject an empty port"},
    };
}

std::vector<Row> request_line_rows() {
    return {
        {"two_spaces_after_method", with_line("GET  / HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3: exactly one SP; recipients MAY split on any whitespace, we do not"},
        {"two_spaces_before_version", with_line("GET /  HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3: exactly one SP; recipients MAY split on any whitespace, we do not"},
        {"trailing_space_after_version", with_line("GET / HTTP/1.1 "), rejected(400), kOurChoice,
         "RFC 9112 §3: recipients MAY ignore trailing whitespace, we do not"},
        {"leading_space_before_method", with_line(" GET / HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3: recipients MAY ignore preceding whitespace, we do not"},
        {"tab_as_separator", with_line("GET\t/ HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3: recipients MAY treat HTAB as SP, we do not"},
        {"tab_before_version", with_line("GET /\tHTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3: recipients MAY treat HTAB as SP, we do not"},
        {"vertical_tab_as_separator", with_line("GET\x0b/ HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3: recipients MAY treat VT as SP, we do not"},
        {"form_feed_as_separator", with_line("GET\x0c/ HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §3: recipients MAY treat FF as SP, we do not"},
        {"space_inside_target", with_line("GET /a b HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.2: no whitespace in the target; SHOULD 400, SHOULD NOT autocorrect"},
        {"missing_version", with_line("GET /"), rejected(400), kRequired,
         "RFC 9112 §3: request-line = method SP request-target SP HTTP-version (no HTTP/0.9)"},
        {"extra_word_after_version", with_line("GET / HTTP/1.1 x"), rejected(400), kRequired,
         "RFC 9112 §3: request-line grammar"},
        {"lowercase_http_name", with_line("GET / http/1.1"), rejected(400), kRequired,
         "RFC 9112 §2.3: HTTP-name = %s\"HTTP\", case-sensitive"},
        {"version_without_minor", with_line("GET / HTTP/1"), rejected(400), kRequired,
         "RFC 9112 §2.3: HTTP-version = HTTP-name \"/\" DIGIT \".\" DIGIT"},
        {"version_with_two_digit_minor", with_line("GET / HTTP/1.10"), rejected(400), kRequired,
         "RFC 9112 §2.3: HTTP-version = HTTP-name \"/\" DIGIT \".\" DIGIT"},
        {"version_1_2", with_line("GET / HTTP/1.2"), rejected(505), kOurChoice,
         "RFC 9110 §2.5: a higher minor version SHOULD be processed as 1.1; no HTTP/1.2 exists, we answer "
         "505"},
        {"version_2_0", with_line("GET / HTTP/2.0"), rejected(505), kOurChoice,
         "RFC 9110 §15.6.6: 505 refuses a major version; HTTP/2 has no request-line"},
        {"version_0_9", with_line("GET / HTTP/0.9"), rejected(505), kOurChoice,
         "RFC 9110 §15.6.6: 505 refuses a major version"},
        {"method_with_parenthesis", with_line("GE(T / HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.1, RFC 9110 §5.6.2: method = token; ( is a delimiter"},
        {"method_with_at_sign", with_line("G@T / HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.1, RFC 9110 §5.6.2: method = token; @ is a delimiter"},
        {"empty_method", with_line(" / HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.1: method = token, at least one tchar"},
        {"nul_in_method", with_line("G\0T / HTTP/1.1"s), rejected(400), kRequired,
         "RFC 9112 §3.1: method = token; NUL is not a tchar"},
        {"non_ascii_method", with_line("G\xC3\x89T / HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.1: method = token; obs-text is not a tchar"},
        {"nul_before_request_line", "\0"s + with_line("GET / HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §2.2, §3.1: the message must start with a token method"},
        {"nul_in_target", with_line("GET /a\0b HTTP/1.1"s), rejected(400), kRequired,
         "RFC 9112 §3.2: the target is a URI; NUL is not a URI character"},
        {"control_byte_in_target", with_line("GET /a\x01 HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.2: the target is a URI; controls are not URI characters"},
        {"del_in_target", with_line("GET /a\x7f HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.2: the target is a URI; DEL is not a URI character"},
        {"non_ascii_target", with_line("GET /caf\xC3\xA9 HTTP/1.1"), rejected(400), kRequired,
         "RFC 9112 §3.2: the target is a URI; raw non-ASCII must be percent-encoded"},
        {"too_many_empty_lines_before_request", repeat("\r\n", 9) + with_line("GET / HTTP/1.1"),
         rejected(400), kOurChoice, "RFC 9112 §2.2: SHOULD ignore at least one empty line; we ignore eight"},
    };
}

std::vector<Row> line_ending_rows() {
    return {
        {"bare_lf_after_request_line", "GET / HTTP/1.1\nHost: a\r\n\r\n", rejected(400), kOurChoice,
         "RFC 9112 §2.2: a recipient MAY accept a bare LF as line terminator; we do not"},
        {"bare_lf_after_field_line", "GET / HTTP/1.1\r\nHost: a\n\r\n", rejected(400), kOurChoice,
         "RFC 9112 §2.2: a recipient MAY accept a bare LF as line terminator; we do not"},
        {"bare_lf_ending_the_headers", "GET / HTTP/1.1\r\nHost: a\r\n\n" + kHidden, rejected(400), kOurChoice,
         "RFC 9112 §2.2: a recipient MAY accept a bare LF as line terminator; we do not"},
        {"bare_lf_everywhere", "GET / HTTP/1.1\nHost: a\n\n", rejected(400), kOurChoice,
         "RFC 9112 §2.2: a recipient MAY accept a bare LF as line terminator; we do not"},
        {"bare_lf_before_request_line", "\n" + with_line("GET / HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §2.2: a recipient MAY accept a bare LF as line terminator; we do not"},
        {"bare_lf_after_chunk_size", chunked("5\nhello\r\n0\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §2.2, §7.1: chunk = chunk-size CRLF; bare LF MAY be accepted, we do not"},
        {"bare_lf_after_chunk_data", chunked("5\r\nhello\n0\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §7.1: chunk-data CRLF; a bare LF here is a known desync vector"},
        {"bare_lf_after_chunk_extension", chunked("5;a\nhello\r\n0\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §2.2, §7.1.1: a bare LF inside a chunk-ext line is a known desync vector"},
        {"bare_lf_ending_the_trailers", chunked("0\r\n\n") + kHidden, rejected(400), kOurChoice,
         "RFC 9112 §2.2, §7.1: chunked-body ends with CRLF; bare LF MAY be accepted, we do not"},
        {"bare_lf_after_trailer_field", chunked("0\r\nX: 1\n\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §2.2: a recipient MAY accept a bare LF as line terminator; we do not"},
        {"bare_cr_before_crlf_of_request_line", "GET / HTTP/1.1\r\r\nHost: a\r\n\r\n", rejected(400),
         kOurChoice, "RFC 9112 §2.2: a bare CR MUST make the element invalid or be replaced by SP"},
        {"bare_cr_as_separator", with_line("GET\r/ HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §2.2, §3: a bare CR MUST make the element invalid or be replaced by SP"},
        {"bare_cr_in_field_value", post("X: a\rb\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §2.2: a bare CR MUST make the element invalid or be replaced by SP"},
        {"bare_cr_as_field_line_break", "GET / HTTP/1.1\r\nHost: a\rTransfer-Encoding: chunked\r\n\r\n",
         rejected(400), kOurChoice,
         "RFC 9112 §2.2: a bare CR MUST make the element invalid or be replaced by SP"},
        {"bare_cr_in_field_name", post("X\r: b\r\n"), rejected(400), kRequired,
         "RFC 9112 §2.2, §5.1: invalid, or SP before the colon, which MUST be rejected"},
        {"bare_cr_ending_the_headers", "GET / HTTP/1.1\r\nHost: a\r\n\r\r\n", rejected(400), kOurChoice,
         "RFC 9112 §2.2: a bare CR MUST make the element invalid or be replaced by SP"},
        {"bare_cr_before_request_line", "\r\r" + with_line("GET / HTTP/1.1"), rejected(400), kOurChoice,
         "RFC 9112 §2.2: a bare CR MUST make the element invalid or be replaced by SP"},
        {"bare_cr_after_chunk_size", chunked("5\r\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §2.2, §7.1: invalid, or `5 ` which is no chunk-size line"},
        {"cr_without_lf_after_chunk_data", chunked("5\r\nhello\rX0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF"},
    };
}

std::vector<Row> field_line_rows() {
    return {
        {"space_before_colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", rejected(400), kRequired,
         "RFC 9112 §5.1: whitespace between field name and colon: a server MUST reject with 400"},
        {"tab_before_colon", post("X\t: a\r\n"), rejected(400), kRequired,
         "RFC 9112 §5.1: whitespace between field name and colon: a server MUST reject with 400"},
        {"space_before_colon_of_transfer_encoding",
         post("Transfer-Encoding : chunked\r\n", "0\r\n\r\n") + kHidden, rejected(400), kRequired,
         "RFC 9112 §5.1: whitespace between field name and colon: a server MUST reject with 400"},
        {"obs_fold_with_space", post("X: a\r\n b\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §5.2: a server MUST reject obs-fold with 400 or replace it with SP"},
        {"obs_fold_with_tab", post("X: a\r\n\tb\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §5.2: a server MUST reject obs-fold with 400 or replace it with SP"},
        {"obs_fold_of_transfer_encoding", post("Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n"),
         rejected(400), kOurChoice,
         "RFC 9112 §5.2: a server MUST reject obs-fold with 400 or replace it with SP"},
        {"folded_transfer_encoding_line", post("X: a\r\n Transfer-Encoding: chunked\r\n", "0\r\n\r\n"),
         rejected(400), kOurChoice,
         "RFC 9112 §5.2: a server MUST reject obs-fold with 400 or replace it with SP"},
        {"whitespace_before_the_only_host", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", rejected(400), kRequired,
         "RFC 9112 §2.2: MUST reject or ignore the line; ignored, Host is missing: MUST 400 (§3.2)"},
        {"whitespace_before_the_first_field", "GET / HTTP/1.1\r\n X: a\r\nHost: a\r\n\r\n", rejected(400),
         kOurChoice, "RFC 9112 §2.2: whitespace before the first field: MUST reject, or ignore the line"},
        {"field_line_without_colon", post("NoColon\r\n"), rejected(400), kRequired,
         "RFC 9112 §5: field-line = field-name \":\" OWS field-value OWS"},
        {"empty_field_name", post(": v\r\n"), rejected(400), kRequired,
         "RFC 9110 §5.1: field-name = token, at least one tchar"},
        {"nul_in_field_name", post("X\0Y: v\r\n"s), rejected(400), kRequired,
         "RFC 9110 §5.1: field-name = token"},
        {"space_in_field_name", post("X Y: v\r\n"), rejected(400), kRequired,
         "RFC 9110 §5.1: field-name = token"},
        {"slash_in_field_name", post("X/Y: v\r\n"), rejected(400), kRequired,
         "RFC 9110 §5.1: field-name = token; / is a delimiter"},
        {"non_ascii_field_name", post("X\x80: v\r\n"), rejected(400), kRequired,
         "RFC 9110 §5.1: field-name = token; obs-text is not a tchar"},
        {"nul_in_field_value", post("X: a\0b\r\n"s), rejected(400), kOurChoice,
         "RFC 9110 §5.5: NUL in a value: MUST reject the message or replace it with SP"},
        {"nul_after_transfer_encoding", post("Transfer-Encoding: chunked\0\r\n"s, "0\r\n\r\n"), rejected(400),
         kOurChoice, "RFC 9110 §5.5: NUL in a value: MUST reject the message or replace it with SP"},
        {"control_byte_in_field_value", post("X: a\x01z\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §5.5: other CTLs are invalid; recipients MAY retain them in a safe context"},
        {"escape_in_field_value", post("X: a\x1b[0m\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §5.5: other CTLs are invalid; recipients MAY retain them in a safe context"},
        {"vertical_tab_in_field_value", post("X: a\x0bz\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §5.5: VT is a CTL, not whitespace; MAY be retained in a safe context"},
        {"form_feed_in_field_value", post("X: a\x0cz\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §5.5: FF is a CTL, not whitespace; MAY be retained in a safe context"},
        {"del_in_field_value", post("X: a\x7fz\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §5.5: DEL is a CTL; MAY be retained in a safe context"},
    };
}

std::vector<Row> host_rows() {
    return {
        {"host_missing_in_http_1_1", "GET / HTTP/1.1\r\nX: a\r\n\r\n", rejected(400), kRequired,
         "RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host"},
        {"host_repeated_with_same_value", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", rejected(400),
         kRequired, "RFC 9112 §3.2: a server MUST answer 400 to more than one Host field line"},
        {"host_repeated_in_http_1_0", "GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n", rejected(400),
         kRequired,
         "RFC 9112 §3.2: a server MUST answer 400 to any request with more than one Host field line"},
        {"host_list", with_host("a, b"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 9110 §7.2: Host = uri-host [ \":\" port ]; invalid value: MUST 400"},
        {"host_with_userinfo", with_host("user@a"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 9110 §7.2: Host = uri-host [ \":\" port ]; invalid value: MUST 400"},
        {"host_with_path", with_host("a/b"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 9110 §7.2: Host = uri-host [ \":\" port ]; invalid value: MUST 400"},
        {"host_with_non_numeric_port", with_host("a:8o"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 3986 §3.2.3: port = *DIGIT; invalid value: MUST 400"},
        {"host_with_two_ports", with_host("a:80:81"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 9110 §7.2: Host = uri-host [ \":\" port ]; invalid value: MUST 400"},
        {"host_with_unclosed_ip_literal", with_host("[::1"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 3986 §3.2.2: IP-literal = \"[\" ... \"]\"; invalid value: MUST 400"},
        {"host_with_bad_percent_escape", with_host("ex%zzample"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 3986 §2.1: pct-encoded = \"%\" HEXDIG HEXDIG; invalid value: MUST 400"},
        {"host_with_control_byte", with_host("a\x01z"), rejected(400), kRequired,
         "RFC 9112 §3.2, RFC 9110 §7.2: Host = uri-host [ \":\" port ]; invalid value: MUST 400"},
        {"host_empty",
         with_host(""),
         accepted(),
         kRequired,
         "RFC 9112 §3.2: a target without authority is sent with an empty Host",
         {.field = std::pair{"host"s, ""s}}},
        {"host_with_port",
         with_host("127.0.0.1:8080"),
         accepted(),
         kRequired,
         "RFC 9110 §7.2: Host = uri-host [ \":\" port ]",
         {.field = std::pair{"host"s, "127.0.0.1:8080"s}}},
        {"host_with_ip_literal", with_host("[::1]:8080"), accepted(), kRequired,
         "RFC 9110 §7.2, RFC 3986 §3.2.2: uri-host may be an IP-literal"},
        {"host_with_percent_escape", with_host("ex%41mple.com"), accepted(), kRequired,
         "RFC 3986 §3.2.2: reg-name may hold pct-encoded octets"},
    };
}

std::vector<Row> content_length_rows() {
    return {
        {"content_length_with_leading_zeros",
         post("Content-Length: 005\r\n", "hello"),
         accepted(),
         kRequired,
         "RFC 9110 §8.6: Content-Length = 1*DIGIT",
         {.body = "hello"}},
        {"content_length_padded_with_spaces",
         post("Content-Length:   5  \r\n", "hello"),
         accepted(),
         kRequired,
         "RFC 9112 §5.1: OWS around the value is not part of it",
         {.body = "hello"}},
        {"content_length_padded_with_tabs",
         post("Content-Length:\t5\t\r\n", "hello"),
         accepted(),
         kRequired,
         "RFC 9112 §5.1: OWS around the value is not part of it",
         {.body = "hello"}},
        {"content_length_zero",
         post("Content-Length: 0\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §6.3: a valid Content-Length of 0: no body",
         {.body = ""}},
        {"content_length_with_plus_sign", post("Content-Length: +5\r\n", "hello") + kHidden, rejected(400),
         kRequired, "RFC 9112 §6.3: invalid Content-Length: MUST respond 400 and close"},
        {"content_length_negative", post("Content-Length: -5\r\n", "hello"), rejected(400), kRequired,
         "RFC 9112 §6.3: invalid Content-Length: MUST respond 400 and close"},
        {"content_length_hex", post("Content-Length: 0x5\r\n", "hello"), rejected(400), kRequired,
         "RFC 9112 §6.3: invalid Content-Length: MUST respond 400 and close"},
        {"content_length_decimal_point", post("Content-Length: 5.0\r\n", "hello"), rejected(400), kRequired,
         "RFC 9112 §6.3: invalid Content-Length: MUST respond 400 and close"},
        {"content_length_with_inner_space", post("Content-Length: 5 5\r\n", "hello"), rejected(400),
         kRequired, "RFC 9112 §6.3: invalid Content-Length: MUST respond 400 and close"},
        {"content_length_empty", post("Content-Length:\r\n", "hello"), rejected(400), kRequired,
         "RFC 9112 §6.3: invalid Content-Length: MUST respond 400 and close"},
        {"content_length_non_ascii_digit", post("Content-Length: \xD9\xA5\r\n", "hello"), rejected(400),
         kRequired, "RFC 9112 §6.3: Content-Length = 1*DIGIT, ASCII digits only: MUST 400"},
        {"content_length_with_vertical_tab", post("Content-Length: 5\x0b\r\n", "hello"), rejected(400),
         kRequired, "RFC 9112 §6.3, RFC 9110 §5.5: VT is no OWS; `5<VT>` is invalid: MUST 400"},
        {"content_length_list_of_equal_values", post("Content-Length: 5, 5\r\n", "hello"), rejected(400),
         kOurChoice, "RFC 9112 §6.3: a list of equal values MAY be read as one; we reject every list"},
        {"content_length_list_of_different_values", post("Content-Length: 5, 6\r\n", "hello"), rejected(400),
         kRequired, "RFC 9112 §6.3: differing values: unrecoverable error, MUST respond 400"},
        {"content_length_repeated_with_same_value",
         post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello"), rejected(400), kOurChoice,
         "RFC 9110 §8.6: duplicates MAY be rejected or merged; we reject"},
        {"content_length_repeated_with_different_values",
         post("Content-Length: 0\r\n" + length_of(kHidden), kHidden), rejected(400), kRequired,
         "RFC 9112 §6.3: differing values: unrecoverable error, MUST respond 400"},
        {"content_length_wrapping_around_64_bits", post("Content-Length: 18446744073709551621\r\n", "hello"),
         rejected(413), kOurChoice,
         "RFC 9110 §8.6: MUST prevent integer overflow (2^64+5 must not read as 5)"},
        {"content_length_huge", post("Content-Length: 99999999999999999999999999\r\n"), rejected(413),
         kOurChoice, "RFC 9110 §8.6: MUST anticipate large numerals; over our body limit: 413"},
    };
}

std::vector<Row> framing_conflict_rows() {
    return {
        {"cl_te_content_length_first",
         post("Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\nX"), rejected(400), kOurChoice,
         "RFC 9112 §6.1: a server MAY reject TE with CL (MUST close); §6.3 error"},
        {"te_cl_transfer_encoding_first",
         post("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "8\r\nSMUGGLED\r\n0\r\n\r\n"),
         rejected(400), kOurChoice, "RFC 9112 §6.1: a server MAY reject TE with CL (MUST close); §6.3 error"},
        {"cl_te_hiding_a_request",
         post("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n") + kHidden, rejected(400),
         kOurChoice, "RFC 9112 §6.1: a server MAY reject TE with CL (MUST close); §6.3 error"},
        {"cl_with_obfuscated_te", post("Content-Length: 5\r\nTransfer-Encoding: xchunked\r\n", "hello"),
         rejected(400), kRequired, "RFC 9112 §6.3: TE present and chunked not final: MUST 400, CL or not"},
        {"lookalike_transfer_encoding_name",
         post("Transfer_Encoding: chunked\r\n", "0\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9110 §5.1: Transfer_Encoding is another field: no body; the chunks are the next request",
         {.body = ""},
         rejected(400)},
        {"te_in_http_1_0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", rejected(400),
         kOurChoice, "RFC 9112 §6.1: HTTP/1.0 with TE: MUST treat the framing as faulty and close"},
        {"te_and_cl_in_http_1_0",
         "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello", rejected(400),
         kOurChoice, "RFC 9112 §6.1: HTTP/1.0 with TE: faulty framing even with a Content-Length"},
    };
}

std::vector<Row> transfer_encoding_rows() {
    const std::string body = "5\r\nhello\r\n0\r\n\r\n";
    return {
        {"te_odd_case",
         post("Transfer-Encoding: ChUnKeD\r\n", body),
         accepted(),
         kRequired,
         "RFC 9112 §7: transfer-coding names are case-insensitive",
         {.body = "hello"}},
        {"te_name_in_lowercase",
         post("transfer-encoding: chunked\r\n", body),
         accepted(),
         kRequired,
         "RFC 9110 §5.1: field names are case-insensitive",
         {.body = "hello"}},
        {"te_trailing_tab",
         post("Transfer-Encoding: chunked\t\r\n", body),
         accepted(),
         kRequired,
         "RFC 9112 §5.1: trailing OWS is not part of the value",
         {.body = "hello"}},
        {"te_leading_spaces",
         post("Transfer-Encoding:    chunked\r\n", body),
         accepted(),
         kRequired,
         "RFC 9112 §5.1: leading OWS is not part of the value",
         {.body = "hello"}},
        {"te_leading_tab",
         post("Transfer-Encoding:\tchunked\r\n", body),
         accepted(),
         kRequired,
         "RFC 9112 §5.1: leading OWS is not part of the value",
         {.body = "hello"}},
        {"te_without_space",
         post("Transfer-Encoding:chunked\r\n", body),
         accepted(),
         kRequired,
         "RFC 9112 §5.1: OWS after the colon is optional",
         {.body = "hello"}},
        {"te_xchunked", post("Transfer-Encoding: xchunked\r\n", body) + kHidden, rejected(400), kRequired,
         "RFC 9112 §6.3: chunked is not the final coding: MUST respond 400 and close"},
        {"te_chunked_then_identity", post("Transfer-Encoding: chunked, identity\r\n", body), rejected(400),
         kRequired, "RFC 9112 §6.3: chunked is not the final coding: MUST respond 400 and close"},
        {"te_chunked_then_gzip", post("Transfer-Encoding: chunked, gzip\r\n", body), rejected(400), kRequired,
         "RFC 9112 §6.3: chunked is not the final coding: MUST respond 400 and close"},
        {"te_gzip_alone", post("Transfer-Encoding: gzip\r\n", body), rejected(400), kRequired,
         "RFC 9112 §6.3: chunked is not the final coding: MUST respond 400 and close"},
        {"te_identity_alone", post("Transfer-Encoding: identity\r\n", body), rejected(400), kRequired,
         "RFC 9112 §6.3: chunked is not the final coding (identity is no longer a coding): MUST 400"},
        {"te_empty", post("Transfer-Encoding:\r\n", body), rejected(400), kRequired,
         "RFC 9112 §6.3: TE present, chunked is not the final coding: MUST respond 400 and close"},
        {"te_identity_then_chunked", post("Transfer-Encoding: identity, chunked\r\n", body), rejected(501),
         kOurChoice, "RFC 9112 §6.1: a transfer coding the server does not understand: SHOULD 501"},
        {"te_gzip_then_chunked", post("Transfer-Encoding: gzip, chunked\r\n", body), rejected(501),
         kOurChoice, "RFC 9112 §6.1: a transfer coding the server does not understand: SHOULD 501"},
        {"te_chunked_twice", post("Transfer-Encoding: chunked, chunked\r\n", body), rejected(400), kOurChoice,
         "RFC 9112 §6.1: a sender MUST NOT apply chunked more than once; we reject rather than decode twice"},
        {"te_leading_empty_element", post("Transfer-Encoding: , chunked\r\n", body), rejected(400),
         kOurChoice,
         "RFC 9110 §5.6.1.2 says MUST ignore empty list elements; we deviate and reject any in TE"},
        {"te_trailing_empty_element", post("Transfer-Encoding: chunked,\r\n", body), rejected(400),
         kOurChoice,
         "RFC 9110 §5.6.1.2 says MUST ignore empty list elements; we deviate and reject any in TE"},
        {"te_chunked_with_bare_parameter", post("Transfer-Encoding: chunked;foo\r\n", body), rejected(400),
         kRequired, "RFC 9110 §10.1.4: transfer-parameter = token BWS \"=\" BWS value; `;foo` is invalid"},
        {"te_chunked_with_parameter", post("Transfer-Encoding: chunked;q=1\r\n", body), rejected(400),
         kOurChoice, "RFC 9112 §7.1: chunked defines no parameters; their presence SHOULD be an error"},
        {"te_chunked_and_a_word", post("Transfer-Encoding: chunked x\r\n", body), rejected(400), kRequired,
         "RFC 9110 §5.6.1: `chunked x` is not a list of tokens; chunked is not final: MUST 400"},
        {"te_vertical_tab_before_chunked", post("Transfer-Encoding: \013chunked\r\n", body), rejected(400),
         kRequired, "RFC 9112 §6.3, RFC 9110 §5.5: VT is no OWS; `<VT>chunked` is not chunked"},
        {"te_repeated_chunked", post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", body),
         rejected(400), kOurChoice, "RFC 9112 §6.1: combined as `chunked, chunked`: chunked applied twice"},
        {"te_repeated_chunked_then_identity",
         post("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", body), rejected(400),
         kRequired, "RFC 9112 §6.3: combined as `chunked, identity`: chunked not final, MUST 400"},
        {"te_repeated_gzip_then_chunked",
         post("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", body), rejected(400), kOurChoice,
         "RFC 9112 §6.1: combined as `gzip, chunked`: SHOULD 501; repeated TE: 400"},
        {"te_repeated_with_a_bogus_value",
         post("Transfer-Encoding: chunked\r\nTransfer-encoding: cow\r\n", body) + kHidden, rejected(400),
         kRequired, "RFC 9112 §6.3: combined as `chunked, cow`: chunked not final, MUST 400"},
    };
}

std::vector<Row> chunk_rows() {
    return {
        {"chunk_size_in_any_hex_case",
         chunked("000A\r\n0123456789\r\nb\r\nabcdefghijk\r\n0\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §7.1: chunk-size = 1*HEXDIG",
         {.body = "0123456789abcdefghijk"}},
        {"last_chunk_with_many_zeros",
         chunked("5\r\nhello\r\n000\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §7.1: last-chunk = 1*(\"0\") [ chunk-ext ] CRLF",
         {.body = "hello"}},
        {"chunk_extensions_are_ignored",
         chunked("5;a=b;c=\"d;e\\\"\"\r\nhello\r\n0;end\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §7.1.1: a recipient MUST ignore unrecognized chunk extensions",
         {.body = "hello"}},
        {"chunk_extension_after_bws",
         chunked("5 ;ext\r\nhello\r\n0\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §7.1.1: chunk-ext = *( BWS \";\" BWS chunk-ext-name ... )",
         {.body = "hello"}},
        {"chunk_extension_with_bws_around_equals",
         chunked("5\t; a = b\r\nhello\r\n0\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §7.1.1: [ BWS \"=\" BWS chunk-ext-val ]",
         {.body = "hello"}},
        {"chunk_size_with_0x_prefix", chunked("0x5\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-size = 1*HEXDIG"},
        {"chunk_size_negative", chunked("-1\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-size = 1*HEXDIG"},
        {"chunk_size_with_plus_sign", chunked("+5\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-size = 1*HEXDIG"},
        {"chunk_size_empty", chunked("\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-size = 1*HEXDIG"},
        {"chunk_size_not_hex", chunked("g\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-size = 1*HEXDIG"},
        {"chunk_size_after_space", chunked(" 5\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-size = 1*HEXDIG, nothing before it"},
        {"chunk_size_then_space", chunked("5 \r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1.1: BWS only before a `;` chunk extension"},
        {"chunk_size_then_tab", chunked("5\t\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1.1: BWS only before a `;` chunk extension"},
        {"chunk_size_overflowing", chunked("ffffffffffffffffff\r\nhello\r\n0\r\n\r\n"), rejected(413),
         kOurChoice, "RFC 9112 §7.1: MUST prevent overflow; a size over our body limit is 413"},
        {"chunk_size_wrapping_around_64_bits", chunked("10000000000000005\r\nhello\r\n0\r\n\r\n") + kHidden,
         rejected(413), kOurChoice, "RFC 9112 §7.1: MUST prevent overflow (2^64+5 must not read as 5)"},
        {"chunk_extension_without_name", chunked("5;\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1.1: chunk-ext-name = token"},
        {"chunk_extension_without_value", chunked("5;a=\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1.1: chunk-ext-val = token / quoted-string"},
        {"chunk_extension_with_unclosed_quote", chunked("5;a=\"x\r\nhello\r\n0\r\n\r\n"), rejected(400),
         kRequired, "RFC 9110 §5.6.4: quoted-string needs its closing DQUOTE"},
        {"chunk_extension_with_control_byte", chunked("5;a=\"\x01\"\r\nhello\r\n0\r\n\r\n"), rejected(400),
         kRequired, "RFC 9110 §5.6.4: qdtext excludes controls"},
        {"chunk_extension_with_space_in_value", chunked("5;a=b c\r\nhello\r\n0\r\n\r\n"), rejected(400),
         kRequired, "RFC 9112 §7.1.1: chunk-ext-val = token / quoted-string"},
        {"chunk_line_at_its_limit",
         chunked("5;" + std::string(4094, 'n') + "\r\nhello\r\n0\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9112 §7.1.1: a 4096-byte chunk-size line is within our limit",
         {.body = "hello"}},
        {"chunk_line_over_its_limit", chunked("5;" + std::string(4095, 'n') + "\r\nhello\r\n0\r\n\r\n"),
         rejected(400), kOurChoice,
         "RFC 9112 §7.1.1: a server ought to limit chunk extensions and answer 4xx"},
        {"chunk_extensions_over_their_total",
         chunked(repeat("1;" + std::string(4094, 'e') + "\r\nx\r\n", 4) + "1;abcdef\r\nx\r\n0\r\n\r\n"),
         rejected(400), kOurChoice,
         "RFC 9112 §7.1.1: a server ought to limit chunk extensions and answer 4xx"},
        {"chunk_data_longer_than_its_size", chunked("5\r\nhelloX\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-data is followed by CRLF"},
        {"chunk_data_without_crlf", chunked("5\r\nhello0\r\n\r\n") + kHidden, rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-data is followed by CRLF"},
        {"chunk_data_shorter_than_its_size", chunked("6\r\nhello\r\n0\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1: chunk-size octets of data, then CRLF"},
        {"request_line_after_the_last_chunk", chunked("0\r\n") + kHidden, rejected(400), kRequired,
         "RFC 9112 §7.1: after last-chunk come trailer field lines, and `GET / HTTP/1.1` is none"},
        {"chunked_body_without_last_chunk", chunked("5\r\nhello\r\n"), unfinished(), kRequired,
         "RFC 9112 §8: a chunked body is incomplete until the zero-sized chunk"},
        {"chunked_body_without_final_crlf", chunked("5\r\nhello\r\n0\r\n"), unfinished(), kRequired,
         "RFC 9112 §7.1: chunked-body = *chunk last-chunk trailer-section CRLF"},
    };
}

std::vector<Row> trailer_rows() {
    return {
        {"trailer_field", chunked("0\r\nX-Sum: 1\r\n\r\n"), accepted(), kRequired,
         "RFC 9112 §7.1.2: trailer-section = *( field-line CRLF ); MAY discard: we validate, then discard"},
        {"content_length_trailer", chunked("0\r\nContent-Length: 5\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §6.5.1: framing fields cannot be trailers; RFC 9112 §7.1.2 MAY discard; we reject"},
        {"transfer_encoding_trailer", chunked("0\r\nTransfer-Encoding: chunked\r\n\r\n"), rejected(400),
         kOurChoice,
         "RFC 9110 §6.5.1: framing fields cannot be trailers; RFC 9112 §7.1.2 MAY discard; we reject"},
        {"host_trailer", chunked("0\r\nHost: evil\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §6.5.1: routing fields cannot be trailers; RFC 9112 §7.1.2 MAY discard; we reject"},
        {"trailer_trailer", chunked("0\r\nTrailer: X\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §6.5.1: Trailer is header-only; RFC 9112 §7.1.2 MAY discard; we reject"},
        {"content_type_trailer", chunked("0\r\nContent-Type: text/plain\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §6.5.1: content format cannot be a trailer; RFC 9112 §7.1.2 MAY discard; we reject"},
        {"trailer_with_space_before_colon", chunked("0\r\nX : 1\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §5.1, §7.1.2: a field line with whitespace before the colon MUST be rejected"},
        {"trailer_without_colon", chunked("0\r\nNoColon\r\n\r\n"), rejected(400), kRequired,
         "RFC 9112 §7.1.2: trailer-section = *( field-line CRLF )"},
        {"trailer_with_obs_fold", chunked("0\r\nX: 1\r\n 2\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9112 §5.2: MUST reject obs-fold with 400 or replace it with SP"},
        {"trailer_with_control_byte", chunked("0\r\nX: \x01\r\n\r\n"), rejected(400), kOurChoice,
         "RFC 9110 §5.5: CTLs are invalid; MAY be retained in a safe context"},
        {"trailer_section_over_the_header_budget", chunked("0\r\nX: " + std::string(256, 't') + "\r\n\r\n"),
         rejected(431), kOurChoice, "RFC 6585 §5: 431 when fields are too large; trailers share the budget"},
        {"too_many_trailer_fields", chunked("0\r\n" + repeat("X: 1\r\n", 7) + "\r\n"), rejected(431),
         kOurChoice, "RFC 6585 §5: 431 when there are too many fields; trailers share the count"},
    };
}

std::vector<Row> limit_rows() {
    const auto limits = small_limits();
    const std::string path =
        "/" + std::string(limits.max_request_line - 14, 'p');  // request line at its limit
    const std::string prefix = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
    const std::string value(limits.max_header_bytes - prefix.size() - 4, 'v');  // header section at its limit
    const std::string body(limits.max_body_bytes, 'b');
    const std::string half = body.substr(body.size() / 2);
    return {
        {"request_line_at_its_limit",
         with_line("GET " + path + " HTTP/1.1"),
         accepted(),
         kRequired,
         "RFC 9112 §3: within the request-line limit",
         {.path = path}},
        {"request_line_over_its_limit", with_line("GET " + path + "p HTTP/1.1"), rejected(414), kOurChoice,
         "RFC 9112 §3: a target longer than the server parses MUST get 414"},
        {"request_line_over_its_limit_unterminated", "GET " + path + path, rejected(414), kOurChoice,
         "RFC 9112 §3: 414 as soon as the line passes the limit, before its end"},
        {"method_over_the_request_line_limit", with_line(std::string(60, 'M') + " / HTTP/1.1"), rejected(414),
         kOurChoice, "RFC 9112 §3: a too long method SHOULD get 501; our line limit answers 414 first"},
        {"header_section_at_its_limit",
         prefix + value + "\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 6585 §5: within the header section limit",
         {.field = std::pair{"x"s, value}}},
        {"header_section_over_its_limit", prefix + value + "v\r\n\r\n", rejected(431), kOurChoice,
         "RFC 6585 §5: 431 Request Header Fields Too Large"},
        {"header_section_over_its_limit_unterminated", prefix + value + value, rejected(431), kOurChoice,
         "RFC 6585 §5: 431 as soon as the section passes the limit, before its end"},
        {"header_count_at_its_limit", "GET / HTTP/1.1\r\nHost: a\r\n" + repeat("X: 1\r\n", 7) + "\r\n",
         accepted(), kRequired, "RFC 6585 §5: within the field count limit"},
        {"header_count_over_its_limit", "GET / HTTP/1.1\r\nHost: a\r\n" + repeat("X: 1\r\n", 8) + "\r\n",
         rejected(431), kOurChoice, "RFC 6585 §5: 431 when there are too many fields"},
        {"content_length_at_the_body_limit",
         post("Content-Length: 64\r\n", body),
         accepted(),
         kRequired,
         "RFC 9110 §15.5.14: within the body limit",
         {.body = body}},
        {"content_length_over_the_body_limit", post("Content-Length: 65\r\n", body + "b"), rejected(413),
         kOurChoice, "RFC 9110 §15.5.14: 413 Content Too Large, answered before the body is read"},
        {"chunked_body_at_the_body_limit",
         chunked("20\r\n" + half + "\r\n20\r\n" + half + "\r\n0\r\n\r\n"),
         accepted(),
         kRequired,
         "RFC 9110 §15.5.14: within the body limit",
         {.body = half + half}},
        {"chunked_body_growing_over_the_body_limit", chunked("20\r\n" + half + "\r\n21\r\n" + half + "h\r\n"),
         rejected(413), kOurChoice, "RFC 9110 §15.5.14: 413 as soon as a chunk size passes the limit"},
        {"single_chunk_over_the_body_limit", chunked("41\r\n"), rejected(413), kOurChoice,
         "RFC 9110 §15.5.14: 413 before the chunk's data is read"},
    };
}

std::vector<Row> incomplete_and_expect_rows() {
    const std::string head = "POST /hook HTTP/1.1\r\nHost: a\r\n";
    return {
        {"request_line_only", "GET / HTTP/1.1\r\n", unfinished(), kRequired,
         "RFC 9112 §2.1: the header section ends with an empty line"},
        {"header_section_without_empty_line", "GET / HTTP/1.1\r\nHost: a\r\n", unfinished(), kRequired,
         "RFC 9112 §2.1: the header section ends with an empty line"},
        {"body_shorter_than_content_length", post("Content-Length: 10\r\n", "hello"), unfinished(), kRequired,
         "RFC 9112 §6.3: fewer octets than Content-Length: MUST consider the message incomplete"},
        {"expect_100_continue",
         head + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n",
         unfinished(),
         kRequired,
         "RFC 9110 §10.1.1: MUST send 100 (Continue) or a final status before the body",
         {.expects_continue = true}},
        {"expect_100_continue_in_any_case",
         head + "Expect: 100-Continue\r\nContent-Length: 5\r\n\r\n",
         unfinished(),
         kRequired,
         "RFC 9110 §10.1.1: the Expect value is case-insensitive",
         {.expects_continue = true}},
        {"expect_100_continue_with_chunked",
         head + "Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n",
         unfinished(),
         kRequired,
         "RFC 9110 §10.1.1: a chunked body is a body too",
         {.expects_continue = true}},
        {"expect_100_continue_in_http_1_0",
         "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
         unfinished(),
         kRequired,
         "RFC 9110 §10.1.1: a 100-continue expectation in HTTP/1.0 MUST be ignored",
         {.expects_continue = false}},
        {"expect_100_continue_without_body",
         head + "Expect: 100-continue\r\n\r\n",
         accepted(),
         kRequired,
         "RFC 9110 §10.1.1: no body will follow, so there is nothing to continue",
         {.expects_continue = false}},
        {"expect_100_continue_with_the_body_sent",
         head + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
         accepted(),
         kRequired,
         "RFC 9110 §10.1.1: a server MAY omit 100 once it has the content",
         {.body = "hello", .expects_continue = false}},
        {"expect_unknown_is_ignored",
         head + "Expect: teapot\r\nContent-Length: 5\r\n\r\n",
         unfinished(),
         kOurChoice,
         "RFC 9110 §10.1.1: an unknown expectation MAY get 417; we ignore it",
         {.expects_continue = false}},
    };
}

std::vector<Row> rows() {
    std::vector<Row> all;
    for (auto family :
         {valid_request_rows, target_form_rows, request_line_rows, line_ending_rows, field_line_rows,
          host_rows, content_length_rows, framing_conflict_rows, transfer_encoding_rows, chunk_rows,
          trailer_rows, limit_rows, incomplete_and_expect_rows}) {
        auto some = family();
        all.insert(all.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
    }
    return all;
}

// ---------------------------------------------------------------------------------------------- feeding

std::string describe(ParseState state, int status) {
    switch (state) {
        case ParseState::complete:
            return "complete";
        case ParseState::incomplete:
            return "incomplete";
        case ParseState::error:
            return "error " + std::to_string(status);
    }
    return "?";
}

std::string describe(const std::vector<Outcome>& outcomes) {
    std::string out;
    for (const auto& o : outcomes) out += (out.empty() ? "" : ", ") + describe(o.state, o.status);
    return out.empty() ? "nothing" : out;
}

std::string describe(const Row& row) {
    std::string out = describe(row.expected.state, row.expected.status);
    if (row.next) out += ", " + describe(row.next->state, row.next->status);
    return out;
}

std::optional<std::string_view> field(const Outcome& o, std::string_view name) {
    for (const auto& [key, value] : o.headers) {
        if (cohook::iequals(key, name)) return value;
    }
    return std::nullopt;
}

void check_parsed(const Parsed& want, const Outcome& got) {
    if (want.method) BOOST_TEST(got.method == *want.method);
    if (want.path) BOOST_TEST(got.path == *want.path);
    if (want.body) BOOST_TEST(got.body == *want.body);
    if (want.field) BOOST_TEST(field(got, want.field->first).value_or("<absent>") == want.field->second);
    if (want.expects_continue) BOOST_TEST(got.expects_continue == *want.expects_continue);
}

namespace data = boost::unit_test::data;

}  // namespace

BOOST_AUTO_TEST_SUITE(conformance)

BOOST_AUTO_TEST_CASE(table_has_over_a_hundred_uniquely_named_rows_each_citing_its_rule) {
    const auto all = rows();
    BOOST_TEST(all.size() >= 100u);
    std::set<std::string> names;
    for (const auto& row : all) {
        BOOST_TEST(names.insert(row.name).second, "duplicate row name " << row.name);
        BOOST_TEST(row.rfc.find("RFC ") == 0u, row.name << " cites no RFC");
        // Limits are our policy: the RFC never requires a request to be refused for its size.
        const int status = row.expected.status;
        if (status == 413 || status == 414 || status == 431) BOOST_TEST(!row.required, row.name);
    }
}

BOOST_DATA_TEST_CASE(every_row_gets_its_answer_however_it_is_split, data::make(rows()), row) {
    const auto outcomes = parse_every_way(row.input, small_limits());
    BOOST_TEST(describe(outcomes) == describe(row));
    if (outcomes.empty() || outcomes[0].state != row.expected.state) return;
    if (outcomes[0].state == ParseState::error) {
        BOOST_TEST(!outcomes[0].reason.empty());
    } else {
        check_parsed(row.parsed, outcomes[0]);
    }
}

BOOST_AUTO_TEST_SUITE_END()
