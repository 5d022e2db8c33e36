#include "observe/recent_ids.hpp"

namespace cohook::detail {

bool RecentIds::contains(std::string_view id) const {
    std::lock_guard lock(mutex_);
    return ids_.find(std::string(id)) != ids_.end();
}

void RecentIds::remember(std::string id) {
    std::lock_guard lock(mutex_);
    if (capacity_ == 0 || !ids_.insert(id).second) return;
    order_.push_back(std::move(id));
    if (order_.size() > capacity_) {
        ids_.erase(order_.front());
        order_.pop_front();
    }
}

}  // namespace cohook::detail
