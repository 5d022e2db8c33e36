#pragma once

// Feeding a RequestParser the way a session does, whole, byte by byte or cut anywhere, and comparing what
// comes out: the harness the parser and conformance tests share.

#include "http/request_parser.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cohook::test {

/// Small limits keep the inputs that cross them short enough to try every split point.
inline HttpLimits small_limits() {
    HttpLimits limits;
    limits.max_header_bytes = 256;
    limits.max_header_count = 8;
    limits.max_request_line = 64;
    limits.max_body_bytes = 64;
    return limits;
}

/// Everything observable about one request, so that different ways of feeding the same bytes compare equal.
struct Outcome {
    http::ParseState state = http::ParseState::incomplete;
    int status = 0;
    std::string reason;
    std::string method, target, path, query;
    int version_minor = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool expects_continue = false;
    bool operator==(const Outcome&) const = default;
};

/// What the parser holds now.
inline Outcome snapshot(http::RequestParser& parser) {
    const auto& r = parser.request();
    Outcome o{parser.state(),
              parser.error_status(),
              std::string(parser.error_reason()),
              r.method,
              r.target,
              r.path,
              r.query,
              r.version_minor,
              {},
              r.body,
              parser.expects_continue()};
    o.headers.assign(r.headers.begin(), r.headers.end());
    return o;
}

/// A failed parser must stay failed and take nothing: not the rest of the input, not even a valid request.
inline void expect_failure_is_final(http::RequestParser& parser, std::string_view rest) {
    const auto before = snapshot(parser);
    const bool inert = parser.feed(rest) == 0 &&
                       parser.feed("GET /hidden HTTP/1.1\r\nHost: a\r\n\r\n") == 0 &&
                       snapshot(parser) == before;
    if (!inert) BOOST_ERROR("a failed parser took more bytes or changed its state");
}

/// Feeds `input` the way a session receives it, in pieces ending at `cuts` (ascending): an unfinished
/// request must take every byte offered; after a complete one the parser is reset and given the bytes after
/// it. Lists every complete request, then the error or the unfinished request, if any.
inline std::vector<Outcome> parse_pieces(std::string_view input, std::vector<std::size_t> cuts,
                                         const HttpLimits& limits) {
    http::RequestParser parser(limits);
    std::vector<Outcome> out;
    std::size_t pos = 0;
    cuts.push_back(input.size());
    for (const auto cut : cuts) {
        while (pos < cut) {
            pos += parser.feed(input.substr(pos, cut - pos));
            if (parser.state() == http::ParseState::error) {
                out.push_back(snapshot(parser));
                expect_failure_is_final(parser, input.substr(pos));
                return out;
            }
            if (parser.state() == http::ParseState::incomplete) {
                if (pos != cut) BOOST_ERROR("an unfinished request left bytes unconsumed");
                pos = cut;
                break;
            }
            out.push_back(snapshot(parser));
            parser.reset();
        }
    }
    if (parser.started()) out.push_back(snapshot(parser));
    return out;
}

/// `input` fed in one piece.
inline std::vector<Outcome> parse_whole(std::string_view input, const HttpLimits& limits = {}) {
    return parse_pieces(input, {}, limits);
}

/// `input` fed one byte at a time.
inline std::vector<Outcome> parse_byte_by_byte(std::string_view input, const HttpLimits& limits = {}) {
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < input.size(); ++i) cuts.push_back(i);
    return parse_pieces(input, std::move(cuts), limits);
}

/// Parses `input` whole, byte by byte and (when `every_split`) cut in two at every position; all must agree.
inline std::vector<Outcome> parse_every_way(std::string_view input, const HttpLimits& limits,
                                            bool every_split = true) {
    const auto whole = parse_whole(input, limits);
    BOOST_TEST((parse_byte_by_byte(input, limits) == whole), "fed byte by byte, the answer differs");
    for (std::size_t i = 1; every_split && i < input.size(); ++i) {
        if (parse_pieces(input, {i}, limits) != whole) {
            BOOST_ERROR("cut at byte " << i << ", the answer differs");
            break;
        }
    }
    return whole;
}

}  // namespace cohook::test
