// The share-link client against a real OpenSSH sshd on loopback (started by the test, on a free port,
// remote forwarding allowed): webhooks through the forwarded port, many at once, large bodies, host-key
// refusal, reconnection after the server dies, and a clean stop.
#include "tunnel/tunnel_client.hpp"

#include <boost/test/unit_test.hpp>

#include "support/http_client.hpp"
#include "support/sshd_fixture.hpp"
#include "support/test_server.hpp"
#include "tunnel_runner.hpp"

#include <cohook/request.hpp>
#include <cohook/response.hpp>
#include <cohook/webhook_payload.hpp>

#include <fmt/format.h>

#include <future>
#include <string>
#include <vector>

using cohook::test::HttpClient;
using cohook::test::post;
using cohook::test::SshdFixture;
using cohook::test::TunnelRunner;
using cohook::test::url_port;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kSecretHeader = "X-Webhook-Secret: s3cret\r\n";

boost::test_tools::assertion_result sshd_installed(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result result(cohook::test::sshd_available());
    result.message() << "OpenSSH server not installed (/usr/sbin/sshd); .ci/install-deps installs it";
    return result;
}

cohook::ServerOptions server_options() {
    cohook::ServerOptions options;
    options.webhook_secret = "s3cret";
    options.limits.max_body_bytes = 8 * 1024 * 1024;
    return options;
}

// 5 MiB that are not one repeated byte, so a lost or reordered chunk shows.
std::string big_body() {
    std::string body(5 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = "0123456789abcdef"[(i * 7 + i / 4093) % 16];
    return body;
}

/// A webhook server (secret on, large bodies allowed) and a real sshd to tunnel through.
struct Rig {
    Rig() : server(server_options()) {
        server.server.add_webhook("hub", [](cohook::WebhookPayload payload) -> asio::awaitable<std::string> {
            co_return payload.event.action + " " + payload.event.scope + " " + payload.repo.name;
        });
        server.server.add_webhook("echo",
                                  [](const cohook::Request& request) -> asio::awaitable<cohook::Response> {
                                      co_return cohook::Response::text(200, request.body);
                                  });
        server.start(2);
    }

    cohook::ShareOptions share() const {
        cohook::ShareOptions options;
        options.target = fmt::format("ssh://{}@127.0.0.1:{}", SshdFixture::user(), sshd.port());
        options.identity_file = sshd.client_key();
        options.known_hosts_file = sshd.known_hosts();
        options.reconnect_max_delay = 500ms;
        return options;
    }

    SshdFixture sshd;
    cohook::test::TestServer server;
};

// A request to the echo webhook through the public `url` comes back whole: the tunnel carries traffic.
void expect_echo_through(const std::string& url, const std::string& text) {
    const auto response = post(url_port(url), "/webhooks/echo", text, kSecretHeader);
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == text);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tunnel_through_openssh, *boost::unit_test::precondition(sshd_installed))

BOOST_AUTO_TEST_CASE(webhook_posted_to_the_forwarded_port_reaches_the_handler_with_the_secret_checked) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    const std::string url = runner.connect();
    BOOST_TEST(url.starts_with("http://127.0.0.1:"));
    runner.serve();
    const std::string payload = cohook::test::fixture("discussion_create_pr.json");
    const auto direct = post(rig.server.port(), "/webhooks/hub", payload, kSecretHeader);
    const auto tunnelled = post(url_port(url), "/webhooks/hub", payload, kSecretHeader);
    BOOST_REQUIRE(direct && tunnelled);
    BOOST_TEST(tunnelled->status == 200);
    BOOST_TEST(tunnelled->body == direct->body);
    const auto wrong = post(url_port(url), "/webhooks/hub", payload, "X-Webhook-Secret: nope\r\n");
    const auto wrong_direct = post(rig.server.port(), "/webhooks/hub", payload, "X-Webhook-Secret: nope\r\n");
    BOOST_REQUIRE(wrong && wrong_direct);
    BOOST_TEST(wrong->status != 200);
    BOOST_TEST(wrong->status == wrong_direct->status);
    runner.stop();
}

BOOST_AUTO_TEST_CASE(fifty_parallel_requests_arrive_intact) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    const std::uint16_t port = url_port(runner.connect());
    runner.serve();
    std::vector<std::future<bool>> results;
    for (int i = 0; i < 50; ++i) {
        results.push_back(std::async(std::launch::async, [port, i] {
            const std::string body =
                fmt::format("request {} ", i) + std::string(1000 + i * 997, char('a' + i % 26));
            const auto response = post(port, "/webhooks/echo", body, kSecretHeader);
            return response && response->status == 200 && response->body == body;
        }));
    }
    int intact = 0;
    for (auto& result : results) intact += result.get() ? 1 : 0;
    BOOST_TEST(intact == 50);
    runner.stop();
}

BOOST_AUTO_TEST_CASE(five_mib_body_arrives_intact_both_ways) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    const std::uint16_t port = url_port(runner.connect());
    runner.serve();
    const std::string body = big_body();
    HttpClient client(port, 30);
    const auto response = client.request("POST", "/webhooks/echo", body, kSecretHeader);
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->body.size() == body.size());
    BOOST_TEST((response->body == body));
    runner.stop();
}

BOOST_AUTO_TEST_CASE(five_mib_body_with_expect_100_continue_arrives_intact) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    const std::uint16_t port = url_port(runner.connect());
    runner.serve();
    const std::string body = big_body();
    HttpClient client(port, 30);
    BOOST_REQUIRE(
        client.send(fmt::format("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\n{}Expect: 100-continue\r\n"
                                "Content-Length: {}\r\n\r\n",
                                kSecretHeader, body.size())));
    const auto interim = client.read_response();
    BOOST_REQUIRE(interim);
    BOOST_TEST(interim->status == 100);
    BOOST_REQUIRE(client.send(body));
    const auto response = client.read_response();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST((response->body == body));
    runner.stop();
}

BOOST_AUTO_TEST_CASE(wrong_host_key_is_refused_before_authentication_naming_the_fingerprint) {
    Rig rig;
    auto share = rig.share();
    share.known_hosts_file = rig.sshd.wrong_known_hosts();
    TunnelRunner runner(share, rig.server.port());
    const std::string error = runner.connect_error();
    BOOST_TEST_INFO(error);
    BOOST_TEST(error.find("REFUSED") != std::string::npos);
    BOOST_TEST(error.find(rig.sshd.host_key_fingerprint()) != std::string::npos);
    BOOST_TEST(rig.sshd.host_key_fingerprint().starts_with("SHA256:"));
    BOOST_TEST(rig.sshd.log().find("Accepted publickey") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_host_key_is_refused_unless_accept_new_then_recorded) {
    Rig rig;
    auto share = rig.share();
    share.known_hosts_file = rig.sshd.dir() + "/fresh_known_hosts";
    {
        TunnelRunner runner(share, rig.server.port());
        const std::string error = runner.connect_error();
        BOOST_TEST_INFO(error);
        BOOST_TEST(error.find("not known") != std::string::npos);
        BOOST_TEST(error.find(rig.sshd.host_key_fingerprint()) != std::string::npos);
        BOOST_TEST(error.find("--share-known-hosts") != std::string::npos);
    }
    share.accept_new_host_key = true;
    TunnelRunner runner(share, rig.server.port());
    BOOST_TEST(runner.connect().starts_with("http://127.0.0.1:"));
    const std::string recorded = cohook::test::read_text(share.known_hosts_file);
    BOOST_TEST(recorded.find(fmt::format("[127.0.0.1]:{}", rig.sshd.port())) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(client_reconnects_after_sshd_is_killed_and_restarted) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    cohook::test::UrlChanges changes;
    runner.client.on_url_change = changes.callback();
    const std::string first = runner.connect();
    runner.serve();
    const std::string payload = cohook::test::fixture("discussion_create_pr.json");
    const auto before = post(url_port(first), "/webhooks/hub", payload, kSecretHeader);
    BOOST_REQUIRE(before);
    BOOST_TEST(before->status == 200);
    rig.sshd.kill();
    rig.sshd.start();
    // The server picks a new port for the new connection, so the URL changes and is reported.
    const auto second = changes.wait(1, 30s);
    BOOST_REQUIRE(second);
    BOOST_TEST(*second != first);
    const auto after = post(url_port(*second), "/webhooks/hub", payload, kSecretHeader);
    BOOST_REQUIRE(after);
    BOOST_TEST(after->status == 200);
    BOOST_TEST(after->body == before->body);
    runner.stop();
}

BOOST_AUTO_TEST_CASE(hung_server_is_detected_by_unanswered_keepalives_and_replaced) {
    Rig rig;
    auto share = rig.share();
    share.keepalive_interval = 100ms;
    TunnelRunner runner(share, rig.server.port());
    cohook::test::UrlChanges changes;
    runner.client.on_url_change = changes.callback();
    const std::string first = runner.connect();
    runner.serve();
    rig.sshd.freeze_sessions();  // the connection stays up, nothing answers
    const auto second = changes.wait(1, 30s);
    BOOST_REQUIRE(second);
    BOOST_TEST(*second != first);
    expect_echo_through(*second, "still here");
    runner.stop();
}

BOOST_AUTO_TEST_CASE(idle_tunnel_is_kept_up_by_answered_keepalives) {
    Rig rig;
    auto share = rig.share();
    share.keepalive_interval = 100ms;
    TunnelRunner runner(share, rig.server.port());
    cohook::test::UrlChanges changes;
    runner.client.on_url_change = changes.callback();
    const std::string url = runner.connect();
    runner.serve();
    // Several keepalives sent and answered while idle: long past three intervals of silence from us.
    BOOST_TEST(rig.sshd.wait_for_log("rtype keepalive@openssh.com", 6, 20s));
    BOOST_TEST(!changes.wait(1, 0s));  // never reconnected
    expect_echo_through(url, "idle but alive");
    runner.stop();  // with keepalives in flight the forward is still cancelled
    BOOST_TEST(!cohook::test::loopback_port_open(url_port(url)));
}

BOOST_AUTO_TEST_CASE(serve_connects_by_itself_and_reports_the_url) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    cohook::test::UrlChanges changes;
    runner.client.on_url_change = changes.callback();
    runner.serve();
    const auto url = changes.wait(1, 30s);
    BOOST_REQUIRE(url);
    expect_echo_through(*url, "first");
    runner.stop();
}

BOOST_AUTO_TEST_CASE(stop_cancels_the_remote_forward_so_the_port_is_closed) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    const std::uint16_t port = url_port(runner.connect());
    runner.serve();
    BOOST_TEST(cohook::test::loopback_port_open(port));
    runner.stop();
    BOOST_TEST_INFO_SCOPE(rig.sshd.log());
    BOOST_TEST(!cohook::test::loopback_port_open(port));
    BOOST_TEST(rig.sshd.wait_for_log("cancel-tcpip-forward", 1, 5s));
}

BOOST_AUTO_TEST_CASE(stop_before_serve_starts_still_cancels_the_remote_forward) {
    Rig rig;
    TunnelRunner runner(rig.share(), rig.server.port());
    const std::uint16_t port = url_port(runner.connect());
    runner.client.stop();  // queued on the event loop ahead of serve()
    runner.serve();
    runner.stop();  // serve() returns only once the forward is cancelled
    BOOST_TEST(!cohook::test::loopback_port_open(port));
}

BOOST_AUTO_TEST_SUITE_END()
