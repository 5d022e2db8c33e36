#pragma once

#include "tunnel/presets.hpp"
#include "tunnel/ssh_session.hpp"

#include <cohook/share_options.hpp>

#include <asio/awaitable.hpp>

namespace cohook::detail {

/// Authenticates a connected, host-key-verified session, in the order `ssh` would for these servers:
/// `none` (what the hosted services accept), then public keys (`options.identity_file` only when given,
/// else the agent, ~/.ssh/id_ed25519 and ~/.ssh/id_rsa), then keyboard-interactive as long as the
/// server asks no questions. Throws std::runtime_error listing what the server accepts and what was tried.
asio::awaitable<void> authenticate(SshSession& session, const TunnelTarget& target,
                                   const ShareOptions& options, SshSession::Clock::time_point deadline);

}  // namespace cohook::detail
