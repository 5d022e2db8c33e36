#pragma once

#include "load_options.hpp"
#include "load_test.hpp"

#include <cstdio>

namespace load {

/// Prints the line that opens a run (to stderr, with the progress lines).
void print_start(std::FILE* out, const LoadOptions& options);

/// Prints the end-of-run summary: requests, seconds, req/s, latency percentiles, statuses, errors.
void print_report(std::FILE* out, const LoadOptions& options, const Results& results);

}  // namespace load
