#include <cohook/verifiers.hpp>

#include "verify/hmac.hpp"
#include "verify/secret.hpp"
#include "verify/signature_check.hpp"

namespace cohook::verify {

Verifier github(std::string secret) {
    detail::require_secret("github", secret);
    return [secret = std::move(secret)](const Request& request) -> std::optional<Response> {
        constexpr std::string_view kHeader = "X-Hub-Signature-256";
        constexpr std::string_view kPrefix = "sha256=";
        const auto header = request.headers.get(kHeader);
        if (!header) return detail::missing_header(kHeader);
        // Compare digests, not spellings: hex of either case is the same signature.
        const auto received =
            header->starts_with(kPrefix) ? detail::hex_decode(header->substr(kPrefix.size())) : std::nullopt;
        if (received &&
            detail::constant_time_equals(*received, detail::hmac_sha256(secret, {request.body}))) {
            return std::nullopt;
        }
        return detail::invalid_signature();
    };
}

}  // namespace cohook::verify
