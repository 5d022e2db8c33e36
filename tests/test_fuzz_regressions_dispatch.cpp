#include "dispatcher.hpp"
// The header under test comes first: it proves the header is self-contained.

// Regressions found by tests/fuzz/fuzz_dispatch: what a handler (or verifier) answers must not break the
// framing of the connection, whatever status and body it picks.

#include <boost/test/unit_test.hpp>

#include "http/response_writer.hpp"

#include <cohook/handler.hpp>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/use_future.hpp>

#include <memory>
#include <optional>
#include <string>

using cohook::Request;
using cohook::Response;
using cohook::detail::Dispatcher;
using cohook::detail::Endpoint;
using cohook::detail::Router;

namespace {

// Dispatches one POST to /webhooks/x, routed to `endpoint`, with no secret configured.
Response dispatch_to(Endpoint endpoint) {
    asio::io_context context;
    auto router = std::make_shared<Router<Endpoint>>();
    router->add("POST", "/webhooks/x", std::move(endpoint));
    const Dispatcher dispatcher(router, "", std::make_shared<cohook::detail::TaskTracker>(),
                                context.get_executor(), context.get_executor());
    Request request;
    request.method = "POST";
    request.target = request.path = "/webhooks/x";
    auto answer = asio::co_spawn(context, dispatcher.dispatch(request), asio::use_future);
    context.run();
    return answer.get();
}

// A raw handler answering `status` with a body.
Endpoint answering(int status) {
    return {.name = "x",
            .handler = cohook::make_handler([status](const Request&) -> asio::awaitable<Response> {
                Response response = Response::text(status, "oops");
                co_return response;
            })};
}

std::string head_of(const Response& response) {
    std::string out;
    cohook::http::write_response_head(out, response, true);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(handler_status_outside_200_to_599_is_500) {
    // fuzz_dispatch: `Response{.status = 0}` went out as "HTTP/1.1 0 Unknown", and a 1xx as a final answer.
    for (int status : {-1, 0, 99, 100, 101, 199, 600, 1000}) {
        const Response response = dispatch_to(answering(status));
        BOOST_TEST(response.status == 500, "status: " << status);
        BOOST_TEST(response.body == R"({"error":"Internal Server Error"})", "status: " << status);
    }
}

BOOST_AUTO_TEST_CASE(final_statuses_from_a_handler_go_out_as_they_are) {
    for (int status : {200, 201, 299, 418, 599}) {
        const Response response = dispatch_to(answering(status));
        BOOST_TEST(response.status == status);
        BOOST_TEST(response.body == "oops");
    }
}

BOOST_AUTO_TEST_CASE(no_content_statuses_drop_the_handler_body) {
    // fuzz_dispatch: a 204 with a body sent the body, which the client reads as the next response.
    for (int status : {204, 304}) {
        const Response response = dispatch_to(answering(status));
        BOOST_TEST(response.status == status);
        BOOST_TEST(response.body.empty(), "status: " << status);
    }
}

BOOST_AUTO_TEST_CASE(a_verifier_answering_an_invalid_status_is_500) {
    Endpoint endpoint = answering(200);
    endpoint.verifier = [](const Request&) -> std::optional<Response> { return Response::text(42, "no"); };
    BOOST_TEST(dispatch_to(std::move(endpoint)).status == 500);
}

BOOST_AUTO_TEST_CASE(head_of_204_and_304_has_no_content_length) {
    // RFC 9110 8.6: never in a 204; in a 304 it would describe the representation that is not sent.
    for (int status : {204, 304}) {
        Response response;
        response.status = status;
        const std::string head = head_of(response);
        BOOST_TEST(head.find("Content-Length") == std::string::npos, "status: " << status);
        BOOST_TEST(head.ends_with("\r\nConnection: keep-alive\r\n\r\n"));
    }
    Response empty;
    BOOST_TEST(head_of(empty).find("\r\nContent-Length: 0\r\n") != std::string::npos);
}
