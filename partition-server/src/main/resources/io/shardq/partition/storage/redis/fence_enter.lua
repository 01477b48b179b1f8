-- Passes the fence for a write. ARGV = now, lease id, stale (leases taken at or before it are dropped:
-- left by crashed nodes, no freeze waits for them). Returns the fence (its header value) when it refuses
-- writes; otherwise records the lease, scored by `now`, and returns ''.
local Q = queue_keys(0)
local fence = redis.call('GET', Q.g)
if fence and fence ~= 'active' then return fence end
redis.call('ZREMRANGEBYSCORE', Q.l, '-inf', ARGV[3])
redis.call('ZADD', Q.l, ARGV[1], ARGV[2])
return ''
