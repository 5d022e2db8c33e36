#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cohook::detail {

/// What the default landing page (`GET /`, SPEC A7) shows; plain values, copied by the caller.
struct LandingPageInfo {
    /// The URL webhooks are sent to, without a trailing slash: "http://127.0.0.1:7860" or a public URL.
    std::string base_url;
    /// Registered webhook paths ("/webhooks/..."), in registration order.
    std::vector<std::string> routes;
    /// `SPACE_ID` when running on a Hugging Face Space; selects the Space wording.
    std::optional<std::string> space_id;
    /// Whether the server checks a webhook secret; the test forms then ask for one (`X-Webhook-Secret`).
    bool secret_required = false;
};

/// A standalone UTF-8 HTML5 document (inline CSS and JS, no external assets) mirroring Python's default
/// Gradio UI, plus a form per webhook that POSTs a test payload from the browser and shows the reply.
/// Every interpolated value is HTML-escaped.
std::string render_landing_page(const LandingPageInfo& info);

}  // namespace cohook::detail
