#pragma once

#include <cohook/share_options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cohook::detail {

/// Everything the tunnel client needs to know about where it connects, resolved from
/// `ShareOptions::target` (a preset name or an `ssh://` URL). Pure data: no I/O.
struct TunnelTarget {
    std::string name;  ///< For messages: the preset name or "user@host:port".
    std::string host;  ///< SSH server host name or address (also the known_hosts key).
    std::uint16_t port = 22;
    std::string user;                       ///< Empty: the current user, as `ssh` does.
    std::uint16_t remote_port = 0;          ///< Port asked for in `tcpip-forward`; 0: server picks.
    std::string remote_bind = "localhost";  ///< Address asked for in `tcpip-forward`.
    /// Hosted services print the public URL on a session channel: nullopt opens no session channel
    /// (self-hosted servers), an empty string requests a shell, anything else is an `exec` command
    /// (e.g. localhost.run's "--output json").
    std::optional<std::string> session_command;
    /// URLs on these hosts are the service's own links (docs, dashboards), never the tunnel's.
    std::vector<std::string> ignored_url_hosts;
    /// True when the public URL comes from the session output rather than from the options.
    bool hosted() const { return session_command.has_value(); }
};

/// Resolves `options.target`; throws std::invalid_argument naming the accepted forms when it is
/// neither a preset nor a well-formed `ssh://[user@]host[:port]`.
TunnelTarget parse_target(const ShareOptions& options);

/// The preset names, for help texts.
std::vector<std::string_view> preset_names();

/// The URL of a self-hosted tunnel: `public_url` when given, else http://<host>:<port>.
std::string self_hosted_url(const TunnelTarget& target, const ShareOptions& options,
                            std::uint16_t bound_port);

}  // namespace cohook::detail
