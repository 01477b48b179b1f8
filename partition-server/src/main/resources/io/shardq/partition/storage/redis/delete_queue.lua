-- Deletes the queue and every key of it. ARGV[1] = queue. Returns 1 if it existed.
local Q = queue_keys(0)
local existed = redis.call('HEXISTS', Q.i, 'm')
redis.call('DEL', Q.i, Q.m, Q.p, Q.e, Q.f, Q.k, Q.c, Q.x)
redis.call('ZREM', Q.idx, ARGV[1])
return existed
