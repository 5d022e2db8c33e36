#include "http/request_parser.hpp"

#include "http/grammar.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>
#include <optional>

// A line-oriented state machine (RFC 9112): request line, field lines, then a Content-Length body or
// chunks and trailers. Complete lines are parsed in place from the caller's buffer; only a line split
// across feeds is copied into line_. Every size is checked before it can grow unbounded, and every check
// depends only on the bytes seen, so any split of the input gives the same result.

namespace cohook::http {

using namespace grammar;

namespace {

constexpr std::size_t kMaxEmptyLines = 8;             // CRLFs tolerated before a request line (RFC 9112 2.2)
constexpr std::size_t kMaxChunkLine = 4096;           // one chunk-size line, extensions included
constexpr std::size_t kMaxChunkExtBytes = 16 * 1024;  // all chunk extensions of one request
constexpr std::size_t kMaxBodyReserve = 1024 * 1024;  // up-front allocation trusted to a Content-Length
constexpr std::size_t kMaxKeptBody = 64 * 1024;       // body capacity an idle connection may hold on to

// Empties `request` as a default-constructed one, keeping the capacity of its strings and header list.
void clear_keeping_capacity(Request& request) noexcept {
    request.method.clear();
    request.target.clear();
    request.path.clear();
    request.query.clear();
    request.version_major = 1;
    request.version_minor = 1;
    request.headers.clear();
    request.body.clear();
}

bool is_forbidden_trailer(std::string_view name) noexcept {
    // Framing, routing and content metadata must not change after the header section (RFC 9110 6.5.1).
    for (std::string_view forbidden :
         {"content-length", "transfer-encoding", "host", "trailer", "content-type", "content-encoding"}) {
        if (iequals(name, forbidden)) return true;
    }
    return false;
}

struct FramingFields {
    std::size_t length_count = 0, coding_count = 0, host_count = 0;
    std::string_view length, coding, host;  // the last value of each
    bool continue_expected = false;
};

FramingFields scan_framing(const Headers& headers) noexcept {
    FramingFields f;
    for (const auto& [name, value] : headers) {
        if (iequals(name, "content-length")) {
            ++f.length_count;
            f.length = value;
        } else if (iequals(name, "transfer-encoding")) {
            ++f.coding_count;
            f.coding = value;
        } else if (iequals(name, "host")) {
            ++f.host_count;
            f.host = value;
        } else if (iequals(name, "expect")) {
            f.continue_expected = f.continue_expected || iequals(value, "100-continue");
        }
    }
    return f;
}

}  // namespace

RequestParser::RequestParser(const HttpLimits& limits) : limits_(limits) {}

bool RequestParser::headers_complete() const noexcept {
    return phase_ > Phase::headers;
}

bool RequestParser::expects_continue() const noexcept {
    return expect_continue_ && state_ == ParseState::incomplete && headers_complete();
}

void RequestParser::reset() {
    // The request's strings and header list are kept, emptied, so that a keep-alive connection parses
    // request after request without allocating; only an unusually large body buffer is given back.
    Request kept = std::move(request_);
    std::string line = std::move(line_);
    *this = RequestParser(limits_);
    clear_keeping_capacity(kept);
    if (kept.body.capacity() > kMaxKeptBody) kept.body = std::string();
    line.clear();
    request_ = std::move(kept);
    line_ = std::move(line);
}

bool RequestParser::fail(int status, std::string_view reason) {
    state_ = ParseState::error;
    error_status_ = status;
    error_reason_ = reason;
    return false;
}

void RequestParser::finish() {
    phase_ = Phase::done;
    state_ = ParseState::complete;
}

std::size_t RequestParser::feed(std::string_view data) {
    std::size_t used = 0;
    while (state_ == ParseState::incomplete && used < data.size()) {
        const auto rest = data.substr(used);
        switch (phase_) {
            case Phase::body_length:
            case Phase::chunk_data:
                used += read_body(rest);
                break;
            case Phase::chunk_data_crlf:
                used += read_chunk_crlf(rest);
                break;
            default:
                used += read_line(rest);
                break;
        }
    }
    return used;
}

std::size_t RequestParser::read_line(std::string_view data) {
    const auto lf = data.find('\n');
    if (lf == std::string_view::npos) {
        // Without the CRLF yet, a trailing CR may still be the terminator: do not count it.
        const std::size_t pending = line_.size() + data.size() - (data.back() == '\r' ? 1 : 0);
        if (!check_line_size(pending)) return 0;
        line_.append(data);
        started_ = started_ || line_ != "\r";
        return data.size();
    }
    std::string_view line = data.substr(0, lf + 1);
    if (!line_.empty()) {
        line_.append(line);
        line = line_;
    }
    on_line(line);
    line_.clear();
    return lf + 1;
}

// `line` ends with LF; the size check comes first so that it fires the same way however the line arrived.
bool RequestParser::on_line(std::string_view line) {
    line.remove_suffix(1);
    const bool crlf = !line.empty() && line.back() == '\r';
    if (crlf) line.remove_suffix(1);
    if (!check_line_size(line.size())) return false;
    if (!crlf) return fail(400, "bare LF in line ending");
    if (line.find('\r') != std::string_view::npos) return fail(400, "bare CR in line");
    switch (phase_) {
        case Phase::request_line:
            return on_request_line(line);
        case Phase::headers:
            return line.empty() ? on_headers_end() : on_field_line(line);
        case Phase::chunk_size:
            return on_chunk_size_line(line);
        default:
            return on_trailer_line(line);
    }
}

// `content` is the size of the line without its CRLF (so far, when the line is incomplete).
bool RequestParser::check_line_size(std::size_t content) {
    switch (phase_) {
        case Phase::request_line:
            return content <= limits_.max_request_line || fail(414, "request line too long");
        case Phase::chunk_size:
            return content <= kMaxChunkLine || fail(400, "chunk-size line too long");
        default:  // header and trailer fields share one budget
            return header_bytes_ + content + 2 <= limits_.max_header_bytes ||
                   fail(431, "header section too large");
    }
}

bool RequestParser::on_request_line(std::string_view line) {
    if (line.empty()) {
        return ++empty_lines_ <= kMaxEmptyLines || fail(400, "too many empty lines before request");
    }
    started_ = true;
    header_bytes_ = line.size() + 2;
    if (header_bytes_ > limits_.max_header_bytes) return fail(431, "header section too large");
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || sp2 == sp1 + 1 ||
        line.find(' ', sp2 + 1) != std::string_view::npos) {
        return fail(400, "malformed request line");
    }
    const auto method = line.substr(0, sp1);
    if (!is_token(method)) return fail(400, "invalid method");
    if (!set_version(line.substr(sp2 + 1))) return false;
    if (!set_target(method, line.substr(sp1 + 1, sp2 - sp1 - 1))) return false;
    request_.method.assign(method);
    phase_ = Phase::headers;
    return true;
}

bool RequestParser::set_version(std::string_view v) {
    if (v.size() != 8 || v.substr(0, 5) != "HTTP/" || !is_digit(v[5]) || v[6] != '.' || !is_digit(v[7])) {
        return fail(400, "invalid HTTP version");
    }
    if (v[5] != '1' || (v[7] != '0' && v[7] != '1')) return fail(505, "HTTP version not supported");
    request_.version_major = 1;
    request_.version_minor = v[7] - '0';
    return true;
}

// Origin-form for every method, absolute-form too; asterisk-form for OPTIONS, authority-form for CONNECT
// (RFC 9112 3.2).
bool RequestParser::set_target(std::string_view method, std::string_view target) {
    if (target.empty() || !all_are(target, kTarget)) {
        return fail(400, "invalid request-target");
    }
    std::string_view rest = target;
    if (method == "CONNECT") {
        if (!is_authority_form(target)) return fail(400, "invalid request-target");
        rest = {};
    } else if (target == "*") {
        if (method != "OPTIONS") return fail(400, "invalid request-target");
    } else if (target.front() != '/') {
        const auto absolute = absolute_form_rest(target);
        if (!absolute) return fail(400, "invalid request-target");
        rest = *absolute;
    }
    const auto q = rest.find('?');
    const auto path = rest.substr(0, q);
    request_.target.assign(target);
    request_.path.assign(path.empty() && method != "CONNECT" ? "/" : path);
    request_.query.assign(q == std::string_view::npos ? std::string_view{} : rest.substr(q + 1));
    return true;
}

bool RequestParser::on_field_line(std::string_view line, bool keep) {
    if (is_ows(line.front())) return fail(400, "obsolete line folding");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return fail(400, "missing colon in field line");
    const auto name = line.substr(0, colon);
    if (!name.empty() && is_ows(name.back())) return fail(400, "whitespace before colon");
    if (!is_token(name)) return fail(400, "invalid field name");
    const auto value = trim_ows(line.substr(colon + 1));
    if (!all_are(value, kFieldValue)) return fail(400, "invalid field value");
    if (request_.headers.size() + trailer_count_ >= limits_.max_header_count) {
        return fail(431, "too many header fields");
    }
    header_bytes_ += line.size() + 2;
    if (keep) {
        request_.headers.add(name, value);
    } else {
        ++trailer_count_;
    }
    return true;
}

bool RequestParser::on_headers_end() {
    header_bytes_ += 2;
    const auto f = scan_framing(request_.headers);
    if (f.host_count > 1 || (f.host_count == 0 && request_.version_minor == 1)) {
        return fail(400, "missing or repeated Host");
    }
    if (f.host_count == 1 && !parse_authority(f.host)) return fail(400, "invalid Host");
    expect_continue_ = f.continue_expected && request_.version_minor == 1;
    if (f.coding_count > 0) {
        if (f.coding_count > 1) return fail(400, "repeated Transfer-Encoding");
        if (f.length_count > 0) return fail(400, "Transfer-Encoding with Content-Length");
        if (request_.version_minor == 0) return fail(400, "Transfer-Encoding in HTTP/1.0");
        const int status = check_transfer_coding(f.coding);
        if (status == 501) return fail(501, "unsupported transfer coding");
        if (status != 0) return fail(400, "chunked is not the final transfer coding");
        phase_ = Phase::chunk_size;
        return true;
    }
    std::size_t length = 0;
    if (f.length_count > 0) {
        const auto parsed = f.length_count == 1 ? parse_content_length(f.length) : std::nullopt;
        if (!parsed) return fail(400, "invalid Content-Length");
        if (*parsed > limits_.max_body_bytes) return fail(413, "body too large");
        length = *parsed;
    }
    if (length == 0) {
        finish();
        return true;
    }
    request_.body.reserve(std::min(length, kMaxBodyReserve));
    body_remaining_ = length;
    phase_ = Phase::body_length;
    return true;
}

std::size_t RequestParser::read_body(std::string_view data) {
    const auto n = std::min(body_remaining_, data.size());
    request_.body.append(data.data(), n);
    body_remaining_ -= n;
    if (body_remaining_ == 0) {
        if (phase_ == Phase::body_length) {
            finish();
        } else {
            phase_ = Phase::chunk_data_crlf;
        }
    }
    return n;
}

std::size_t RequestParser::read_chunk_crlf(std::string_view data) {
    // Byte by byte so that the CR and the LF may arrive in different feeds.
    const char expected = cr_seen_ ? '\n' : '\r';
    if (data.front() != expected) {
        fail(400, "missing CRLF after chunk data");
        return 0;
    }
    if (cr_seen_) phase_ = Phase::chunk_size;
    cr_seen_ = !cr_seen_;
    return 1;
}

bool RequestParser::on_chunk_size_line(std::string_view line) {
    std::size_t size = 0;
    std::size_t digits = 0;
    for (; digits < line.size() && hex_digit(line[digits]) >= 0; ++digits) {
        size = push_digit(size, 16, static_cast<std::size_t>(hex_digit(line[digits])));
    }
    if (digits == 0) return fail(400, "invalid chunk size");
    const auto ext = line.substr(digits);
    if (!is_chunk_ext(ext)) return fail(400, "invalid chunk extension");
    chunk_ext_bytes_ += ext.size();
    if (chunk_ext_bytes_ > kMaxChunkExtBytes) return fail(400, "chunk extensions too long");
    if (size > limits_.max_body_bytes - request_.body.size()) return fail(413, "body too large");
    body_remaining_ = size;
    phase_ = size == 0 ? Phase::trailers : Phase::chunk_data;
    return true;
}

bool RequestParser::on_trailer_line(std::string_view line) {
    if (line.empty()) {
        finish();
        return true;
    }
    // Trailers are validated and counted, then discarded (RFC 9112 §7.1.2 allows it): merged into the
    // headers, a trailer could supply a secret or signature header that the header section lacked,
    // after the verifier's decision was meant to be made on the headers alone.
    const auto name = line.substr(0, line.find(':'));
    if (!on_field_line(line, false)) return false;
    return !is_forbidden_trailer(name) || fail(400, "forbidden trailer field");
}

}  // namespace cohook::http
