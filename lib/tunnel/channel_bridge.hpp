#pragma once

#include "tunnel/signal.hpp"

#include <libssh/libssh.h>
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cohook::detail {

/// One forwarded SSH channel bridged to a fresh TCP connection to the local server, so a tunnelled
/// request enters exactly the same session code as a direct one. Two halves meet in two bounded buffers:
/// the tunnel's driver moves bytes between libssh and the buffers (`pump()`), the bridge's own coroutines
/// move them between the buffers and the socket. Neither side takes more than the other has made room
/// for, and writes to the channel never exceed the peer's SSH window. Strand only; create with make_shared.
class ChannelBridge : public std::enable_shared_from_this<ChannelBridge> {
  public:
    /// Most bytes buffered in each direction.
    static constexpr std::size_t kBufferLimit = 256 * 1024;

    /// Bridges `channel`, which `close()` frees (it must be called before the session ends);
    /// `wake_driver` is called whenever the driver has work, never after `close()`.
    ChannelBridge(asio::any_io_executor strand, ssh_channel channel, std::function<void()> wake_driver);
    ~ChannelBridge();
    ChannelBridge(const ChannelBridge&) = delete;
    ChannelBridge& operator=(const ChannelBridge&) = delete;

    /// Connects to the local server and pumps the socket until both directions are done.
    asio::awaitable<void> run(std::vector<asio::ip::tcp::endpoint> local);

    /// Driver side: moves what it can between libssh and the buffers; `can_write` is false while libssh
    /// still holds unsent output. True when anything moved.
    bool pump(bool can_write);

    /// True once both directions have ended (or one failed): the driver then calls `close()`.
    bool finished() const;

    /// Closes the socket and frees the channel (libssh sends the close); the coroutines then end.
    void close();

  private:
    bool pump_from_channel();
    bool pump_to_channel(bool can_write);
    asio::awaitable<void> read_local();
    asio::awaitable<void> write_local();
    void fail();

    ssh_channel channel_;
    asio::ip::tcp::socket socket_;
    Signal signal_;  // wakes read_local/write_local
    std::function<void()> wake_driver_;
    std::string to_local_;   // read from the channel, not yet written to the socket
    std::string to_remote_;  // read from the socket, not yet written to the channel
    bool connected_ = false;
    bool local_eof_ = false;       // the local server finished sending (or its socket failed)
    bool eof_sent_ = false;        // ... and the channel got our EOF
    bool remote_eof_ = false;      // the channel delivered EOF
    bool local_shutdown_ = false;  // ... and everything before it reached the local server
    bool failed_ = false;
    bool closed_ = false;
};

}  // namespace cohook::detail
