-- Adds the ids a write changed (ARGV[3..]) to the queue's change journal while it is on and complete. ARGV[1] =
-- the most ids it may hold (Journal.MAX_IDS); ARGV[2] = '1' when the write cannot say what it changed. That, or
-- more ids than the bound, makes the journal incomplete (it then stops growing). Returns 0.
local Q = queue_keys(0)
if redis.call('GET', Q.j) ~= 'complete' then return 0 end
if ARGV[2] == '1' or redis.call('SCARD', Q.t) + #ARGV - 2 > tonumber(ARGV[1]) then
  journal_incomplete(Q)
  return 0
end
for i = 3, #ARGV, CHUNK do
  redis.call('SADD', Q.t, unpack(ARGV, i, math.min(i + CHUNK - 1, #ARGV)))
end
return 0
