-- wrk script of bench/load.sh: POSTs one GraphQL request body (file BENCH_BODY) with the
-- bearer token BENCH_TOKEN, counts answers that are not a clean GraphQL success, and stops each
-- thread after BENCH_MAX_REQUESTS_PER_THREAD answers so a run is bounded in count as in time.

local file = assert(io.open(os.getenv("BENCH_BODY"), "r"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

local max = tonumber(os.getenv("BENCH_MAX_REQUESTS_PER_THREAD") or "50000")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

count = 0
failures = 0

function response(status, headers, body)
  count = count + 1
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    failures = failures + 1
  end
  if count >= max then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("failures") or 0)
  end
  io.write(string.format("failed_answers %d\n", total))
  io.write(string.format("p50_us %d\n", latency:percentile(50)))
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("duration_us %d\n", summary.duration))
end
