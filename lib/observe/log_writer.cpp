#include "observe/log_writer.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace cohook::detail {

namespace {
// How long the writer thread lets lines gather after the first one: short enough that a person
// watching the terminal sees them at once, long enough that a busy server writes hundreds per call.
constexpr std::chrono::milliseconds kGatherTime{2};
// Beyond this much pending text the writer is woken at once; beyond four times as much, the line's
// own thread writes it all (a slow stderr then slows the server instead of growing the buffer).
constexpr std::size_t kBatchBytes = 64 * 1024;
}  // namespace

LogWriter& LogWriter::instance() {
    // Never destroyed: a line logged from another static object's destructor must still find it. What is
    // pending at a normal exit is written by the atexit hook.
    static LogWriter* const writer = [] {
        auto* created = new LogWriter();
        std::atexit([] { instance().flush(); });
        return created;
    }();
    return *writer;
}

void LogWriter::write_later(std::string_view line) {
    bool wake = false;
    bool too_much = false;
    {
        std::lock_guard lock(mutex_);
        if (!started_) {
            started_ = true;
            std::thread([this] { run(); }).detach();  // lives as long as the process, like the writer
        }
        wake = pending_.empty() ||
               (pending_.size() < kBatchBytes && pending_.size() + line.size() >= kBatchBytes);
        pending_.append(line);
        too_much = pending_.size() >= 4 * kBatchBytes;
    }
    if (too_much) {
        flush();
    } else if (wake) {
        wake_.notify_one();
    }
}

void LogWriter::write_now(std::string_view line) {
    std::lock_guard output(output_);
    {
        std::lock_guard lock(mutex_);
        batch_.swap(pending_);
    }
    batch_.append(line);
    if (!batch_.empty()) std::fwrite(batch_.data(), 1, batch_.size(), stderr);
    std::fflush(stderr);
    batch_.clear();
}

void LogWriter::flush() {
    write_now({});
}

void LogWriter::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return !pending_.empty(); });
            wake_.wait_for(lock, kGatherTime, [this] { return pending_.size() >= kBatchBytes; });
        }
        flush();
    }
}

}  // namespace cohook::detail
