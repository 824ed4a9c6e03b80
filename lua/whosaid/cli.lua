-- whosaid.cli: the command-line tool behind bin/whosaid.
--
-- cli.main(args, stdin, stdout, stderr) runs one command and returns its exit
-- status: 0 when all went well, 1 when a file could not be read or a JSONL
-- line was bad (everything else is still processed), 2 on a usage error.
-- The streams only need read("a") / read("l") (stdin) and write (stdout,
-- stderr); flush is called when there is one.

local M = {}

local PROG = "whosaid"

M.usage = [[
usage: whosaid [options] [FILE...]

Finds the direct quotes in news text and who said them. Reads each FILE
(standard input when there is none, or for "-") and prints every quote with
its paragraph, kind (direct, partial, scare), speaker, cue and channel.

options:
  --jsonl        read JSON Lines, one {"id": ..., "text": ...} object a line,
                 and write one {"id": ..., "quotes": [...]} line for each
                 (0-based, end-exclusive byte offsets; see README.md)
  -h, --help     show this help and exit
  --version      print the version and exit
  --             end of options: every later argument is a file
]]

local WIDTH = 78

local function flush(stream)
  if stream.flush then stream:flush() end
end

---------------------------------------------------------------------------
-- JSON output with a fixed key order. Debian's lua-cjson (2.1.0) has no
-- empty_array, and its encoder turns {} into an object, so arrays and objects
-- are assembled here and cjson only encodes the scalars.

local cjson = require "cjson"

local function json_number(n)
  if n ~= n or n == math.huge or n == -math.huge then return "null" end
  if math.type(n) == "integer" then return string.format("%d", n) end
  if n == math.floor(n) and math.abs(n) < 2^53 then
    return string.format("%d", math.tointeger(n))
  end
  return string.format("%.14g", n)
end

local function json_value(v)
  local t = type(v)
  if v == nil or v == cjson.null then return "null"
  elseif t == "number" then return json_number(v)
  elseif t == "string" or t == "boolean" then return cjson.encode(v)
  elseif t == "table" then
    -- only ids can be tables here; cjson keeps what it was given
    local ok, s = pcall(cjson.encode, v)
    return ok and s or "null"
  end
  return "null"
end

local function json_object(keys, values)
  local parts = {}
  for i, k in ipairs(keys) do
    parts[i] = cjson.encode(k) .. ":" .. values[k]
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

local function json_array(items, encode)
  local parts = {}
  for i, item in ipairs(items) do parts[i] = encode(item) end
  return "[" .. table.concat(parts, ",") .. "]"
end

local function json_span(s)
  if s == nil then return "null" end
  return json_object({ "text", "start", "end" }, {
    text = json_value(s.text),
    start = json_number(s.start - 1),
    ["end"] = json_number(s.stop),
  })
end

local QUOTE_KEYS = { "text", "start", "end", "kind", "speaker", "mention", "cue",
  "via", "rule", "confidence", "paragraph", "group", "members" }

local function json_quote(q)
  return json_object(QUOTE_KEYS, {
    text = json_value(q.text),
    start = json_number(q.start - 1),
    ["end"] = json_number(q.stop),
    kind = json_value(q.kind),
    speaker = json_value(q.speaker),
    mention = json_span(q.mention),
    cue = json_span(q.cue),
    via = json_value(q.via),
    rule = json_value(q.rule),
    confidence = json_value(q.confidence),
    paragraph = json_value(q.paragraph),
    group = json_value(q.group),
    members = q.members and json_array(q.members, json_value) or "null",
  })
end

M.json_quote = json_quote

---------------------------------------------------------------------------
-- Human-readable output.

local function one_line(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- Wraps s to lines of at most `width` characters (UTF-8 aware), each but the
-- first prefixed with `indent`.
local function wrap(s, width, indent)
  local lines, line, len = {}, nil, 0
  for word in s:gmatch("%S+") do
    local wlen = utf8.len(word) or #word
    if line and len + 1 + wlen > width then
      lines[#lines + 1] = line
      line, len = nil, 0
    end
    if line then
      line, len = line .. " " .. word, len + 1 + wlen
    else
      line, len = word, wlen
    end
  end
  if line then lines[#lines + 1] = line end
  return table.concat(lines, "\n" .. indent)
end

local function group_sizes(quotes)
  local size = {}
  for _, q in ipairs(quotes) do
    if q.group then size[q.group] = (size[q.group] or 0) + 1 end
  end
  return size
end

-- One block per quote:
--   ¶2  [direct] Lena Ortiz (said; via NorPress)
--       “We will not let this harbor go dark,”
local function format_quotes(quotes)
  local out = {}
  local size, seen = group_sizes(quotes), {}
  local speakers, unattributed = {}, 0
  for _, q in ipairs(quotes) do
    local head = string.format("¶%-3d[%s] ", q.paragraph or 0, q.kind or "?")
    if q.speaker then
      head = head .. q.speaker
      speakers[q.speaker] = true
    else
      head = head .. "(unattributed)"
      if q.kind ~= "scare" then unattributed = unattributed + 1 end
    end
    local notes = {}
    if q.cue and q.cue.text then notes[#notes + 1] = one_line(q.cue.text) end
    if q.via then notes[#notes + 1] = "via " .. q.via end
    if #notes > 0 then head = head .. " (" .. table.concat(notes, "; ") .. ")" end
    if q.group and size[q.group] > 1 then
      seen[q.group] = (seen[q.group] or 0) + 1
      head = head .. string.format("  part %d/%d", seen[q.group], size[q.group])
    end
    if q.confidence then head = head .. string.format("  conf %.2f", q.confidence) end
    out[#out + 1] = head
    local body = "“" .. one_line(q.text or "") .. "”"
    out[#out + 1] = "     " .. wrap(body, WIDTH - 5, "      ")
  end
  local nspeakers = 0
  for _ in pairs(speakers) do nspeakers = nspeakers + 1 end
  if #quotes == 0 then
    out[#out + 1] = "(no quotes)"
  else
    local summary = string.format("%d quote%s, %d speaker%s", #quotes,
      #quotes == 1 and "" or "s", nspeakers, nspeakers == 1 and "" or "s")
    if unattributed > 0 then
      summary = summary .. string.format(", %d unattributed", unattributed)
    end
    out[#out + 1] = "-- " .. summary
  end
  return table.concat(out, "\n") .. "\n"
end

M.format_quotes = format_quotes

---------------------------------------------------------------------------

local function parse_args(args)
  local opts, files = { mode = "text" }, {}
  local only_files = false
  for i = 1, #args do
    local a = args[i]
    if only_files or a == "-" or a:sub(1, 1) ~= "-" then
      files[#files + 1] = a
    elseif a == "--" then
      only_files = true
    elseif a == "-h" or a == "--help" then
      opts.help = true
    elseif a == "--version" then
      opts.version = true
    elseif a == "--jsonl" then
      opts.mode = "jsonl"
    else
      return nil, string.format("unknown option '%s'", a)
    end
  end
  return opts, files
end

-- Calls fn(stream, name) for each input; returns false when one could not be
-- opened (reported on stderr).
local function each_input(files, stdin, stderr, fn)
  if #files == 0 then files = { "-" } end
  local ok = true
  for _, name in ipairs(files) do
    if name == "-" then
      fn(stdin, "-")
    else
      local f, err = io.open(name, "rb")
      if not f then
        stderr:write(PROG, ": cannot open ", err or name, "\n")
        ok = false
      else
        fn(f, name)
        f:close()
      end
    end
  end
  return ok
end

local function read_all(stream, name, stderr)
  local text, err = stream:read("a")
  if not text then
    stderr:write(PROG, ": cannot read ", name, ": ", tostring(err), "\n")
  end
  return text
end

local function run_text(whosaid, files, stdin, stdout, stderr)
  local status = 0
  local several = #files > 1
  local first = true
  local opened = each_input(files, stdin, stderr, function(stream, name)
    local text = read_all(stream, name, stderr)
    if not text then status = 1; return end
    if several then
      stdout:write(first and "" or "\n", "== ", name == "-" and "(stdin)" or name, "\n")
    end
    first = false
    local ok, quotes = pcall(whosaid.extract, text)
    if not ok then
      stderr:write(PROG, ": ", name, ": ", tostring(quotes), "\n")
      status = 1
      return
    end
    stdout:write(format_quotes(quotes))
    flush(stdout)
  end)
  if not opened then status = 1 end
  return status
end

local function line_error(id, n, what)
  return json_object({ "id", "line", "error" }, {
    id = json_value(id),
    line = json_number(n),
    error = cjson.encode(string.format("line %d: %s", n, what)),
  })
end

-- One output line for input line number n, and whether it was good.
local function jsonl_record(whosaid, line, n)
  local ok, doc = pcall(cjson.decode, line)
  if not ok then
    return line_error(nil, n, "not valid JSON (" .. tostring(doc) .. ")"), false
  end
  if type(doc) ~= "table" or doc[1] ~= nil then
    local what = type(doc) == "table" and "an array" or doc == cjson.null and "null"
      or "a " .. type(doc)
    return line_error(nil, n, "expected a JSON object, got " .. what), false
  end
  local id = doc.id
  if doc.text == nil or doc.text == cjson.null then
    return line_error(id, n, 'missing "text"'), false
  end
  if type(doc.text) ~= "string" then
    return line_error(id, n, '"text" must be a string, not ' .. type(doc.text)), false
  end
  local okx, quotes = pcall(whosaid.extract, doc.text)
  if not okx then
    return line_error(id, n, "extract failed: " .. tostring(quotes)), false
  end
  return json_object({ "id", "quotes" }, {
    id = json_value(id),
    quotes = json_array(quotes, json_quote),
  }), true
end

local function run_jsonl(whosaid, files, stdin, stdout, stderr)
  local status = 0
  local opened = each_input(files, stdin, stderr, function(stream, name)
    local n = 0
    while true do
      local line, err = stream:read("l")
      if not line then
        if err then
          stderr:write(PROG, ": cannot read ", name, ": ", tostring(err), "\n")
          status = 1
        end
        break
      end
      n = n + 1
      line = line:gsub("\r$", "")
      if line:find("%S") then
        local record, good = jsonl_record(whosaid, line, n)
        if not good then status = 1 end
        stdout:write(record, "\n")
        flush(stdout)
      end
    end
  end)
  if not opened then status = 1 end
  return status
end

local function load_whosaid(stderr)
  local ok, mod = pcall(require, "whosaid")
  if not ok then
    stderr:write(PROG, ": cannot load the whosaid module (run `make` in a checkout): ",
      tostring(mod), "\n")
    return nil
  end
  return mod
end

function M.main(args, stdin, stdout, stderr)
  stdin, stdout, stderr = stdin or io.stdin, stdout or io.stdout, stderr or io.stderr
  local opts, files = parse_args(args or {})
  if not opts then
    stderr:write(PROG, ": ", files, "\n", "Try 'whosaid --help'.\n")
    return 2
  end
  if opts.help then
    stdout:write(M.usage)
    return 0
  end
  local whosaid = load_whosaid(stderr)
  if not whosaid then return 1 end
  if opts.version then
    stdout:write(PROG, " ", tostring(whosaid.version), "\n")
    return 0
  end
  if opts.mode == "jsonl" then
    return run_jsonl(whosaid, files, stdin, stdout, stderr)
  end
  return run_text(whosaid, files, stdin, stdout, stderr)
end

return M
