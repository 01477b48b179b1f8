-- Deletes the messages ARGV[1..], claimed or not. Unknown ids are ignored.
local Q = queue_keys(0)
for j = 1, #ARGV do drop_msg(Q, ARGV[j]) end
return 0
