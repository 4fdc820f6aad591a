-- For bench/http.py: one line it can read, after wrk's own summary.
-- Requests, seconds, answers other than 2xx/3xx, other errors (connect, read,
-- write, timeout), then p50, p99 and mean latency in milliseconds.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH %d %.3f %d %d %.3f %.3f %.3f\n",
    summary.requests,
    summary.duration / 1e6,
    errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    latency.mean / 1000
  ))
end
