#include "tunnel/tunnel_client.hpp"

#include "observe/log.hpp"
#include "tunnel/signal.hpp"
#include "tunnel/tunnel_connection.hpp"

#include <fmt/format.h>
#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/strand.hpp>
#include <asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <stdexcept>

namespace cohook::detail {
namespace {

constexpr std::chrono::milliseconds kFirstRetryDelay{250};

void log_teardown_failure(std::exception_ptr error) {
    if (!error) return;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        log_warning("share link: closing the tunnel: {}", e.what());
    }
}

}  // namespace

struct TunnelClient::State {
    State(asio::any_io_executor executor, ShareOptions options_in, TunnelTarget target_in, std::string host,
          std::uint16_t port)
        : strand(asio::make_strand(executor)),
          options(std::move(options_in)),
          target(std::move(target_in)),
          local_host(std::move(host)),
          local_port(port),
          retry_timer(strand),
          closed(strand) {}

    asio::awaitable<std::string> connect_once();
    asio::awaitable<void> serve_loop();
    asio::awaitable<void> reconnect();
    static void stop_on_strand(const std::shared_ptr<State>& self);

    asio::any_io_executor strand;
    ShareOptions options;
    TunnelTarget target;
    std::string local_host;
    std::uint16_t local_port;
    asio::steady_timer retry_timer;
    std::shared_ptr<TunnelConnection> connection;  // the live one, if any
    std::string url;                               // the last URL returned or announced
    std::function<void(const std::string&)> on_url_change;
    std::atomic<bool> stopping{false};
    bool serving = false;
    bool closing = false;  // a connection that was never served is being torn down
    Signal closed;         // notified when that is done
};

asio::awaitable<std::string> TunnelClient::State::connect_once() {
    if (stopping) throw std::runtime_error(fmt::format("share link via {}: stopped", target.name));
    auto attempt = std::make_shared<TunnelConnection>(strand, options, target, local_host, local_port);
    connection = attempt;
    try {
        url = co_await attempt->open();
    } catch (const std::exception& e) {
        if (connection == attempt) connection.reset();
        throw std::runtime_error(fmt::format("share link via {}: {}", target.name, e.what()));
    }
    co_return url;
}

asio::awaitable<void> TunnelClient::State::reconnect() {
    auto delay = kFirstRetryDelay;
    while (!stopping) {
        const std::string previous = url;
        try {
            const std::string current = co_await connect_once();
            if (current != previous && on_url_change) on_url_change(current);
            co_return;
        } catch (const std::exception& e) {
            if (stopping) co_return;
            log_warning("{}; retrying in {} ms", e.what(), delay.count());
        }
        retry_timer.expires_after(delay);
        co_await retry_timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
        delay = std::min(delay * 2, std::max(options.reconnect_max_delay, kFirstRetryDelay));
    }
}

asio::awaitable<void> TunnelClient::State::serve_loop() {
    serving = true;
    while (!stopping) {
        if (!connection) co_await reconnect();
        if (!connection) break;  // stopped while reconnecting
        const auto current = connection;
        const std::string reason = co_await current->run();
        if (connection == current) connection.reset();
        if (stopping) break;
        log_warning("share link: {}; reconnecting", reason);
        // A short pause first: a server that just dropped us is often still restarting.
        retry_timer.expires_after(kFirstRetryDelay);
        co_await retry_timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }
    // stop() may have come before this coroutine started: return only once the remote forward is gone.
    while (closing) co_await closed.next();
    serving = false;
}

void TunnelClient::State::stop_on_strand(const std::shared_ptr<State>& self) {
    self->retry_timer.cancel();
    if (!self->connection) return;
    self->connection->stop();
    if (self->serving) return;  // serve() tears it down
    // Connected but not served (yet): tear down here, so the remote listener still goes away.
    self->closing = true;
    auto teardown = [connection = std::move(self->connection)]() -> asio::awaitable<void> {
        co_await connection->run();
    };
    asio::co_spawn(self->strand, std::move(teardown), [self](std::exception_ptr error) {
        log_teardown_failure(error);
        self->closing = false;
        self->closed.notify();
    });
}

TunnelClient::TunnelClient(asio::any_io_executor executor, ShareOptions options, std::string local_host,
                           std::uint16_t local_port)
    : TunnelClient(executor, options, parse_target(options), std::move(local_host), local_port) {}

TunnelClient::TunnelClient(asio::any_io_executor executor, ShareOptions options, TunnelTarget target,
                           std::string local_host, std::uint16_t local_port)
    : state_(std::make_shared<State>(std::move(executor), std::move(options), std::move(target),
                                     std::move(local_host), local_port)) {}

TunnelClient::~TunnelClient() {
    stop();
}

asio::awaitable<std::string> TunnelClient::connect() {
    auto state = state_;
    co_return co_await asio::co_spawn(state->strand, state->connect_once(), asio::use_awaitable);
}

asio::awaitable<void> TunnelClient::serve() {
    auto state = state_;
    state->on_url_change = on_url_change;
    co_await asio::co_spawn(state->strand, state->serve_loop(), asio::use_awaitable);
}

void TunnelClient::stop() {
    state_->stopping = true;
    asio::post(state_->strand, [state = state_] { State::stop_on_strand(state); });
}

}  // namespace cohook::detail
