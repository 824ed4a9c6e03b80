-- Usage: lua5.4 examples/relayed-by.lua [--alias NAME]... AGENCY FILE...
--
-- The statements a state news agency relayed: every quote whose channel is
-- AGENCY (or one of its --alias names), and the agency's own words, with who
-- said them, in the given articles: one line per quote, FILE:PARAGRAPH,
-- speaker, the rule that attributed it and the quote, tab-separated.  With AGENCY "KCNA" the aliases "Korean Central News Agency" and
-- "the Korean Central News Agency" are added for you.  Besides the built-in
-- reading of "..., KCNA reported", two rules catch the agency's own phrasing:
--   KCNA quoted Kim Jong Un as saying "..."
--   Kim Jong Un said "...", according to KCNA
local here = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/../lua/?.lua;" .. package.path
package.cpath = here .. "/../build/?.so;" .. package.cpath
local whosaid = require "whosaid"

local function usage()
  io.stderr:write("usage: lua5.4 examples/relayed-by.lua [--alias NAME]... AGENCY FILE...\n")
  os.exit(2)
end

local names, i = {}, 1
while arg[i] == "--alias" do
  if not arg[i + 1] then usage() end
  names[#names + 1] = arg[i + 1]
  i = i + 2
end
local agency = arg[i]
if not agency or not arg[i + 1] then usage() end
table.insert(names, 1, agency)
if agency == "KCNA" then names[#names + 1] = "Korean Central News Agency" end

local ex = whosaid.new()
ex:add_medium(names)
ex:add_speaker{ name = agency, aliases = { table.unpack(names, 2) }, kind = "medium" }

-- one alternative per name, each quoted literally
local alt = {}
for k, n in ipairs(names) do alt[k] = (n:gsub("[^%w%s]", "\\%0")) end
local via = "(?<via>(?:the )?(?:" .. table.concat(alt, "|") .. "))"
local who = [[(?<speaker>\p{Lu}[\w.'-]*(?:\s+\p{Lu}[\w.'-]*)*)]]
ex:add_rule{ name = "quoted-as-saying", pattern = via .. [[\s+quoted\s+]] .. who .. [[\s+as\s+(?<cue>saying)]] }
ex:add_rule{ name = "according-to-agency", pattern = who .. [[\s+(?<cue>said|told|stressed|noted)\b.*\baccording\s+to\s+]] .. via }

-- keep the quotes this agency relayed, and its own words ("..., KCNA said")
local is_agency = {}
for _, n in ipairs(names) do is_agency[n] = true end
local function agency_name(s)
  return s and (is_agency[s] or is_agency[(s:gsub("^the ", ""))])
end
ex:on_quote(function(q)
  if agency_name(q.via) or agency_name(q.speaker) then return q end
end)

local status, total = 0, 0
for k = i + 1, #arg do
  local f, err = io.open(arg[k], "rb")
  if not f then
    io.stderr:write("relayed-by: ", err, "\n")
    status = 1
  else
    local text = f:read("a")
    f:close()
    for _, q in ipairs(ex:extract(text)) do
      total = total + 1
      print(("%s:%d\t%s\t%s\t%s"):format(arg[k], q.paragraph, q.speaker or "(unattributed)",
        q.rule or "-", (q.text:gsub("%s+", " "))))
    end
  end
end
io.stderr:write(("%d statements relayed by %s\n"):format(total, agency))
os.exit(status)
