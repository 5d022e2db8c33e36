#include "observe/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>

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
    static std::mutex mutex;
    const std::string line = fmt::format("cohook: {}: {}\n", level_name(level), message);
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace cohook::detail
