-- Overwrites ttl, expiry and claim fields of existing messages (QueueTransfer.applyStates) and fixes the
-- expiry, free and claimed indexes against `now`. ARGV = now, then per message (id, ttl, expires, claim,
-- claim expires, claim count). Unknown ids are ignored; a message that is expired now is deleted. A message
-- that left its claim (claim id changed or cleared) means that claim ended at the source (only a release or
-- expiry lets a message go), so its record is deleted, as a release does.
local Q = queue_keys(0)
local now = tonumber(ARGV[1])
local additions = {}
for a = 2, #ARGV, 6 do
  local id = ARGV[a]
  local r = load_msg(Q, id)
  if r then
    if r[CLAIM] ~= '' and r[CLAIM] ~= ARGV[a + 3] then
      redis.call('HDEL', Q.c, r[CLAIM])
      redis.call('ZREM', Q.x, r[CLAIM])
    end
    r[TTL], r[EXPIRES], r[CLAIM] = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), ARGV[a + 3]
    r[CLAIM_EXPIRES], r[CLAIM_COUNT] = tonumber(ARGV[a + 4]), tonumber(ARGV[a + 5])
    if now >= r[EXPIRES] then
      drop_msg(Q, id)
    else
      save_msg(Q, id, r)
      redis.call('ZADD', Q.e, r[EXPIRES], id)
      index_claim_state(Q, id, r, now)
      note_claim(additions, id, r, now)
    end
  end
end
attach_to_claims(Q, additions)
return 0
