#include <cohook/command_line.hpp>

#include "config/server_config.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace cohook {

namespace {

void print_usage(std::FILE* out, std::string_view program, std::string_view description) {
    fmt::print(out,
               "{}\n\n"
               "Usage: {} [--host HOST] [--port PORT]\n\n"
               "Options:\n"
               "  --host HOST   address to listen on (default: $GRADIO_SERVER_NAME or 127.0.0.1)\n"
               "  --port PORT   port to listen on, 0 for any free port (default: $GRADIO_SERVER_PORT or 7860)\n"
               "  --help        show this help and exit\n\n"
               "Environment:\n"
               "  WEBHOOK_SECRET   secret the sender must present in X-Webhook-Secret (or ?secret=)\n",
               description, program);
}

}  // namespace

std::optional<int> apply_command_line(int argc, char** argv, ServerOptions& options, std::string_view description) {
    const std::string_view program = argc > 0 ? argv[0] : "cohook";
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            print_usage(stdout, program, description);
            return 0;
        }
        std::string_view value;
        std::string_view name = arg;
        if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
        } else if (i + 1 < argc && (arg == "--host" || arg == "--port")) {
            value = argv[++i];
        }
        if (name == "--host" && !value.empty()) {
            options.host = std::string(value);
        } else if (name == "--port" && detail::parse_port(value)) {
            options.port = detail::parse_port(value);
        } else {
            fmt::print(stderr, "{}: invalid argument '{}'\n", program, arg);
            print_usage(stderr, program, description);
            return 2;
        }
    }
    return std::nullopt;
}

}  // namespace cohook
