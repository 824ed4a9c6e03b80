--- whosaid.html: the review page of `whosaid --format html`.
--
--     local page = require("whosaid.html").page({
--       { name = "a.txt", text = text, quotes = whosaid.extract(text) }, ... })
--
-- One self-contained HTML document (inline CSS, no script, no external
-- asset, nothing fetched): each article with its quotes highlighted in the
-- colour of their speaker (a group speaker in its members' colours), the
-- speaker's mention underlined and the cue dotted, the speaker, cue, channel,
-- kind and confidence on hover (the `title` attribute), and a side list of
-- the speakers with their number of quotes. Everything taken from the input
-- is HTML-escaped.
--
-- Marks carry data attributes for scripts and tests: `<mark class="q"
-- data-speaker= data-kind= data-cue= data-via= data-doc= data-start=
-- data-end=>` (0-based, end-exclusive byte offsets, as in the JSONL output);
-- for an HTML document, `text` is its visible text, the quotes are placed
-- in it by their `vstart`, `vstop` (whosaid.extract_html), and data-start,
-- data-end still point into the HTML source;
-- the legend is `<ul id="speakers">` of `<li class="speaker"
-- data-speaker= data-count=>`.
-- @module whosaid.html

local compare = require "whosaid.compare"

local M = {}

local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

--- HTML-escapes a string (for text and attribute values alike). Bytes that
-- are not valid UTF-8 become U+FFFD.
function M.escape(s)
  s = tostring(s)
  if not utf8.len(s) then
    local out, i = {}, 1
    while i <= #s do
      if utf8.len(s, i, i) then
        local nxt = utf8.offset(s, 2, i) or #s + 1
        out[#out + 1] = s:sub(i, nxt - 1)
        i = nxt
      else
        out[#out + 1] = "\239\191\189"
        i = i + 1
      end
    end
    s = table.concat(out)
  end
  return (s:gsub("[&<>\"']", ESC))
end
local esc = M.escape

-- Distinct hues for the first speakers, then the golden angle.
local HUES = { 42, 205, 120, 340, 265, 18, 175, 300, 60, 225, 0, 150 }

local function hue(i)
  return HUES[i] or math.floor((i * 137.508) % 360)
end

-- (the second round of hues is darker, to tell it from the first)
local function bg(i) return ("hsl(%d 90%% %d%%)"):format(hue(i), i > 8 and 74 or 82) end
local function ink(i) return ("hsl(%d 65%% 32%%)"):format(hue(i)) end

local CSS = [[
:root { --paper: #fbfaf7; --ink: #1f2328; --muted: #6b7280; --rule: #e5e1d8; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 16px/1.6 "DejaVu Serif", Georgia, "Times New Roman", serif; }
header.top { padding: 18px 28px 14px; border-bottom: 1px solid var(--rule); background: #fff;
  font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
header.top h1 { margin: 0; font-size: 20px; letter-spacing: .02em; }
header.top h1 span { color: var(--muted); font-weight: normal; }
header.top p { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
.layout { display: flex; align-items: flex-start; gap: 28px; padding: 22px 28px; }
aside.side { flex: 0 0 250px; position: sticky; top: 16px; max-height: calc(100vh - 32px);
  overflow: auto; background: #fff; border: 1px solid var(--rule); border-radius: 8px;
  padding: 14px 16px; font: 14px/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
aside.side h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .08em;
  color: var(--muted); margin: 4px 0 8px; }
aside.side h2 + ul, aside.side h2 + ol { margin-bottom: 16px; }
aside.side ul, aside.side ol { list-style: none; margin: 0; padding: 0; }
li.speaker { display: flex; align-items: center; gap: 8px; padding: 3px 4px; border-radius: 4px; }
li.speaker:hover { background: #f3f1ec; }
li.speaker .name { flex: 1; overflow-wrap: anywhere; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 12px;
  background: #f3f1ec; border-radius: 9px; padding: 0 7px; }
.swatch { flex: 0 0 14px; height: 14px; border-radius: 3px; border: 1px solid rgba(0,0,0,.15); }
.swatch.none { background: repeating-linear-gradient(135deg, #e5e7eb 0 3px, #fff 3px 6px); }
.swatch.scare { background: #fff; border: 1px dashed #9ca3af; }
aside.side ol li { padding: 3px 4px; display: flex; align-items: baseline; gap: 8px; }
aside.side ol a { flex: 1; color: var(--ink); text-decoration: none; overflow-wrap: anywhere; }
aside.side ol a:hover { text-decoration: underline; }
main { flex: 1; min-width: 0; max-width: 860px; }
article { background: #fff; border: 1px solid var(--rule); border-radius: 8px;
  padding: 18px 26px 22px; margin-bottom: 22px; }
article h2 { margin: 0; font: 600 15px/1.4 "DejaVu Sans Mono", Menlo, monospace; overflow-wrap: anywhere; }
article .meta { margin: 2px 0 12px; color: var(--muted);
  font: 13px/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark.q { color: inherit; border-radius: 3px; padding: 1px 0; box-decoration-break: clone;
  -webkit-box-decoration-break: clone; cursor: help; }
mark.q.none { background: repeating-linear-gradient(135deg, #eceef1 0 4px, #f8f9fa 4px 8px);
  outline: 1px solid #d1d5db; }
mark.q.scare, .sample.scare { background: transparent; border-bottom: 1px dashed #9ca3af;
  border-radius: 0; }
.sample { border-radius: 3px; padding: 1px 2px; }
mark.q.partial { font-style: italic; }
.who { border-bottom: 2px solid; font-weight: 600; }
.cue { text-decoration: underline dotted 2px; text-underline-offset: 3px; }
footer { color: var(--muted); font: 12px "DejaVu Sans", Arial, sans-serif; padding: 0 28px 24px; }
.key { display: inline-flex; gap: 14px; flex-wrap: wrap; margin-top: 6px; }
.key span { white-space: nowrap; }
]]

-- The names a quote counts for (its members, or its speaker).
local function names_of(q)
  if type(q.members) == "table" and #q.members > 0 then return q.members end
  if type(q.speaker) == "string" then return { q.speaker } end
  return {}
end

-- A speaker index over all documents: spellings of one canonical name (as
-- speaker_key sees them) share one colour and one legend entry.
local function index_speakers(docs)
  local by_key, list = {}, {}
  local none, scare = 0, 0
  local function entry(name)
    local key = compare.speaker_key(name)
    local e = by_key[key]
    if not e then
      e = { name = name, key = key, count = 0, first = #list + 1 }
      by_key[key] = e
      list[#list + 1] = e
    end
    return e
  end
  for _, doc in ipairs(docs) do
    for _, q in ipairs(doc.quotes) do
      local names = names_of(q)
      if q.kind == "scare" and #names == 0 then
        scare = scare + 1
      elseif #names == 0 then
        none = none + 1
      end
      for _, n in ipairs(names) do
        local e = entry(n)
        e.count = e.count + 1
      end
    end
  end
  table.sort(list, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.first < b.first
  end)
  for i, e in ipairs(list) do e.index = i end
  return by_key, list, none, scare
end

-- The CSS background of a quote of these speaker entries.
local function background(entries)
  if #entries <= 1 then return nil end -- the class sN does it
  local stops, w = {}, 8
  for k, e in ipairs(entries) do
    stops[#stops + 1] = ("%s %dpx %dpx"):format(bg(e.index), (k - 1) * w, k * w)
  end
  return ("background: repeating-linear-gradient(135deg, %s)"):format(table.concat(stops, ", "))
end

local function attrs(t)
  local out = {}
  for _, kv in ipairs(t) do
    if kv[2] ~= nil then out[#out + 1] = ('%s="%s"'):format(kv[1], esc(kv[2])) end
  end
  return table.concat(out, " ")
end

local function tip(q)
  local parts = { q.speaker or (q.kind == "scare" and "scare quote" or "unattributed") }
  if q.cue and q.cue.text then parts[#parts + 1] = "cue: " .. q.cue.text end
  if q.via then parts[#parts + 1] = "via " .. q.via end
  parts[#parts + 1] = q.kind
  if q.confidence then parts[#parts + 1] = ("confidence %.2f"):format(q.confidence) end
  return table.concat(parts, " · ")
end

-- The text of one document with its spans marked: quotes, mentions, cues.
local function render_text(doc, docno, by_key)
  local text = doc.text
  local spans = {}
  local seen = {}
  local function add(start, stop, open, close, prio)
    if type(start) ~= "number" or type(stop) ~= "number" then return end
    if start < 1 or stop > #text or stop < start then return end
    local k = start .. ":" .. stop .. ":" .. prio
    if seen[k] then return end
    seen[k] = true
    spans[#spans + 1] = { start = start, stop = stop, open = open, close = close, prio = prio }
  end
  -- where a span is in doc.text: the visible offsets of an HTML document
  local function place(s)
    if s.vstart then return s.vstart, s.vstop end
    return s.start, s.stop
  end
  for _, q in ipairs(doc.quotes) do
    local entries = {}
    for _, n in ipairs(names_of(q)) do entries[#entries + 1] = by_key[compare.speaker_key(n)] end
    local classes = { "q", q.kind or "direct" }
    if #entries == 1 then classes[#classes + 1] = "s" .. entries[1].index end
    if #entries == 0 and q.kind ~= "scare" then classes[#classes + 1] = "none" end
    if #entries > 1 then classes[#classes + 1] = "group" end
    local open = "<mark " .. attrs({
      { "class", table.concat(classes, " ") },
      { "style", background(entries) },
      { "title", tip(q) },
      { "data-doc", tostring(docno) },
      { "data-speaker", q.speaker },
      { "data-kind", q.kind },
      { "data-cue", q.cue and q.cue.text },
      { "data-via", q.via },
      { "data-start", tostring(q.start - 1) },
      { "data-end", tostring(q.stop) },
    }) .. ">"
    local qs, qe = place(q)
    add(qs, qe, open, "</mark>", 1)
    local color = #entries == 1 and ("border-color: " .. ink(entries[1].index)) or nil
    if q.mention and q.speaker then
      local ms, me = place(q.mention)
      add(ms, me, "<span " .. attrs({
        { "class", "who" }, { "style", color }, { "title", "speaker: " .. q.speaker },
      }) .. ">", "</span>", 2)
    end
    if q.cue then
      local cs, ce = place(q.cue)
      add(cs, ce, "<span " .. attrs({
        { "class", "cue" }, { "title", "cue" .. (q.speaker and " of " .. q.speaker or "") },
      }) .. ">", "</span>", 3)
    end
  end
  table.sort(spans, function(a, b)
    if a.start ~= b.start then return a.start < b.start end
    if a.stop ~= b.stop then return a.stop > b.stop end
    return a.prio < b.prio
  end)
  local out, pos, stack = {}, 1, {}
  local function emit_to(p)
    if p > pos then
      out[#out + 1] = esc(text:sub(pos, p - 1))
      pos = p
    end
  end
  local function close_before(p)
    while #stack > 0 and stack[#stack].stop < p do
      local s = table.remove(stack)
      emit_to(s.stop + 1)
      out[#out + 1] = s.close
    end
  end
  for _, s in ipairs(spans) do
    close_before(s.start)
    local top = stack[#stack]
    if s.start >= pos and not (top and s.stop > top.stop) then
      emit_to(s.start)
      out[#out + 1] = s.open
      stack[#stack + 1] = s
    end
  end
  close_before(math.huge)
  emit_to(#text + 1)
  return table.concat(out)
end

local function basename(name)
  return name:match("([^/]+)/*$") or name
end

local function plural(n, word)
  return ("%d %s%s"):format(n, word, n == 1 and "" or "s")
end

--- The review page of some documents.
-- @tparam {table,...} docs `{name = string, text = string, quotes = {...}}`
-- @tparam[opt] table opts `title` (the page title)
-- @treturn string the HTML document
function M.page(docs, opts)
  opts = opts or {}
  local by_key, list, none, scare = index_speakers(docs)
  local nquotes = 0
  for _, d in ipairs(docs) do nquotes = nquotes + #d.quotes end
  local title = opts.title or "whosaid review"

  local o = {}
  local function w(...) for i = 1, select("#", ...) do o[#o + 1] = select(i, ...) end end
  w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    '<meta name="generator" content="whosaid">\n',
    "<title>", esc(title), "</title>\n<style>\n", CSS)
  for _, e in ipairs(list) do
    w((".s%d { background: %s; } .swatch.s%d { background: %s; }\n"):format(
      e.index, bg(e.index), e.index, bg(e.index)))
  end
  w("</style>\n</head>\n<body>\n")
  w('<header class="top"><h1>whosaid <span>· who said what</span></h1><p>',
    esc(plural(nquotes, "quote")), " · ", esc(plural(#list, "speaker")), " · ",
    esc(plural(#docs, "article")), "</p></header>\n")
  w('<div class="layout">\n<aside class="side">\n<h2>Speakers</h2>\n<ul id="speakers">\n')
  for _, e in ipairs(list) do
    w("<li ", attrs({ { "class", "speaker" }, { "data-speaker", e.name },
      { "data-count", tostring(e.count) } }),
      '><span class="swatch s', tostring(e.index), '"></span><span class="name">',
      esc(e.name), '</span><span class="count">', tostring(e.count), "</span></li>\n")
  end
  if none > 0 then
    w('<li class="speaker unattributed" data-count="', tostring(none),
      '"><span class="swatch none"></span><span class="name">(unattributed)</span>',
      '<span class="count">', tostring(none), "</span></li>\n")
  end
  if scare > 0 then
    w('<li class="speaker scare" data-count="', tostring(scare),
      '"><span class="swatch scare"></span><span class="name">(scare quotes)</span>',
      '<span class="count">', tostring(scare), "</span></li>\n")
  end
  if #list == 0 and none == 0 and scare == 0 then w('<li class="empty">(no quotes)</li>\n') end
  w('</ul>\n<h2>Articles</h2>\n<ol id="articles">\n')
  for i, d in ipairs(docs) do
    w('<li><a href="#doc-', tostring(i), '" ', attrs({ { "title", d.name } }), ">",
      esc(basename(d.name)), '</a><span class="count">',
      tostring(#d.quotes), "</span></li>\n")
  end
  w("</ol>\n</aside>\n<main>\n")
  for i, d in ipairs(docs) do
    local speakers = {}
    local ns = 0
    for _, q in ipairs(d.quotes) do
      for _, n in ipairs(names_of(q)) do
        local k = compare.speaker_key(n)
        if not speakers[k] then speakers[k] = true; ns = ns + 1 end
      end
    end
    w('<article id="doc-', tostring(i), '" ', attrs({ { "data-name", d.name } }), ">\n<h2>",
      esc(basename(d.name)), '</h2>\n<p class="meta">', esc(plural(#d.quotes, "quote")), " · ",
      esc(plural(ns, "speaker")))
    if basename(d.name) ~= d.name then w(" · ", esc(d.name)) end
    if d.error then w(' · <strong class="error">', esc(d.error), "</strong>") end
    w('</p>\n<div class="text">', render_text(d, i, by_key), "</div>\n</article>\n")
  end
  if #docs == 0 then w("<p>(no articles)</p>\n") end
  w("</main>\n</div>\n")
  w('<footer><div class="key"><span><span class="sample" style="background: ', bg(1),
    '">highlight</span> a quote, in its speaker\'s colour (hover for speaker, cue and ',
    'channel)</span>',
    '<span><span class="who">underline</span> the speaker\'s mention</span>',
    '<span><span class="cue">dotted</span> the cue</span>',
    '<span><span class="sample scare">dashed</span> a scare quote</span>',
    '<span><em>italics</em> a partial quote</span></div></footer>\n')
  w("</body>\n</html>\n")
  return table.concat(o)
end

return M
