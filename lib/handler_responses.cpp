#include <cohook/detail/handler_adapter.hpp>

namespace cohook::detail {

Response null_response() {
    return Response::json(200, nullptr);
}

Response validation_response(const ValidationErrors& errors) {
    return Response::json(422, errors.to_json());
}

}  // namespace cohook::detail
