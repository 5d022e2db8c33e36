#pragma once

#include <cstddef>
#include <string_view>

namespace load {

/// Where a response parser stands after the bytes fed so far.
enum class ResponseState {
    incomplete,  ///< More bytes are needed.
    complete,    ///< A whole response has been read; reset() before the next one.
    bad,         ///< Not a valid HTTP/1.x response: close the connection.
};

/// HTTP/1.x response reader with no I/O in it: status line, the framing headers (Content-Length,
/// chunked Transfer-Encoding, Connection) and the body, which it skips. Interim 1xx responses are
/// skipped too. Not thread-safe; one per connection.
class ResponseParser {
  public:
    /// Consumes a prefix of `data` and returns how many bytes it used. An unfinished line (status,
    /// header, chunk size) is left unconsumed: the caller keeps those bytes and feeds them again with more.
    std::size_t feed(std::string_view data);

    /// Tells the parser the peer closed the connection; true when that ends the response (a body
    /// delimited by the close), which is then complete.
    bool on_eof();

    /// The current state.
    ResponseState state() const noexcept { return state_; }

    /// The status code; meaningful once complete.
    int status() const noexcept { return status_; }

    /// True when the connection may carry another request after this response.
    bool keep_alive() const noexcept { return keep_alive_; }

    /// For responses to HEAD, which have headers but no body.
    void set_no_body(bool no_body) noexcept { no_body_ = no_body; }

    /// Prepares for the next response on the same connection.
    void reset();

  private:
    enum class Phase { head, body, until_close, chunk_size, chunk_data, chunk_crlf, trailers };

    std::size_t step(std::string_view data);
    std::size_t read_head(std::string_view data);
    bool on_head(std::string_view head);
    bool on_status_line(std::string_view line);
    bool on_field(std::string_view line);
    void start_body();
    std::size_t read_body(std::string_view data, Phase next);
    std::size_t read_chunk_size(std::string_view data);
    std::size_t read_chunk_crlf(std::string_view data);
    std::size_t read_trailer(std::string_view data);
    void complete() noexcept { state_ = ResponseState::complete; }

    ResponseState state_ = ResponseState::incomplete;
    Phase phase_ = Phase::head;
    int status_ = 0;
    bool keep_alive_ = true;
    bool chunked_ = false;
    bool has_length_ = false;
    bool no_body_ = false;
    std::size_t remaining_ = 0;  // body or chunk bytes still to skip
};

}  // namespace load
