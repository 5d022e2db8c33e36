#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace cohook::detail {

/// The 32-byte HMAC-SHA256 of the concatenation of `parts` under `key`. Taking the message in parts
/// lets a signature scheme sign "{id}.{timestamp}.{body}" without copying the body. Thread-safe.
/// Throws `std::runtime_error` only if OpenSSL itself fails (out of memory).
std::string hmac_sha256(std::string_view key, std::initializer_list<std::string_view> parts);

/// Lower-case hexadecimal of `bytes`.
std::string hex_encode(std::string_view bytes);

/// The bytes of hexadecimal `text` (either case); nullopt on an odd length or a non-hex character.
std::optional<std::string> hex_decode(std::string_view text);

/// Standard base64 (RFC 4648 section 4, `+/`, padded with `=`).
std::string base64_encode(std::string_view bytes);

/// The bytes of standard base64 `text`, with or without its `=` padding; nullopt on any other character,
/// an impossible length, or non-zero unused bits (so every byte string has exactly one accepted encoding).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace cohook::detail
