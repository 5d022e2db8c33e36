#pragma once

#include <cohook/background_tasks.hpp>
#include <cohook/request.hpp>
#include <cohook/response.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <functional>

namespace cohook {

/// What the server gives a handler for one request; valid until the handler's coroutine completes.
struct HandlerContext {
    Request& request;                         ///< The parsed request.
    BackgroundTasks& tasks;                   ///< Where to hand work that outlives the response.
    asio::any_io_executor blocking_executor;  ///< Thread pool for blocking handlers.
};

/// The one type every handler form is adapted into at registration; the dispatch path is not a template.
using Handler = std::function<asio::awaitable<Response>(HandlerContext&)>;

}  // namespace cohook
