#pragma once

#include <cohook/http_limits.hpp>
#include <cohook/log_level.hpp>
#include <cohook/share_options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace cohook {

/// How a `WebhooksServer` listens, authenticates and presents itself. Every field has a default, so
/// `WebhooksServer server({.webhook_secret = "my_secret_key"});` is a complete configuration.
/// (Kept at namespace scope so it can be a default argument under g++ 12.)
struct ServerOptions {
    /// Address to bind. Unset: `GRADIO_SERVER_NAME` if set (what Spaces use), else "127.0.0.1".
    std::optional<std::string> host;
    /// Port to bind; 0 picks a free one (read it back with `port()`). Unset: `GRADIO_SERVER_PORT`, else 7860.
    std::optional<std::uint16_t> port;
    /// Shared secret the sender must present (`X-Webhook-Secret` or `?secret=`). Empty: `WEBHOOK_SECRET`;
    /// when both are empty, no check is made and the banner warns.
    std::string webhook_secret;
    /// Replaces the built-in landing page at `GET /` (Python's `ui=`): called for each visit, returns HTML.
    std::function<std::string()> landing_page;
    /// Bounds on request size and timing.
    HttpLimits limits;
    /// Threads running the event loop when the server owns it (`run()`); handlers of one connection
    /// always run in order, different connections may run concurrently on different threads.
    std::size_t threads = 1;
    /// Threads of the pool that runs blocking (non-coroutine) handlers and background functions.
    std::size_t blocking_threads = 4;
    /// On stop, how long in-flight requests and background tasks may take before connections are cut.
    std::chrono::milliseconds shutdown_grace{10'000};
    /// Print the start-up banner to stdout once listening.
    bool print_banner = true;
    /// What goes to stderr: one `info` line per delivery (route, status, duration, size, delivery id),
    /// warnings and errors. Logging is process-wide: the last server started sets it.
    LogLevel log_level = LogLevel::info;
    /// The optional share link (a public URL through an SSH reverse tunnel); off unless `share.target` is
    /// set.
    ShareOptions share;
    /// Recent deliveries remembered per route (never their bodies) for `GET /deliveries`; 0 keeps none.
    std::size_t recent_deliveries = 50;
};

}  // namespace cohook
