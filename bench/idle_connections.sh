#!/usr/bin/env bash
# What an idle keep-alive connection costs a cohook server: starts apps/bench_server, opens
# CONNECTIONS (10,000) connections to it with `cohook-load --idle`, waits until the server holds them
# all, and prints the growth of the server's resident memory (VmRSS) per connection. Kernel socket
# memory is not in RSS and not counted. Finishes in about 20 s.
#   bench/idle_connections.sh
# Environment: BUILD_DIR (build-perf), CONNECTIONS (10000).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../build-perf}
connections=${CONNECTIONS:-10000}
load=$build/apps/cohook-load
server_app=$build/apps/cohook-bench-server
for program in "$load" "$server_app"; do
    [[ -x $program ]] || { echo "$program is missing: cmake --build $build --target cohook-bench-server cohook-load" >&2; exit 1; }
done

# Both processes need a descriptor per connection, plus a few.
wanted=$((connections + 1000))
hard=$(ulimit -Hn)
if [[ $hard != unlimited ]] && ((hard < wanted)); then
    echo "the open-files hard limit is $hard, $wanted needed: raise it (as root: ulimit -Hn $wanted) or lower CONNECTIONS" >&2
    exit 1
fi
ulimit -n "$wanted"

work=$(mktemp -d /tmp/cohook-idle.XXXXXX)
server=""
loader=""
cleanup() {
    for p in $loader $server; do kill "$p" 2> /dev/null || true; done
    for p in $loader $server; do wait "$p" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

"$server_app" --port 0 > "$work/server.log" 2>&1 &
server=$!
url=""
for _ in $(seq 50); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/webhooks/trigger_training' "$work/server.log" | head -1 || true)
    [[ -n $url ]] && break
    sleep 0.1
done
[[ -n $url ]] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$server/status"; }
fds() { find "/proc/$server/fd" -mindepth 1 -maxdepth 1 | wc -l; }

# A few real requests first, so that memory the first request touches is not charged to idle connections.
"$load" -c 4 -n 2000 --payload "$here/payload_2k.json" --secret s3cret "$url" > /dev/null 2>&1
sleep 0.5
rss_before=$(rss_kb)
fds_before=$(fds)

# Hold the connections for 20 s, well inside the server's 30 s idle timeout.
"$load" --idle -c "$connections" -d 20 --timeout 15 "$url" > "$work/load.out" 2> "$work/load.err" &
loader=$!
for _ in $(seq 150); do
    (($(fds) >= fds_before + connections)) && break
    sleep 0.1
done
held=$(($(fds) - fds_before))
sleep 1 # let the sessions reach their first read
rss_after=$(rss_kb)
held_after=$(($(fds) - fds_before))

echo "server connections held: $held_after of $connections"
echo "server RSS before: $rss_before KB, with the connections: $rss_after KB"
awk -v b="$rss_before" -v a="$rss_after" -v n="$held_after" 'BEGIN {
    if (n <= 0) { print "no connection was held"; exit 1 }
    per = (a - b) * 1024 / n
    printf "per idle connection: %.0f bytes (target: at most 4096) -> %s\n", per, per <= 4096 ? "met" : "not met"
}'
((held == held_after)) || echo "note: the count moved from $held to $held_after while measuring" >&2
