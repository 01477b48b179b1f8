-- Releases claim ARGV[2]: its messages become available at once. Unknown or expired claims are a no-op.
-- ARGV[1] = now.
local Q = queue_keys(0)
local now, cid = tonumber(ARGV[1]), ARGV[2]
local v = redis.call('HGET', Q.c, cid)
if not v then return 0 end
local claim = cmsgpack.unpack(v)
for _, id in ipairs(claim[5]) do
  local r = load_msg(Q, id)
  if r and r[CLAIM] == cid and is_claimed(r, now) then
    r[CLAIM], r[CLAIM_EXPIRES] = '', now
    save_msg(Q, id, r)
    redis.call('ZREM', Q.k, id)
    redis.call('ZADD', Q.f, r[POS], id)
  end
end
redis.call('HDEL', Q.c, cid)
redis.call('ZREM', Q.x, cid)
return 1
