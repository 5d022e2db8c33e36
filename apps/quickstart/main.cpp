// The guide's first example: one endpoint on the default server, started by cohook::main.
#include <cohook/cohook.hpp>

#include <fmt/core.h>

asio::awaitable<void> trigger_training(cohook::WebhookPayload payload) {
    if (payload.repo.type == "dataset" && payload.event.action == "update") {
        // Trigger a training job if a dataset is updated
        fmt::print("Training triggered by an update of {}\n", payload.repo.name);
    }
    co_return;
}
COHOOK_WEBHOOK(trigger_training);  // POST /webhooks/trigger_training
