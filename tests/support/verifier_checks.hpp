#pragma once

// What a verifier answers, in the two forms the verifier tests compare.

#include <cohook/request.hpp>
#include <cohook/verifier.hpp>

#include <string>

namespace cohook::test {

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
