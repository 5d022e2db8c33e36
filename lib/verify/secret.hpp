#pragma once

#include <cohook/request.hpp>

#include <string_view>

namespace cohook::detail {

/// Outcome of checking the Hub's shared secret.
enum class SecretCheck {
    ok,       ///< Secret matches (or no secret is configured).
    missing,  ///< Neither `X-Webhook-Secret` nor `?secret=` was sent: 401.
    invalid,  ///< A secret was sent but does not match: 403.
};

/// Compares two strings in time that depends only on their lengths, not on where they differ,
/// so a caller cannot guess a secret byte by byte from response times.
bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

/// Checks `request` against `expected` (empty: no check). The header wins over the query parameter.
SecretCheck check_secret(const Request& request, std::string_view expected);

}  // namespace cohook::detail
