#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <functional>
#include <memory>

namespace cohook {

namespace detail {
class TaskTracker;
}

/// Work that continues after the response is sent (Python's `BackgroundTasks`): the Hub gives up on a
/// delivery after about 30 s, so a handler answers at once and hands the long job here. The server tracks
/// every task: graceful shutdown waits for them (within its grace period) and their exceptions are logged.
/// Cheap to copy; copies share the same server. Take it as a handler parameter to receive one.
class BackgroundTasks {
  public:
    /// A handle that runs tasks on `executor` and blocking tasks on `blocking_executor`.
    BackgroundTasks(std::shared_ptr<detail::TaskTracker> tracker, asio::any_io_executor executor,
                    asio::any_io_executor blocking_executor);

    /// Starts a coroutine task on the server's executor. Pass coroutines that take their arguments
    /// by value: the task outlives the request and everything the handler owned.
    void spawn(asio::awaitable<void> task);

    /// Runs a blocking function on the server's thread pool, never on the event loop.
    void add(std::function<void()> task);

  private:
    std::shared_ptr<detail::TaskTracker> tracker_;
    asio::any_io_executor executor_;
    asio::any_io_executor blocking_executor_;
};

}  // namespace cohook
