-- Deletes one message under Zaqar's claim rules. ARGV = now, id, claim id ('' for none).
-- Returns 0 deleted or missing, 1 claimed (no or another active claim), 2 not claimed, 3 invalid claim.
local Q = queue_keys(0)
local now, id, cid = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local r = load_msg(Q, id)
if not r then return 0 end
if now >= r[EXPIRES] then drop_msg(Q, id) return 0 end
local claimed = is_claimed(r, now)
if cid == '' then
  if claimed then return 1 end
elseif not claimed then
  return 2
elseif r[CLAIM] ~= cid then
  local other = redis.call('ZSCORE', Q.x, cid)
  if other and now < tonumber(other) then return 1 end
  return 3
end
drop_msg(Q, id)
return 0
