#pragma once

#include <cohook/http_limits.hpp>
#include <cohook/request.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace cohook::http {

/// Where the parser stands after the bytes fed so far.
enum class ParseState {
    incomplete,  ///< More bytes are needed to finish the current request.
    complete,    ///< A whole request is available through request(); call reset() before the next one.
    error,       ///< The request is malformed or too large; answer error_status() and close the connection.
};

/// Incremental, strict (RFC 9112) HTTP/1.1 request parser with no I/O in it.
/// Feed it bytes as they arrive, split anywhere; it stops at the end of one request so that pipelined
/// bytes that follow stay with the caller. Not thread-safe; one per connection.
class RequestParser {
  public:
    /// A parser enforcing `limits` (header/line/body sizes; the timeouts are the session's business).
    explicit RequestParser(const HttpLimits& limits = {});

    /// Consumes a prefix of `data` and returns how many bytes it used. It never consumes bytes past the
    /// end of the current request, so on `complete` the unconsumed rest is the start of the next request.
    std::size_t feed(std::string_view data);

    /// The current state.
    ParseState state() const noexcept { return state_; }

    /// True once the request line and all header fields have been parsed (the body may still be pending).
    bool headers_complete() const noexcept;

    /// True when the request carries `Expect: 100-continue` and its body has not been received yet:
    /// the session should send `100 Continue` before waiting for the body.
    bool expects_continue() const noexcept;

    /// True when at least one byte of the current request has been consumed (for 408 vs silent close).
    bool started() const noexcept { return started_; }

    /// The request parsed so far; complete once state() is `complete`.
    Request& request() noexcept { return request_; }

    /// HTTP status for the error (400, 413, 414, 431, 501, 505); meaningful when state() is `error`.
    int error_status() const noexcept { return error_status_; }

    /// Short human-readable reason for the error, e.g. "invalid Content-Length".
    std::string_view error_reason() const noexcept { return error_reason_; }

    /// Prepares for the next request on the same connection (keeps the limits).
    void reset();

  private:
    // Phases in the order a request goes through them; headers_complete() relies on that order.
    enum class Phase {
        request_line,
        headers,
        body_length,
        chunk_size,
        chunk_data,
        chunk_data_crlf,
        trailers,
        done
    };

    std::size_t read_line(std::string_view data);
    std::size_t read_body(std::string_view data);
    std::size_t read_chunk_crlf(std::string_view data);
    bool check_line_size(std::size_t content);
    bool on_line(std::string_view line);
    bool on_request_line(std::string_view line);
    bool set_version(std::string_view version);
    bool set_target(std::string_view method, std::string_view target);
    bool on_field_line(std::string_view line, bool keep = true);
    bool on_headers_end();
    bool on_chunk_size_line(std::string_view line);
    bool on_trailer_line(std::string_view line);
    void finish();
    bool fail(int status, std::string_view reason);

    std::size_t trailer_count_ = 0;  // validated trailer fields, counted but not kept
    HttpLimits limits_;
    Request request_;
    ParseState state_ = ParseState::incomplete;
    Phase phase_ = Phase::request_line;
    std::string line_;                 // partial line carried across feeds
    std::size_t header_bytes_ = 0;     // request line, header and trailer bytes seen so far
    std::size_t body_remaining_ = 0;   // bytes left in the Content-Length body or current chunk
    std::size_t chunk_ext_bytes_ = 0;  // chunk extension bytes seen in this request
    std::size_t empty_lines_ = 0;      // empty lines skipped before the request line
    bool cr_seen_ = false;             // CR after chunk data consumed, LF pending
    bool started_ = false;
    bool expect_continue_ = false;
    int error_status_ = 0;
    std::string_view error_reason_;
};

}  // namespace cohook::http
