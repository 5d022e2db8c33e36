#include <cohook/command_line.hpp>
#include <cohook/default_server.hpp>

#include <cstdio>
#include <exception>

namespace cohook {

WebhooksServer& default_server() {
    // Constructed on first use, so registrations from static initializers in any TU are safe.
    static WebhooksServer server;
    return server;
}

int run_default_server(int argc, char** argv) {
    WebhooksServer& server = default_server();
    if (auto exit_code = apply_command_line(argc, argv, server.options(), "A cohook webhooks server.")) {
        return *exit_code;
    }
    try {
        server.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace cohook
