-- Removes and returns up to ARGV[2] of the oldest available messages. ARGV[1] = now.
local Q = queue_keys(0)
local now, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
normalize(Q, now, MAX_GC)
local out, last = {}, '-inf'
while #out < limit do
  local page = redis.call('ZRANGEBYSCORE', Q.f, last, '+inf', 'WITHSCORES', 'LIMIT', 0, CHUNK)
  for j = 1, #page, 2 do
    local id = page[j]
    last = '(' .. page[j + 1]
    local r = load_msg(Q, id)
    if not r or now >= r[EXPIRES] then
      drop_msg(Q, id)
    elseif now >= r[DELAY] then
      out[#out + 1] = msg_reply(id, r)
      drop_msg(Q, id)
    end
    if #out >= limit then break end
  end
  if #page < 2 * CHUNK then break end
end
return out
