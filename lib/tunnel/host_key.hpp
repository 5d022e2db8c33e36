#pragma once

#include "tunnel/presets.hpp"

#include <libssh/libssh.h>

#include <string>

namespace cohook::detail {

/// `path` with a leading "~/" replaced by $HOME.
std::string expand_home(const std::string& path);

/// The known_hosts file to use: `configured` (home expanded), or ~/.ssh/known_hosts when empty.
std::string known_hosts_path(const std::string& configured);

/// "ssh-ed25519 SHA256:..." for the key the server presented during the key exchange.
std::string server_key_description(ssh_session session);

/// Checks the server's host key against the session's known_hosts file, after the key exchange and
/// before any authentication. Unknown key: appended when `accept_new` is set, else refused. A key that
/// differs from a known one is always refused. Throws std::runtime_error naming the host, the key's
/// SHA256 fingerprint and what to do about it.
void verify_host_key(ssh_session session, const TunnelTarget& target, const std::string& known_hosts,
                     bool accept_new);

}  // namespace cohook::detail
