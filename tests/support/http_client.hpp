#pragma once

// A deliberately simple blocking HTTP/1.1 client over POSIX sockets for integration tests: it sends
// exactly the bytes a test gives it (malformed ones included) and reads responses with a bounded wait.

#include <cohook/headers.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace cohook::test {

/// One response as received.
struct HttpResponse {
    int status = 0;
    Headers headers;
    std::string body;
};

/// A blocking connection to 127.0.0.1:port; every read gives up after `timeout_seconds`.
class HttpClient {
  public:
    explicit HttpClient(std::uint16_t port, int timeout_seconds = 10) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket failed");
        timeval tv{timeout_seconds, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd_);
            throw std::runtime_error(std::string("connect failed: ") + std::strerror(errno));
        }
    }
    ~HttpClient() { ::close(fd_); }
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Sends raw bytes; returns false if the peer has closed.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// Reads one response (Content-Length framed); nullopt on EOF, timeout or garbage.
    std::optional<HttpResponse> read_response() {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
            if (!fill()) return std::nullopt;
        }
        HttpResponse response;
        std::string_view head(buffer_.data(), end);
        const auto first_line_end = head.find("\r\n");
        const std::string_view status_line = head.substr(0, first_line_end);
        if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.1 ")) return std::nullopt;
        response.status = std::stoi(std::string(status_line.substr(9, 3)));
        std::string_view rest =
            first_line_end == std::string_view::npos ? "" : head.substr(first_line_end + 2);
        while (!rest.empty()) {
            const auto eol = rest.find("\r\n");
            const std::string_view line = rest.substr(0, eol);
            rest = eol == std::string_view::npos ? "" : rest.substr(eol + 2);
            const auto colon = line.find(':');
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            response.headers.add(std::string(line.substr(0, colon)), std::string(value));
        }
        const std::size_t length =
            std::stoul(std::string(response.headers.get("content-length").value_or("0")));
        buffer_.erase(0, end + 4);
        while (buffer_.size() < length) {
            if (!fill()) return std::nullopt;
        }
        response.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return response;
    }

    /// Sends one request and reads its response.
    std::optional<HttpResponse> request(std::string_view method, std::string_view target,
                                        std::string_view body = {}, std::string_view extra_headers = {}) {
        std::string raw =
            std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        raw += extra_headers;
        if (!body.empty() || method == "POST")
            raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
        raw += "\r\n";
        raw += body;
        if (!send(raw)) return std::nullopt;
        return read_response();
    }

    /// True when the server closed the connection (EOF) before the read timeout, with no bytes pending.
    bool closed_by_peer() {
        if (!buffer_.empty()) return false;
        char c;
        const ssize_t n = ::recv(fd_, &c, 1, 0);
        if (n == 0) return true;
        if (n > 0) buffer_.push_back(c);
        return n < 0 && errno == ECONNRESET;
    }

    /// Everything the server sends until it closes the connection (or the read timeout passes).
    std::string read_all() {
        while (fill()) {
        }
        return std::exchange(buffer_, {});
    }

    /// Bytes received but not yet consumed as a response.
    const std::string& pending() const { return buffer_; }

  private:
    bool fill() {
        char chunk[16384];
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    std::string buffer_;
};

/// One-shot POST on a fresh connection.
inline std::optional<HttpResponse> post(std::uint16_t port, std::string_view target, std::string_view body,
                                        std::string_view extra_headers = {}) {
    HttpClient client(port);
    return client.request("POST", target, body, extra_headers);
}

}  // namespace cohook::test
