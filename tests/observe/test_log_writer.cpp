// LogWriter: batched lines reach stderr by themselves, whole and in the order they were logged, and an
// immediate line is written after everything buffered before it. stderr is redirected to a temporary
// file for each test.
#include "observe/log_writer.hpp"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using cohook::detail::LogWriter;
using namespace std::chrono_literals;

namespace {

// Sends fd 2 to a fresh temporary file for its lifetime.
class CapturedStderr {
  public:
    CapturedStderr() {
        std::fflush(stderr);
        saved_ = ::dup(2);
        file_ = std::tmpfile();
        BOOST_REQUIRE(saved_ >= 0 && file_ != nullptr);
        ::dup2(::fileno(file_), 2);
    }
    ~CapturedStderr() {
        std::fflush(stderr);
        ::dup2(saved_, 2);
        ::close(saved_);
        std::fclose(file_);
    }
    CapturedStderr(const CapturedStderr&) = delete;
    CapturedStderr& operator=(const CapturedStderr&) = delete;

    std::string text() const {
        std::string out;
        char chunk[4096];
        std::rewind(file_);
        while (const std::size_t n = std::fread(chunk, 1, sizeof chunk, file_)) out.append(chunk, n);
        return out;
    }

  private:
    int saved_ = -1;
    std::FILE* file_ = nullptr;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(log_writer)

BOOST_AUTO_TEST_CASE(an_immediate_line_follows_the_buffered_ones) {
    CapturedStderr err;
    LogWriter& writer = LogWriter::instance();
    writer.write_later("first\n");
    writer.write_later("second\n");
    writer.write_now("third\n");
    BOOST_TEST(err.text() == "first\nsecond\nthird\n");
}

BOOST_AUTO_TEST_CASE(buffered_lines_are_written_without_being_asked) {
    CapturedStderr err;
    LogWriter::instance().write_later("on its own\n");
    const auto give_up = std::chrono::steady_clock::now() + 5s;
    while (err.text().empty() && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(1ms);
    BOOST_TEST(err.text() == "on its own\n");
}

BOOST_AUTO_TEST_CASE(lines_from_many_threads_arrive_whole_and_in_each_threads_order) {
    CapturedStderr err;
    constexpr int kThreads = 4;
    constexpr int kLines = 20'000;  // several batches' worth, so the size-triggered paths run too
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([t] {
            for (int i = 0; i < kLines; ++i) {
                LogWriter::instance().write_later("thread " + std::to_string(t) + " line " +
                                                  std::to_string(i) + " of a reasonably long log line\n");
            }
        });
    }
    for (auto& thread : threads) thread.join();
    LogWriter::instance().flush();
    std::istringstream lines(err.text());
    std::vector<int> next(kThreads, 0);
    std::string line;
    int count = 0;
    int wrong = 0;  // mangled, or out of its thread's order
    while (std::getline(lines, line)) {
        int thread = -1;
        int index = -1;
        char tail[64] = {};
        const bool parsed =
            std::sscanf(line.c_str(), "thread %d line %d %63[^\n]", &thread, &index, tail) == 3 &&
            thread >= 0 && thread < kThreads && std::string(tail) == "of a reasonably long log line";
        if (!parsed || index != next[thread]) {
            if (wrong++ == 0) BOOST_TEST_MESSAGE("first wrong line: " << line);
            continue;
        }
        next[thread] = index + 1;
        ++count;
    }
    BOOST_TEST(wrong == 0);
    BOOST_TEST(count == kThreads * kLines);
}

BOOST_AUTO_TEST_SUITE_END()
