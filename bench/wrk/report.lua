-- Shared by the scripts: print the run's figures as one JSON line that bench/load.py reads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function report(summary, latency, extra)
  local e = summary.errors
  local flows = 0
  for _, t in ipairs(threads) do
    flows = flows + (t:get("flows") or 0)
  end
  io.write(string.format(
    'GRAVIDA_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"status_errors":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"flows":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout, flows))
end
