#include "dispatcher.hpp"

#include "server/log.hpp"
#include "verify/secret.hpp"

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
    if (!lookup.target->verify_secret) return std::nullopt;
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
                       asio::any_io_executor blocking_executor)
    : router_(std::move(router)),
      secret_(std::move(secret)),
      tasks_(std::move(tasks)),
      executor_(std::move(executor)),
      blocking_executor_(std::move(blocking_executor)) {}

asio::awaitable<Response> Dispatcher::dispatch(Request& request) const {
    const auto lookup = router_->find(request.method, request.path);
    if (auto early = precheck(lookup, request, secret_)) co_return std::move(*early);

    BackgroundTasks tasks(tasks_, executor_, blocking_executor_);
    HandlerContext context{request, tasks, blocking_executor_};
    std::string failure;
    try {
        co_return co_await lookup.target->handler(context);
    } catch (const std::exception& e) {
        failure = e.what();
    } catch (...) {
        failure = "non-standard exception";
    }
    log_error("webhook '{}' ({}) raised: {}", lookup.target->name, request.path, failure);
    co_return error_response(500, "Internal Server Error");
}

}  // namespace cohook::detail
