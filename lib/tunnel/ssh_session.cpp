#include "tunnel/ssh_session.hpp"

#include <fmt/format.h>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <stdexcept>

namespace cohook::detail {

SshSession::SshSession(asio::any_io_executor executor)
    : session_(ssh_new()), descriptor_(executor), timer_(executor), wake_(executor) {
    if (session_ == nullptr) throw std::runtime_error("libssh: ssh_new failed");
    ssh_set_blocking(session_, 0);
    ssh_set_counters(session_, &counter_, nullptr);
}

SshSession::~SshSession() {
    close();
    ssh_free(session_);
}

void SshSession::set_option(ssh_options_e option, const void* value, std::string_view what) {
    if (ssh_options_set(session_, option, value) != SSH_OK) {
        throw std::runtime_error(fmt::format("cannot set SSH option {}: {}", what, error()));
    }
}

void SshSession::attach(asio::ip::tcp::socket socket) {
    socket.set_option(asio::ip::tcp::no_delay(true));
    int fd = socket.release();
    // libssh in non-blocking mode expects a non-blocking descriptor; Asio sets the flag lazily.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (ssh_options_set(session_, SSH_OPTIONS_FD, &fd) != SSH_OK) {
        ::close(fd);
        throw std::runtime_error("cannot hand the socket to libssh: " + error());
    }
    descriptor_.assign(fd);
}

asio::awaitable<void> SshSession::wait(Clock::time_point deadline) {
    using namespace asio::experimental::awaitable_operators;
    // Asio's epoll reactor is edge-triggered, and libssh reads at most 4 KiB from the socket per call:
    // after a libssh call the kernel may still hold bytes whose edge was already reported. So the level is
    // checked first (poll with a zero timeout) and the reactor is only asked to wait when the socket is
    // really empty; otherwise this merely yields to the other coroutines of the strand. Bytes libssh has
    // already taken into its own buffers are never waited for: callers drain libssh (channel reads until
    // they return 0, calls until they stop returning SSH_AGAIN) before calling wait(). With both rules no
    // timer fallback is needed; the caller's deadline (keepalive tick) bounds every wait anyway.
    if (readable_now()) {
        co_await asio::post(descriptor_.get_executor(), asio::use_awaitable);
        co_return;
    }
    const auto token = asio::experimental::as_tuple(asio::use_awaitable);
    timer_.expires_at(deadline);
    if (write_pending()) {
        co_await (descriptor_.async_wait(asio::posix::descriptor_base::wait_read, token) ||
                  descriptor_.async_wait(asio::posix::descriptor_base::wait_write, token) ||
                  timer_.async_wait(token) || wake_.wait());
    } else {
        co_await (descriptor_.async_wait(asio::posix::descriptor_base::wait_read, token) ||
                  timer_.async_wait(token) || wake_.wait());
    }
}

asio::awaitable<int> SshSession::retry(const std::function<int()>& call, int again,
                                       Clock::time_point deadline, std::string_view what) {
    for (;;) {
        if (interrupted_) throw std::runtime_error(fmt::format("{}: stopped", what));
        const int rc = call();
        if (rc != again) co_return rc;
        if (!connected()) throw std::runtime_error(fmt::format("{}: connection lost ({})", what, error()));
        if (Clock::now() >= deadline) throw std::runtime_error(fmt::format("{}: timed out", what));
        co_await wait(deadline);
    }
}

void SshSession::set_interrupted(bool interrupted) {
    interrupted_ = interrupted;
    if (interrupted) wake_.notify();
}

bool SshSession::connected() const {
    return ssh_is_connected(session_) == 1 &&
           (ssh_get_status(session_) & (SSH_CLOSED | SSH_CLOSED_ERROR)) == 0;
}

std::string SshSession::error() const {
    return ssh_get_error(session_);
}

bool SshSession::write_pending() const {
    return (ssh_get_poll_flags(session_) & SSH_WRITE_PENDING) != 0;
}

bool SshSession::readable_now() {
    if (!descriptor_.is_open()) return false;
    pollfd pfd{descriptor_.native_handle(), POLLIN, 0};
    return ::poll(&pfd, 1, 0) > 0;
}

SshSession::Clock::time_point SshSession::last_activity() {
    if (counter_.in_bytes != bytes_seen_) {
        bytes_seen_ = counter_.in_bytes;
        last_activity_ = Clock::now();
    }
    return last_activity_;
}

void SshSession::close() {
    // libssh closes the descriptor itself: take it away from the reactor first.
    if (descriptor_.is_open()) {
        asio::error_code ignored;
        descriptor_.cancel(ignored);
        descriptor_.release();
    }
    timer_.cancel();
    if (ssh_is_connected(session_) != 0) ssh_disconnect(session_);
}

}  // namespace cohook::detail
