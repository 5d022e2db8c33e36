#include "landing/landing_page.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <string_view>

#include "landing/html_escape.hpp"
#include "landing/sample_payload.hpp"

namespace cohook::detail {
namespace {

// Colours are explicit in both schemes so every pair of text and background stays above WCAG AA (4.5:1).
constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This is an app to process 🤗 Webhooks</title>
<style>
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de;
        --panel: #f6f8fa; --accent: #0b57d0; --on-accent: #ffffff; --ok: #116329; --error: #a40e26; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --panel: #161b22;
          --accent: #4493f8; --on-accent: #0d1117; --ok: #3fb950; --error: #ff7b72; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.125rem; margin: 2rem 0 0.5rem; }
a { color: var(--accent); }
ul.endpoints { list-style: none; padding: 0; }
.endpoint { margin: 0.75rem 0; padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 8px;
            background: var(--panel); }
.url { margin: 0; }
code, textarea, pre { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { overflow-wrap: anywhere; padding: 0.1em 0.3em; border-radius: 4px; background: rgba(127, 127, 127, 0.15); }
.method { font-size: 0.75em; font-weight: 600; margin-right: 0.4em; }
summary { cursor: pointer; margin-top: 0.5rem; font-weight: 600; color: var(--accent); }
form { display: grid; gap: 0.4rem; margin-top: 0.5rem; }
label { font-weight: 600; margin-top: 0.4rem; }
.hint { margin: 0; font-size: 0.875rem; color: var(--muted); }
textarea, input { width: 100%; padding: 0.5rem; border: 1px solid var(--muted); border-radius: 6px;
                  background: var(--bg); color: var(--fg); }
/* JSON reads best unwrapped: long lines scroll inside the field instead. */
textarea { min-height: 12rem; resize: vertical; white-space: pre; overflow-wrap: normal; overflow-x: auto; }
input { max-width: 24rem; font: inherit; }
button { justify-self: start; margin-top: 0.5rem; padding: 0.45rem 1.4rem; border: 0; border-radius: 6px;
         background: var(--accent); color: var(--on-accent); font: inherit; font-weight: 600; cursor: pointer; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.result:not(:empty) { margin-top: 0.5rem; padding: 0.5rem 0.75rem; border-left: 4px solid var(--muted);
                      background: var(--bg); }
.result[data-outcome="ok"] { border-left-color: var(--ok); }
.result[data-outcome="error"] { border-left-color: var(--error); }
.result .status { margin: 0; font-weight: 600; }
#deliveries-result { overflow-x: auto; max-width: 100%; }
#deliveries-result table { border-collapse: collapse; font-size: 0.9em; }
#deliveries-result th, #deliveries-result td { padding: 0.2rem 0.5rem; text-align: left; white-space: nowrap; }
.result[data-outcome="ok"] .status { color: var(--ok); }
.result[data-outcome="error"] .status { color: var(--error); }
.result pre { margin: 0.25rem 0 0; max-height: 16rem; overflow: auto; white-space: pre-wrap;
              overflow-wrap: anywhere; }
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

// Recent deliveries come from GET /deliveries, which needs the webhook secret when one is set: the page
// holds no delivery data itself, so a visitor without the secret sees nothing.
constexpr std::string_view kDeliveriesHead = R"(<section id="deliveries" aria-labelledby="deliveries-title">
<h2 id="deliveries-title">Recent deliveries</h2>
<p class="hint">Recent deliveries appear here.</p>
<form class="deliveries" action="deliveries">
)";

constexpr std::string_view kDeliveriesSecret = R"(<label for="deliveries-secret">Webhook secret</label>
<input id="deliveries-secret" name="secret" type="password" autocomplete="off">
)";

constexpr std::string_view kDeliveriesTail = R"(<button type="submit">Show recent deliveries</button>
<div class="result" id="deliveries-result" role="status" aria-live="polite"></div>
</form>
</section>
)";

// Posts each test form to its own same-origin path. The reply is untrusted: it is only ever written with
// textContent, never parsed as HTML.
constexpr std::string_view kScript = R"js(<script>
"use strict";
function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (error) { return text; }
}
function show(region, outcome, status, body) {
  const line = document.createElement("p");
  line.className = "status";
  line.textContent = status;
  region.dataset.outcome = outcome;
  if (body === "") { region.replaceChildren(line); return; }
  const pre = document.createElement("pre");
  pre.textContent = body;
  region.replaceChildren(line, pre);
}
function secretHeaders(form, headers) {
  const secret = form.elements.namedItem("secret");
  if (secret && secret.value !== "") headers["X-Webhook-Secret"] = secret.value;
  return headers;
}
function deliveriesTable(routes) {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const name of ["Route", "Time (UTC)", "Status", "ms", "Bytes", "Delivery id", "Verification"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const [route, list] of Object.entries(routes)) {
    for (const d of list) {
      const row = body.insertRow();
      for (const value of [route, d.time, d.status, d.duration_ms, d.bytes, d.delivery_id || "-", d.verification]) {
        row.insertCell().textContent = String(value);
      }
    }
  }
  return table;
}
const deliveries = document.querySelector("form.deliveries");
deliveries.addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = deliveries.querySelector(".result");
  try {
    const response = await fetch(deliveries.getAttribute("action"), {headers: secretHeaders(deliveries, {})});
    const text = await response.text();
    if (!response.ok) { show(result, "error", `${response.status} ${response.statusText}`.trim(), pretty(text)); return; }
    const table = deliveriesTable(JSON.parse(text).routes);
    result.dataset.outcome = "ok";
    result.replaceChildren(table.tBodies[0].rows.length ? table : document.createTextNode("No deliveries yet."));
  } catch (error) {
    show(result, "error", "Request failed", String(error));
  }
});
for (const form of document.querySelectorAll("form.send")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    const result = form.querySelector(".result");
    const headers = secretHeaders(form, {"Content-Type": "application/json"});
    show(result, "pending", "Sending…", "");
    try {
      const response = await fetch(form.getAttribute("action"),
                                   {method: "POST", headers, body: form.elements.namedItem("payload").value});
      const body = await response.text();
      show(result, response.ok ? "ok" : "error", `${response.status} ${response.statusText}`.trim(), pretty(body));
    } catch (error) {
      show(result, "error", "Request failed", String(error));
    } finally {
      delete form.dataset.busy;
    }
  });
}
</script>
)js";

constexpr std::string_view kTail = "</main>\n</body>\n</html>\n";

std::string_view without_trailing_slashes(std::string_view url) {
    while (!url.empty() && url.back() == '/') {
        url.remove_suffix(1);
    }
    return url;
}

// One endpoint: its full URL and a form posting a test payload to its path (same origin, so it works
// behind a tunnel or a Space's proxy too). Ids are numbered so each label is tied to its own field.
void append_endpoint(std::string& out, const LandingPageInfo& info, std::string_view base, std::size_t n) {
    const std::string route = html_escape(info.routes[n - 1]);
    out += fmt::format(
        "<li class=\"endpoint\">\n<p class=\"url\"><span class=\"method\">POST</span><code>{}{}</code></p>\n",
        base, route);
    // The first form is open so a single-webhook app shows it at once; the others stay one click away.
    out += fmt::format("<details{}>\n<summary>Send a test payload</summary>\n", n == 1 ? " open" : "");
    out += fmt::format(
        "<form class=\"send\" action=\"{0}\" method=\"post\" aria-label=\"Send a test payload to {0}\">\n"
        "<label for=\"payload-{1}\">JSON body</label>\n"
        "<p class=\"hint\" id=\"payload-{1}-hint\">The Hub's sample payload for a new pull request; edit it "
        "as you like.</p>\n"
        "<textarea id=\"payload-{1}\" name=\"payload\" rows=\"14\" spellcheck=\"false\" "
        "aria-describedby=\"payload-{1}-hint\">{2}</textarea>\n",
        route, n, html_escape(hub_sample_payload()));
    if (info.secret_required) {
        out += fmt::format(
            "<label for=\"secret-{0}\">Webhook secret</label>\n"
            "<p class=\"hint\" id=\"secret-{0}-hint\">Sent as the <code>X-Webhook-Secret</code> header.</p>\n"
            "<input id=\"secret-{0}\" name=\"secret\" type=\"password\" autocomplete=\"off\" "
            "aria-describedby=\"secret-{0}-hint\">\n",
            n);
    }
    out += fmt::format(
        "<button type=\"submit\">Send</button>\n"
        "<div class=\"result\" id=\"result-{}\" role=\"status\" aria-live=\"polite\"></div>\n"
        "</form>\n</details>\n</li>\n",
        n);
}

// "N webhook(s) are registered:" and one list item per full endpoint URL, each with its test form.
void append_webhooks(std::string& out, const LandingPageInfo& info) {
    out += "<section aria-labelledby=\"webhooks\">\n<h2 id=\"webhooks\">Registered webhooks</h2>\n";
    out += fmt::format("<p>{} webhook(s) are registered:</p>\n", info.routes.size());
    if (info.routes.empty()) {
        out += "</section>\n";
        return;
    }
    const std::string base = html_escape(without_trailing_slashes(info.base_url));
    out += "<noscript><p class=\"hint\">Sending a test payload needs JavaScript.</p></noscript>\n";
    out += "<ul class=\"endpoints\">\n";
    for (std::size_t n = 1; n <= info.routes.size(); ++n) {
        append_endpoint(out, info, base, n);
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
    out += kDeliveriesHead;
    if (info.secret_required) out += kDeliveriesSecret;
    out += kDeliveriesTail;
    out += kScript;
    out += kTail;
    return out;
}

}  // namespace cohook::detail
