#include "observe/log.hpp"

#include "observe/log_writer.hpp"

#include <atomic>

namespace cohook::detail {

namespace {

std::atomic<LogLevel> threshold{LogLevel::info};

std::string_view level_name(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::debug:
            return "debug";
        case LogLevel::info:
            return "info";
        case LogLevel::warning:
            return "warning";
        case LogLevel::error:
            return "error";
        case LogLevel::off:
            return "off";
    }
    return "?";
}

}  // namespace

void set_log_level(LogLevel level) noexcept {
    threshold.store(level, std::memory_order_relaxed);
}

bool log_enabled(LogLevel level) noexcept {
    return level != LogLevel::off && level >= threshold.load(std::memory_order_relaxed);
}

void log_line(LogLevel level, std::string_view message) {
    const std::string line = fmt::format("cohook: {}: {}\n", level_name(level), message);
    // One line per delivery would cost a system call each: those are batched. Warnings and errors are
    // rare and may precede a crash, so they go out at once (after the lines logged before them).
    if (level >= LogLevel::warning) {
        LogWriter::instance().write_now(line);
    } else {
        LogWriter::instance().write_later(line);
    }
}

}  // namespace cohook::detail
