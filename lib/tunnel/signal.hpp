#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <utility>

namespace cohook::detail {

/// A wake-up call between coroutines of one strand: `notify()` wakes every current waiter and leaves a
/// flag that `wait()` sees, so a notification given while nobody waits is not lost. The timer's expiry
/// is set once and never changed (changing it would cancel the other waiters' waits).
class Signal {
  public:
    explicit Signal(asio::any_io_executor executor)
        : timer_(std::move(executor), asio::steady_timer::time_point::max()) {}

    /// Sets the flag and wakes every waiter.
    void notify() {
        flagged_ = true;
        timer_.cancel();
    }

    /// Clears the flag; true if it was set.
    bool reset() { return std::exchange(flagged_, false); }

    /// Returns at once if the flag is set, else waits for the next `notify()` (or cancellation).
    asio::awaitable<void> wait() {
        if (flagged_) co_return;
        co_await timer_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }

    /// Waits for the next `notify()`, whatever the flag: for waiters that re-check their own condition.
    asio::awaitable<void> next() {
        co_await timer_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }

  private:
    asio::steady_timer timer_;
    bool flagged_ = false;
};

}  // namespace cohook::detail
