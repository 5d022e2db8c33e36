#include <cohook/verifiers.hpp>

#include "verify/secret.hpp"
#include "verify/signature_check.hpp"

#include <boost/json/object.hpp>

namespace cohook::verify {

Verifier hub_secret(std::string secret) {
    detail::require_secret("hub_secret", secret);
    // The server uses this same verifier for every route without its own: the answers huggingface_hub gives.
    return [secret = std::move(secret)](const Request& request) -> std::optional<Response> {
        switch (detail::check_secret(request, secret)) {
            case detail::SecretCheck::ok:
                return std::nullopt;
            case detail::SecretCheck::missing:
                return Response::json(401,
                                      boost::json::object{{"error", "x-webhook-secret header not set."}});
            case detail::SecretCheck::invalid:
                return Response::json(403, boost::json::object{{"error", "Invalid webhook secret."}});
        }
        return detail::invalid_signature();
    };
}

}  // namespace cohook::verify
