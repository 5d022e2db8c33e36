// cohook-load: an HTTP/1.1 keep-alive load generator to point at any webhook URL, e.g.
//   cohook-load -c 50 -d 10 --payload bench/payload_2k.json --secret s3cret
//               --url http://127.0.0.1:7860/webhooks/trigger_training
// Progress goes to stderr each second, the summary to stdout at the end.
#include "load_options.hpp"
#include "load_test.hpp"
#include "report.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    load::LoadOptions options;
    if (auto exit_code = load::parse_command_line(argc, argv, options)) return *exit_code;
    try {
        load::LoadTest test(options);
        load::print_start(stderr, options);
        const load::Results results = test.run();
        load::print_report(stdout, options, results);
    } catch (const std::exception& e) {  // e.g. the host does not resolve
        fmt::print(stderr, "cohook-load: {}\n", e.what());
        return 1;
    }
    return 0;
}
