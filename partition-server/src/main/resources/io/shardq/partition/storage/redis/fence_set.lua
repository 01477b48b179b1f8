-- Sets the fence to ARGV[1] (its header value; 'active' deletes it). ARGV[2] = stale. Returns the ids of the
-- write leases taken after `stale` that a freeze must wait for (none for 'active', which waits for nothing);
-- leases taken later cannot pass the new fence, and thawing never waits.
local Q = queue_keys(0)
if ARGV[1] == 'active' then
  redis.call('DEL', Q.g)
  return {}
end
redis.call('SET', Q.g, ARGV[1])
return redis.call('ZRANGEBYSCORE', Q.l, '(' .. ARGV[2], '+inf')
