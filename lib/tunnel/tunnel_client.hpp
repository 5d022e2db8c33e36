#pragma once

#include "tunnel/presets.hpp"

#include <cohook/share_options.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace cohook::detail {

class TunnelConnection;

/// The share-link client: a reverse tunnel over SSH remote forwarding (RFC 4254 §7, what `ssh -R`
/// does) that makes a local HTTP server reachable at a public URL. Each connection the SSH server
/// forwards becomes a fresh TCP connection to `local_host`:`local_port`, so tunnelled requests go
/// through the very same server code as direct ones.
///
/// Everything runs on a strand of the given executor; libssh is driven in non-blocking mode from it
/// (no extra thread). `stop()` is thread-safe; the other members are called from one coroutine at a
/// time. The object must outlive the coroutines returned by `connect()` and `serve()`.
class TunnelClient {
  public:
    /// A client for `options.target` (which must not be empty; throws std::invalid_argument if malformed).
    TunnelClient(asio::any_io_executor executor, ShareOptions options, std::string local_host,
                 std::uint16_t local_port);
    /// A client for an explicit target: custom gateways, and tests that stand in for a hosted service.
    TunnelClient(asio::any_io_executor executor, ShareOptions options, TunnelTarget target,
                 std::string local_host, std::uint16_t local_port);
    /// Stops the tunnel.
    ~TunnelClient();
    TunnelClient(const TunnelClient&) = delete;
    TunnelClient& operator=(const TunnelClient&) = delete;

    /// Connects, verifies the server's host key, authenticates, requests the remote forward and returns
    /// the public URL (hosted services: the URL they print; `ssh://` targets: `options.public_url`, else
    /// http://<host>:<allocated port>). Throws std::runtime_error saying what failed, e.g. an unknown host
    /// key with its SHA256 fingerprint and how to accept it.
    asio::awaitable<std::string> connect();

    /// Serves forwarded connections until `stop()`. Connects first if `connect()` has not; when the
    /// connection drops, reconnects with capped exponential backoff and calls `on_url_change` if the URL
    /// is not the same any more. Returns once stopped, after the remote forward is cancelled.
    asio::awaitable<void> serve();

    /// Ends `serve()` (or a `connect()` in progress): cancels the remote forward, so the server stops
    /// listening, and closes the session. Thread-safe, idempotent.
    void stop();

    /// Called on the client's strand with the new public URL after a reconnection changed it (and with
    /// the first URL when `serve()` had to connect by itself). Set it before `serve()`.
    std::function<void(const std::string&)> on_url_change;

  private:
    struct State;
    std::shared_ptr<State> state_;  // shared with the coroutines, which may outlive a stop()
};

}  // namespace cohook::detail
