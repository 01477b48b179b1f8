-- Shared prelude of every shardq Redis script (RedisScriptLoader prepends it). See docs/STORAGE.md.
-- KEYS[1..9] are the keys of one queue in the order of RedisKeys.QueueKeys; a second queue (the
-- dead-letter queue) may follow at KEYS[10..18]. Times are epoch millis passed in by the caller's clock.

local function queue_keys(offset)
  return { i = KEYS[offset + 1], m = KEYS[offset + 2], p = KEYS[offset + 3], e = KEYS[offset + 4],
           f = KEYS[offset + 5], k = KEYS[offset + 6], c = KEYS[offset + 7], x = KEYS[offset + 8],
           idx = KEYS[offset + 9] }
end

-- Message record fields (one msgpack array per message in the queue's message hash).
local POS, CREATED, TTL, EXPIRES, DELAY, CLIENT, CLAIM, CLAIM_EXPIRES, CLAIM_COUNT, BODY = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10

local function load_msg(Q, id)
  local v = redis.call('HGET', Q.m, id)
  if not v then return nil end
  return cmsgpack.unpack(v)
end

local function save_msg(Q, id, r)
  redis.call('HSET', Q.m, id, cmsgpack.pack(r))
end

local function msg_reply(id, r)
  return { id, r[POS], r[BODY], r[TTL], r[CREATED], r[EXPIRES], r[DELAY], r[CLIENT], r[CLAIM],
           r[CLAIM_EXPIRES], r[CLAIM_COUNT] }
end

local function is_claimed(r, now)
  return r[CLAIM] ~= '' and now < r[CLAIM_EXPIRES]
end

local function drop_msg(Q, id)
  redis.call('HDEL', Q.m, id)
  redis.call('ZREM', Q.p, id)
  redis.call('ZREM', Q.e, id)
  redis.call('ZREM', Q.f, id)
  redis.call('ZREM', Q.k, id)
end

-- Makes the indexes agree with the clock: messages whose claim ended go back to the free set (all of
-- them, so that claims never skip an available message), up to `max_gc` expired claim records and
-- expired messages are deleted.
local function normalize(Q, now, max_gc)
  local ended = redis.call('ZRANGEBYSCORE', Q.k, '-inf', now)
  for _, id in ipairs(ended) do
    local pos = redis.call('ZSCORE', Q.p, id)
    if pos then redis.call('ZADD', Q.f, pos, id) end
  end
  if #ended > 0 then redis.call('ZREMRANGEBYSCORE', Q.k, '-inf', now) end
  local claims = redis.call('ZRANGEBYSCORE', Q.x, '-inf', now, 'LIMIT', 0, max_gc)
  for _, cid in ipairs(claims) do
    redis.call('HDEL', Q.c, cid)
    redis.call('ZREM', Q.x, cid)
  end
  local expired = redis.call('ZRANGEBYSCORE', Q.e, '-inf', now, 'LIMIT', 0, max_gc)
  for _, id in ipairs(expired) do drop_msg(Q, id) end
end

-- Sets a message's claim and applies the grace rule: the message lives at least until claim end + grace.
local function apply_claim(Q, id, r, cid, claim_expires, ttl, grace_ms, grace)
  r[CLAIM] = cid
  r[CLAIM_EXPIRES] = claim_expires
  if r[EXPIRES] < claim_expires + grace_ms then
    r[EXPIRES] = claim_expires + grace_ms
    r[TTL] = ttl + grace
    redis.call('ZADD', Q.e, r[EXPIRES], id)
  end
  save_msg(Q, id, r)
  redis.call('ZREM', Q.f, id)
  redis.call('ZADD', Q.k, claim_expires, id)
end

-- Appends one record to a queue at the next position, creating the queue if missing.
local function next_positions(Q, queue, n)
  local last = redis.call('HINCRBY', Q.i, 'n', n)
  if redis.call('HSETNX', Q.i, 'm', '{}') == 1 then
    redis.call('ZADD', Q.idx, 0, queue)
  end
  return last - n
end

local function insert_msg(Q, id, r)
  save_msg(Q, id, r)
  redis.call('ZADD', Q.p, r[POS], id)
  redis.call('ZADD', Q.e, r[EXPIRES], id)
  if is_claimed(r, 0) and r[CLAIM_EXPIRES] > 0 then
    redis.call('ZADD', Q.k, r[CLAIM_EXPIRES], id)
  else
    redis.call('ZADD', Q.f, r[POS], id)
  end
end

local MAX_GC = 200
local CHUNK = 64
