// Webhooks from senders other than the Hub: each endpoint checks its sender's signature scheme.
#include <cohook/cohook.hpp>
#include <cohook/verifiers.hpp>

#include <fmt/core.h>
#include <boost/json.hpp>

#include <cstdlib>
#include <optional>
#include <string>

boost::json::value received(const cohook::Request& request) {
    fmt::print("{}: {} signed bytes\n", request.path, request.body.size());
    return boost::json::object{{"ok", true}};
}

// The secret in the environment variable `name`; nullopt, and a line on stderr, when it is not set.
std::optional<std::string> secret(const char* name, const char* path) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
    fmt::print(stderr, "{} is not set: {} is not registered\n", name, path);
    return std::nullopt;
}

int main(int argc, char** argv) {
    cohook::ServerOptions options;
    if (auto exit_code =
            cohook::apply_command_line(argc, argv, options, "Webhooks signed by other senders.")) {
        return *exit_code;
    }
    try {
        namespace verify = cohook::verify;
        cohook::WebhooksServer app(options);
        if (auto s = secret("GITHUB_WEBHOOK_SECRET", "/webhooks/github")) {
            app.add_webhook("github", received, {.verifier = verify::github(*s)});
        }
        if (auto s = secret("STANDARD_WEBHOOK_SECRET", "/webhooks/standard")) {  // whsec_...
            app.add_webhook("standard", received, {.verifier = verify::standard_webhooks(*s)});
        }
        if (auto s = secret("STRIPE_WEBHOOK_SECRET", "/webhooks/stripe")) {
            app.add_webhook("stripe", received, {.verifier = verify::stripe(*s)});
        }
        if (auto s = secret("SLACK_SIGNING_SECRET", "/webhooks/slack")) {
            app.add_webhook("slack", received, {.verifier = verify::slack(*s)});
        }
        app.run();                       // until Ctrl+C
    } catch (const std::exception& e) {  // e.g. a secret that is not base64, or the port is taken
        fmt::print(stderr, "{}\n", e.what());
        return 1;
    }
}
