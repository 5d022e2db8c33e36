#include "server/session.hpp"

#include "http/response_writer.hpp"

#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <cstring>
#include <utility>

namespace cohook::detail {

namespace {
constexpr auto kUseTuple = asio::experimental::as_tuple(asio::use_awaitable);
// After an error response, how long to keep draining what the client still sends, so that closing
// does not reset the connection and destroy the response before the client has read it.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kBufferSize = ReadBufferPool::kBufferSize;

std::chrono::milliseconds shortest_timeout(const HttpLimits& limits) {
    return std::min({limits.idle_timeout, limits.header_timeout, limits.body_timeout, limits.write_timeout});
}
}  // namespace

Session::Session(asio::ip::tcp::socket socket, std::shared_ptr<SessionShared> shared)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      shared_(std::move(shared)),
      parser_(shared_->limits) {}

asio::awaitable<void> Session::run() {
    for (;;) {
        if (!co_await read_request()) break;
        Request& request = parser_.request();
        const Response response = co_await shared_->dispatch(request);
        // A stopping server answers what it has read, then closes instead of waiting for more.
        const bool keep_alive = request.keep_alive() && !shared_->stopping.load();
        if (!co_await write_response(response, keep_alive, request.method == "HEAD") || !keep_alive) break;
        parser_.reset();
    }
    stop_watchdog();
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

asio::awaitable<bool> Session::read_request() {
    stage_ = Stage::idle;
    arm_deadline(shared_->limits.idle_timeout);
    bool continue_sent = false;
    for (;;) {
        if (buffered()) {
            begin_ += parser_.feed(std::string_view(buffer_.get() + begin_, end_ - begin_));
            if (parser_.state() == http::ParseState::complete) co_return true;
            if (parser_.state() == http::ParseState::error) {
                co_await reject(parser_.error_status());
                co_return false;
            }
            update_stage();
            if (parser_.expects_continue() && !continue_sent) {
                // Clients such as curl hold the body back for a second unless told to go on.
                continue_sent = true;
                auto [ec, n] =
                    co_await asio::async_write(socket_, asio::buffer(http::kContinueResponse), kUseTuple);
                if (ec) co_return false;
            }
        }
        compact_buffer();
        if (stage_ == Stage::idle && shared_->stopping.load()) co_return false;
        if (!buffer_ && !co_await wait_readable()) co_return false;
        auto [ec, n] = co_await socket_.async_read_some(
            asio::buffer(buffer_.get() + end_, kBufferSize - end_), kUseTuple);
        if (std::exchange(hibernate_requested_, false) && ec == asio::error::operation_aborted) {
            hibernate();
            continue;
        }
        if (ec) {
            if (timed_out_ && parser_.started()) co_await reject(408);
            co_return false;
        }
        end_ += n;
    }
}

asio::awaitable<bool> Session::wait_readable() {
    // Waiting for readability needs no buffer; the read that follows finds the bytes already there.
    auto [ec] = co_await socket_.async_wait(asio::socket_base::wait_read, kUseTuple);
    if (ec) co_return false;  // idle timeout or server stop: nothing was started, nothing to answer
    take_buffer();
    co_return true;
}

void Session::take_buffer() {
    buffer_ = PooledBuffer(shared_->buffers.acquire(), ReturnToPool{&shared_->buffers});
}

void Session::hibernate() {
    // Only between requests with nothing buffered: no byte of the client's is dropped. The buffer's pages
    // go back to the system, not just to the pool: an idle connection should not keep them resident.
    shared_->buffers.release(buffer_.release(), true);
    begin_ = end_ = 0;
    parser_ = http::RequestParser(shared_->limits);  // also drops the last request's strings
}

void Session::update_stage() {
    // Each stage has its own clock: a slow sender of headers or body is cut on time whatever it does.
    const Stage now = !parser_.started()            ? Stage::idle
                      : !parser_.headers_complete() ? Stage::headers
                                                    : Stage::body;
    if (now == stage_) return;
    stage_ = now;
    if (now == Stage::headers) arm_deadline(shared_->limits.header_timeout);
    if (now == Stage::body) arm_deadline(shared_->limits.body_timeout);
}

void Session::compact_buffer() {
    if (begin_ == end_) {
        begin_ = end_ = 0;
    } else if (begin_ > 0) {
        std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
}

asio::awaitable<bool> Session::write_response(const Response& response, bool keep_alive, bool head_only) {
    head_.clear();
    http::write_response_head(head_, response, keep_alive);
    arm_deadline(shared_->limits.write_timeout);
    // A body on a 204 or 304 would be read as the start of the next response: never send one.
    // A HEAD response has the GET response's head and no body (RFC 9110 §9.3.2).
    const bool send_body = http::may_have_content(response.status) && !head_only;
    const std::string_view body = send_body ? std::string_view(response.body) : std::string_view{};
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body)};
    auto [ec, n] = co_await asio::async_write(socket_, buffers, kUseTuple);
    co_return !ec;
}

asio::awaitable<void> Session::reject(int status) {
    timed_out_ = false;
    stage_ = Stage::closing;  // neither idle (no hibernating, no closing at stop) nor timed by a stage
    // Named locals, not temporaries, across co_await: g++ 12 miscompiles some temporaries that live
    // through a suspension point.
    const Response response = http::error_response(status);
    const bool written = co_await write_response(response, false);
    if (written) co_await linger_close();
}

asio::awaitable<void> Session::linger_close() {
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    arm_deadline(kLingerTime);
    if (!buffer_) take_buffer();
    for (;;) {
        auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer_.get(), kBufferSize), kUseTuple);
        if (ec) break;
    }
}

void Session::arm_deadline(std::chrono::milliseconds timeout) {
    const auto now = std::chrono::steady_clock::now();
    deadline_ = now + timeout;
    // The pending wait ends no later than the new deadline: it re-checks then, nothing to do now.
    if (watchdog_armed_ && watchdog_expiry_ <= deadline_) return;
    start_watchdog(now);
}

void Session::start_watchdog(std::chrono::steady_clock::time_point now) {
    // Waking at most one shortest timeout from now means a later, shorter deadline (idle → headers,
    // body → write) never needs the timer cancelled and re-armed: each request costs no timer work.
    watchdog_expiry_ = std::min(deadline_, now + shortest_timeout(shared_->limits));
    watchdog_armed_ = true;
    timer_.expires_at(watchdog_expiry_);  // a pending wait, if any, ends with operation_aborted
    timer_.async_wait([self = weak_from_this()](const asio::error_code& ec) {
        if (ec) return;  // re-armed or cancelled
        if (auto session = self.lock()) session->on_watchdog();
    });
}

void Session::on_watchdog() {
    watchdog_armed_ = false;
    const auto now = std::chrono::steady_clock::now();
    if (now < deadline_) {
        // Idle for a while with an empty buffer: give the buffer back until the client speaks again.
        if (stage_ == Stage::idle && buffer_ && !buffered() && !hibernate_requested_) {
            hibernate_requested_ = true;
            asio::error_code ignored;
            socket_.cancel(ignored);
        }
        start_watchdog(now);
        return;
    }
    timed_out_ = true;
    asio::error_code ignored;
    socket_.cancel(ignored);
}

void Session::stop_watchdog() {
    watchdog_armed_ = false;
    timer_.cancel();
}

void Session::on_server_stop() {
    if (stage_ == Stage::idle) {
        asio::error_code ignored;
        socket_.cancel(ignored);
    }
}

void Session::force_close() {
    asio::error_code ignored;
    socket_.close(ignored);
    stop_watchdog();
    cancel_.emit(asio::cancellation_type::terminal);
}

}  // namespace cohook::detail
