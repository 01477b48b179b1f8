-- Replaces the metadata of an existing queue with ARGV[1] (JSON). Returns 0 if the queue does not exist.
local Q = queue_keys(0)
if redis.call('HEXISTS', Q.i, 'm') == 0 then return 0 end
redis.call('HSET', Q.i, 'm', ARGV[1])
return 1
