#pragma once

#include <string_view>

namespace cohook::detail {

/// The Hub's sample "discussion created (pull request)" payload, pretty-printed JSON ending in "\n",
/// byte-identical to `tests/fixtures/discussion_create_pr.json`. The landing page's test form starts
/// from it. Static storage: the view stays valid for the life of the program.
std::string_view hub_sample_payload();

}  // namespace cohook::detail
