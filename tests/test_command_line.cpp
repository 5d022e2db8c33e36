#include <cohook/command_line.hpp>
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace {

// Runs apply_command_line on `args` (program name added) and returns its result.
std::optional<int> apply(std::vector<std::string> args, cohook::ServerOptions& options) {
    args.insert(args.begin(), "cohook-test");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    return cohook::apply_command_line(static_cast<int>(argv.size()), argv.data(), options, "test");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(command_line)

BOOST_AUTO_TEST_CASE(host_and_port_are_applied_in_both_spellings) {
    cohook::ServerOptions options;
    BOOST_TEST(!apply({"--host", "0.0.0.0", "--port=0"}, options).has_value());
    BOOST_TEST(options.host.value_or("") == "0.0.0.0");
    BOOST_TEST(options.port.value_or(1) == 0);
}

BOOST_AUTO_TEST_CASE(share_flags_fill_the_share_options) {
    cohook::ServerOptions options;
    BOOST_TEST(!apply({"--share", "ssh://me@host:2222", "--share-identity", "key", "--share-known-hosts=kh",
                       "--share-accept-new", "--share-url", "https://hooks.example.com"},
                      options)
                    .has_value());
    BOOST_TEST(options.share.target == "ssh://me@host:2222");
    BOOST_TEST(options.share.identity_file == "key");
    BOOST_TEST(options.share.known_hosts_file == "kh");
    BOOST_TEST(options.share.accept_new_host_key);
    BOOST_TEST(options.share.public_url == "https://hooks.example.com");
}

BOOST_AUTO_TEST_CASE(help_exits_0_and_bad_flags_exit_2) {
    cohook::ServerOptions options;
    BOOST_TEST(apply({"--help"}, options).value_or(-1) == 0);
    BOOST_TEST(apply({"--port", "70000"}, options).value_or(-1) == 2);
    BOOST_TEST(apply({"--port"}, options).value_or(-1) == 2);
    BOOST_TEST(apply({"--share-accept-new=yes"}, options).value_or(-1) == 2);
    BOOST_TEST(apply({"--nope"}, options).value_or(-1) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
