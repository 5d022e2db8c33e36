#include <cohook/response.hpp>

#include <boost/json/serialize.hpp>

namespace cohook {

Response Response::json(int status, const boost::json::value& body) {
    Response r;
    r.status = status;
    r.headers.add("Content-Type", "application/json");
    r.body = boost::json::serialize(body);
    return r;
}

Response Response::html(int status, std::string body) {
    Response r;
    r.status = status;
    r.headers.add("Content-Type", "text/html; charset=utf-8");
    r.body = std::move(body);
    return r;
}

Response Response::text(int status, std::string body) {
    Response r;
    r.status = status;
    r.headers.add("Content-Type", "text/plain; charset=utf-8");
    r.body = std::move(body);
    return r;
}

}  // namespace cohook
