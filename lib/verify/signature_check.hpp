#pragma once

// What every signature scheme shares: its failure responses, the timestamp window, secret checks.

#include <cohook/response.hpp>
#include <cohook/verifiers.hpp>

#include <optional>
#include <string_view>

namespace cohook::detail {

/// 401 `{"error":"<name> header not set."}`.
Response missing_header(std::string_view name);

/// 403 `{"error":"Invalid signature."}`: says nothing of what was expected.
Response invalid_signature();

/// Whether the Unix-seconds timestamp `value` is within `options.tolerance` of `options.now()`, either way:
/// nullopt if so, else 401 `{"error":"Invalid timestamp."}` (not decimal digits, or out of range) or
/// 401 `{"error":"Timestamp outside the tolerance."}`.
std::optional<Response> check_timestamp(std::string_view value, const verify::ToleranceOptions& options);

/// Throws `std::invalid_argument` naming `scheme` (never the secret) when `secret` is empty.
void require_secret(std::string_view scheme, std::string_view secret);

/// Calls `visit(field)` for each `separator`-separated field of `text`, trimmed of spaces, skipping empty
/// ones.
template <class Visit>
void for_each_field(std::string_view text, char separator, Visit visit) {
    while (!text.empty()) {
        const auto end = text.find(separator);
        std::string_view field = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
        while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
        if (!field.empty()) visit(field);
    }
}

}  // namespace cohook::detail
