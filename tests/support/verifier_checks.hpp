#pragma once

// What a verifier answers, in the two forms the verifier tests compare.

#include <cohook/request.hpp>
#include <cohook/verifier.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace cohook::test {

/// A POST to `path` with `body` and the given header fields, as the parser would hand it to a verifier.
inline Request signed_post(std::string_view path, std::string_view body,
                           std::initializer_list<std::pair<std::string_view, std::string_view>> headers) {
    Request request;
    request.method = "POST";
    request.target = request.path = std::string(path);
    for (const auto& [name, value] : headers) request.headers.add(name, value);
    request.body = body;
    return request;
}

/// The status the verifier answers; 200 when it lets the request through.
inline int status(const Verifier& verifier, const Request& request) {
    const auto response = verifier(request);
    return response ? response->status : 200;
}

/// The body of the verifier's answer; empty when it lets the request through.
inline std::string body(const Verifier& verifier, const Request& request) {
    const auto response = verifier(request);
    return response ? response->body : "";
}

}  // namespace cohook::test
