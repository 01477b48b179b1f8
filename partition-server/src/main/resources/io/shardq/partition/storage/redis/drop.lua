-- Deletes the queue with every key of it and its change journal (QueueTransfer.drop), and its fence and write
-- leases unless ARGV[2] = '1' (drop keeping the fence). ARGV[1] = queue.
local Q = queue_keys(0)
redis.call('DEL', Q.i, Q.m, Q.p, Q.e, Q.f, Q.k, Q.c, Q.x, Q.j, Q.t)
if ARGV[2] ~= '1' then redis.call('DEL', Q.g, Q.l) end
unindex_queue(Q, ARGV[1])
return 0
