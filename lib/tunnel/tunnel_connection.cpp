// TunnelConnection's serving loop: one driver coroutine owns every libssh call; bridges' coroutines only
// touch their sockets and buffers and wake the driver.

#include "tunnel/tunnel_connection.hpp"

#include "observe/log.hpp"

#include <fmt/format.h>
#include <libssh/server.h>
#include <asio/co_spawn.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

#include <exception>
#include <utility>

namespace cohook::detail {
namespace {

void log_bridge_failure(std::exception_ptr error) {
    if (!error) return;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        log_error("share link: forwarded connection failed: {}", e.what());
    }
}

}  // namespace

TunnelConnection::TunnelConnection(asio::any_io_executor strand, ShareOptions options, TunnelTarget target,
                                   std::string local_host, std::uint16_t local_port)
    : strand_(strand),
      options_(std::move(options)),
      target_(std::move(target)),
      local_host_(std::move(local_host)),
      local_port_(local_port),
      session_(strand) {}

// When run() never tore down (open() failed, or was never followed by run()), the channels are released
// here, before the session member disconnects.
TunnelConnection::~TunnelConnection() {
    release_channels();
}

void TunnelConnection::release_channels() {
    // libssh frees every channel of a session when it disconnects: no pointer may outlive that.
    for (auto& bridge : bridges_) bridge->close();
    bridges_.clear();
    for (ssh_channel channel : std::exchange(accepted_, {})) ssh_channel_free(channel);
    if (session_channel_ != nullptr) ssh_channel_free(std::exchange(session_channel_, nullptr));
}

asio::awaitable<std::string> TunnelConnection::run() {
    auto self = shared_from_this();
    std::string reason;
    auto next_tick = Clock::now() + options_.keepalive_interval;
    while (!stopping_) {
        session_.reset_notification();  // a notification from now on means another round
        const bool progress = step();
        session_.last_activity();  // samples libssh's byte counter, so silence is measured exactly
        reason = check_alive(next_tick);
        if (!reason.empty()) break;
        if (progress) {
            co_await asio::post(strand_, asio::use_awaitable);  // let the bridges' coroutines run too
            continue;
        }
        co_await session_.wait(next_tick);
    }
    co_await teardown();
    co_return stopping_ ? std::string() : reason;
}

void TunnelConnection::stop() {
    stopping_ = true;
    session_.set_interrupted(true);
}

bool TunnelConnection::step() {
    // One packet-handling round even when no channel asks for one: it reads the socket (new channel
    // requests, window adjustments, keepalive answers) and flushes queued output.
    ssh_execute_message_callbacks(session_.get());
    bool progress = start_bridges();
    if (session_channel_ != nullptr && read_session_channel()) progress = true;
    if (pump_bridges()) progress = true;
    return progress;
}

bool TunnelConnection::start_bridges() {
    if (accepted_.empty()) return false;
    for (ssh_channel channel : std::exchange(accepted_, {})) {
        auto wake = [weak = weak_from_this()] {
            if (auto self = weak.lock()) self->session_.notify();
        };
        auto bridge = std::make_shared<ChannelBridge>(strand_, channel, std::move(wake));
        bridges_.push_back(bridge);
        asio::co_spawn(strand_, bridge->run(local_endpoints_), &log_bridge_failure);
    }
    return true;
}

bool TunnelConnection::pump_bridges() {
    bool progress = false;
    const bool can_write = !session_.write_pending();
    for (auto& bridge : bridges_) {
        if (bridge->pump(can_write)) progress = true;
    }
    std::erase_if(bridges_, [](const std::shared_ptr<ChannelBridge>& bridge) {
        if (!bridge->finished()) return false;
        bridge->close();
        return true;
    });
    return progress;
}

std::string TunnelConnection::check_alive(Clock::time_point& next_tick) {
    if (!session_.connected()) {
        const std::string error = session_.error();
        return fmt::format("lost the connection to {}{}", target_.name, error.empty() ? "" : ": " + error);
    }
    if (session_channel_ != nullptr &&
        (ssh_channel_is_eof(session_channel_) != 0 || ssh_channel_is_closed(session_channel_) != 0)) {
        return fmt::format("{} ended the session", target_.name);
    }
    const auto now = Clock::now();
    if (now < next_tick) return {};
    next_tick = now + options_.keepalive_interval;
    const auto silent = now - session_.last_activity();
    if (silent >= 3 * options_.keepalive_interval) {
        return fmt::format("{} stopped answering keepalives", target_.name);
    }
    if (silent >= options_.keepalive_interval) {
        // A keepalive asks for a reply: any answer proves the server is there. libssh has one slot for
        // global requests, which keeps the previous keepalive's answer until the next call collects it:
        // the second call sends a new keepalive unless the previous one is still unanswered.
        ssh_send_keepalive(session_.get());
        ssh_send_keepalive(session_.get());
        keepalive_sent_ = true;
    }
    return {};
}

asio::awaitable<void> TunnelConnection::teardown() {
    release_channels();
    if (stopping_ && forwarding_ && session_.connected()) co_await cancel_forward();
    release_channels();  // connections forwarded while the cancellation was under way
    session_.close();
}

asio::awaitable<void> TunnelConnection::cancel_forward() {
    session_.set_interrupted(false);
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    const auto cancel = [&] {
        return ssh_channel_cancel_forward(session_.get(), target_.remote_bind.c_str(), bound_port_);
    };
    try {
        // libssh has a single slot for global requests: while a keepalive's answer is still uncollected,
        // the first call merely collects it. Cancel again in that case; a redundant cancellation is only
        // refused by the server. Waiting for the answer means the server's listener is gone on return.
        int rc = co_await session_.retry(cancel, SSH_AGAIN, deadline, "cancelling the remote forward");
        if (keepalive_sent_)
            rc = co_await session_.retry(cancel, SSH_AGAIN, deadline, "cancelling the remote forward");
        if (rc != SSH_OK)
            log_warning("share link: {} did not cancel the remote forward: {}", target_.name,
                        session_.error());
    } catch (const std::exception& e) {
        log_warning("share link: {}", e.what());
    }
    forwarding_ = false;
}

int TunnelConnection::on_message(ssh_session, ssh_message message, void* self) {
    if (ssh_message_type(message) == SSH_REQUEST_CHANNEL_OPEN &&
        ssh_message_subtype(message) == SSH_CHANNEL_FORWARDED_TCPIP) {
        if (ssh_channel channel = ssh_message_channel_request_open_reply_accept(message)) {
            static_cast<TunnelConnection*>(self)->accepted_.push_back(channel);
        }
        return 0;  // handled (libssh frees the message)
    }
    return 1;  // libssh answers with its default refusal
}

}  // namespace cohook::detail
