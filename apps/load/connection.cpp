#include "connection.hpp"

#include <asio/connect.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <cstring>

namespace load {

namespace {

constexpr auto kUseTuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::size_t kBufferSize = 16 * 1024;
// After a failed connect, wait before the next try rather than spin on a server that is down.
constexpr std::chrono::milliseconds kConnectRetryPause{100};
// How often an idle connection looks whether the run is over.
constexpr std::chrono::seconds kIdleCheck{1};

std::uint64_t micros_since(Clock::time_point start) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
}

}  // namespace

Connection::Connection(asio::any_io_executor executor, RunState& run)
    : run_(run), socket_(executor), watchdog_(executor) {
    parser_.set_no_body(run_.options.effective_method() == "HEAD");
}

asio::awaitable<void> Connection::send_requests() {
    buffer_.resize(kBufferSize);
    // One timer for the connection's life, re-armed about once per timeout period rather than per request.
    watch(Clock::now() + run_.timeout);
    while (run_.claim()) co_await exchange();
    finish();
}

asio::awaitable<void> Connection::hold_idle() {
    busy_ = true;
    deadline_ = Clock::now() + run_.timeout;
    watch(Clock::now() + kIdleCheck);
    if (co_await connect()) {
        busy_ = false;
        run_.open.fetch_add(1, std::memory_order_relaxed);
        char byte = 0;
        // Whatever ends the wait (the server closing, or our own cancellation) ends the hold.
        co_await socket_.async_read_some(asio::buffer(&byte, 1), kUseTuple);
        run_.open.fetch_sub(1, std::memory_order_relaxed);
        // Anything but our own cancellation at the end of the run means the server gave up on us.
        if (!run_.stopping.load()) fail(ErrorKind::read);
    }
    finish();
}

asio::awaitable<bool> Connection::connect() {
    auto [ec, endpoint] = co_await asio::async_connect(socket_, run_.endpoints, kUseTuple);
    if (ec) {
        fail(ErrorKind::connect);
        co_return false;
    }
    asio::error_code ignored;
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
    ++stats_.connects;
    begin_ = end_ = 0;
    co_return true;
}

asio::awaitable<void> Connection::exchange() {
    busy_ = true;
    timed_out_ = false;
    deadline_ = Clock::now() + run_.timeout;
    if (!socket_.is_open() && !co_await connect()) {
        busy_ = false;
        co_await pause();
        co_return;
    }
    // Latency runs from the first byte written to the last byte read, as wrk measures it.
    const auto start = Clock::now();
    deadline_ = start + run_.timeout;
    auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(run_.request), kUseTuple);
    std::optional<ErrorKind> error;
    if (ec) {
        error = timed_out_ ? ErrorKind::timeout : ErrorKind::write;
    } else {
        error = co_await read_response();
    }
    busy_ = false;
    if (error) {
        fail(*error);
        co_return;
    }
    stats_.record_response(parser_.status(), micros_since(start));
    run_.responses.fetch_add(1, std::memory_order_relaxed);
    if (!parser_.keep_alive()) {
        asio::error_code ignored;
        socket_.close(ignored);
    }
}

asio::awaitable<std::optional<ErrorKind>> Connection::read_response() {
    parser_.reset();
    for (;;) {
        if (begin_ < end_) {
            begin_ += parser_.feed(std::string_view(buffer_.data() + begin_, end_ - begin_));
            if (parser_.state() == ResponseState::complete) co_return std::nullopt;
            if (parser_.state() == ResponseState::bad) co_return ErrorKind::bad_response;
        }
        compact_buffer();
        if (end_ == buffer_.size()) co_return ErrorKind::bad_response;  // a line longer than the buffer
        auto [ec, n] = co_await socket_.async_read_some(
            asio::buffer(buffer_.data() + end_, buffer_.size() - end_), kUseTuple);
        if (ec == asio::error::eof && parser_.on_eof()) co_return std::nullopt;
        if (ec) co_return timed_out_ ? ErrorKind::timeout : ErrorKind::read;
        end_ += n;
    }
}

asio::awaitable<void> Connection::pause() {
    asio::steady_timer timer(socket_.get_executor(), kConnectRetryPause);
    co_await timer.async_wait(kUseTuple);
}

void Connection::compact_buffer() {
    if (begin_ == end_) {
        begin_ = end_ = 0;
    } else if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
}

void Connection::watch(Clock::time_point at) {
    watchdog_.expires_at(at);
    watchdog_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) self->on_watch();
    });
}

void Connection::on_watch() {
    if (finished_) return;
    const auto now = Clock::now();
    const bool overdue = busy_ && now >= deadline_;
    const bool idle_over = run_.options.idle && !busy_ && run_.stopping.load();
    if (overdue || idle_over) {
        timed_out_ = overdue;
        asio::error_code ignored;
        socket_.cancel(ignored);
    }
    if (run_.options.idle) {
        watch(now + kIdleCheck);
    } else {
        watch(busy_ && deadline_ > now ? deadline_ : now + run_.timeout);
    }
}

void Connection::fail(ErrorKind kind) {
    stats_.record_error(kind);
    run_.errors.fetch_add(1, std::memory_order_relaxed);
    asio::error_code ignored;
    socket_.close(ignored);
}

void Connection::finish() {
    finished_ = true;
    watchdog_.cancel();
    asio::error_code ignored;
    socket_.close(ignored);
}

}  // namespace load
