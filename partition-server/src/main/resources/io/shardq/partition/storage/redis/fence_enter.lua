-- Passes the fence for a write. ARGV = now, lease id, stale (leases taken at or before it are dropped:
-- left by crashed nodes, no freeze waits for them; dropping one makes a journal on incomplete). Returns
-- { fence } (its header value) when it refuses writes; otherwise records the lease, scored by `now`, and
-- returns { '', 1 } while the change journal is on (the write must record what it changes), else { '', 0 }.
local Q = queue_keys(0)
local fence = redis.call('GET', Q.g)
if fence and fence ~= 'active' then return { fence } end
if redis.call('ZREMRANGEBYSCORE', Q.l, '-inf', ARGV[3]) > 0 then journal_incomplete(Q) end
redis.call('ZADD', Q.l, ARGV[1], ARGV[2])
return { '', redis.call('EXISTS', Q.j) }
