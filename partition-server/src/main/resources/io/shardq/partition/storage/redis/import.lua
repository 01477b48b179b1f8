-- Writes one page of an export (QueueTransfer.importPage). ARGV = now, queue, metadata JSON, last position,
-- claim count C, then C x (claim id, ttl, grace, created, expires), then per message its id and record in
-- record order (position, created, ttl, expires, delay, client, claim, claim expires, claim count, body).
-- Creates the queue if missing, replaces its metadata, raises its position counter, upserts claims and
-- messages by id (a different message at the same position is replaced). Whether a message is claimed is
-- judged against `now`. Importing a page again changes nothing.
local Q = queue_keys(0)
local now, nclaims = tonumber(ARGV[1]), tonumber(ARGV[5])
redis.call('HSET', Q.i, 'm', ARGV[3])
index_queue(Q, ARGV[2])
local top = tonumber(ARGV[4])

-- Claims: an existing record keeps its ids; a new one adopts the messages already here that it holds.
local fresh, additions = {}, {}
for j = 0, nclaims - 1 do
  local a = 6 + j * 5
  local cid, expires = ARGV[a], tonumber(ARGV[a + 4])
  local v = redis.call('HGET', Q.c, cid)
  local ids = v and cmsgpack.unpack(v)[5] or {}
  if not v then fresh[cid] = true end
  if now < expires or v then
    redis.call('HSET', Q.c, cid, cmsgpack.pack({ tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]),
                                                 tonumber(ARGV[a + 3]), expires, ids }))
    redis.call('ZADD', Q.x, expires, cid)
  end
end
if next(fresh) then
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', Q.k, '(' .. ARGV[1], '+inf')) do
    local r = load_msg(Q, id)
    if r and fresh[r[CLAIM]] then note_claim(additions, id, r, now) end
  end
end

local base = 6 + nclaims * 5
for a = base, #ARGV, 11 do
  local id = ARGV[a]
  local r = { tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4]),
              tonumber(ARGV[a + 5]), ARGV[a + 6], ARGV[a + 7], tonumber(ARGV[a + 8]), tonumber(ARGV[a + 9]),
              ARGV[a + 10] }
  if r[POS] > top then top = r[POS] end
  if now >= r[EXPIRES] then
    drop_msg(Q, id)
  else
    for _, other in ipairs(redis.call('ZRANGEBYSCORE', Q.p, r[POS], r[POS])) do
      if other ~= id then drop_msg(Q, other) end
    end
    save_msg(Q, id, r)
    redis.call('ZADD', Q.p, r[POS], id)
    redis.call('ZADD', Q.e, r[EXPIRES], id)
    index_claim_state(Q, id, r, now)
    note_claim(additions, id, r, now)
  end
end
attach_to_claims(Q, additions)
if tonumber(redis.call('HGET', Q.i, 'n') or '0') < top then redis.call('HSET', Q.i, 'n', top) end
return 0
