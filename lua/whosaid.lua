--- whosaid: find the direct quotes in news text and who said them.
--
--     local whosaid = require "whosaid"
--     for _, q in ipairs(whosaid.extract(text)) do
--       print(q.speaker, q.kind, q.text)
--     end
--
-- Every quote is a table with the fields `text, start, stop, kind, speaker,
-- mention, cue, via, rule, confidence, paragraph, group` (and `members` for a
-- group speaker); `text:sub(q.start, q.stop) == q.text`.
-- @module whosaid
local core = require "whosaid.core"

local whosaid = {}

--- The version of the library, a string such as "0.1.0".
whosaid.version = core.version

-- The extractor behind whosaid.extract.  It is never handed out, so no
-- script can change what another script's whosaid.extract finds.
local default

--- Finds the quotes of a text with the built-in lexicons.
-- @tparam string text news text, UTF-8
-- @treturn {table,...} the quotes in text order
function whosaid.extract(text)
  if type(text) ~= "string" then
    error(("bad argument #1 to 'extract' (string expected, got %s)"):format(type(text)), 2)
  end
  default = default or core.new()
  return default:extract(text)
end

--- Makes an extractor with its own lexicons.
-- @tparam[opt] table opts `max_input` (bytes, default 64 MiB), `strict_utf8`
--   (boolean: raise an error at the first invalid UTF-8 byte)
-- @return an extractor with methods `extract(text)`, `add_cue(word_or_list)`,
--   `add_medium(name_or_list)`
function whosaid.new(opts)
  if opts ~= nil and type(opts) ~= "table" then
    error(("bad argument #1 to 'new' (table expected, got %s)"):format(type(opts)), 2)
  end
  return core.new(opts)
end

--- Groups quotes by their canonical speaker, most quoted first.
-- Quotes without a speaker are left out; quotes of a group speaker ("Kim
-- Jong-un and Vladimir Putin") count for each of its members as well.
-- @tparam {table,...} quotes as returned by extract
-- @treturn {{name=string, quotes={table,...}},...}
function whosaid.speakers(quotes)
  if type(quotes) ~= "table" then
    error(("bad argument #1 to 'speakers' (table expected, got %s)"):format(type(quotes)), 2)
  end
  local by, order = {}, {}
  local function add(name, q)
    local entry = by[name]
    if not entry then
      entry = { name = name, quotes = {} }
      by[name] = entry
      order[#order + 1] = entry
    end
    entry.quotes[#entry.quotes + 1] = q
  end
  for i, q in ipairs(quotes) do
    if type(q) ~= "table" then
      error(("bad argument #1 to 'speakers' (item %d is a %s, not a quote)"):format(i, type(q)), 2)
    end
    if q.speaker then
      if q.members then
        for _, m in ipairs(q.members) do add(m, q) end
      else
        add(q.speaker, q)
      end
    end
  end
  local rank = {}
  for i, e in ipairs(order) do rank[e] = i end
  table.sort(order, function(a, b)
    if #a.quotes ~= #b.quotes then return #a.quotes > #b.quotes end
    return rank[a] < rank[b]
  end)
  return order
end

return whosaid
