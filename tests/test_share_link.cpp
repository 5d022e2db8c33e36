// The share link end to end, as a user runs it: the real quickstart binary with --share against a real
// OpenSSH server on loopback prints a public URL, and a webhook sent there reaches the handler.
#include <boost/test/unit_test.hpp>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/sshd_fixture.hpp"
#include "support/test_server.hpp"

#include <csignal>
#include <string>

using cohook::test::ChildProcess;
using cohook::test::fixture;
using cohook::test::post;
using cohook::test::SshdFixture;

namespace {

boost::test_tools::assertion_result sshd_present(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result result(cohook::test::sshd_available());
    result.message() << "OpenSSH server not installed (.ci/install-deps installs it)";
    return result;
}

std::uint16_t port_of(const std::string& url) {
    return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(share_link, *boost::unit_test::precondition(sshd_present))

BOOST_AUTO_TEST_CASE(quickstart_with_share_prints_a_public_url_that_delivers_webhooks) {
    SshdFixture sshd;
    const std::string target = "ssh://" + SshdFixture::user() + "@127.0.0.1:" + std::to_string(sshd.port());
    ChildProcess process(
        {std::string(COHOOK_APPS_DIR) + "/cohook-quickstart", "--port", "0", "--share", target,
         "--share-identity", sshd.client_key(), "--share-known-hosts", sshd.known_hosts()},
        {"WEBHOOK_SECRET=s3cret"});
    const auto local = process.read_until("* Running on local URL:  http://127.0.0.1:");
    BOOST_REQUIRE_MESSAGE(local, process.output());
    const auto public_line = process.read_line();
    BOOST_REQUIRE_MESSAGE(
        public_line && public_line->starts_with("* Running on public URL: http://127.0.0.1:"),
        process.output());
    const std::string public_url = public_line->substr(std::string("* Running on public URL: ").size());
    BOOST_TEST(port_of(public_url) != port_of(*local));
    // The POST lines name the public URL, as Python's do with a share link.
    BOOST_REQUIRE(process.read_until("  - POST " + public_url + "/webhooks/trigger_training"));

    const std::string body = fixture("repo_content_update_main.json");
    const auto through_tunnel =
        post(port_of(public_url), "/webhooks/trigger_training", body, "X-Webhook-Secret: s3cret\r\n");
    BOOST_REQUIRE(through_tunnel);
    BOOST_TEST(through_tunnel->status == 200);
    BOOST_TEST(through_tunnel->body == "null");
    const auto without_secret = post(port_of(public_url), "/webhooks/trigger_training", body);
    BOOST_REQUIRE(without_secret);
    BOOST_TEST(without_secret->status == 401);

    process.send_signal(SIGINT);
    BOOST_TEST(process.wait().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_host_key_is_refused_and_the_server_still_serves_locally) {
    SshdFixture sshd;
    const std::string target = "ssh://" + SshdFixture::user() + "@127.0.0.1:" + std::to_string(sshd.port());
    ChildProcess process({std::string(COHOOK_APPS_DIR) + "/cohook-quickstart", "--port", "0", "--share",
                          target, "--share-identity", sshd.client_key(), "--share-known-hosts",
                          sshd.wrong_known_hosts()});
    const auto local = process.read_until("* Running on local URL:  http://127.0.0.1:");
    BOOST_REQUIRE_MESSAGE(local, process.output());
    BOOST_REQUIRE(process.read_until("Go to https://huggingface.co/settings/webhooks"));
    BOOST_TEST(process.output().find("* Running on public URL") == std::string::npos);
    BOOST_TEST(process.output().find(sshd.host_key_fingerprint()) != std::string::npos);
    const auto response =
        post(port_of(*local), "/webhooks/trigger_training", fixture("repo_content_update_main.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    process.send_signal(SIGINT);
    BOOST_TEST(process.wait().value_or(-1) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
