// The single Boost.Test main shared by every test executable (one module per executable).
#define BOOST_TEST_MODULE cohook
#include <boost/test/unit_test.hpp>
