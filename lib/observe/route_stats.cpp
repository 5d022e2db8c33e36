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
    if (recent_.size() == capacity_) recent_.pop_front();
    recent_.push_back(std::move(record));
}

RouteStats::Snapshot RouteStats::snapshot() const {
    std::lock_guard lock(mutex_);
    return Snapshot{route_, statuses_, buckets_, count_, sum_seconds_, recent_};
}

}  // namespace cohook::detail
