#pragma once

#include <chrono>
#include <cstddef>

namespace cohook {

/// Bounds on what clients may send and on what the server takes on at once, so that a slow or hostile
/// peer, or a burst of traffic, costs bounded memory and time. Every field has a default suited to
/// webhooks (small JSON bodies from well-behaved senders); docs/security.md lists them with their statuses.
struct HttpLimits {
    /// Bytes of request line plus header fields (and trailers); beyond it the request is answered 431.
    std::size_t max_header_bytes = 16 * 1024;
    /// Number of header fields (and trailers); beyond it the request is answered 431.
    std::size_t max_header_count = 100;
    /// Length of the request line; beyond it the request is answered 414.
    std::size_t max_request_line = 8 * 1024;
    /// Bytes of decoded body (Content-Length or chunked); beyond it the request is answered 413.
    std::size_t max_body_bytes = 1024 * 1024;
    /// Time from a request's first byte to the end of its header section; beyond it 408, then close.
    std::chrono::milliseconds header_timeout{10'000};
    /// Time from the end of the headers to the end of the body; beyond it 408, then close.
    std::chrono::milliseconds body_timeout{30'000};
    /// Time an idle keep-alive connection is kept open waiting for the next request (closed silently).
    std::chrono::milliseconds idle_timeout{30'000};
    /// Time allowed to write one response (a client that stops reading is dropped).
    std::chrono::milliseconds write_timeout{10'000};
    /// Connections served at once; beyond it new connections wait in the kernel's listen backlog
    /// until one closes (they are not accepted, so they cost the server nothing).
    std::size_t max_connections = 10'000;
    /// Handlers running at once per server; beyond it requests are answered 503 with `Retry-After`.
    std::size_t max_concurrent_handlers = 1'000;
    /// Longest a handler may run before it is cancelled and the request answered 504; zero: no limit.
    std::chrono::milliseconds handler_timeout{0};
};

}  // namespace cohook
