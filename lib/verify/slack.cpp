#include <cohook/verifiers.hpp>

#include "verify/hmac.hpp"
#include "verify/secret.hpp"
#include "verify/signature_check.hpp"

namespace cohook::verify {

Verifier slack(std::string signing_secret, ToleranceOptions options) {
    detail::require_secret("slack", signing_secret);
    return [secret = std::move(signing_secret),
            options = std::move(options)](const Request& request) -> std::optional<Response> {
        constexpr std::string_view kSignatureHeader = "X-Slack-Signature";
        constexpr std::string_view kTimestampHeader = "X-Slack-Request-Timestamp";
        constexpr std::string_view kPrefix = "v0=";
        const auto signature = request.headers.get(kSignatureHeader);
        if (!signature) return detail::missing_header(kSignatureHeader);
        const auto timestamp = request.headers.get(kTimestampHeader);
        if (!timestamp) return detail::missing_header(kTimestampHeader);
        // Slack's guide checks the timestamp first: a replayed request is refused without any HMAC work.
        if (auto refused = detail::check_timestamp(*timestamp, options)) return refused;
        const auto received = signature->starts_with(kPrefix)
                                  ? detail::hex_decode(signature->substr(kPrefix.size()))
                                  : std::nullopt;
        if (received && detail::constant_time_equals(
                            *received, detail::hmac_sha256(secret, {"v0:", *timestamp, ":", request.body}))) {
            return std::nullopt;
        }
        return detail::invalid_signature();
    };
}

}  // namespace cohook::verify
