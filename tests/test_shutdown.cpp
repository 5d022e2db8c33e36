// SIGTERM under load, on the real binary: every acknowledged request had its handler completed,
// none was half-served, and the process exits 0.
#include <boost/test/unit_test.hpp>

#include "support/child_process.hpp"
#include "support/http_client.hpp"

#include <atomic>
#include <csignal>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using cohook::test::ChildProcess;
using cohook::test::HttpClient;

BOOST_AUTO_TEST_SUITE(graceful_shutdown)

BOOST_AUTO_TEST_CASE(sigterm_under_load_loses_no_acknowledged_request) {
    ChildProcess process({std::string(COHOOK_APPS_DIR) + "/cohook-test-slow-hooks", "--port", "0"});
    const auto url_line = process.read_until("* Running on local URL:  http://127.0.0.1:");
    BOOST_REQUIRE(url_line);
    const auto port = static_cast<std::uint16_t>(std::stoi(url_line->substr(url_line->rfind(':') + 1)));
    BOOST_REQUIRE(process.read_until("Go to https://"));

    std::mutex mutex;
    std::set<std::string> acknowledged;
    std::atomic<int> half_served{0};
    std::atomic<int> sent{0};
    std::atomic<bool> keep_going{true};
    // Four client loops, each on its own keep-alive connection, reconnecting until refused.
    std::vector<std::thread> loops;
    for (int worker = 0; worker < 4; ++worker) {
        loops.emplace_back([&, worker] {
            for (int i = 0; keep_going && i < 2000; ++i) {
                try {
                    HttpClient client(port, 5);
                    for (; keep_going && i < 2000; ++i) {
                        const std::string id = std::to_string(worker) + "-" + std::to_string(i);
                        ++sent;
                        const auto response =
                            client.request("POST", "/webhooks/work", "x", "X-Id: " + id + "\r\n");
                        if (!response) {
                            if (!client.pending().empty()) ++half_served;
                            break;
                        }
                        if (response->status / 100 == 2) {
                            std::lock_guard lock(mutex);
                            acknowledged.insert(id);
                        }
                        if (response->headers.get("connection").value_or("") == "close") break;
                    }
                } catch (const std::exception&) {
                    return;  // connection refused: the server is gone
                }
            }
        });
    }
    while (sent.load() < 100) std::this_thread::yield();
    process.send_signal(SIGTERM);
    const auto exit_code = process.wait();
    keep_going = false;
    for (auto& loop : loops) loop.join();

    BOOST_TEST(exit_code.value_or(-1) == 0);
    BOOST_TEST(half_served.load() == 0);
    BOOST_TEST(acknowledged.size() >= 50u);
    const std::string output = process.output();
    std::size_t missing = 0;
    for (const auto& id : acknowledged) {
        if (output.find("done " + id + "\n") == std::string::npos) ++missing;
    }
    BOOST_TEST(missing == 0u);
    BOOST_TEST(output.find("Keyboard interruption in main thread... closing server.") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
