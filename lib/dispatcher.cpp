#include "dispatcher.hpp"

#include "server/log.hpp"
#include "verify/secret.hpp"

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

// Answers like FastAPI for an unknown path or method, and like huggingface_hub for the secret.
std::optional<Response> precheck(const RouteLookup<Endpoint>& lookup, const Request& request,
                                 std::string_view secret) {
    if (lookup.match == RouteMatch::not_found) return detail_response(404, "Not Found");
    if (lookup.match == RouteMatch::method_not_allowed) {
        Response response = detail_response(405, "Method Not Allowed");
        response.headers.add("Allow", lookup.allow);
        return response;
    }
    if (lookup.target->public_route) return std::nullopt;
    if (lookup.target->verifier) return lookup.target->verifier(request);
    switch (check_secret(request, secret)) {
        case SecretCheck::ok: return std::nullopt;
        case SecretCheck::missing: return error_response(401, "x-webhook-secret header not set.");
        case SecretCheck::invalid: return error_response(403, "Invalid webhook secret.");
    }
    return std::nullopt;
}

}  // namespace

Dispatcher::Dispatcher(std::shared_ptr<Router<Endpoint>> router, std::string secret,
                       std::shared_ptr<TaskTracker> tasks, asio::any_io_executor executor,
                       asio::any_io_executor blocking_executor, HttpLimits limits)
    : router_(std::move(router)),
      secret_(std::move(secret)),
      tasks_(std::move(tasks)),
      executor_(std::move(executor)),
      blocking_executor_(std::move(blocking_executor)),
      limits_(limits) {}

asio::awaitable<Response> Dispatcher::dispatch(Request& request) const {
    const auto lookup = router_->find(request.method, request.path);
    if (auto early = precheck(lookup, request, secret_)) co_return std::move(*early);

    // Past the limit, shed load at once: the sender retries later instead of queueing without bound.
    if (in_flight_.fetch_add(1) >= limits_.max_concurrent_handlers) {
        in_flight_.fetch_sub(1);
        Response busy = detail_response(503, "Service Unavailable");
        busy.headers.add("Retry-After", "1");
        co_return busy;
    }
    BackgroundTasks tasks(tasks_, executor_, blocking_executor_);
    HandlerContext context{request, tasks, blocking_executor_};
    std::string failure;
    try {
        Response response = co_await call(*lookup.target, context);
        in_flight_.fetch_sub(1);
        co_return response;
    } catch (const std::exception& e) {
        failure = e.what();
    } catch (...) {
        failure = "non-standard exception";
    }
    in_flight_.fetch_sub(1);
    log_error("webhook '{}' ({}) raised: {}", lookup.target->name, request.path, failure);
    co_return error_response(500, "Internal Server Error");
}

asio::awaitable<Response> Dispatcher::call(const Endpoint& endpoint, HandlerContext& context) const {
    if (limits_.handler_timeout.count() <= 0) co_return co_await endpoint.handler(context);
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
