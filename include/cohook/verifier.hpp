#pragma once

#include <cohook/request.hpp>
#include <cohook/response.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace cohook {

/// Authenticates a delivery before any JSON work: returns nothing to let the request through, or the
/// response to send instead (401 missing credentials, 403 bad signature, ...). It sees the exact raw bytes
/// received, so signatures are checked over what the sender signed. Called concurrently from several
/// threads when the server runs several; must not block.
using Verifier = std::function<std::optional<Response>(const Request& request)>;

/// Per-endpoint settings given at registration.
struct WebhookOptions {
    /// How deliveries to this endpoint are authenticated. Empty: the server's Hugging Face secret
    /// (`X-Webhook-Secret` or `?secret=`, from `ServerOptions::webhook_secret` or `WEBHOOK_SECRET`).
    Verifier verifier;
    /// Opt-in replay protection: remember this many recently handled delivery ids and answer a repeat
    /// `200` (header `X-Cohook-Duplicate: true`) without running the handler again. 0 (default): off.
    /// A delivery whose handler failed is not remembered, so the sender's retry runs it again.
    std::size_t remember_deliveries = 0;
    /// The delivery id used for that memory. Empty: the sender's `webhook-id`, `X-GitHub-Delivery` or
    /// `X-Request-Id` header; a request with no id is always handled.
    std::function<std::string(const Request&)> delivery_key;
};

}  // namespace cohook
