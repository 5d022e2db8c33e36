// Request smuggling over a real socket: a request hidden behind an ambiguously framed one is never served.
// The parser's answer to each framing is covered, split every way, by tests/http/test_conformance.cpp; here
// the session must act on it: answer once, close after an error, and run no handler for the hidden bytes.
#include "server/session.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "support/http_client.hpp"
#include "support/test_server.hpp"

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

using cohook::Request;
using cohook::test::HttpClient;
using cohook::test::TestServer;

namespace {

const std::string kHidden = "POST /webhooks/hidden HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";

std::string front(std::string_view fields, std::string_view body, std::string_view version = "HTTP/1.1") {
    return "POST /webhooks/front " + std::string(version) + "\r\nHost: x\r\n" + std::string(fields) + "\r\n" +
           std::string(body);
}

struct Attack {
    std::string name;
    std::string bytes;
    std::vector<int> statuses;  // the responses, in order, before the connection closes or goes idle
    int front_calls = 0;        // how often the outer request's handler runs
};

std::ostream& operator<<(std::ostream& os, const Attack& attack) {
    return os << attack.name;
}

std::vector<Attack> attacks() {
    const std::string hidden_length = std::to_string(kHidden.size());
    return {
        {"cl_te", front("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + kHidden), {400}},
        {"te_cl",
         front("Transfer-Encoding: chunked\r\nContent-Length: 70\r\n", "0\r\n\r\n" + kHidden),
         {400}},
        {"te_te_repeated",
         front("Transfer-Encoding: chunked\r\nTransfer-Encoding: cow\r\n", "0\r\n\r\n" + kHidden),
         {400}},
        {"te_space_before_colon", front("Transfer-Encoding : chunked\r\n", "0\r\n\r\n" + kHidden), {400}},
        {"te_obs_fold", front("X: a\r\n Transfer-Encoding: chunked\r\n", "0\r\n\r\n" + kHidden), {400}},
        {"te_in_http_1_0", front("Transfer-Encoding: chunked\r\n", "0\r\n\r\n" + kHidden, "HTTP/1.0"), {400}},
        {"cl_repeated",
         front("Content-Length: 0\r\nContent-Length: " + hidden_length + "\r\n", kHidden),
         {400}},
        {"chunk_size_wrapping_to_5",
         front("Transfer-Encoding: chunked\r\n", "10000000000000005\r\nhello\r\n0\r\n\r\n" + kHidden),
         {413}},
        {"bare_lf_after_chunk_size",
         front("Transfer-Encoding: chunked\r\n", "5\nhello\r\n0\r\n\r\n" + kHidden),
         {400}},
        {"lookalike_te_name", front("Transfer_Encoding: chunked\r\n", "0\r\n\r\n" + kHidden), {200, 400}, 1},
        {"request_inside_a_body", front("Content-Length: " + hidden_length + "\r\n", kHidden), {200}, 1},
    };
}

// After the answers it expects, the connection is either closed by the server or, when the last answer was
// a success, still in step: the next response is the one to a probe, not to anything hidden.
void expect_nothing_more(HttpClient& client, int last_status) {
    if (last_status >= 400) {
        BOOST_TEST(client.closed_by_peer());
        return;
    }
    BOOST_REQUIRE(client.send("GET /probe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const auto probe = client.read_response();
    BOOST_REQUIRE(probe);
    BOOST_TEST(probe->status == 404);
    BOOST_TEST(client.closed_by_peer());
}

namespace data = boost::unit_test::data;

}  // namespace

BOOST_AUTO_TEST_SUITE(smuggling)

BOOST_DATA_TEST_CASE(a_hidden_request_is_never_served, data::make(attacks()), attack) {
    std::atomic<int> front_calls{0};
    std::atomic<int> hidden_calls{0};
    TestServer server;
    server.server.add_webhook("front", [&front_calls](const Request&) -> asio::awaitable<void> {
        ++front_calls;
        co_return;
    });
    server.server.add_webhook("hidden", [&hidden_calls](const Request&) -> asio::awaitable<void> {
        ++hidden_calls;
        co_return;
    });
    server.start();
    HttpClient client(server.port());
    BOOST_REQUIRE(client.send(attack.bytes));
    for (const int status : attack.statuses) {
        const auto response = client.read_response();
        BOOST_REQUIRE(response);
        BOOST_TEST(response->status == status);
        if (status >= 400) BOOST_TEST(response->headers.get("connection").value_or("") == "close");
    }
    expect_nothing_more(client, attack.statuses.back());
    BOOST_TEST(front_calls.load() == attack.front_calls);
    BOOST_TEST(hidden_calls.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
