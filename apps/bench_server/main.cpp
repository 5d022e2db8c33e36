// The cohook server that bench/compare.sh measures: the quickstart's endpoint (a coroutine handler
// receiving the fully converted WebhookPayload) behind the secret "s3cret", one event-loop thread, and
// only warnings on stderr, as the peers log nothing per request (nginx runs with `access_log off`).
// COHOOK_BENCH_LOG=info keeps the per-delivery log line, to measure what it costs.
//   cohook-bench-server --port 8080
#include <cohook/cohook.hpp>

#include <cstdio>
#include <cstdlib>
#include <string_view>

asio::awaitable<void> trigger_training(cohook::WebhookPayload payload) {
    if (payload.repo.type == "dataset" && payload.event.action == "update") {
        std::fputs("training triggered\n", stdout);
    }
    co_return;
}

int main(int argc, char** argv) {
    cohook::ServerOptions options{.webhook_secret = "s3cret", .log_level = cohook::LogLevel::warning};
    if (const char* level = std::getenv("COHOOK_BENCH_LOG"); level && std::string_view(level) == "info") {
        options.log_level = cohook::LogLevel::info;
    }
    if (auto exit_code = cohook::apply_command_line(argc, argv, options, "cohook's benchmark server.")) {
        return *exit_code;
    }
    cohook::WebhooksServer app(options);
    app.add_webhook<trigger_training>();  // POST /webhooks/trigger_training
    try {
        app.run();                       // until Ctrl+C or SIGTERM
    } catch (const std::exception& e) {  // e.g. the port is taken
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
