--- whosaid: find the direct quotes in news text and who said them.
--
--     local whosaid = require "whosaid"
--     for _, q in ipairs(whosaid.extract(text)) do
--       print(q.speaker, q.kind, q.text)
--     end
--
-- Every quote is a table with the fields `text, start, stop, kind, speaker,
-- mention, cue, via, rule, confidence, paragraph, group` (and `members` for a
-- group speaker); `text:sub(q.start, q.stop) == q.text`. For HTML input
-- (`whosaid.extract_html`, `whosaid.new{ html = true }`) `start`, `stop` are
-- offsets into the HTML (`html:sub(q.start, q.stop)` is the HTML source of
-- the quote, tags and character references included), `text` is the visible
-- text, and `vstart`, `vstop` place it in the visible text.
-- @module whosaid
local core = require "whosaid.core"

local whosaid = {}

--- The version of the library, a string such as "0.1.0".
whosaid.version = core.version

-- The extractors behind whosaid.extract and whosaid.extract_html (and their
-- _json forms).  They are never handed out, so no script can change what
-- another script's whosaid.extract finds.
local default, default_html

-- The default extractor for plain text or HTML, made at first use, after
-- the check of the argument of the function name (raised at its caller).
local function default_for(html, arg, name)
  if type(arg) ~= "string" then
    error(("bad argument #1 to '%s' (string expected, got %s)"):format(name, type(arg)), 3)
  end
  if html then
    default_html = default_html or core.new{ html = true }
    return default_html
  end
  default = default or core.new()
  return default
end

--- Finds the quotes of a text with the built-in lexicons.
-- @tparam string text news text, UTF-8
-- @treturn {table,...} the quotes in text order
function whosaid.extract(text)
  return default_for(false, text, "extract"):extract(text)
end

--- Finds the quotes of an HTML document (or fragment) with the built-in
-- lexicons: the quotes of its visible text, with offsets into the HTML.
-- The same as `whosaid.new{ html = true }:extract(html)`.
-- @tparam string html HTML, UTF-8
-- @treturn {table,...} the quotes in text order: `text` is the visible
--   (decoded) text of the quote, `html:sub(q.start, q.stop)` its HTML source;
--   `vstart`, `vstop` (and `mention.vstart` ...) place it in the visible text
-- @treturn string the visible text: `visible:sub(q.vstart, q.vstop) == q.text`
function whosaid.extract_html(html)
  return default_for(true, html, "extract_html"):extract(html)
end

--- The quotes `whosaid.extract` (or, for HTML, `whosaid.extract_html`)
-- finds, as JSON: the array of quote objects that `bin/whosaid --jsonl`
-- writes (0-based, end-exclusive byte offsets; see README.md), written in C
-- with no Lua tables in between, the fast way to export quotes.
-- @tparam string text news text, UTF-8 (HTML when `html` is true: offsets
--   into the HTML, "text" the visible text)
-- @tparam[opt] boolean html
-- @treturn string a JSON array
function whosaid.extract_json(text, html)
  return default_for(html, text, "extract_json"):extract_json(text)
end

--- Makes an extractor with its own lexicons, speakers, rules and callbacks.
-- Every extractor is independent of every other and of `whosaid.extract`.
-- Unknown keys and values of the wrong type raise an error naming the key.
-- @tparam[opt] table opts
--   `max_input` (positive integer, bytes; default 64 MiB: longer texts raise),
--   `strict_utf8` (boolean: raise at the first invalid UTF-8 byte),
--   `match_limit` (positive integer: PCRE2's match limit for every rule match,
--   default 1000000), `depth_limit` (positive integer: PCRE2's depth limit,
--   default 100000; the JIT ignores it), `html` (boolean: the texts are
--   HTML; see `whosaid.extract_html` for what the quotes then hold)
-- @treturn Extractor a `whosaid.core` userdata; its C memory is freed when it
--   is collected, or at once by `local ex <close> = whosaid.new()`
-- @usage local ex = whosaid.new{ match_limit = 100000 }
function whosaid.new(opts)
  if opts ~= nil and type(opts) ~= "table" then
    error(("bad argument #1 to 'new' (table expected, got %s)"):format(type(opts)), 2)
  end
  return core.new(opts)
end

--- Extractor methods (implemented in C, csrc/lwhosaid.c).
-- Every method but `extract` returns the extractor, so calls chain.  Errors
-- are raised at the caller's line and name the argument or key at fault.
-- @type Extractor

--- Adds reporting verbs or phrases ("hailed", "made clear").
-- @function Extractor:add_cue
-- @tparam string|{string,...} words a word or phrase, or a list of them
-- @treturn Extractor self

--- Adds news agencies or state media ("KCNA"): a quote they relay gets them
-- as `via`, not as its speaker.
-- @function Extractor:add_medium
-- @tparam string|{string,...} names a name or a list of names
-- @treturn Extractor self

--- Adds a known speaker.  Where a name in the text reads as `name` or one of
-- the `aliases` (letter for letter and case included, but a hyphen and a
-- space stand for each other, "Kim Jong Un" for "Kim Jong-un", and a leading
-- "the " may be left out), its quotes carry `name` as their speaker, and "he"
-- or "she" can stand for it by `gender`.  The first speaker added wins where
-- two share a name.
-- @function Extractor:add_speaker
-- @tparam table speaker `name` (non-empty string, required), `aliases` (array
--   of non-empty strings), `kind` ("person", the default, "org" or "medium"),
--   `gender` ("male" or "female"); any other key raises an error
-- @treturn Extractor self
-- @usage ex:add_speaker{ name = "Kim Jong Un", aliases = { "Kim" }, gender = "male" }

--- Adds an attribution rule: a PCRE2 pattern, compiled once (JIT when
-- available), matched before the built-in sieves, rule by rule in the order
-- added, on the sentence or sentences of each quote (the quote's own words
-- included).  The first rule that matches and names a speaker attributes the
-- quote: the named group `speaker` (the canonical name when a known name is
-- there, else the text matched), or the rule's fixed `speaker`; the groups
-- `cue` and `via` give those fields; `q.rule` is the rule's name and
-- `q.confidence` 0.9.  An invalid pattern raises
-- "rule '<name>': <PCRE2's message> at offset <n>"; a rule that hits the match
-- or depth limit during `extract` raises "whosaid: rule '<name>': <message>".
-- @function Extractor:add_rule
-- @tparam table rule `name` (non-empty string, unique in the extractor),
--   `pattern` (non-empty string, PCRE2 syntax, UTF-8 with Unicode properties),
--   `speaker` (optional non-empty string: a fixed speaker); a pattern needs a
--   `(?<speaker>...)` group unless `speaker` is given
-- @treturn Extractor self
-- @usage ex:add_rule{ name = "kcna-quoted",
--   pattern = [[(?<via>KCNA) quoted (?<speaker>\p{Lu}\w+(?: \p{Lu}\w+)*) as saying]] }

--- Adds a callback that sees every quote `extract` finds, in text order,
-- once the C core is done with the text (no C memory is held while it runs).
-- Callbacks run in the order added; each gets the quote the previous one
-- returned.  A callback returns the quote (changed or not, or another table)
-- to keep it, or nil to drop it -- so a callback that forgets to return drops
-- every quote; any other value raises an error.  An error in a callback
-- reaches the caller of `extract` as it was raised.
-- @function Extractor:on_quote
-- @tparam function fn `fn(q, text)`; for an HTML extractor `fn(q, html,
--   visible)`, with the visible text
-- @treturn Extractor self
-- @usage ex:on_quote(function(q) if q.kind ~= "scare" then return q end end)

--- Finds the quotes of a text with this extractor's lexicons, speakers,
-- rules and callbacks.
-- @function Extractor:extract
-- @tparam string text news text, UTF-8 (HTML for an extractor made with
--   `html = true`)
-- @treturn {table,...} the quotes in text order, the same tables as
--   `whosaid.extract` returns (less those a callback dropped)
-- @treturn[opt] string for an HTML extractor only: the visible text, as
--   `whosaid.extract_html` returns it

--- Finds the quotes of a text with this extractor and returns them as the
-- JSON array `bin/whosaid --jsonl` writes, built in C with no quote tables.
-- An extractor with `on_quote` callbacks raises an error: they need tables.
-- @function Extractor:extract_json
-- @tparam string text as for `extract`
-- @treturn string a JSON array of quote objects

--- Functions.
-- @section functions

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

--- Aligns the quotes of two documents (two outlets' versions of a story):
-- quotes of the same speaker are paired and each pair is `identical`,
-- `punctuation` (same words), `fragment` (one is part of the other) or
-- `altered` (with a word diff); the quotes only one side has are listed.
-- See lua/whosaid/compare.lua for the matching of speaker names.
-- @tparam {table,...} quotes_a as returned by extract
-- @tparam {table,...} quotes_b as returned by extract
-- @tparam[opt] table opts `min_similarity` (0..1, default 0.5), `scare`
--   (boolean: compare scare quotes too)
-- @treturn table `{pairs = {{a=, b=, speaker=, speaker_b=, match=,
--   similarity=, fragment=, diff={{op=, text=},...}},...}, only_a = {...},
--   only_b = {...}, counts = {...}}`
function whosaid.compare(quotes_a, quotes_b, opts)
  return require("whosaid.compare").compare(quotes_a, quotes_b, opts)
end

return whosaid
