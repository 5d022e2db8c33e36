#include "server/http_server.hpp"

#include "observe/log.hpp"

#include <asio/bind_cancellation_slot.hpp>
#include <asio/co_spawn.hpp>
#include <asio/dispatch.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/address.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <algorithm>
#include <vector>

namespace cohook::detail {

namespace {

constexpr auto kUseTuple = asio::experimental::as_tuple(asio::use_awaitable);

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(kUseTuple);
}

asio::ip::tcp::endpoint resolve_endpoint(asio::any_io_executor executor, const std::string& host,
                                         std::uint16_t port) {
    asio::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (!ec) return {address, port};
    asio::ip::tcp::resolver resolver(executor);
    const auto results = resolver.resolve(host, std::to_string(port), ec);
    if (ec || results.empty()) {
        throw std::system_error(ec, "cohook: cannot resolve host '" + host + "'");
    }
    return results.begin()->endpoint();
}

void log_session_failure(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::system_error& e) {
        // operation_aborted is the grace period cutting the session: already logged by drain().
        if (e.code() != asio::error::operation_aborted) log_error("connection failed: {}", e.what());
    } catch (const std::exception& e) {
        log_error("connection failed: {}", e.what());
    }
}

}  // namespace

HttpServer::HttpServer(asio::any_io_executor executor, std::shared_ptr<SessionShared> shared,
                       std::shared_ptr<TaskTracker> tasks, bool one_thread)
    : executor_(executor),
      strand_(asio::make_strand(executor)),
      acceptor_(strand_),
      shared_(std::move(shared)),
      tasks_(std::move(tasks)),
      one_thread_(one_thread) {}

asio::ip::tcp::endpoint HttpServer::listen(const std::string& host, std::uint16_t port) {
    const auto endpoint = resolve_endpoint(executor_, host, port);
    asio::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        asio::error_code ignored;
        acceptor_.close(ignored);
        const std::string hint =
            ec == asio::error::address_in_use
                ? fmt::format(" (port {} is taken: pass --port or set GRADIO_SERVER_PORT)", port)
                : std::string();
        throw std::system_error(ec, fmt::format("cohook: cannot listen on {}:{}{}", host, port, hint));
    }
    return acceptor_.local_endpoint();
}

asio::awaitable<void> HttpServer::serve(std::chrono::milliseconds grace) {
    co_await asio::co_spawn(strand_, accept_loop(), asio::use_awaitable);
    co_await drain(grace);
}

asio::awaitable<void> HttpServer::accept_loop() {
    std::chrono::milliseconds backoff{10};
    while (!shared_->stopping.load() && acceptor_.is_open()) {
        if (connections() >= shared_->limits.max_connections) {
            // Leave new connections in the kernel's backlog (bounded by listen()) until one closes.
            co_await sleep_for(std::chrono::milliseconds{5});
            continue;
        }
        auto [ec, socket] = co_await acceptor_.async_accept(session_executor(), kUseTuple);
        if (!ec) {
            backoff = std::chrono::milliseconds{10};
            start_session(std::move(socket));
            continue;
        }
        if (ec == asio::error::operation_aborted || shared_->stopping.load()) break;
        // EMFILE, ENFILE, ENOBUFS...: the process is out of something that frees up as connections
        // close, so wait and retry instead of giving up on every future client.
        log_warning("accept failed: {}; retrying in {} ms", ec.message(), backoff.count());
        co_await sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds{1000});
    }
}

asio::any_io_executor HttpServer::session_executor() {
    // A strand makes each session's handlers run one at a time when several threads run the loop. With
    // one thread that is already so, and the strand would only cost an allocation and a lock per
    // completion (a strand does not fit in any_io_executor's small buffer, so every copy allocates).
    if (one_thread_) return executor_;
    return asio::make_strand(executor_);
}

void HttpServer::start_session(asio::ip::tcp::socket socket) {
    asio::error_code ignored;
    socket.set_option(asio::ip::tcp::no_delay(true), ignored);
    auto session = std::make_shared<Session>(std::move(socket), shared_);
    {
        std::lock_guard lock(mutex_);
        sessions_.emplace(session.get(), session);
    }
    auto executor = session->executor();
    auto on_end = [self = shared_from_this(), session](std::exception_ptr error) mutable {
        if (error) log_session_failure(error);
        {
            std::lock_guard lock(self->mutex_);
            self->sessions_.erase(session.get());
        }
        // The session owns the cancellation signal this very operation is bound to, and co_spawn still
        // holds state tied to that slot while it runs this handler: release the session from a later
        // handler on the same strand, which runs only once co_spawn has fully finished.
        auto strand = session->executor();
        asio::post(strand, [session = std::move(session)] {});
    };
    asio::co_spawn(executor, session->run(),
                   asio::bind_cancellation_slot(session->cancellation_slot(), on_end));
}

void HttpServer::stop() {
    if (shared_->stopping.exchange(true)) return;
    asio::post(strand_, [self = shared_from_this()] {
        asio::error_code ignored;
        self->acceptor_.close(ignored);
    });
    for_each_session(&Session::on_server_stop);
}

void HttpServer::for_each_session(void (Session::*action)()) {
    std::vector<std::shared_ptr<Session>> sessions;
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, weak] : sessions_) {
            if (auto session = weak.lock()) sessions.push_back(std::move(session));
        }
    }
    for (auto& session : sessions) {
        auto executor = session->executor();
        asio::post(executor, [session = std::move(session), action] { ((*session).*action)(); });
    }
}

std::size_t HttpServer::connections() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

asio::awaitable<void> HttpServer::drain(std::chrono::milliseconds grace) {
    // Shutdown is rare and short: polling every few milliseconds is simpler and race-free compared
    // with waking on the last session's or task's completion from whichever thread it ends on.
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while ((connections() > 0 || tasks_->pending() > 0) && std::chrono::steady_clock::now() < deadline) {
        co_await sleep_for(std::chrono::milliseconds{5});
    }
    if (connections() > 0) {
        log_warning("grace period over: closing {} connection(s) still busy", connections());
        for_each_session(&Session::force_close);
        for (int i = 0; i < 200 && connections() > 0; ++i) co_await sleep_for(std::chrono::milliseconds{5});
    }
    if (tasks_->pending() > 0)
        log_warning("grace period over: {} background task(s) still running", tasks_->pending());
}

}  // namespace cohook::detail
