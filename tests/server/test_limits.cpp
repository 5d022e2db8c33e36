// Limits under real traffic: concurrency caps, handler and body timeouts, slow clients.
#include <cohook/http_limits.hpp>

#include <boost/test/unit_test.hpp>

#include "support/http_client.hpp"
#include "support/test_server.hpp"

#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <vector>

using cohook::Request;
using cohook::Response;
using cohook::test::HttpClient;
using cohook::test::post;
using cohook::test::TestServer;
using namespace std::chrono_literals;

namespace {

asio::awaitable<void> wait_for(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<Response> echo(const Request& request) {
    co_return Response::text(200, request.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(limits)

BOOST_AUTO_TEST_CASE(handlers_beyond_the_concurrency_limit_get_503_with_retry_after) {
    cohook::ServerOptions options;
    options.limits.max_concurrent_handlers = 1;
    std::promise<void> entered;
    TestServer server(options);
    server.server.add_webhook("slow", [&entered](const Request&) -> asio::awaitable<void> {
        entered.set_value();
        co_await wait_for(500ms);
    });
    server.server.add_webhook("echo", echo);
    server.start();
    auto slow = std::async(std::launch::async, [&] { return post(server.port(), "/webhooks/slow", ""); });
    BOOST_REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);
    const auto shed = post(server.port(), "/webhooks/echo", "x");
    BOOST_REQUIRE(shed);
    BOOST_TEST(shed->status == 503);
    BOOST_TEST(shed->headers.get("retry-after").value_or("") == "1");
    BOOST_TEST(slow.get()->status == 200);
    BOOST_TEST(post(server.port(), "/webhooks/echo", "x")->status == 200);
}

BOOST_AUTO_TEST_CASE(handler_past_its_timeout_is_cancelled_and_answered_504) {
    cohook::ServerOptions options;
    options.limits.handler_timeout = 100ms;
    std::atomic<bool> cancelled{false};
    TestServer server(options);
    server.server.add_webhook("stuck", [&cancelled](const Request&) -> asio::awaitable<void> {
        try {
            co_await wait_for(10s);
        } catch (const std::system_error&) {
            cancelled = true;
            throw;
        }
    });
    server.start();
    const auto before = std::chrono::steady_clock::now();
    const auto response = post(server.port(), "/webhooks/stuck", "");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 504);
    BOOST_TEST((std::chrono::steady_clock::now() - before < 5s));
    BOOST_TEST(cancelled.load());
}

BOOST_AUTO_TEST_CASE(body_that_stops_arriving_is_408) {
    cohook::ServerOptions options;
    options.limits.body_timeout = 200ms;
    TestServer server(options);
    server.server.add_webhook("echo", echo);
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 408);
    BOOST_TEST(client.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(connections_beyond_the_limit_wait_until_one_closes) {
    cohook::ServerOptions options;
    options.limits.max_connections = 2;
    TestServer server(options);
    server.server.add_webhook("echo", echo);
    server.start();
    auto first = std::make_unique<HttpClient>(server.port());
    HttpClient second(server.port());
    BOOST_REQUIRE(first->request("POST", "/webhooks/echo", "1"));
    BOOST_REQUIRE(second.request("POST", "/webhooks/echo", "2"));
    HttpClient third(server.port(), 1);  // connects: the kernel queues it in the backlog
    BOOST_REQUIRE(third.send("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n3"));
    BOOST_TEST(!third.read_response());  // not served within a second while two are open
    first.reset();
    const auto response = third.read_response();  // the queued request is answered once a slot frees
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == "3");
}

BOOST_AUTO_TEST_CASE(hundreds_of_slow_clients_do_not_deny_service_and_are_dropped_on_time) {
    cohook::ServerOptions options;
    options.limits.header_timeout = 1000ms;
    TestServer server(options);
    server.server.add_webhook("echo", echo);
    server.start();
    // Slowloris: each connection sends part of a header section, then nothing.
    std::vector<std::unique_ptr<HttpClient>> slow;
    for (int i = 0; i < 300; ++i) {
        slow.push_back(std::make_unique<HttpClient>(server.port(), 10));
        BOOST_REQUIRE(slow.back()->send("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nX-Slow: "));
    }
    // Normal traffic alongside keeps full service.
    HttpClient normal(server.port());
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 100; ++i) {
        const auto response = normal.request("POST", "/webhooks/echo", std::to_string(i));
        BOOST_REQUIRE(response);
        BOOST_REQUIRE(response->body == std::to_string(i));
    }
    BOOST_TEST((std::chrono::steady_clock::now() - start < 1000ms));
    // Each slow connection is answered 408 and closed once its header deadline passes.
    int dropped = 0;
    for (auto& client : slow) {
        const auto response = client->read_response();
        if (response && response->status == 408 && client->closed_by_peer()) ++dropped;
    }
    BOOST_TEST(dropped == 300);
}

BOOST_AUTO_TEST_SUITE_END()
