-- Every sieve, by the rule name it reports: a short text of our own where
-- that sieve, and no earlier one, attributes the quote.
local whosaid = require "whosaid"

-- { rule, text, which quote, speaker, mention text }
local cases = {
  { "trailing-cue", '"The pier is safe," Lena Ost said.', 1, "Lena Ost", "Lena Ost" },
  { "trailing-cue", '"The pier is safe," said the harbor master, Lena Ost.', 1, "Lena Ost" },
  { "trailing-cue", '"The pier is safe," Tom Berg, a crane operator, said on Monday.', 1, "Tom Berg" },
  { "trailing-cue", 'The dockers posted on the union board.\n\n"The pier is safe," wrote one.', 1, "one" },
  { "trailing-cue", 'The dockers posted on the union board.\n\n"The pier is safe," another said.', 1, "another" },
  { "trailing-cue", '"The port is watching us," Berg\'s niece, state Del. Lena "Lee" Ost (D-Harbor), shouted to '
    .. 'the crowd.', 1, "Berg's niece" },
  { "dash", '"Ships can dock again." ― Lena Ost', 1, "Lena Ost" },
  { "leading-colon", 'Lena Ost told the council: "The pier is safe."', 1, "Lena Ost" },
  { "leading-colon", 'In a long statement, the dockworkers\' union put it plainly: "We will not return."', 1,
    "the dockworkers' union" },
  { "leading-colon", 'What it means for the port - More from Ost: "The harbor is a strong draw."', 1, "Ost" },
  { "leading-colon", 'Not every crew is trained alike. From the report: "Crews with more training work safer."',
    1, "the report" },
  { "leading-colon", "A lesson from Lena Ost: 'Be the voice the crews hear.'\n\nAs a young clerk, Ost worked "
    .. "the pier.", 1, "Lena Ost" },
  { "leading-cue", 'Lena Ost said, "The pier is safe."', 1, "Lena Ost" },
  { "according-to", '"The pier is safe," according to Lena Ost.', 1, "Lena Ost" },
  { "transcript", 'OST: "The pier is safe."', 1, "OST" },
  { "transcript", '"BERG: Is the pier safe?"', 1, "BERG" },
  { "transcript", "Ost: Harbor board's levy a 'tax on work'\n\nThe harbor master spoke on Monday.", 1, "Ost" },
  { "participle", 'Lena Ost reopened the pier on Monday, saying it was "safe for every ship."', 1, "Lena Ost" },
  { "participle", 'The council met with Lena Ost telling members the pier was "safe again."', 1, "Lena Ost" },
  { "sentence-cue", 'Lena Ost said the pier was "safe again" after the repairs.', 1, "Lena Ost" },
  { "sentence-cue", 'The pier is "safe again" and open to ships, the harbor master said.', 1, "the harbor master" },
  { "quoted-as", 'NorPress quoted Lena Ost as saying the pier was "safe again."', 1, "Lena Ost" },
  { "passive-by", 'The repairs were called "a small miracle" by Lena Ost.', 1, "Lena Ost" },
  { "possessive-cue", 'Lena Ost\'s main claim is that the pier is "safe again."', 1, "Lena Ost" },
  { "possessive-cue", 'Lena Ost spoke to the board.\n\nA new group ran ads using her comments '
    .. 'before the board that "the pier was my idea."', 1, "Lena Ost", "her" },
  { "sentence-subject", 'Lena Ost walked the pier to show it was "safe again" for the crews.', 1, "Lena Ost" },
  { "split", '"The pier is safe," Lena Ost said. "Every ship can dock."', 2, "Lena Ost" },
  { "continuation", '"The pier is safe," Lena Ost said.\n\n"Every ship can dock."', 2, "Lena Ost" },
  { "lead-in", 'Lena Ost said the pier had reopened on Monday. "Every ship can dock now."', 1, "Lena Ost" },
  { "lead-in", 'Lena Ost spoke to the crews on Monday morning:\n\n"The pier is safe. Every ship can dock."', 1,
    "Lena Ost" },
  { "lead-in", '"We back the plan," Lena Ost wrote.\n\nShe then listed the reasons it would work:\n\n'
    .. '"The pier is safe.\n\n"Every ship can dock."', 2, "Lena Ost", "She" },
  -- "as X notes:": the phrase after "as", not the sentence's own subject
  { "lead-in", 'The Harbor Charter shaped the port for decades, as the Dock Workers Guild website notes:\n\n'
    .. '"In the winter of 1952, forty crane operators met in a warehouse and wrote the charter."', 1,
    "the Dock Workers Guild website" },
  { "lead-in", 'The Harbor Charter still guides the port; the Dock Workers Guild website notes:\n\n'
    .. '"Forty crane operators wrote the charter in one night in 1952."', 1, "the Dock Workers Guild website" },
  { "lead-in", 'The dockers kept their charter for seventy years.\n\nThe guild website notes:\n\n'
    .. '"Forty crane operators wrote the charter in one night in 1952."', 1, "The guild website" },
}

describe("sieves", function()
  for _, c in ipairs(cases) do
    local rule, text, n, speaker, mention = c[1], c[2], c[3], c[4], c[5]
    it(rule .. ": " .. text:gsub("\n", " "), function()
      local q = whosaid.extract(text)[n]
      assert.is_table(q)
      assert.are.equal(rule, q.rule)
      assert.are.equal(speaker, q.speaker)
      if mention then assert.are.equal(mention, q.mention.text) end
      assert.are.equal(text:sub(q.mention.start, q.mention.stop), q.mention.text)
    end)
  end

  it("rank the tight patterns above the loose ones in confidence", function()
    local tight = whosaid.extract('"The pier is safe," Lena Ost said.')[1]
    local loose = whosaid.extract('Lena Ost walked the pier to show it was "safe again" for the crews.')[1]
    assert.is_true(tight.confidence > loose.confidence)
  end)

  it("do not take a medium that reports for the speaker", function()
    local q = whosaid.extract('Lena Ost called the repairs "a small miracle," the state news agency reported.')[1]
    assert.are.equal("Lena Ost", q.speaker)
    assert.are.equal("the state news agency", q.via)
  end)

  it("give a transcript's label the full name of the person", function()
    local q = whosaid.extract('Moderator Lena Ost opened the hearing.\n\nOST: "The pier is safe."')[1]
    assert.are.equal("Lena Ost", q.speaker)
    assert.are.equal("OST", q.mention.text)
  end)

  it("report who quoted somebody as the channel", function()
    local ex = whosaid.new()
    ex:add_medium("NorPress")
    local q = ex:extract('NorPress quoted Lena Ost as saying the pier was "safe again."')[1]
    assert.are.equal("Lena Ost", q.speaker)
    assert.are.equal("NorPress", q.via)
    assert.are.equal("quoted", q.cue.text)
  end)

  it("leave a quote with nobody to say it unattributed", function()
    local q = whosaid.extract('"Nobody knows what happens next."')[1]
    assert.is_nil(q.speaker)
    assert.is_nil(q.rule)
    assert.are.equal(0, q.confidence)
  end)
end)
