// The share-link client against a stand-in for the hosted services (tests/tunnel/fake_hosted_service.py,
// on asyncssh, loopback only): `none` or zero-prompt keyboard-interactive auth, a virtual port-80 forward,
// an exec with options or a shell, and the public URL discovered from what the service prints.
#include "tunnel/tunnel_client.hpp"

#include <boost/test/unit_test.hpp>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/sshd_fixture.hpp"
#include "support/test_server.hpp"
#include "tunnel_runner.hpp"

#include <cohook/webhook_payload.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using cohook::test::ChildProcess;
using cohook::test::post;
using cohook::test::TunnelRunner;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPython = "/usr/bin/python3";
constexpr std::string_view kSecretHeader = "X-Webhook-Secret: s3cret\r\n";

boost::test_tools::assertion_result asyncssh_installed(boost::unit_test::test_unit_id) {
    const bool found = ::access(kPython, X_OK) == 0 &&
                       std::system("/usr/bin/python3 -c 'import asyncssh' >/dev/null 2>&1") == 0;
    boost::test_tools::assertion_result result(found);
    result.message() << "python3-asyncssh not installed; .ci/install-deps installs it";
    return result;
}

/// The stand-in service, started on a free loopback port and killed by PID when done.
struct FakeService {
    explicit FakeService(std::string mode, std::string auth = "none")
        : process({kPython, std::string(COHOOK_FIXTURES_DIR) + "/../tunnel/fake_hosted_service.py", "--mode",
                   std::move(mode), "--auth", std::move(auth)}) {
        const auto ready = process.read_until("READY ");
        if (!ready) throw std::runtime_error("fake hosted service did not start: " + process.output());
        port = static_cast<std::uint16_t>(std::stoi(ready->substr(6)));
    }
    /// The value of the next report line starting with `prefix` ("" when none came in time).
    std::string next(std::string_view prefix) {
        const auto line = process.read_until(prefix);
        return line ? line->substr(prefix.size()) : "(none)";
    }

    ChildProcess process;
    std::uint16_t port = 0;
};

/// A webhook server, a scratch directory for known_hosts, and the options for the stand-in.
struct Rig {
    Rig()
        : server([] {
              cohook::ServerOptions options;
              options.webhook_secret = "s3cret";
              return options;
          }()) {
        server.server.add_webhook("hub", [](cohook::WebhookPayload payload) -> asio::awaitable<std::string> {
            co_return payload.event.action + " " + payload.repo.name;
        });
        server.start();
        char pattern[] = "/tmp/cohook-hosted-XXXXXX";
        dir = ::mkdtemp(pattern);
    }
    ~Rig() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    // The service's host key is new to us: accept-new, into a scratch known_hosts file.
    cohook::ShareOptions share(std::chrono::seconds url_timeout = 10s) const {
        cohook::ShareOptions options;
        options.known_hosts_file = dir + "/known_hosts";
        options.accept_new_host_key = true;
        options.url_timeout = url_timeout;
        return options;
    }
    // A preset pointed at the stand-in instead of the real service.
    static cohook::detail::TunnelTarget preset(const std::string& name, std::uint16_t port) {
        cohook::ShareOptions options;
        options.target = name;
        auto target = cohook::detail::parse_target(options);
        target.host = "127.0.0.1";
        target.port = port;
        target.remote_port = 80;  // the stand-in only knows its virtual port 80
        target.ignored_url_hosts.push_back("docs.example.test");
        return target;
    }

    cohook::test::TestServer server;
    std::string dir;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(tunnel_through_hosted_service, *boost::unit_test::precondition(asyncssh_installed))

BOOST_AUTO_TEST_CASE(url_comes_from_json_output_and_webhooks_reach_the_handler) {
    Rig rig;
    FakeService service("json");
    TunnelRunner runner(rig.share(), Rig::preset("localhost.run", service.port), rig.server.port());
    BOOST_TEST(runner.connect() == "https://abc.example.test");
    const auto virtual_port = static_cast<std::uint16_t>(std::stoi(service.next("LISTEN ")));
    BOOST_TEST(service.next("EXEC ") == "--output json");
    runner.serve();
    const std::string payload = cohook::test::fixture("discussion_create_pr.json");
    const auto direct = post(rig.server.port(), "/webhooks/hub", payload, kSecretHeader);
    const auto tunnelled = post(virtual_port, "/webhooks/hub", payload, kSecretHeader);
    BOOST_REQUIRE(direct && tunnelled);
    BOOST_TEST(tunnelled->status == 200);
    BOOST_TEST(tunnelled->body == direct->body);
    runner.stop();
    BOOST_TEST(service.next("CANCEL ") == "80");  // the forward was cancelled, not just dropped
    BOOST_TEST(cohook::test::read_text(rig.dir + "/known_hosts").find("[127.0.0.1]:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(url_field_in_json_output_is_taken_as_is) {
    Rig rig;
    FakeService service("url");
    TunnelRunner runner(rig.share(), Rig::preset("localhost.run", service.port), rig.server.port());
    BOOST_TEST(runner.connect() == "https://abc.example.test");
}

BOOST_AUTO_TEST_CASE(url_comes_from_text_output_after_zero_prompt_keyboard_interactive) {
    Rig rig;
    FakeService service("text", "kbdint");
    TunnelRunner runner(rig.share(), Rig::preset("serveo", service.port), rig.server.port());
    BOOST_TEST(runner.connect() == "https://abc.example.test");
    BOOST_TEST(service.next("EXEC ").empty());  // serveo's preset asks for a shell
}

BOOST_AUTO_TEST_CASE(service_printing_no_url_fails_after_the_timeout_quoting_what_it_said) {
    Rig rig;
    FakeService service("silent");
    TunnelRunner runner(rig.share(1s), Rig::preset("serveo", service.port), rig.server.port());
    const std::string error = runner.connect_error();
    BOOST_TEST_INFO(error);
    BOOST_TEST(error.find("printed no public URL within 1 s") != std::string::npos);
    BOOST_TEST(error.find("Sorry, no tunnel for you today.") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
