#pragma once

#include <fmt/format.h>

#include <string_view>

namespace cohook::detail {

/// Writes one line to stderr ("cohook: <level>: <message>"), whole, even with several threads logging.
void log_line(std::string_view level, std::string_view message);

/// Formats and logs an error line.
template <class... Args>
void log_error(fmt::format_string<Args...> format, Args&&... args) {
    log_line("error", fmt::format(format, std::forward<Args>(args)...));
}

/// Formats and logs a warning line.
template <class... Args>
void log_warning(fmt::format_string<Args...> format, Args&&... args) {
    log_line("warning", fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace cohook::detail
