#include "verify/secret.hpp"

#include <algorithm>

namespace cohook::detail {

bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
    // Walk the longer length whatever the contents, folding every difference into one accumulator;
    // volatile keeps the compiler from turning the loop into an early-exit memcmp.
    const std::size_t n = std::max(a.size(), b.size());
    volatile unsigned char diff = static_cast<unsigned char>(a.size() != b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff = static_cast<unsigned char>(diff | (x ^ y));
    }
    return diff == 0;
}

SecretCheck check_secret(const Request& request, std::string_view expected) {
    if (expected.empty()) return SecretCheck::ok;
    if (const auto header = request.headers.get("x-webhook-secret")) {
        return constant_time_equals(*header, expected) ? SecretCheck::ok : SecretCheck::invalid;
    }
    if (const auto query = request.query_param("secret")) {
        return constant_time_equals(*query, expected) ? SecretCheck::ok : SecretCheck::invalid;
    }
    return SecretCheck::missing;
}

}  // namespace cohook::detail
