#include "http/response_writer.hpp"

#include "http/http_date.hpp"
#include "http/status.hpp"

#include <fmt/format.h>
#include <boost/json/object.hpp>

namespace cohook::http {

namespace {

bool is_framing_header(std::string_view name) noexcept {
    return iequals(name, "content-length") || iequals(name, "transfer-encoding") || iequals(name, "date") ||
           iequals(name, "connection");
}

// A handler-supplied header must not smuggle a CR/LF into the response.
bool is_safe_field(std::string_view text) noexcept {
    return text.find_first_of("\r\n") == std::string_view::npos;
}

// Field names are RFC 9110 tokens; anything else would make a malformed response.
bool is_token(std::string_view name) noexcept {
    constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
    for (char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && kSpecials.find(c) == std::string_view::npos) return false;
    }
    return !name.empty();
}

}  // namespace

void write_response_head(std::string& out, const Response& response, bool keep_alive) {
    fmt::format_to(std::back_inserter(out), "HTTP/1.1 {} {}\r\n", response.status,
                   reason_phrase(response.status));
    for (const auto& [name, value] : response.headers) {
        if (is_framing_header(name) || !is_token(name) || !is_safe_field(value)) continue;
        out.append(name).append(": ").append(value).append("\r\n");
    }
    // No Content-Length where there is never content: 1xx and 204 must not have one, and in a 304 it would
    // describe the representation not sent (RFC 9110 8.6).
    if (may_have_content(response.status))
        fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", response.body.size());
    fmt::format_to(std::back_inserter(out), "Date: {}\r\n", http_date_now());
    out.append(keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
}

Response error_response(int status) {
    return Response::json(status, boost::json::object{{"detail", reason_phrase(status)}});
}

}  // namespace cohook::http
