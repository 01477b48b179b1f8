-- Deletes every message and claim of the queue; keeps its metadata and position counter.
local Q = queue_keys(0)
redis.call('DEL', Q.m, Q.p, Q.e, Q.f, Q.k, Q.c, Q.x)
return 0
