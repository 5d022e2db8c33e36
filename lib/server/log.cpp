#include "server/log.hpp"

#include <cstdio>
#include <mutex>

namespace cohook::detail {

void log_line(std::string_view level, std::string_view message) {
    static std::mutex mutex;
    const std::string line = fmt::format("cohook: {}: {}\n", level, message);
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace cohook::detail
