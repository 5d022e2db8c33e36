#include "tunnel/url_discovery.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace cohook::detail {
namespace {

// Removes ANSI escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL/ST", and two-byte ones), which
// services that draw a terminal UI mix into their output.
std::string strip_escapes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\x1b') {
            out.push_back(text[i]);
            continue;
        }
        if (i + 1 >= text.size()) break;
        const char kind = text[++i];
        if (kind == '[') {
            while (i + 1 < text.size() && !(text[i + 1] >= '@' && text[i + 1] <= '~')) ++i;
            ++i;
        } else if (kind == ']') {
            while (i + 1 < text.size() && text[i + 1] != '\a' && text[i + 1] != '\x1b') ++i;
            ++i;
        }
    }
    return out;
}

std::optional<std::string> url_in_json_line(std::string_view line) {
    const auto open = line.find('{');
    if (open == std::string_view::npos) return std::nullopt;
    boost::system::error_code ec;
    const auto value = boost::json::parse(line.substr(open), ec);
    if (ec || !value.is_object()) return std::nullopt;
    for (const char* key : {"url", "address"}) {
        const auto* field = value.as_object().if_contains(key);
        if (field == nullptr || !field->is_string() || field->as_string().empty()) continue;
        std::string url(field->as_string());
        if (url.find("://") == std::string::npos) url = "https://" + url;
        return url;
    }
    return std::nullopt;
}

bool is_url_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
}

std::string_view url_host(std::string_view url) {
    url.remove_prefix(url.find("://") + 3);
    return url.substr(0, url.find_first_of(":/?#"));
}

std::optional<std::string> url_in_text(std::string_view text, const std::vector<std::string>& ignored_hosts) {
    for (auto start = text.find("https://"); start != std::string_view::npos;
         start = text.find("https://", start + 1)) {
        auto end = start + 8;
        while (end < text.size() && is_url_char(text[end])) ++end;
        if (end == text.size()) break;  // maybe cut in the middle: wait for the rest of the line
        std::string_view url = text.substr(start, end - start);
        while (!url.empty() && std::string_view(".,;:!?)]'").find(url.back()) != std::string_view::npos) {
            url.remove_suffix(1);
        }
        const auto host = url_host(url);
        if (host.empty() ||
            std::find(ignored_hosts.begin(), ignored_hosts.end(), host) != ignored_hosts.end())
            continue;
        return std::string(url);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> find_public_url(std::string_view output,
                                           const std::vector<std::string>& ignored_hosts) {
    const std::string text = strip_escapes(output);
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto eol = rest.find('\n');
        if (auto url = url_in_json_line(rest.substr(0, eol))) return url;
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
    }
    return url_in_text(text, ignored_hosts);
}

std::string quote_server_output(std::string_view output, std::size_t max_chars) {
    std::string clean;
    for (const char c : strip_escapes(output)) {
        const bool space =
            std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c));
        if (!space) {
            clean.push_back(c);
        } else if (!clean.empty() && clean.back() != ' ') {
            clean.push_back(' ');
        }
    }
    while (!clean.empty() && clean.back() == ' ') clean.pop_back();
    if (clean.empty()) return "(nothing)";
    if (clean.size() > max_chars) clean = "..." + clean.substr(clean.size() - max_chars);
    return clean;
}

std::string no_url_message(std::string_view service, std::chrono::seconds timeout, std::string_view output) {
    return fmt::format("{} printed no public URL within {} s; it said: {}", service, timeout.count(),
                       quote_server_output(output));
}

}  // namespace cohook::detail
