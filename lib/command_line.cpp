#include <cohook/command_line.hpp>

#include "config/server_config.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace cohook {

namespace {

void print_usage(std::FILE* out, std::string_view program, std::string_view description) {
    fmt::print(
        out,
        "{}\n\n"
        "Usage: {} [--host HOST] [--port PORT] [--share TARGET [--share-identity FILE]\n"
        "       [--share-known-hosts FILE] [--share-accept-new] [--share-url URL]]\n\n"
        "Options:\n"
        "  --host HOST               address to listen on (default: $GRADIO_SERVER_NAME or 127.0.0.1)\n"
        "  --port PORT               port to listen on, 0 for any free port\n"
        "                            (default: $GRADIO_SERVER_PORT or 7860)\n"
        "  --share TARGET            open a public URL through an SSH reverse tunnel: localhost.run,\n"
        "                            pinggy, serveo, or ssh://user@host:port (off by default: it\n"
        "                            sends your webhooks through that server)\n"
        "  --share-identity FILE     private key for the tunnel (default: agent, ~/.ssh/id_*)\n"
        "  --share-known-hosts FILE  known_hosts for the tunnel server (default: ~/.ssh/known_hosts)\n"
        "  --share-accept-new        trust and remember an unknown tunnel host key\n"
        "  --share-url URL           public URL to print for a self-hosted tunnel server\n"
        "  --help                    show this help and exit\n\n"
        "Environment:\n"
        "  WEBHOOK_SECRET   secret the sender must present in X-Webhook-Secret (or ?secret=)\n",
        description, program);
}

bool takes_value(std::string_view name) {
    return name == "--host" || name == "--port" || name == "--share" || name == "--share-identity" ||
           name == "--share-known-hosts" || name == "--share-url";
}

// Applies one flag; false when the flag is unknown or its value is invalid.
bool apply_flag(std::string_view name, std::string_view value, ServerOptions& options) {
    if (name == "--share-accept-new") {
        options.share.accept_new_host_key = true;
        return value.empty();
    }
    if (value.empty()) return false;
    if (name == "--host") {
        options.host = std::string(value);
    } else if (name == "--port") {
        options.port = detail::parse_port(value);
        return options.port.has_value();
    } else if (name == "--share") {
        options.share.target = std::string(value);
    } else if (name == "--share-identity") {
        options.share.identity_file = std::string(value);
    } else if (name == "--share-known-hosts") {
        options.share.known_hosts_file = std::string(value);
    } else if (name == "--share-url") {
        options.share.public_url = std::string(value);
    } else {
        return false;
    }
    return true;
}

}  // namespace

std::optional<int> apply_command_line(int argc, char** argv, ServerOptions& options,
                                      std::string_view description) {
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
        } else if (i + 1 < argc && takes_value(arg)) {
            value = argv[++i];
        }
        if (!apply_flag(name, value, options)) {
            fmt::print(stderr, "{}: invalid argument '{}'\n", program, arg);
            print_usage(stderr, program, description);
            return 2;
        }
    }
    return std::nullopt;
}

}  // namespace cohook
