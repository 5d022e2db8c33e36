#pragma once

#include <cohook/detail/function_name.hpp>
#include <cohook/handler.hpp>
#include <cohook/server_options.hpp>
#include <cohook/verifier.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cohook {

/// A registered endpoint, as returned by `add_webhook` and listed by `webhooks()`.
struct WebhookInfo {
    std::string name;  ///< The function name or explicit path it was registered with.
    std::string path;  ///< The route, e.g. "/webhooks/trigger_training".
};

/// A server that receives webhooks: routes POSTs under `/webhooks/` to coroutine handlers, checks the
/// secret, converts JSON bodies into typed payloads, and serves a landing page at `/`.
/// Either owns its event loop (`run()` blocks until SIGINT/SIGTERM or `stop()`) or is embedded on a
/// caller's executor (`co_await serve()` or `start()`). Register endpoints from any thread, any time:
/// routes added after start are live at once. Destroying it stops it.
class WebhooksServer {
  public:
    /// A server with its own event loop, configured by `options` and the environment.
    explicit WebhooksServer(ServerOptions options = {});
    /// A server embedded on `executor` (e.g. an existing `io_context`'s); it never blocks that loop.
    explicit WebhooksServer(asio::any_io_executor executor, ServerOptions options = {});
    ~WebhooksServer();
    WebhooksServer(const WebhooksServer&) = delete;
    WebhooksServer& operator=(const WebhooksServer&) = delete;

    /// Registers `handler` at `/webhooks/<path>` (leading/trailing '/' stripped; "a/b" allowed).
    /// Throws `std::invalid_argument` ("Webhook /webhooks/x already exists.") on a duplicate or bad path.
    /// `options.verifier` replaces the Hub secret check for this endpoint (GitHub, Stripe, ... signatures).
    template <class F>
    WebhookInfo add_webhook(std::string_view path, F handler, WebhookOptions options = {}) {
        return add_handler(path, make_handler(std::move(handler)), std::move(options));
    }

    /// Registers the function `Fn` under its own name, like Python's `@app.add_webhook` without a path:
    /// `server.add_webhook<trigger_training>()` → `/webhooks/trigger_training`.
    template <auto Fn>
    WebhookInfo add_webhook(WebhookOptions options = {}) {
        constexpr std::string_view name = detail::function_name<Fn>();
        static_assert(!name.empty(), "could not read the function's name; pass an explicit path");
        return add_handler(name, make_handler(Fn), std::move(options));
    }

    /// Registers an already adapted handler (what the templates above forward to).
    WebhookInfo add_handler(std::string_view path, Handler handler, WebhookOptions options = {});

    /// Every registered endpoint, in registration order.
    std::vector<WebhookInfo> webhooks() const;

    /// Blocks: listens, prints the banner, serves until SIGINT/SIGTERM or `stop()`, then drains and returns.
    /// Only for a server that owns its event loop.
    void run();
    /// Same as `run()`; the name Python's WebhooksServer uses.
    void launch() { run(); }

    /// Listens and serves on the server's executor until `stop()`, then drains; for embedding.
    /// Throws (e.g. port in use) before serving anything.
    asio::awaitable<void> serve();

    /// Listens now (throws if it cannot) and serves in the background on the server's executor.
    void start();

    /// Stops accepting, lets in-flight requests and background tasks finish within the grace period,
    /// then closes everything. Safe from any thread, any number of times, before or after start.
    void stop();

    /// The port actually bound (useful with port 0); 0 before listening.
    std::uint16_t port() const;

    /// "http://<host>:<port>" once listening.
    std::string local_url() const;

    /// The options as resolved from the constructor and the environment. Changes made before the
    /// server starts take effect; later ones are ignored.
    ServerOptions& options();

    /// The executor the server runs on.
    asio::any_io_executor executor() const;

  private:
    class Impl;
    std::shared_ptr<Impl> impl_;  // shared with the serving coroutine, which may outlive a stop()
};

}  // namespace cohook
