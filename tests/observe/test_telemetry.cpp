#include "observe/telemetry.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <boost/json.hpp>

#include <map>
#include <sstream>
#include <string>

using cohook::Request;
using cohook::detail::Telemetry;
using namespace std::chrono_literals;

namespace {

Request request_to(std::string path, std::string body = "{}") {
    Request request;
    request.method = "POST";
    request.path = std::move(path);
    request.body = std::move(body);
    return request;
}

// Parses the exposition text into {"name{labels}" → value}, checking every line's shape on the way.
std::map<std::string, double> parse_exposition(const std::string& text) {
    std::map<std::string, double> samples;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
        BOOST_TEST_REQUIRE(line.front() != '#', "unexpected comment: " << line);
        const auto space = line.rfind(' ');
        BOOST_TEST_REQUIRE(space != std::string::npos, "no value: " << line);
        samples[line.substr(0, space)] = std::stod(line.substr(space + 1));
    }
    return samples;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(telemetry_suite)

BOOST_AUTO_TEST_CASE(requests_are_counted_by_route_and_status_in_prometheus_format) {
    Telemetry telemetry;
    telemetry.open_connections = [] { return std::size_t{3}; };
    telemetry.read_buffers_held = [] { return std::size_t{2}; };
    auto stats = telemetry.route("/webhooks/x");
    telemetry.record(*stats, request_to("/webhooks/x"), 200, 300us, "ok");
    telemetry.record(*stats, request_to("/webhooks/x"), 200, 2ms, "ok");
    telemetry.record(*stats, request_to("/webhooks/x"), 403, 10us, "rejected");
    telemetry.record(telemetry.unmatched(), request_to("/nope"), 404, 10us, "none");
    const auto samples = parse_exposition(telemetry.render_prometheus());
    BOOST_TEST(samples.at(R"(cohook_requests_total{route="/webhooks/x",status="200"})") == 2);
    BOOST_TEST(samples.at(R"(cohook_requests_total{route="/webhooks/x",status="403"})") == 1);
    BOOST_TEST(samples.at(R"(cohook_requests_total{route="unmatched",status="404"})") == 1);
    BOOST_TEST(samples.at(R"(cohook_handler_duration_seconds_bucket{route="/webhooks/x",le="0.0005"})") == 2);
    BOOST_TEST(samples.at(R"(cohook_handler_duration_seconds_bucket{route="/webhooks/x",le="0.0025"})") == 3);
    BOOST_TEST(samples.at(R"(cohook_handler_duration_seconds_bucket{route="/webhooks/x",le="+Inf"})") == 3);
    BOOST_TEST(samples.at(R"(cohook_handler_duration_seconds_count{route="/webhooks/x"})") == 3);
    BOOST_TEST(samples.at("cohook_open_connections") == 3);
    BOOST_TEST(samples.at("cohook_read_buffers_held") == 2);
    BOOST_TEST(samples.at("cohook_handlers_in_flight") == 0);
    BOOST_TEST(samples.count("cohook_tunnel_up") == 0u);
}

BOOST_AUTO_TEST_CASE(label_values_are_escaped) {
    Telemetry telemetry;
    auto stats = telemetry.route("/webhooks/a\"b\\c");
    telemetry.record(*stats, request_to("/x"), 200, 1us, "ok");
    const std::string text = telemetry.render_prometheus();
    BOOST_TEST(text.find(R"(route="/webhooks/a\"b\\c")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(recent_deliveries_are_bounded_newest_first_and_never_hold_bodies) {
    Telemetry telemetry(2);
    auto stats = telemetry.route("/webhooks/x");
    for (int i = 0; i < 5; ++i) {
        Request request = request_to("/webhooks/x", "secret-body-" + std::to_string(i));
        request.headers.add("X-GitHub-Delivery", "id-" + std::to_string(i));
        telemetry.record(*stats, request, 200 + i, 1ms, "ok");
    }
    const std::string text = telemetry.render_deliveries();
    BOOST_TEST(text.find("secret-body") == std::string::npos);
    const auto json = boost::json::parse(text);
    const auto& list = json.at("routes").at("/webhooks/x").as_array();
    BOOST_REQUIRE(list.size() == 2u);
    BOOST_TEST(list[0].at("delivery_id").as_string() == "id-4");
    BOOST_TEST(list[0].at("status").as_int64() == 204);
    BOOST_TEST(list[1].at("delivery_id").as_string() == "id-3");
    BOOST_TEST(list[0].at("bytes").as_int64() == 13);
}

BOOST_AUTO_TEST_CASE(delivery_id_comes_from_the_senders_header) {
    Request request;
    BOOST_TEST(cohook::detail::delivery_id(request).empty());
    request.headers.add("Webhook-Id", "msg_1");
    BOOST_TEST(cohook::detail::delivery_id(request) == "msg_1");
}

BOOST_AUTO_TEST_CASE(hostile_delivery_ids_stay_valid_json_and_one_log_field) {
    // Found by fuzz_dispatch: header bytes that are not UTF-8 made /deliveries invalid JSON.
    Telemetry telemetry;
    auto stats = telemetry.route("/webhooks/x");
    Request request = request_to("/webhooks/x");
    request.headers.add("X-Request-Id", std::string("a\xff b=c") + std::string(300, 'z'));
    telemetry.record(*stats, request, 200, 1us, "ok");
    const auto json = boost::json::parse(telemetry.render_deliveries());
    const auto id = json.at("routes").at("/webhooks/x").at(0).at("delivery_id").as_string();
    BOOST_TEST(id.starts_with("a??b=c"));
    BOOST_TEST(id.size() == 128u);
}

BOOST_AUTO_TEST_SUITE_END()
