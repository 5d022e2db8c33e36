#include "tunnel/channel_bridge.hpp"

#include "observe/log.hpp"

#include <asio/connect.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <array>

namespace cohook::detail {
namespace {

constexpr std::size_t kChunk = 32 * 1024;
constexpr auto kToken = asio::experimental::as_tuple(asio::use_awaitable);

}  // namespace

ChannelBridge::ChannelBridge(asio::any_io_executor strand, ssh_channel channel,
                             std::function<void()> wake_driver)
    : channel_(channel), socket_(strand), signal_(strand), wake_driver_(std::move(wake_driver)) {}

// The channel belongs to the session, which frees whatever is left when it ends: never touched here.
ChannelBridge::~ChannelBridge() = default;

asio::awaitable<void> ChannelBridge::run(std::vector<asio::ip::tcp::endpoint> local) {
    using namespace asio::experimental::awaitable_operators;
    auto self = shared_from_this();
    auto [ec, endpoint] = co_await asio::async_connect(socket_, local, kToken);
    if (closed_) co_return;
    if (ec) {
        log_warning("share link: cannot reach the local server: {}", ec.message());
        fail();
        co_return;
    }
    socket_.set_option(asio::ip::tcp::no_delay(true), ec);
    connected_ = true;
    wake_driver_();
    co_await (read_local() && write_local());
}

asio::awaitable<void> ChannelBridge::read_local() {
    std::array<char, kChunk> chunk;
    for (;;) {
        while (to_remote_.size() >= kBufferLimit && !closed_) co_await signal_.next();
        if (closed_) co_return;
        const std::size_t room = std::min(chunk.size(), kBufferLimit - to_remote_.size());
        auto [ec, n] = co_await socket_.async_read_some(asio::buffer(chunk.data(), room), kToken);
        if (closed_) co_return;
        to_remote_.append(chunk.data(), n);
        if (ec) local_eof_ = true;  // EOF, or an error: either way the local side sends no more
        wake_driver_();
        if (ec) co_return;
    }
}

asio::awaitable<void> ChannelBridge::write_local() {
    for (;;) {
        while (to_local_.empty() && !remote_eof_ && !closed_) co_await signal_.next();
        if (closed_) co_return;
        if (to_local_.empty()) break;  // remote EOF and everything delivered
        std::string bytes;
        bytes.swap(to_local_);
        wake_driver_();  // the buffer has room again
        auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(bytes), kToken);
        if (closed_) co_return;
        if (ec) {
            fail();
            co_return;
        }
    }
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    local_shutdown_ = true;
    wake_driver_();
}

bool ChannelBridge::pump(bool can_write) {
    if (!connected_ || closed_ || failed_) return false;
    const bool moved_in = pump_from_channel();
    const bool moved_out = pump_to_channel(can_write);
    return moved_in || moved_out;
}

bool ChannelBridge::pump_from_channel() {
    bool moved = false;
    std::array<char, kChunk> chunk;
    while (!remote_eof_ && to_local_.size() < kBufferLimit) {
        const auto room = static_cast<std::uint32_t>(std::min(chunk.size(), kBufferLimit - to_local_.size()));
        const int n = ssh_channel_read_nonblocking(channel_, chunk.data(), room, 0);
        if (n > 0) {
            to_local_.append(chunk.data(), static_cast<std::size_t>(n));
        } else if (n == SSH_EOF || (n == 0 && ssh_channel_is_closed(channel_) != 0)) {
            remote_eof_ = true;
        } else if (n == 0 || n == SSH_AGAIN) {
            break;  // nothing buffered in libssh and nothing more on the socket right now
        } else {
            fail();
            return true;
        }
        moved = true;
    }
    if (moved) signal_.notify();
    return moved;
}

bool ChannelBridge::pump_to_channel(bool can_write) {
    bool moved = false;
    if (!to_remote_.empty() && can_write && !ssh_channel_is_closed(channel_)) {
        // Never more than the peer's window: beyond it libssh would buffer without bound.
        const std::size_t window = ssh_channel_window_size(channel_);
        const std::size_t size = std::min({to_remote_.size(), window, kBufferLimit});
        if (size > 0) {
            const int n = ssh_channel_write(channel_, to_remote_.data(), static_cast<std::uint32_t>(size));
            if (n < 0 && n != SSH_AGAIN) {
                fail();
                return true;
            }
            if (n < 0) return moved;
            to_remote_.erase(0, static_cast<std::size_t>(n));
            moved = n > 0;
        }
    }
    if (local_eof_ && to_remote_.empty() && !eof_sent_) {
        if (!ssh_channel_is_closed(channel_)) ssh_channel_send_eof(channel_);
        eof_sent_ = true;
        moved = true;
    }
    if (moved) signal_.notify();
    return moved;
}

bool ChannelBridge::finished() const {
    if (failed_) return true;
    // A channel the server closed takes nothing more: the local→remote direction is over.
    const bool outbound_done = eof_sent_ || (channel_ != nullptr && ssh_channel_is_closed(channel_) != 0);
    return outbound_done && local_shutdown_;
}

void ChannelBridge::fail() {
    failed_ = true;
    wake_driver_();
}

void ChannelBridge::close() {
    if (closed_) return;
    closed_ = true;
    asio::error_code ignored;
    socket_.close(ignored);
    signal_.notify();
    if (channel_ != nullptr) {
        ssh_channel_free(channel_);  // sends CHANNEL_CLOSE; libssh frees it once the peer's close arrives
        channel_ = nullptr;
    }
}

}  // namespace cohook::detail
