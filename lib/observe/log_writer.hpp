#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace cohook::detail {

/// Writes log lines to stderr, whole and in order, batching the frequent ones: a line given to
/// `write_later` goes into a buffer that a background thread writes out a moment later with one system
/// call, so a busy server pays one write per batch instead of one per delivery. Lines given to
/// `write_now` (warnings, errors) are written before it returns, after everything buffered before them.
class LogWriter {
  public:
    /// The process's writer; it flushes what is pending when the process exits normally.
    static LogWriter& instance();

    /// Buffers `line` (which ends with '\n'); it reaches stderr within a few milliseconds.
    void write_later(std::string_view line);

    /// Writes what is buffered, then `line`, and flushes stderr.
    void write_now(std::string_view line);

    /// Writes what is buffered and flushes stderr.
    void flush();

  private:
    LogWriter() = default;
    void run();

    std::mutex mutex_;  // guards pending_ and started_
    std::condition_variable wake_;
    std::string pending_;
    bool started_ = false;
    std::mutex output_;  // held while writing, so batches and immediate lines keep their order
    std::string batch_;  // the lines being written; only touched with output_ held
};

}  // namespace cohook::detail
