#pragma once

#include "load_options.hpp"

#include <asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace load {

/// The clock latencies are measured with.
using Clock = std::chrono::steady_clock;

/// What every connection of one run shares. The atomics may be touched from any event-loop thread.
struct RunState {
    const LoadOptions& options;                       ///< The run's settings.
    asio::ip::tcp::resolver::results_type endpoints;  ///< The target, resolved once.
    std::string request;                              ///< Bytes of the request each connection sends.
    Clock::duration timeout;                          ///< Per connect and per response.
    std::atomic<bool> stopping{false};                ///< Set at the deadline or on Ctrl+C.
    std::atomic<std::uint64_t> claimed{0};            ///< Requests started (for --requests).
    std::atomic<std::uint64_t> responses{0};          ///< Responses received, for the progress line.
    std::atomic<std::uint64_t> errors{0};             ///< Requests failed, for the progress line.
    std::atomic<std::int64_t> open{0};                ///< Idle connections currently open.

    /// Claims the next request; false once the run is over (deadline, request count, Ctrl+C).
    bool claim() {
        if (stopping.load(std::memory_order_relaxed)) return false;
        if (!options.requests) return true;
        return claimed.fetch_add(1, std::memory_order_relaxed) < *options.requests;
    }
};

}  // namespace load
