#pragma once

#include <cohook/server_options.hpp>

#include <optional>
#include <string_view>

namespace cohook {

/// Applies the flags every cohook program takes (`--host H`, `--port P`, `--share ...`, `--help`) to
/// `options`. Returns an exit code when the program should exit now (0 after `--help`, 2 after a bad flag,
/// with the message printed), or nullopt to go on. `description` is the first line of `--help`.
std::optional<int> apply_command_line(int argc, char** argv, ServerOptions& options,
                                      std::string_view description);

}  // namespace cohook
