-- whosaid.formats: what the command-line tool (whosaid.cli) writes but for
-- --jsonl's records: the text, TSV and HTML outputs, `whosaid check`'s
-- reports, and the JSON of a quote table.  cli.main loads it for those
-- alone, and cli's fields that are not its own come from here (cli.json_quote,
-- cli.format_quotes, ...).

local cli = require "whosaid.cli"

local M = {}

local PROG, flush, each_input = cli.PROG, cli.flush, cli.each_input

local WIDTH = 78

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
  elseif t == "string" then
    -- most strings need no escape: quote them here, let cjson do the rest
    if not v:find('[%z\1-\31"\\/\127]') then return '"' .. v .. '"' end
    return cjson.encode(v)
  elseif t == "boolean" then return cjson.encode(v)
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

-- Spans and quotes are written piece by piece with their keys spelt out
-- once: this runs for every quote of a streamed archive.
local function json_span(s)
  if s == nil then return "null" end
  return '{"text":' .. json_value(s.text) .. ',"start":' .. json_number(s.start - 1)
    .. ',"end":' .. json_number(s.stop) .. "}"
end

local function json_quote(q)
  return table.concat({
    '{"text":', json_value(q.text),
    ',"start":', json_number(q.start - 1),
    ',"end":', json_number(q.stop),
    ',"kind":', json_value(q.kind),
    ',"speaker":', json_value(q.speaker),
    ',"mention":', json_span(q.mention),
    ',"cue":', json_span(q.cue),
    ',"via":', json_value(q.via),
    ',"rule":', json_value(q.rule),
    ',"confidence":', json_value(q.confidence),
    ',"paragraph":', json_value(q.paragraph),
    ',"group":', json_value(q.group),
    ',"members":', q.members and json_array(q.members, json_value) or "null",
    "}" })
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

local function read_all(stream, name, stderr)
  local text, err = stream:read("a")
  if not text then
    stderr:write(PROG, ": cannot read ", name, ": ", tostring(err), "\n")
  end
  return text
end

---------------------------------------------------------------------------
-- Progress on stderr.

local function is_terminal(stream)
  local t = stream.isatty
  if type(t) == "function" then return t(stream) == true end
  if t ~= nil then return t == true end
  if stream == io.stderr then
    -- the shell inherits our standard error
    return os.execute("test -t 2") == true
  end
  return false
end

-- A bar for `total` files, or nil when there is only one or stderr is no
-- terminal. bar:show(i, name) draws it; bar:clear() wipes it (before
-- anything goes to stdout, which may be the same terminal).
local function progress(stderr, total)
  if total < 2 or not is_terminal(stderr) then return nil end
  local bar = { width = 0 }
  function bar.show(_, i, name)
    local cells = 24
    local done = math.floor(cells * (i - 1) / total + 0.5)
    name = name == "-" and "(stdin)" or name
    if #name > 40 then name = "..." .. name:sub(-37) end
    local line = string.format("[%s%s] %d/%d %s", string.rep("#", done),
      string.rep("-", cells - done), i, total, name)
    local pad = math.max(0, bar.width - #line)
    stderr:write("\r", line, string.rep(" ", pad))
    bar.width = #line
    flush(stderr)
  end
  function bar.clear()
    if bar.width > 0 then
      stderr:write("\r", string.rep(" ", bar.width), "\r")
      bar.width = 0
      flush(stderr)
    end
  end
  return bar
end

---------------------------------------------------------------------------
-- TSV: one quote a row, tabs, newlines and backslashes escaped as \t, \n,
-- \r and \\ (the "text" convention of PostgreSQL's COPY and of most TSV
-- readers), offsets 0-based and end-exclusive like the JSONL.

local TSV_ESC = { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }

local function tsv_field(v)
  if v == nil then return "" end
  return (tostring(v):gsub("[\\\t\n\r]", TSV_ESC))
end

M.tsv_header = "document\tspeaker\tkind\tvia\tstart\tend\tquote\n"

local function tsv_rows(name, quotes)
  local out = {}
  for _, q in ipairs(quotes) do
    out[#out + 1] = table.concat({ tsv_field(name), tsv_field(q.speaker), tsv_field(q.kind),
      tsv_field(q.via), tostring(q.start - 1), tostring(q.stop), tsv_field(q.text) }, "\t")
  end
  return #out > 0 and table.concat(out, "\n") .. "\n" or ""
end

M.tsv_rows = tsv_rows

---------------------------------------------------------------------------

-- Reads and extracts every file, calling emit(name, text, quotes, visible)
-- for each (visible: the visible text of an HTML file, with --html); the
-- text, TSV and HTML outputs, and check.
local function each_document(whosaid, files, stdin, stderr, emit, html)
  local extract = html and whosaid.extract_html or whosaid.extract
  local status = 0
  local bar = progress(stderr, #files)
  local i = 0
  local opened = each_input(files, stdin, stderr, function(stream, name)
    i = i + 1
    if bar then bar:show(i, name) end
    local text = read_all(stream, name, stderr)
    if bar then bar:clear() end
    if not text then status = 1; return end
    local ok, quotes, visible = pcall(extract, text)
    if bar then bar:clear() end
    if not ok then
      stderr:write(PROG, ": ", name, ": ", tostring(quotes), "\n")
      status = 1
      return
    end
    emit(name, text, quotes, visible)
  end)
  if bar then bar:clear() end
  if not opened then status = 1 end
  return status
end

local function run_text(whosaid, files, stdin, stdout, stderr, html)
  local several = #files > 1
  local first = true
  return each_document(whosaid, files, stdin, stderr, function(name, _, quotes)
    if several then
      stdout:write(first and "" or "\n", "== ", name == "-" and "(stdin)" or name, "\n")
    end
    first = false
    stdout:write(format_quotes(quotes))
    flush(stdout)
  end, html)
end

local function run_tsv(whosaid, files, stdin, stdout, stderr, html)
  stdout:write(M.tsv_header)
  return each_document(whosaid, files, stdin, stderr, function(name, _, quotes)
    stdout:write(tsv_rows(name, quotes))
    flush(stdout)
  end, html)
end

local function run_html(whosaid, files, stdin, stdout, stderr, html)
  local docs = {}
  -- an HTML file shows its visible text (the quotes' vstart, vstop place them)
  local status = each_document(whosaid, files, stdin, stderr, function(name, text, quotes, visible)
    docs[#docs + 1] = { name = name == "-" and "(stdin)" or name, text = visible or text,
      quotes = quotes }
  end, html)
  local title = #docs == 1 and ("whosaid: " .. docs[1].name)
    or string.format("whosaid: %d articles", #docs)
  stdout:write(require("whosaid.html").page(docs, { title = title }))
  flush(stdout)
  return status
end

local RUN = { text = run_text, tsv = run_tsv, html = run_html }

-- Runs `whosaid --format MODE` (text, tsv or html) over the files.
function M.run(mode, whosaid, files, stdin, stdout, stderr, html)
  return RUN[mode](whosaid, files, stdin, stdout, stderr, html)
end

---------------------------------------------------------------------------
-- whosaid check

local function plural(n, word)
  return string.format("%d %s%s", n, word, n == 1 and "" or "s")
end

local function quoted(q)
  return "“" .. one_line(q.text or "") .. "”"
end

-- The report of one comparison, for people.
local function format_check(report, name_a, name_b, compare)
  local out = {}
  local function w(s) out[#out + 1] = s end
  w("== A: " .. name_a)
  w("   B: " .. name_b)
  -- pairs under one heading per speaker, in order of first appearance
  local headings = {}
  for _, p in ipairs(report.pairs) do
    local name = p.speaker or "(unattributed)"
    local h
    for _, x in ipairs(headings) do
      if x.name == name or (p.speaker and compare.same_speaker(x.name, name)) then h = x; break end
    end
    if not h then
      h = { name = name, pairs = {} }
      headings[#headings + 1] = h
    end
    h.pairs[#h.pairs + 1] = p
  end
  local pad = string.rep(" ", 16)
  local function side(label, q, heading)
    local line = string.format("%s ¶%-3d", label, q.paragraph or 0)
    local body = wrap(quoted(q), WIDTH - 24, pad .. "       ")
    local who = q.speaker or "unattributed"
    if q.members or not (q.speaker and heading == q.speaker) then
      body = body .. "  (" .. who .. ")"
    end
    return line .. " " .. body
  end
  for _, h in ipairs(headings) do
    w("")
    w(h.name)
    for _, p in ipairs(h.pairs) do
      local label = p.match
      if p.match == "fragment" then label = "fragment " .. (p.fragment == "a" and "A<B" or "B<A") end
      w(string.format("  %-13s %s", label, side("A", p.a, h.name)))
      w(pad .. side("B", p.b, h.name))
      if p.match ~= "identical" then
        w(pad .. "diff  " .. wrap(compare.diff_line(p.diff), WIDTH - 22, pad .. "      "))
      end
    end
  end
  for _, which in ipairs({ { "A", report.only_a }, { "B", report.only_b } }) do
    w("")
    w(string.format("Only in %s (%d)", which[1], #which[2]))
    for _, q in ipairs(which[2]) do
      w(string.format("  ¶%-3d %s", q.paragraph or 0, q.speaker or "(unattributed)"))
      w("       " .. wrap(quoted(q), WIDTH - 7, "        "))
    end
  end
  local c = report.counts
  local summary = string.format("-- %s: %d identical, %d punctuation, %d fragment, %d altered; "
    .. "%d only in A, %d only in B", plural(#report.pairs, "pair"), c.identical, c.punctuation,
    c.fragment, c.altered, c.only_a, c.only_b)
  if c.skipped_a + c.skipped_b > 0 then
    summary = summary .. string.format("\n-- scare quotes left out: %d in A, %d in B",
      c.skipped_a, c.skipped_b)
  end
  w("")
  w(summary)
  return table.concat(out, "\n") .. "\n"
end

M.format_check = format_check

local CHECK_KEYS = { "a", "b", "match", "speaker", "speaker_b", "similarity", "fragment",
  "quote_a", "quote_b", "diff" }

local function json_diff(diff)
  return json_array(diff, function(d)
    return "[" .. cjson.encode(d.op) .. "," .. json_value(d.text) .. "]"
  end)
end

-- The report of one comparison, one JSON line per pair and per lone quote.
local function check_jsonl(report, name_a, name_b)
  local out = {}
  for _, p in ipairs(report.pairs) do
    out[#out + 1] = json_object(CHECK_KEYS, {
      a = json_value(name_a), b = json_value(name_b), match = json_value(p.match),
      speaker = json_value(p.speaker), speaker_b = json_value(p.speaker_b),
      similarity = json_number(math.floor(p.similarity * 1000 + 0.5) / 1000),
      fragment = json_value(p.fragment), quote_a = json_quote(p.a), quote_b = json_quote(p.b),
      diff = json_diff(p.diff),
    })
  end
  for _, which in ipairs({ { "only_a", report.only_a }, { "only_b", report.only_b } }) do
    for _, q in ipairs(which[2]) do
      local a_side = which[1] == "only_a"
      out[#out + 1] = json_object(CHECK_KEYS, {
        a = json_value(name_a), b = json_value(name_b), match = json_value(which[1]),
        speaker = json_value(a_side and q.speaker or nil),
        speaker_b = json_value((not a_side) and q.speaker or nil),
        similarity = "null", fragment = "null",
        quote_a = a_side and json_quote(q) or "null",
        quote_b = a_side and "null" or json_quote(q),
        diff = "null",
      })
    end
  end
  return #out > 0 and table.concat(out, "\n") .. "\n" or ""
end

M.check_jsonl = check_jsonl

function M.run_check(whosaid, opts, files, stdin, stdout, stderr)
  if #files < 2 then
    stderr:write(PROG, ": check needs two files or more\n", "Try 'whosaid --help'.\n")
    return 2
  end
  local compare = require "whosaid.compare"
  local docs = {}
  local status = each_document(whosaid, files, stdin, stderr, function(name, _, quotes)
    docs[#docs + 1] = { name = name == "-" and "(stdin)" or name, quotes = quotes }
  end, opts.html)
  local copts = { scare = opts.scare, min_similarity = opts.min_similarity }
  local first = true
  for i = 1, #docs do
    for j = i + 1, #docs do
      local a, b = docs[i], docs[j]
      local report = compare.compare(a.quotes, b.quotes, copts)
      if opts.mode == "jsonl" then
        stdout:write(check_jsonl(report, a.name, b.name))
      else
        stdout:write(first and "" or "\n", format_check(report, a.name, b.name, compare))
      end
      first = false
      flush(stdout)
    end
  end
  return status
end

return M
