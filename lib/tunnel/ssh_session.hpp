#pragma once

#include "tunnel/signal.hpp"

#include <libssh/libssh.h>
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace cohook::detail {

/// One libssh session in non-blocking mode, driven from an Asio strand: libssh never waits itself;
/// `wait()` waits on its socket through the reactor. Every member must be used from that one strand.
class SshSession {
  public:
    using Clock = std::chrono::steady_clock;

    /// A fresh, unconnected session whose sockets and timers use `executor` (a strand).
    explicit SshSession(asio::any_io_executor executor);
    ~SshSession();
    SshSession(const SshSession&) = delete;
    SshSession& operator=(const SshSession&) = delete;

    /// The libssh handle, for the calls this class does not wrap.
    ssh_session get() const { return session_; }

    /// Sets a libssh option; throws std::runtime_error naming `what` on failure.
    void set_option(ssh_options_e option, const void* value, std::string_view what);

    /// Hands a connected socket over: libssh owns the descriptor from now on (and closes it), this
    /// object watches it for readiness.
    void attach(asio::ip::tcp::socket socket);

    /// Waits until libssh may have something to do: the socket is readable (or writable while libssh
    /// has output queued), `notify()` was called, or `deadline` passed. Returns after a mere yield when
    /// the kernel already holds data, so it never sleeps on bytes that are already there.
    asio::awaitable<void> wait(Clock::time_point deadline);

    /// Calls `call` until it returns something other than `again` (SSH_AGAIN or SSH_AUTH_AGAIN), waiting
    /// in between. Throws std::runtime_error "<what>: timed out" at `deadline`, "<what>: stopped" after
    /// `set_interrupted(true)`.
    asio::awaitable<int> retry(const std::function<int()>& call, int again, Clock::time_point deadline,
                               std::string_view what);

    /// Wakes `wait()` (a bridge has made room or data).
    void notify() { wake_.notify(); }
    /// Clears a pending notification; true if there was one.
    bool reset_notification() { return wake_.reset(); }
    /// While set, `retry()` throws (the owner is stopping); setting it wakes `wait()`.
    void set_interrupted(bool interrupted);
    bool interrupted() const { return interrupted_; }

    /// True while the transport is up (no disconnect, no socket error).
    bool connected() const;
    /// libssh's last error message.
    std::string error() const;
    /// When bytes last arrived from the server (libssh's socket byte counter, checked on each call).
    Clock::time_point last_activity();
    /// True while libssh holds output it could not write yet.
    bool write_pending() const;

    /// Stops watching the socket and disconnects (libssh sends SSH_MSG_DISCONNECT and closes it).
    void close();

  private:
    bool readable_now();

    ssh_session session_;
    asio::posix::stream_descriptor descriptor_;
    asio::steady_timer timer_;
    Signal wake_;
    bool interrupted_ = false;
    ssh_counter_struct counter_{};  // libssh adds every byte it reads from the socket
    std::uint64_t bytes_seen_ = 0;
    Clock::time_point last_activity_ = Clock::now();
};

}  // namespace cohook::detail
