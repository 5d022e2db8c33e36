#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace load {

/// The parts of an `http://host[:port]/path` URL that a request needs.
struct Url {
    std::string host;          ///< Name or address, without brackets for IPv6.
    std::string port = "80";   ///< Port, as text for the resolver.
    std::string target = "/";  ///< Path and query.
    std::string authority;     ///< What the Host header carries: host[:port] as written.
};

/// What one run of cohook-load does; filled from the command line.
struct LoadOptions {
    Url url;                                       ///< Where to send requests.
    std::string url_text;                          ///< The URL as given, for the report.
    std::size_t connections = 10;                  ///< Concurrent connections, one request in flight each.
    std::chrono::duration<double> duration{10.0};  ///< How long to run, unless `requests` is set.
    std::optional<std::uint64_t> requests;         ///< Total requests to send, instead of a duration.
    std::string method;                            ///< Empty: POST with a payload, GET without.
    std::string payload;                           ///< Request body (contents of --payload).
    std::string secret;                            ///< Sent as X-Webhook-Secret when not empty.
    std::vector<std::string> headers;              ///< Extra "Name: value" header lines.
    std::size_t threads = 1;                       ///< Threads running the event loop.
    std::chrono::duration<double> timeout{10.0};   ///< Longest wait for a connection or a response.
    bool idle = false;                             ///< Open the connections and send nothing.

    /// The method actually sent.
    std::string effective_method() const {
        return !method.empty() ? method : payload.empty() ? "GET" : "POST";
    }
};

/// Parses `http://host[:port][/path]`; on failure returns nothing and says why in `error`
/// (`https://` and other schemes are refused with an explanation).
std::optional<Url> parse_url(std::string_view text, std::string& error);

/// Fills `options` from the command line. Returns an exit code when the program should stop
/// (0 after --help, 2 after a usage error, which it has printed), nothing to go on.
std::optional<int> parse_command_line(int argc, char** argv, LoadOptions& options);

/// The bytes of the request every connection sends, head and body.
std::string make_request(const LoadOptions& options);

}  // namespace load
