#include "landing/landing_page.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "landing/html_escape.hpp"
#include "landing/sample_payload.hpp"

using cohook::detail::LandingPageInfo;
using cohook::detail::render_landing_page;

namespace {

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

std::size_t count(std::string_view haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

LandingPageInfo local_info() {
    LandingPageInfo info;
    info.base_url = "http://127.0.0.1:7860";
    info.routes = {"/webhooks/say_hello", "/webhooks/trigger_training"};
    return info;
}

constexpr std::string_view kLocalText =
    "Your app is running locally. Please look at the logs to check the full URL you need to set.";
constexpr std::string_view kSpaceText =
    "This app is running on a Space. You can find the corresponding URL in the options menu (top-right) > "
    "'Embed the Space'. The URL looks like 'https://{username}-{repo_name}.hf.space'.";
constexpr std::string_view kSettingsLink =
    R"(Go to <a href="https://huggingface.co/settings/webhooks">https://huggingface.co/settings/webhooks</a>)"
    " to setup your webhooks.";

}  // namespace

BOOST_AUTO_TEST_SUITE(landing_page)

BOOST_AUTO_TEST_CASE(page_is_a_standalone_utf8_html5_document) {
    const std::string html = render_landing_page(local_info());
    BOOST_TEST(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    BOOST_TEST(html.ends_with("</html>\n"));
    BOOST_TEST(contains(html, "<meta charset=\"utf-8\">"));
    BOOST_TEST(contains(html, "<meta name=\"viewport\""));
    BOOST_TEST(contains(html, "<title>This is an app to process 🤗 Webhooks</title>"));
    BOOST_TEST(contains(html, "<h1>This is an app to process 🤗 Webhooks</h1>"));
    BOOST_TEST(
        contains(html, R"(Check out this <a href="https://huggingface.co/docs/hub/webhooks">guide</a>)"));
    // No external assets: one inline script, and no scripts, stylesheets or images fetched from elsewhere.
    BOOST_TEST(count(html, "<script") == 1);
    BOOST_TEST(contains(html, "<script>\n"));
    BOOST_TEST(!contains(html, "<link"));
    BOOST_TEST(!contains(html, "src="));
    BOOST_TEST(!contains(html, "@import"));
    BOOST_TEST(!contains(html, "url("));
}

BOOST_AUTO_TEST_CASE(page_counts_and_lists_full_webhook_urls) {
    const std::string html = render_landing_page(local_info());
    BOOST_TEST(contains(html, "2 webhook(s) are registered:"));
    BOOST_TEST(contains(html, "<code>http://127.0.0.1:7860/webhooks/say_hello</code>"));
    BOOST_TEST(contains(html, "<code>http://127.0.0.1:7860/webhooks/trigger_training</code>"));
    // Registration order is kept.
    BOOST_TEST(html.find("say_hello") < html.find("trigger_training"));
}

BOOST_AUTO_TEST_CASE(page_with_no_routes_says_zero_and_has_no_empty_list) {
    LandingPageInfo info;
    info.base_url = "http://127.0.0.1:7860";
    const std::string html = render_landing_page(info);
    BOOST_TEST(contains(html, "0 webhook(s) are registered:"));
    BOOST_TEST(!contains(html, "<ul"));
    // Nothing to send to: no test form; only the recent-deliveries form remains.
    BOOST_TEST(!contains(html, "<form class=\"send\""));
    BOOST_TEST(count(html, "<form") == 1);
}

BOOST_AUTO_TEST_CASE(local_page_shows_local_text_not_space_text) {
    const std::string html = render_landing_page(local_info());
    BOOST_TEST(contains(html, kSettingsLink));
    BOOST_TEST(contains(html, kLocalText));
    BOOST_TEST(!contains(html, "running on a Space"));
}

BOOST_AUTO_TEST_CASE(space_page_shows_space_text_not_local_text) {
    LandingPageInfo info = local_info();
    info.base_url = "https://user-repo.hf.space";
    info.space_id = "user/repo";
    const std::string html = render_landing_page(info);
    BOOST_TEST(contains(html, kSettingsLink));
    BOOST_TEST(contains(html, kSpaceText));
    BOOST_TEST(!contains(html, kLocalText));
    BOOST_TEST(contains(html, "<code>user/repo</code>"));
    BOOST_TEST(contains(html, "<code>https://user-repo.hf.space/webhooks/say_hello</code>"));
}

BOOST_AUTO_TEST_CASE(interpolated_text_is_html_escaped) {
    LandingPageInfo info;
    info.base_url = R"(http://"evil'<b>)";
    info.routes = {"/webhooks/<script>alert('x')</script>", R"(/webhooks/"quoted"&)"};
    info.space_id = R"(<script>"id"</script>)";
    const std::string html = render_landing_page(info);
    // The page's own inline script is the only one: the injected tags are all escaped.
    BOOST_TEST(count(html, "<script") == 1);
    BOOST_TEST(!contains(html, "<b>"));
    BOOST_TEST(contains(html,
                        "<code>http://&quot;evil&#39;&lt;b&gt;/webhooks/&lt;script&gt;alert(&#39;x&#39;)"
                        "&lt;/script&gt;</code>"));
    BOOST_TEST(
        contains(html, "<code>http://&quot;evil&#39;&lt;b&gt;/webhooks/&quot;quoted&quot;&amp;</code>"));
    BOOST_TEST(contains(html, "<code>&lt;script&gt;&quot;id&quot;&lt;/script&gt;</code>"));
    // The path also lands in the form's attributes, escaped there too.
    BOOST_TEST(contains(html, "action=\"/webhooks/&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\""));
    BOOST_TEST(contains(html, "action=\"/webhooks/&quot;quoted&quot;&amp;\""));
}

BOOST_AUTO_TEST_CASE(trailing_slash_of_base_url_is_not_doubled) {
    LandingPageInfo info = local_info();
    info.base_url = "http://127.0.0.1:7860/";
    const std::string html = render_landing_page(info);
    BOOST_TEST(contains(html, "<code>http://127.0.0.1:7860/webhooks/say_hello</code>"));
}

BOOST_AUTO_TEST_CASE(each_webhook_has_a_test_form_posting_to_its_same_origin_path) {
    LandingPageInfo info = local_info();
    // A public base URL would be cross-origin from a page opened locally: the form uses the path alone.
    info.base_url = "https://example.lhr.life";
    const std::string html = render_landing_page(info);
    BOOST_TEST(count(html, "<form class=\"send\"") == 2);
    BOOST_TEST(count(html, "<summary>Send a test payload</summary>") == 2);
    BOOST_TEST(contains(html, "<form class=\"send\" action=\"/webhooks/say_hello\" method=\"post\""));
    BOOST_TEST(contains(html, "<form class=\"send\" action=\"/webhooks/trigger_training\" method=\"post\""));
    BOOST_TEST(contains(html, "aria-label=\"Send a test payload to /webhooks/say_hello\""));
    BOOST_TEST(count(html, "<button type=\"submit\">Send</button>") == 2);
    // The first form is open at once; the others are one click away.
    BOOST_TEST(count(html, "<details open>") == 1);
    BOOST_TEST(html.find("<details open>") < html.find("trigger_training"));
}

BOOST_AUTO_TEST_CASE(test_form_is_prefilled_with_the_escaped_hub_sample_payload) {
    const std::string html = render_landing_page(local_info());
    const std::string sample = cohook::detail::html_escape(cohook::detail::hub_sample_payload());
    BOOST_TEST(contains(sample, "&quot;event&quot;: {"));
    BOOST_TEST(count(html, "aria-describedby=\"payload-1-hint\">" + sample + "</textarea>") == 1);
    BOOST_TEST(count(html, "aria-describedby=\"payload-2-hint\">" + sample + "</textarea>") == 1);
}

BOOST_AUTO_TEST_CASE(every_field_has_a_label_tied_to_it) {
    LandingPageInfo info = local_info();
    info.secret_required = true;
    const std::string html = render_landing_page(info);
    for (const std::string n : {"1", "2"}) {
        BOOST_TEST(contains(html, "<label for=\"payload-" + n + "\">JSON body</label>"));
        BOOST_TEST(contains(html, "<textarea id=\"payload-" + n + "\" name=\"payload\""));
        BOOST_TEST(contains(html, "<label for=\"secret-" + n + "\">Webhook secret</label>"));
        BOOST_TEST(contains(html, "<input id=\"secret-" + n + "\" name=\"secret\" type=\"password\""));
    }
}

BOOST_AUTO_TEST_CASE(secret_field_is_shown_only_when_a_secret_is_required) {
    LandingPageInfo info = local_info();
    BOOST_TEST(!contains(render_landing_page(info), "type=\"password\""));
    info.secret_required = true;
    const std::string html = render_landing_page(info);
    // One per endpoint form (two endpoints), one for the recent-deliveries form.
    BOOST_TEST(count(html, "type=\"password\"") == 3);
    BOOST_TEST(contains(html, "Sent as the <code>X-Webhook-Secret</code> header."));
}

BOOST_AUTO_TEST_CASE(each_reply_is_shown_in_a_polite_live_region) {
    const std::string html = render_landing_page(local_info());
    BOOST_TEST(
        contains(html, "<div class=\"result\" id=\"result-1\" role=\"status\" aria-live=\"polite\"></div>"));
    BOOST_TEST(
        contains(html, "<div class=\"result\" id=\"result-2\" role=\"status\" aria-live=\"polite\"></div>"));
}

BOOST_AUTO_TEST_CASE(script_posts_json_and_writes_the_untrusted_reply_as_text) {
    const std::string html = render_landing_page(local_info());
    BOOST_TEST(contains(html, R"(fetch(form.getAttribute("action"))"));
    BOOST_TEST(contains(html, R"(method: "POST")"));
    BOOST_TEST(contains(html, R"({"Content-Type": "application/json"})"));
    BOOST_TEST(contains(html, R"(headers["X-Webhook-Secret"] = secret.value)"));
    BOOST_TEST(contains(html, ".textContent = "));
    for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("}) {
        BOOST_TEST(!contains(html, sink), "the page uses " << sink);
    }
}

BOOST_AUTO_TEST_CASE(page_has_focus_styles_and_fits_narrow_screens) {
    const std::string html = render_landing_page(local_info());
    BOOST_TEST(contains(html, R"(<meta name="viewport" content="width=device-width, initial-scale=1">)"));
    BOOST_TEST(contains(html, ":focus-visible { outline: 3px solid"));
    BOOST_TEST(contains(html, "max-width: 46rem"));
    BOOST_TEST(contains(html, "textarea, input { width: 100%;"));
}

BOOST_AUTO_TEST_CASE(recent_deliveries_are_fetched_from_the_json_endpoint_with_the_secret) {
    for (const LandingPageInfo& info : {LandingPageInfo{}, local_info()}) {
        const std::string html = render_landing_page(info);
        BOOST_TEST(count(html, "id=\"deliveries\"") == 1);
        BOOST_TEST(contains(html, "Recent deliveries appear here."));
        BOOST_TEST(contains(html, "<form class=\"deliveries\" action=\"deliveries\">"));
        // Placed after the setup text, before the script.
        BOOST_TEST(html.find("id=\"deliveries\"") > html.find("id=\"setup\""));
        BOOST_TEST(html.find("id=\"deliveries\"") < html.find("<script>"));
        BOOST_TEST(!contains(html, "id=\"deliveries-secret\""));
    }
    LandingPageInfo with_secret = local_info();
    with_secret.secret_required = true;
    BOOST_TEST(contains(render_landing_page(with_secret), "id=\"deliveries-secret\""));
}

BOOST_AUTO_TEST_SUITE_END()
