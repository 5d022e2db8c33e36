#pragma once

// The RFC 9110/9112/3986 grammar the request parser checks bytes against: character classes, numbers,
// transfer codings, chunk extensions and request-target forms. Pure functions, no parser state.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace cohook::http::grammar {

constexpr unsigned char byte(char c) noexcept {
    return static_cast<unsigned char>(c);
}

enum CharClass : unsigned char { kToken = 1, kFieldValue = 2, kTarget = 4, kHost = 8 };

constexpr std::array<unsigned char, 256> make_char_classes() {
    std::array<unsigned char, 256> table{};
    for (char c : std::string_view("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
        table[byte(c)] |= kToken | kHost;
    }
    for (char c : std::string_view("!#$%&'*+-.^_`|~")) table[byte(c)] |= kToken;
    // unreserved and sub-delims (RFC 3986 2.2-2.3): the bytes of a reg-name besides percent-escapes.
    for (char c : std::string_view("-._~!$&'()*+,;=")) table[byte(c)] |= kHost;
    for (int c = 0; c < 256; ++c) {
        // field-vchar, obs-text, SP and HTAB: every byte but the other controls and DEL.
        if (c == '\t' || (c >= 0x20 && c != 0x7f)) table[c] |= kFieldValue;
        // Visible ASCII; a fragment ('#') is never sent in a request-target.
        if (c > 0x20 && c < 0x7f && c != '#') table[c] |= kTarget;
    }
    return table;
}
constexpr auto kCharClasses = make_char_classes();

constexpr bool is(char c, CharClass cls) noexcept {
    return (kCharClasses[byte(c)] & cls) != 0;
}

/// True when every byte of `s` is in `cls`.
bool all_are(std::string_view s, CharClass cls) noexcept;
/// RFC 9110 token: one or more tchar.
bool is_token(std::string_view s) noexcept;
/// Optional whitespace: SP or HTAB.
bool is_ows(char c) noexcept;
/// ASCII digit.
bool is_digit(char c) noexcept;
/// `s` without leading and trailing OWS.
std::string_view trim_ows(std::string_view s) noexcept;
/// Value of a hex digit, or -1.
int hex_digit(char c) noexcept;
/// value * base + digit, saturating instead of overflowing: a saturated size is always over the body limit.
std::size_t push_digit(std::size_t value, std::size_t base, std::size_t digit) noexcept;
/// Content-Length = 1*DIGIT: signs, spaces and lists (even "5, 5") are framing errors (nullopt).
std::optional<std::size_t> parse_content_length(std::string_view s) noexcept;
/// 0 when the codings end in a single `chunked`; 400 when chunked is not final (RFC 9112 6.3); 501 for
/// codings before it that are not implemented (RFC 9112 6.1).
int check_transfer_coding(std::string_view value) noexcept;
/// chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ) (RFC 9112 7.1.1).
bool is_chunk_ext(std::string_view s) noexcept;

/// uri-host and optional port, as found in Host and in authorities.
struct Authority {
    std::string_view host;                 ///< The host, brackets included for an IP-literal.
    std::optional<std::string_view> port;  ///< The digits after ':', when there is a ':'.
};
/// uri-host [ ":" port ] (RFC 9110 4.1, 7.2; RFC 3986 3.2.2-3.2.3); userinfo is refused (RFC 9110 4.2.4).
std::optional<Authority> parse_authority(std::string_view s) noexcept;
/// Authority-form "host:port", only for CONNECT, whose port must be a usable TCP port (RFC 9110 9.3.6).
bool is_authority_form(std::string_view target) noexcept;
/// The path-and-query of an absolute-form "http(s)://authority[/path][?query]" target; the host must not be
/// empty (RFC 9110 4.2.1).
std::optional<std::string_view> absolute_form_rest(std::string_view target) noexcept;

}  // namespace cohook::http::grammar
