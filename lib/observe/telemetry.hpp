#pragma once

#include "observe/route_stats.hpp"

#include <cohook/request.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace cohook::detail {

/// What the server knows about itself: per-route stats, gauges, and the delivery log line.
/// Shared by the dispatcher (which records) and the built-in endpoints (which render). Thread-safe.
class Telemetry {
  public:
    /// Telemetry remembering `recent_per_route` deliveries per route.
    explicit Telemetry(std::size_t recent_per_route = 50) : recent_per_route_(recent_per_route) {}

    /// The stats of `route`, created on first use; the pointer stays valid for the server's life.
    std::shared_ptr<RouteStats> route(const std::string& route);

    /// Stats for requests that matched no route.
    RouteStats& unmatched() { return unmatched_; }

    /// Records a request answered on `stats` and writes the delivery's log line.
    void record(RouteStats& stats, const Request& request, int status, std::chrono::microseconds duration,
                std::string_view verification);

    /// Open connections, read when rendering (set by the server once listening).
    std::function<std::size_t()> open_connections;
    /// Read buffers held by connections now (set by the server once listening).
    std::function<std::size_t()> read_buffers_held;
    /// Handlers running now (set by the server).
    std::function<std::size_t()> handlers_in_flight;
    /// 1 while the share tunnel is connected, 0 otherwise; -1 when no tunnel is configured.
    std::atomic<int> tunnel_up{-1};

    /// Prometheus text exposition (format 0.0.4) of everything above.
    std::string render_prometheus() const;

    /// `{"routes":{"/webhooks/x":[{"time":..., "status":..., ...}, ...]}}`, newest first.
    std::string render_deliveries() const;

  private:
    std::vector<RouteStats::Snapshot> snapshots() const;

    std::size_t recent_per_route_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<RouteStats>> routes_;
    RouteStats unmatched_{"unmatched", 0};
};

/// The sender's delivery id: `webhook-id`, `X-GitHub-Delivery` or `X-Request-Id`, else empty.
std::string_view delivery_id(const Request& request) noexcept;

}  // namespace cohook::detail
