// In-process cost of the framework: request bytes in → response bytes out, no sockets, for each sample
// payload, next to the named reference `boost::json::parse` of the same body. The ratio printed per
// payload is dispatch time ÷ parse time (the target: at most 1.5).
#include "dispatcher.hpp"
#include "http/request_parser.hpp"
#include "http/response_writer.hpp"
#include "observe/log.hpp"
#include "observe/telemetry.hpp"

#include <cohook/handler.hpp>
#include <cohook/webhook_payload.hpp>

#include <benchmark/benchmark.h>
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/thread_pool.hpp>
#include <asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include <sys/utsname.h>
#include <unistd.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(COHOOK_FIXTURES_DIR) + "/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string request_bytes(const std::string& body) {
    return "POST /webhooks/trigger_training HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
           "X-Webhook-Secret: s3cret\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

asio::awaitable<void> trigger_training(cohook::WebhookPayload payload) {
    benchmark::DoNotOptimize(payload.repo.name.data());
    co_return;
}

void json_parse_reference(benchmark::State& state, const std::string& name) {
    const std::string body = fixture(name);
    for (auto _ : state) benchmark::DoNotOptimize(boost::json::parse(body));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

// `telemetry`: count deliveries as a server does (its log line is off, as it would go to a terminal).
void run_dispatch(benchmark::State& state, const std::string& name, bool telemetry) {
    const std::string bytes = request_bytes(fixture(name));
    asio::io_context context;
    asio::thread_pool pool(1);
    auto stats = telemetry ? std::make_shared<cohook::detail::Telemetry>() : nullptr;
    auto router = std::make_shared<cohook::detail::Router<cohook::detail::Endpoint>>();
    router->add("POST", "/webhooks/trigger_training",
                {"trigger_training",
                 cohook::make_handler(trigger_training),
                 {},
                 false,
                 stats ? stats->route("/webhooks/trigger_training") : nullptr,
                 nullptr,
                 {}});
    cohook::detail::Dispatcher dispatcher(router, "s3cret", std::make_shared<cohook::detail::TaskTracker>(),
                                          context.get_executor(), pool.get_executor(), {}, stats);
    // The whole loop runs inside one coroutine, as a session does, so the figure is the per-request cost.
    auto loop = [&]() -> asio::awaitable<void> {
        cohook::http::RequestParser parser;
        std::string head;
        for (auto _ : state) {
            parser.reset();
            parser.feed(bytes);
            const cohook::Response response = co_await dispatcher.dispatch(parser.request());
            head.clear();
            cohook::http::write_response_head(head, response, true);
            if (response.status != 200) state.SkipWithError("dispatch did not answer 200");
        }
    };
    auto done = asio::co_spawn(context, loop(), asio::use_future);
    context.run();
    done.get();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

void dispatch(benchmark::State& state, const std::string& name) {
    run_dispatch(state, name, false);
}

void dispatch_with_telemetry(benchmark::State& state, const std::string& name) {
    cohook::detail::set_log_level(cohook::LogLevel::warning);
    run_dispatch(state, name, true);
    cohook::detail::set_log_level(cohook::LogLevel::info);
}

const char* const kPayloads[] = {"discussion_create_pr.json", "discussion_comment_create_assembled.json",
                                 "repo_content_update_pr_ref.json", "repo_config_update_assembled.json"};

// The console output plus, at the end, dispatch ÷ json_parse per payload (CPU time; the median when
// repetitions are asked for), so the figure the target is about is printed, not left to arithmetic.
class RatioReporter : public benchmark::ConsoleReporter {
  public:
    RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.error_occurred) continue;  // no figure: its ratio line is left out
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            const std::string& name = run.run_name.function_name;
            if (median) {
                medians_.insert(name);
                cpu_ns_[name] = run.GetAdjustedCPUTime();
            } else if (run.run_type == Run::RT_Iteration && !medians_.contains(name)) {
                cpu_ns_[name] = run.GetAdjustedCPUTime();
            }
        }
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        std::printf("\ndispatch / boost::json::parse (target: at most 1.5)\n");
        for (const char* payload : kPayloads) {
            const auto parse = cpu_ns_.find(std::string("json_parse/") + payload);
            const auto dispatch = cpu_ns_.find(std::string("dispatch/") + payload);
            if (parse == cpu_ns_.end() || dispatch == cpu_ns_.end()) continue;  // filtered out
            std::printf("  %-44s %7.0f ns / %7.0f ns = %.2fx\n", payload, dispatch->second, parse->second,
                        dispatch->second / parse->second);
        }
    }

  private:
    std::map<std::string, double> cpu_ns_;
    std::set<std::string> medians_;
};

}  // namespace

int main(int argc, char** argv) {
    for (const char* name : kPayloads) {
        benchmark::RegisterBenchmark((std::string("json_parse/") + name).c_str(), json_parse_reference, name);
        benchmark::RegisterBenchmark((std::string("dispatch/") + name).c_str(), dispatch, name);
    }
    // Not part of the ratio: the same request with per-route counting and the delivery record on.
    benchmark::RegisterBenchmark((std::string("dispatch_telemetry/") + kPayloads[1]).c_str(),
                                 dispatch_with_telemetry, kPayloads[1]);
    utsname machine{};
    uname(&machine);
    std::printf("machine: %s %s %s, %u hardware threads\n", machine.sysname, machine.release, machine.machine,
                std::thread::hardware_concurrency());
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
}
