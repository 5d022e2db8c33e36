// Share targets: preset names and ssh:// URLs resolved to where and how to connect (pure: no sockets).
#include "tunnel/presets.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

using cohook::ShareOptions;
using cohook::detail::parse_target;
using cohook::detail::self_hosted_url;
using cohook::detail::TunnelTarget;

namespace {

TunnelTarget parse(std::string target, std::uint16_t remote_port = 0) {
    ShareOptions options;
    options.target = std::move(target);
    options.remote_port = remote_port;
    return parse_target(options);
}

std::string error_for(std::string target) {
    try {
        parse(std::move(target));
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(presets)

BOOST_AUTO_TEST_CASE(localhost_run_is_nokey_on_port_22_forwarding_80_with_json_output) {
    const auto target = parse("localhost.run", 1234);
    BOOST_TEST(target.host == "localhost.run");
    BOOST_TEST(target.port == 22);
    BOOST_TEST(target.user == "nokey");
    BOOST_TEST(target.remote_port == 80);  // the preset's, whatever the options say
    BOOST_TEST(target.remote_bind == "localhost");
    BOOST_TEST(target.session_command.value_or("(none)") == "--output json");
    BOOST_TEST(target.hosted());
}

BOOST_AUTO_TEST_CASE(pinggy_is_port_443_with_a_server_chosen_port_and_a_shell) {
    const auto target = parse("pinggy");
    BOOST_TEST(target.host == "a.pinggy.io");
    BOOST_TEST(target.port == 443);
    BOOST_TEST(target.user.empty());
    BOOST_TEST(target.remote_port == 0);
    BOOST_TEST(target.session_command.value_or("(none)").empty());
}

BOOST_AUTO_TEST_CASE(serveo_is_port_22_forwarding_80_with_a_shell) {
    const auto target = parse("serveo");
    BOOST_TEST(target.host == "serveo.net");
    BOOST_TEST(target.port == 22);
    BOOST_TEST(target.remote_port == 80);
    BOOST_TEST(target.hosted());
}

BOOST_AUTO_TEST_CASE(ssh_url_gives_user_host_port_and_the_requested_remote_port) {
    const auto target = parse("ssh://deploy@tunnel.example.org:2222", 8080);
    BOOST_TEST(target.user == "deploy");
    BOOST_TEST(target.host == "tunnel.example.org");
    BOOST_TEST(target.port == 2222);
    BOOST_TEST(target.remote_port == 8080);
    BOOST_TEST(!target.hosted());  // no session channel: the URL comes from the options
    BOOST_TEST(target.name == "deploy@tunnel.example.org:2222");
}

BOOST_AUTO_TEST_CASE(ssh_url_defaults_to_port_22_and_the_current_user) {
    const auto target = parse("ssh://example.org");
    BOOST_TEST(target.host == "example.org");
    BOOST_TEST(target.port == 22);
    BOOST_TEST(target.user.empty());
    BOOST_TEST(target.remote_port == 0);
}

BOOST_AUTO_TEST_CASE(ssh_url_accepts_bracketed_ipv6) {
    const auto target = parse("ssh://me@[::1]:2200");
    BOOST_TEST(target.host == "::1");
    BOOST_TEST(target.port == 2200);
    BOOST_TEST(parse("ssh://[fe80::1]").port == 22);
}

BOOST_AUTO_TEST_CASE(malformed_targets_are_refused_with_the_accepted_forms) {
    BOOST_TEST(error_for("ngrok").find("unknown preset") != std::string::npos);
    BOOST_TEST(error_for("ngrok").find("ssh://[user@]host[:port]") != std::string::npos);
    BOOST_TEST(error_for("ssh://host:0").find("not a port number") != std::string::npos);
    BOOST_TEST(error_for("ssh://host:70000").find("not a port number") != std::string::npos);
    BOOST_TEST(error_for("ssh://host:22x").find("not a port number") != std::string::npos);
    BOOST_TEST(error_for("ssh://@host").find("empty user") != std::string::npos);
    BOOST_TEST(error_for("ssh://host/path").find("no path") != std::string::npos);
    BOOST_TEST(error_for("ssh://:22").find("no host") != std::string::npos);
    BOOST_TEST(error_for("ssh://[::1").find("unterminated") != std::string::npos);
    BOOST_TEST(error_for("").find("no share target") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(self_hosted_url_is_the_configured_one_or_host_and_allocated_port) {
    ShareOptions options;
    options.target = "ssh://me@tunnel.example.org";
    const auto target = parse_target(options);
    BOOST_TEST(self_hosted_url(target, options, 40123) == "http://tunnel.example.org:40123");
    options.public_url = "https://hooks.example.org";
    BOOST_TEST(self_hosted_url(target, options, 40123) == "https://hooks.example.org");
    BOOST_TEST(self_hosted_url(parse("ssh://[::1]:22"), ShareOptions{}, 5000) == "http://[::1]:5000");
}

BOOST_AUTO_TEST_SUITE_END()
