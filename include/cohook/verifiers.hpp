#pragma once

#include <cohook/verifier.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace cohook::verify {

/// Replay protection for schemes that sign a timestamp: how far from now it may be, and what "now" is.
struct ToleranceOptions {
    /// The largest accepted distance between a delivery's timestamp and now, into the past or the future.
    std::chrono::seconds tolerance{300};
    /// The current time. Replace it in tests; it is called concurrently when the server runs several threads.
    std::function<std::chrono::system_clock::time_point()> now = [] {
        return std::chrono::system_clock::now();
    };
};

/// Options of `standard_webhooks()`: the spec's window is 5 minutes either way.
using StandardWebhooksOptions = ToleranceOptions;

// Every factory below returns a verifier for `WebhookOptions::verifier`. Each one reads the exact raw
// body, compares in constant time and never echoes a secret or an expected signature. Failures:
// 401 `{"error":"<Header> header not set."}` for a missing header, 401 for a timestamp that cannot be
// parsed or is outside the tolerance, 403 `{"error":"Invalid signature."}` otherwise. An empty secret
// is a set-up mistake: the factories throw `std::invalid_argument`, whose message never holds the secret.

/// The Hugging Face Hub's shared secret (`X-Webhook-Secret` header or `?secret=`), as the server checks
/// it by default; for an endpoint whose secret differs from the server's.
Verifier hub_secret(std::string secret);

/// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`.
Verifier github(std::string secret);

/// Standard Webhooks (Svix and others): `webhook-id`, `webhook-timestamp` and `webhook-signature`, a
/// space-separated list of `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>` entries of which one
/// must match; other versions are ignored. Svix's `svix-id`, `svix-timestamp`, `svix-signature` are read
/// when `webhook-id` is absent. `secret` is `whsec_<base64 key>` (the prefix is optional).
/// Throws `std::invalid_argument` when it is not valid base64.
Verifier standard_webhooks(std::string secret, StandardWebhooksOptions options = {});

/// Standard Webhooks with several secrets during a key rotation: a signature by any of them passes.
Verifier standard_webhooks(std::vector<std::string> secrets, StandardWebhooksOptions options = {});

/// Stripe: `Stripe-Signature: t=<timestamp>,v1=<hex>[,v1=<hex>...]`, each `v1` an HMAC-SHA256 under the
/// whole endpoint secret (`whsec_...` used as is) of `"{t}.{body}"`; one must match.
Verifier stripe(std::string secret, ToleranceOptions options = {});

/// Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(signing_secret, "v0:{timestamp}:{body}")>` with the
/// timestamp from `X-Slack-Request-Timestamp`.
Verifier slack(std::string signing_secret, ToleranceOptions options = {});

}  // namespace cohook::verify
