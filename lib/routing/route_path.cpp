#include "routing/route_path.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace cohook::detail {

namespace {

// RFC 3986 pchar without percent-encoding: a route is matched byte for byte against the raw target,
// so anything that would need escaping could never be reached.
bool is_path_char(char c) noexcept {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    constexpr std::string_view kAllowed = "-._~!$&'()*+,;=:@/";
    return kAllowed.find(c) != std::string_view::npos;
}

}  // namespace

std::string webhook_route(std::string_view path) {
    std::string_view name = path;
    while (!name.empty() && name.front() == '/') name.remove_prefix(1);
    while (!name.empty() && name.back() == '/') name.remove_suffix(1);
    if (name.empty()) {
        throw std::invalid_argument(
            fmt::format("Invalid webhook path '{}': it must name the endpoint.", path));
    }
    for (char c : name) {
        if (!is_path_char(c)) {
            throw std::invalid_argument(
                fmt::format("Invalid webhook path '{}': '{}' cannot appear in a URL path.", path, c));
        }
    }
    if (name.find("//") != std::string_view::npos) {
        throw std::invalid_argument(fmt::format("Invalid webhook path '{}': empty path segment.", path));
    }
    // Clients remove "." and ".." segments before sending, so such a route could never be reached.
    const std::string slashed = fmt::format("/{}/", name);
    if (slashed.find("/./") != std::string::npos || slashed.find("/../") != std::string::npos) {
        throw std::invalid_argument(fmt::format("Invalid webhook path '{}': '.' and '..' segments.", path));
    }
    return fmt::format("/webhooks/{}", name);
}

}  // namespace cohook::detail
