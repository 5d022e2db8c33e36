-- wrk script for the webhook workload: POST the ~2 KB Hub payload with the shared secret, and print one
-- machine-readable line at the end for bench/compare.sh.
--   wrk -t1 -c50 -d10s -s bench/wrk_webhook.lua http://127.0.0.1:PORT/webhooks/trigger_training
-- Environment: PAYLOAD (default: payload_2k.json beside this script), WEBHOOK_SECRET (default s3cret).

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local path = os.getenv("PAYLOAD") or (here .. "payload_2k.json")
local file = assert(io.open(path, "rb"), "cannot open payload " .. path)

wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Webhook-Secret"] = os.getenv("WEBHOOK_SECRET") or "s3cret"

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d seconds=%.3f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d " ..
      "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d\n",
      summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9), latency.max,
      e.connect, e.read, e.write, e.timeout, e.status))
end
