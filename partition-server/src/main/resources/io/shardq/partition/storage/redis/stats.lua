-- Counts of unexpired messages. ARGV[1] = now. Returns { claimed, free, oldest or false, newest or false }.
local Q = queue_keys(0)
local now = tonumber(ARGV[1])
normalize(Q, now, MAX_GC)
local total = redis.call('ZCARD', Q.p) - redis.call('ZCOUNT', Q.e, '-inf', now)
local claimed = redis.call('ZCOUNT', Q.k, '(' .. ARGV[1], '+inf')

local function first_alive(cmd)
  local start = 0
  while true do
    local ids = redis.call(cmd, Q.p, start, start + CHUNK - 1)
    if #ids == 0 then return false end
    for _, id in ipairs(ids) do
      local r = load_msg(Q, id)
      if r and now < r[EXPIRES] then return msg_reply(id, r) end
    end
    start = start + CHUNK
  end
end

if total <= 0 then return { 0, 0, false, false } end
return { claimed, total - claimed, first_alive('ZRANGE'), first_alive('ZREVRANGE') }
