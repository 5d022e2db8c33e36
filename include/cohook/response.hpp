#pragma once

#include <cohook/headers.hpp>

#include <boost/json/value.hpp>

#include <string>

namespace cohook {

/// An HTTP response a handler can return to control status, headers and body exactly.
/// The server adds `Content-Length`, `Date` and `Connection` itself.
struct Response {
    int status = 200;  ///< Status code, e.g. 200.
    Headers headers;   ///< Extra header fields, e.g. `Content-Type`.
    std::string body;  ///< Body bytes, sent as is with a `Content-Length`.

    /// A response with a compact JSON body and `Content-Type: application/json`.
    static Response json(int status, const boost::json::value& body);
    /// A response with an HTML body and `Content-Type: text/html; charset=utf-8`.
    static Response html(int status, std::string body);
    /// A response with a plain-text body and `Content-Type: text/plain; charset=utf-8`.
    static Response text(int status, std::string body);
};

}  // namespace cohook
