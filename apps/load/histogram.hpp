#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace load {

/// Counts of latencies in microseconds in HDR-style log-linear buckets: exact below 256 µs, then 128
/// buckets per power of two, so every value is reported within 1/128 (0.8%) above itself, up to about
/// 12 days. Memory is taken on the first record() (34 KB). Not thread-safe: keep one per connection and
/// merge() them at the end.
class Histogram {
  public:
    /// Adds one value; values past the largest bucket count in it.
    void record(std::uint64_t value) {
        if (counts_.empty()) counts_.resize(kBucketCount);
        value = std::min(value, kLargest);
        ++counts_[index_of(value)];
        ++count_;
        sum_ += value;
        max_ = std::max(max_, value);
    }

    /// Adds every value recorded in `other`.
    void merge(const Histogram& other) {
        if (other.count_ == 0) return;
        if (counts_.empty()) counts_.resize(kBucketCount);
        for (std::size_t i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
        count_ += other.count_;
        sum_ += other.sum_;
        max_ = std::max(max_, other.max_);
    }

    /// The smallest bucket bound that at least `percentile`% of the values are at or below (0 when
    /// empty), never above the exact maximum.
    std::uint64_t value_at_percentile(double percentile) const {
        if (count_ == 0) return 0;
        const auto wanted = static_cast<double>(count_) * std::clamp(percentile, 0.0, 100.0) / 100.0;
        const auto target = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(wanted)));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < kBucketCount; ++i) {
            seen += counts_[i];
            if (seen >= target) return std::min(highest_in(i), max_);
        }
        return max_;
    }

    /// Number of values recorded.
    std::uint64_t count() const noexcept { return count_; }
    /// Largest value recorded (exact).
    std::uint64_t max() const noexcept { return max_; }
    /// Mean of the values recorded (exact), 0 when empty.
    double mean() const noexcept {
        return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0;
    }

  private:
    static constexpr int kSubBits = 7;
    static constexpr std::uint64_t kSub = std::uint64_t{1} << kSubBits;  // buckets per power of two
    static constexpr int kValueBits = 40;
    static constexpr std::uint64_t kLargest = (std::uint64_t{1} << kValueBits) - 1;
    static constexpr std::size_t kBucketCount = (kValueBits - kSubBits + 1) * kSub;

    static std::size_t index_of(std::uint64_t value) {
        const int top_bit = std::bit_width(value) - 1;
        const int shift = top_bit > kSubBits ? top_bit - kSubBits : 0;
        return static_cast<std::size_t>(shift) * kSub + (value >> shift);
    }

    static std::uint64_t highest_in(std::size_t index) {
        const std::uint64_t shift = index < 2 * kSub ? 0 : index / kSub - 1;
        const std::uint64_t lowest = (index - shift * kSub) << shift;
        return lowest + (std::uint64_t{1} << shift) - 1;
    }

    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t max_ = 0;
};

}  // namespace load
