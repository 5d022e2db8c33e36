#include "tunnel/host_key.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace cohook::detail {
namespace {

std::string home_directory() {
    const char* home = std::getenv("HOME");
    return home != nullptr ? home : "";
}

// How `ssh` names a host in known_hosts and in `ssh-keygen -R`: "host", or "[host]:port" off port 22.
std::string host_key_name(const TunnelTarget& target) {
    return target.port == 22 ? target.host : fmt::format("[{}]:{}", target.host, target.port);
}

[[noreturn]] void refuse_unknown(const TunnelTarget& target, const std::string& key,
                                 const std::string& file) {
    throw std::runtime_error(fmt::format(
        "the host key of {} is not known (it presented {}; known hosts file: {}). Check that fingerprint "
        "with "
        "the server's operator, then either add the key to a known_hosts file and pass it with "
        "--share-known-hosts FILE (e.g. ssh-keyscan -p {} {} >> FILE), or let cohook add it on first use "
        "with --share-accept-new (ShareOptions::accept_new_host_key)",
        host_key_name(target), key, file, target.port, target.host));
}

[[noreturn]] void refuse_changed(const TunnelTarget& target, const std::string& key,
                                 const std::string& file) {
    throw std::runtime_error(fmt::format(
        "REFUSED: the host key of {} does not match the one recorded in {} (it presented {}). Someone may be "
        "intercepting the connection. If the server's key really changed, remove the old entry with "
        "ssh-keygen -R '{}' -f {}",
        host_key_name(target), file, key, host_key_name(target), file));
}

}  // namespace

std::string expand_home(const std::string& path) {
    return path.starts_with("~/") ? home_directory() + path.substr(1) : path;
}

std::string known_hosts_path(const std::string& configured) {
    return expand_home(configured.empty() ? "~/.ssh/known_hosts" : configured);
}

std::string server_key_description(ssh_session session) {
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK) return "an unreadable key";
    std::unique_ptr<ssh_key_struct, decltype(&ssh_key_free)> key_guard(key, &ssh_key_free);
    unsigned char* hash = nullptr;
    std::size_t length = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != SSH_OK)
        return "an unreadable key";
    char* fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    ssh_clean_pubkey_hash(&hash);
    std::string description = fmt::format("{} {}", ssh_key_type_to_char(ssh_key_type(key)),
                                          fingerprint != nullptr ? fingerprint : "?");
    ssh_string_free_char(fingerprint);
    return description;
}

void verify_host_key(ssh_session session, const TunnelTarget& target, const std::string& known_hosts,
                     bool accept_new) {
    const std::string key = server_key_description(session);
    switch (ssh_session_is_known_server(session)) {
        case SSH_KNOWN_HOSTS_OK:
            return;
        case SSH_KNOWN_HOSTS_CHANGED:
        case SSH_KNOWN_HOSTS_OTHER:  // known under another key type: as suspicious as a changed key
            refuse_changed(target, key, known_hosts);
        case SSH_KNOWN_HOSTS_UNKNOWN:
        case SSH_KNOWN_HOSTS_NOT_FOUND:
            if (!accept_new) refuse_unknown(target, key, known_hosts);
            if (ssh_session_update_known_hosts(session) != SSH_OK) {
                throw std::runtime_error(fmt::format("cannot add the host key of {} to {}: {}",
                                                     host_key_name(target), known_hosts,
                                                     ssh_get_error(session)));
            }
            return;
        case SSH_KNOWN_HOSTS_ERROR:
            break;
    }
    throw std::runtime_error(fmt::format("cannot check the host key of {} against {}: {}",
                                         host_key_name(target), known_hosts, ssh_get_error(session)));
}

}  // namespace cohook::detail
