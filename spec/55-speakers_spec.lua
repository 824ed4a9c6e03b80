-- ex:add_speaker: known speakers, their aliases, kinds and genders.
local whosaid = require "whosaid"

local STORY = "North Korea's leader Kim Jong-un met the envoy on Monday.\n\n"
  .. '"We will help our friends," he said.\n\n'
  .. 'Kim later called the talks "a new chapter."\n\n'
  .. '"No one even had this in their thoughts," the Kremlin said.'

describe("ex:add_speaker", function()
  it("gives an alias's quotes the canonical name", function()
    local ex = whosaid.new()
    assert.are.equal(ex, ex:add_speaker{ name = "Kim Jong Un", aliases = { "Kim Jong-un", "Kim" },
      kind = "person", gender = "male" })
    ex:add_speaker{ name = "the Kremlin", kind = "org" }
    local q = ex:extract(STORY)
    assert.are.equal(3, #q)
    assert.are.equal("Kim Jong Un", q[1].speaker)       -- "he"
    assert.are.equal("he", q[1].mention.text)
    assert.are.equal("Kim Jong Un", q[2].speaker)       -- "Kim"
    assert.are.equal("Kim", q[2].mention.text)
    assert.are.equal("the Kremlin", q[3].speaker)
    local by = whosaid.speakers(q)
    assert.are.equal("Kim Jong Un", by[1].name)
    assert.are.equal(2, #by[1].quotes)
  end)

  it("reads a hyphen as a space and white space as one space", function()
    local ex = whosaid.new()
    ex:add_speaker{ name = "  Kim   Jong Un " }
    local q = ex:extract('"We will help," Kim Jong-un said.')
    assert.are.equal("Kim Jong Un", q[1].speaker)
  end)

  it("compares names case for case", function()
    local ex = whosaid.new()
    ex:add_speaker{ name = "Lena Ost", aliases = { "ost" } }
    local q = ex:extract('"The cranes are safe," Ost said.')
    assert.are.equal("Ost", q[1].speaker)
  end)

  it("turns a name no mention covers into a speaker", function()
    -- "the harbor board" is lower case: no name to the built-in reader
    local text = 'The port stays shut, the harbor board said: "Nobody sails before May."'
    assert.are_not.equal("Harbor Board", whosaid.extract(text)[1].speaker)
    local ex = whosaid.new()
    ex:add_speaker{ name = "Harbor Board", aliases = { "the harbor board" }, kind = "org" }
    local q = ex:extract(text)[1]
    assert.are.equal("Harbor Board", q.speaker)
    assert.are.equal("the harbor board", q.mention.text)
  end)

  it("lets a pronoun resolve to a speaker by gender", function()
    local text = "Ren Aldo met Sam Price on Monday.\n\n"
      .. '"The pier reopens in June," she said.'
    -- nothing says who is who: "she" goes to the sentence's subject
    assert.are.equal("Ren Aldo", whosaid.extract(text)[1].speaker)
    local ex = whosaid.new()
    ex:add_speaker{ name = "Ren Aldo", gender = "male" }
    ex:add_speaker{ name = "Samantha Price", aliases = { "Sam Price" }, gender = "female" }
    assert.are.equal("Samantha Price", ex:extract(text)[1].speaker)
    assert.are.equal("Ren Aldo", ex:extract((text:gsub("she", "he")))[1].speaker)
  end)

  it("makes a medium a channel, not a speaker", function()
    local text = 'Kim Jong Un called the treaty a "fraternal duty," Harbor Wire reported.'
    local ex = whosaid.new()
    ex:add_speaker{ name = "Harbor Wire", kind = "medium" }
    local q = ex:extract(text)[1]
    assert.are.equal("Kim Jong Un", q.speaker)
    assert.are.equal("Harbor Wire", q.via)
  end)

  it("keeps every extractor's speakers its own", function()
    local a = whosaid.new()
    a:add_speaker{ name = "Kim Jong Un", aliases = { "Kim Jong-un", "Kim" } }
    assert.are.equal("Kim Jong Un", a:extract(STORY)[2].speaker)
    assert.are.equal("Kim Jong-un", whosaid.new():extract(STORY)[2].speaker)
    assert.are.equal("Kim Jong-un", whosaid.extract(STORY)[2].speaker)
  end)

  it("checks the speaker table strictly, naming the key", function()
    local ex = whosaid.new()
    local function err(t, msg)
      assert.has_error(function() ex:add_speaker(t) end, "bad argument #1 to 'add_speaker' (" .. msg .. ")")
    end
    assert.has_error(function() ex:add_speaker("Kim") end,
      "bad argument #1 to 'add_speaker' (table expected, got string)")
    err({}, "'name' must be a non-empty string, got nil")
    err({ name = "" }, "'name' must be a non-empty string, got an empty one")
    err({ name = 5 }, "'name' must be a non-empty string, got number")
    err({ name = "A\0B" }, "'name' contains a zero byte")
    err({ name = "   " }, "the name or an alias is blank")
    err({ name = "Kim", nmae = "x" }, "unknown key 'nmae'")
    err({ name = "Kim", [1] = "x" }, "keys must be strings, got number")
    err({ name = "Kim", aliases = "Kim" }, "'aliases' must be an array of strings, got string")
    err({ name = "Kim", aliases = { "K", 3 } }, "'aliases' item 2 is a number, not a string")
    err({ name = "Kim", aliases = { "" } }, "'aliases' item 1 is empty")
    err({ name = "Kim", aliases = { " " } }, "the name or an alias is blank")
    err({ name = "Kim", kind = "robot" }, "'kind' must be \"person\", \"org\" or \"medium\", got \"robot\"")
    err({ name = "Kim", kind = 1 }, "'kind' must be \"person\", \"org\" or \"medium\", got number")
    err({ name = "Kim", gender = "m" }, "'gender' must be \"male\" or \"female\", got \"m\"")
    err({ name = "Kim", gender = true }, "'gender' must be \"male\" or \"female\", got boolean")
  end)
end)
