-- Claims up to `limit` available messages in position order, never one under an active claim, delayed
-- or expired. ARGV = now, claim id, ttl, grace, limit[, dead-letter queue, max claim count, dead-letter ttl]
-- (then KEYS[15..28] are the dead-letter queue's keys). A message already claimed `max claim count` times
-- moves (same id) to the end of the dead-letter queue instead. Returns { claim, message... } where
-- claim = { ttl, grace, created, expires }; no claim record is kept when nothing was claimed.
local Q = queue_keys(0)
local now, cid, ttl, grace, limit = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]),
    tonumber(ARGV[5])
local dlq, max_count, dl_ttl = ARGV[6], tonumber(ARGV[7] or '0'), tonumber(ARGV[8] or '0')
-- a queue that is its own dead-letter queue has none (moving a message to its own tail would loop)
local D = dlq and KEYS[NKEYS + 1] ~= KEYS[1] and queue_keys(NKEYS) or nil
local expires, grace_ms = now + ttl * 1000, grace * 1000
normalize(Q, now, MAX_GC)

local function move_to_dead_letter(id, r)
  drop_msg(Q, id)
  r[POS] = next_positions(D, dlq, 1) + 1
  r[CLAIM], r[CLAIM_EXPIRES] = '', now
  if dl_ttl > 0 then
    r[TTL], r[EXPIRES] = dl_ttl, now + dl_ttl * 1000
  end
  insert_msg(D, id, r)
end

local out, ids, last = { { ttl, grace, now, expires } }, {}, '-inf'
while #ids < limit do
  local page = redis.call('ZRANGEBYSCORE', Q.f, last, '+inf', 'WITHSCORES', 'LIMIT', 0, CHUNK)
  for j = 1, #page, 2 do
    local id = page[j]
    last = '(' .. page[j + 1]
    local r = load_msg(Q, id)
    if not r or now >= r[EXPIRES] then
      drop_msg(Q, id)
    elseif now < r[DELAY] or is_claimed(r, now) then
      -- delayed (an active claim cannot be in the free set after normalize; checked for safety)
    elseif D and r[CLAIM_COUNT] >= max_count then
      move_to_dead_letter(id, r)
    else
      if D then r[CLAIM_COUNT] = r[CLAIM_COUNT] + 1 end
      apply_claim(Q, id, r, cid, expires, ttl, grace_ms, grace)
      ids[#ids + 1] = id
      out[#out + 1] = msg_reply(id, r)
      if #ids >= limit then break end
    end
  end
  if #page < 2 * CHUNK then break end
end
if #ids > 0 then
  redis.call('HSET', Q.c, cid, cmsgpack.pack({ ttl, grace, now, expires, ids }))
  redis.call('ZADD', Q.x, expires, cid)
end
return out
