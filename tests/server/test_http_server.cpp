// Integration tests of the HTTP/1.1 core: a real server on 127.0.0.1 port 0, real sockets.
#include "server/http_server.hpp"

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
#include <thread>
#include <tuple>
#include <vector>

using cohook::Request;
using cohook::Response;
using cohook::test::HttpClient;
using cohook::test::TestServer;
using namespace std::chrono_literals;

namespace {

asio::awaitable<Response> echo(const Request& request) {
    Response response = Response::text(200, request.body);
    response.headers.add("X-Target", request.target);
    co_return response;
}

// A server with /webhooks/echo answering the request body back.
struct EchoServer : TestServer {
    explicit EchoServer(cohook::ServerOptions options = {}) : TestServer(std::move(options)) {
        server.add_webhook("echo", echo);
    }
};

// The same, on a loop the server owns and runs with one thread (no strand per session).
struct OwnLoopEchoServer : cohook::test::OwnLoopServer {
    explicit OwnLoopEchoServer(cohook::ServerOptions options = {}) : OwnLoopServer(std::move(options)) {
        server.add_webhook("echo", echo);
    }
};

using BothLoops = std::tuple<EchoServer, OwnLoopEchoServer>;

std::string post_bytes(std::string_view body, std::string_view extra = {}) {
    return "POST /webhooks/echo HTTP/1.1\r\nHost: x\r\n" + std::string(extra) +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_server)

BOOST_AUTO_TEST_CASE(keep_alive_serves_many_requests_on_one_connection) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    for (int i = 0; i < 100; ++i) {
        const auto response = client.request("POST", "/webhooks/echo", "body " + std::to_string(i));
        BOOST_REQUIRE(response);
        BOOST_TEST(response->status == 200);
        BOOST_TEST(response->body == "body " + std::to_string(i));
        BOOST_TEST(response->headers.get("connection").value_or("") == "keep-alive");
    }
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send(post_bytes("one") + post_bytes("two") + post_bytes("three")));
    for (const char* expected : {"one", "two", "three"}) {
        const auto response = client.read_response();
        BOOST_REQUIRE(response);
        BOOST_TEST(response->body == expected);
    }
}

BOOST_AUTO_TEST_CASE(chunked_body_reaches_the_handler_decoded) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(
        client.send("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n"));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->body == "hello, world");
}

BOOST_AUTO_TEST_CASE(expect_100_continue_is_answered_before_the_body_is_sent) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send(
        "POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
    const auto interim = client.read_response();
    BOOST_REQUIRE(interim);
    BOOST_TEST(interim->status == 100);
    BOOST_REQUIRE(client.send("data"));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->body == "data");
}

BOOST_AUTO_TEST_CASE(request_split_into_single_bytes_is_served) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    for (char c : post_bytes("tiny")) BOOST_REQUIRE(client.send(std::string_view(&c, 1)));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == "tiny");
}

BOOST_AUTO_TEST_CASE(malformed_request_is_400_and_the_connection_closes) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\nab"));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 400);
    BOOST_TEST(response->headers.get("connection").value_or("") == "close");
    BOOST_TEST(client.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(bytes_after_a_rejected_request_are_never_served) {
    std::atomic<int> calls{0};
    TestServer server;
    server.server.add_webhook("count", [&calls](const Request&) -> asio::awaitable<void> {
        ++calls;
        co_return;
    });
    server.start();
    HttpClient client(server.port());
    // CL.TE smuggling attempt: the second request hides in what a lenient parser would take as body.
    BOOST_REQUIRE(client.send(
        "POST /webhooks/count HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        "0\r\n\r\nPOST /webhooks/count HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 400);
    BOOST_TEST(client.closed_by_peer());
    BOOST_TEST(calls.load() == 0);
}

BOOST_AUTO_TEST_CASE(oversize_body_is_413) {
    cohook::ServerOptions options;
    options.limits.max_body_bytes = 1024;
    EchoServer server(options);
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send(post_bytes(std::string(4096, 'x'))));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 413);
}

BOOST_AUTO_TEST_CASE(oversize_header_section_is_431) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send(post_bytes("x", "X-Big: " + std::string(20000, 'a') + "\r\n")));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 431);
}

BOOST_AUTO_TEST_CASE(partial_request_times_out_with_408) {
    cohook::ServerOptions options;
    options.limits.header_timeout = 200ms;
    EchoServer server(options);
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nContent-Le"));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 408);
    BOOST_TEST(client.closed_by_peer());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(keep_alive_and_pipelining_work_on_either_loop, Server, BothLoops) {
    Server server;
    server.start();
    HttpClient client(server.port());
    for (int i = 0; i < 50; ++i) {
        const auto response = client.request("POST", "/webhooks/echo", "body " + std::to_string(i));
        BOOST_REQUIRE(response);
        BOOST_TEST(response->body == "body " + std::to_string(i));
    }
    BOOST_REQUIRE(client.send(post_bytes("one") + post_bytes("two") + post_bytes("three")));
    for (const char* body : {"one", "two", "three"}) {
        const auto response = client.read_response();
        BOOST_REQUIRE(response);
        BOOST_TEST(response->body == body);
    }
}

// An idle connection releases its read buffer once the shortest timeout (here the header timeout)
// passes without a byte, well before its idle timeout; it must serve the next request as if nothing
// happened, whether it had served requests before or had just been accepted.
BOOST_AUTO_TEST_CASE_TEMPLATE(idle_connection_gives_back_its_buffer_and_still_serves, Server, BothLoops) {
    cohook::ServerOptions options;
    options.limits.header_timeout = 100ms;
    options.limits.idle_timeout = 5s;
    Server server(options);
    server.start();
    HttpClient used(server.port());
    HttpClient fresh(server.port());
    BOOST_REQUIRE(used.request("POST", "/webhooks/echo", "before"));
    std::this_thread::sleep_for(350ms);  // three watchdog periods: both connections are hibernating
    for (HttpClient* client : {&used, &fresh}) {
        const auto response = client->request("POST", "/webhooks/echo", "after");
        BOOST_REQUIRE(response);
        BOOST_TEST(response->status == 200);
        BOOST_TEST(response->body == "after");
    }
    // And a request whose bytes straddle the pause still gets the header timeout, not a hang.
    BOOST_REQUIRE(used.send("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\n"));
    const auto late = used.read_response();
    BOOST_REQUIRE(late);
    BOOST_TEST(late->status == 408);
}

// The gauge /metrics shows for read buffers held by connections, asked over `client`.
long buffers_held(HttpClient& client) {
    const auto metrics = client.request("GET", "/metrics");
    BOOST_REQUIRE(metrics);
    const std::string name = "\ncohook_read_buffers_held ";
    const auto at = metrics->body.find(name);
    BOOST_REQUIRE(at != std::string::npos);
    return std::stol(metrics->body.substr(at + name.size()));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(idle_connections_hold_no_read_buffer, Server, BothLoops) {
    cohook::ServerOptions options;
    options.limits.header_timeout = 100ms;  // the shortest timeout: connections idle longer give buffers back
    options.limits.idle_timeout = 5s;
    Server server(options);
    server.start();
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<HttpClient>(server.port()));
        BOOST_REQUIRE(clients.back()->request("POST", "/webhooks/echo", "hi"));
    }
    HttpClient watcher(server.port());
    BOOST_TEST(buffers_held(watcher) == 4);  // three recently active connections and the one asking
    std::this_thread::sleep_for(350ms);
    BOOST_TEST(buffers_held(watcher) == 1);  // only the one asking, which just spoke again
    for (auto& client : clients)
        BOOST_TEST(client->request("POST", "/webhooks/echo", "again")->body == "again");
}

BOOST_AUTO_TEST_CASE(idle_keep_alive_connection_is_closed_silently) {
    cohook::ServerOptions options;
    options.limits.idle_timeout = 200ms;
    EchoServer server(options);
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.request("POST", "/webhooks/echo", "a"));
    BOOST_TEST(client.closed_by_peer());
    BOOST_TEST(client.pending().empty());
}

BOOST_AUTO_TEST_CASE(connection_close_is_honoured) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    const auto response = client.request("POST", "/webhooks/echo", "a", "Connection: close\r\n");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->headers.get("connection").value_or("") == "close");
    BOOST_TEST(client.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(http_1_0_without_keep_alive_closes) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send("POST /webhooks/echo HTTP/1.0\r\nContent-Length: 2\r\n\r\nok"));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == "ok");
    BOOST_TEST(client.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(two_hundred_concurrent_connections_are_all_answered) {
    EchoServer server;
    server.start(2);
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < 200; ++i) clients.push_back(std::make_unique<HttpClient>(server.port()));
    for (int i = 0; i < 200; ++i) BOOST_REQUIRE(clients[i]->send(post_bytes(std::to_string(i))));
    int answered = 0;
    for (int i = 0; i < 200; ++i) {
        const auto response = clients[i]->read_response();
        if (response && response->status == 200 && response->body == std::to_string(i)) ++answered;
    }
    BOOST_TEST(answered == 200);
}

BOOST_AUTO_TEST_CASE(graceful_stop_lets_the_in_flight_request_complete) {
    std::promise<void> entered;
    std::atomic<bool> finished{false};
    TestServer server;
    server.server.add_webhook("slow", [&](const Request&) -> asio::awaitable<Response> {
        entered.set_value();
        asio::steady_timer timer(co_await asio::this_coro::executor, 300ms);
        co_await timer.async_wait(asio::use_awaitable);
        finished = true;
        co_return Response::text(200, "done");
    });
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send("POST /webhooks/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
    BOOST_REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);
    server.server.stop();
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->body == "done");
    BOOST_TEST(response->headers.get("connection").value_or("") == "close");
    BOOST_TEST(finished.load());
    server.stop();
    BOOST_TEST(client.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(grace_period_cuts_a_handler_that_never_finishes) {
    std::promise<void> entered;
    cohook::ServerOptions options;
    options.shutdown_grace = 200ms;
    TestServer server(options);
    server.server.add_webhook("stuck", [&](const Request&) -> asio::awaitable<void> {
        entered.set_value();
        asio::steady_timer timer(co_await asio::this_coro::executor, 1h);
        co_await timer.async_wait(asio::use_awaitable);
    });
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send("POST /webhooks/stuck HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
    BOOST_REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);
    const auto before = std::chrono::steady_clock::now();
    server.stop();
    BOOST_TEST((std::chrono::steady_clock::now() - before < 5s));
    BOOST_TEST(!client.read_response());
}

BOOST_AUTO_TEST_CASE(idle_connections_do_not_delay_stop) {
    EchoServer server;
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.request("POST", "/webhooks/echo", "a"));
    const auto before = std::chrono::steady_clock::now();
    server.stop();
    BOOST_TEST((std::chrono::steady_clock::now() - before < 2s));
    BOOST_TEST(client.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(stopping_twice_and_before_start_is_harmless) {
    EchoServer server;
    server.server.stop();
    server.server.stop();
    EchoServer running;
    running.start();
    running.server.stop();
    running.server.stop();
    running.stop();
    BOOST_TEST(running.port() != 0);
}

BOOST_AUTO_TEST_CASE(port_in_use_is_a_clear_error_naming_the_port) {
    EchoServer first;
    first.start();
    cohook::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = first.port();
    options.print_banner = false;
    asio::io_context context;
    cohook::WebhooksServer second(context.get_executor(), options);
    try {
        second.start();
        BOOST_FAIL("start() should have thrown");
    } catch (const std::system_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find(std::to_string(first.port())) != std::string::npos);
        BOOST_TEST(what.find("taken") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(http_server_framing)

BOOST_AUTO_TEST_CASE(a_204_never_carries_the_body_its_handler_set) {
    TestServer server;
    server.server.add_webhook("empty", [](const Request&) -> asio::awaitable<Response> {
        co_return Response::text(204, "this must not be sent");
    });
    server.server.add_webhook("echo", echo);
    server.start();
    HttpClient client(server.port());
    const auto no_content = client.request("POST", "/webhooks/empty", "x");
    BOOST_REQUIRE(no_content);
    BOOST_TEST(no_content->status == 204);
    BOOST_TEST(!no_content->headers.contains("content-length"));
    BOOST_TEST(no_content->body.empty());
    // The next response on the same connection is read cleanly: nothing was left in between.
    const auto next = client.request("POST", "/webhooks/echo", "after");
    BOOST_REQUIRE(next);
    BOOST_TEST(next->body == "after");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(http_server_head)

BOOST_AUTO_TEST_CASE(head_is_answered_like_get_without_a_body) {
    TestServer server;
    server.server.add_webhook("echo", echo);
    server.start();
    {
        HttpClient client(server.port());
        BOOST_REQUIRE(client.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        const std::string raw = client.read_all();
        BOOST_TEST(raw.starts_with("HTTP/1.1 200 OK\r\n"));
        BOOST_TEST(raw.find("Content-Length: 15\r\n") != std::string::npos);  // the GET body's length
        BOOST_TEST(raw.ends_with("\r\n\r\n"));                                // and no body at all
    }
    {
        HttpClient client(server.port());
        BOOST_REQUIRE(client.send("HEAD /webhooks/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        const std::string raw = client.read_all();
        BOOST_TEST(raw.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"));
        BOOST_TEST(raw.find("Allow: POST\r\n") != std::string::npos);
        BOOST_TEST(raw.ends_with("\r\n\r\n"));
    }
    HttpClient client(server.port());
    const auto put = client.request("PUT", "/healthz", "x");
    BOOST_REQUIRE(put);
    BOOST_TEST(put->headers.get("allow").value_or("") == "GET, HEAD");
}

BOOST_AUTO_TEST_SUITE_END()
