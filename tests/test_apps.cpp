// The guide's programs, run as a user would: real binaries, real banner, real HTTP, Ctrl+C.
#include <boost/test/unit_test.hpp>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

#include <boost/json.hpp>

#include <csignal>
#include <memory>
#include <string>
#include <vector>

using cohook::test::ChildProcess;
using cohook::test::fixture;
using cohook::test::HttpClient;
using cohook::test::post;

namespace {

std::string app(const std::string& name) {
    return std::string(COHOOK_APPS_DIR) + "/" + name;
}

// Reads the banner up to its last line and returns the port from "* Running on local URL:".
std::uint16_t read_banner_port(ChildProcess& process) {
    const auto url_line = process.read_until("* Running on local URL:  http://127.0.0.1:");
    BOOST_REQUIRE_MESSAGE(url_line, "no local URL line in: " << process.output());
    const auto port = std::stoi(url_line->substr(url_line->rfind(':') + 1));
    BOOST_REQUIRE(
        process.read_until("Go to https://huggingface.co/settings/webhooks to setup your webhooks."));
    return static_cast<std::uint16_t>(port);
}

// Ctrl+C must print the Python line and exit 0.
void interrupt_and_expect_clean_exit(ChildProcess& process) {
    process.send_signal(SIGINT);
    BOOST_TEST(process.wait().value_or(-1) == 0);
    BOOST_TEST(process.output().find("Keyboard interruption in main thread... closing server.") !=
               std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(apps)

BOOST_AUTO_TEST_CASE(quickstart_prints_the_banner_serves_and_exits_on_ctrl_c) {
    ChildProcess process({app("cohook-quickstart"), "--port", "0"});
    const auto port = read_banner_port(process);
    const std::string out = process.output();
    BOOST_TEST(out.starts_with(
        "Webhook secret is not defined. This means your webhook endpoints will be open to everyone.\n"
        "To add a secret, set `WEBHOOK_SECRET` as environment variable or pass it at "
        "initialization: \n\t"));
    BOOST_TEST(out.find("\nWebhooks are correctly setup and ready to use:\n  - POST http://127.0.0.1:" +
                        std::to_string(port) + "/webhooks/trigger_training\n") != std::string::npos);
    const auto response = post(port, "/webhooks/trigger_training", fixture("repo_content_update_main.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->body == "null");
    // The delivery line is batched; it reaches stderr on its own, within milliseconds.
    BOOST_TEST(process.read_until("cohook: info: delivery route=/webhooks/trigger_training status=200 ")
                   .has_value());
    interrupt_and_expect_clean_exit(process);
}

BOOST_AUTO_TEST_CASE(senders_without_a_secret_do_not_warn_that_endpoints_are_open) {
    // Every route of cohook-senders checks a signature: the "open to everyone" warning would be false.
    ChildProcess process({app("cohook-senders"), "--port", "0"}, {"GITHUB_WEBHOOK_SECRET=abc"});
    BOOST_TEST(
        process.read_until("Webhook secret is not defined, but every webhook checks its sender's signature.")
            .has_value());
    const auto port = read_banner_port(process);
    BOOST_TEST(process.output().find("open to everyone") == std::string::npos);
    BOOST_TEST(post(port, "/webhooks/github", "{}")->status == 401);  // unsigned: refused
    process.send_signal(SIGTERM);
    BOOST_TEST(process.wait().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(quickstart_with_env_secret_says_it_is_defined_and_checks_it) {
    ChildProcess process({app("cohook-quickstart"), "--port=0"}, {"WEBHOOK_SECRET=abc"});
    BOOST_TEST(process.read_line().value_or("") == "Webhook secret is correctly defined.");
    const auto port = read_banner_port(process);
    const std::string body = fixture("repo_content_update_main.json");
    BOOST_TEST(post(port, "/webhooks/trigger_training", body)->status == 401);
    BOOST_TEST(post(port, "/webhooks/trigger_training", body, "X-Webhook-Secret: abc\r\n")->status == 200);
    process.send_signal(SIGTERM);
    BOOST_TEST(process.wait().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(multiple_endpoints_lists_both_routes) {
    ChildProcess process({app("cohook-multiple-endpoints"), "--port", "0"});
    const auto port = read_banner_port(process);
    const std::string base = "  - POST http://127.0.0.1:" + std::to_string(port);
    BOOST_TEST(process.output().find(base + "/webhooks/trigger_training\n" + base +
                                     "/webhooks/trigger_evaluation\n") != std::string::npos);
    const std::string body = fixture("repo_content_update_main.json");
    BOOST_TEST(post(port, "/webhooks/trigger_training", body)->status == 200);
    BOOST_TEST(post(port, "/webhooks/trigger_evaluation", body)->status == 200);
    interrupt_and_expect_clean_exit(process);
}

BOOST_AUTO_TEST_CASE(custom_server_answers_hello_and_goodbye_behind_its_secret) {
    ChildProcess process({app("cohook-custom-server"), "--port", "0"});
    BOOST_TEST(process.read_line().value_or("") == "Webhook secret is correctly defined.");
    const auto port = read_banner_port(process);
    const std::string body = fixture("discussion_create_pr.json");
    const std::string secret = "X-Webhook-Secret: my_secret_key\r\n";
    BOOST_TEST(post(port, "/webhooks/say_hello", body, secret)->body == R"({"message":"hello"})");
    BOOST_TEST(post(port, "/webhooks/goodbye", body, secret)->body == R"({"message":"goodbye"})");
    BOOST_TEST(post(port, "/webhooks/say_hello", body)->status == 401);
    HttpClient client(port);
    BOOST_TEST(client.request("GET", "/")->body == "<h1>Hello, webhooks!</h1>");
    interrupt_and_expect_clean_exit(process);
}

BOOST_AUTO_TEST_CASE(apps_explain_their_flags) {
    for (const char* name : {"cohook-quickstart", "cohook-multiple-endpoints", "cohook-custom-server"}) {
        ChildProcess help({app(name), "--help"});
        BOOST_TEST(help.wait().value_or(-1) == 0);
        BOOST_TEST(help.output().find("--port PORT") != std::string::npos);
        ChildProcess bad({app(name), "--port", "nope"});
        BOOST_TEST(bad.wait().value_or(-1) == 2);
    }
}

BOOST_AUTO_TEST_CASE(space_environment_sets_host_port_and_public_url) {
    ChildProcess process({app("cohook-quickstart")}, {"GRADIO_SERVER_NAME=127.0.0.1", "GRADIO_SERVER_PORT=0",
                                                      "SPACE_HOST=me-app.hf.space", "SPACE_ID=me/app"});
    const auto port = read_banner_port(process);
    BOOST_TEST(process.output().find("  - POST https://me-app.hf.space/webhooks/trigger_training\n") !=
               std::string::npos);
    HttpClient client(port);
    const auto page = client.request("GET", "/");
    BOOST_REQUIRE(page);
    BOOST_TEST(page->body.find("This app is running on a Space.") != std::string::npos);
    interrupt_and_expect_clean_exit(process);
}

BOOST_AUTO_TEST_CASE(port_in_use_exits_with_a_message_naming_the_port) {
    ChildProcess first({app("cohook-quickstart"), "--port", "0"});
    const auto port = read_banner_port(first);
    ChildProcess second({app("cohook-quickstart"), "--port", std::to_string(port)});
    BOOST_TEST(second.wait().value_or(-1) == 1);
    BOOST_TEST(second.output().find("port " + std::to_string(port) + " is taken") != std::string::npos);
    interrupt_and_expect_clean_exit(first);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(resources)

// UBSan's vptr check itself needs a pipe to probe memory; once the process is out of descriptors it
// reports every dynamic-type check as a failure, so descriptor exhaustion is tested in normal builds only.
boost::test_tools::assertion_result not_under_sanitizers(boost::unit_test::test_unit_id) {
#ifdef COHOOK_SANITIZED
    boost::test_tools::assertion_result result(false);
    result.message() << "skipped under sanitizers (the UBSan runtime needs free file descriptors)";
    return result;
#else
    return true;
#endif
}

BOOST_AUTO_TEST_CASE(running_out_of_file_descriptors_is_survived,
                     *boost::unit_test::precondition(not_under_sanitizers)) {
    // With a tiny descriptor limit, extra connections make accept() fail with EMFILE; the server must
    // back off, keep running, and serve again once descriptors are free.
    ChildProcess process({"/bin/sh", "-c", "ulimit -n 24 && exec " + app("cohook-quickstart") + " --port 0"});
    const auto port = read_banner_port(process);
    {
        std::vector<std::unique_ptr<HttpClient>> flood;
        for (int i = 0; i < 40; ++i) flood.push_back(std::make_unique<HttpClient>(port, 2));
        BOOST_TEST(process.read_until("cohook: warning: accept failed").has_value());
    }
    const auto response = post(port, "/webhooks/trigger_training", fixture("repo_content_update_main.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    interrupt_and_expect_clean_exit(process);
}

BOOST_AUTO_TEST_SUITE_END()
