-- Deletes the queue with every key of it, its fence and write leases included (QueueTransfer.drop).
-- ARGV[1] = queue.
local Q = queue_keys(0)
redis.call('DEL', Q.i, Q.m, Q.p, Q.e, Q.f, Q.k, Q.c, Q.x, Q.g, Q.l)
unindex_queue(Q, ARGV[1])
return 0
