#pragma once

// Runs a real OpenSSH sshd on 127.0.0.1 for the tunnel tests: host and client keys generated for the
// run in a temporary directory, remote forwarding allowed (no GatewayPorts), started on a free port,
// killed by PID together with the per-connection processes it forked.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace cohook::test {

inline constexpr const char* kSshd = "/usr/sbin/sshd";
inline constexpr const char* kSshKeygen = "/usr/bin/ssh-keygen";

/// True when the OpenSSH server and ssh-keygen are installed (.ci/install-deps installs them).
inline bool sshd_available() {
    return ::access(kSshd, X_OK) == 0 && ::access(kSshKeygen, X_OK) == 0;
}

/// Whole contents of a file ("" when missing).
inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// True when something accepts TCP connections on 127.0.0.1:`port` right now.
inline bool loopback_port_open(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return open;
}

/// A port nobody listens on at the moment of the call.
inline std::uint16_t free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t length = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
    ::close(fd);
    return ntohs(addr.sin_port);
}

/// A running sshd; stopped and cleaned up on destruction.
class SshdFixture {
  public:
    SshdFixture() : port_(free_loopback_port()) {
        char pattern[] = "/tmp/cohook-sshd-XXXXXX";
        if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        keygen(dir_ + "/host_key");
        keygen(dir_ + "/other_host_key");
        keygen(dir_ + "/client_key");
        std::filesystem::copy_file(dir_ + "/client_key.pub", dir_ + "/authorized_keys");
        write_config();
        ::mkdir("/run/sshd", 0755);  // privilege separation directory, absent until the service first runs
        start();
    }
    ~SshdFixture() {
        kill();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    SshdFixture(const SshdFixture&) = delete;
    SshdFixture& operator=(const SshdFixture&) = delete;

    std::uint16_t port() const { return port_; }
    const std::string& dir() const { return dir_; }
    /// Private key whose public half is authorized.
    std::string client_key() const { return dir_ + "/client_key"; }
    /// The user the client logs in as: whoever runs the tests.
    static std::string user() { return ::getpwuid(::getuid())->pw_name; }
    /// A known_hosts file (written on first call) holding this server's real host key.
    std::string known_hosts() const { return write_known_hosts("known_hosts", "host_key.pub"); }
    /// A known_hosts file holding another key for this server's name, as after a key change or an attack.
    std::string wrong_known_hosts() const {
        return write_known_hosts("wrong_known_hosts", "other_host_key.pub");
    }
    /// The host key's fingerprint as `ssh-keygen -l` prints it: "SHA256:...".
    std::string host_key_fingerprint() const {
        const std::string command = std::string(kSshKeygen) + " -l -E sha256 -f " + dir_ + "/host_key.pub";
        std::FILE* pipe = ::popen(command.c_str(), "r");
        char line[512] = {};
        const bool read = pipe != nullptr && std::fgets(line, sizeof line, pipe) != nullptr;
        if (pipe != nullptr) ::pclose(pipe);
        std::istringstream fields(read ? line : "");
        std::string bits, fingerprint;
        fields >> bits >> fingerprint;
        return fingerprint;
    }
    /// What sshd logged so far.
    std::string log() const { return read_text(dir_ + "/sshd.log"); }

    /// Starts sshd (again) on the same port and waits, bounded, until it listens.
    void start() {
        const std::size_t logged = log().size();
        // Everything the child needs is prepared before fork: other threads may hold allocator locks.
        const std::string config = dir_ + "/sshd_config";
        const int log_fd =
            ::open((dir_ + "/sshd.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            ::dup2(log_fd, STDOUT_FILENO);  // never the test's own output: a pipe must see EOF
            ::dup2(log_fd, STDERR_FILENO);
            ::execl(kSshd, kSshd, "-D", "-e", "-f", config.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(log_fd);
        const std::string ready = "Server listening on 127.0.0.1 port " + std::to_string(port_);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (log().find(ready, logged) == std::string::npos) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_ || std::chrono::steady_clock::now() > deadline) {
                pid_ = -1;
                throw std::runtime_error("sshd did not start:\n" + log());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));  // bounded polling of readiness
        }
    }

    /// Kills sshd and every process it forked (one per client connection), like a crash of the server.
    void kill() {
        if (pid_ <= 0) return;
        for (pid_t victim : process_tree()) ::kill(victim, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    /// Freezes the processes serving the current connections (SIGSTOP): their TCP connections stay up
    /// but nothing answers any more, like a hung server. The listener keeps accepting new connections.
    void freeze_sessions() {
        const auto tree = process_tree();
        for (std::size_t i = 1; i < tree.size(); ++i) ::kill(tree[i], SIGSTOP);
    }

    /// How many times `text` occurs in the log.
    std::size_t log_count(std::string_view text) const {
        const std::string all = log();
        std::size_t count = 0;
        for (auto at = all.find(text); at != std::string::npos; at = all.find(text, at + 1)) ++count;
        return count;
    }

    /// Waits (bounded polling of the log file) until `text` was logged `count` times; false on timeout.
    bool wait_for_log(std::string_view text, std::size_t count, std::chrono::seconds timeout) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (log_count(text) < count) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return true;
    }

  private:
    static void keygen(const std::string& path) {
        const std::string command =
            std::string(kSshKeygen) + " -q -t ed25519 -N '' -C cohook-test -f " + path;
        if (std::system(command.c_str()) != 0) throw std::runtime_error("ssh-keygen failed for " + path);
    }

    void write_config() const {
        std::ofstream config(dir_ + "/sshd_config");
        config << "Port " << port_ << "\nListenAddress 127.0.0.1\n"
               << "HostKey " << dir_ << "/host_key\n"
               << "PidFile " << dir_ << "/sshd.pid\n"
               << "AuthorizedKeysFile " << dir_ << "/authorized_keys\n"
               << "PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\n"
               << "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
               << "AllowTcpForwarding remote\nGatewayPorts no\nX11Forwarding no\nPermitTTY no\n"
               << "AllowAgentForwarding no\nLogLevel DEBUG1\n";  // DEBUG1 logs global requests
    }

    std::string write_known_hosts(const std::string& name, const std::string& key_file) const {
        const std::string path = dir_ + "/" + name;
        std::ofstream out(path);
        out << "[127.0.0.1]:" << port_ << " " << read_text(dir_ + "/" + key_file);
        return path;
    }

    // sshd first, then every process below it.
    std::vector<pid_t> process_tree() const {
        std::vector<pid_t> tree{pid_};
        for (std::size_t i = 0; i < tree.size(); ++i) {
            for (pid_t child : children_of(tree[i])) tree.push_back(child);
        }
        return tree;
    }

    static std::vector<pid_t> children_of(pid_t parent) {
        std::vector<pid_t> children;
        for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
            const std::string name = entry.path().filename();
            if (name.find_first_not_of("0123456789") != std::string::npos) continue;
            // /proc/<pid>/stat: "pid (comm) state ppid ...", comm may contain spaces: parse after ')'.
            const std::string stat = read_text(entry.path().string() + "/stat");
            const auto close = stat.rfind(')');
            if (close == std::string::npos) continue;
            std::istringstream fields(stat.substr(close + 1));
            std::string state;
            pid_t ppid = 0;
            fields >> state >> ppid;
            if (ppid == parent) children.push_back(std::stoi(name));
        }
        return children;
    }

    std::uint16_t port_;
    std::string dir_;
    pid_t pid_ = -1;
};

}  // namespace cohook::test
