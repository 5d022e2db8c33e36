#include <cohook/verifiers.hpp>

#include "verify/hmac.hpp"
#include "verify/secret.hpp"
#include "verify/signature_check.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace cohook::verify {

namespace {

/// The HMAC key of a `whsec_<base64>` secret (the prefix is optional, as in the reference libraries).
std::string decode_key(std::string_view secret) {
    constexpr std::string_view kPrefix = "whsec_";
    if (secret.starts_with(kPrefix)) secret.remove_prefix(kPrefix.size());
    auto key = detail::base64_decode(secret);
    if (!key || key->empty()) {
        throw std::invalid_argument(
            "cohook::verify::standard_webhooks: a secret is not whsec_ followed by base64");
    }
    return std::move(*key);
}

bool any_signature_matches(std::string_view signatures, const std::vector<std::string>& expected) {
    bool matched = false;
    detail::for_each_field(signatures, ' ', [&](std::string_view entry) {
        constexpr std::string_view kVersion = "v1,";
        if (matched || !entry.starts_with(kVersion)) return;  // other versions are for other verifiers
        const auto received = detail::base64_decode(entry.substr(kVersion.size()));
        if (!received) return;
        for (const std::string& mac : expected) {
            if (detail::constant_time_equals(*received, mac)) matched = true;
        }
    });
    return matched;
}

}  // namespace

Verifier standard_webhooks(std::vector<std::string> secrets, StandardWebhooksOptions options) {
    if (secrets.empty()) throw std::invalid_argument("cohook::verify::standard_webhooks: no secret given");
    std::vector<std::string> keys;
    for (const std::string& secret : secrets) {
        detail::require_secret("standard_webhooks", secret);
        keys.push_back(decode_key(secret));
    }
    return [keys = std::move(keys),
            options = std::move(options)](const Request& request) -> std::optional<Response> {
        // Svix itself brands the headers `svix-*`; the spec's unbranded names win when both are sent.
        const bool svix = !request.headers.contains("webhook-id") && request.headers.contains("svix-id");
        const std::string_view id_name = svix ? "svix-id" : "webhook-id";
        const std::string_view timestamp_name = svix ? "svix-timestamp" : "webhook-timestamp";
        const std::string_view signature_name = svix ? "svix-signature" : "webhook-signature";
        const auto id = request.headers.get(id_name);
        if (!id) return detail::missing_header(id_name);
        const auto timestamp = request.headers.get(timestamp_name);
        if (!timestamp) return detail::missing_header(timestamp_name);
        const auto signatures = request.headers.get(signature_name);
        if (!signatures) return detail::missing_header(signature_name);
        if (auto refused = detail::check_timestamp(*timestamp, options)) return refused;
        std::vector<std::string> expected;
        expected.reserve(keys.size());
        for (const std::string& key : keys) {
            expected.push_back(detail::hmac_sha256(key, {*id, ".", *timestamp, ".", request.body}));
        }
        if (any_signature_matches(*signatures, expected)) return std::nullopt;
        return detail::invalid_signature();
    };
}

Verifier standard_webhooks(std::string secret, StandardWebhooksOptions options) {
    return standard_webhooks(std::vector<std::string>{std::move(secret)}, std::move(options));
}

}  // namespace cohook::verify
