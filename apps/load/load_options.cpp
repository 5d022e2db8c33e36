#include "load_options.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace load {

namespace {

constexpr std::string_view kUsage =
    "Usage: {} [options] --url http://HOST[:PORT]/PATH\n\n"
    "Sends HTTP/1.1 requests over keep-alive connections, one in flight per connection, and reports\n"
    "throughput, latency percentiles and errors.\n\n"
    "Options:\n"
    "  --url URL              target (http:// only); may also be given as the last argument\n"
    "  -c, --connections N    concurrent connections (default 10)\n"
    "  -d, --duration T       run for T seconds (10, 10s, 1m; default 10 s)\n"
    "  -n, --requests N       send N requests in total instead of running for a duration\n"
    "  --payload FILE         request body (the method defaults to POST with a body, GET without)\n"
    "  --secret S             add X-Webhook-Secret: S\n"
    "  -H, --header 'N: V'    add a header (repeatable)\n"
    "  -m, --method M         request method\n"
    "  -t, --threads N        threads running the event loop (default 1)\n"
    "  --timeout T            give up on a connect or response after T seconds (default 10)\n"
    "  --idle                 open the connections, send nothing, hold them for the duration\n"
    "  -h, --help             show this help\n";

constexpr std::array<std::string_view, 16> kTakesValue{
    "--url",    "-c", "--connections", "-d", "--duration", "-n", "--requests", "--payload",
    "--secret", "-H", "--header",      "-m", "--method",   "-t", "--threads",  "--timeout"};

bool takes_value(std::string_view name) {
    return std::find(kTakesValue.begin(), kTakesValue.end(), name) != kTakesValue.end();
}

std::optional<std::uint64_t> parse_count(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
    return value;
}

std::optional<std::chrono::duration<double>> parse_seconds(std::string_view text) {
    double scale = 1;
    if (text.ends_with("ms")) {
        scale = 0.001;
        text.remove_suffix(2);
    } else if (text.ends_with('s')) {
        text.remove_suffix(1);
    } else if (text.ends_with('m')) {
        scale = 60;
        text.remove_suffix(1);
    }
    double value = 0;
    std::istringstream in{std::string(text)};
    if (text.empty() || !(in >> value) || !in.eof() || value <= 0) return std::nullopt;
    return std::chrono::duration<double>(value * scale);
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream content;
    content << in.rdbuf();
    out = content.str();
    return true;
}

bool valid_header(std::string_view line) {
    const auto colon = line.find(':');
    return colon != std::string_view::npos && colon > 0 &&
           line.find_first_of("\r\n") == std::string_view::npos;
}

bool set_number(std::string_view value, auto& field, std::string& error) {
    const auto count = parse_count(value);
    if (!count) error = fmt::format("expected a positive number, got '{}'", value);
    if (count) field = static_cast<std::remove_reference_t<decltype(field)>>(*count);
    return count.has_value();
}

bool set_seconds(std::string_view value, std::chrono::duration<double>& field, std::string& error) {
    const auto seconds = parse_seconds(value);
    if (!seconds) error = fmt::format("expected a duration such as 10, 10s or 1m, got '{}'", value);
    if (seconds) field = *seconds;
    return seconds.has_value();
}

bool apply(std::string_view name, std::string_view value, LoadOptions& options, std::string& error) {
    if (name == "--url") {
        options.url_text = value;
        auto url = parse_url(value, error);
        if (url) options.url = *url;
        return url.has_value();
    }
    if (name == "-c" || name == "--connections") return set_number(value, options.connections, error);
    if (name == "-d" || name == "--duration") return set_seconds(value, options.duration, error);
    if (name == "-n" || name == "--requests") {
        options.requests.emplace();
        return set_number(value, *options.requests, error);
    }
    if (name == "-t" || name == "--threads") return set_number(value, options.threads, error);
    if (name == "--timeout") return set_seconds(value, options.timeout, error);
    if (name == "-m" || name == "--method") options.method = value;
    if (name == "--secret") options.secret = value;
    if (name == "-H" || name == "--header") {
        if (!valid_header(value)) error = fmt::format("a header is 'Name: value', got '{}'", value);
        options.headers.emplace_back(value);
    }
    if (name == "--payload" && !read_file(std::string(value), options.payload)) {
        error = fmt::format("cannot read the payload file '{}'", value);
    }
    return error.empty();
}

// Splits one argument into a name and its value ("--name=value", "-c50", "-c 50"), advancing `i`
// over a separate value.
bool split_argument(int argc, char** argv, int& i, std::string_view& name, std::string_view& value) {
    name = argv[i];
    value = {};
    if (const auto eq = name.find('='); name.starts_with("--") && eq != std::string_view::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
    } else if (name.size() > 2 && name[0] == '-' && name[1] != '-' && takes_value(name.substr(0, 2))) {
        value = name.substr(2);
        name = name.substr(0, 2);
    } else if (takes_value(name)) {
        if (i + 1 >= argc) return false;
        value = argv[++i];
    } else if (!name.starts_with("-")) {
        value = name;  // the URL, wrk-style, as a bare argument
        name = "--url";
    }
    return true;
}

int usage_error(std::string_view program, std::string_view message) {
    fmt::print(stderr, "{}: {}\n", program, message);
    fmt::print(stderr, "Try '{} --help'.\n", program);
    return 2;
}

bool is_header(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || line[name.size()] != ':') return false;
    return std::equal(name.begin(), name.end(), line.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

bool has_header(const LoadOptions& options, std::string_view name) {
    return std::any_of(options.headers.begin(), options.headers.end(),
                       [&](const std::string& line) { return is_header(line, name); });
}

}  // namespace

std::optional<Url> parse_url(std::string_view text, std::string& error) {
    if (!text.starts_with("http://")) {
        const bool tls = text.starts_with("https://");
        error = tls ? fmt::format(
                          "'{}': https is not supported; point cohook-load at the server's plain "
                          "http:// address",
                          text)
                    : fmt::format("'{}' is not an http:// URL", text);
        return std::nullopt;
    }
    std::string_view rest = text.substr(7);
    const auto slash = rest.find_first_of("/?");
    Url url;
    url.authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) {
        // "http://host?q" asks for "/?q".
        url.target = fmt::format("{}{}", rest[slash] == '?' ? "/" : "", rest.substr(slash));
    }
    std::string_view host = url.authority;
    const auto colon = host.rfind(':');
    if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos) {
        url.port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
    url.host = host;
    if (url.host.empty() || !parse_count(url.port) || *parse_count(url.port) > 65535) {
        error = fmt::format("'{}': expected http://HOST[:PORT]/PATH", text);
        return std::nullopt;
    }
    return url;
}

std::optional<int> parse_command_line(int argc, char** argv, LoadOptions& options) {
    const std::string_view program = argc > 0 ? argv[0] : "cohook-load";
    for (int i = 1; i < argc; ++i) {
        std::string_view name;
        std::string_view value;
        if (!split_argument(argc, argv, i, name, value))
            return usage_error(program, fmt::format("{} needs a value", name));
        if (name == "-h" || name == "--help") {
            fmt::print(kUsage, program);
            return 0;
        }
        if (name == "--idle") {
            options.idle = true;
            continue;
        }
        std::string error;
        if (!takes_value(name)) return usage_error(program, fmt::format("unknown option '{}'", name));
        if (!apply(name, value, options, error)) return usage_error(program, error);
    }
    if (options.url_text.empty()) return usage_error(program, "no URL: give --url http://HOST:PORT/PATH");
    return std::nullopt;
}

std::string make_request(const LoadOptions& options) {
    const std::string method = options.effective_method();
    std::string request = fmt::format("{} {} HTTP/1.1\r\n", method, options.url.target);
    if (!has_header(options, "host")) request += fmt::format("Host: {}\r\n", options.url.authority);
    if (!has_header(options, "user-agent")) request += "User-Agent: cohook-load\r\n";
    if (!options.payload.empty() && !has_header(options, "content-type")) {
        request += "Content-Type: application/json\r\n";
    }
    const bool sends_body =
        !options.payload.empty() || method == "POST" || method == "PUT" || method == "PATCH";
    if (sends_body) request += fmt::format("Content-Length: {}\r\n", options.payload.size());
    if (!options.secret.empty()) request += fmt::format("X-Webhook-Secret: {}\r\n", options.secret);
    for (const auto& header : options.headers) request += header + "\r\n";
    request += "\r\n";
    request += options.payload;
    return request;
}

}  // namespace load
