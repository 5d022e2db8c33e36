#pragma once

#include <atomic>
#include <cstddef>

namespace cohook::detail {

/// Counts background tasks still running, so graceful shutdown can wait for them.
class TaskTracker {
  public:
    /// Called when a task starts.
    void begin() noexcept { count_.fetch_add(1, std::memory_order_relaxed); }
    /// Called when a task ends, however it ends.
    void end() noexcept { count_.fetch_sub(1, std::memory_order_acq_rel); }
    /// Tasks still running.
    std::size_t pending() const noexcept { return count_.load(std::memory_order_acquire); }

  private:
    std::atomic<std::size_t> count_{0};
};

}  // namespace cohook::detail
