-- Sets the fence to ARGV[1] (its header value; 'active' deletes it). ARGV[2] = stale. Returns the ids of the
-- write leases taken after `stale` that a freeze must wait for (none for 'active', which waits for nothing);
-- leases taken later cannot pass the new fence, and thawing never waits. A stale lease a freeze will not wait
-- for makes a journal on incomplete.
local Q = queue_keys(0)
if ARGV[1] == 'active' then
  redis.call('DEL', Q.g)
  return {}
end
redis.call('SET', Q.g, ARGV[1])
if redis.call('ZCOUNT', Q.l, '-inf', ARGV[2]) > 0 then journal_incomplete(Q) end
return redis.call('ZRANGEBYSCORE', Q.l, '(' .. ARGV[2], '+inf')
