#include "observe/recent_ids.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

using cohook::detail::RecentIds;

BOOST_AUTO_TEST_SUITE(recent_ids_suite)

BOOST_AUTO_TEST_CASE(remembered_ids_are_found_until_the_oldest_is_forgotten) {
    RecentIds ids(2);
    BOOST_TEST(!ids.contains("a"));
    ids.remember("a");
    ids.remember("b");
    ids.remember("b");  // a repeat must not push "a" out
    BOOST_TEST(ids.contains("a"));
    ids.remember("c");
    BOOST_TEST(!ids.contains("a"));
    BOOST_TEST(ids.contains("b"));
    BOOST_TEST(ids.contains("c"));
}

BOOST_AUTO_TEST_CASE(zero_capacity_remembers_nothing) {
    RecentIds ids(0);
    ids.remember("a");
    BOOST_TEST(!ids.contains("a"));
}

BOOST_AUTO_TEST_SUITE_END()
