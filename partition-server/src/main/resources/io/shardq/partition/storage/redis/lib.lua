-- Shared prelude of every shardq Redis script (RedisScriptLoader prepends it). See docs/STORAGE.md.
-- KEYS[1..14] are the keys of one queue in the order of RedisKeys.QueueKeys; a second queue (the
-- dead-letter queue) may follow at KEYS[15..28]. Times are epoch millis passed in by the caller's clock.

local NKEYS = 14
local MAX_GC = 200
local CHUNK = 64

local function queue_keys(offset)
  return { i = KEYS[offset + 1], m = KEYS[offset + 2], p = KEYS[offset + 3], e = KEYS[offset + 4],
           f = KEYS[offset + 5], k = KEYS[offset + 6], c = KEYS[offset + 7], x = KEYS[offset + 8],
           idx = KEYS[offset + 9], projects = KEYS[offset + 10], g = KEYS[offset + 11], l = KEYS[offset + 12],
           j = KEYS[offset + 13], t = KEYS[offset + 14] }
end

-- Makes the queue's change journal incomplete, if one is on, and frees its ids: some write may have changed
-- messages it never recorded (it could not say which, or its lease went stale).
local function journal_incomplete(Q)
  if redis.call('EXISTS', Q.j) == 1 then
    redis.call('SET', Q.j, 'incomplete')
    redis.call('DEL', Q.t)
  end
end

-- The queue's project, read off its keys: RedisKeys makes `projects` = P .. 'projects' and
-- `idx` = P .. 'p:' .. project, so the project is what follows P .. 'p:'.
local function project_of(Q)
  return string.sub(Q.idx, #Q.projects - #'projects' + 3)
end

-- Records a new queue in its project's index and the project in the index of projects.
local function index_queue(Q, queue)
  redis.call('ZADD', Q.idx, 0, queue)
  redis.call('ZADD', Q.projects, 0, project_of(Q))
end

-- Removes a queue from its project's index, and the project from the index of projects once it has no queue.
local function unindex_queue(Q, queue)
  redis.call('ZREM', Q.idx, queue)
  if redis.call('ZCARD', Q.idx) == 0 then redis.call('ZREM', Q.projects, project_of(Q)) end
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
  if redis.call('HSETNX', Q.i, 'm', '{}') == 1 then index_queue(Q, queue) end
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

-- Puts a stored message into the free set or, while its claim lasts (judged against `now`), the claimed set.
local function index_claim_state(Q, id, r, now)
  if is_claimed(r, now) then
    redis.call('ZREM', Q.f, id)
    redis.call('ZADD', Q.k, r[CLAIM_EXPIRES], id)
  else
    redis.call('ZREM', Q.k, id)
    redis.call('ZADD', Q.f, r[POS], id)
  end
end

-- Up to `limit` unexpired messages with positions after `after`, in position order, as { id, record } pairs.
-- Returns them, the position of the last one (`after` if none) and whether another unexpired message
-- follows it. Reads only: expired messages are skipped, not deleted.
local function scan_after(Q, now, after, limit)
  local out, last, more = {}, after, false
  local from = '(' .. after
  while not more do
    local page = redis.call('ZRANGEBYSCORE', Q.p, from, '+inf', 'WITHSCORES', 'LIMIT', 0, CHUNK)
    for j = 1, #page, 2 do
      local r = load_msg(Q, page[j])
      if r and now < r[EXPIRES] then
        if #out >= limit then
          more = true
          break
        end
        out[#out + 1] = { page[j], r }
        last = r[POS]
      end
      from = '(' .. page[j + 1]
    end
    if #page < 2 * CHUNK then break end
  end
  return out, last, more
end

-- Adds message ids to the id lists of existing claim records (`additions`: claim id → ids), keeping each
-- list free of duplicates and of deleted messages, in position order.
local function attach_to_claims(Q, additions)
  for cid, ids in pairs(additions) do
    local v = redis.call('HGET', Q.c, cid)
    if v then
      local claim = cmsgpack.unpack(v)
      local seen, merged, pos = {}, {}, {}
      for _, list in ipairs({ claim[5], ids }) do
        for _, id in ipairs(list) do
          local score = not seen[id] and redis.call('ZSCORE', Q.p, id)
          seen[id] = true
          if score then
            merged[#merged + 1] = id
            pos[id] = tonumber(score)
          end
        end
      end
      table.sort(merged, function(a, b) return pos[a] < pos[b] end)
      claim[5] = merged
      redis.call('HSET', Q.c, cid, cmsgpack.pack(claim))
    end
  end
end

-- Notes that message `id` is held by its claim, if that claim is active (for attach_to_claims).
local function note_claim(additions, id, r, now)
  if is_claimed(r, now) then
    local ids = additions[r[CLAIM]] or {}
    ids[#ids + 1] = id
    additions[r[CLAIM]] = ids
  end
end
