// Builds against an installed cohook and proves it works: starts a server on a free port, stops it.
#include <cohook/cohook.hpp>

#include <asio/io_context.hpp>

#include <cstdio>

asio::awaitable<void> trigger_training(cohook::WebhookPayload) {
    co_return;
}

int main() {
    asio::io_context context;
    cohook::WebhooksServer server(context.get_executor(),
                                  {.host = "127.0.0.1", .port = 0, .print_banner = false});
    const auto info = server.add_webhook<trigger_training>();
    server.start();
    server.stop();
    context.run();
    std::printf("%s on port %u\n", info.path.c_str(), static_cast<unsigned>(server.port()));
    return server.port() != 0 && info.path == "/webhooks/trigger_training" ? 0 : 1;
}
