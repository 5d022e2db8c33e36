#include "dispatcher.hpp"

#include <cohook/verifiers.hpp>

#include "observe/log.hpp"

#include <asio/experimental/awaitable_operators.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include <exception>

namespace cohook::detail {

namespace {

Response detail_response(int status, std::string_view detail) {
    return Response::json(status, boost::json::object{{"detail", detail}});
}

Response error_response(int status, std::string_view error) {
    return Response::json(status, boost::json::object{{"error", error}});
}

// Answers like FastAPI for an unknown path or method.
Response route_error(const RouteLookup<Endpoint>& lookup) {
    if (lookup.match == RouteMatch::not_found) return detail_response(404, "Not Found");
    Response response = detail_response(405, "Method Not Allowed");
    // HEAD is served wherever GET is (RFC 9110 §9.3.2).
    const bool has_get = (", " + lookup.allow + ", ").find(", GET, ") != std::string::npos;
    response.headers.add("Allow", has_get ? lookup.allow + ", HEAD" : lookup.allow);
    return response;
}

// Runs before any JSON work: the route's own verifier, else the server's (the Hub secret, when one is set).
std::optional<Response> verify(const Endpoint& endpoint, const Request& request, const Verifier& fallback) {
    if (endpoint.public_route) return std::nullopt;
    const Verifier& verifier = endpoint.verifier ? endpoint.verifier : fallback;
    if (!verifier) return std::nullopt;
    // A user verifier that throws must not take the connection down: answer 500, like a handler.
    try {
        return verifier(request);
    } catch (const std::exception& e) {
        log_error("verifier of '{}' ({}) raised: {}", endpoint.name, request.path, e.what());
        return error_response(500, "Internal Server Error");
    }
}

// Only a final status (200-599) may go out: anything else would be a malformed status line, or an interim
// 1xx after which the client waits for the real answer and reads our body as its start. 204 and 304 never
// carry content (RFC 9110 15.3.5, 15.4.5): sent anyway, the body would be taken for the next response.
void check(Response& response, const Endpoint& endpoint, const Request& request) {
    if (response.status < 200 || response.status > 599) {
        log_error("webhook '{}' ({}) answered invalid status {}", endpoint.name, request.path,
                  response.status);
        response = error_response(500, "Internal Server Error");
    }
    if (response.status == 204 || response.status == 304) response.body.clear();
}

// The clock is only read when a duration will be recorded.
std::chrono::steady_clock::time_point start_time(bool timed) noexcept {
    return timed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
}

std::chrono::microseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
}

}  // namespace

Dispatcher::Dispatcher(std::shared_ptr<Router<Endpoint>> router, std::string secret,
                       std::shared_ptr<TaskTracker> tasks, asio::any_io_executor executor,
                       asio::any_io_executor blocking_executor, HttpLimits limits,
                       std::shared_ptr<Telemetry> telemetry)
    : router_(std::move(router)),
      default_verifier_(secret.empty() ? Verifier{} : verify::hub_secret(std::move(secret))),
      background_(std::move(tasks), std::move(executor), blocking_executor),
      blocking_executor_(std::move(blocking_executor)),
      limits_(limits),
      telemetry_(std::move(telemetry)) {}

asio::awaitable<Response> Dispatcher::dispatch(Request& request) const {
    const auto start = start_time(telemetry_ != nullptr);
    // A HEAD request is answered like a GET; the session sends the head without the body.
    const auto lookup = router_->find(request.method == "HEAD" ? "GET" : request.method, request.path);
    if (lookup.match != RouteMatch::found) {
        Response response = route_error(lookup);
        if (telemetry_)
            telemetry_->record(telemetry_->unmatched(), request, response.status, since(start), "none");
        co_return response;
    }
    const Endpoint& endpoint = *lookup.target;
    Response response;
    std::optional<Response> rejection = verify(endpoint, request, default_verifier_);
    const bool rejected = rejection.has_value();
    if (rejected) {
        response = std::move(*rejection);
    } else if (endpoint.seen) {
        response = co_await run_once(endpoint, request);
    } else {
        // Most routes keep no replay memory: one coroutine frame fewer per request.
        response = co_await run(endpoint, request);
    }
    check(response, endpoint, request);
    if (telemetry_ && endpoint.stats) {
        telemetry_->record(*endpoint.stats, request, response.status, since(start),
                           rejected ? "rejected" : "ok");
    }
    co_return response;
}

asio::awaitable<Response> Dispatcher::run_once(const Endpoint& endpoint, Request& request) const {
    std::string id =
        endpoint.delivery_key ? endpoint.delivery_key(request) : std::string(delivery_id(request));
    if (id.empty()) co_return co_await run(endpoint, request);
    if (endpoint.seen->contains(id)) {
        // A replay of a delivery already handled: acknowledge it so the sender stops retrying.
        Response duplicate = Response::json(200, nullptr);
        duplicate.headers.add("X-Cohook-Duplicate", "true");
        co_return duplicate;
    }
    Response response = co_await run(endpoint, request);
    if (response.status / 100 == 2) endpoint.seen->remember(std::move(id));
    co_return response;
}

asio::awaitable<Response> Dispatcher::run(const Endpoint& endpoint, Request& request) const {
    // Past the limit, shed load at once: the sender retries later instead of queueing without bound.
    if (in_flight_.fetch_add(1) >= limits_.max_concurrent_handlers) {
        in_flight_.fetch_sub(1);
        Response busy = detail_response(503, "Service Unavailable");
        busy.headers.add("Retry-After", "1");
        co_return busy;
    }
    // Every request shares the one BackgroundTasks: it holds no per-request state.
    HandlerContext context{request, background_, blocking_executor_};
    std::string failure;
    try {
        Response response;
        if (limits_.handler_timeout.count() > 0) {
            response = co_await call(endpoint, context);
        } else {
            // Without a timeout the handler is awaited directly: one coroutine frame fewer per request.
            response = co_await endpoint.handler(context);
        }
        in_flight_.fetch_sub(1);
        co_return response;
    } catch (const std::exception& e) {
        failure = e.what();
    } catch (...) {
        failure = "non-standard exception";
    }
    in_flight_.fetch_sub(1);
    log_error("webhook '{}' ({}) raised: {}", endpoint.name, request.path, failure);
    co_return error_response(500, "Internal Server Error");
}

asio::awaitable<Response> Dispatcher::call(const Endpoint& endpoint, HandlerContext& context) const {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer timer(co_await asio::this_coro::executor, limits_.handler_timeout);
    // The first to finish wins; the loser is cancelled (a coroutine handler at its next asynchronous
    // wait; a blocking handler cannot be interrupted and is waited for).
    auto result = co_await (endpoint.handler(context) || timer.async_wait(asio::use_awaitable));
    if (result.index() == 0) co_return std::move(std::get<0>(result));
    log_error("webhook '{}' ({}) timed out after {} ms", endpoint.name, context.request.path,
              limits_.handler_timeout.count());
    co_return detail_response(504, "Gateway Timeout");
}

}  // namespace cohook::detail
