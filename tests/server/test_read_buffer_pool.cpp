// ReadBufferPool: distinct page-aligned buffers across blocks, warm reuse, and discarded buffers whose
// memory really leaves the process (resident size drops, contents read back as zeros).
#include "server/read_buffer_pool.hpp"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using cohook::detail::ReadBufferPool;

namespace {

long resident_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(read_buffer_pool)

BOOST_AUTO_TEST_CASE(buffers_are_distinct_page_aligned_and_span_several_blocks) {
    ReadBufferPool pool;
    std::vector<char*> taken;
    std::set<char*> distinct;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    for (int i = 0; i < 200; ++i) {  // more than three blocks of 64
        char* buffer = pool.acquire();
        BOOST_TEST(reinterpret_cast<std::uintptr_t>(buffer) % page == 0u);
        std::memset(buffer, i, ReadBufferPool::kBufferSize);  // the whole buffer is writable
        taken.push_back(buffer);
        distinct.insert(buffer);
    }
    BOOST_TEST(distinct.size() == taken.size());
    BOOST_TEST(pool.in_use() == taken.size());
    for (char* buffer : taken) pool.release(buffer, false);
    BOOST_TEST(pool.in_use() == 0u);
}

BOOST_AUTO_TEST_CASE(a_kept_buffer_is_reused_first_with_its_contents) {
    ReadBufferPool pool;
    char* first = pool.acquire();
    std::memset(first, 'x', ReadBufferPool::kBufferSize);
    pool.release(first, false);
    char* again = pool.acquire();
    BOOST_TEST(static_cast<void*>(again) == static_cast<void*>(first));
    BOOST_TEST(again[0] == 'x');  // warm: its pages were kept
    pool.release(again, false);
}

BOOST_AUTO_TEST_CASE(discarded_buffers_leave_resident_memory) {
    ReadBufferPool pool;
    constexpr int kCount = 512;  // 4 MiB
    std::vector<char*> taken;
    for (int i = 0; i < kCount; ++i) {
        taken.push_back(pool.acquire());
        std::memset(taken.back(), 1, ReadBufferPool::kBufferSize);
    }
    const long touched = resident_kb();
    for (char* buffer : taken) pool.release(buffer, true);
    const long released = resident_kb();
    const long expected = kCount * static_cast<long>(ReadBufferPool::kBufferSize) / 1024;
    BOOST_TEST_MESSAGE("resident " << touched << " KB with the buffers, " << released << " KB after");
    BOOST_TEST(touched - released >= expected * 3 / 4);
    char* reused = pool.acquire();
    BOOST_TEST(reused[0] == 0);  // fresh zero pages, not the old contents
    pool.release(reused, false);
}

BOOST_AUTO_TEST_SUITE_END()
