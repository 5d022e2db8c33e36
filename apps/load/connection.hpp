#pragma once

#include "response_parser.hpp"
#include "run_state.hpp"
#include "stats.hpp"

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace load {

/// One client connection: sends the request, reads the whole response, repeats (no pipelining),
/// reconnecting after an error or a `Connection: close`. All its work runs on its executor, which
/// must be a strand when the event loop has several threads.
class Connection : public std::enable_shared_from_this<Connection> {
  public:
    /// A connection for `run`, which must outlive it.
    Connection(asio::any_io_executor executor, RunState& run);

    /// Sends requests until the run is over.
    asio::awaitable<void> send_requests();

    /// Connects, sends nothing, and holds the connection until the run is over or the server closes it.
    asio::awaitable<void> hold_idle();

    /// What this connection saw; read it once the coroutine has finished.
    const Stats& stats() const noexcept { return stats_; }

  private:
    asio::awaitable<bool> connect();
    asio::awaitable<void> exchange();
    asio::awaitable<std::optional<ErrorKind>> read_response();
    asio::awaitable<void> pause();
    void watch(Clock::time_point at);
    void on_watch();
    void fail(ErrorKind kind);
    void compact_buffer();
    void finish();

    RunState& run_;
    asio::ip::tcp::socket socket_;
    asio::steady_timer watchdog_;  // cuts a connect or response that overruns the timeout
    ResponseParser parser_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;  // unparsed bytes are buffer_[begin_, end_)
    std::size_t end_ = 0;
    Clock::time_point deadline_{};
    bool busy_ = false;  // a connect or request is in flight
    bool timed_out_ = false;
    bool finished_ = false;
    Stats stats_;
};

}  // namespace load
