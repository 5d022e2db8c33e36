#include "landing/banner.hpp"

#include <string_view>

namespace cohook::detail {
namespace {

// The trailing space after "initialization:" and the tab before the example are Python's, kept verbatim.
constexpr std::string_view kSecretWarning =
    "Webhook secret is not defined. This means your webhook endpoints will be open to everyone.\n"
    "To add a secret, set `WEBHOOK_SECRET` as environment variable or pass it at initialization: \n"
    "\tcohook::WebhooksServer server({.webhook_secret = \"my_secret_key\"});\n"
    "For more details about webhook secrets, please refer to "
    "https://huggingface.co/docs/hub/webhooks#webhook-secret.\n";

constexpr std::string_view kSecretDefined = "Webhook secret is correctly defined.\n";
// Not in Python (which has no per-route verifiers): the warning above would be false here.
constexpr std::string_view kEveryRouteVerified =
    "Webhook secret is not defined, but every webhook checks its sender's signature.\n";

std::string_view without_trailing_slashes(std::string_view url) {
    while (!url.empty() && url.back() == '/') {
        url.remove_suffix(1);
    }
    return url;
}

// The URL webhooks must be sent to: the Space's, else the tunnel's, else the local one.
std::string endpoint_base(const BannerInfo& info) {
    if (info.space_host) {
        return "https://" + std::string(without_trailing_slashes(*info.space_host));
    }
    return std::string(without_trailing_slashes(info.public_url ? *info.public_url : info.local_url));
}

}  // namespace

std::string render_banner(const BannerInfo& info) {
    std::string out(info.secret_defined         ? kSecretDefined
                    : info.every_route_verified ? kEveryRouteVerified
                                                : kSecretWarning);
    // Two spaces after "local URL:" line the URLs up with the public one, as Gradio prints them.
    out += "* Running on local URL:  " + info.local_url + "\n";
    if (info.public_url) {
        out += "* Running on public URL: " + *info.public_url + "\n";
    }
    out += "\nWebhooks are correctly setup and ready to use:\n";
    const std::string base = endpoint_base(info);
    for (const std::string& route : info.routes) {
        out += "  - POST " + base + route + "\n";
    }
    out += "Go to https://huggingface.co/settings/webhooks to setup your webhooks.\n";
    return out;
}

}  // namespace cohook::detail
