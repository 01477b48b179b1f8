-- Appends a batch: ARGV = now, queue, client, then (id, ttl seconds, delay seconds, body) per message.
-- Positions are consecutive and the batch becomes visible at once (one script). Returns the first position.
local Q = queue_keys(0)
local now = tonumber(ARGV[1])
local n = (#ARGV - 3) / 4
normalize(Q, now, MAX_GC)
local base = next_positions(Q, ARGV[2], n)
for j = 0, n - 1 do
  local a = 4 + j * 4
  local ttl, delay = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  insert_msg(Q, ARGV[a], { base + j + 1, now, ttl, now + ttl * 1000, now + delay * 1000, ARGV[3], '', 0, 0,
                           ARGV[a + 3] })
end
return base + 1
