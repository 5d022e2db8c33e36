#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cohook {

/// How the optional share link (a reverse tunnel over SSH remote forwarding, what `ssh -R` does) is
/// set up. Off by default: turning it on sends every request for the public URL through a third
/// party's server (a hosted preset) or through your own SSH server. See docs/share-link.md.
/// (Kept at namespace scope so it can be a default argument under g++ 12.)
struct ShareOptions {
    /// Where to tunnel through. Empty: no tunnel. A preset name (`localhost.run`, `pinggy`, `serveo`:
    /// hosted services that hand back a random https URL, no account needed) or
    /// `ssh://[user@]host[:port]` for any SSH server that allows remote forwarding (OpenSSH, sish, ...).
    std::string target;
    /// Private key to authenticate with (unencrypted, or load it into ssh-agent instead). Empty: the
    /// agent, then ~/.ssh/id_ed25519 and ~/.ssh/id_rsa when present, then `none` and keyboard-interactive
    /// with zero prompts (what the hosted services accept).
    std::string identity_file;
    /// known_hosts file the server's host key is checked against. Empty: ~/.ssh/known_hosts.
    std::string known_hosts_file;
    /// Trust a server whose key is not in `known_hosts_file` yet and append it there (OpenSSH's
    /// `StrictHostKeyChecking accept-new`). A key that differs from a known one is always refused.
    bool accept_new_host_key = false;
    /// For a self-hosted server: the public URL your reverse proxy maps to the forwarded port. Empty:
    /// `http://<host>:<allocated port>`. Hosted presets report their own URL and ignore this.
    std::string public_url;
    /// Port the server should listen on for us; 0 lets the server pick one. Presets use their own.
    std::uint16_t remote_port = 0;
    /// Address the server should listen on (RFC 4254 §7.1). With OpenSSH's default `GatewayPorts no`
    /// the server listens on loopback whatever is asked.
    std::string remote_bind = "localhost";
    /// Longest wait for a hosted service to print the public URL after the forward is set up.
    std::chrono::seconds url_timeout{15};
    /// Longest time from opening the TCP connection to an accepted remote forward.
    std::chrono::seconds connect_timeout{20};
    /// A keepalive is sent when nothing has been received for this long; a server silent for three
    /// intervals is considered gone and the tunnel reconnects.
    std::chrono::milliseconds keepalive_interval{30'000};
    /// Reconnection delays start at 250 ms and double after each failure, up to this cap.
    std::chrono::milliseconds reconnect_max_delay{30'000};
};

}  // namespace cohook
