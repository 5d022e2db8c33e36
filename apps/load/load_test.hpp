#pragma once

#include "connection.hpp"
#include "load_options.hpp"
#include "run_state.hpp"
#include "stats.hpp"

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>
#include <asio/strand.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace load {

/// What a run measured.
struct Results {
    Stats stats;             ///< Every connection's counts, merged.
    double seconds = 0;      ///< From the first connection attempt to the last response.
    std::int64_t peak_open;  ///< Most idle connections open at once (--idle).
};

/// One run of the load generator: spawns the connections, prints a progress line to stderr each second,
/// stops at the deadline, at the request count or on Ctrl+C, and gathers what the connections counted.
class LoadTest {
  public:
    /// Resolves the target; throws std::system_error when it cannot.
    explicit LoadTest(const LoadOptions& options);

    /// Runs to the end (blocking) and returns the totals.
    Results run();

  private:
    void spawn_connections();
    void on_connection_done(std::exception_ptr error);
    void start_control();
    void wait_for_signal();
    void tick();
    void print_progress();
    void stop_control();

    const LoadOptions& options_;
    asio::io_context io_;
    asio::strand<asio::io_context::executor_type> control_;  // the timers and the signal set
    asio::steady_timer ticker_;
    asio::steady_timer deadline_;
    asio::signal_set signals_;
    RunState state_;
    std::vector<std::shared_ptr<Connection>> connections_;
    std::atomic<std::size_t> live_{0};
    Clock::time_point start_{};
    Clock::time_point end_{};
    int seconds_elapsed_ = 0;
    std::uint64_t last_responses_ = 0;
    std::int64_t peak_open_ = 0;
    bool announced_open_ = false;
    bool stopped_ = false;  // every connection is done: the control timers stop
};

}  // namespace load
