#pragma once

#include <cohook/log_level.hpp>

#include <fmt/format.h>

#include <string_view>

namespace cohook::detail {

/// Sets the process-wide threshold below which lines are dropped (logging is process-wide, like stderr).
void set_log_level(LogLevel level) noexcept;

/// True when lines of `level` are written; lets callers skip formatting work.
bool log_enabled(LogLevel level) noexcept;

/// Writes one line to stderr ("cohook: <level>: <message>"), whole, even with several threads logging.
void log_line(LogLevel level, std::string_view message);

/// Formats and logs an error line.
template <class... Args>
void log_error(fmt::format_string<Args...> format, Args&&... args) {
    if (log_enabled(LogLevel::error))
        log_line(LogLevel::error, fmt::format(format, std::forward<Args>(args)...));
}

/// Formats and logs a warning line.
template <class... Args>
void log_warning(fmt::format_string<Args...> format, Args&&... args) {
    if (log_enabled(LogLevel::warning))
        log_line(LogLevel::warning, fmt::format(format, std::forward<Args>(args)...));
}

/// Formats and logs an info line.
template <class... Args>
void log_info(fmt::format_string<Args...> format, Args&&... args) {
    if (log_enabled(LogLevel::info))
        log_line(LogLevel::info, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace cohook::detail
