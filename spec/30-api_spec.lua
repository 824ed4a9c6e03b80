-- The Lua API: whosaid.extract, whosaid.new and its options, lexicon
-- extension, whosaid.speakers, and the errors bad arguments raise.
local whosaid = require "whosaid"

local STORY = 'Harbor chief Lena Ost met Mayor Tom Berg on Monday.\n\n'
  .. '"The cranes are safe," Lena Ost said. "Every one of them."\n\n'
  .. '"We will reopen on Friday," Berg said.\n\n'
  .. 'Ost added that the port was "ready for business."'

describe("whosaid.version", function()
  it("is a version string", function()
    assert.matches("^%d+%.%d+%.%d+$", whosaid.version)
  end)
end)

describe("whosaid.extract", function()
  it("returns quote tables with every field of the design", function()
    local q = whosaid.extract(STORY)
    assert.are.equal(4, #q)
    for _, quote in ipairs(q) do
      assert.are.equal(quote.text, STORY:sub(quote.start, quote.stop))
      assert.is_string(quote.kind)
      assert.is_number(quote.confidence)
      assert.is_number(quote.paragraph)
      assert.is_number(quote.group)
    end
    assert.are.equal("Lena Ost", q[1].speaker)
    assert.are.equal(q[1].group, q[2].group)
    assert.are.equal("Tom Berg", q[3].speaker)
    assert.are.equal("Berg", q[3].mention.text)
    assert.are.equal("Lena Ost", q[4].speaker)
    assert.are.equal(4, q[4].paragraph)
  end)

  it("returns an empty table for a text without quotes", function()
    assert.are.same({}, whosaid.extract(""))
    assert.are.same({}, whosaid.extract("Nothing was said today."))
  end)

  it("names the argument when it is not a string", function()
    assert.has_error(function() whosaid.extract(nil) end,
      "bad argument #1 to 'extract' (string expected, got nil)")
    assert.has_error(function() whosaid.extract({}) end,
      "bad argument #1 to 'extract' (string expected, got table)")
  end)

  it("is a pure function of its input", function()
    assert.are.same(whosaid.extract(STORY), whosaid.extract(STORY))
  end)
end)

describe("whosaid.new", function()
  it("makes independent extractors", function()
    local a, b = whosaid.new(), whosaid.new()
    local text = '"The pier is open," Lena Ost harrumphed.'
    a:add_cue("harrumphed")
    assert.are.equal("Lena Ost", a:extract(text)[1].speaker)
    assert.is_nil(b:extract(text)[1].speaker)
    assert.is_nil(whosaid.extract(text)[1].speaker)
  end)

  it("takes cue phrases and lists", function()
    local ex = whosaid.new()
    assert.are.equal(ex, ex:add_cue({ "made plain", "harrumphed" }))
    local q = ex:extract('Lena Ost made plain that the pier was "closed for good."')
    assert.are.equal("Lena Ost", q[1].speaker)
    assert.are.equal("made plain", q[1].cue.text)
  end)

  it("takes media", function()
    local ex = whosaid.new()
    ex:add_medium("Harbor Wire")
    local q = ex:extract('Lena Ost called the deal "a relief," Harbor Wire reported.')
    assert.are.equal("Lena Ost", q[1].speaker)
    assert.are.equal("Harbor Wire", q[1].via)
  end)

  it("rejects unknown options by name", function()
    assert.has_error(function() whosaid.new({ max_inptu = 10 }) end, "unknown option 'max_inptu'")
    assert.has_error(function() whosaid.new({ strict_utf8 = "yes" }) end,
      "bad option 'strict_utf8': boolean expected, got string")
    assert.has_error(function() whosaid.new({ max_input = 0 }) end,
      "bad option 'max_input': must be positive, got 0")
    assert.has_error(function() whosaid.new(5) end,
      "bad argument #1 to 'new' (table expected, got number)")
  end)

  it("enforces max_input", function()
    local ex = whosaid.new({ max_input = 16 })
    assert.has_error(function() ex:extract(STORY) end,
      ("whosaid: input of %d bytes is longer than max_input"):format(#STORY))
    assert.are.same({}, ex:extract("short"))
  end)

  it("processes invalid UTF-8 unless strict_utf8 is set", function()
    local text = 'He said "fine\255 then" and left. \192\175'
    local q = whosaid.extract(text)
    assert.are.equal(1, #q)
    assert.are.equal("fine\255 then", q[1].text)
    local strict = whosaid.new({ strict_utf8 = true })
    assert.has_error(function() strict:extract(text) end,
      "whosaid: invalid UTF-8 at byte offset 13")
  end)

  -- an extractor keeps the blocks a call freed for the next (csrc/cache.c):
  -- what a call finds must not depend on what the calls before it read
  it("finds the same quotes call after call, whatever it read before", function()
    local ex = whosaid.new()
    local first = ex:extract(STORY)
    assert.are.equal(4, #first)
    -- a longer text, one with no quote at all, an empty one, a text read
    -- in several windows (over 256 KB), then the story again
    ex:extract(STORY:rep(40))
    ex:extract("A text about the tides, with no quote in it.")
    ex:extract("")
    local paragraph = 'Ana Ruiz of the dockworkers said the talks were "going nowhere." '
    assert.is_true(#ex:extract(paragraph:rep(4200)) > 4000)
    assert.are.same(first, ex:extract(STORY))
    assert.are.same(first, whosaid.new():extract(STORY))
  end)

  it("rejects empty and wrongly typed lexicon entries by argument", function()
    local ex = whosaid.new()
    assert.has_error(function() ex:add_cue("") end, "bad argument #1 to 'add_cue' (empty cue)")
    assert.has_error(function() ex:add_cue({ "ok", 5 }) end,
      "bad argument #1 to 'add_cue' (item 2 is a number, not a string)")
    assert.has_error(function() ex:add_medium({}) end,
      "bad argument #1 to 'add_medium' (empty list of mediums)")
    assert.has_error(function() ex:add_cue(nil) end)
  end)
end)

describe("whosaid.speakers", function()
  it("groups quotes by canonical speaker, most quoted first", function()
    local by = whosaid.speakers(whosaid.extract(STORY))
    assert.are.equal("Lena Ost", by[1].name)
    assert.are.equal(3, #by[1].quotes)
    assert.are.equal("Tom Berg", by[2].name)
    assert.are.equal(1, #by[2].quotes)
  end)

  it("counts a group's quotes for each member", function()
    local q = whosaid.extract("Mayor Tom Berg met harbor chief Lena Ost. "
      .. 'The two leaders praised the "quick repairs."')
    local by = whosaid.speakers(q)
    assert.are.equal(2, #by)
    assert.are.equal(q[1], by[1].quotes[1])
    assert.are.equal(q[1], by[2].quotes[1])
  end)

  it("names a bad argument", function()
    assert.has_error(function() whosaid.speakers("x") end,
      "bad argument #1 to 'speakers' (table expected, got string)")
  end)
end)
