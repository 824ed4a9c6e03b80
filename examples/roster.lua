-- Usage: lua5.4 examples/roster.lua DIR [SPEAKERS]
--
-- A speaker roster of a folder of articles: who is quoted in the *.txt files
-- of DIR, how often and in how many articles, most quoted first, as a
-- tab-separated table.  SPEAKERS, if given, is a Lua file returning a list of
-- add_speaker tables ({ name = "Kim Jong Un", aliases = { "Kim" } }, ...), so
-- that the aliases of one person count as one.
local here = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/../lua/?.lua;" .. package.path
package.cpath = here .. "/../build/?.so;" .. package.cpath
local whosaid = require "whosaid"

local function usage()
  io.stderr:write("usage: lua5.4 examples/roster.lua DIR [SPEAKERS]\n")
  os.exit(2)
end

local dir, roster_file = arg[1], arg[2]
if not dir or arg[3] then usage() end

local ex = whosaid.new()
if roster_file then
  for _, s in ipairs(dofile(roster_file)) do ex:add_speaker(s) end
end

-- the *.txt files of dir, sorted (ls quotes nothing: the name is passed in '')
local files = {}
local ls = assert(io.popen("ls -1 -- '" .. dir:gsub("'", "'\\''") .. "' 2>/dev/null"))
for name in ls:lines() do
  if name:match("%.txt$") then files[#files + 1] = dir .. "/" .. name end
end
ls:close()
table.sort(files)
if #files == 0 then
  io.stderr:write("roster: no *.txt files in ", dir, "\n")
  os.exit(1)
end

local rows, by_name = {}, {}
for _, path in ipairs(files) do
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  for _, s in ipairs(whosaid.speakers(ex:extract(text))) do
    local row = by_name[s.name]
    if not row then
      row = { name = s.name, quotes = 0, articles = 0, first = s.quotes[1].text }
      by_name[s.name] = row
      rows[#rows + 1] = row
    end
    row.quotes = row.quotes + #s.quotes
    row.articles = row.articles + 1
  end
end
table.sort(rows, function(a, b)
  if a.quotes ~= b.quotes then return a.quotes > b.quotes end
  return a.name < b.name
end)

print("speaker\tquotes\tarticles\tfirst quote")
for _, r in ipairs(rows) do
  local first = r.first:gsub("%s+", " ")
  if #first > 60 then first = first:sub(1, 57) .. "..." end
  print(("%s\t%d\t%d\t%s"):format(r.name, r.quotes, r.articles, first))
end
