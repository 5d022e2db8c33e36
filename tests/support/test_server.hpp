#pragma once

// Runs a real WebhooksServer on 127.0.0.1, port 0, embedded on an io_context driven by a background
// thread, so a test can talk to it over loopback and stop it deterministically.

#include <cohook/webhooks_server.hpp>

#include <asio/io_context.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace cohook::test {

/// Options for tests: loopback, any free port, no banner, no per-delivery log lines.
inline ServerOptions test_options(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.print_banner = false;
    options.log_level = LogLevel::warning;  // one line per delivery would drown the test output
    return options;
}

/// A started server; handlers are added through `server` (before or after `start()`).
class TestServer {
    asio::io_context context_;  // first: the server is constructed on its executor

  public:
    explicit TestServer(ServerOptions options = {})
        : server(context_.get_executor(), test_options(std::move(options))) {}
    ~TestServer() { stop(); }

    /// Listens and runs the event loop on `threads` background threads.
    void start(int threads = 1) {
        server.start();
        for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { context_.run(); });
    }

    /// Stops the server and waits until its event loop has drained.
    void stop() {
        server.stop();
        for (auto& thread : threads_) {
            if (thread.joinable()) thread.join();
        }
    }

    /// The bound port.
    std::uint16_t port() const { return server.port(); }

    WebhooksServer server;

  private:
    std::vector<std::thread> threads_;
};

/// A started server that owns its event loop: `run()` on a background thread, as the apps do. With the
/// default one thread its sessions run without strands, a path the embedded TestServer never takes.
class OwnLoopServer {
  public:
    explicit OwnLoopServer(ServerOptions options = {}) : server(test_options(std::move(options))) {}
    ~OwnLoopServer() { stop(); }

    /// Runs the server and waits until it listens.
    void start() {
        thread_ = std::thread([this] { server.run(); });
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (server.port() == 0 && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }

    /// Stops the server and waits for run() to return.
    void stop() {
        server.stop();
        if (thread_.joinable()) thread_.join();
    }

    /// The bound port.
    std::uint16_t port() const { return server.port(); }

    WebhooksServer server;

  private:
    std::thread thread_;
};

/// Contents of a fixture file from tests/fixtures.
inline std::string fixture(const std::string& name) {
    std::ifstream in(std::string(COHOOK_FIXTURES_DIR) + "/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace cohook::test
