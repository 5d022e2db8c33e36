#pragma once

#include <cohook/response.hpp>

#include <string>

namespace cohook::http {

/// Serializes the status line and header section of `response` into `out` (appending), adding
/// `Content-Length`, `Date` and `Connection` itself; the body is sent separately, never chunked.
/// Headers the user set for those three names are replaced, so framing cannot be broken by a handler.
void write_response_head(std::string& out, const Response& response, bool keep_alive);

/// False for statuses that never carry content (1xx, 204, 304): their body is not sent at all.
constexpr bool may_have_content(int status) noexcept {
    return status >= 200 && status != 204 && status != 304;
}

/// The interim `100 Continue` response, sent before reading a body the client is holding back.
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

/// A JSON error response `{"detail": <reason phrase>}` for protocol errors found before any handler ran.
Response error_response(int status);

}  // namespace cohook::http
