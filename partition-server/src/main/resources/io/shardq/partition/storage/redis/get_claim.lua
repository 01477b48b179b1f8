-- The active claim ARGV[2] with the messages it still holds. ARGV[1] = now.
-- Returns false when unknown, released or expired, else { { ttl, grace, created, expires }, message... }.
local Q = queue_keys(0)
local now, cid = tonumber(ARGV[1]), ARGV[2]
local v = redis.call('HGET', Q.c, cid)
if not v then return false end
local claim = cmsgpack.unpack(v)
if now >= claim[4] then return false end
local out = { { claim[1], claim[2], claim[3], claim[4] } }
for _, id in ipairs(claim[5]) do
  local r = load_msg(Q, id)
  if r and r[CLAIM] == cid and is_claimed(r, now) and now < r[EXPIRES] then out[#out + 1] = msg_reply(id, r) end
end
return out
