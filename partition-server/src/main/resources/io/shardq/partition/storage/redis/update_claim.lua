-- Renews the active claim ARGV[2] to end ARGV[3] seconds from now, extending its messages by grace ARGV[4].
-- The claim's age restarts (as in Zaqar). ARGV[1] = now. Returns 0 when the claim is unknown, released or expired, else 1.
local Q = queue_keys(0)
local now, cid, ttl, grace = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local v = redis.call('HGET', Q.c, cid)
if not v then return 0 end
local claim = cmsgpack.unpack(v)
if now >= claim[4] then return 0 end
local expires = now + ttl * 1000
for _, id in ipairs(claim[5]) do
  local r = load_msg(Q, id)
  if r and r[CLAIM] == cid and is_claimed(r, now) and now < r[EXPIRES] then
    apply_claim(Q, id, r, cid, expires, ttl, grace * 1000, grace)
  end
end
claim[1], claim[2], claim[3], claim[4] = ttl, grace, now, expires
redis.call('HSET', Q.c, cid, cmsgpack.pack(claim))
redis.call('ZADD', Q.x, expires, cid)
return 1
