#pragma once

#include "histogram.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <utility>
#include <vector>

namespace load {

/// Why a request got no response.
enum class ErrorKind { connect, read, write, timeout, bad_response };

/// Number of ErrorKind values.
inline constexpr std::size_t kErrorKinds = 5;

/// How an error kind is printed.
constexpr std::string_view to_string(ErrorKind kind) {
    constexpr std::array<std::string_view, kErrorKinds> kNames{"connect", "read", "write", "timeout",
                                                               "bad response"};
    return kNames[static_cast<std::size_t>(kind)];
}

/// What one connection saw; merged into the run's totals at the end. Not thread-safe.
struct Stats {
    Histogram latency;                                    ///< Microseconds, one value per response.
    std::vector<std::pair<int, std::uint64_t>> statuses;  ///< Responses per status code.
    std::array<std::uint64_t, kErrorKinds> errors{};      ///< Requests without a response, by kind.
    std::uint64_t connects = 0;                           ///< Connections established.

    /// Counts a response with its latency.
    void record_response(int status, std::uint64_t micros) {
        latency.record(micros);
        add_status(status, 1);
    }

    /// Counts a request that failed.
    void record_error(ErrorKind kind) { ++errors[static_cast<std::size_t>(kind)]; }

    /// Adds everything `other` counted.
    void merge(const Stats& other) {
        latency.merge(other.latency);
        for (const auto& [status, count] : other.statuses) add_status(status, count);
        for (std::size_t i = 0; i < kErrorKinds; ++i) errors[i] += other.errors[i];
        connects += other.connects;
    }

    /// Requests that got no response.
    std::uint64_t error_count() const {
        return std::accumulate(errors.begin(), errors.end(), std::uint64_t{0});
    }

    /// Responses whose status is not 2xx or 3xx.
    std::uint64_t unsuccessful_count() const {
        std::uint64_t total = 0;
        for (const auto& [status, count] : statuses) total += (status < 200 || status >= 400) ? count : 0;
        return total;
    }

  private:
    void add_status(int status, std::uint64_t count) {
        // A handful of distinct statuses at most: a linear search beats a map.
        auto it =
            std::find_if(statuses.begin(), statuses.end(), [&](const auto& s) { return s.first == status; });
        if (it == statuses.end()) {
            statuses.emplace_back(status, count);
        } else {
            it->second += count;
        }
    }
};

}  // namespace load
