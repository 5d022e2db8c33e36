#include "landing/html_escape.hpp"

namespace cohook::detail {

std::string html_escape(std::string_view text) {
    std::string out;
    // Most text has nothing to escape: one allocation with a little headroom covers it.
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace cohook::detail
