-- A text longer than the core's window (256 KB: seven times the longest
-- news article we measure on) is read in windows of about that size with
-- some context on either side (csrc/core.c, "windows"). What a user sees:
-- offsets, paragraphs and groups are those of the whole text, and a
-- newswire of stories gives each story's quotes as if it were extracted
-- alone. Every text here is made up for these specs.
local whosaid = require "whosaid"

-- Surnames of syllables, so that no two stories share a person.
local function surname(k)
  local a = {"Bar", "Kel", "Mor", "Tan", "Vel", "Dor", "Fen", "Lis", "Ros", "Hal"}
  local b = {"a", "o", "e", "i", "u"}
  local c = {"nov", "berg", "ski", "ton", "dez", "vard", "mont", "quist",
             "lund", "mir", "sen", "ric", "dal", "vik", "mar", "tes",
             "ro", "na", "ly", "kov", "sa", "tin", "bel", "gard", "holm", "ven",
             "dor", "win", "ram", "lis", "pel", "zan"}
  return a[k % 10 + 1] .. b[(k // 10) % 5 + 1] .. c[(k // 50) % 28 + 1]
end

local function story(k)
  local name = surname(2 * k)
  local other = surname(2 * k + 1)
  local he = k % 2 == 0 and "she" or "he"
  local first = k % 2 == 0 and "Ann" or "Tomas"
  return table.concat({
    ("Senator %s %s said on Monday: \u{201C}The harbor talks will resume soon.\u{201D}"):format(first, name),
    ("\u{201C}We will not let this harbor go dark,\u{201D} %s told reporters. \u{201C}Not this winter.\u{201D}"):format(name),
    ("\u{201C}The authority has put a generous proposal on the table,\u{201D} %s added."):format(he),
    "Officials expect a decision before the vote next week.",
    ("%s%s said the vote would be close. \u{201C}It will go down to the wire,\u{201D} %s said.")
      :format(he:sub(1, 1):upper(), he:sub(2), he),
    ("Lena %s, a spokeswoman for the union, called the offer \u{201C}totally unacceptable\u{201D}."):format(other),
    "\u{201C}Our members voted, and the answer was no.",
    ("\u{201C}There is no plan B,\u{201D} %s said."):format(other),
  }, "\n\n")
end

describe("a text longer than a window", function()
  local stories, text = {}, nil
  for k = 0, 599 do stories[#stories + 1] = story(k) end
  text = table.concat(stories, "\n\n")

  it("is longer than the window", function()
    assert.is_true(#text > 256 * 1024)
  end)

  it("gives each story's quotes, with the offsets, paragraphs and groups of the whole text", function()
    local all = whosaid.extract(text)
    local i, offset, paragraphs = 1, 0, 0
    for _, s in ipairs(stories) do
      local alone = whosaid.extract(s)
      local first = i
      for _, q in ipairs(alone) do
        local w = all[i]
        assert.is_not_nil(w)
        assert.are.equal(q.text, w.text)
        assert.are.equal(q.start + offset, w.start)
        assert.are.equal(q.stop + offset, w.stop)
        assert.are.equal(q.kind, w.kind)
        assert.are.equal(q.speaker, w.speaker)
        assert.are.equal(q.rule, w.rule)
        assert.are.equal(q.paragraph + paragraphs, w.paragraph)
        assert.are.equal(q.group + first - 1, w.group)
        i = i + 1
      end
      offset = offset + #s + 2
      paragraphs = paragraphs + 8
    end
    assert.are.equal(#all + 1, i)
  end)

  -- Calls check(q, next quote, n) for the n-th quote of the whole text
  -- whose text starts with prefix: one in each story.
  local function each_story(prefix, check)
    local all = whosaid.extract(text)
    local n = 0
    for k, q in ipairs(all) do
      if q.text:sub(1, #prefix) == prefix then
        n = n + 1
        check(q, all[k + 1], n)
      end
    end
    assert.are.equal(#stories, n)
  end

  it("keeps a quote carried over paragraphs in one group, named by its last part", function()
    each_story("Our members voted", function(q, next_q)
      assert.are.equal(q.group, next_q.group)
      assert.are.equal(next_q.speaker, q.speaker)
      assert.is_not_nil(q.speaker)
    end)
  end)

  it("names a speaker by the full name a few paragraphs before", function()
    each_story("It will go down", function(q, _, n)
      assert.are.equal((n % 2 == 1 and "Ann " or "Tomas ") .. surname(2 * (n - 1)), q.speaker)
    end)
  end)
end)
