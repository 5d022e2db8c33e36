#pragma once

#include <string>
#include <string_view>

namespace cohook::detail {

/// The route for a webhook registered as `path`: "/webhooks/" + path with leading and trailing '/'
/// stripped ("/say_hello", "say_hello/" → "/webhooks/say_hello"; "a/b" → "/webhooks/a/b").
/// Throws std::invalid_argument for an empty path or characters that cannot appear in a URL path.
std::string webhook_route(std::string_view path);

}  // namespace cohook::detail
