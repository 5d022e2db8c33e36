#pragma once

#include <string_view>

namespace cohook::detail {

/// The unqualified name of the function `Fn`, read at compile time from the compiler's signature text
/// (g++: "... [with auto Fn = trigger_training; ...]", clang: "... [Fn = &trigger_training]").
template <auto Fn>
constexpr std::string_view function_name() {
    std::string_view text = __PRETTY_FUNCTION__;
    const auto start = text.find("Fn = ");
    if (start == std::string_view::npos) return {};
    text.remove_prefix(start + 5);
    if (!text.empty() && text.front() == '&') text.remove_prefix(1);
    const auto end = text.find_first_of(";]");
    text = text.substr(0, end);
    // Drop namespaces and classes: the route is the function's own name, as in Python.
    const auto colons = text.rfind("::");
    if (colons != std::string_view::npos) text.remove_prefix(colons + 2);
    return text;
}

}  // namespace cohook::detail
