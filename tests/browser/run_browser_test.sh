#!/usr/bin/env bash
# Runs the real quickstart server and drives its landing page in headless Chromium.
# Usage: run_browser_test.sh <path to cohook-quickstart> <screenshot.png>
# Exit status: 0 pass, 77 skipped (Chromium, chromedriver or Selenium missing), anything else a failure.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 <cohook-quickstart> <screenshot.png>" >&2
    exit 2
fi
server_bin=$1
screenshot=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# The `python3` on PATH may be another install (pyenv, a venv) without Debian's python3-selenium.
python=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import selenium' 2>/dev/null; then
        python=$candidate
        break
    fi
done
[ -n "$python" ] || missing+=(python3-selenium)
if [ ${#missing[@]} -ne 0 ]; then
    echo "SKIP: missing ${missing[*]} (apt-get install -y --no-install-recommends ${missing[*]})"
    exit 77
fi
if [ ! -x "$server_bin" ]; then
    echo "FAIL: $server_bin is not an executable" >&2
    exit 1
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

WEBHOOK_SECRET=s3cret "$server_bin" --port 0 >"$work/stdout" 2>"$work/stderr" &
server_pid=$!

# The banner is flushed once the server listens; poll for it, bounded at 15 s.
url=""
for _ in $(seq 150); do
    url=$(sed -n 's/^\* Running on local URL:  *\(http:\/\/[^ ]*\)$/\1/p' "$work/stdout")
    [ -n "$url" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "FAIL: no \"Running on local URL\" line from $server_bin" >&2
    cat "$work/stdout" "$work/stderr" >&2
    exit 1
fi
echo "server at $url (pid $server_pid)"

mkdir -p "$(dirname "$screenshot")"
status=0
timeout 120 "$python" "$here/landing_page_test.py" "$url" "$screenshot" || status=$?
if [ $status -ne 0 ]; then
    echo "FAIL: browser test exited with $status; server output:" >&2
    cat "$work/stdout" "$work/stderr" >&2
    # 77 means "skipped" to CTest: never let a failure look like a skip.
    [ $status -eq 77 ] && status=1
fi
exit $status
