#include "response_parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace load {

namespace {

constexpr std::size_t kMaxHead = 64 * 1024;
constexpr std::size_t kMaxLine = 4 * 1024;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

void ResponseParser::reset() {
    const bool no_body = no_body_;
    *this = ResponseParser();
    no_body_ = no_body;
}

std::size_t ResponseParser::feed(std::string_view data) {
    std::size_t used = 0;
    while (state_ == ResponseState::incomplete && used < data.size()) {
        const std::size_t n = step(data.substr(used));
        if (n == 0) break;  // an unfinished line: wait for more bytes
        used += n;
    }
    return used;
}

bool ResponseParser::on_eof() {
    if (state_ != ResponseState::incomplete || phase_ != Phase::until_close) return false;
    complete();
    return true;
}

std::size_t ResponseParser::step(std::string_view data) {
    switch (phase_) {
        case Phase::head:
            return read_head(data);
        case Phase::body:
            return read_body(data, Phase::body);
        case Phase::until_close:
            return data.size();
        case Phase::chunk_size:
            return read_chunk_size(data);
        case Phase::chunk_data:
            return read_body(data, Phase::chunk_crlf);
        case Phase::chunk_crlf:
            return read_chunk_crlf(data);
        case Phase::trailers:
            return read_trailer(data);
    }
    return 0;
}

std::size_t ResponseParser::read_head(std::string_view data) {
    const auto end = data.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        if (data.size() > kMaxHead) state_ = ResponseState::bad;
        return 0;
    }
    if (!on_head(data.substr(0, end))) {
        state_ = ResponseState::bad;
        return 0;
    }
    return end + 4;
}

bool ResponseParser::on_head(std::string_view head) {
    auto line_end = head.find("\r\n");
    if (!on_status_line(head.substr(0, line_end))) return false;
    while (line_end != std::string_view::npos) {
        head.remove_prefix(line_end + 2);
        line_end = head.find("\r\n");
        if (!on_field(head.substr(0, line_end))) return false;
    }
    if (status_ >= 100 && status_ < 200 && status_ != 101) {
        reset();  // an interim response: the real one follows
        return true;
    }
    start_body();
    return true;
}

bool ResponseParser::on_status_line(std::string_view line) {
    // "HTTP/1.x SSS reason"
    if (line.size() < 12 || !line.starts_with("HTTP/1.") || line[8] != ' ') return false;
    if (line[7] == '0') keep_alive_ = false;  // HTTP/1.0 closes unless told otherwise
    const auto* first = line.data() + 9;
    const auto [end, ec] = std::from_chars(first, first + 3, status_);
    return ec == std::errc() && end == first + 3 && status_ >= 100 && status_ <= 999;
}

bool ResponseParser::on_field(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    const std::string name = lower(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-length") {
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), remaining_);
        has_length_ = true;
        return ec == std::errc() && end == value.data() + value.size();
    }
    if (name == "transfer-encoding") chunked_ = lower(value).ends_with("chunked");
    if (name == "connection") {
        const std::string tokens = lower(value);
        if (tokens.find("close") != std::string::npos) keep_alive_ = false;
        if (tokens.find("keep-alive") != std::string::npos) keep_alive_ = true;
    }
    return true;
}

void ResponseParser::start_body() {
    if (no_body_ || status_ == 204 || status_ == 304 || status_ == 101) {
        complete();
    } else if (chunked_) {
        phase_ = Phase::chunk_size;
    } else if (has_length_) {
        phase_ = Phase::body;
        if (remaining_ == 0) complete();
    } else {
        phase_ = Phase::until_close;  // no framing: the body ends when the server closes
        keep_alive_ = false;
    }
}

std::size_t ResponseParser::read_body(std::string_view data, Phase next) {
    const std::size_t n = std::min(remaining_, data.size());
    remaining_ -= n;
    if (remaining_ == 0) {
        if (phase_ == Phase::body) complete();
        phase_ = next;
    }
    return n;
}

std::size_t ResponseParser::read_chunk_size(std::string_view data) {
    const auto end = data.find("\r\n");
    if (end == std::string_view::npos) {
        if (data.size() > kMaxLine) state_ = ResponseState::bad;
        return 0;
    }
    const auto [last, ec] = std::from_chars(data.data(), data.data() + end, remaining_, 16);
    if (ec != std::errc() || (last != data.data() + end && *last != ';' && *last != ' ')) {
        state_ = ResponseState::bad;
        return 0;
    }
    phase_ = remaining_ == 0 ? Phase::trailers : Phase::chunk_data;
    return end + 2;
}

std::size_t ResponseParser::read_chunk_crlf(std::string_view data) {
    if (data.size() < 2) return 0;
    if (!data.starts_with("\r\n")) {
        state_ = ResponseState::bad;
        return 0;
    }
    phase_ = Phase::chunk_size;
    return 2;
}

std::size_t ResponseParser::read_trailer(std::string_view data) {
    const auto end = data.find("\r\n");
    if (end == std::string_view::npos) {
        if (data.size() > kMaxLine) state_ = ResponseState::bad;
        return 0;
    }
    if (end == 0) complete();  // the empty line after the trailers
    return end + 2;
}

}  // namespace load
