#include "http/response_writer.hpp"

#include "http/http_date.hpp"
#include "http/status.hpp"

#include <boost/json/object.hpp>

#include <charconv>

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

// Decimal digits without fmt's format-string machinery: this runs for every response.
void append_number(std::string& out, long long number) {
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
    out.append(digits, end);
}

}  // namespace

void write_response_head(std::string& out, const Response& response, bool keep_alive) {
    out.append("HTTP/1.1 ");
    append_number(out, response.status);
    out.append(" ").append(reason_phrase(response.status)).append("\r\n");
    for (const auto& [name, value] : response.headers) {
        if (is_framing_header(name) || !is_token(name) || !is_safe_field(value)) continue;
        out.append(name).append(": ").append(value).append("\r\n");
    }
    // No Content-Length where there is never content: 1xx and 204 must not have one, and in a 304 it would
    // describe the representation not sent (RFC 9110 8.6).
    if (may_have_content(response.status)) {
        out.append("Content-Length: ");
        append_number(out, static_cast<long long>(response.body.size()));
        out.append("\r\n");
    }
    out.append("Date: ").append(http_date_now()).append("\r\n");
    out.append(keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
}

Response error_response(int status) {
    return Response::json(status, boost::json::object{{"detail", reason_phrase(status)}});
}

}  // namespace cohook::http
