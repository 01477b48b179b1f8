-- Starts the queue's change journal afresh (FenceStore.startJournal). ARGV[1] = stale. Empties `t` and sets `j`
-- to 'complete', or 'incomplete' when a write lease is already stale (its write may change messages without
-- recording them, and nobody waits for it). Returns the ids of the younger leases, which the caller waits for
-- as a freeze does: writes that passed before the journal started do not record.
local Q = queue_keys(0)
redis.call('DEL', Q.t)
redis.call('SET', Q.j, 'complete')
if redis.call('ZCOUNT', Q.l, '-inf', ARGV[1]) > 0 then journal_incomplete(Q) end
return redis.call('ZRANGEBYSCORE', Q.l, '(' .. ARGV[1], '+inf')
