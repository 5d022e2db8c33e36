// Signature schemes of senders other than the Hub, over real sockets: the built-in verifiers on a running
// server, with signatures computed here the way each sender computes them.
#include <cohook/verifiers.hpp>

#include <boost/test/unit_test.hpp>

#include "support/http_client.hpp"
#include "support/test_server.hpp"
#include "verify/hmac.hpp"

#include <cohook/request.hpp>
#include <cohook/webhooks_server.hpp>

#include <fmt/core.h>
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

using cohook::Request;
using cohook::detail::base64_encode;
using cohook::detail::hex_encode;
using cohook::detail::hmac_sha256;
using cohook::test::HttpClient;
using cohook::test::post;
using cohook::test::TestServer;

namespace {

constexpr std::string_view kHubSecret = "hub-s3cret";
constexpr std::string_view kGithubSecret = "github-s3cret";
constexpr std::string_view kStandardKey = "standard webhooks key!";  // whsec_ + its base64
constexpr std::string_view kStripeSecret = "whsec_stripe_s3cret";
constexpr std::string_view kSlackSecret = "slack-s3cret";
constexpr std::string_view kOk = R"({"ok":true})";
constexpr std::string_view kJson = R"({"event":{"action":"update"},"n":1})";
constexpr std::string_view kForm =
    "token=x&team_id=T1&text=hello+world&response_url=https%3A%2F%2Fexample.com";

std::atomic<int> calls{0};

boost::json::value received(const Request&) {
    ++calls;
    return boost::json::object{{"ok", true}};
}

/// A server with one route per scheme, and `/webhooks/hub` left to the server's Hub secret.
struct SendersServer : TestServer {
    SendersServer() : TestServer(hub_options()) {
        namespace verify = cohook::verify;
        server.add_webhook("github", received, {.verifier = verify::github(std::string(kGithubSecret))});
        server.add_webhook("standard", received,
                           {.verifier = verify::standard_webhooks("whsec_" + base64_encode(kStandardKey))});
        server.add_webhook("stripe", received, {.verifier = verify::stripe(std::string(kStripeSecret))});
        server.add_webhook("slack", received, {.verifier = verify::slack(std::string(kSlackSecret))});
        server.add_webhook("hub", received);
        calls = 0;
        start();
    }

    static cohook::ServerOptions hub_options() {
        cohook::ServerOptions options;
        options.webhook_secret = std::string(kHubSecret);
        return options;
    }
};

/// Unix seconds, `offset` from now.
std::string unix_time(std::chrono::seconds offset = {}) {
    const auto now = std::chrono::system_clock::now() + offset;
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

// Header lines as each sender writes them, signing `body` (or `signed_body` when a test tampers).
std::string github_headers(std::string_view body) {
    return "X-Hub-Signature-256: sha256=" + hex_encode(hmac_sha256(kGithubSecret, {body})) + "\r\n";
}

std::string standard_headers(std::string_view body, const std::string& timestamp = unix_time()) {
    const std::string id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    return "webhook-id: " + id + "\r\nwebhook-timestamp: " + timestamp + "\r\nwebhook-signature: v1," +
           base64_encode(hmac_sha256(kStandardKey, {id, ".", timestamp, ".", body})) + "\r\n";
}

std::string stripe_headers(std::string_view body, const std::string& timestamp = unix_time()) {
    return "Stripe-Signature: t=" + timestamp +
           ",v1=" + hex_encode(hmac_sha256(kStripeSecret, {timestamp, ".", body})) + "\r\n";
}

std::string slack_headers(std::string_view body, const std::string& timestamp = unix_time()) {
    return "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: v0=" +
           hex_encode(hmac_sha256(kSlackSecret, {"v0:", timestamp, ":", body})) + "\r\n";
}

/// One route and how its sender signs a body.
struct Sender {
    std::string_view target;
    std::string (*sign)(std::string_view body);
    std::string_view body;
};

const Sender kSenders[] = {
    {"/webhooks/github", github_headers, kJson},
    {"/webhooks/standard", [](std::string_view body) { return standard_headers(body); }, kJson},
    {"/webhooks/stripe", [](std::string_view body) { return stripe_headers(body); }, kJson},
    {"/webhooks/slack", [](std::string_view body) { return slack_headers(body); }, kForm},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(senders)

BOOST_AUTO_TEST_CASE(correctly_signed_deliveries_are_200_ok) {
    SendersServer server;
    for (const Sender& sender : kSenders) {
        const auto response = post(server.port(), sender.target, sender.body, sender.sign(sender.body));
        BOOST_REQUIRE_MESSAGE(response.has_value(), sender.target);
        BOOST_TEST(response->status == 200, sender.target);
        BOOST_TEST(response->body == kOk, sender.target);
    }
    BOOST_TEST(calls == 4);
}

BOOST_AUTO_TEST_CASE(tampered_deliveries_are_403_and_never_reach_the_handler) {
    SendersServer server;
    for (const Sender& sender : kSenders) {
        const std::string tampered = std::string(sender.body) + " ";
        const auto response = post(server.port(), sender.target, tampered, sender.sign(sender.body));
        BOOST_REQUIRE_MESSAGE(response.has_value(), sender.target);
        BOOST_TEST(response->status == 403, sender.target);
        BOOST_TEST(response->body == R"({"error":"Invalid signature."})", sender.target);
    }
    BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(missing_signature_headers_are_401) {
    SendersServer server;
    const std::pair<std::string_view, std::string_view> expected[] = {
        {"/webhooks/github", "X-Hub-Signature-256"},
        {"/webhooks/standard", "webhook-id"},
        {"/webhooks/stripe", "Stripe-Signature"},
        {"/webhooks/slack", "X-Slack-Signature"},
    };
    for (const auto& [target, header] : expected) {
        // The Hub secret opens only the routes that use it.
        const auto response = post(server.port(), target, kJson, "X-Webhook-Secret: hub-s3cret\r\n");
        BOOST_REQUIRE_MESSAGE(response.has_value(), target);
        BOOST_TEST(response->status == 401, target);
        BOOST_TEST(response->body == R"({"error":")" + std::string(header) + R"( header not set."})", target);
    }
    BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(old_and_future_timestamps_are_401) {
    SendersServer server;
    using namespace std::chrono_literals;
    for (const auto offset : {-10min, 10min}) {
        const std::string timestamp = unix_time(offset);
        const std::pair<std::string_view, std::string> signed_late[] = {
            {"/webhooks/standard", standard_headers(kJson, timestamp)},
            {"/webhooks/stripe", stripe_headers(kJson, timestamp)},
            {"/webhooks/slack", slack_headers(kJson, timestamp)},
        };
        for (const auto& [target, headers] : signed_late) {
            const auto response = post(server.port(), target, kJson, headers);
            BOOST_REQUIRE_MESSAGE(response.has_value(), target);
            BOOST_TEST(response->status == 401, target);
            BOOST_TEST(response->body == R"({"error":"Timestamp outside the tolerance."})", target);
        }
    }
    BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(routes_without_a_verifier_still_need_the_hub_secret) {
    SendersServer server;
    const auto missing = post(server.port(), "/webhooks/hub", kJson, github_headers(kJson));
    BOOST_REQUIRE(missing);
    BOOST_TEST(missing->status == 401);
    BOOST_TEST(missing->body == R"({"error":"x-webhook-secret header not set."})");
    const auto wrong = post(server.port(), "/webhooks/hub", kJson, "X-Webhook-Secret: github-s3cret\r\n");
    BOOST_REQUIRE(wrong);
    BOOST_TEST(wrong->status == 403);
    const auto right = post(server.port(), "/webhooks/hub", kJson, "X-Webhook-Secret: hub-s3cret\r\n");
    BOOST_REQUIRE(right);
    BOOST_TEST(right->status == 200);
    BOOST_TEST(right->body == kOk);
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(the_signature_covers_the_body_after_chunked_decoding) {
    SendersServer server;
    HttpClient client(server.port());
    const std::string body(kJson);
    const std::string chunked =
        fmt::format("5\r\n{}\r\n{:x}\r\n{}\r\n0\r\n\r\n", body.substr(0, 5), body.size() - 5, body.substr(5));
    BOOST_REQUIRE(client.send("POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\n" + github_headers(body) +
                              "Transfer-Encoding: chunked\r\n\r\n" + chunked));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(a_signed_body_that_is_not_json_reaches_a_raw_request_handler) {
    // Verification happens before any JSON work, so a form-encoded Slack command is fine.
    SendersServer server;
    const auto response = post(server.port(), "/webhooks/slack", kForm, slack_headers(kForm));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    // And an unsigned body that is not JSON is refused for its signature, not for its syntax.
    const auto refused = post(server.port(), "/webhooks/slack", "not json", slack_headers(kForm));
    BOOST_REQUIRE(refused);
    BOOST_TEST(refused->status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
