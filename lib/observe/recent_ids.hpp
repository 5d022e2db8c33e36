#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace cohook::detail {

/// A bounded memory of recently handled delivery ids, so a replayed delivery is acknowledged
/// without running its handler twice. Oldest ids are forgotten first. Thread-safe.
class RecentIds {
  public:
    /// Remembers at most `capacity` ids.
    explicit RecentIds(std::size_t capacity) : capacity_(capacity) {}

    /// True when `id` was remembered and not yet forgotten.
    bool contains(std::string_view id) const;

    /// Remembers `id` (forgetting the oldest one when full).
    void remember(std::string id);

  private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<std::string> order_;
    std::unordered_set<std::string> ids_;
};

}  // namespace cohook::detail
