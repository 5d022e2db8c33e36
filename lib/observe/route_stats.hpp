#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace cohook::detail {

/// One delivery as remembered for the landing page and `/deliveries`: never the body.
struct DeliveryRecord {
    std::chrono::system_clock::time_point time;  ///< When the response was ready.
    int status = 0;                              ///< Status answered.
    std::chrono::microseconds duration{0};       ///< Time from dispatch to response.
    std::size_t bytes = 0;                       ///< Body size received.
    std::string delivery_id;                     ///< Sender's delivery id header, when it sends one.
    std::string verification;                    ///< "ok", "rejected" (401/403) or "none" (public route).
};

/// Upper bounds (seconds) of the handler-duration histogram buckets, Prometheus-style.
inline constexpr std::array<double, 12> kDurationBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                         0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

/// Counters, duration histogram and recent deliveries of one route. Thread-safe.
class RouteStats {
  public:
    /// Stats for `route`, remembering at most `capacity` recent deliveries.
    RouteStats(std::string route, std::size_t capacity) : route_(std::move(route)), capacity_(capacity) {}

    /// Records one answered request.
    void record(DeliveryRecord record);

    /// A consistent copy of everything, for rendering.
    struct Snapshot {
        std::string route;
        std::map<int, std::uint64_t> statuses;
        std::array<std::uint64_t, kDurationBuckets.size()> buckets{};  // cumulative counts
        std::uint64_t count = 0;
        double sum_seconds = 0;
        std::deque<DeliveryRecord> recent;  // oldest first
    };
    /// Takes the snapshot.
    Snapshot snapshot() const;

  private:
    std::string route_;
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::map<int, std::uint64_t> statuses_;
    std::array<std::uint64_t, kDurationBuckets.size()> buckets_{};
    std::uint64_t count_ = 0;
    double sum_seconds_ = 0;
    std::vector<DeliveryRecord> recent_;  // a ring of at most capacity_ records
    std::size_t oldest_ = 0;              // index of the oldest record once the ring is full
};

}  // namespace cohook::detail
