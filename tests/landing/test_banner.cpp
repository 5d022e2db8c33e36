#include "landing/banner.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>
#include <string>

using cohook::detail::BannerInfo;
using cohook::detail::render_banner;

namespace {

// SPEC A6's first block, spelled out: note the trailing space after "initialization:" and the tab.
const std::string kNoSecretBlock =
    "Webhook secret is not defined. This means your webhook endpoints will be open to everyone.\n"
    "To add a secret, set `WEBHOOK_SECRET` as environment variable or pass it at initialization: \n"
    "\tcohook::WebhooksServer server({.webhook_secret = \"my_secret_key\"});\n"
    "For more details about webhook secrets, please refer to "
    "https://huggingface.co/docs/hub/webhooks#webhook-secret.\n";

const std::string kFooter = "Go to https://huggingface.co/settings/webhooks to setup your webhooks.\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(banner)

BOOST_AUTO_TEST_CASE(banner_without_secret_matches_spec_text) {
    BannerInfo info;
    info.local_url = "http://127.0.0.1:7860";
    info.routes = {"/webhooks/trigger_training"};
    BOOST_TEST(render_banner(info) == kNoSecretBlock +
                                          "* Running on local URL:  http://127.0.0.1:7860\n"
                                          "\n"
                                          "Webhooks are correctly setup and ready to use:\n"
                                          "  - POST http://127.0.0.1:7860/webhooks/trigger_training\n" +
                                          kFooter);
}

BOOST_AUTO_TEST_CASE(banner_without_secret_but_with_a_verifier_on_every_route_does_not_warn) {
    BannerInfo info;
    info.every_route_verified = true;
    info.local_url = "http://127.0.0.1:7860";
    info.routes = {"/webhooks/github"};
    BOOST_TEST(render_banner(info) ==
               "Webhook secret is not defined, but every webhook checks its sender's "
               "signature.\n"
               "* Running on local URL:  http://127.0.0.1:7860\n"
               "\n"
               "Webhooks are correctly setup and ready to use:\n"
               "  - POST http://127.0.0.1:7860/webhooks/github\n" +
                   kFooter);
    info.secret_defined = true;  // a secret as well: the usual line
    BOOST_TEST(render_banner(info).starts_with("Webhook secret is correctly defined.\n"));
}

BOOST_AUTO_TEST_CASE(banner_with_secret_and_public_url_posts_to_public_url) {
    BannerInfo info;
    info.secret_defined = true;
    info.local_url = "http://127.0.0.1:7860";
    info.public_url = "https://abc123.lhr.life";
    info.routes = {"/webhooks/say_hello", "/webhooks/trigger_training"};
    BOOST_TEST(render_banner(info) ==
               "Webhook secret is correctly defined.\n"
               "* Running on local URL:  http://127.0.0.1:7860\n"
               "* Running on public URL: https://abc123.lhr.life\n"
               "\n"
               "Webhooks are correctly setup and ready to use:\n"
               "  - POST https://abc123.lhr.life/webhooks/say_hello\n"
               "  - POST https://abc123.lhr.life/webhooks/trigger_training\n" +
                   kFooter);
}

BOOST_AUTO_TEST_CASE(banner_on_a_space_posts_to_https_space_host) {
    BannerInfo info;
    info.secret_defined = true;
    info.local_url = "http://0.0.0.0:7860";
    info.public_url = "https://ignored.lhr.life";
    info.space_host = "user-repo.hf.space";
    info.routes = {"/webhooks/trigger_training"};
    BOOST_TEST(render_banner(info) ==
               "Webhook secret is correctly defined.\n"
               "* Running on local URL:  http://0.0.0.0:7860\n"
               "* Running on public URL: https://ignored.lhr.life\n"
               "\n"
               "Webhooks are correctly setup and ready to use:\n"
               "  - POST https://user-repo.hf.space/webhooks/trigger_training\n" +
                   kFooter);
}

BOOST_AUTO_TEST_CASE(trailing_slash_of_the_base_url_is_not_doubled) {
    BannerInfo info;
    info.secret_defined = true;
    info.local_url = "http://127.0.0.1:7860/";
    info.routes = {"/webhooks/a"};
    const std::string text = render_banner(info);
    BOOST_TEST(text.find("  - POST http://127.0.0.1:7860/webhooks/a\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(banner_with_no_routes_keeps_header_and_footer) {
    BannerInfo info;
    info.secret_defined = true;
    info.local_url = "http://127.0.0.1:7860";
    BOOST_TEST(render_banner(info) ==
               "Webhook secret is correctly defined.\n"
               "* Running on local URL:  http://127.0.0.1:7860\n"
               "\n"
               "Webhooks are correctly setup and ready to use:\n" +
                   kFooter);
}

BOOST_AUTO_TEST_SUITE_END()
