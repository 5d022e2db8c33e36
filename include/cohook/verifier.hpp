#pragma once

#include <cohook/request.hpp>
#include <cohook/response.hpp>

#include <functional>
#include <optional>

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
};

}  // namespace cohook
