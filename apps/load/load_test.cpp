#include "load_test.hpp"

#include <asio/co_spawn.hpp>
#include <asio/post.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <thread>

namespace load {

namespace {

asio::ip::tcp::resolver::results_type resolve(asio::io_context& io, const Url& url) {
    asio::ip::tcp::resolver resolver(io);
    asio::error_code ec;
    auto results = resolver.resolve(url.host, url.port, ec);
    if (ec || results.empty()) {
        throw std::system_error(ec, fmt::format("cannot resolve '{}:{}'", url.host, url.port));
    }
    return results;
}

}  // namespace

LoadTest::LoadTest(const LoadOptions& options)
    : options_(options),
      // A single thread lets Asio skip its locking.
      io_(static_cast<int>(options.threads)),
      control_(asio::make_strand(io_)),
      ticker_(control_),
      deadline_(control_),
      signals_(control_, SIGINT, SIGTERM),
      state_{.options = options,
             .endpoints = resolve(io_, options.url),
             .request = make_request(options),
             .timeout = std::chrono::duration_cast<Clock::duration>(options.timeout)} {}

Results LoadTest::run() {
    start_ = Clock::now();
    start_control();
    spawn_connections();
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < options_.threads; ++i) threads.emplace_back([this] { io_.run(); });
    io_.run();
    for (auto& thread : threads) thread.join();
    if (end_ == Clock::time_point{}) end_ = Clock::now();  // cut by a second Ctrl+C

    Results results{.seconds = std::chrono::duration<double>(end_ - start_).count(), .peak_open = peak_open_};
    for (const auto& connection : connections_) results.stats.merge(connection->stats());
    return results;
}

void LoadTest::spawn_connections() {
    live_ = options_.connections;
    connections_.reserve(options_.connections);
    for (std::size_t i = 0; i < options_.connections; ++i) {
        // With one thread the connections share the loop's executor: no strand to pay for.
        const asio::any_io_executor executor =
            options_.threads > 1 ? asio::any_io_executor(asio::make_strand(io_)) : io_.get_executor();
        auto connection = std::make_shared<Connection>(executor, state_);
        connections_.push_back(connection);
        auto work = options_.idle ? connection->hold_idle() : connection->send_requests();
        asio::co_spawn(executor, std::move(work),
                       [this](std::exception_ptr error) { on_connection_done(error); });
    }
}

void LoadTest::on_connection_done(std::exception_ptr error) {
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            fmt::print(stderr, "cohook-load: connection failed: {}\n", e.what());
        }
    }
    if (live_.fetch_sub(1) == 1) {
        end_ = Clock::now();
        asio::post(control_, [this] { stop_control(); });
    }
}

void LoadTest::start_control() {
    ticker_.expires_at(start_ + std::chrono::seconds(1));
    ticker_.async_wait([this](const asio::error_code& ec) {
        if (!ec) tick();
    });
    if (!options_.requests) {
        deadline_.expires_at(start_ + std::chrono::duration_cast<Clock::duration>(options_.duration));
        deadline_.async_wait([this](const asio::error_code& ec) {
            if (!ec) state_.stopping = true;
        });
    }
    wait_for_signal();
}

void LoadTest::wait_for_signal() {
    signals_.async_wait([this](const asio::error_code& ec, int) {
        if (ec) return;
        if (state_.stopping.exchange(true)) {
            io_.stop();  // a second Ctrl+C: report what was counted so far
            return;
        }
        fmt::print(stderr,
                   "cohook-load: stopping, waiting for the requests in flight (Ctrl+C again to cut)\n");
        wait_for_signal();
    });
}

void LoadTest::tick() {
    // A tick already due when stop_control() cancelled the timer still runs: it must not re-arm.
    if (stopped_) return;
    ++seconds_elapsed_;
    print_progress();
    ticker_.expires_at(start_ + std::chrono::seconds(seconds_elapsed_ + 1));
    ticker_.async_wait([this](const asio::error_code& ec) {
        if (!ec) tick();
    });
}

void LoadTest::print_progress() {
    if (options_.idle) {
        const auto open = state_.open.load();
        peak_open_ = std::max(peak_open_, open);
        fmt::print(stderr, "[{:4} s] {} connections open, {} errors\n", seconds_elapsed_, open,
                   state_.errors.load());
        if (open == static_cast<std::int64_t>(options_.connections) && !announced_open_) {
            announced_open_ = true;
            fmt::print(stderr, "cohook-load: all {} connections open\n", open);
        }
        return;
    }
    const auto responses = state_.responses.load();
    fmt::print(stderr, "[{:4} s] {:8} req/s, {} responses, {} errors\n", seconds_elapsed_,
               responses - last_responses_, responses, state_.errors.load());
    last_responses_ = responses;
}

void LoadTest::stop_control() {
    stopped_ = true;
    ticker_.cancel();
    deadline_.cancel();
    signals_.cancel();
}

}  // namespace load
