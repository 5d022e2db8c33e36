#include "config/server_config.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace cohook::detail {

std::optional<std::string> read_environment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

std::optional<std::uint16_t> parse_port(std::string_view text) noexcept {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty() || value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

ServerConfig resolve_config(const ServerOptions& options, const EnvironmentReader& env) {
    ServerConfig config;
    config.host = options.host.value_or(env("GRADIO_SERVER_NAME").value_or("127.0.0.1"));
    if (options.port) {
        config.port = *options.port;
    } else if (const auto port_text = env("GRADIO_SERVER_PORT")) {
        const auto port = parse_port(*port_text);
        if (!port) {
            throw std::invalid_argument(
                fmt::format("GRADIO_SERVER_PORT='{}' is not a port number", *port_text));
        }
        config.port = *port;
    }
    config.secret =
        !options.webhook_secret.empty() ? options.webhook_secret : env("WEBHOOK_SECRET").value_or("");
    config.space_host = env("SPACE_HOST");
    config.space_id = env("SPACE_ID");
    return config;
}

}  // namespace cohook::detail
