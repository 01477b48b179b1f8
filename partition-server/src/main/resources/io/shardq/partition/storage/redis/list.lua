-- One listing page. ARGV = now, after position, limit, client, echo, include claimed, include delayed (1/0).
-- Scans on (overfetching in chunks) until `limit` messages match or the queue ends.
-- Returns { last position examined, message... }.
local Q = queue_keys(0)
local now, after, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local client, echo, claimed, delayed = ARGV[4], ARGV[5] == '1', ARGV[6] == '1', ARGV[7] == '1'
normalize(Q, now, MAX_GC)
local src = claimed and Q.p or Q.f
local out, last = { after }, after
while #out <= limit do
  local page = redis.call('ZRANGEBYSCORE', src, '(' .. last, '+inf', 'WITHSCORES', 'LIMIT', 0, CHUNK)
  for j = 1, #page, 2 do
    local id = page[j]
    last = tonumber(page[j + 1])
    local r = load_msg(Q, id)
    if not r or now >= r[EXPIRES] then
      drop_msg(Q, id)
    elseif (echo or client == '' or client ~= r[CLIENT])
        and (claimed or not is_claimed(r, now)) and (delayed or now >= r[DELAY]) then
      out[#out + 1] = msg_reply(id, r)
      if #out > limit then break end
    end
  end
  if #page < 2 * CHUNK then break end
end
out[1] = last
return out
