// SPEC A2–A4 over real sockets: routes, secret, payload conversion, handler forms and results.
#include <cohook/webhooks_server.hpp>

#include <boost/test/unit_test.hpp>

#include "support/http_client.hpp"
#include "support/test_server.hpp"

#include <cohook/default_server.hpp>

#include <asio/co_spawn.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/use_future.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <stdexcept>
#include <thread>

using cohook::BackgroundTasks;
using cohook::Request;
using cohook::Response;
using cohook::WebhookPayload;
using cohook::test::fixture;
using cohook::test::HttpClient;
using cohook::test::post;
using cohook::test::TestServer;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kSecretHeader = "X-Webhook-Secret: s3cret\r\n";

cohook::ServerOptions with_secret() {
    cohook::ServerOptions options;
    options.webhook_secret = "s3cret";
    return options;
}

asio::awaitable<void> trigger_training(WebhookPayload) {
    co_return;
}

asio::awaitable<boost::json::value> goodbye(WebhookPayload) {
    co_return boost::json::object{{"message", "goodbye"}};
}

// A user type with its own Boost.JSON conversion, as a handler payload.
struct Ping {
    std::string zen;
};
Ping tag_invoke(boost::json::value_to_tag<Ping>, const boost::json::value& json) {
    return Ping{boost::json::value_to<std::string>(json.at("zen"))};
}

// A user type with cohook's own reader pair, found by argument-dependent lookup: the streaming reader
// takes only the exact compact form, the document reader anything valid, and each counts its calls.
struct Greeting {
    std::string name;
};
std::atomic<int> greeting_text_reads{0};
std::atomic<int> greeting_document_reads{0};
bool read_payload_text(std::string_view json, Greeting& out) {
    ++greeting_text_reads;
    constexpr std::string_view kPrefix = R"({"name":")";
    if (!json.starts_with(kPrefix) || !json.ends_with("\"}")) return false;
    const std::string_view name = json.substr(kPrefix.size(), json.size() - kPrefix.size() - 2);
    if (name.find_first_of("\"\\") != std::string_view::npos) return false;
    out.name = name;
    return true;
}
bool read_payload(const boost::json::value& json, Greeting& out, cohook::ValidationErrors& errors) {
    ++greeting_document_reads;
    const auto* name = json.is_object() ? json.get_object().if_contains("name") : nullptr;
    if (name == nullptr || !name->is_string()) {
        errors.add("missing", {std::string("body"), std::string("name")}, "Field required");
        return false;
    }
    out.name = name->get_string();
    return true;
}

// Registered on the process-wide default server, as a user would next to the function.
asio::awaitable<void> registered_by_macro(WebhookPayload) {
    co_return;
}
COHOOK_WEBHOOK(registered_by_macro);

}  // namespace

BOOST_AUTO_TEST_SUITE(routes)

BOOST_AUTO_TEST_CASE(landing_page_lists_the_full_url_of_each_webhook) {
    TestServer server;
    server.server.add_webhook<trigger_training>();
    server.start();
    HttpClient client(server.port());
    const auto response = client.request("GET", "/");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->headers.get("content-type").value_or("").starts_with("text/html"));
    BOOST_TEST(response->body.find("1 webhook(s) are registered:") != std::string::npos);
    const std::string url = server.server.local_url() + "/webhooks/trigger_training";
    BOOST_TEST(response->body.find(url) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(custom_landing_page_replaces_the_default) {
    cohook::ServerOptions options;
    options.landing_page = [] { return std::string("<h1>mine</h1>"); };
    TestServer server(options);
    server.start();
    HttpClient client(server.port());
    const auto response = client.request("GET", "/");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == "<h1>mine</h1>");
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404_not_found) {
    TestServer server;
    server.start();
    const auto response = post(server.port(), "/webhooks/nope", "{}");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 404);
    BOOST_TEST(response->body == R"({"detail":"Not Found"})");
}

BOOST_AUTO_TEST_CASE(other_methods_on_a_webhook_are_405_with_allow_post) {
    TestServer server;
    server.server.add_webhook<trigger_training>();
    server.start();
    HttpClient client(server.port());
    for (const char* method : {"GET", "PUT", "DELETE", "PATCH"}) {
        const auto response = client.request(method, "/webhooks/trigger_training");
        BOOST_REQUIRE(response);
        BOOST_TEST(response->status == 405);
        BOOST_TEST(response->body == R"({"detail":"Method Not Allowed"})");
        BOOST_TEST(response->headers.get("allow").value_or("") == "POST");
    }
}

BOOST_AUTO_TEST_CASE(paths_are_normalised_and_duplicates_rejected) {
    TestServer server;
    const auto info = server.server.add_webhook("/say_hello/", trigger_training);
    BOOST_TEST(info.path == "/webhooks/say_hello");
    BOOST_TEST(server.server.add_webhook("a/b", trigger_training).path == "/webhooks/a/b");
    BOOST_TEST(server.server.add_webhook<goodbye>().path == "/webhooks/goodbye");
    try {
        server.server.add_webhook("say_hello", trigger_training);
        BOOST_FAIL("duplicate route accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()) == "Webhook /webhooks/say_hello already exists.");
    }
    BOOST_TEST(server.server.webhooks().size() == 3u);
}

BOOST_AUTO_TEST_CASE(routes_added_after_start_are_live_at_once) {
    TestServer server;
    server.start();
    BOOST_TEST(post(server.port(), "/webhooks/goodbye", fixture("discussion_create_pr.json"))->status == 404);
    server.server.add_webhook<goodbye>();
    const auto response = post(server.port(), "/webhooks/goodbye", fixture("discussion_create_pr.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->body == R"({"message":"goodbye"})");
}

BOOST_AUTO_TEST_CASE(default_server_registration_takes_one_line) {
    const auto webhooks = cohook::default_server().webhooks();
    BOOST_REQUIRE(webhooks.size() == 1u);
    BOOST_TEST(webhooks[0].name == "registered_by_macro");
    BOOST_TEST(webhooks[0].path == "/webhooks/registered_by_macro");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(secret)

BOOST_AUTO_TEST_CASE(missing_secret_is_401) {
    TestServer server(with_secret());
    server.server.add_webhook<trigger_training>();
    server.start();
    const auto response =
        post(server.port(), "/webhooks/trigger_training", fixture("discussion_create_pr.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 401);
    BOOST_TEST(response->body == R"({"error":"x-webhook-secret header not set."})");
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_403) {
    TestServer server(with_secret());
    server.server.add_webhook<trigger_training>();
    server.start();
    const auto response = post(server.port(), "/webhooks/trigger_training",
                               fixture("discussion_create_pr.json"), "X-Webhook-Secret: s3creT\r\n");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 403);
    BOOST_TEST(response->body == R"({"error":"Invalid webhook secret."})");
}

BOOST_AUTO_TEST_CASE(right_secret_in_header_of_any_case_or_query_is_accepted) {
    TestServer server(with_secret());
    server.server.add_webhook<trigger_training>();
    server.start();
    const std::string body = fixture("discussion_create_pr.json");
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training", body, kSecretHeader)->status == 200);
    BOOST_TEST(
        post(server.port(), "/webhooks/trigger_training", body, "x-webhook-secret: s3cret\r\n")->status ==
        200);
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training?secret=s3cret", body)->status == 200);
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training?secret=wrong", body)->status == 403);
}

BOOST_AUTO_TEST_CASE(secret_is_checked_before_the_body_is_parsed) {
    TestServer server(with_secret());
    server.server.add_webhook<trigger_training>();
    server.start();
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training", "{not json")->status == 401);
    BOOST_TEST(
        post(server.port(), "/webhooks/trigger_training", "{not json", "X-Webhook-Secret: x\r\n")->status ==
        403);
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training", "{not json", kSecretHeader)->status == 422);
}

BOOST_AUTO_TEST_CASE(secret_falls_back_to_the_environment) {
    ::setenv("WEBHOOK_SECRET", "from-env", 1);
    TestServer server;
    server.server.add_webhook<trigger_training>();
    server.start();
    ::unsetenv("WEBHOOK_SECRET");
    const std::string body = fixture("discussion_create_pr.json");
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training", body)->status == 401);
    BOOST_TEST(
        post(server.port(), "/webhooks/trigger_training", body, "X-Webhook-Secret: from-env\r\n")->status ==
        200);
}

BOOST_AUTO_TEST_CASE(landing_page_needs_no_secret) {
    TestServer server(with_secret());
    server.start();
    HttpClient client(server.port());
    BOOST_TEST(client.request("GET", "/")->status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(payloads)

BOOST_AUTO_TEST_CASE(valid_payload_reaches_the_handler_and_answers_200_null) {
    std::promise<WebhookPayload> received;
    TestServer server;
    server.server.add_webhook("hook", [&received](WebhookPayload payload) -> asio::awaitable<void> {
        received.set_value(std::move(payload));
        co_return;
    });
    server.start();
    const auto response = post(server.port(), "/webhooks/hook", fixture("repo_content_update_pr_ref.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    BOOST_TEST(response->body == "null");
    BOOST_TEST(response->headers.get("content-type").value_or("") == "application/json");
    const WebhookPayload payload = received.get_future().get();
    BOOST_TEST(payload.event.scope == "repo.content");
    BOOST_TEST(payload.repo.head_sha.has_value());
}

BOOST_AUTO_TEST_CASE(bad_bodies_are_422_in_fastapi_shape_and_the_handler_is_not_called) {
    std::atomic<int> calls{0};
    TestServer server;
    server.server.add_webhook("hook", [&calls](WebhookPayload) -> asio::awaitable<void> {
        ++calls;
        co_return;
    });
    server.start();
    auto json = boost::json::parse(fixture("discussion_create_pr.json"));
    json.at("repo").as_object().erase("owner");
    const auto missing_owner = post(server.port(), "/webhooks/hook", boost::json::serialize(json));
    BOOST_REQUIRE(missing_owner);
    BOOST_TEST(missing_owner->status == 422);
    BOOST_TEST(missing_owner->body ==
               R"({"detail":[{"type":"missing","loc":["body","repo","owner"],"msg":"Field required"}]})");
    const auto invalid = post(server.port(), "/webhooks/hook", "{\"event\":");
    BOOST_REQUIRE(invalid);
    BOOST_TEST(invalid->status == 422);
    BOOST_TEST(boost::json::parse(invalid->body).at("detail").at(0).at("type").as_string() == "json_invalid");
    const auto empty = post(server.port(), "/webhooks/hook", "");
    BOOST_REQUIRE(empty);
    BOOST_TEST(empty->status == 422);
    BOOST_TEST(empty->body == R"({"detail":[{"type":"missing","loc":["body"],"msg":"Field required"}]})");
    BOOST_TEST(calls.load() == 0);
}

BOOST_AUTO_TEST_CASE(every_sample_payload_is_accepted) {
    TestServer server;
    server.server.add_webhook<trigger_training>();
    server.start();
    HttpClient client(server.port());
    for (const char* name : {"discussion_comment_create_assembled.json", "discussion_create_pr.json",
                             "discussion_create_pr_hfhub_test.json", "discussion_update_closed.json",
                             "legacy_v2_discussion_comment_add.json", "legacy_v2_repo_move.json",
                             "repo_config_update_assembled.json", "repo_content_update_main.json",
                             "repo_content_update_pr_ref.json"}) {
        BOOST_TEST_CONTEXT(name) {
            const auto response = client.request("POST", "/webhooks/trigger_training", fixture(name));
            BOOST_REQUIRE(response);
            BOOST_TEST(response->status == 200);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(handler_forms)

BOOST_AUTO_TEST_CASE(a_user_type_with_its_own_readers_takes_the_fast_path_first) {
    TestServer server;
    server.server.add_webhook("greet", [](Greeting greeting) -> asio::awaitable<std::string> {
        co_return "hello " + greeting.name;
    });
    server.start();
    greeting_text_reads = greeting_document_reads = 0;
    // The compact form: read from the text, no document parsed.
    BOOST_TEST(post(server.port(), "/webhooks/greet", R"({"name":"ada"})")->body == R"("hello ada")");
    BOOST_TEST(greeting_text_reads == 1);
    BOOST_TEST(greeting_document_reads == 0);
    // Declined by the streaming reader (spaces), accepted by the document reader.
    BOOST_TEST(post(server.port(), "/webhooks/greet", R"({ "name": "bob" })")->body == R"("hello bob")");
    BOOST_TEST(greeting_text_reads == 2);
    BOOST_TEST(greeting_document_reads == 1);
    // Declined by both: the document reader's errors are the 422.
    const auto rejected = post(server.port(), "/webhooks/greet", R"({"nom":"x"})");
    BOOST_REQUIRE(rejected);
    BOOST_TEST(rejected->status == 422);
    BOOST_TEST(rejected->body.find(R"("loc":["body","name"])") != std::string::npos);
    BOOST_TEST(greeting_document_reads == 2);
}

BOOST_AUTO_TEST_CASE(returning_json_sends_compact_json) {
    TestServer server;
    server.server.add_webhook<goodbye>();
    server.server.add_webhook("map", [](WebhookPayload) -> asio::awaitable<std::map<std::string, int>> {
        co_return std::map<std::string, int>{{"a", 1}};
    });
    server.start();
    BOOST_TEST(post(server.port(), "/webhooks/goodbye", fixture("discussion_create_pr.json"))->body ==
               R"({"message":"goodbye"})");
    BOOST_TEST(post(server.port(), "/webhooks/map", fixture("discussion_create_pr.json"))->body ==
               R"({"a":1})");
}

BOOST_AUTO_TEST_CASE(returning_a_response_sends_it_as_is) {
    TestServer server;
    server.server.add_webhook("created", [](const Request&) -> asio::awaitable<Response> {
        Response response = Response::text(201, "made");
        response.headers.add("X-Custom", "yes");
        co_return response;
    });
    server.start();
    const auto response = post(server.port(), "/webhooks/created", "anything");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 201);
    BOOST_TEST(response->body == "made");
    BOOST_TEST(response->headers.get("x-custom").value_or("") == "yes");
}

BOOST_AUTO_TEST_CASE(throwing_handler_is_500_json_and_the_server_keeps_serving) {
    TestServer server;
    server.server.add_webhook("boom", [](const Request&) -> asio::awaitable<void> {
        throw std::runtime_error("kaboom");
        co_return;
    });
    server.start();
    HttpClient client(server.port());
    for (int i = 0; i < 3; ++i) {
        const auto response = client.request("POST", "/webhooks/boom", "x");
        BOOST_REQUIRE(response);
        BOOST_TEST(response->status == 500);
        BOOST_TEST(response->body == R"({"error":"Internal Server Error"})");
    }
}

BOOST_AUTO_TEST_CASE(raw_request_handler_sees_method_query_headers_and_body) {
    TestServer server;
    server.server.add_webhook("raw", [](const Request& request) -> asio::awaitable<boost::json::value> {
        co_return boost::json::object{{"method", request.method},
                                      {"path", request.path},
                                      {"q", request.query_param("q").value_or("")},
                                      {"h", request.headers.get("x-thing").value_or("")},
                                      {"body", request.body}};
    });
    server.start();
    const auto response = post(server.port(), "/webhooks/raw?q=a%20b", "not json at all", "X-Thing: 42\r\n");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body ==
               R"({"method":"POST","path":"/webhooks/raw","q":"a b","h":"42","body":"not json at all"})");
}

BOOST_AUTO_TEST_CASE(payload_and_request_can_be_taken_together_in_any_order) {
    TestServer server;
    server.server.add_webhook(
        "both", [](const Request& request, WebhookPayload payload) -> asio::awaitable<std::string> {
            co_return payload.event.scope + " " + std::string(request.headers.get("x-thing").value_or(""));
        });
    server.start();
    const auto response =
        post(server.port(), "/webhooks/both", fixture("discussion_create_pr.json"), "X-Thing: t\r\n");
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == R"("discussion t")");
}

BOOST_AUTO_TEST_CASE(any_json_and_user_types_are_payloads) {
    TestServer server;
    server.server.add_webhook(
        "any", [](boost::json::value json) -> asio::awaitable<boost::json::value> { co_return json; });
    server.server.add_webhook("ping", [](Ping ping) -> asio::awaitable<std::string> { co_return ping.zen; });
    server.start();
    BOOST_TEST(post(server.port(), "/webhooks/any", R"([1, {"x": true}])")->body == R"([1,{"x":true}])");
    BOOST_TEST(post(server.port(), "/webhooks/ping", R"({"zen":"keep it simple","hook_id":1})")->body ==
               R"("keep it simple")");
    const auto bad = post(server.port(), "/webhooks/ping", R"({"nozen":1})");
    BOOST_REQUIRE(bad);
    BOOST_TEST(bad->status == 422);
    BOOST_TEST(boost::json::parse(bad->body).at("detail").at(0).at("loc") ==
               boost::json::parse(R"(["body"])"));
}

BOOST_AUTO_TEST_CASE(blocking_handler_runs_off_the_event_loop_without_stalling_it) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<void> entered;
    TestServer server;
    server.server.add_webhook("blocking", [&](const Request&) {
        entered.set_value();
        released.wait_for(10s);  // a blocking call; it must not freeze other requests
        return std::string("unblocked");
    });
    server.server.add_webhook<goodbye>();
    server.start();
    auto slow =
        std::async(std::launch::async, [&] { return post(server.port(), "/webhooks/blocking", "x"); });
    BOOST_REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);
    const auto fast = post(server.port(), "/webhooks/goodbye", fixture("discussion_create_pr.json"));
    BOOST_REQUIRE(fast);
    BOOST_TEST(fast->status == 200);
    BOOST_TEST((slow.wait_for(0s) == std::future_status::timeout));
    release.set_value();
    const auto response = slow.get();
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == R"("unblocked")");
}

BOOST_AUTO_TEST_CASE(background_task_runs_after_the_response_and_stop_waits_for_it) {
    std::atomic<bool> task_done{false};
    std::promise<void> task_started;
    TestServer server;
    server.server.add_webhook(
        "later", [&](WebhookPayload, BackgroundTasks& tasks) -> asio::awaitable<std::string> {
            tasks.spawn([](std::atomic<bool>* done, std::promise<void>* started) -> asio::awaitable<void> {
                started->set_value();
                asio::steady_timer timer(co_await asio::this_coro::executor, 300ms);
                co_await timer.async_wait(asio::use_awaitable);
                *done = true;
            }(&task_done, &task_started));
            co_return "accepted";
        });
    server.start();
    const auto response = post(server.port(), "/webhooks/later", fixture("discussion_create_pr.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == R"("accepted")");
    BOOST_TEST(!task_done.load());
    BOOST_REQUIRE(task_started.get_future().wait_for(5s) == std::future_status::ready);
    server.stop();
    BOOST_TEST(task_done.load());
}

BOOST_AUTO_TEST_CASE(blocking_background_task_failure_is_contained) {
    std::promise<void> ran;
    std::atomic<int> runs{0};
    TestServer server;
    server.server.add_webhook("later", [&](const Request&, BackgroundTasks& tasks) -> asio::awaitable<void> {
        tasks.add([&ran, &runs] {
            if (runs++ == 0) ran.set_value();
            throw std::runtime_error("background failure");
        });
        co_return;
    });
    server.start();
    BOOST_TEST(post(server.port(), "/webhooks/later", "")->status == 200);
    BOOST_REQUIRE(ran.get_future().wait_for(5s) == std::future_status::ready);
    BOOST_TEST(post(server.port(), "/webhooks/later", "")->status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(embedding)

BOOST_AUTO_TEST_CASE(server_is_awaited_on_the_callers_io_context) {
    asio::io_context context;  // the caller's event loop, run by the caller's thread
    cohook::WebhooksServer server(context.get_executor(), cohook::test::test_options());
    server.add_webhook<goodbye>();
    std::future<void> served = asio::co_spawn(context, server.serve(), asio::use_future);
    // On a one-thread io_context handlers run in order: by the time this runs, serve() is listening.
    std::promise<std::uint16_t> port;
    asio::post(context, [&] { port.set_value(server.port()); });
    std::thread loop([&context] { context.run(); });
    const std::uint16_t bound = port.get_future().get();
    BOOST_TEST(bound != 0);
    const auto response = post(bound, "/webhooks/goodbye", fixture("discussion_create_pr.json"));
    BOOST_REQUIRE(response);
    BOOST_TEST(response->body == R"({"message":"goodbye"})");
    server.stop();
    BOOST_TEST((served.wait_for(5s) == std::future_status::ready));
    served.get();
    loop.join();
}

BOOST_AUTO_TEST_CASE(run_is_refused_for_an_embedded_server) {
    asio::io_context context;
    cohook::WebhooksServer server(context.get_executor(), cohook::test::test_options());
    BOOST_CHECK_THROW(server.run(), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(operability)

BOOST_AUTO_TEST_CASE(healthz_metrics_and_deliveries_report_what_happened) {
    TestServer server(with_secret());
    server.server.add_webhook<trigger_training>();
    server.start();
    const std::string body = fixture("discussion_create_pr.json");
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training", body, kSecretHeader)->status == 200);
    BOOST_TEST(post(server.port(), "/webhooks/trigger_training", body)->status == 401);
    HttpClient client(server.port());
    BOOST_TEST(client.request("GET", "/favicon.ico")->status == 204);
    const auto health = client.request("GET", "/healthz");
    BOOST_REQUIRE(health);
    BOOST_TEST(health->body == R"({"status":"ok"})");
    const auto metrics = client.request("GET", "/metrics");
    BOOST_REQUIRE(metrics);
    BOOST_TEST(metrics->headers.get("content-type").value_or("").starts_with("text/plain; version=0.0.4"));
    BOOST_TEST(
        metrics->body.find(R"(cohook_requests_total{route="/webhooks/trigger_training",status="200"} 1)") !=
        std::string::npos);
    BOOST_TEST(
        metrics->body.find(R"(cohook_requests_total{route="/webhooks/trigger_training",status="401"} 1)") !=
        std::string::npos);
    BOOST_TEST(metrics->body.find("cohook_open_connections ") != std::string::npos);
    BOOST_TEST(client.request("GET", "/deliveries")->status == 401);
    const auto deliveries = client.request("GET", "/deliveries", {}, kSecretHeader);
    BOOST_REQUIRE(deliveries);
    const auto list =
        boost::json::parse(deliveries->body).at("routes").at("/webhooks/trigger_training").as_array();
    BOOST_REQUIRE(list.size() == 2u);
    BOOST_TEST(list[0].at("status").as_int64() == 401);
    BOOST_TEST(list[0].at("verification").as_string() == "rejected");
    BOOST_TEST(list[1].at("status").as_int64() == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(replays)

BOOST_AUTO_TEST_CASE(a_replayed_delivery_is_acknowledged_without_running_the_handler_twice) {
    std::atomic<int> calls{0};
    std::atomic<bool> fail{true};
    TestServer server;
    cohook::WebhookOptions options;
    options.remember_deliveries = 10;
    server.server.add_webhook(
        "once",
        [&](const Request&) -> asio::awaitable<void> {
            ++calls;
            if (fail.exchange(false)) throw std::runtime_error("first attempt fails");
            co_return;
        },
        options);
    server.start();
    const std::string id = "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958\r\n";
    BOOST_TEST(post(server.port(), "/webhooks/once", "{}", id)->status == 500);  // failed: not remembered
    BOOST_TEST(post(server.port(), "/webhooks/once", "{}", id)->status == 200);  // the retry runs
    const auto replay = post(server.port(), "/webhooks/once", "{}", id);
    BOOST_REQUIRE(replay);
    BOOST_TEST(replay->status == 200);
    BOOST_TEST(replay->headers.get("x-cohook-duplicate").value_or("") == "true");
    BOOST_TEST(post(server.port(), "/webhooks/once", "{}")->status == 200);  // no id: always handled
    BOOST_TEST(calls.load() == 3);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(payload_lifetime)

BOOST_AUTO_TEST_CASE(updated_config_outlives_the_parsed_document) {
    // The body is parsed into a short-lived arena; what the handler keeps must not point into it.
    TestServer server;
    server.server.add_webhook("config", [](WebhookPayload payload) -> asio::awaitable<boost::json::value> {
        co_return boost::json::value(payload.updated_config.value_or(boost::json::object{}));
    });
    server.start();
    const std::string body = fixture("repo_config_update_assembled.json");
    const auto response = post(server.port(), "/webhooks/config", body);
    BOOST_REQUIRE(response);
    BOOST_TEST(response->status == 200);
    const auto expected = boost::json::parse(body).at("updatedConfig");
    BOOST_TEST((boost::json::parse(response->body) == expected));
}

BOOST_AUTO_TEST_SUITE_END()
