// A test program for shutdown under load: each request to /webhooks/work waits a little (a real
// asynchronous wait), then prints "done <X-Id>" and answers 200. Tests send SIGTERM mid-load and
// check that every request that got a 2xx printed its line: nothing acknowledged was lost.
#include <cohook/cohook.hpp>

#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <cstdio>
#include <exception>
#include <string>

asio::awaitable<cohook::Response> work(const cohook::Request& request) {
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
    const std::string id(request.headers.get("x-id").value_or("?"));
    std::printf("done %s\n", id.c_str());
    std::fflush(stdout);
    co_return cohook::Response::text(200, id);
}

int main(int argc, char** argv) {
    cohook::ServerOptions options;
    if (auto exit_code = cohook::apply_command_line(argc, argv, options, "Slow hooks for shutdown tests.")) {
        return *exit_code;
    }
    cohook::WebhooksServer server(options);
    server.add_webhook("work", work);
    try {
        server.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
