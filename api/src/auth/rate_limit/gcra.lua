-- One rate-limit decision, atomic in Redis: the generic cell rate algorithm (GCRA), the same
-- semantics as the in-process limiter. The key holds the caller's theoretical arrival time
-- (TAT, microseconds on the Redis clock, shared by every replica).
--
-- KEYS[1]  the caller's key
-- ARGV[1]  t: microseconds that one operation costs (60 s / operations per minute)
-- ARGV[2]  tau: microseconds of tolerance, t * (burst - 1)
-- ARGV[3]  n: operations asked for (1 <= n <= burst)
-- Returns {1, 0} when allowed, {0, wait} when refused: wait is the microseconds until the n
-- operations would be allowed.
local t = tonumber(ARGV[1])
local tau = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local extra = t * (n - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or now) or now
local earliest = tat + extra - tau
if now < earliest then
  return {0, earliest - now}
end
local next = math.max(tat, now) + t + extra
-- Once the TAT has passed, the key says nothing a missing key would not: let it expire then.
local ttl = math.max(1, math.ceil((next - now) / 1000))
redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', ttl)
return {1, 0}
