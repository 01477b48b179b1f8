-- Deletes the queue and every data key of it (its fence and write leases stay). ARGV[1] = queue.
-- Returns 1 if it existed.
local Q = queue_keys(0)
local existed = redis.call('HEXISTS', Q.i, 'm')
redis.call('DEL', Q.i, Q.m, Q.p, Q.e, Q.f, Q.k, Q.c, Q.x)
unindex_queue(Q, ARGV[1])
return existed
