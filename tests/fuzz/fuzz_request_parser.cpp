// Fuzzes the sans-I/O HTTP parser: the input is a byte stream of pipelined requests, parsed once whole
// and once cut into pieces whose sizes derive from the first input bytes. Any split must give the same
// requests and the same error (the parser's own promise), feed() must never claim more than it was given,
// and every limit must hold on what comes out.
#include "http/request_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using cohook::http::ParseState;
using cohook::http::RequestParser;

// Defaults, and limits small enough for the fuzzer to reach every 413/414/431 path.
cohook::HttpLimits limits_for(std::string_view input) {
    cohook::HttpLimits limits;
    if (input.size() > 1 && (static_cast<unsigned char>(input[1]) & 1) != 0) {
        limits.max_header_bytes = 512;
        limits.max_header_count = 8;
        limits.max_request_line = 128;
        limits.max_body_bytes = 256;
    }
    return limits;
}

void check(bool ok) {
    if (!ok) __builtin_trap();
}

/// What the parser reported for one request: the request itself, or the error that ended the stream.
struct Event {
    ParseState state;
    int error_status = 0;
    std::string error_reason;
    cohook::Request request;
    bool operator==(const Event& other) const {
        return state == other.state && error_status == other.error_status &&
               error_reason == other.error_reason && request.method == other.request.method &&
               request.target == other.request.target && request.path == other.request.path &&
               request.query == other.request.query && request.version_major == other.request.version_major &&
               request.version_minor == other.request.version_minor && request.body == other.request.body &&
               std::vector(request.headers.begin(), request.headers.end()) ==
                   std::vector(other.request.headers.begin(), other.request.headers.end());
    }
};

/// Everything observable after the whole stream: the events, then where an unfinished request stands.
struct Outcome {
    std::vector<Event> events;
    ParseState final_state = ParseState::incomplete;
    bool started = false;
    bool headers_complete = false;
    bool expects_continue = false;
    bool operator==(const Outcome&) const = default;
};

std::optional<std::size_t> content_length(const cohook::Request& request) {
    const auto value = request.headers.get("content-length");
    if (!value) return std::nullopt;
    std::size_t n = 0;
    for (char c : *value) n = n * 10 + static_cast<std::size_t>(c - '0');
    return n;
}

void check_request(const cohook::Request& request, const cohook::HttpLimits& limits) {
    check(request.body.size() <= limits.max_body_bytes);
    check(request.headers.size() <= limits.max_header_count);
    check(!request.method.empty() && request.target.size() <= limits.max_request_line);
    check(request.version_major == 1 && (request.version_minor == 0 || request.version_minor == 1));
    check(request.target.find_first_of(" \r\n") == std::string::npos);
    for (const auto& [name, value] : request.headers) {
        check(!name.empty() && name.find_first_of(" \t\r\n:") == std::string::npos);
        check(value.find_first_of("\r\n") == std::string::npos);
    }
    // A Content-Length body is exactly that long (chunked requests carry no Content-Length).
    if (const auto length = content_length(request)) check(request.body.size() == *length);
}

/// Feeds `pieces` in order like a session does: a buffer of unconsumed bytes, reset after each request.
Outcome parse(const std::vector<std::string_view>& pieces, const cohook::HttpLimits& limits) {
    Outcome out;
    RequestParser parser(limits);
    std::string buffer;
    for (std::string_view piece : pieces) {
        buffer.append(piece);
        while (!buffer.empty() && parser.state() != ParseState::error) {
            const std::size_t used = parser.feed(buffer);
            check(used <= buffer.size());
            if (parser.state() == ParseState::incomplete) {
                // Incomplete means hungry: everything offered must have been taken.
                check(used == buffer.size());
            }
            buffer.erase(0, used);
            if (parser.state() == ParseState::complete) {
                check_request(parser.request(), limits);
                out.events.push_back({ParseState::complete, 0, {}, parser.request()});
                parser.reset();
                check(parser.state() == ParseState::incomplete && !parser.started());
            } else if (parser.state() == ParseState::error) {
                const int status = parser.error_status();
                check(status == 400 || status == 413 || status == 414 || status == 431 || status == 501 ||
                      status == 505);
                check(!parser.error_reason().empty());
                out.events.push_back({ParseState::error, status, std::string(parser.error_reason()), {}});
            }
        }
        if (parser.state() == ParseState::error) break;
    }
    out.final_state = parser.state();
    // Where an unfinished request stands drives the session's timeouts and 100-continue; after an error
    // the connection is closed at once, so these are only compared while parsing is still going on.
    if (out.final_state == ParseState::incomplete) {
        out.started = parser.started();
        out.headers_complete = parser.headers_complete();
        out.expects_continue = parser.expects_continue();
    }
    return out;
}

/// Cuts `input` into pieces of 1..N bytes, N and the sequence drawn from the first two input bytes.
std::vector<std::string_view> split(std::string_view input) {
    std::vector<std::string_view> pieces;
    if (input.empty()) return pieces;
    const auto b0 = static_cast<unsigned char>(input[0]);
    const auto b1 = input.size() > 1 ? static_cast<unsigned char>(input[1]) : 0u;
    const std::size_t max_piece = 1 + b0 % 32;
    std::uint32_t state = (static_cast<std::uint32_t>(b0) << 8 | b1) * 2654435761u + 1;
    while (!input.empty()) {
        state = state * 1103515245u + 12345u;  // an LCG is plenty for picking cut points
        const std::size_t n = std::min<std::size_t>(input.size(), 1 + (state >> 16) % max_piece);
        pieces.push_back(input.substr(0, n));
        input.remove_prefix(n);
    }
    return pieces;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const cohook::HttpLimits limits = limits_for(input);
    const Outcome whole = parse({input}, limits);
    const Outcome pieces = parse(split(input), limits);
    check(whole == pieces);
    return 0;
}
