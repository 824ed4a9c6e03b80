-- Speaker phrases that are no plain name: ages, numbers, possessors,
-- prepositional phrases, relative clauses and appositions.  Every text
-- here was written for these specs.
local whosaid = require "whosaid"

-- { what, text, speaker, mention text }
local cases = {
  { "an age", '"Ana is a fine leader," said the 46-year-old.', "the 46-year-old" },
  { "an age before the verb", '"What if we tried harder?" the 43-year-old asked in the video.',
    "the 43-year-old" },
  { "a year describing", '"It was awful," said a 2008 campaign veteran.', "a 2008 campaign veteran" },
  { "a long role", '"There was wrongdoing," said a former senior law enforcement official.',
    "a former senior law enforcement official" },
  { "of and a name", '"Thanks for coming," said master of ceremonies Asab Tarek, a local engineer.',
    "Asab Tarek", "master of ceremonies Asab Tarek" },
  { "a relative clause", '"It was awful," said one of two witnesses who asked not to be named.',
    "one of two witnesses" },
  { "a role between commas", '"The staff is tired," a campaign source, who was not allowed to speak, told Reuters.',
    "a campaign source" },
  { "a plural role", '"The evidence contradicts her," the committee chairmen wrote.',
    "the committee chairmen" },
  { "a place after from", '"The system is rigged," said the senator from Vermont.',
    "the senator from Vermont" },
  { "a subject with a place", 'The senator from Vermont said the system was "rigged."',
    "The senator from Vermont" },
  { "a subject no role word heads", 'Corporate lobbyists describe such work as "a different game."',
    "Corporate lobbyists" },
  { "another", 'Another child responded, "That is her husband."', "Another child" },
  { "a quantifier alone", 'Some chanted "USA! USA!" as the bus left.', "Some" },
  { "a possessive determiner and an apposition", "''It was his way,'' said his best friend at college, Bo Lind.",
    "Bo Lind" },
  { "a relative clause before the verb",
    'A White House official who spoke anonymously said Wednesday, "There are talks."',
    "A White House official" },
}

describe("speaker phrases", function()
  for _, c in ipairs(cases) do
    it(c[1] .. ": " .. c[2], function()
      local q = whosaid.extract(c[2])[1]
      assert.are.equal(c[3], q.speaker)
      assert.are.equal(c[4] or c[3], q.mention.text)
      assert.are.equal(c[2]:sub(q.mention.start, q.mention.stop), q.mention.text)
    end)
  end

  it("do not take a name that only describes for the speaker", function()
    local q = whosaid.extract('Maria Ost ran in 2008.\n\n"She hated it," said a 2008 Ost volunteer.')[1]
    assert.are.equal("a 2008 Ost volunteer", q.speaker)
  end)

  it("do not take an adverb or a date for a subject", function()
    local q = whosaid.extract('Ana Ruiz met the board.\n\nShe famously said: "What difference does it make?"')[1]
    assert.are.equal("Ana Ruiz", q.speaker)
    q = whosaid.extract('The nominee for the Nov. 8 election called the idea "sarcastic."')[1]
    assert.are_not.equal("8 election", q.speaker)
  end)

  it("leave an apposition to the name before it", function()
    local q = whosaid.extract('Tom Berg, a South Carolina native, called the plan "a feast."')[1]
    assert.are.equal("Tom Berg", q.speaker)
  end)

  it("do not read a participle as a speaker", function()
    local q = whosaid.extract('Six months ago, Tom Berg said, the papers considered him a "fringe candidate," making air quotes.')[1]
    assert.are.equal("Tom Berg", q.speaker)
  end)
end)
