// The guide's third example: a server of your own, with a secret and a custom landing page.
#include <cohook/cohook.hpp>

#include <boost/json.hpp>

#include <cstdio>

asio::awaitable<boost::json::value> say_hello(cohook::WebhookPayload) {
    co_return boost::json::object{{"message", "hello"}};
}

asio::awaitable<boost::json::value> goodbye(cohook::WebhookPayload) {
    co_return boost::json::object{{"message", "goodbye"}};
}

int main(int argc, char** argv) {
    cohook::ServerOptions options{
        .webhook_secret = "my_secret_key",
        .landing_page = [] { return std::string("<h1>Hello, webhooks!</h1>"); },
    };
    if (auto exit_code = cohook::apply_command_line(argc, argv, options, "The guide's custom server.")) {
        return *exit_code;
    }
    cohook::WebhooksServer app(options);
    app.add_webhook("/say_hello", say_hello);  // POST /webhooks/say_hello
    app.add_webhook<goodbye>();                // POST /webhooks/goodbye
    try {
        app.run();                       // until Ctrl+C
    } catch (const std::exception& e) {  // e.g. the port is taken
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
