#pragma once

#include <cohook/server_options.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace cohook::detail {

/// Reads one environment variable; injectable so tests need not touch the real environment.
using EnvironmentReader = std::function<std::optional<std::string>(const char* name)>;

/// The process environment (unset and empty variables both read as absent).
std::optional<std::string> read_environment(const char* name);

/// Settings after applying the precedence rules: explicit option, then environment, then default.
struct ServerConfig {
    std::string host;                       ///< Address to bind.
    std::uint16_t port = 7860;              ///< Port to bind (0: any free one).
    std::string secret;                     ///< Expected webhook secret; empty: no check.
    std::optional<std::string> space_host;  ///< SPACE_HOST: running on a Hugging Face Space.
    std::optional<std::string> space_id;    ///< SPACE_ID.
};

/// Resolves `options` against the environment (WEBHOOK_SECRET, GRADIO_SERVER_NAME, GRADIO_SERVER_PORT,
/// SPACE_HOST, SPACE_ID). Throws std::invalid_argument for a malformed GRADIO_SERVER_PORT.
ServerConfig resolve_config(const ServerOptions& options, const EnvironmentReader& env = read_environment);

/// Parses a TCP port number ("0".."65535"); nullopt for anything else.
std::optional<std::uint16_t> parse_port(std::string_view text) noexcept;

}  // namespace cohook::detail
