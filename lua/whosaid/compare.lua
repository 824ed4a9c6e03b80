--- whosaid.compare: does a quote read the same in every outlet that ran it?
--
--     local compare = require "whosaid.compare"
--     local report = compare.compare(whosaid.extract(a), whosaid.extract(b))
--     for _, p in ipairs(report.pairs) do
--       print(p.speaker, p.match, p.a.text, p.b.text)
--     end
--
-- Quotes of the same speaker are aligned across the two lists. Each quote is
-- paired with its closest counterpart on the other side, when one is close
-- enough, and a pair is reported once even when both quotes chose each other
-- (so a quote the other outlet repeats, in a headline and in the body, pairs
-- with both repeats). A pair `match`es as
--
--   identical    the same text (whitespace aside)
--   punctuation  the same words, different punctuation or case
--   fragment     the words of one are a run of the other's (`fragment`
--                says which side, "a" or "b", is the shorter)
--   altered      neither, but similar enough (`similarity` >= min_similarity);
--                `diff` tells what changed, word by word
--
-- Quotes that pair with nothing are in `only_a` and `only_b`. Scare quotes
-- (titles, nicknames) are not speech and are left out unless opts.scare.
--
-- Speakers are matched by canonical name, written either way: case, hyphens,
-- periods, accents and a leading "the" aside ("Kim Jong-un" = "Kim Jong Un"),
-- a lone name matches the first or last word of a full one ("Putin" =
-- "Vladimir Putin", "Kim" = "Kim Jong Un"), and two full names match when
-- their first and last words do ("Donald J. Trump" = "Donald Trump"). A group
-- speaker (a quote with `members`) matches each of its members. A quote with
-- no speaker pairs only on its words: identical, punctuation, or a fragment of
-- three words or more.
-- @module whosaid.compare

local M = {}

---------------------------------------------------------------------------
-- Text normalisation (UTF-8; only Latin-1 letters are case-folded).

-- The lower-case letter of each UTF-8 sequence C3 80 .. C3 9E, and the base
-- letter of each C3 80 .. C3 BF (for names).
local LOWER, BASE = {}, {}
do
  local base = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty"
  for i = 0x80, 0xBF do
    local seq = "\195" .. string.char(i)
    if i <= 0x9E and i ~= 0x97 then LOWER[seq] = "\195" .. string.char(i + 0x20) end
    local b = base:sub(i - 0x7F, i - 0x7F)
    if b ~= "*" and b ~= "/" then BASE[seq] = b:lower() end
  end
  BASE["\195\159"] = "ss"
end

local function fold_case(s)
  return (s:lower():gsub("\195[\128-\158]", LOWER))
end

-- Unicode punctuation that may sit in or around a quoted word.
local UPUNCT = {
  "\226\128\152", "\226\128\153", "\226\128\154", "\226\128\155", -- ‘ ’ ‚ ‛
  "\226\128\156", "\226\128\157", "\226\128\158", "\226\128\159", -- “ ” „ ‟
  "\226\128\144", "\226\128\145", "\226\128\146", "\226\128\147", "\226\128\148", -- ‐ ‑ ‒ – —
  "\226\128\166", "\226\128\185", "\226\128\186", "\226\128\162", -- … ‹ › •
  "\194\171", "\194\187", "\194\183", "\194\191", "\194\161", -- « » · ¿ ¡
  "\202\188", -- ʼ
}

local function strip_punct(s)
  s = s:gsub("%p", "")
  for _, p in ipairs(UPUNCT) do
    if s:find(p, 1, true) then s = s:gsub(p, "") end
  end
  return s
end

--- The form of one word that the comparison sees: case and punctuation
-- removed ("Duty," -> "duty", "It’s" -> "its").
function M.normalize_word(w)
  return strip_punct(fold_case(w))
end

-- The words of a quote: { {orig = "duty,", norm = "duty"}, ... }. A token
-- with no letters or digits (a lone dash) joins the word before it.
local function words_of(text)
  local out = {}
  local pending
  for tok in text:gmatch("%S+") do
    local norm = M.normalize_word(tok)
    if norm == "" then
      if #out > 0 then
        out[#out].orig = out[#out].orig .. " " .. tok
      else
        pending = pending and pending .. " " .. tok or tok
      end
    else
      if pending then tok, pending = pending .. " " .. tok, nil end
      out[#out + 1] = { orig = tok, norm = norm }
    end
  end
  return out
end

local function squash(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

---------------------------------------------------------------------------
-- Speaker names.

--- The key a canonical name is matched by: lower case, no accents, hyphens
-- and underscores as spaces, no periods, no leading "the".
function M.speaker_key(name)
  if type(name) ~= "string" then return nil end
  local s = fold_case(name):gsub("\195[\128-\191]", BASE)
  s = s:gsub("\226\128[\144-\149]", " "):gsub("[%-_]", " "):gsub("[%.,]", "")
  s = squash(s):gsub("^the ", "")
  return s
end

local function key_words(key)
  local t = {}
  for w in key:gmatch("%S+") do t[#t + 1] = w end
  return t
end

--- Whether two canonical names name the same speaker (see the module notes).
function M.same_speaker(a, b)
  local ka, kb = M.speaker_key(a), M.speaker_key(b)
  if not ka or not kb or ka == "" or kb == "" then return false end
  if ka == kb then return true end
  local wa, wb = key_words(ka), key_words(kb)
  if #wa == 1 or #wb == 1 then
    local one, full = wa, wb
    if #wb == 1 then one, full = wb, wa end
    return one[1] == full[1] or one[1] == full[#full]
  end
  return wa[1] == wb[1] and wa[#wa] == wb[#wb]
end

-- The names a quote counts for: its members, or its speaker.
local function names_of(q)
  if type(q.members) == "table" and #q.members > 0 then return q.members end
  if type(q.speaker) == "string" then return { q.speaker } end
  return {}
end

-- The first pair of names, one of each quote, that match: name_a, name_b.
local function shared_speaker(qa, qb)
  for _, na in ipairs(names_of(qa)) do
    for _, nb in ipairs(names_of(qb)) do
      if M.same_speaker(na, nb) then return na, nb end
    end
  end
end

---------------------------------------------------------------------------
-- Word-level diff.

-- Longest common subsequence table of two arrays of words (by norm).
local function lcs_table(a, b)
  local n, m = #a, #b
  local L = {}
  for i = 1, n + 1 do
    local row = {}
    for j = 1, m + 1 do row[j] = 0 end
    L[i] = row
  end
  for i = n, 1, -1 do
    local row, next_row, ai = L[i], L[i + 1], a[i].norm
    for j = m, 1, -1 do
      if ai == b[j].norm then
        row[j] = next_row[j + 1] + 1
      else
        local x, y = next_row[j], row[j + 1]
        row[j] = x > y and x or y
      end
    end
  end
  return L
end

-- The diff of two word arrays: { {op = "=" | "-" | "+", text = "..."}, ... }
-- with runs of one op merged. Words equal but for punctuation or case are a
-- "-" and a "+" of their own, so that no difference is hidden.
local function diff_words(a, b)
  local L = lcs_table(a, b)
  local ops = {}
  local function push(op, word)
    local last = ops[#ops]
    if last and last.op == op then
      last.words[#last.words + 1] = word
    else
      ops[#ops + 1] = { op = op, words = { word } }
    end
  end
  local i, j = 1, 1
  while i <= #a or j <= #b do
    if i <= #a and j <= #b and a[i].norm == b[j].norm then
      if a[i].orig == b[j].orig then
        push("=", a[i].orig)
      else
        push("-", a[i].orig)
        push("+", b[j].orig)
      end
      i, j = i + 1, j + 1
    elseif j <= #b and (i > #a or L[i][j + 1] >= L[i + 1][j]) then
      push("+", b[j].orig)
      j = j + 1
    else
      push("-", a[i].orig)
      i = i + 1
    end
  end
  -- "- x + y - z + w" from adjacent punctuation changes reads better as
  -- "- x z + y w": regroup each run of changes into its removals then its
  -- additions.
  local merged = {}
  local k = 1
  while k <= #ops do
    if ops[k].op == "=" then
      merged[#merged + 1] = { op = "=", text = table.concat(ops[k].words, " ") }
      k = k + 1
    else
      local del, add = {}, {}
      while k <= #ops and ops[k].op ~= "=" do
        local into = ops[k].op == "-" and del or add
        for _, w in ipairs(ops[k].words) do into[#into + 1] = w end
        k = k + 1
      end
      if #del > 0 then merged[#merged + 1] = { op = "-", text = table.concat(del, " ") } end
      if #add > 0 then merged[#merged + 1] = { op = "+", text = table.concat(add, " ") } end
    end
  end
  return merged, L[1][1]
end

-- Whether the norms of `short` are a contiguous run of those of `long`.
local function is_run(short, long)
  if #short == 0 or #short >= #long then return false end
  for s = 1, #long - #short + 1 do
    local ok = true
    for k = 1, #short do
      if long[s + k - 1].norm ~= short[k].norm then ok = false; break end
    end
    if ok then return true end
  end
  return false
end

--- Compares two quote texts: a table {match, similarity, fragment, diff} or
-- nil when they are not alike enough (similarity below min_similarity).
-- @tparam string a
-- @tparam string b
-- @tparam[opt=0.5] number min_similarity
function M.compare_text(a, b, min_similarity)
  min_similarity = min_similarity or 0.5
  local wa, wb = words_of(a), words_of(b)
  local diff, common = diff_words(wa, wb)
  local total = #wa + #wb
  local similarity = total > 0 and 2 * common / total or (squash(a) == squash(b) and 1 or 0)
  local r = { similarity = similarity, diff = diff }
  if squash(a) == squash(b) then
    r.match = "identical"
  elseif #wa > 0 and common == #wa and common == #wb then
    r.match = "punctuation"
  elseif is_run(wa, wb) then
    r.match, r.fragment = "fragment", "a"
  elseif is_run(wb, wa) then
    r.match, r.fragment = "fragment", "b"
  elseif similarity >= min_similarity and common > 0 then
    r.match = "altered"
  else
    return nil
  end
  r.words = r.fragment == "a" and #wa or r.fragment == "b" and #wb or nil
  return r
end

-- How good a pair is, for choosing a quote's closest counterpart.
local function score(r)
  if r.match == "identical" then return 4 end
  if r.match == "punctuation" then return 3 end
  if r.match == "fragment" then return 0.5 + 0.5 * r.similarity end
  return r.similarity
end

---------------------------------------------------------------------------

local OPTIONS = { min_similarity = "number", scare = "boolean" }

local function check_quotes(list, argn)
  if type(list) ~= "table" then
    error(("bad argument #%d to 'compare' (table expected, got %s)"):format(argn, type(list)), 3)
  end
  for i, q in ipairs(list) do
    if type(q) ~= "table" or type(q.text) ~= "string" then
      error(("bad argument #%d to 'compare' (item %d is not a quote)"):format(argn, i), 3)
    end
  end
end

--- Aligns the quotes of two documents.
-- @tparam {table,...} quotes_a quotes of document A (as whosaid.extract gives)
-- @tparam {table,...} quotes_b quotes of document B
-- @tparam[opt] table opts `min_similarity` (0..1, default 0.5: how alike two
--   quotes must be to be `altered` rather than unrelated), `scare` (boolean:
--   compare scare quotes too)
-- @treturn table `{pairs = {pair,...}, only_a = {quote,...}, only_b =
--   {quote,...}, counts = {identical=, punctuation=, fragment=, altered=,
--   only_a=, only_b=, skipped_a=, skipped_b=}}`; a pair is `{a = quote, b =
--   quote, speaker = name (as A gives it) or nil, speaker_b = name (as B gives
--   it) or nil, match = ..., similarity = 0..1, fragment = "a" | "b" | nil,
--   diff = {{op = "=" | "-" | "+", text = "..."},...}}`, in the order of A's
--   quotes, then B's
function M.compare(quotes_a, quotes_b, opts)
  check_quotes(quotes_a, 1)
  check_quotes(quotes_b, 2)
  if opts ~= nil and type(opts) ~= "table" then
    error(("bad argument #3 to 'compare' (table expected, got %s)"):format(type(opts)), 2)
  end
  opts = opts or {}
  for k, v in pairs(opts) do
    if not OPTIONS[k] then
      error(("bad argument #3 to 'compare' (unknown option '%s')"):format(tostring(k)), 2)
    elseif type(v) ~= OPTIONS[k] then
      error(("bad argument #3 to 'compare' (option '%s' must be a %s)"):format(k, OPTIONS[k]), 2)
    end
  end
  local min_sim = opts.min_similarity or 0.5

  local counts = { identical = 0, punctuation = 0, fragment = 0, altered = 0,
    only_a = 0, only_b = 0, skipped_a = 0, skipped_b = 0 }
  local function usable(list, side)
    local out = {}
    for _, q in ipairs(list) do
      if q.kind == "scare" and not opts.scare then
        counts["skipped_" .. side] = counts["skipped_" .. side] + 1
      else
        out[#out + 1] = q
      end
    end
    return out
  end
  local A, B = usable(quotes_a, "a"), usable(quotes_b, "b")

  -- Every candidate pair, with its result.
  local cand = {}
  for i, qa in ipairs(A) do
    cand[i] = {}
    for j, qb in ipairs(B) do
      local na, nb = shared_speaker(qa, qb)
      local anonymous = #names_of(qa) == 0 or #names_of(qb) == 0
      if na or anonymous then
        local r = M.compare_text(qa.text, qb.text, min_sim)
        if r and anonymous then
          -- without a speaker to go by, only the words can tie two quotes
          if not (r.match == "identical" or r.match == "punctuation"
              or (r.match == "fragment" and r.words >= 3)) then
            r = nil
          end
        end
        if r then
          r.speaker_a, r.speaker_b = na, nb
          r.named = na ~= nil
          cand[i][j] = r
        end
      end
    end
  end

  local function better(r1, d1, r2, d2)
    if not r2 then return true end
    local s1, s2 = score(r1), score(r2)
    if s1 ~= s2 then return s1 > s2 end
    if r1.named ~= r2.named then return r1.named end
    return d1 < d2
  end

  local chosen = {} -- chosen[i][j] = true
  local function choose(i, j)
    chosen[i] = chosen[i] or {}
    chosen[i][j] = true
  end
  for i = 1, #A do
    local best, bj, bd
    for j = 1, #B do
      local r = cand[i][j]
      local d = math.abs(i / #A - j / #B)
      if r and better(r, d, best, bd) then best, bj, bd = r, j, d end
    end
    if best then choose(i, bj) end
  end
  for j = 1, #B do
    local best, bi, bd
    for i = 1, #A do
      local r = cand[i][j]
      local d = math.abs(i / #A - j / #B)
      if r and better(r, d, best, bd) then best, bi, bd = r, i, d end
    end
    if best then choose(bi, j) end
  end

  local report = { pairs = {}, only_a = {}, only_b = {}, counts = counts }
  local paired_b = {}
  for i, qa in ipairs(A) do
    local js = {}
    for j in pairs(chosen[i] or {}) do js[#js + 1] = j end
    table.sort(js)
    for _, j in ipairs(js) do
      local r = cand[i][j]
      paired_b[j] = true
      local speaker, speaker_b = r.speaker_a, r.speaker_b
      if not speaker and not speaker_b then
        speaker, speaker_b = qa.speaker, B[j].speaker
      end
      report.pairs[#report.pairs + 1] = {
        a = qa, b = B[j], speaker = speaker or speaker_b, speaker_b = speaker_b or speaker,
        match = r.match, similarity = r.similarity, fragment = r.fragment, diff = r.diff,
      }
      counts[r.match] = counts[r.match] + 1
    end
    if #js == 0 then report.only_a[#report.only_a + 1] = qa end
  end
  for j, qb in ipairs(B) do
    if not paired_b[j] then report.only_b[#report.only_b + 1] = qb end
  end
  counts.only_a, counts.only_b = #report.only_a, #report.only_b
  return report
end

--- A diff as one line: `fraternal [-duty.-] {+duty,+}` (wdiff's notation).
function M.diff_line(diff)
  local parts = {}
  for _, d in ipairs(diff or {}) do
    if d.op == "=" then parts[#parts + 1] = d.text
    elseif d.op == "-" then parts[#parts + 1] = "[-" .. d.text .. "-]"
    else parts[#parts + 1] = "{+" .. d.text .. "+}" end
  end
  return table.concat(parts, " ")
end

return M
