-- One page of message states (QueueTransfer.states). ARGV = now, after position, limit. Reads only.
-- Returns { cursor, more, { id, position, ttl, expires, claim, claim expires, claim count }... } (cursor and
-- more as in export.lua); a missing queue is an empty page.
local Q = queue_keys(0)
local found, last, more = scan_after(Q, tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))
local out = { last, more and 1 or 0 }
for _, m in ipairs(found) do
  local r = m[2]
  out[#out + 1] = { m[1], r[POS], r[TTL], r[EXPIRES], r[CLAIM], r[CLAIM_EXPIRES], r[CLAIM_COUNT] }
end
return out
