#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cohook::detail {

/// Finds the public URL in what a hosted tunnel service printed on its session channel (pure).
/// JSON first: any line holding an object with a string "url" or "address" field (localhost.run's
/// `--output json`); an address without a scheme gets "https://". Then a tolerant text match: the first
/// `https://` URL, terminal escape sequences and trailing punctuation ignored, skipping URLs whose host
/// is one of `ignored_hosts` (the service's own documentation links). A URL at the very end of `output`
/// is taken only once something follows it (it may be cut mid-way). nullopt when there is none yet.
std::optional<std::string> find_public_url(std::string_view output,
                                           const std::vector<std::string>& ignored_hosts = {});

/// `output` made printable for an error message: escape sequences and control characters removed,
/// whitespace runs collapsed, cut to the last `max_chars` characters; "(nothing)" when empty.
std::string quote_server_output(std::string_view output, std::size_t max_chars = 400);

/// The message for a service that printed no URL within `timeout`, quoting what it said.
std::string no_url_message(std::string_view service, std::chrono::seconds timeout, std::string_view output);

}  // namespace cohook::detail
