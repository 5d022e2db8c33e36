#include "routing/router.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using cohook::detail::RouteMatch;
using cohook::detail::Router;

BOOST_AUTO_TEST_SUITE(router_suite)

BOOST_AUTO_TEST_CASE(an_added_route_is_found_with_its_target) {
    Router<int> router;
    BOOST_TEST(router.add("POST", "/webhooks/say_hello", 42));
    const auto lookup = router.find("POST", "/webhooks/say_hello");
    BOOST_TEST((lookup.match == RouteMatch::found));
    BOOST_REQUIRE(lookup.target != nullptr);
    BOOST_TEST(*lookup.target == 42);
    BOOST_TEST(lookup.allow.empty());
    BOOST_TEST(router.contains("/webhooks/say_hello"));
}

BOOST_AUTO_TEST_CASE(an_unknown_path_is_not_found) {
    Router<int> router;
    BOOST_TEST((router.find("POST", "/webhooks/anything").match == RouteMatch::not_found));
    router.add("POST", "/webhooks/a", 1);
    const auto lookup = router.find("POST", "/webhooks/b");
    BOOST_TEST((lookup.match == RouteMatch::not_found));
    BOOST_TEST(lookup.target == nullptr);
    BOOST_TEST(lookup.allow.empty());
    BOOST_TEST(!router.contains("/webhooks/b"));
}

BOOST_AUTO_TEST_CASE(a_wrong_method_is_405_with_the_allowed_method) {
    Router<int> router;
    router.add("POST", "/webhooks/a", 1);
    const auto lookup = router.find("GET", "/webhooks/a");
    BOOST_TEST((lookup.match == RouteMatch::method_not_allowed));
    BOOST_TEST(lookup.target == nullptr);
    BOOST_TEST(lookup.allow == "POST");
}

BOOST_AUTO_TEST_CASE(allow_lists_every_method_in_registration_order) {
    Router<int> router;
    router.add("GET", "/webhooks/a", 1);
    router.add("POST", "/webhooks/a", 2);
    const auto lookup = router.find("DELETE", "/webhooks/a");
    BOOST_TEST((lookup.match == RouteMatch::method_not_allowed));
    BOOST_TEST(lookup.allow == "GET, POST");

    Router<int> reversed;
    reversed.add("POST", "/webhooks/a", 1);
    reversed.add("GET", "/webhooks/a", 2);
    BOOST_TEST(reversed.find("PUT", "/webhooks/a").allow == "POST, GET");
}

BOOST_AUTO_TEST_CASE(each_method_of_a_path_finds_its_own_target) {
    Router<int> router;
    router.add("GET", "/webhooks/a", 1);
    router.add("POST", "/webhooks/a", 2);
    const auto get = router.find("GET", "/webhooks/a");
    const auto post = router.find("POST", "/webhooks/a");
    BOOST_REQUIRE(get.target != nullptr);
    BOOST_REQUIRE(post.target != nullptr);
    BOOST_TEST(*get.target == 1);
    BOOST_TEST(*post.target == 2);
}

BOOST_AUTO_TEST_CASE(a_duplicate_add_returns_false_and_keeps_the_first_target) {
    Router<int> router;
    BOOST_TEST(router.add("POST", "/webhooks/a", 1));
    BOOST_TEST(!router.add("POST", "/webhooks/a", 2));
    const auto lookup = router.find("POST", "/webhooks/a");
    BOOST_REQUIRE(lookup.target != nullptr);
    BOOST_TEST(*lookup.target == 1);
    // The refused add must not have left a second entry behind.
    BOOST_TEST(router.find("GET", "/webhooks/a").allow == "POST");
}

BOOST_AUTO_TEST_CASE(matching_is_exact_with_no_normalisation) {
    Router<int> router;
    router.add("POST", "/webhooks/x", 1);
    for (const char* path : {"/webhooks/X", "/webhooks/x/", "/webhooks//x", "webhooks/x", "/webhooks/x?a=1",
                             "/webhooks/%78", "/Webhooks/x", "/webhooks/x "}) {
        BOOST_TEST((router.find("POST", path).match == RouteMatch::not_found), "path: " << path);
    }
}

BOOST_AUTO_TEST_CASE(methods_are_case_sensitive) {
    Router<int> router;
    router.add("POST", "/webhooks/x", 1);
    const auto lookup = router.find("post", "/webhooks/x");
    BOOST_TEST((lookup.match == RouteMatch::method_not_allowed));
    BOOST_TEST(lookup.allow == "POST");
}

BOOST_AUTO_TEST_CASE(a_found_target_outlives_the_router) {
    std::shared_ptr<const int> target;
    {
        Router<int> router;
        router.add("POST", "/webhooks/x", 7);
        target = router.find("POST", "/webhooks/x").target;
    }
    BOOST_REQUIRE(target != nullptr);
    BOOST_TEST(*target == 7);
}

BOOST_AUTO_TEST_CASE(concurrent_adds_and_finds_stay_consistent) {
    constexpr int kThreads = 4;
    constexpr int kRoutesPerThread = 200;
    Router<int> router;
    std::atomic<int> inconsistencies{0};
    std::atomic<int> duplicates_accepted{0};

    auto path_of = [](int id) { return "/webhooks/r" + std::to_string(id); };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRoutesPerThread; ++i) {
                const int id = t * kRoutesPerThread + i;
                const std::string path = path_of(id);
                if (!router.add("POST", path, id)) ++inconsistencies;
                // Every thread also races to add a route all threads share: exactly one may win.
                if (router.add("PUT", "/webhooks/shared" + std::to_string(i), id)) ++duplicates_accepted;
                const auto own = router.find("POST", path);
                if (own.match != RouteMatch::found || own.target == nullptr || *own.target != id) {
                    ++inconsistencies;
                }
                // Another thread's route is either not there yet or complete with its own target.
                const int other = ((t + 1) % kThreads) * kRoutesPerThread + i;
                const auto seen = router.find("POST", path_of(other));
                if (seen.match == RouteMatch::found ? (seen.target == nullptr || *seen.target != other)
                                                    : seen.match != RouteMatch::not_found) {
                    ++inconsistencies;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();

    BOOST_TEST(inconsistencies.load() == 0);
    BOOST_TEST(duplicates_accepted.load() == kRoutesPerThread);
    for (int id = 0; id < kThreads * kRoutesPerThread; ++id) {
        const auto lookup = router.find("POST", path_of(id));
        BOOST_REQUIRE(lookup.target != nullptr);
        BOOST_TEST(*lookup.target == id);
    }
    for (int i = 0; i < kRoutesPerThread; ++i) {
        const auto lookup = router.find("GET", "/webhooks/shared" + std::to_string(i));
        BOOST_TEST(lookup.allow == "PUT");
    }
}

BOOST_AUTO_TEST_SUITE_END()
