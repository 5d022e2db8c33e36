#include "verify/signature_check.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace cohook::detail {

namespace {

Response unauthorized(std::string_view error) {
    return Response::json(401, boost::json::object{{"error", error}});
}

}  // namespace

Response missing_header(std::string_view name) {
    return unauthorized(std::string(name) + " header not set.");
}

Response invalid_signature() {
    return Response::json(403, boost::json::object{{"error", "Invalid signature."}});
}

std::optional<Response> check_timestamp(std::string_view value, const verify::ToleranceOptions& options) {
    // Digits only: from_chars alone would accept a leading '-'.
    std::int64_t timestamp = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), timestamp);
    if (value.empty() || value.front() == '-' || error != std::errc() || end != value.data() + value.size()) {
        return unauthorized("Invalid timestamp.");
    }
    const auto now = options.now ? options.now() : std::chrono::system_clock::now();
    // Both are non-negative (a clock before 1970 counts as 1970), so the difference cannot overflow.
    const std::int64_t now_seconds = std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    const std::int64_t distance = now_seconds > timestamp ? now_seconds - timestamp : timestamp - now_seconds;
    if (distance > options.tolerance.count()) return unauthorized("Timestamp outside the tolerance.");
    return std::nullopt;
}

void require_secret(std::string_view scheme, std::string_view secret) {
    if (secret.empty())
        throw std::invalid_argument(std::string("cohook::verify::") + std::string(scheme) +
                                    ": the secret is empty");
}

}  // namespace cohook::detail
