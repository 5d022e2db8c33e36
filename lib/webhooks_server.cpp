#include <cohook/webhooks_server.hpp>

#include "config/server_config.hpp"
#include "dispatcher.hpp"
#include "landing/banner.hpp"
#include "landing/landing_page.hpp"
#include "observe/log.hpp"
#include "observe/telemetry.hpp"
#include "routing/route_path.hpp"
#include "server/http_server.hpp"
#include "tunnel/tunnel_client.hpp"

#include <fmt/format.h>
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <asio/thread_pool.hpp>
#include <asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace cohook {

using detail::Endpoint;

class WebhooksServer::Impl : public std::enable_shared_from_this<Impl> {
  public:
    Impl(std::unique_ptr<asio::io_context> owned, asio::any_io_executor executor, ServerOptions options)
        : options_(std::move(options)),
          owned_(std::move(owned)),
          executor_(std::move(executor)),
          pool_(std::max<std::size_t>(1, options_.blocking_threads)),
          telemetry_(std::make_shared<detail::Telemetry>(options_.recent_deliveries)) {
        add_builtin_routes();
    }

    ~Impl() { pool_.join(); }

    WebhookInfo add(std::string_view path, Handler handler, WebhookOptions options) {
        WebhookInfo info{std::string(path), detail::webhook_route(path)};
        const bool has_verifier = static_cast<bool>(options.verifier);
        Endpoint endpoint{info.name,
                          std::move(handler),
                          std::move(options.verifier),
                          false,
                          telemetry_->route(info.path),
                          nullptr,
                          std::move(options.delivery_key)};
        if (options.remember_deliveries > 0) {
            endpoint.seen = std::make_shared<detail::RecentIds>(options.remember_deliveries);
        }
        if (!router_->add("POST", info.path, std::move(endpoint))) {
            throw std::invalid_argument(fmt::format("Webhook {} already exists.", info.path));
        }
        std::lock_guard lock(mutex_);
        webhooks_.push_back(info);
        if (!has_verifier) ++unverified_routes_;
        return info;
    }

    std::vector<WebhookInfo> webhooks() const {
        std::lock_guard lock(mutex_);
        return webhooks_;
    }

    // Binds the socket and prints the banner; everything that can fail at start fails here.
    void listen() {
        bind_and_prepare();
        if (!tunnel_ && options_.print_banner) print_banner();  // with a tunnel: once its URL is known
    }

    void bind_and_prepare() {
        std::lock_guard lock(mutex_);
        if (http_) throw std::logic_error("cohook: the server is already started");
        config_ = detail::resolve_config(options_);
        auto shared = std::make_shared<detail::SessionShared>();
        shared->limits = options_.limits;
        detail::set_log_level(options_.log_level);
        auto dispatcher = std::make_shared<detail::Dispatcher>(
            router_, config_.secret, tasks_, executor_, pool_.get_executor(), options_.limits, telemetry_);
        shared->dispatch = [dispatcher](Request& request) { return dispatcher->dispatch(request); };
        http_ = std::make_shared<detail::HttpServer>(executor_, shared, tasks_, one_loop_thread_);
        const auto endpoint = http_->listen(config_.host, config_.port);
        telemetry_->open_connections = [http = std::weak_ptr(http_)] {
            auto server = http.lock();
            return server ? server->connections() : 0;
        };
        telemetry_->read_buffers_held = [weak = std::weak_ptr(shared)] {
            auto sessions = weak.lock();
            return sessions ? sessions->buffers.in_use() : 0;
        };
        telemetry_->handlers_in_flight = [weak = std::weak_ptr(dispatcher)] {
            auto d = weak.lock();
            return d ? d->handlers_in_flight() : 0;
        };
        port_ = endpoint.port();
        if (stop_requested_) http_->stop();
        if (!options_.share.target.empty()) {
            // Throws here, at start, for a malformed target: a set-up mistake, not a runtime failure.
            tunnel_ =
                std::make_shared<detail::TunnelClient>(executor_, options_.share, tunnel_local_host(), port_);
            telemetry_->tunnel_up = 0;
        }
    }

    asio::awaitable<void> serve_listening() {
        std::shared_ptr<detail::HttpServer> http;
        std::shared_ptr<detail::TunnelClient> tunnel;
        {
            std::lock_guard lock(mutex_);
            http = http_;
            tunnel = tunnel_;
        }
        if (tunnel) co_await open_tunnel(tunnel);
        co_await http->serve(options_.shutdown_grace);
    }

    void stop() {
        std::lock_guard lock(mutex_);
        stop_requested_ = true;
        if (http_) http_->stop();
        if (tunnel_) tunnel_->stop();
    }

    std::string local_url() const {
        std::string host = config_.host;
        // Like Gradio: a wildcard bind is shown as an address a browser on this machine can open.
        if (host == "0.0.0.0" || host == "::") host = "localhost";
        if (host.find(':') != std::string::npos) host = "[" + host + "]";
        return fmt::format("http://{}:{}", host, port_.load());
    }

    // The URL the outside world reaches: the Space's, else the share link's, else the local one.
    std::string public_base_url() const {
        if (config_.space_host) return "https://" + *config_.space_host;
        std::lock_guard lock(mutex_);
        return public_url_.empty() ? local_url() : public_url_;
    }

    ServerOptions options_;
    std::unique_ptr<asio::io_context> owned_;
    bool one_loop_thread_ = false;  // run() on our own loop with one thread: sessions need no strand
    asio::any_io_executor executor_;
    asio::thread_pool pool_;
    std::shared_ptr<detail::Router<Endpoint>> router_ = std::make_shared<detail::Router<Endpoint>>();
    std::shared_ptr<detail::TaskTracker> tasks_ = std::make_shared<detail::TaskTracker>();
    std::shared_ptr<detail::Telemetry> telemetry_;
    std::atomic<std::uint16_t> port_{0};
    detail::ServerConfig config_;

  private:
    // The server's own pages; routes are owned by the router that Impl owns, so `this` outlives them.
    void add_builtin_routes() {
        add_builtin("/", true, [this]() { return landing_page(); });
        // Browsers ask for it with every visit to the landing page; answering keeps 404s out of the logs.
        add_builtin("/favicon.ico", true, [] { return Response{204, {}, {}}; });
        add_builtin("/healthz", true, [] {
            return Response::json(200, boost::json::object{{"status", "ok"}});
        });
        add_builtin("/metrics", true, [this] {
            Response response = Response::text(200, telemetry_->render_prometheus());
            response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            return response;
        });
        // Delivery metadata can reveal what a sender is doing: same secret as the webhooks.
        add_builtin("/deliveries", false, [this] {
            Response response = Response::text(200, telemetry_->render_deliveries());
            response.headers.set("Content-Type", "application/json");
            return response;
        });
    }

    template <class Page>
    void add_builtin(const std::string& path, bool is_public, Page page) {
        Handler handler = [page](HandlerContext&) -> asio::awaitable<Response> { co_return page(); };
        router_->add("GET", path, Endpoint{path, std::move(handler), {}, is_public, nullptr, nullptr, {}});
    }

    Response landing_page() const {
        if (options_.landing_page) return Response::html(200, options_.landing_page());
        detail::LandingPageInfo info{public_base_url(), {}, config_.space_id};
        info.secret_required = !config_.secret.empty();
        for (const auto& webhook : webhooks()) info.routes.push_back(webhook.path);
        return Response::html(200, detail::render_landing_page(info));
    }

    // Connects the share link before the banner, so the banner can show the public URL, as Gradio does.
    // A tunnel that cannot be opened is reported and the server goes on serving locally.
    asio::awaitable<void> open_tunnel(std::shared_ptr<detail::TunnelClient> tunnel) {
        try {
            set_public_url(co_await tunnel->connect());
            telemetry_->tunnel_up = 1;
        } catch (const std::exception& e) {
            detail::log_error("share link failed: {}", e.what());
        }
        if (options_.print_banner) print_banner();
        tunnel->on_url_change = [self = weak_from_this()](const std::string& url) {
            if (auto impl = self.lock()) {
                impl->set_public_url(url);
                std::fputs(fmt::format("* Running on public URL: {}\n", url).c_str(), stdout);
                std::fflush(stdout);
            }
        };
        asio::co_spawn(executor_, tunnel->serve(),
                       [self = shared_from_this(), tunnel](std::exception_ptr error) {
                           self->telemetry_->tunnel_up = 0;
                           if (!error) return;
                           try {
                               std::rethrow_exception(error);
                           } catch (const std::exception& e) {
                               detail::log_error("share link stopped: {}", e.what());
                           }
                       });
    }

    void set_public_url(std::string url) {
        std::lock_guard lock(mutex_);
        public_url_ = std::move(url);
    }

    // Where forwarded connections are sent: the listening address, or loopback for a wildcard bind.
    std::string tunnel_local_host() const {
        if (config_.host == "0.0.0.0") return "127.0.0.1";
        if (config_.host == "::") return "::1";
        return config_.host;
    }

    void print_banner() const {
        detail::BannerInfo info;
        info.secret_defined = !config_.secret.empty();
        {
            std::lock_guard lock(mutex_);
            info.every_route_verified = !webhooks_.empty() && unverified_routes_ == 0;
        }
        info.local_url = local_url();
        info.space_host = config_.space_host;
        {
            std::lock_guard lock(mutex_);
            if (!public_url_.empty()) info.public_url = public_url_;
        }
        for (const auto& webhook : webhooks()) info.routes.push_back(webhook.path);
        // Flushed at once: logs piped to a file or a container runtime must show it while serving.
        std::fputs(detail::render_banner(info).c_str(), stdout);
        std::fflush(stdout);
    }

    mutable std::mutex mutex_;
    std::vector<WebhookInfo> webhooks_;
    std::size_t unverified_routes_ = 0;  // webhooks relying on the server's secret, if any
    std::shared_ptr<detail::HttpServer> http_;
    std::shared_ptr<detail::TunnelClient> tunnel_;
    std::string public_url_;  // the share link's, once known
    bool stop_requested_ = false;
};

namespace {

void rethrow_if(std::exception_ptr error) {
    if (error) std::rethrow_exception(error);
}

}  // namespace

WebhooksServer::WebhooksServer(ServerOptions options) {
    // The hint lets a one-thread loop skip work meant for threads that take turns; it stays thread-safe.
    const int hint = options.threads <= 1 ? 1 : static_cast<int>(options.threads);
    auto context = std::make_unique<asio::io_context>(hint);
    auto executor = context->get_executor();
    impl_ = std::make_shared<Impl>(std::move(context), executor, std::move(options));
}

WebhooksServer::WebhooksServer(asio::any_io_executor executor, ServerOptions options)
    : impl_(std::make_shared<Impl>(nullptr, std::move(executor), std::move(options))) {}

WebhooksServer::~WebhooksServer() {
    stop();
}

WebhookInfo WebhooksServer::add_handler(std::string_view path, Handler handler, WebhookOptions options) {
    return impl_->add(path, std::move(handler), std::move(options));
}

std::vector<WebhookInfo> WebhooksServer::webhooks() const {
    return impl_->webhooks();
}

void WebhooksServer::run() {
    if (!impl_->owned_) {
        throw std::logic_error(
            "cohook: run() needs a server that owns its event loop; co_await serve() instead");
    }
    asio::io_context& context = *impl_->owned_;
    context.restart();
    impl_->one_loop_thread_ = impl_->options_.threads <= 1;
    impl_->listen();

    asio::signal_set signals(context, SIGINT, SIGTERM);
    signals.async_wait([this](const asio::error_code& ec, int) {
        if (ec) return;
        std::fputs("Keyboard interruption in main thread... closing server.\n", stdout);
        std::fflush(stdout);
        stop();
    });
    std::exception_ptr failure;
    asio::co_spawn(context, impl_->serve_listening(), [&](std::exception_ptr error) {
        failure = error;
        signals.cancel();
        // Whatever outlived the grace period (a background task stuck on a timer) must not keep
        // the process from exiting.
        context.stop();
    });
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < impl_->options_.threads; ++i)
        threads.emplace_back([&context] { context.run(); });
    context.run();
    for (auto& thread : threads) thread.join();
    rethrow_if(failure);
}

asio::awaitable<void> WebhooksServer::serve() {
    auto impl = impl_;  // keeps the state alive even if the server object goes away meanwhile
    impl->listen();
    co_await impl->serve_listening();
}

void WebhooksServer::start() {
    impl_->listen();
    asio::co_spawn(
        impl_->executor_, [impl = impl_]() { return impl->serve_listening(); },
        [](std::exception_ptr error) {
            if (!error) return;
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                detail::log_error("server failed: {}", e.what());
            }
        });
}

void WebhooksServer::stop() {
    impl_->stop();
}

std::uint16_t WebhooksServer::port() const {
    return impl_->port_.load();
}

std::string WebhooksServer::local_url() const {
    return impl_->local_url();
}

ServerOptions& WebhooksServer::options() {
    return impl_->options_;
}

asio::any_io_executor WebhooksServer::executor() const {
    return impl_->executor_;
}

}  // namespace cohook
