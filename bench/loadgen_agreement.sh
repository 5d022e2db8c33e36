#!/usr/bin/env bash
# Checks that cohook-load and wrk measure the same thing: both are run in turn against one server (which
# you start, ideally pinned: `taskset -c 0 ...`), pinned to CPU 1, and their req/s and latencies printed
# side by side with the ratio cohook-load ÷ wrk (the issue asks for agreement within 10%).
#   bench/loadgen_agreement.sh http://127.0.0.1:PORT/webhooks/trigger_training [build-dir]
# Environment: ROUNDS (3), DURATION (5 s), CONNECTIONS ("50 1"), PAYLOAD, WEBHOOK_SECRET (s3cret).
set -euo pipefail

url=${1:?usage: $0 URL [build-dir]}
here=$(cd "$(dirname "$0")" && pwd)
build=${2:-$here/../build-perf}
load=$build/apps/cohook-load
payload=${PAYLOAD:-$here/payload_2k.json}
secret=${WEBHOOK_SECRET:-s3cret}
rounds=${ROUNDS:-3}
duration=${DURATION:-5}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[[ -x $load ]] || { echo "$load is missing: build the cohook-load target" >&2; exit 1; }

work=$(mktemp -d /tmp/cohook-agree.XXXXXX)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Prints "req/s p50_ms p99_ms" for one run of each tool.
run_wrk() {
    WEBHOOK_SECRET=$secret PAYLOAD=$payload taskset -c 1 wrk -t1 -c"$1" -d"${duration}s" -s "$here/wrk_webhook.lua" "$url" |
        awk '/^WRK_RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
             printf "%.1f %.3f %.3f\n", r["requests"] / r["seconds"], r["p50_us"] / 1000, r["p99_us"] / 1000 }'
}
run_load() {
    taskset -c 1 "$load" -c "$1" -d "$duration" --payload "$payload" --secret "$secret" --url "$url" 2> /dev/null |
        awk '/^req\/s/ { rate = $2 } /^latency/ { p50 = $3; p99 = $9 } END { printf "%.1f %.3f %.3f\n", rate, p50, p99 }'
}

printf '%-6s %-12s %10s %9s %9s\n' conns tool req/s p50_ms p99_ms
for c in ${CONNECTIONS:-50 1}; do
    : > "$work/wrk"; : > "$work/load"
    for ((r = 1; r <= rounds; r++)); do
        run_wrk "$c" >> "$work/wrk"
        run_load "$c" >> "$work/load"
    done
    declare -A med
    for tool in wrk load; do
        f=$work/$tool
        for col in 1 2 3; do med[$tool$col]=$(cut -d' ' -f$col "$f" | median); done
        printf '%-6s %-12s %10s %9s %9s\n' "$c" "$([[ $tool == wrk ]] && echo wrk || echo cohook-load)" \
            "${med[${tool}1]}" "${med[${tool}2]}" "${med[${tool}3]}"
    done
    awk -v c="$c" -v rw="${med[wrk1]}" -v rl="${med[load1]}" -v mw="${med[wrk2]}" -v ml="${med[load2]}" \
        -v pw="${med[wrk3]}" -v pl="${med[load3]}" -v n="$rounds" 'BEGIN {
        printf "%-6s cohook-load ÷ wrk (medians of %d rounds): req/s %.3f, p50 %.3f, p99 %.3f\n", c, n, rl / rw, ml / mw, pl / pw }'
done
