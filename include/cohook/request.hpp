#pragma once

#include <cohook/headers.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace cohook {

/// One parsed HTTP request as handlers see it: method, target split into path and query, headers, body.
/// Handlers may take `const Request&` to read anything the typed payload does not carry.
struct Request {
    std::string method;     ///< Request method token, e.g. "POST".
    std::string target;     ///< The request-target exactly as received, e.g. "/webhooks/x?secret=s".
    std::string path;       ///< Target up to '?', not percent-decoded.
    std::string query;      ///< Target after '?', without the '?'; empty when absent.
    int version_major = 1;  ///< HTTP major version (always 1).
    int version_minor = 1;  ///< HTTP minor version: 0 or 1.
    Headers headers;        ///< Header fields (and chunked trailers) in received order.
    std::string body;       ///< Body bytes after transfer decoding.

    /// Percent-decoded value of the first query parameter `name`, if present (`+` decodes to space).
    std::optional<std::string> query_param(std::string_view name) const;

    /// Whether the connection stays open after this request (HTTP/1.1 default, `Connection` honoured).
    bool keep_alive() const noexcept;
};

}  // namespace cohook
