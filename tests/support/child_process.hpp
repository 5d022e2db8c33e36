#pragma once

// Runs a program as a child process with its stdout captured, for tests of the real binaries:
// read its banner line by line (bounded waits), signal it, and collect its exit status.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cohook::test {

/// A child process whose stdout (and stderr, merged) the test reads.
class ChildProcess {
  public:
    /// Starts `argv[0]` with `argv` and extra `env` entries ("NAME=value") added to the environment.
    explicit ChildProcess(std::vector<std::string> argv, std::vector<std::string> env = {}) {
        int fds[2];
        if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            ::dup2(fds[1], STDERR_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
            for (auto& entry : env) ::putenv(entry.data());
            std::vector<char*> args;
            for (auto& arg : argv) args.push_back(arg.data());
            args.push_back(nullptr);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        fd_ = fds[0];
    }
    ~ChildProcess() {
        if (pid_ > 0 && !status_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(fd_);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// The next output line (without '\n'), or nullopt on EOF or when `timeout` passes first.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (const auto eol = buffer_.find('\n'); eol != std::string::npos) {
                std::string line = buffer_.substr(0, eol);
                buffer_.erase(0, eol + 1);
                output_ += line + "\n";
                return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::nullopt;
            pollfd pfd{fd_, POLLIN, 0};
            if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
            char chunk[4096];
            const ssize_t n = ::read(fd_, chunk, sizeof chunk);
            if (n <= 0) return std::nullopt;
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    /// Reads lines until one starts with `prefix`; returns it, or nullopt on EOF/timeout.
    std::optional<std::string> read_until(std::string_view prefix) {
        while (auto line = read_line()) {
            if (line->starts_with(prefix)) return line;
        }
        return std::nullopt;
    }

    /// Sends `signal` to the child.
    void send_signal(int signal) { ::kill(pid_, signal); }

    /// Waits (bounded) for the child to exit; its exit code, or nullopt if it did not exit in time
    /// or died from a signal.
    std::optional<int> wait(std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!status_) {
            int status = 0;
            const pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                status_ = status;
                break;
            }
            if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
            // Drain output so the child never blocks on a full pipe while exiting.
            read_line(std::chrono::milliseconds(20));
        }
        while (read_line(std::chrono::milliseconds(100))) {
        }
        if (!WIFEXITED(*status_)) return std::nullopt;
        return WEXITSTATUS(*status_);
    }

    /// Every line read so far.
    const std::string& output() const { return output_; }

  private:
    pid_t pid_ = -1;
    int fd_ = -1;
    std::string buffer_;
    std::string output_;
    std::optional<int> status_;
};

}  // namespace cohook::test
