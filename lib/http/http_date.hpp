#pragma once

#include <ctime>
#include <string>

namespace cohook::http {

/// `time` formatted as an RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(std::time_t time);

/// The current time as an IMF-fixdate, reformatted at most once per second per thread.
const std::string& http_date_now();

}  // namespace cohook::http
