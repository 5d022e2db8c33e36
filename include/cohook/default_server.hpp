#pragma once

#include <cohook/webhooks_server.hpp>

#include <string_view>

namespace cohook {

/// The process-wide server that `COHOOK_WEBHOOK` registers on (Python's implicit server behind
/// `@webhook_endpoint`). Created on first use with default options; thread-safe.
WebhooksServer& default_server();

/// Registers `Fn` on the default server under its own name; returns the endpoint.
template <auto Fn>
WebhookInfo webhook_endpoint() {
    return default_server().add_webhook<Fn>();
}

/// Registers `handler` on the default server at `/webhooks/<path>`; returns the endpoint.
template <class F>
WebhookInfo webhook_endpoint(std::string_view path, F handler) {
    return default_server().add_webhook(path, std::move(handler));
}

/// Applies the command line (`--host`, `--port`, `--help`) and runs the default server until
/// SIGINT/SIGTERM, like the end of a Python script. Returns the process exit code.
/// Linking `cohook::main` provides a `main` that calls it.
int run_default_server(int argc, char** argv);

}  // namespace cohook

/// Registers the function `fn` on the default server as `/webhooks/<fn>`, next to its definition.
#define COHOOK_WEBHOOK(fn)                                                    \
    [[maybe_unused]] static const ::cohook::WebhookInfo cohook_webhook_##fn = \
        ::cohook::webhook_endpoint<&fn>()
