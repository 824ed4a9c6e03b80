-- Usage: lua5.4 examples/quotes-of.lua [--alias NAME]... PERSON FILE... > quotes.csv
--
-- Every quote of one person in the given articles, as CSV (RFC 4180): the
-- article, the byte offsets of the quote (0-based start, end exclusive, as
-- in `whosaid --jsonl`), its kind, cue, confidence and text.  Each --alias is
-- another name PERSON goes by ("Kim Jong-un", "Kim"); quotes of a group that
-- PERSON belongs to count too.
local here = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/../lua/?.lua;" .. package.path
package.cpath = here .. "/../build/?.so;" .. package.cpath
local whosaid = require "whosaid"

local function usage()
  io.stderr:write("usage: lua5.4 examples/quotes-of.lua [--alias NAME]... PERSON FILE...\n")
  os.exit(2)
end

local aliases, i = {}, 1
while arg[i] == "--alias" do
  if not arg[i + 1] then usage() end
  aliases[#aliases + 1] = arg[i + 1]
  i = i + 2
end
local person = arg[i]
if not person or not arg[i + 1] then usage() end

local ex = whosaid.new()
ex:add_speaker{ name = person, aliases = aliases }
-- keep only this person's quotes
ex:on_quote(function(q)
  if q.speaker == person then return q end
  for _, m in ipairs(q.members or {}) do
    if m == person then return q end
  end
end)

local function csv(v)
  v = tostring(v == nil and "" or v)
  if v:find('[",\r\n]') then v = '"' .. v:gsub('"', '""') .. '"' end
  return v
end

local status = 0
print("article,start,end,kind,cue,confidence,text")
for k = i + 1, #arg do
  local f, err = io.open(arg[k], "rb")
  if not f then
    io.stderr:write("quotes-of: ", err, "\n")
    status = 1
  else
    local text = f:read("a")
    f:close()
    for _, q in ipairs(ex:extract(text)) do
      print(table.concat({ csv(arg[k]), q.start - 1, q.stop, q.kind,
        csv(q.cue and q.cue.text), ("%.2f"):format(q.confidence), csv(q.text) }, ","))
    end
  end
end
os.exit(status)
