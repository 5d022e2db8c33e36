#include "landing/landing_page.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>

using cohook::detail::LandingPageInfo;
using cohook::detail::render_landing_page;

namespace {

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
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
    // No external assets: no scripts, stylesheets or images fetched from elsewhere.
    BOOST_TEST(!contains(html, "<script"));
    BOOST_TEST(!contains(html, "<link"));
    BOOST_TEST(!contains(html, "src="));
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
    BOOST_TEST(!contains(html, "<ul>"));
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
    BOOST_TEST(!contains(html, "<script"));
    BOOST_TEST(!contains(html, "<b>"));
    BOOST_TEST(contains(html,
                        "<code>http://&quot;evil&#39;&lt;b&gt;/webhooks/&lt;script&gt;alert(&#39;x&#39;)"
                        "&lt;/script&gt;</code>"));
    BOOST_TEST(
        contains(html, "<code>http://&quot;evil&#39;&lt;b&gt;/webhooks/&quot;quoted&quot;&amp;</code>"));
    BOOST_TEST(contains(html, "<code>&lt;script&gt;&quot;id&quot;&lt;/script&gt;</code>"));
}

BOOST_AUTO_TEST_CASE(trailing_slash_of_base_url_is_not_doubled) {
    LandingPageInfo info = local_info();
    info.base_url = "http://127.0.0.1:7860/";
    const std::string html = render_landing_page(info);
    BOOST_TEST(contains(html, "<code>http://127.0.0.1:7860/webhooks/say_hello</code>"));
}

BOOST_AUTO_TEST_SUITE_END()
