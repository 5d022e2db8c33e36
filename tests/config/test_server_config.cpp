#include "config/server_config.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

using cohook::ServerOptions;
using cohook::detail::EnvironmentReader;
using cohook::detail::parse_port;
using cohook::detail::resolve_config;

namespace {

using Environment = std::map<std::string, std::string>;

// An environment reader over a fixed map. Unlike read_environment it returns "" for a variable
// mapped to "", so tests can see what resolve_config does with an empty value.
EnvironmentReader fake_environment(Environment vars) {
    return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
        const auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

// The message of the std::invalid_argument resolve_config throws for GRADIO_SERVER_PORT=`port`.
std::string port_rejection(const std::string& port) {
    try {
        (void)resolve_config({}, fake_environment({{"GRADIO_SERVER_PORT", port}}));
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "<no throw>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_config_suite)

BOOST_AUTO_TEST_CASE(defaults_apply_when_nothing_is_set) {
    const auto config = resolve_config({}, fake_environment({}));
    BOOST_TEST(config.host == "127.0.0.1");
    BOOST_TEST(config.port == 7860);
    BOOST_TEST(config.secret.empty());
    BOOST_TEST(!config.space_host.has_value());
    BOOST_TEST(!config.space_id.has_value());
}

BOOST_AUTO_TEST_CASE(gradio_variables_override_the_defaults) {
    const auto config = resolve_config(
        {}, fake_environment({{"GRADIO_SERVER_NAME", "0.0.0.0"}, {"GRADIO_SERVER_PORT", "8080"}}));
    BOOST_TEST(config.host == "0.0.0.0");
    BOOST_TEST(config.port == 8080);
}

BOOST_AUTO_TEST_CASE(explicit_options_override_the_environment) {
    const auto env = fake_environment({{"GRADIO_SERVER_NAME", "0.0.0.0"}, {"GRADIO_SERVER_PORT", "8080"}});
    const auto config = resolve_config({.host = "::1", .port = 9000}, env);
    BOOST_TEST(config.host == "::1");
    BOOST_TEST(config.port == 9000);
}

BOOST_AUTO_TEST_CASE(an_explicit_option_wins_even_over_a_malformed_port_variable) {
    const auto config = resolve_config({.port = 9000}, fake_environment({{"GRADIO_SERVER_PORT", "abc"}}));
    BOOST_TEST(config.port == 9000);
}

BOOST_AUTO_TEST_CASE(an_explicit_port_zero_stays_zero) {
    BOOST_TEST(resolve_config({.port = 0}, fake_environment({})).port == 0);
    BOOST_TEST(resolve_config({.port = 0}, fake_environment({{"GRADIO_SERVER_PORT", "8080"}})).port == 0);
}

BOOST_AUTO_TEST_CASE(port_zero_from_the_environment_is_accepted) {
    BOOST_TEST(resolve_config({}, fake_environment({{"GRADIO_SERVER_PORT", "0"}})).port == 0);
}

BOOST_AUTO_TEST_CASE(an_empty_option_secret_falls_through_to_webhook_secret) {
    const auto config =
        resolve_config({.webhook_secret = ""}, fake_environment({{"WEBHOOK_SECRET", "from-env"}}));
    BOOST_TEST(config.secret == "from-env");
}

BOOST_AUTO_TEST_CASE(an_option_secret_wins_over_webhook_secret) {
    const auto config =
        resolve_config({.webhook_secret = "from-option"}, fake_environment({{"WEBHOOK_SECRET", "from-env"}}));
    BOOST_TEST(config.secret == "from-option");
}

BOOST_AUTO_TEST_CASE(space_variables_are_read) {
    const auto config = resolve_config(
        {}, fake_environment({{"SPACE_HOST", "user-space.hf.space"}, {"SPACE_ID", "user/space"}}));
    BOOST_TEST(config.space_host.value_or("<unset>") == "user-space.hf.space");
    BOOST_TEST(config.space_id.value_or("<unset>") == "user/space");
}

BOOST_AUTO_TEST_CASE(a_malformed_port_variable_throws_naming_the_variable) {
    for (const char* port : {"abc", "70000", "65536", "-1", "+80", " 80", "80 ", "8080x", "0x50", "1e3"}) {
        const std::string message = port_rejection(port);
        BOOST_TEST_CONTEXT("GRADIO_SERVER_PORT='" << port << "', message: " << message) {
            BOOST_TEST(message.find("GRADIO_SERVER_PORT") != std::string::npos);
            BOOST_TEST(message.find(std::string("'") + port + "'") != std::string::npos);
        }
    }
}

// read_environment never returns "", but an injected reader may: resolve_config treats an empty
// GRADIO_SERVER_PORT as a malformed value (not as unset), which is the safer of the two readings.
BOOST_AUTO_TEST_CASE(an_empty_port_from_an_injected_reader_is_a_bad_port) {
    const std::string message = port_rejection("");
    BOOST_TEST(message.find("GRADIO_SERVER_PORT") != std::string::npos, "message: " << message);
}

BOOST_AUTO_TEST_CASE(parse_port_accepts_only_decimal_numbers_up_to_65535) {
    struct Row {
        std::string_view text;
        std::optional<std::uint16_t> port;
    };
    const Row table[] = {
        {"0", 0},
        {"1", 1},
        {"80", 80},
        {"7860", 7860},
        {"65535", 65535},
        {"65536", std::nullopt},
        {"70000", std::nullopt},
        {"4294967296", std::nullopt},
        {"99999999999999999999", std::nullopt},
        {"", std::nullopt},
        {"-1", std::nullopt},
        {"+1", std::nullopt},
        {"abc", std::nullopt},
        {"80a", std::nullopt},
        {" 80", std::nullopt},
        {"80 ", std::nullopt},
        {"0x50", std::nullopt},
        {"8.0", std::nullopt},
    };
    for (const auto& row : table) {
        BOOST_TEST_CONTEXT("text: '" << row.text << "'") {
            BOOST_TEST(parse_port(row.text).has_value() == row.port.has_value());
            BOOST_TEST(parse_port(row.text).value_or(0) == row.port.value_or(0));
        }
    }
}

BOOST_AUTO_TEST_CASE(parse_port_reads_a_view_without_a_terminating_nul) {
    const std::string_view text = std::string_view("80801").substr(0, 4);
    BOOST_TEST(parse_port(text).value_or(0) == 8080);
}

BOOST_AUTO_TEST_SUITE_END()
