-- Creates the queue with metadata ARGV[2] (JSON) unless it exists. ARGV[1] = queue. Returns 1 if created.
local Q = queue_keys(0)
if redis.call('HSETNX', Q.i, 'm', ARGV[2]) == 0 then return 0 end
index_queue(Q, ARGV[1])
return 1
