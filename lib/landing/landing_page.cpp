#include "landing/landing_page.hpp"

#include <fmt/format.h>

#include <string_view>

#include "landing/html_escape.hpp"

namespace cohook::detail {
namespace {

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This is an app to process 🤗 Webhooks</title>
<style>
:root { color-scheme: light dark; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.125rem; margin: 2rem 0 0.5rem; }
ul { padding-left: 1.25rem; }
li { margin: 0.25rem 0; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere;
       padding: 0.1em 0.3em; border-radius: 4px; background: rgba(127, 127, 127, 0.15); }
.method { font-size: 0.75em; font-weight: 600; margin-right: 0.4em; }
</style>
</head>
<body>
<main>
<h1>This is an app to process 🤗 Webhooks</h1>
<p>Webhooks are a foundation for MLOps-related features. They allow you to listen for new changes on specific repos or to all repos belonging to particular set of users/organizations (not just your repos, but any repo). Check out this <a href="https://huggingface.co/docs/hub/webhooks">guide</a> to get to know more about webhooks on the Huggingface Hub.</p>
)";

constexpr std::string_view kSettings =
    R"(Go to <a href="https://huggingface.co/settings/webhooks">https://huggingface.co/settings/webhooks</a> to setup your webhooks.)";

constexpr std::string_view kLocalText =
    "Your app is running locally. Please look at the logs to check the full URL you need to set.";

constexpr std::string_view kSpaceText =
    "This app is running on a Space. You can find the corresponding URL in the options menu (top-right) "
    "> 'Embed the Space'. The URL looks like 'https://{username}-{repo_name}.hf.space'.";

constexpr std::string_view kTail = "</main>\n</body>\n</html>\n";

std::string_view without_trailing_slashes(std::string_view url) {
    while (!url.empty() && url.back() == '/') {
        url.remove_suffix(1);
    }
    return url;
}

// "N webhook(s) are registered:" and one list item per full endpoint URL (shown as text: they take POSTs).
void append_webhooks(std::string& out, const LandingPageInfo& info) {
    out += "<section aria-labelledby=\"webhooks\">\n<h2 id=\"webhooks\">Registered webhooks</h2>\n";
    out += fmt::format("<p>{} webhook(s) are registered:</p>\n", info.routes.size());
    if (info.routes.empty()) {
        out += "</section>\n";
        return;
    }
    const std::string base = html_escape(without_trailing_slashes(info.base_url));
    out += "<ul>\n";
    for (const std::string& route : info.routes) {
        out += fmt::format("<li><span class=\"method\">POST</span><code>{}{}</code></li>\n", base,
                           html_escape(route));
    }
    out += "</ul>\n</section>\n";
}

void append_setup(std::string& out, const LandingPageInfo& info) {
    out += "<section aria-labelledby=\"setup\">\n<h2 id=\"setup\">Setup</h2>\n";
    out += fmt::format("<p>{} {}</p>\n", kSettings, info.space_id ? kSpaceText : kLocalText);
    if (info.space_id) {
        out += fmt::format("<p>Space: <code>{}</code></p>\n", html_escape(*info.space_id));
    }
    out += "</section>\n";
}

}  // namespace

std::string render_landing_page(const LandingPageInfo& info) {
    std::string out(kHead);
    append_webhooks(out, info);
    append_setup(out, info);
    out += kTail;
    return out;
}

}  // namespace cohook::detail
