-- One page of a raw export (QueueTransfer.export). ARGV = now, after position, limit. Reads only.
-- Returns {} when the queue does not exist, else { metadata, position counter, cursor, more,
-- { { claim id, ttl, grace, created, expires }... } (every active claim), message... } with messages as
-- msg_reply; the cursor is the position of the last message returned (else `after`), more is 1 if an
-- unexpired message follows it, else 0.
local Q = queue_keys(0)
local now = tonumber(ARGV[1])
local meta = redis.call('HGET', Q.i, 'm')
if not meta then return {} end
local found, last, more = scan_after(Q, now, tonumber(ARGV[2]), tonumber(ARGV[3]))
local claims = {}
for _, cid in ipairs(redis.call('ZRANGEBYSCORE', Q.x, '(' .. ARGV[1], '+inf')) do
  local v = redis.call('HGET', Q.c, cid)
  if v then
    local c = cmsgpack.unpack(v)
    claims[#claims + 1] = { cid, c[1], c[2], c[3], c[4] }
  end
end
local out = { meta, tonumber(redis.call('HGET', Q.i, 'n') or '0'), last, more and 1 or 0, claims }
for _, m in ipairs(found) do out[#out + 1] = msg_reply(m[1], m[2]) end
return out
