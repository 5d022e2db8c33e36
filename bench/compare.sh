#!/usr/bin/env bash
# End-to-end comparison of cohook with nginx and Node's `http` on the webhook workload: keep-alive
# POST /webhooks/trigger_training of bench/payload_2k.json with X-Webhook-Secret, at 50 connections
# and at 1. Servers run pinned to CPU 0, the load generator to CPU 1; rounds are interleaved
# (each round visits every server, in a rotating order) and the table shows medians over rounds.
# Server CPU time (utime+stime) comes from /proc/PID/stat around each run, peak RSS from VmHWM.
# cohook is apps/bench_server (the quickstart's handler, secret s3cret, no per-delivery log line).
#   bench/compare.sh                        # ~3.5 minutes with the defaults
# Environment: BUILD_DIR (build-perf), ROUNDS (3), DURATION (10 s per run), CONNECTIONS ("50 1"),
#   LOADGEN (wrk or cohook-load), SERVERS ("nginx node cohook").
# Installs nothing: it says what to apt-get install when a tool is missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../build-perf}
rounds=${ROUNDS:-3}
duration=${DURATION:-10}
connections=${CONNECTIONS:-50 1}
loadgen=${LOADGEN:-wrk}
read -r -a servers <<< "${SERVERS:-nginx node cohook}"
payload=$here/payload_2k.json
secret=s3cret
path=/webhooks/trigger_training
load=$build/apps/cohook-load
server_app=$build/apps/cohook-bench-server
tick=$(getconf CLK_TCK)

check_tools() {
    local missing=()
    for tool in taskset wrk nginx node; do
        command -v "$tool" > /dev/null || missing+=("$tool")
    done
    if ((${#missing[@]})); then
        echo "missing: ${missing[*]}; install with:" >&2
        echo "  apt-get install -y --no-install-recommends wrk nginx-light nodejs util-linux" >&2
        exit 1
    fi
    for program in "$load" "$server_app"; do
        [[ -x $program ]] && continue
        echo "$program is missing: cmake --build $build --target cohook-bench-server cohook-load" >&2
        exit 1
    done
}

work=$(mktemp -d /tmp/cohook-compare.XXXXXX)
declare -A pid url
cleanup() {
    for name in "${!pid[@]}"; do kill "${pid[$name]}" 2> /dev/null || true; done
    for name in "${!pid[@]}"; do wait "${pid[$name]}" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    local port
    for ((port = 18081 + RANDOM % 2000; ; port++)); do
        (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null || { echo "$port"; return; }
    done
}

# Starts one server pinned to CPU 0 and records its PID (taskset execs, so $! is the server) and URL.
start_server() {
    local name=$1 port
    port=$(free_port)
    case $name in
        nginx)
            mkdir -p "$work/nginx/tmp"
            sed "s/listen 127.0.0.1:18081/listen 127.0.0.1:$port/" "$here/peers/nginx.conf" > "$work/nginx.conf"
            taskset -c 0 nginx -p "$work/nginx" -c "$work/nginx.conf" > "$work/nginx.log" 2>&1 &
            ;;
        node) PORT=$port WEBHOOK_SECRET=$secret taskset -c 0 node "$here/peers/node_http.js" > "$work/node.log" 2>&1 & ;;
        cohook) taskset -c 0 "$server_app" --port "$port" > "$work/cohook.log" 2>&1 & ;;
        *) echo "unknown server '$name'" >&2; exit 1 ;;
    esac
    pid[$name]=$!
    url[$name]=http://127.0.0.1:$port$path
    wait_ready "$name" "$port"
}

# Waits until the server answers the workload with 200 (5 s at most).
wait_ready() {
    local name=$1 port=$2
    for _ in $(seq 50); do
        if (exec 3<> "/dev/tcp/127.0.0.1/$2") 2> /dev/null &&
            "$load" -c 1 -n 1 --payload "$payload" --secret "$secret" "${url[$name]}" 2> /dev/null |
            grep -q '^statuses    200: 1$'; then
            return
        fi
        sleep 0.1
    done
    echo "$name did not answer 200 on port $port; its output:" >&2
    cat "$work/$name.log" >&2
    exit 1
}

cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
user_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 }'; }
cpus_user() { awk '/^cpu[01] / { u += $2 + $3 } END { print u }' /proc/stat; }
# Sets `children` to the user time of this script's finished children (the load generator runs), in
# ticks; `times` must run in this shell, not in a $(...) subshell.
read_children_user() {
    times > "$work/times"
    children=$(awk -v hz="$tick" 'NR == 2 { split($1, t, /[ms]/); printf "%d\n", (t[1] * 60 + t[2]) * hz }' "$work/times")
}
peak_rss_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

# Runs the load generator pinned to CPU 1; prints "requests seconds p99_us errors".
run_load() {
    local target=$1 conns=$2 seconds=$3
    if [[ $loadgen == wrk ]]; then
        WEBHOOK_SECRET=$secret PAYLOAD=$payload taskset -c 1 \
            wrk -t1 -c"$conns" -d"${seconds}s" -s "$here/wrk_webhook.lua" "$target" |
            awk '/^WRK_RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
                 print r["requests"], r["seconds"], r["p99_us"],
                       r["errors_connect"] + r["errors_read"] + r["errors_write"] + r["errors_timeout"] + r["non2xx"] }'
    else
        taskset -c 1 "$load" -c "$conns" -d "$seconds" --payload "$payload" --secret "$secret" "$target" 2> /dev/null |
            awk '/^requests/ { n = $2 } /^seconds/ { s = $2 } /^latency/ { p99 = $9 * 1000 }
                 /^errors/ { e = $2 } /^statuses/ { for (i = 2; i <= NF; i += 2) if ($i != "200:") e += $(i + 1) }
                 END { print n, s, p99, e }'
    fi
}

# One measured run: appends "server conns requests seconds p99_us errors cpu_seconds" to results.
measure() {
    local name=$1 conns=$2 before after out user0 user1 shell0 shell1 server0 server1
    before=$(cpu_ticks "${pid[$name]}")
    read_children_user
    server0=$(user_ticks "${pid[$name]}") user0=$(cpus_user) shell0=$children
    out=$(run_load "${url[$name]}" "$conns" "$duration")
    after=$(cpu_ticks "${pid[$name]}")
    read_children_user
    server1=$(user_ticks "${pid[$name]}") user1=$(cpus_user) shell1=$children
    # User time on CPUs 0-1 that neither the server nor the load generator spent: the neighbours' share.
    local others=$(((user1 - user0) - (server1 - server0) - (shell1 - shell0)))
    echo "$name $conns $out $(awk -v t=$((after - before)) -v hz="$tick" 'BEGIN { print t / hz }')" >> "$work/results"
    echo $((others > 0 ? others : 0)) >> "$work/others" # tick rounding makes a quiet machine read ±1%
    echo "  $name, $conns conn: $out $((after - before)) ticks, others $others ticks" >&2
}

# Warns when other processes are using CPU 0 or 1: the numbers would then measure the neighbours too.
check_quiet() {
    local before after
    before=$(grep -E '^cpu[01] ' /proc/stat)
    sleep 1
    after=$(grep -E '^cpu[01] ' /proc/stat)
    paste <(echo "$before") <(echo "$after") | awk '{
        busy = ($13 + $14 + $15 + $18 + $19) - ($2 + $3 + $4 + $7 + $8)
        all = busy + ($16 + $17) - ($5 + $6)
        pct = all > 0 ? 100 * busy / all : 0
        if (pct > 10) printf "warning: %s is %d%% busy before the run (other processes); results will be noisy\n", $1, pct
    }' >&2
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The medians of one server at one connection count: "req/s p99_ms req_per_cpu_s errors".
summarize() {
    local rows
    rows=$(awk -v s="$1" -v c="$2" '$1 == s && $2 == c' "$work/results")
    echo "$(awk '{ print $3 / $4 }' <<< "$rows" | median)" \
        "$(awk '{ print $5 / 1000 }' <<< "$rows" | median)" \
        "$(awk '{ print ($7 > 0 ? $3 / $7 : 0) }' <<< "$rows" | median)" \
        "$(awk '{ e += $6 } END { print e }' <<< "$rows")"
}

print_table() {
    echo
    echo "| server | conns | req/s | p99 (ms) | req per server CPU-s | peak RSS (MB) | req/s ÷ nginx | p99 ÷ nginx | req/CPU-s ÷ nginx | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for c in $connections; do
        local base
        read -r -a base <<< "$(summarize nginx "$c")"
        for name in "${servers[@]}"; do
            local m
            read -r -a m <<< "$(summarize "$name" "$c")"
            awk -v n="$name" -v c="$c" -v r="${m[0]}" -v p="${m[1]}" -v e="${m[2]}" -v err="${m[3]}" \
                -v rss="${rss[$name]}" -v br="${base[0]:-0}" -v bp="${base[1]:-0}" -v be="${base[2]:-0}" '
                function ratio(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "n/a" }
                BEGIN { printf "| %s | %d | %.0f | %.2f | %.0f | %.1f | %s | %s | %s | %d |\n",
                        n, c, r, p, e, rss / 1024, ratio(r, br), ratio(p, bp), ratio(e, be), err }'
        done
    done
}

check_tools
check_quiet
echo "starting ${servers[*]} on CPU 0; $loadgen on CPU 1; $rounds rounds × ${duration} s × connections ($connections)" >&2
for name in "${servers[@]}"; do start_server "$name"; done
for name in "${servers[@]}"; do run_load "${url[$name]}" 50 2 > /dev/null; done # warm-up, not counted
: > "$work/results"
: > "$work/others"
for ((round = 0; round < rounds; round++)); do
    echo "round $((round + 1))/$rounds" >&2
    for c in $connections; do
        for ((i = 0; i < ${#servers[@]}; i++)); do
            measure "${servers[(i + round) % ${#servers[@]}]}" "$c"
        done
    done
done
declare -A rss
for name in "${servers[@]}"; do rss[$name]=$(peak_rss_kb "${pid[$name]}"); done
print_table
awk -v hz="$tick" -v d="$duration" '{ s += $1; if ($1 > m) m = $1 } END {
    printf "\nother processes used %.1f%% of CPUs 0-1 on average during the runs (at most %.1f%% in one run)\n",
           100 * s / NR / (2 * d * hz), 100 * m / (2 * d * hz) }' "$work/others"
echo "medians of $rounds rounds of ${duration} s; load generator: $loadgen; $(nproc) CPUs: $(lscpu | sed -n 's/^Model name: *//p'); kernel $(uname -r)"
