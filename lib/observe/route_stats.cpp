#include "observe/route_stats.hpp"

namespace cohook::detail {

void RouteStats::record(DeliveryRecord record) {
    const double seconds = std::chrono::duration<double>(record.duration).count();
    std::lock_guard lock(mutex_);
    ++statuses_[record.status];
    for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
        if (seconds <= kDurationBuckets[i]) ++buckets_[i];
    }
    ++count_;
    sum_seconds_ += seconds;
    if (capacity_ == 0) return;
    if (recent_.size() < capacity_) {
        recent_.push_back(std::move(record));
        return;
    }
    // Full: overwrite the oldest in place, so a busy route stops allocating for its record.
    recent_[oldest_] = std::move(record);
    oldest_ = (oldest_ + 1) % capacity_;
}

RouteStats::Snapshot RouteStats::snapshot() const {
    std::lock_guard lock(mutex_);
    const auto split = recent_.begin() + static_cast<std::ptrdiff_t>(oldest_);
    std::deque<DeliveryRecord> recent(split, recent_.end());
    recent.insert(recent.end(), recent_.begin(), split);
    return Snapshot{route_, statuses_, buckets_, count_, sum_seconds_, std::move(recent)};
}

}  // namespace cohook::detail
