#pragma once

#include <cohook/detail/handler_adapter.hpp>
#include <cohook/handler_context.hpp>
#include <cohook/request.hpp>
#include <cohook/response.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <functional>

namespace cohook {

/// Adapts any supported handler form into a `Handler`.
/// Parameters, in any order: one payload (`WebhookPayload`, `boost::json::value`, or any type with a
/// Boost.JSON conversion), `const Request&`, `BackgroundTasks&`. Result: `asio::awaitable<void | Response |
/// T>` for coroutines, or plain `void | Response | T` for blocking functions, which then run on the thread
/// pool. `T` is anything `boost::json::value_from` accepts and is sent as compact JSON with status 200.
template <class F>
Handler make_handler(F function) {
    return detail::HandlerAdapter<F>{std::move(function)};
}

}  // namespace cohook
