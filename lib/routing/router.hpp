#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cohook::detail {

/// What a lookup found.
enum class RouteMatch { found, not_found, method_not_allowed };

/// Result of `Router::find`: the target on a match, the allowed methods otherwise.
template <class Target>
struct RouteLookup {
    RouteMatch match = RouteMatch::not_found;
    std::shared_ptr<const Target> target;  ///< Set when found; keeps the target alive during the call.
    std::string allow;                     ///< For 405: the path's methods, e.g. "POST".
};

/// Exact-path route table owning its targets. Thread-safe: routes can be added while requests are
/// being dispatched on other threads, and are live at once.
template <class Target>
class Router {
  public:
    /// Adds `target` for `method` + `path`; returns false (and changes nothing) if that pair exists.
    bool add(const std::string& method, const std::string& path, Target target) {
        std::unique_lock lock(mutex_);
        auto& methods = routes_[path];
        for (const auto& [m, t] : methods) {
            if (m == method) return false;
        }
        methods.emplace_back(method, std::make_shared<const Target>(std::move(target)));
        return true;
    }

    /// Finds the target for `method` + `path` (exact match, no normalisation).
    RouteLookup<Target> find(std::string_view method, std::string_view path) const {
        std::shared_lock lock(mutex_);
        const auto it = routes_.find(path);
        if (it == routes_.end()) return {};
        RouteLookup<Target> result{RouteMatch::method_not_allowed, nullptr, {}};
        for (const auto& [m, t] : it->second) {
            if (m == method) return {RouteMatch::found, t, {}};
            if (!result.allow.empty()) result.allow += ", ";
            result.allow += m;
        }
        return result;
    }

    /// True when any method is routed at `path`.
    bool contains(std::string_view path) const {
        std::shared_lock lock(mutex_);
        return routes_.find(path) != routes_.end();
    }

  private:
    using Methods = std::vector<std::pair<std::string, std::shared_ptr<const Target>>>;
    mutable std::shared_mutex mutex_;
    std::map<std::string, Methods, std::less<>> routes_;
};

}  // namespace cohook::detail
