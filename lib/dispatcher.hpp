#pragma once

#include <cohook/handler_context.hpp>
#include <cohook/http_limits.hpp>
#include <cohook/request.hpp>
#include <cohook/response.hpp>
#include <cohook/verifier.hpp>

#include "observe/recent_ids.hpp"
#include "observe/telemetry.hpp"
#include "routing/router.hpp"
#include "server/task_tracker.hpp"

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <atomic>
#include <memory>
#include <string>

namespace cohook::detail {

/// A route's target: the adapted handler plus what the dispatcher must check before calling it.
struct Endpoint {
    std::string name;                   ///< Registered name, for logs.
    Handler handler;                    ///< The adapted user function.
    Verifier verifier;                  ///< Empty: the server's Hub secret check.
    bool public_route = false;          ///< No verification at all (the landing page).
    std::shared_ptr<RouteStats> stats;  ///< Where deliveries are counted; null: not recorded.
    std::shared_ptr<RecentIds> seen;    ///< Replay memory; null: every delivery is handled.
    std::function<std::string(const Request&)> delivery_key;  ///< Empty: the sender's id header.
};

/// Request → Response through route lookup, secret check, payload conversion and the handler.
/// Touches no socket, so tests, fuzzers and benchmarks drive it in memory.
class Dispatcher {
  public:
    /// A dispatcher over `router`; `secret` empty disables the check.
    Dispatcher(std::shared_ptr<Router<Endpoint>> router, std::string secret,
               std::shared_ptr<TaskTracker> tasks, asio::any_io_executor executor,
               asio::any_io_executor blocking_executor, HttpLimits limits = {},
               std::shared_ptr<Telemetry> telemetry = nullptr);

    /// Answers one request. Never throws: handler exceptions become 500 and are logged.
    asio::awaitable<Response> dispatch(Request& request) const;

    /// Handlers running now.
    std::size_t handlers_in_flight() const noexcept { return in_flight_.load(); }

  private:
    asio::awaitable<Response> run(const Endpoint& endpoint, Request& request) const;
    asio::awaitable<Response> run_once(const Endpoint& endpoint, Request& request) const;
    asio::awaitable<Response> call(const Endpoint& endpoint, HandlerContext& context) const;  // with timeout

    std::shared_ptr<Router<Endpoint>> router_;
    Verifier default_verifier_;  // the Hub secret check; empty when no secret is set
    // Handed to every handler: it only holds the tracker and the executors, and its methods change
    // nothing in it, so one instance serves all requests (mutable: HandlerContext takes it by reference).
    mutable BackgroundTasks background_;
    asio::any_io_executor blocking_executor_;
    HttpLimits limits_;
    std::shared_ptr<Telemetry> telemetry_;
    mutable std::atomic<std::size_t> in_flight_{0};
};

}  // namespace cohook::detail
