// Fuzzes the whole request path in memory, as a session runs it: bytes → RequestParser → Dispatcher
// (routes, secret, payload conversion, handlers of every form) → response head. Every answer must carry
// an expected status and a well-formed head whose Content-Length matches the body.
#include "dispatcher.hpp"
#include "http/request_parser.hpp"
#include "http/response_writer.hpp"
#include "landing/landing_page.hpp"
#include "observe/telemetry.hpp"
#include "routing/router.hpp"
#include "server/task_tracker.hpp"

#include <cohook/background_tasks.hpp>
#include <cohook/handler.hpp>
#include <cohook/webhook_payload.hpp>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/thread_pool.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using cohook::iequals;
using cohook::Request;
using cohook::Response;
using cohook::detail::Dispatcher;
using cohook::detail::Endpoint;
using cohook::detail::Router;

constexpr std::string_view kSecret = "s3cret";
// Off until lib/observe/telemetry.cpp stops copying non-UTF-8 delivery ids into /deliveries as they are
// (reproducer: tests/fuzz/findings/fuzz_dispatch-deliveries-invalid-utf8); turn on once fixed.
constexpr bool kCheckDeliveriesJson = true;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// The status the raw handler chose for the request being dispatched, if it ran.
std::atomic<bool> raw_ran{false};
std::atomic<int> raw_status{0};

int parse_int(std::string_view text) {
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// Typed coroutine handler: echoes parts of the payload, some of them into a header, so that the response
// writer sees hostile header values; a comment saying "raise" exercises the exception → 500 path.
asio::awaitable<Response> on_payload(cohook::WebhookPayload payload, cohook::BackgroundTasks& tasks) {
    if (payload.comment && payload.comment->content == "raise") throw std::runtime_error("handler raised");
    if (payload.event.in_scope("repo.content")) {
        tasks.spawn([](std::string name) -> asio::awaitable<void> {
            if (name == "raise") throw std::runtime_error("background task raised");
            co_return;
        }(payload.repo.name));
    }
    Response response = Response::json(200, boost::json::value_from(payload));
    response.headers.add("X-Repo", payload.repo.name);
    response.headers.add(payload.event.action, payload.event.scope);
    co_return response;
}

// Raw blocking handler (runs on the thread pool): the request's own fields come back as headers, and
// `?status=` picks any status at all, as a careless handler might.
Response on_raw(const Request& request) {
    Response response = Response::text(200, request.body);
    if (auto status = request.query_param("status")) response.status = parse_int(*status);
    raw_status.store(response.status);
    raw_ran.store(true);
    for (const auto& [name, value] : request.headers) response.headers.add("X-Echo-" + name, value);
    if (auto status = request.query_param("content-length")) response.headers.add("Content-Length", *status);
    if (auto name = request.query_param("header")) response.headers.add(*name, request.query);
    return response;
}

// Any JSON: answered as is, 200.
asio::awaitable<boost::json::value> on_json(boost::json::value body) {
    co_return body;
}

// A custom verifier, as for signed deliveries: the request passes when `X-Signature` is the body size.
std::optional<Response> verify_signature(const Request& request) {
    const auto signature = request.headers.get("x-signature");
    if (!signature) return Response::json(401, boost::json::object{{"error", "missing signature"}});
    if (*signature != std::to_string(request.body.size())) return Response::text(403, "bad signature");
    return std::nullopt;
}

// Routes of every handler form; webhook routes check the secret "s3cret", /webhooks/signed its verifier.
std::shared_ptr<Router<Endpoint>> make_router(cohook::detail::Telemetry& telemetry) {
    auto router = std::make_shared<Router<Endpoint>>();
    const auto add = [&](const char* method, const std::string& path, Endpoint endpoint) {
        endpoint.stats = telemetry.route(path);
        router->add(method, path, std::move(endpoint));
    };
    add("POST", "/webhooks/payload", {.name = "payload", .handler = cohook::make_handler(on_payload)});
    add("POST", "/webhooks/raw", {.name = "raw", .handler = cohook::make_handler(on_raw)});
    add("PUT", "/webhooks/raw", {.name = "raw_put", .handler = cohook::make_handler(on_raw)});
    add("POST", "/webhooks/json", {.name = "json", .handler = cohook::make_handler(on_json)});
    add("POST", "/webhooks/signed",
        {.name = "signed", .handler = cohook::make_handler(on_json), .verifier = verify_signature});
    cohook::Handler landing = [](cohook::HandlerContext&) -> asio::awaitable<Response> {
        co_return Response::html(200,
                                 cohook::detail::render_landing_page(
                                     {"http://127.0.0.1:7860", {"/webhooks/payload", "/webhooks/raw"}, {}}));
    };
    router->add("GET", "/", {.name = "landing page", .handler = std::move(landing), .public_route = true});
    return router;
}

/// The process-wide fixture: one event loop and pool reused by every input, as a server reuses them.
struct World {
    asio::io_context context;
    asio::thread_pool pool{1};
    // Few recent deliveries per route, so that rendering them after every input stays cheap.
    std::shared_ptr<cohook::detail::Telemetry> telemetry = std::make_shared<cohook::detail::Telemetry>(4);
    std::shared_ptr<Router<Endpoint>> router = make_router(*telemetry);
    std::shared_ptr<cohook::detail::TaskTracker> tasks = std::make_shared<cohook::detail::TaskTracker>();
    // With and without a handler timeout: the timeout path races the handler against a timer.
    Dispatcher plain{router,   std::string(kSecret), tasks, context.get_executor(), pool.get_executor(), {},
                     telemetry};
    Dispatcher timed{router,
                     std::string(kSecret),
                     tasks,
                     context.get_executor(),
                     pool.get_executor(),
                     cohook::HttpLimits{.handler_timeout = std::chrono::seconds(60)},
                     telemetry};
};

World& world() {
    static World* w = new World;  // never destroyed: libFuzzer may exit from any thread
    return *w;
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) return false;
    }
    return true;
}

// No content may follow these statuses, whatever a handler put in the body (RFC 9110 15.3.5, 15.4.5).
bool forbids_content(int status) {
    return status == 204 || status == 304;
}

// Status line, then "name: value" lines with token names and no stray CR/LF, then one empty line; one
// Connection matching keep_alive, and one Content-Length equal to the body size, but none where no content
// is allowed (the body is then empty, too).
void check_head(std::string_view head, const Response& response, bool keep_alive) {
    check(head.size() >= 4 && head.substr(head.size() - 4) == "\r\n\r\n");
    check(head.find("\r\n\r\n") == head.size() - 4);
    check(response.status >= 200 && response.status <= 599);
    check(head.starts_with("HTTP/1.1 " + std::to_string(response.status) + " "));
    std::size_t lengths = 0, connections = 0;
    std::size_t pos = head.find("\r\n") + 2;
    while (pos < head.size() - 2) {
        const std::size_t end = head.find("\r\n", pos);
        const std::string_view line = head.substr(pos, end - pos);
        check(line.find_first_of("\r\n") == std::string_view::npos);
        const std::size_t colon = line.find(": ");
        check(colon != std::string_view::npos && is_token(line.substr(0, colon)));
        const std::string_view name = line.substr(0, colon), value = line.substr(colon + 2);
        if (iequals(name, "content-length")) {
            ++lengths;
            check(value == std::to_string(response.body.size()));
        } else if (iequals(name, "connection")) {
            ++connections;
            check(value == (keep_alive ? "keep-alive" : "close"));
        }
        check(!iequals(name, "transfer-encoding"));
        pos = end + 2;
    }
    check(connections == 1);
    if (forbids_content(response.status)) {
        check(lengths == 0 && response.body.empty());
    } else {
        check(lengths == 1);
    }
    // What says it is JSON is JSON (error bodies, 422 details, echoed payloads).
    if (response.headers.get("content-type") == "application/json") {
        boost::json::error_code ec;
        boost::json::parse(response.body, ec);
        check(!ec);
    }
}

bool is_expected_status(int status) {
    switch (status) {
        case 200:  // handled
        case 401:  // secret or signature missing
        case 403:  // secret or signature wrong
        case 404:  // no such path
        case 405:  // wrong method
        case 422:  // body did not convert
        case 500:  // handler raised
            return true;
        default:
            return false;
    }
}

// Parses and answers every request in `input`, stopping at the first parse error (answered and closed).
asio::awaitable<void> serve(std::string_view input) {
    World& w = world();
    cohook::http::RequestParser parser;
    std::string head;
    for (std::size_t index = 0; !input.empty(); ++index) {
        const std::size_t used = parser.feed(input);
        check(used <= input.size());
        input.remove_prefix(used);
        head.clear();
        if (parser.state() == cohook::http::ParseState::error) {
            const Response response = cohook::http::error_response(parser.error_status());
            cohook::http::write_response_head(head, response, false);
            check_head(head, response, false);
            co_return;
        }
        if (parser.state() != cohook::http::ParseState::complete) co_return;  // truncated request
        Request& request = parser.request();
        const Dispatcher& dispatcher = index % 2 == 0 ? w.plain : w.timed;
        raw_ran.store(false);
        const Response response = co_await dispatcher.dispatch(request);
        if (raw_ran.load()) {
            const int chosen = raw_status.load();
            // Whatever a handler answers, only a final status (200-599) goes out; anything else is its bug.
            check(response.status == (chosen >= 200 && chosen <= 599 ? chosen : 500));
        } else {
            check(is_expected_status(response.status));
        }
        const bool keep_alive = request.keep_alive();
        cohook::http::write_response_head(head, response, keep_alive);
        check_head(head, response, keep_alive);
        if (!keep_alive) co_return;
        parser.reset();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    World& w = world();
    std::exception_ptr failure;
    bool done = false;
    asio::co_spawn(w.context, serve(std::string_view(reinterpret_cast<const char*>(data), size)),
                   [&](std::exception_ptr e) {
                       failure = e;
                       done = true;
                   });
    w.context.restart();
    w.context.run();
    // Nothing may escape the dispatcher, and the request must be answered before the loop runs dry.
    check(done && !failure);
    check(w.plain.handlers_in_flight() == 0 && w.timed.handlers_in_flight() == 0 && w.tasks->pending() == 0);
    // What /deliveries serves, built from request headers, must stay JSON.
    const std::string deliveries = w.telemetry->render_deliveries();
    if (kCheckDeliveriesJson) {
        boost::json::error_code ec;
        boost::json::parse(deliveries, ec);
        check(!ec);
    }
    return 0;
}
