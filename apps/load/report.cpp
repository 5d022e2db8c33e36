#include "report.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string>

namespace load {

namespace {

std::string millis(std::uint64_t micros) {
    return fmt::format("{:.3f} ms", static_cast<double>(micros) / 1000.0);
}

void print_latency(std::FILE* out, const Histogram& latency) {
    if (latency.count() == 0) {
        fmt::print(out, "latency     no responses\n");
        return;
    }
    fmt::print(out, "latency     p50 {}  p90 {}  p99 {}  p99.9 {}  max {}  (mean {})\n",
               millis(latency.value_at_percentile(50)), millis(latency.value_at_percentile(90)),
               millis(latency.value_at_percentile(99)), millis(latency.value_at_percentile(99.9)),
               millis(latency.max()), millis(static_cast<std::uint64_t>(latency.mean())));
}

void print_statuses(std::FILE* out, const Stats& stats) {
    auto statuses = stats.statuses;
    std::sort(statuses.begin(), statuses.end());
    std::string line;
    for (const auto& [status, count] : statuses)
        line += fmt::format("{}{}: {}", line.empty() ? "" : ", ", status, count);
    fmt::print(out, "statuses    {}\n", line.empty() ? "none" : line);
}

void print_errors(std::FILE* out, const Stats& stats) {
    std::string kinds;
    for (std::size_t i = 0; i < kErrorKinds; ++i) {
        kinds += fmt::format("{}{} {}", i ? ", " : "", to_string(static_cast<ErrorKind>(i)), stats.errors[i]);
    }
    fmt::print(out, "errors      {} ({}); non-2xx/3xx responses {}\n", stats.error_count(), kinds,
               stats.unsuccessful_count());
}

}  // namespace

void print_start(std::FILE* out, const LoadOptions& options) {
    const std::string length = options.requests ? fmt::format("{} requests", *options.requests)
                                                : fmt::format("{:g} s", options.duration.count());
    const std::string what = options.idle ? std::string("idle connections")
                                          : fmt::format("{} {} ({} B body)", options.effective_method(),
                                                        options.url_text, options.payload.size());
    fmt::print(out, "cohook-load: {}, {} connection{}, {} thread{}, {}\n", what, options.connections,
               options.connections == 1 ? "" : "s", options.threads, options.threads == 1 ? "" : "s", length);
}

void print_report(std::FILE* out, const LoadOptions& options, const Results& results) {
    const Stats& stats = results.stats;
    if (options.idle) {
        fmt::print(out, "connections {} opened, {} open at most at once, over {:.2f} s\n", stats.connects,
                   results.peak_open, results.seconds);
        print_errors(out, stats);
        return;
    }
    const auto requests = stats.latency.count();
    const double rate = results.seconds > 0 ? static_cast<double>(requests) / results.seconds : 0;
    fmt::print(out, "requests    {}\n", requests);
    fmt::print(out, "seconds     {:.2f}\n", results.seconds);
    fmt::print(out, "req/s       {:.1f}\n", rate);
    print_latency(out, stats.latency);
    print_statuses(out, stats);
    print_errors(out, stats);
    fmt::print(out, "connects    {}\n", stats.connects);
}

}  // namespace load
