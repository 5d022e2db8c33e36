#pragma once

namespace cohook {

/// How much the server writes to stderr. Each delivery is one `info` line; problems are warnings or errors.
enum class LogLevel { debug, info, warning, error, off };

}  // namespace cohook
