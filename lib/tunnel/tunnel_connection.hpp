#pragma once

#include "tunnel/channel_bridge.hpp"
#include "tunnel/presets.hpp"
#include "tunnel/ssh_session.hpp"

#include <cohook/share_options.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cohook::detail {

/// One SSH connection of the tunnel, from TCP connect to disconnect: `open()` sets up the remote
/// forward and finds the public URL, `run()` serves forwarded channels until the connection drops or
/// `stop()`. Reconnecting means a new TunnelConnection. Strand only; create with make_shared.
class TunnelConnection : public std::enable_shared_from_this<TunnelConnection> {
  public:
    TunnelConnection(asio::any_io_executor strand, ShareOptions options, TunnelTarget target,
                     std::string local_host, std::uint16_t local_port);
    ~TunnelConnection();
    TunnelConnection(const TunnelConnection&) = delete;
    TunnelConnection& operator=(const TunnelConnection&) = delete;

    /// Connects, checks the host key, authenticates, requests the remote forward and, for hosted
    /// services, runs the session command and reads the URL it prints. Returns the public URL; throws
    /// std::runtime_error saying what failed.
    asio::awaitable<std::string> open();

    /// Serves forwarded channels. Returns why the connection ended ("" after `stop()`, once the remote
    /// forward is cancelled and the session closed).
    asio::awaitable<std::string> run();

    /// Makes `open()` throw and `run()` tear down and return.
    void stop();

  private:
    using Clock = SshSession::Clock;

    // Set-up steps (tunnel_setup.cpp).
    asio::awaitable<void> connect_socket(Clock::time_point deadline);
    void configure_session();
    asio::awaitable<void> resolve_local(Clock::time_point deadline);
    asio::awaitable<std::uint16_t> request_forward(Clock::time_point deadline);
    asio::awaitable<void> open_session_channel(Clock::time_point deadline);
    asio::awaitable<std::string> discover_url(Clock::time_point deadline);
    bool read_session_channel();

    // Serving (tunnel_connection.cpp).
    bool step();
    bool start_bridges();
    bool pump_bridges();
    std::string check_alive(Clock::time_point& next_tick);
    void release_channels();
    asio::awaitable<void> teardown();
    asio::awaitable<void> cancel_forward();
    static int on_message(ssh_session session, ssh_message message, void* self);

    asio::any_io_executor strand_;
    ShareOptions options_;
    TunnelTarget target_;
    std::string local_host_;
    std::uint16_t local_port_;
    std::vector<asio::ip::tcp::endpoint> local_endpoints_;
    SshSession session_;
    ssh_channel session_channel_ = nullptr;  // hosted services: where they print the URL
    std::string session_output_;
    std::uint16_t bound_port_ = 0;
    std::vector<ssh_channel> accepted_;  // forwarded channels not bridged yet
    std::vector<std::shared_ptr<ChannelBridge>> bridges_;
    bool forwarding_ = false;
    bool stopping_ = false;
    bool keepalive_sent_ = false;
};

}  // namespace cohook::detail
