#include "http/grammar.hpp"

#include <cohook/headers.hpp>

#include <algorithm>
#include <limits>

namespace cohook::http::grammar {

bool all_are(std::string_view s, CharClass cls) noexcept {
    return std::all_of(s.begin(), s.end(), [cls](char c) { return is(c, cls); });
}
bool is_token(std::string_view s) noexcept {
    return !s.empty() && all_are(s, kToken);
}
bool is_ows(char c) noexcept {
    return c == ' ' || c == '\t';
}
bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
    return s;
}

int hex_digit(char c) noexcept {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Saturates instead of overflowing: a saturated size is always over the body limit.
std::size_t push_digit(std::size_t value, std::size_t base, std::size_t digit) noexcept {
    constexpr auto kMax = std::numeric_limits<std::size_t>::max();
    return value > (kMax - digit) / base ? kMax : value * base + digit;
}

// Content-Length = 1*DIGIT: signs, spaces and lists (even "5, 5") are framing errors.
std::optional<std::size_t> parse_content_length(std::string_view s) noexcept {
    if (s.empty() || !std::all_of(s.begin(), s.end(), is_digit)) return std::nullopt;
    std::size_t value = 0;
    for (char c : s) value = push_digit(value, 10, static_cast<std::size_t>(c - '0'));
    return value;
}

// 0 when the codings end in a single `chunked`; 400 when chunked is not final (length undeterminable,
// RFC 9112 6.3); 501 for codings before it that we do not implement (RFC 9112 6.1).
int check_transfer_coding(std::string_view value) noexcept {
    bool others = false;
    while (true) {
        const auto comma = value.find(',');
        const auto coding = trim_ows(value.substr(0, comma));
        if (!is_token(coding)) return 400;
        const bool chunked = cohook::iequals(coding, "chunked");
        if (comma == std::string_view::npos) return !chunked ? 400 : others ? 501 : 0;
        if (chunked) return 400;
        others = true;
        value.remove_prefix(comma + 1);
    }
}

namespace {

// quoted-string starting at s[i]; advances i past the closing quote.
bool skip_quoted(std::string_view s, std::size_t& i) noexcept {
    if (i >= s.size() || s[i] != '"') return false;
    for (++i; i < s.size(); ++i) {
        if (s[i] == '"') {
            ++i;
            return true;
        }
        if (s[i] == '\\' && ++i == s.size()) return false;
        if (!is(s[i], kFieldValue)) return false;
    }
    return false;
}

}  // namespace

// chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ) (RFC 9112 7.1.1).
bool is_chunk_ext(std::string_view s) noexcept {
    std::size_t i = 0;
    const auto skip_ws = [&] {
        while (i < s.size() && is_ows(s[i])) ++i;
    };
    const auto skip_token = [&] {
        const auto start = i;
        while (i < s.size() && is(s[i], kToken)) ++i;
        return i > start;
    };
    while (i < s.size()) {
        skip_ws();
        if (i == s.size() || s[i] != ';') return false;
        ++i;
        skip_ws();
        if (!skip_token()) return false;
        const auto after_name = i;
        skip_ws();
        if (i == s.size() || s[i] != '=') {
            i = after_name;
            continue;
        }
        ++i;
        skip_ws();
        if (!skip_token() && !skip_quoted(s, i)) return false;
    }
    return true;
}

namespace {

// reg-name = *( unreserved / pct-encoded / sub-delims ), which also covers IPv4 addresses.
bool is_reg_name(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            if (!is(s[i], kHost)) return false;
        } else if (s.size() - i < 3 || hex_digit(s[i + 1]) < 0 || hex_digit(s[i + 2]) < 0) {
            return false;
        } else {
            i += 2;
        }
    }
    return true;
}

}  // namespace

namespace {

// The bytes of an IP-literal between its brackets: hex digits, ':' and '.' for IPv6, and the unreserved and
// sub-delims of IPvFuture.
bool is_ip_literal(std::string_view s) noexcept {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c == ':' || is(c, kHost); });
}

}  // namespace

// uri-host [ ":" port ] (RFC 9110 4.1, 7.2; RFC 3986 3.2.2-3.2.3), the grammar of Host and of the authority
// in absolute-form and authority-form targets; userinfo is refused (RFC 9110 4.2.4).
std::optional<Authority> parse_authority(std::string_view s) noexcept {
    std::size_t host_end = 0;
    if (!s.empty() && s.front() == '[') {
        host_end = s.find(']');
        if (host_end == std::string_view::npos) return std::nullopt;
        if (!is_ip_literal(s.substr(1, host_end - 1))) return std::nullopt;
        ++host_end;
    } else {
        host_end = std::min(s.find(':'), s.size());
        if (!is_reg_name(s.substr(0, host_end))) return std::nullopt;
    }
    Authority authority{s.substr(0, host_end), std::nullopt};
    if (host_end == s.size()) return authority;
    if (s[host_end] != ':') return std::nullopt;
    authority.port = s.substr(host_end + 1);
    if (!std::all_of(authority.port->begin(), authority.port->end(), is_digit)) return std::nullopt;
    return authority;
}

// Authority-form "host:port", only for CONNECT, whose port must be a usable TCP port (RFC 9110 9.3.6).
bool is_authority_form(std::string_view target) noexcept {
    const auto authority = parse_authority(target);
    if (!authority || authority->host.empty() || !authority->port || authority->port->empty()) return false;
    std::size_t port = 0;
    for (char c : *authority->port) port = push_digit(port, 10, static_cast<std::size_t>(c - '0'));
    return port >= 1 && port <= 65535;
}

// The path-and-query of an absolute-form "http(s)://authority[/path][?query]" target; the host must not be
// empty (RFC 9110 4.2.1).
std::optional<std::string_view> absolute_form_rest(std::string_view target) noexcept {
    const auto sep = target.find("://");
    if (sep == std::string_view::npos) return std::nullopt;
    const auto scheme = target.substr(0, sep);
    if (!cohook::iequals(scheme, "http") && !cohook::iequals(scheme, "https")) return std::nullopt;
    const auto rest = target.substr(sep + 3);
    const auto end = rest.find_first_of("/?");
    const auto authority = parse_authority(rest.substr(0, end));
    if (!authority || authority->host.empty()) return std::nullopt;
    return end == std::string_view::npos ? std::string_view{} : rest.substr(end);
}

}  // namespace cohook::http::grammar
