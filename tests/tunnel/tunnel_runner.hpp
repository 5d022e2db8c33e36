#pragma once

// Runs a TunnelClient on its own event loop thread, with bounded waits on its results, and small helpers
// shared by the tunnel's integration tests.

#include "tunnel/tunnel_client.hpp"

#include <asio/co_spawn.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/use_future.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace cohook::test {

/// The port of "http://host:port".
inline std::uint16_t url_port(const std::string& url) {
    return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

/// Collects the URLs `on_url_change` reports, for a bounded wait from the test thread.
class UrlChanges {
  public:
    std::function<void(const std::string&)> callback() {
        return [this](const std::string& url) {
            std::lock_guard lock(mutex_);
            urls_.push_back(url);
            changed_.notify_all();
        };
    }
    /// The `n`-th reported URL (from 1), or nullopt if it did not come within `timeout`.
    std::optional<std::string> wait(std::size_t n, std::chrono::seconds timeout) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, timeout, [&] { return urls_.size() >= n; })) return std::nullopt;
        return urls_[n - 1];
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> urls_;
};

/// A TunnelClient on a dedicated io_context thread.
class TunnelRunner {
  public:
    TunnelRunner(ShareOptions options, std::uint16_t local_port)
        : client(context_.get_executor(), std::move(options), "127.0.0.1", local_port) {
        thread_ = std::thread([this] { context_.run(); });
    }
    TunnelRunner(ShareOptions options, detail::TunnelTarget target, std::uint16_t local_port)
        : client(context_.get_executor(), std::move(options), std::move(target), "127.0.0.1", local_port) {
        thread_ = std::thread([this] { context_.run(); });
    }
    ~TunnelRunner() {
        client.stop();
        if (serving_.valid()) serving_.wait_for(std::chrono::seconds(10));
        work_.reset();
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!context_.stopped() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        context_.stop();
        thread_.join();
    }

    /// Runs `client.connect()`: the public URL, or the exception it threw.
    std::string connect(std::chrono::seconds timeout = std::chrono::seconds(30)) {
        auto result = asio::co_spawn(context_, client.connect(), asio::use_future);
        if (result.wait_for(timeout) != std::future_status::ready) throw std::runtime_error("connect() hung");
        return result.get();
    }

    /// Runs `client.connect()` expecting it to fail: the exception's message ("connected" if it did not).
    std::string connect_error() {
        try {
            connect();
        } catch (const std::exception& e) {
            return e.what();
        }
        return "connected";
    }

    /// Starts `client.serve()` in the background.
    void serve() { serving_ = asio::co_spawn(context_, client.serve(), asio::use_future); }

    /// Stops the client and waits (bounded) until `serve()` has returned; rethrows what it threw.
    void stop() {
        client.stop();
        if (serving_.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
            throw std::runtime_error("serve() did not return after stop()");
        }
        serving_.get();
    }

  private:
    asio::io_context context_;
    asio::executor_work_guard<asio::io_context::executor_type> work_{context_.get_executor()};
    std::thread thread_;
    std::future<void> serving_;

  public:
    detail::TunnelClient client;  // after the context: constructed on it, destroyed first
};

}  // namespace cohook::test
