// The guide's second example: several endpoints on the default server.
#include <cohook/cohook.hpp>

#include <fmt/core.h>

asio::awaitable<void> trigger_training(cohook::WebhookPayload payload) {
    if (payload.repo.type == "dataset" && payload.event.action == "update") {
        fmt::print("Training triggered by an update of {}\n", payload.repo.name);
    }
    co_return;
}
COHOOK_WEBHOOK(trigger_training);  // POST /webhooks/trigger_training

asio::awaitable<void> trigger_evaluation(cohook::WebhookPayload payload) {
    if (payload.repo.type == "model" && payload.event.action == "update") {
        fmt::print("Evaluation triggered by an update of {}\n", payload.repo.name);
    }
    co_return;
}
COHOOK_WEBHOOK(trigger_evaluation);  // POST /webhooks/trigger_evaluation
