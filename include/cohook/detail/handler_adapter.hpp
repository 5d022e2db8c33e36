#pragma once

// Compile-time adaptation of the handler forms into the one `Handler` type. Everything here runs once
// per request but is instantiated once per registered function; the dispatch path itself is not a template.

#include <cohook/background_tasks.hpp>
#include <cohook/handler_context.hpp>
#include <cohook/request.hpp>
#include <cohook/response.hpp>
#include <cohook/validation_errors.hpp>
#include <cohook/webhook_payload.hpp>

#include <asio/awaitable.hpp>
#include <asio/co_spawn.hpp>
#include <asio/use_awaitable.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <functional>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace cohook::detail {

/// Result type and parameter types of a function pointer or a non-generic callable object.
template <class F>
struct CallableTraits : CallableTraits<decltype(&F::operator())> {};
template <class R, class... A>
struct CallableTraits<R (*)(A...)> {
    using Result = R;
    using Args = std::tuple<A...>;
};
template <class R, class... A>
struct CallableTraits<R (*)(A...) noexcept> : CallableTraits<R (*)(A...)> {};
template <class R, class... A>
struct CallableTraits<R(A...)> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...) const> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...)> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...) const noexcept> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...) noexcept> : CallableTraits<R (*)(A...)> {};

/// Whether a type is `asio::awaitable<T>`, and its `T`.
template <class T>
struct AwaitableTraits : std::false_type {};
template <class T, class E>
struct AwaitableTraits<asio::awaitable<T, E>> : std::true_type {
    using Value = T;
};

/// True for parameters the server fills from the request context rather than from the body.
template <class A>
inline constexpr bool kIsContextArg =
    std::is_same_v<std::decay_t<A>, Request> || std::is_same_v<std::decay_t<A>, BackgroundTasks>;

/// The payload type among the parameters (the one that is not a context parameter), or void.
template <class... A>
struct PayloadOf {
    using Type = void;
};
template <class First, class... Rest>
struct PayloadOf<First, Rest...> {
    using Type =
        std::conditional_t<kIsContextArg<First>, typename PayloadOf<Rest...>::Type, std::decay_t<First>>;
};

/// `200 null`: what a handler returning nothing answers, like FastAPI.
Response null_response();
/// `422 {"detail":[...]}` for a body that did not convert.
Response validation_response(const ValidationErrors& errors);

/// Parses `body` into a short-lived document and reads a `P` out of it with its cohook reader (like
/// WebhookPayload's read_payload), which reports every bad field with its path.
template <class P>
bool read_via_document(std::string_view body, std::optional<P>& out, ValidationErrors& errors) {
    // The document only lives until the payload is read out of it: parse it into an arena that starts
    // on the stack, instead of one heap allocation per JSON node.
    unsigned char arena[8192];
    boost::json::monotonic_resource resource(arena, sizeof arena);
    boost::json::value json(&resource);
    if (!parse_json_body(body, json, errors)) return false;
    out.emplace();
    return read_payload(json, *out, errors);
}

/// Converts a request body into the handler's payload type, recording FastAPI-style errors.
template <class P>
bool convert_payload(std::string_view body, std::optional<P>& out, ValidationErrors& errors) {
    if constexpr (std::is_same_v<P, boost::json::value>) {
        boost::json::value json;  // handed to the handler: default memory resource
        if (!parse_json_body(body, json, errors)) return false;
        out.emplace(std::move(json));
        return true;
    } else if constexpr (requires(P & p, std::string_view text) { read_payload_text(text, p); }) {
        // A type with a streaming reader (like WebhookPayload) is read straight from the text, with no
        // document; the document reader runs only for what it declines, to read it or say what is wrong.
        if (read_payload_text(body, out.emplace())) return true;
        return read_via_document(body, out, errors);
    } else if constexpr (requires(P & p, const boost::json::value& v) { read_payload(v, p, errors); }) {
        return read_via_document(body, out, errors);
    } else {
        boost::json::value json;
        if (!parse_json_body(body, json, errors)) return false;
        auto result = boost::json::try_value_to<P>(json);
        if (!result) {
            errors.add("value_error", {std::string("body")}, "Value error, " + result.error().message());
            return false;
        }
        out.emplace(std::move(*result));
        return true;
    }
}

/// Turns a handler's return value into a response: a `Response` as is, anything else as JSON.
template <class T>
Response to_response(T&& value) {
    if constexpr (std::is_same_v<std::decay_t<T>, Response>) {
        return std::forward<T>(value);
    } else {
        return Response::json(200, boost::json::value_from(std::forward<T>(value)));
    }
}

/// Supplies the argument for parameter type `A` from the context or the converted payload.
template <class A, class Storage>
A pick_argument(HandlerContext& context, Storage& payload) {
    using D = std::decay_t<A>;
    static_assert(!std::is_rvalue_reference_v<A> || !kIsContextArg<A>,
                  "take Request and BackgroundTasks by (const) reference or by value");
    if constexpr (std::is_same_v<D, Request>) {
        return context.request;
    } else if constexpr (std::is_same_v<D, BackgroundTasks>) {
        return context.tasks;
    } else if constexpr (std::is_lvalue_reference_v<A>) {
        return *payload;
    } else {
        return std::move(*payload);
    }
}

/// Calls `function` with its arguments and converts what it returns; the blocking form runs here too.
template <class R, class F, class... A, class Storage>
Response call_blocking(F& function, HandlerContext& context, Storage& payload) {
    if constexpr (std::is_void_v<R>) {
        std::invoke(function, pick_argument<A>(context, payload)...);
        return null_response();
    } else {
        return to_response(std::invoke(function, pick_argument<A>(context, payload)...));
    }
}

/// The callable stored in a route: converts the payload, calls the user's function, builds the response.
template <class F>
struct HandlerAdapter {
    F function;

    asio::awaitable<Response> operator()(HandlerContext& context) {
        return invoke(context, std::type_identity<typename CallableTraits<std::decay_t<F>>::Args>{});
    }

  private:
    template <class... A>
    asio::awaitable<Response> invoke(HandlerContext& context, std::type_identity<std::tuple<A...>>) {
        using R = typename CallableTraits<std::decay_t<F>>::Result;
        using P = typename PayloadOf<A...>::Type;
        static_assert(((kIsContextArg<A> ? 0 : 1) + ... + 0) <= 1,
                      "a handler takes at most one payload parameter");
        using Storage =
            std::conditional_t<std::is_void_v<P>, std::optional<std::monostate>, std::optional<P>>;

        Storage payload;
        if constexpr (!std::is_void_v<P>) {
            ValidationErrors errors;
            if (!convert_payload<P>(context.request.body, payload, errors))
                co_return validation_response(errors);
        }
        if constexpr (AwaitableTraits<R>::value) {
            using T = typename AwaitableTraits<R>::Value;
            if constexpr (std::is_void_v<T>) {
                co_await std::invoke(function, pick_argument<A>(context, payload)...);
                co_return null_response();
            } else {
                co_return to_response(co_await std::invoke(function, pick_argument<A>(context, payload)...));
            }
        } else {
            // Blocking functions never run on the event loop: hop to the thread pool and back.
            co_return co_await asio::co_spawn(
                context.blocking_executor,
                [&]() -> asio::awaitable<Response> {
                    co_return call_blocking<R, F, A...>(function, context, payload);
                },
                asio::use_awaitable);
        }
    }
};

}  // namespace cohook::detail
