#pragma once

#include <string>
#include <string_view>

namespace cohook::detail {

/// Returns `text` safe to interpolate into HTML element content or a quoted attribute value:
/// `&`, `<`, `>`, `"` and `'` become character references; every other byte is copied unchanged.
std::string html_escape(std::string_view text);

}  // namespace cohook::detail
