-- Reads the queue's change journal in one step, so that it is never seen half freed: { 1, { id... } } while
-- it is complete, { 0 } when it is off or incomplete.
local Q = queue_keys(0)
if redis.call('GET', Q.j) ~= 'complete' then return { 0 } end
return { 1, redis.call('SMEMBERS', Q.t) }
