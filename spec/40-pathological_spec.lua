-- Pathological inputs: each must finish (how fast is the bench's business,
-- never timed here), hold the contract's invariants and give the quotes that
-- follow from the text. Every text here is made up for these specs.
local whosaid = require "whosaid"

-- make memcheck sets WHOSAID_SIZE_SCALE=0.1: the big inputs at a tenth of
-- their size take the same code paths at a bearable cost under valgrind.
local SCALE = tonumber(os.getenv("WHOSAID_SIZE_SCALE") or "") or 1
local MB = math.floor(1024 * 1024 * SCALE)
local function scaled(n) return math.max(1, math.floor(n * SCALE)) end

-- Whether byte index p (1-based; #s + 1 is the end) starts a character: no
-- well-formed UTF-8 sequence that starts before p runs over it. Bytes of
-- ill-formed sequences are characters of their own.
local function boundary(s, p)
  for k = 1, 3 do
    local j = p - k
    if j < 1 then break end
    local b = s:byte(j)
    if b < 0x80 then break end
    if b >= 0xC0 then
      local ok, cp = pcall(utf8.codepoint, s, j)
      if ok and j + #utf8.char(cp) > p then return false end
      break
    end
  end
  return true
end

local function span_ok(text, sp)
  if sp == nil then return true end
  return sp.start >= 1 and sp.stop <= #text and sp.start <= sp.stop + 1
    and text:sub(sp.start, sp.stop) == sp.text
end

-- The contract's invariants; returns the quotes.
local function extract(text)
  local quotes = whosaid.extract(text)
  local prev_stop = 0
  for i, q in ipairs(quotes) do
    local where = ("quote %d (%d..%d)"):format(i, q.start, q.stop)
    assert(q.start >= 1 and q.stop <= #text and q.start <= q.stop + 1, where .. ": outside the text")
    assert(text:sub(q.start, q.stop) == q.text, where .. ": text:sub(start, stop) ~= text")
    assert(boundary(text, q.start) and boundary(text, q.stop + 1),
      where .. ": not on character boundaries")
    assert(q.start > prev_stop + 1, where .. ": overlaps or precedes the quote before")
    assert(span_ok(text, q.mention) and span_ok(text, q.cue), where .. ": mention or cue outside")
    prev_stop = q.stop
  end
  return quotes
end

-- Extracts twice: the result is a pure function of the input.
local function extract_twice(text)
  local a = extract(text)
  assert.are.same(a, whosaid.extract(text))
  return a
end

describe("pathological input", function()
  it("1 MB of straight double quotes makes no quote", function()
    local text = ('"'):rep(MB)
    assert.are.equal(0, #extract_twice(text))
  end)

  it("1 MB of alternating “‘ makes no quote", function()
    local text = ("“‘"):rep(MB // 6)
    assert.are.equal(0, #extract_twice(text))
  end)

  -- Wire copy run together, with unbalanced marks at both ends: an opening
  -- mark of another style than the quotes' that nobody closed (which once
  -- hid every later quote), a stray one of their own style, and a closing
  -- mark that opened nothing (which once paired with the stray one across
  -- the whole text).
  it("10 MB without a newline is one paragraph with every quote in it", function()
    local head = "“Nobody will close this one, the clerk wrote. Ruiz came late and \"left. "
    local prose = ("The council met on Monday and talked about the bridge. "):rep(9)
    local unit = prose .. '"We are ready," Ana Ruiz said. '
    local n = (10 * MB) // #unit + 1
    local text = head .. unit:rep(n) .. "The new fence is 6'2\" high."
    assert.is_true(#text >= 10 * MB and not text:find("\n"))
    local quotes = extract_twice(text)
    assert.are.equal(n + 1, #quotes)
    assert.are.equal("Nobody will close this one, the clerk wrote.", quotes[1].text)
    assert.are.equal(4, quotes[1].start)
    for i = 2, n + 1 do
      local q = quotes[i]
      assert.are.equal("We are ready,", q.text)
      assert.are.equal(#head + (i - 2) * #unit + #prose + 2, q.start)
      assert.are.equal("Ana Ruiz", q.speaker)
      assert.are.equal(1, q.paragraph)
    end
  end)

  it("a paragraph of 100,000 sentences keeps its quotes at both ends", function()
    local text = '"We start," she said. ' .. ("Officials met on Monday. "):rep(scaled(100000))
      .. '"We end," she said.'
    local quotes = extract_twice(text)
    assert.are.equal(2, #quotes)
    assert.are.equal("We start,", quotes[1].text)
    assert.are.equal("We end,", quotes[2].text)
    assert.are.equal(1, quotes[2].paragraph)
  end)

  it("a paragraph of 100,000 sentences with an unclosed mark early keeps every quote", function()
    local said = { "Lena Ost", "Tomas Berg", "Ana Ruiz" }
    local parts = { "Lena Ost spoke first. The plan, she said, was “to wait and see. " }
    local m = scaled(1000)
    for k = 1, m do
      parts[#parts + 1] = ("Officials met on Monday. "):rep(99)
      parts[#parts + 1] = ('"Item %d is settled," %s said. '):format(k, said[k % 3 + 1])
    end
    local text = table.concat(parts)
    assert.is_nil(text:find("\n"))
    local quotes = extract_twice(text)
    assert.are.equal(m + 1, #quotes)
    assert.are.equal("to wait and see.", quotes[1].text)
    for k = 1, m do
      assert.are.equal(("Item %d is settled,"):format(k), quotes[k + 1].text)
      assert.are.equal(said[k % 3 + 1], quotes[k + 1].speaker)
    end
  end)

  it("processes invalid UTF-8 and overlong sequences, and strict_utf8 rejects them", function()
    local unit = '"Bad \xC0\xAF bytes \xE0\x80\xAF here," said Tom. \xFF\xFE\xF8\x88\x80\x80\x80 \xED\xA0\x80 \xE2\x80 '
    local n = scaled(20000)
    local text = unit:rep(n)
    local quotes = extract_twice(text)
    assert.are.equal(n, #quotes)
    for i, q in ipairs(quotes) do
      assert.are.equal("Bad \xC0\xAF bytes \xE0\x80\xAF here,", q.text)
      assert.are.equal((i - 1) * #unit + 2, q.start)
    end
    assert.has_error(function() whosaid.new({ strict_utf8 = true }):extract(text) end,
      "whosaid: invalid UTF-8 at byte offset 5")
    -- an invalid byte next to a mark never opens or closes a quote
    assert.are.equal(0, #extract(('"\xFF"\xC0'):rep(scaled(50000))))
  end)

  it("treats NUL bytes as ordinary bytes", function()
    local unit = '"a\0b" said Ana.\0 '
    local n = scaled(50000)
    local text = unit:rep(n)
    local quotes = extract_twice(text)
    assert.are.equal(n, #quotes)
    for i, q in ipairs(quotes) do
      assert.are.equal("a\0b", q.text)
      assert.are.equal((i - 1) * #unit + 2, q.start)
    end
    assert.are.equal(0, #extract(("\0"):rep(MB)))
  end)

  it("a 10,000-deep nesting of marks is one quote", function()
    local inner = ("‘“"):rep(9999) .. "‘word" .. ("’”"):rep(9999) .. "’"
    local text = "“" .. inner .. "”"
    local quotes = extract_twice(text)
    -- no quote reaches further than QUOTE_REACH_TOKENS (segment.c): the
    -- marks nearest the word pair up, the outer ones close nothing
    assert.are.equal(1, #quotes)
    local depth = (#quotes[1].text - #"‘word’") // #"‘“’”"
    assert.is_true(depth > 100 and depth < 9999)
    assert.is_true(quotes[1].text == ("‘“"):rep(depth) .. "‘word" .. ("’”"):rep(depth) .. "’")
    -- left open, each mark is closed before the next of its style: the
    -- last one opens the one quote
    local open = ("“‘"):rep(10000) .. "word"
    quotes = extract_twice(open)
    assert.are.equal(1, #quotes)
    assert.are.equal("‘word", quotes[1].text)
    assert.are.equal(#open, quotes[1].stop)
    -- straight marks and guillemets, 10,000 deep each
    quotes = extract_twice(('"'):rep(10000) .. "word" .. ('"'):rep(10000))
    assert.are.equal(1, #quotes)
    assert.matches("word", quotes[1].text, 1, true)
    quotes = extract_twice(("« "):rep(10000) .. "word" .. (" »"):rep(10000))
    assert.are.equal(1, #quotes)
  end)

  it("text that is all apostrophes makes no quote", function()
    assert.are.equal(0, #extract_twice(("'"):rep(MB)))
    assert.are.equal(0, #extract_twice(("’"):rep(MB // 3)))
    assert.are.equal(0, #extract_twice(("' ’ '' ’’ ‘ "):rep(scaled(50000))))
  end)
end)
