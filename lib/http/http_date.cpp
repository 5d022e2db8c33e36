#include "http/http_date.hpp"

#include <array>
#include <cstdio>

namespace cohook::http {

std::string format_http_date(std::time_t time) {
    std::tm tm{};
    gmtime_r(&time, &tm);
    // strftime's %a/%b follow the locale; HTTP wants the English names whatever the locale.
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buffer[40];
    const int n =
        std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                      tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return std::string(buffer, static_cast<std::size_t>(n));
}

const std::string& http_date_now() {
    thread_local std::time_t cached_time = 0;
    thread_local std::string cached;
    const std::time_t now = std::time(nullptr);
    if (now != cached_time) {
        cached_time = now;
        cached = format_http_date(now);
    }
    return cached;
}

}  // namespace cohook::http
