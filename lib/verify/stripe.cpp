#include <cohook/verifiers.hpp>

#include "verify/hmac.hpp"
#include "verify/secret.hpp"
#include "verify/signature_check.hpp"

#include <string>
#include <vector>

namespace cohook::verify {

namespace {

/// The parts of a `Stripe-Signature` header: `t=<timestamp>` and every `v1=<hex>`; others are ignored.
struct StripeSignature {
    std::optional<std::string_view> timestamp;
    std::vector<std::string_view> v1;
};

StripeSignature parse_stripe_signature(std::string_view header) {
    StripeSignature parsed;
    detail::for_each_field(header, ',', [&](std::string_view field) {
        if (field.starts_with("t=") && !parsed.timestamp) parsed.timestamp = field.substr(2);
        if (field.starts_with("v1=")) parsed.v1.push_back(field.substr(3));
    });
    return parsed;
}

}  // namespace

Verifier stripe(std::string secret, ToleranceOptions options) {
    detail::require_secret("stripe", secret);
    return [secret = std::move(secret),
            options = std::move(options)](const Request& request) -> std::optional<Response> {
        constexpr std::string_view kHeader = "Stripe-Signature";
        const auto header = request.headers.get(kHeader);
        if (!header) return detail::missing_header(kHeader);
        const StripeSignature parsed = parse_stripe_signature(*header);
        if (auto refused = detail::check_timestamp(parsed.timestamp.value_or(""), options)) return refused;
        // Several v1 entries arrive while an endpoint secret is being rolled: one match is enough.
        const std::string expected = detail::hmac_sha256(secret, {*parsed.timestamp, ".", request.body});
        for (const std::string_view hex : parsed.v1) {
            const auto received = detail::hex_decode(hex);
            if (received && detail::constant_time_equals(*received, expected)) return std::nullopt;
        }
        return detail::invalid_signature();
    };
}

}  // namespace cohook::verify
