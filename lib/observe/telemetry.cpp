#include "observe/telemetry.hpp"

#include "observe/log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace cohook::detail {

namespace {

// Label values escape backslash, double quote and newline (exposition format 0.0.4).
std::string label(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

void render_route(std::string& out, const RouteStats::Snapshot& s) {
    const std::string route = label(s.route);
    for (const auto& [status, count] : s.statuses) {
        fmt::format_to(std::back_inserter(out), "cohook_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                       route, status, count);
    }
}

void render_histogram(std::string& out, const RouteStats::Snapshot& s) {
    const std::string route = label(s.route);
    for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
        fmt::format_to(std::back_inserter(out),
                       "cohook_handler_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                       kDurationBuckets[i], s.buckets[i]);
    }
    fmt::format_to(std::back_inserter(out),
                   "cohook_handler_duration_seconds_bucket{{route=\"{0}\",le=\"+Inf\"}} {1}\n"
                   "cohook_handler_duration_seconds_sum{{route=\"{0}\"}} {2}\n"
                   "cohook_handler_duration_seconds_count{{route=\"{0}\"}} {1}\n",
                   route, s.count, s.sum_seconds);
}

boost::json::object record_json(const DeliveryRecord& r) {
    return {{"time",
             fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(r.time)))},
            {"status", r.status},
            {"duration_ms", static_cast<double>(r.duration.count()) / 1000.0},
            {"bytes", r.bytes},
            {"delivery_id", r.delivery_id},
            {"verification", r.verification}};
}

// A delivery id comes from a header: any bytes. Kept only as visible ASCII and bounded, so it can go
// into JSON (which must be UTF-8) and into a key=value log line (where a space would forge a field).
std::string safe_id(std::string_view id) {
    constexpr std::size_t kMaxId = 128;
    std::string out;
    out.reserve(std::min(id.size(), kMaxId));
    for (char c : id.substr(0, kMaxId)) out.push_back(c > 0x20 && c < 0x7f ? c : '?');
    return out;
}

}  // namespace

std::shared_ptr<RouteStats> Telemetry::route(const std::string& route) {
    std::lock_guard lock(mutex_);
    auto& stats = routes_[route];
    if (!stats) stats = std::make_shared<RouteStats>(route, recent_per_route_);
    return stats;
}

void Telemetry::record(RouteStats& stats, const Request& request, int status,
                       std::chrono::microseconds duration, std::string_view verification) {
    DeliveryRecord record{std::chrono::system_clock::now(),
                          status,
                          duration,
                          request.body.size(),
                          safe_id(delivery_id(request)),
                          std::string(verification)};
    log_info("delivery route={} status={} duration_ms={:.3f} bytes={} id={} verification={}", request.path,
             status, static_cast<double>(duration.count()) / 1000.0, record.bytes,
             record.delivery_id.empty() ? "-" : record.delivery_id, verification);
    stats.record(std::move(record));
}

std::vector<RouteStats::Snapshot> Telemetry::snapshots() const {
    std::vector<RouteStats::Snapshot> result;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [route, stats] : routes_) result.push_back(stats->snapshot());
    }
    result.push_back(unmatched_.snapshot());
    return result;
}

std::string Telemetry::render_prometheus() const {
    const auto all = snapshots();
    std::string out;
    out +=
        "# HELP cohook_requests_total Requests answered, by route and status.\n"
        "# TYPE cohook_requests_total counter\n";
    for (const auto& s : all) render_route(out, s);
    out +=
        "# HELP cohook_handler_duration_seconds Time from dispatch to response, by route.\n"
        "# TYPE cohook_handler_duration_seconds histogram\n";
    for (const auto& s : all) {
        if (s.route != "unmatched") render_histogram(out, s);
    }
    fmt::format_to(
        std::back_inserter(out),
        "# HELP cohook_handlers_in_flight Handlers running now.\n"
        "# TYPE cohook_handlers_in_flight gauge\ncohook_handlers_in_flight {}\n"
        "# HELP cohook_open_connections Client connections open now.\n"
        "# TYPE cohook_open_connections gauge\ncohook_open_connections {}\n"
        "# HELP cohook_read_buffers_held 8 KiB read buffers held by connections now (idle ones give "
        "theirs back).\n"
        "# TYPE cohook_read_buffers_held gauge\ncohook_read_buffers_held {}\n",
        handlers_in_flight ? handlers_in_flight() : 0, open_connections ? open_connections() : 0,
        read_buffers_held ? read_buffers_held() : 0);
    if (tunnel_up.load() >= 0) {
        fmt::format_to(std::back_inserter(out),
                       "# HELP cohook_tunnel_up Whether the share-link tunnel is connected.\n"
                       "# TYPE cohook_tunnel_up gauge\ncohook_tunnel_up {}\n",
                       tunnel_up.load());
    }
    return out;
}

std::string Telemetry::render_deliveries() const {
    boost::json::object routes;
    for (const auto& s : snapshots()) {
        if (s.route == "unmatched") continue;
        boost::json::array list;
        for (auto it = s.recent.rbegin(); it != s.recent.rend(); ++it) list.push_back(record_json(*it));
        routes[s.route] = std::move(list);
    }
    return boost::json::serialize(boost::json::object{{"routes", std::move(routes)}});
}

std::string_view delivery_id(const Request& request) noexcept {
    for (const char* name : {"webhook-id", "x-github-delivery", "x-request-id"}) {
        if (auto value = request.headers.get(name)) return *value;
    }
    return {};
}

}  // namespace cohook::detail
