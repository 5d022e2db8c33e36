#pragma once

#include <cohook/http_limits.hpp>
#include <cohook/request.hpp>
#include <cohook/response.hpp>

#include "http/request_parser.hpp"
#include "server/read_buffer_pool.hpp"

#include <asio/awaitable.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace cohook::detail {

/// Turns a parsed request into a response; the session knows nothing else about webhooks.
using DispatchFunction = std::function<asio::awaitable<Response>(Request&)>;

/// What every session of one server shares.
struct SessionShared {
    HttpLimits limits;
    DispatchFunction dispatch;
    std::atomic<bool> stopping{
        false};              ///< Set once the server stops: finish the current request, then close.
    ReadBufferPool buffers;  ///< Where sessions take their read buffers from.
};

/// One HTTP/1.1 connection: read, parse, dispatch, write, keep-alive, in a single coroutine.
/// All its work runs on the socket's executor (a strand, or the loop itself when one thread runs it),
/// so it needs no locks.
class Session : public std::enable_shared_from_this<Session> {
  public:
    /// A session for an accepted socket whose executor runs one handler at a time.
    Session(asio::ip::tcp::socket socket, std::shared_ptr<SessionShared> shared);

    /// Serves requests until the peer leaves, an error or timeout occurs, or the server stops.
    asio::awaitable<void> run();

    /// Called on the session's strand when the server stops: an idle connection closes at once,
    /// a busy one finishes its current request first.
    void on_server_stop();

    /// Called on the session's strand when the grace period is over: cut the connection and cancel
    /// whatever the handler is waiting on.
    void force_close();

    /// The slot `run()` must be spawned with, so that force_close() can cancel a stuck handler.
    asio::cancellation_slot cancellation_slot() { return cancel_.slot(); }

    /// The executor all of the session's work runs on.
    asio::any_io_executor executor() { return socket_.get_executor(); }

  private:
    asio::awaitable<bool> read_request();
    asio::awaitable<bool> write_response(const Response& response, bool keep_alive, bool head_only = false);
    asio::awaitable<void> reject(int status);
    asio::awaitable<void> linger_close();
    void arm_deadline(std::chrono::milliseconds timeout);
    void start_watchdog(std::chrono::steady_clock::time_point now);
    void on_watchdog();
    void stop_watchdog();
    void update_stage();
    void compact_buffer();
    asio::awaitable<bool> wait_readable();
    void take_buffer();
    void hibernate();
    bool buffered() const noexcept { return begin_ < end_; }

    asio::ip::tcp::socket socket_;
    // One timer per connection, re-armed lazily: moving the deadline is a store, not a timer operation.
    // It fires at the deadline or earlier (see start_watchdog) and re-arms itself when it is early.
    asio::steady_timer timer_;
    std::chrono::steady_clock::time_point deadline_;
    std::chrono::steady_clock::time_point watchdog_expiry_;
    bool watchdog_armed_ = false;
    std::shared_ptr<SessionShared> shared_;
    http::RequestParser parser_;
    // Allocated when bytes arrive, released when the connection goes idle for a while (see hibernate),
    // so that thousands of idle keep-alive connections do not each pin a read buffer.
    PooledBuffer buffer_;
    std::size_t begin_ = 0;  // unparsed bytes are buffer_[begin_, end_)
    std::size_t end_ = 0;
    std::string head_;  // reused response head
    // Where the current request stands; each stage has its own deadline.
    enum class Stage { idle, headers, body, closing };
    Stage stage_ = Stage::idle;
    bool timed_out_ = false;
    bool hibernate_requested_ = false;  // the watchdog cancelled an idle read to release the buffer
    asio::cancellation_signal cancel_;
};

}  // namespace cohook::detail
