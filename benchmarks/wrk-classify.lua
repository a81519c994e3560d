-- wrk script for benchmarks/http.sh: POST /classify with one realistic ticket (about the synthetic tickets'
-- median length), then a summary line that http.sh parses. Usage:
--   wrk -t2 -c64 -d15s --latency -s benchmarks/wrk-classify.lua http://127.0.0.1:3000/classify
-- Add -H 'Connection: close' for a new connection per request.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = [[{"ticketId": "T-20931",
 "subject": "Export to PDF crashes the desktop app since the last update",
 "description": "Hi team, since version 4.2 the desktop app closes without any message every time I export the monthly report to PDF. Steps: open Reports, choose March, click Export. Expected a PDF, got a crash. It worked last week. We need the report for our board meeting on Friday, please help.",
 "priority": "High",
 "timestamp": "2026-11-24T09:15:00Z"}]]

-- wrk calls response() only for the threads' own Lua states and done() in yet another one, so the
-- count of non-2xx answers is read from wrk's own summary (summary.errors.status counts status > 399)
-- and from each thread's counter, which done() can read through the thread objects.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  codes = {}
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    codes[status] = (codes[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local non2xx = 0
  local statuses = {}
  for _, thread in ipairs(threads) do
    non2xx = non2xx + (thread:get("non2xx") or 0)
    local codes = thread:get("codes")
    if codes then
      for status, count in pairs(codes) do
        statuses[#statuses + 1] = status .. "x" .. count
      end
    end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  -- One line, key=value, for http.sh; latencies in microseconds.
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f " ..
    "non2xx=%d status_gt399=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean,
    non2xx, e.status, e.connect, e.read, e.write, e.timeout,
    #statuses > 0 and table.concat(statuses, ",") or "-"))
end
