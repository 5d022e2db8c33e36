#include "tunnel/ssh_auth.hpp"

#include "tunnel/host_key.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cohook::detail {
namespace {

using Clock = SshSession::Clock;

std::string method_names(int methods) {
    std::vector<std::string> names;
    if (methods & SSH_AUTH_METHOD_PUBLICKEY) names.emplace_back("publickey");
    if (methods & SSH_AUTH_METHOD_PASSWORD) names.emplace_back("password");
    if (methods & SSH_AUTH_METHOD_INTERACTIVE) names.emplace_back("keyboard-interactive");
    if (methods & SSH_AUTH_METHOD_HOSTBASED) names.emplace_back("hostbased");
    if (methods & SSH_AUTH_METHOD_GSSAPI_MIC) names.emplace_back("gssapi-with-mic");
    return names.empty() ? "nothing we can use" : fmt::format("{}", fmt::join(names, ", "));
}

// Tries one private key file; a file that cannot be loaded throws when the user named it, else is skipped.
asio::awaitable<bool> try_key_file(SshSession& session, const std::string& path, bool named,
                                   Clock::time_point deadline) {
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(path.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
        if (!named) co_return false;
        throw std::runtime_error(fmt::format(
            "cannot load the identity file {} (missing, unreadable or passphrase-protected: load such keys "
            "into ssh-agent and leave the identity option empty)",
            path));
    }
    std::unique_ptr<ssh_key_struct, decltype(&ssh_key_free)> guard(key, &ssh_key_free);
    const int rc = co_await session.retry([&] { return ssh_userauth_publickey(session.get(), nullptr, key); },
                                          SSH_AUTH_AGAIN, deadline, "public key authentication");
    co_return rc == SSH_AUTH_SUCCESS;
}

asio::awaitable<bool> try_public_keys(SshSession& session, const ShareOptions& options,
                                      std::vector<std::string>& tried, Clock::time_point deadline) {
    if (!options.identity_file.empty()) {
        const std::string path = expand_home(options.identity_file);
        tried.push_back(path);
        co_return co_await try_key_file(session, path, true, deadline);
    }
    if (std::getenv("SSH_AUTH_SOCK") != nullptr) {
        tried.emplace_back("ssh-agent");
        const int rc = co_await session.retry([&] { return ssh_userauth_agent(session.get(), nullptr); },
                                              SSH_AUTH_AGAIN, deadline, "ssh-agent authentication");
        if (rc == SSH_AUTH_SUCCESS) co_return true;
    }
    for (const char* name : {"~/.ssh/id_ed25519", "~/.ssh/id_rsa"}) {
        const std::string path = expand_home(name);
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) continue;
        tried.push_back(path);
        if (co_await try_key_file(session, path, false, deadline)) co_return true;
    }
    co_return false;
}

// Keyboard-interactive where the server asks nothing (some hosted services): answer empty rounds only.
asio::awaitable<bool> try_keyboard_interactive(SshSession& session, Clock::time_point deadline) {
    const auto step = [&] { return ssh_userauth_kbdint(session.get(), nullptr, nullptr); };
    int rc = co_await session.retry(step, SSH_AUTH_AGAIN, deadline, "keyboard-interactive authentication");
    for (int round = 0; rc == SSH_AUTH_INFO && round < 8; ++round) {
        if (ssh_userauth_kbdint_getnprompts(session.get()) > 0) {
            char echo = 0;
            const char* prompt = ssh_userauth_kbdint_getprompt(session.get(), 0, &echo);
            throw std::runtime_error(
                fmt::format("the server asks '{}' (keyboard-interactive); use a key instead",
                            prompt != nullptr ? prompt : ""));
        }
        rc = co_await session.retry(step, SSH_AUTH_AGAIN, deadline, "keyboard-interactive authentication");
    }
    co_return rc == SSH_AUTH_SUCCESS;
}

}  // namespace

asio::awaitable<void> authenticate(SshSession& session, const TunnelTarget& target,
                                   const ShareOptions& options, Clock::time_point deadline) {
    std::vector<std::string> tried{"none"};
    const int rc = co_await session.retry([&] { return ssh_userauth_none(session.get(), nullptr); },
                                          SSH_AUTH_AGAIN, deadline, "authentication");
    if (rc == SSH_AUTH_SUCCESS) co_return;
    if (rc == SSH_AUTH_ERROR) throw std::runtime_error("authentication failed: " + session.error());
    const int methods = ssh_userauth_list(session.get(), nullptr);
    if ((methods & SSH_AUTH_METHOD_PUBLICKEY) && co_await try_public_keys(session, options, tried, deadline))
        co_return;
    if (methods & SSH_AUTH_METHOD_INTERACTIVE) {
        tried.emplace_back("keyboard-interactive");
        if (co_await try_keyboard_interactive(session, deadline)) co_return;
    }
    throw std::runtime_error(fmt::format("{} refused authentication: it accepts {}; tried {}", target.name,
                                         method_names(methods), fmt::join(tried, ", ")));
}

}  // namespace cohook::detail
