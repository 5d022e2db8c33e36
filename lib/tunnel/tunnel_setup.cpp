// TunnelConnection's set-up: everything from the TCP connect to the public URL.

#include "tunnel/host_key.hpp"
#include "tunnel/ssh_auth.hpp"
#include "tunnel/tunnel_connection.hpp"
#include "tunnel/url_discovery.hpp"

#include <fmt/format.h>
#include <libssh/server.h>
#include <asio/connect.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <array>
#include <stdexcept>

namespace cohook::detail {
namespace {

constexpr auto kToken = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxSessionOutput = 64 * 1024;

// Resolves `host`:`port` within `deadline` (Asio's resolver; never blocks the event loop).
asio::awaitable<asio::ip::tcp::resolver::results_type> resolve(asio::any_io_executor executor,
                                                               const std::string& host, std::uint16_t port,
                                                               SshSession::Clock::time_point deadline) {
    using namespace asio::experimental::awaitable_operators;
    asio::ip::tcp::resolver resolver(executor);
    asio::steady_timer timer(executor, deadline);
    auto result =
        co_await (resolver.async_resolve(host, std::to_string(port), kToken) || timer.async_wait(kToken));
    if (result.index() != 0) throw std::runtime_error(fmt::format("cannot resolve {}: timed out", host));
    auto [ec, endpoints] = std::get<0>(result);
    if (ec) throw std::runtime_error(fmt::format("cannot resolve {}: {}", host, ec.message()));
    co_return endpoints;
}

}  // namespace

asio::awaitable<std::string> TunnelConnection::open() {
    auto self = shared_from_this();
    const auto deadline = Clock::now() + options_.connect_timeout;
    co_await resolve_local(deadline);
    co_await connect_socket(deadline);
    configure_session();
    const int rc = co_await session_.retry([&] { return ssh_connect(session_.get()); }, SSH_AGAIN, deadline,
                                           "SSH handshake with " + target_.name);
    if (rc != SSH_OK)
        throw std::runtime_error(
            fmt::format("SSH handshake with {} failed: {}", target_.name, session_.error()));
    verify_host_key(session_.get(), target_, known_hosts_path(options_.known_hosts_file),
                    options_.accept_new_host_key);
    co_await authenticate(session_, target_, options_, deadline);
    bound_port_ = co_await request_forward(deadline);
    if (!target_.hosted()) co_return self_hosted_url(target_, options_, bound_port_);
    co_await open_session_channel(deadline);
    co_return co_await discover_url(Clock::now() + options_.url_timeout);
}

asio::awaitable<void> TunnelConnection::resolve_local(Clock::time_point deadline) {
    // A server bound to every address is reached on loopback.
    std::string host = local_host_;
    if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "::1";
    for (const auto& entry : co_await resolve(strand_, host, local_port_, deadline)) {
        local_endpoints_.push_back(entry.endpoint());
    }
}

asio::awaitable<void> TunnelConnection::connect_socket(Clock::time_point deadline) {
    using namespace asio::experimental::awaitable_operators;
    const auto endpoints = co_await resolve(strand_, target_.host, target_.port, deadline);
    asio::ip::tcp::socket socket(strand_);
    asio::steady_timer timer(strand_, deadline);
    auto result = co_await (asio::async_connect(socket, endpoints, kToken) || timer.async_wait(kToken));
    if (result.index() != 0)
        throw std::runtime_error(fmt::format("cannot connect to {}: timed out", target_.name));
    if (auto ec = std::get<0>(std::get<0>(result))) {
        throw std::runtime_error(fmt::format("cannot connect to {}: {}", target_.name, ec.message()));
    }
    session_.attach(std::move(socket));
}

void TunnelConnection::configure_session() {
    const bool no = false;
    const unsigned port = target_.port;
    const std::string known_hosts = known_hosts_path(options_.known_hosts_file);
    // ~/.ssh/config could add ProxyCommand & co., which this client does not drive: ignore it.
    session_.set_option(SSH_OPTIONS_PROCESS_CONFIG, &no, "process config");
    session_.set_option(SSH_OPTIONS_HOST, target_.host.c_str(), "host");
    session_.set_option(SSH_OPTIONS_PORT, &port, "port");
    if (!target_.user.empty()) session_.set_option(SSH_OPTIONS_USER, target_.user.c_str(), "user");
    session_.set_option(SSH_OPTIONS_KNOWNHOSTS, known_hosts.c_str(), "known hosts");
    // Forwarded channels arrive as channel-open messages: accept them from this callback; every other
    // request from the server gets libssh's default (refusal) answer.
    ssh_set_message_callback(session_.get(), &TunnelConnection::on_message, this);
}

asio::awaitable<std::uint16_t> TunnelConnection::request_forward(Clock::time_point deadline) {
    const std::string& bind = target_.remote_bind;
    const int port = target_.remote_port;
    int bound = 0;
    const int rc = co_await session_.retry(
        [&] { return ssh_channel_listen_forward(session_.get(), bind.c_str(), port, &bound); }, SSH_AGAIN,
        deadline, "remote forward request");
    if (rc != SSH_OK) {
        throw std::runtime_error(
            fmt::format("{} refused to listen on {}:{} for us ({}); the server must allow remote forwarding "
                        "(OpenSSH: AllowTcpForwarding yes or remote)",
                        target_.name, bind, port, session_.error()));
    }
    forwarding_ = true;
    if (port != 0) co_return static_cast<std::uint16_t>(port);
    if (bound <= 0 || bound > 65535)
        throw std::runtime_error(target_.name + " did not say which port it listens on");
    co_return static_cast<std::uint16_t>(bound);
}

asio::awaitable<void> TunnelConnection::open_session_channel(Clock::time_point deadline) {
    session_channel_ = ssh_channel_new(session_.get());
    if (session_channel_ == nullptr)
        throw std::runtime_error("cannot create a session channel: " + session_.error());
    const auto check = [&](int rc, std::string_view what) {
        if (rc != SSH_OK)
            throw std::runtime_error(
                fmt::format("{} refused the {}: {}", target_.name, what, session_.error()));
    };
    check(co_await session_.retry([&] { return ssh_channel_open_session(session_channel_); }, SSH_AGAIN,
                                  deadline, "session channel"),
          "session channel");
    const std::string& command = *target_.session_command;
    if (command.empty()) {
        check(co_await session_.retry([&] { return ssh_channel_request_shell(session_channel_); }, SSH_AGAIN,
                                      deadline, "shell request"),
              "shell request");
    } else {
        check(co_await session_.retry(
                  [&] { return ssh_channel_request_exec(session_channel_, command.c_str()); }, SSH_AGAIN,
                  deadline, "exec request"),
              "exec request");
    }
}

asio::awaitable<std::string> TunnelConnection::discover_url(Clock::time_point deadline) {
    for (;;) {
        read_session_channel();
        if (auto url = find_public_url(session_output_, target_.ignored_url_hosts)) co_return *url;
        const bool ended =
            ssh_channel_is_eof(session_channel_) != 0 || ssh_channel_is_closed(session_channel_) != 0;
        if (ended || !session_.connected() || Clock::now() >= deadline || stopping_) {
            // Whatever came last may be a URL with no line end after it.
            if (auto url = find_public_url(session_output_ + "\n", target_.ignored_url_hosts)) co_return *url;
            if (stopping_) throw std::runtime_error("stopped");
            if (ended || !session_.connected()) {
                throw std::runtime_error(fmt::format("{} ended the session without a public URL; it said: {}",
                                                     target_.name, quote_server_output(session_output_)));
            }
            throw std::runtime_error(no_url_message(target_.name, options_.url_timeout, session_output_));
        }
        co_await session_.wait(deadline);
    }
}

bool TunnelConnection::read_session_channel() {
    bool any = false;
    std::array<char, 4096> chunk;
    for (int is_stderr : {0, 1}) {
        int n;
        while ((n = ssh_channel_read_nonblocking(session_channel_, chunk.data(), chunk.size(), is_stderr)) >
               0) {
            session_output_.append(chunk.data(), static_cast<std::size_t>(n));
            any = true;
        }
    }
    // Services that draw a terminal UI keep printing: keep only the recent part.
    if (session_output_.size() > kMaxSessionOutput)
        session_output_.erase(0, session_output_.size() - kMaxSessionOutput);
    return any;
}

}  // namespace cohook::detail
