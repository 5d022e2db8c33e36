#include "tunnel/presets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

namespace cohook::detail {
namespace {

struct Preset {
    std::string_view name;
    std::string_view host;
    std::uint16_t port;
    std::string_view user;
    std::uint16_t remote_port;
    std::string_view command;
    std::array<std::string_view, 2> ignored_hosts;
};

// Documented usage of each service: `ssh -R 80:localhost:8080 nokey@localhost.run -- --output json`,
// `ssh -p 443 -R0:localhost:8000 a.pinggy.io`, `ssh -R 80:localhost:8000 serveo.net`.
constexpr std::array kPresets{
    Preset{"localhost.run",
           "localhost.run",
           22,
           "nokey",
           80,
           "--output json",
           {"admin.localhost.run", "localhost.run"}},
    Preset{"pinggy", "a.pinggy.io", 443, "", 0, "", {"dashboard.pinggy.io", "pinggy.io"}},
    Preset{"serveo", "serveo.net", 22, "", 80, "", {"console.serveo.net", "serveo.net"}},
};

[[noreturn]] void bad_target(std::string_view target, std::string_view why) {
    throw std::invalid_argument(
        fmt::format("invalid share target '{}': {}; expected a preset (localhost.run, pinggy, serveo) or "
                    "ssh://[user@]host[:port]",
                    target, why));
}

TunnelTarget from_preset(const Preset& preset, const ShareOptions& options) {
    TunnelTarget target;
    target.name = std::string(preset.name);
    target.host = std::string(preset.host);
    target.port = preset.port;
    target.user = std::string(preset.user);
    target.remote_port = preset.remote_port;
    target.remote_bind = options.remote_bind;
    target.session_command = std::string(preset.command);
    for (auto host : preset.ignored_hosts) target.ignored_url_hosts.emplace_back(host);
    return target;
}

std::uint16_t parse_port(std::string_view text, std::string_view target) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
        bad_target(target, fmt::format("'{}' is not a port number", text));
    }
    return static_cast<std::uint16_t>(value);
}

// Splits "host[:port]" or "[v6addr][:port]".
void parse_host_port(std::string_view authority, std::string_view target, TunnelTarget& out) {
    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) bad_target(target, "unterminated '[' in the host");
        host = authority.substr(1, close - 1);
        const auto rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) bad_target(target, "junk after ']'");
        if (!rest.empty()) port = rest.substr(1);
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty()) bad_target(target, "no host");
    out.host = std::string(host);
    if (!port.empty()) out.port = parse_port(port, target);
}

TunnelTarget from_ssh_url(std::string_view target, const ShareOptions& options) {
    std::string_view rest = target.substr(6);  // after "ssh://"
    if (rest.find_first_of("/?#") != std::string_view::npos) bad_target(target, "no path or query allowed");
    TunnelTarget out;
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        out.user = std::string(rest.substr(0, at));
        if (out.user.empty()) bad_target(target, "empty user name before '@'");
        rest = rest.substr(at + 1);
    }
    parse_host_port(rest, target, out);
    out.remote_port = options.remote_port;
    out.remote_bind = options.remote_bind;
    out.name = out.user.empty() ? fmt::format("{}:{}", out.host, out.port)
                                : fmt::format("{}@{}:{}", out.user, out.host, out.port);
    return out;
}

}  // namespace

TunnelTarget parse_target(const ShareOptions& options) {
    const std::string_view target = options.target;
    if (target.empty()) throw std::invalid_argument("no share target given");
    const auto preset =
        std::find_if(kPresets.begin(), kPresets.end(), [&](const Preset& p) { return p.name == target; });
    if (preset != kPresets.end()) return from_preset(*preset, options);
    if (target.starts_with("ssh://")) return from_ssh_url(target, options);
    bad_target(target, "unknown preset");
}

std::vector<std::string_view> preset_names() {
    std::vector<std::string_view> names;
    for (const auto& preset : kPresets) names.push_back(preset.name);
    return names;
}

std::string self_hosted_url(const TunnelTarget& target, const ShareOptions& options,
                            std::uint16_t bound_port) {
    if (!options.public_url.empty()) return options.public_url;
    const bool v6 = target.host.find(':') != std::string::npos;
    return v6 ? fmt::format("http://[{}]:{}", target.host, bound_port)
              : fmt::format("http://{}:{}", target.host, bound_port);
}

}  // namespace cohook::detail
