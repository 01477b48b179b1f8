-- The unexpired messages among ARGV[2..] (ids), in the order asked. ARGV[1] = now.
local Q = queue_keys(0)
local now = tonumber(ARGV[1])
local out = {}
for j = 2, #ARGV do
  local r = load_msg(Q, ARGV[j])
  if r and now < r[EXPIRES] then out[#out + 1] = msg_reply(ARGV[j], r) end
end
return out
