#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cohook::detail {

/// What the start-up banner reports (SPEC A6); plain values, copied by the caller.
struct BannerInfo {
    /// Whether a webhook secret was configured (option or `WEBHOOK_SECRET`).
    bool secret_defined = false;
    /// Without a secret: whether every webhook has its own verifier (a sender's signature scheme), so
    /// none is open to everyone even though no secret is set.
    bool every_route_verified = false;
    /// The local URL the server listens on, e.g. "http://127.0.0.1:7860".
    std::string local_url;
    /// The tunnel's public URL when sharing, e.g. "https://x.lhr.life".
    std::optional<std::string> public_url;
    /// `SPACE_HOST` when running on a Hugging Face Space; POST lines then use https://<space_host>.
    std::optional<std::string> space_host;
    /// Registered webhook paths ("/webhooks/..."), in registration order.
    std::vector<std::string> routes;
};

/// The start-up text printed to stdout, every line ending in "\n", worded as SPEC A6 (Python's output).
std::string render_banner(const BannerInfo& info);

}  // namespace cohook::detail
