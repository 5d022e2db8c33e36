#pragma once

#include "server/session.hpp"
#include "server/task_tracker.hpp"

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/strand.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cohook::detail {

/// Accepts TCP connections and runs a `Session` for each; stops gracefully.
/// Knows nothing of webhooks: requests go to the dispatch function it is given.
/// Create it with std::make_shared: sessions keep it alive until they end.
class HttpServer : public std::enable_shared_from_this<HttpServer> {
  public:
    /// A server on `executor` with shared session settings. `one_thread`: the caller guarantees that a
    /// single thread runs the executor, so sessions need no strand of their own.
    HttpServer(asio::any_io_executor executor, std::shared_ptr<SessionShared> shared,
               std::shared_ptr<TaskTracker> tasks, bool one_thread = false);

    /// Binds and listens on `host`:`port` (0 picks a free port); throws std::system_error with a
    /// message naming the address when that fails. Returns the bound endpoint.
    asio::ip::tcp::endpoint listen(const std::string& host, std::uint16_t port);

    /// Accepts and serves until `stop()`, then waits for sessions and background tasks to finish
    /// (at most `grace`), cuts what is left, and returns.
    asio::awaitable<void> serve(std::chrono::milliseconds grace);

    /// Stops accepting and asks sessions to finish. Thread-safe and idempotent.
    void stop();

    /// Connections currently open.
    std::size_t connections() const;

  private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> drain(std::chrono::milliseconds grace);
    void start_session(asio::ip::tcp::socket socket);
    void for_each_session(void (Session::*action)());
    asio::any_io_executor session_executor();

    asio::any_io_executor executor_;
    asio::strand<asio::any_io_executor> strand_;  // serialises the acceptor
    asio::ip::tcp::acceptor acceptor_;
    std::shared_ptr<SessionShared> shared_;
    std::shared_ptr<TaskTracker> tasks_;
    bool one_thread_;
    mutable std::mutex mutex_;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
};

}  // namespace cohook::detail
