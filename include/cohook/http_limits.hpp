#pragma once

#include <chrono>
#include <cstddef>

namespace cohook {

/// Bounds on what one client may send, so a slow or hostile peer costs bounded memory and time.
/// Every field has a default suited to webhooks (small JSON bodies from well-behaved senders).
struct HttpLimits {
    /// Bytes of request line plus header fields; beyond it the request is answered 431.
    std::size_t max_header_bytes = 16 * 1024;
    /// Number of header fields; beyond it the request is answered 431.
    std::size_t max_header_count = 100;
    /// Length of the request line; beyond it the request is answered 414.
    std::size_t max_request_line = 8 * 1024;
    /// Bytes of decoded body (Content-Length or chunked); beyond it the request is answered 413.
    std::size_t max_body_bytes = 1024 * 1024;
    /// Time allowed to receive a whole request once its first byte arrived (408 when exceeded).
    std::chrono::milliseconds request_timeout{10'000};
    /// Time an idle keep-alive connection is kept open waiting for the next request.
    std::chrono::milliseconds idle_timeout{30'000};
    /// Time allowed to write one response before the connection is dropped.
    std::chrono::milliseconds write_timeout{10'000};
};

}  // namespace cohook
