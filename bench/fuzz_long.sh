#!/usr/bin/env bash
# A long fuzzing session, beyond CI's bounded minute: .ci/fuzz with 10 minutes per target by default.
#
#   COHOOK_FUZZ_LONG_SECONDS  seconds per target (default 600)
#   COHOOK_FUZZ_ARGS          extra libFuzzer flags, e.g. "-seed=7"
#   arguments                 the targets to run (default: all three)
#
# Example: COHOOK_FUZZ_LONG_SECONDS=3600 bash bench/fuzz_long.sh fuzz_request_parser
set -euo pipefail
cd "$(dirname "$0")/.."

COHOOK_FUZZ_SECONDS=${COHOOK_FUZZ_LONG_SECONDS:-600} exec bash .ci/fuzz "$@"
