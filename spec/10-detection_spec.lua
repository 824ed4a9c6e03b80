-- Quote detection: marks, apostrophes, nesting, quotes over paragraphs,
-- unbalanced marks, and kinds.  Every text here was written for these specs.
local whosaid = require "whosaid"

local function texts(quotes)
  local out = {}
  for i, q in ipairs(quotes) do out[i] = q.text end
  return out
end

-- Every quote satisfies the offset contract of the design.
local function check_offsets(text, quotes)
  for _, q in ipairs(quotes) do
    assert.are.equal(q.text, text:sub(q.start, q.stop))
    assert.is_true(q.start >= 1 and q.stop <= #text)
  end
end

describe("quote marks", function()
  local cases = {
    { "straight double", 'The mayor said "the bridge stays closed" on Monday.' },
    { "curly double", 'The mayor said “the bridge stays closed” on Monday.' },
    { "curly single", 'The mayor said ‘the bridge stays closed’ on Monday.' },
    { "straight single", "The mayor said 'the bridge stays closed' on Monday." },
    { "guillemets", "Le maire a dit « the bridge stays closed » lundi." },
    { "single guillemets", "Le maire a dit ‹the bridge stays closed› lundi." },
    { "German low-high", "Der Bürgermeister sagte „the bridge stays closed“ am Montag." },
    { "corner brackets", "市長は「the bridge stays closed」と述べた。" },
    { "white corner brackets", "市長は『the bridge stays closed』と述べた。" },
    { "doubled apostrophes", "The mayor said ''the bridge stays closed'' on Monday." },
  }
  for _, c in ipairs(cases) do
    it("pairs " .. c[1], function()
      local q = whosaid.extract(c[2])
      assert.are.same({ "the bridge stays closed" }, (texts(q)))
      check_offsets(c[2], q)
    end)
  end
end)

describe("apostrophes", function()
  local cases = {
    "North Korea's envoy and North Korea’s army were there.",
    "The two countries' relations and the workers’ pay improved.",
    "Rents doubled in the ’60s and again in the '90s.",
    "The band played rock ’n’ roll, then rock 'n' roll again.",
    "We don't know, and they won’t say, said O'Neill.",
    -- ‘ typed for the apostrophe, which would open a quote up to the ’
    "Donald Trump‘s remarks, which don‘t help, angered the workers’ union.",
  }
  for _, text in ipairs(cases) do
    it("are never quote marks: " .. text, function()
      assert.are.same({}, whosaid.extract(text))
    end)
  end

  it("open a quote before an ordinal, not a year", function()
    local text = "'5th Ward voters' want the clinic back, council hears."
    assert.are.same({ "5th Ward voters" }, texts(whosaid.extract(text)))
  end)

  it("that would close across a double quote are apostrophes", function()
    local text = "And how ‘bout the banner: “Port raises dockers’ pay, hours.” It ran all week."
    local q = whosaid.extract(text)
    assert.are.same({ "Port raises dockers’ pay, hours." }, texts(q))
    check_offsets(text, q)
  end)

  it("stay inside a quote", function()
    local text = '“The workers’ union won’t back down on the ’90s deal,” said Ana Ruiz.'
    local q = whosaid.extract(text)
    assert.are.equal(1, #q)
    assert.are.equal("The workers’ union won’t back down on the ’90s deal,", q[1].text)
  end)
end)

describe("nested quotes", function()
  it("are part of the outer quote", function()
    local text = [["She told me 'the pier is finished' and left," the engineer said.]]
    local q = whosaid.extract(text)
    assert.are.same({ "She told me 'the pier is finished' and left," }, texts(q))
  end)
end)

describe("a mark reopened inside its own quote", function()
  it("shares the one closing mark with it", function()
    local text = "The clerk said the judge told her “to wait, ‘just a minute’ or so. "
      .. "“Then he said, ‘Go home,’” the clerk said."
    local q = whosaid.extract(text)
    assert.are.same({ "to wait, ‘just a minute’ or so. “Then he said, ‘Go home,’" }, texts(q))
    check_offsets(text, q)
  end)
end)

describe("a quote over several paragraphs", function()
  local text = "The harbor master spoke at length.\n\n"
    .. "“We will not reopen until every crane has been inspected.\n\n"
    .. "“That could take a month,” Lena Ost said.\n\n"
    .. "Workers left the pier at noon."

  it("comes back as parts sharing one group", function()
    local q = whosaid.extract(text)
    assert.are.equal(2, #q)
    assert.are.equal("We will not reopen until every crane has been inspected.", q[1].text)
    assert.are.equal(q[1].group, q[2].group)
    assert.are.equal(2, q[1].paragraph)
    assert.are.equal(3, q[2].paragraph)
    check_offsets(text, q)
  end)

  it("keeps one speaker", function()
    local q = whosaid.extract(text)
    assert.are.equal("Lena Ost", q[2].speaker)
    assert.are.equal("Lena Ost", q[1].speaker)
  end)

  it("goes on only in paragraphs that open with the mark it opened with", function()
    -- a block of straight marks, then a quote of its own in curly ones
    local q = whosaid.extract("From Lena Ost writing in the Harbor Gazette:\n\n"
      .. '"The crews waited three years for the repairs the board had promised them.\n\n'
      .. '"By spring, the old pier was closed to every ship.\n\n'
      .. "\u{201C}We were told to wait, and we waited,\u{201D} Tom Berg said at the meeting.")
    assert.are.equal(3, #q)
    assert.are.equal(q[1].group, q[2].group)
    assert.are_not.equal(q[2].group, q[3].group)
    assert.are.equal("Lena Ost", q[1].speaker)
    assert.are.equal("Lena Ost", q[2].speaker)
    assert.are.equal("Tom Berg", q[3].speaker)
  end)
end)

describe("an unbalanced mark", function()
  it("is recovered at its paragraph's end", function()
    local text = 'The mayor said "we will see about that.\n\n'
      .. 'Nobody answered. Later she called it "a fair offer" and left.\n\n'
      .. 'The talks resume on Friday.'
    local q = whosaid.extract(text)
    assert.are.same({ "we will see about that.", "a fair offer" }, texts(q))
    assert.are_not.equal(q[1].group, q[2].group)
    check_offsets(text, q)
  end)

  it("never swallows the rest of the document", function()
    local text = '"Unclosed at the start\n\n' .. string.rep("A calm paragraph.\n\n", 50)
      .. 'Finally she said "done" and left.'
    local q = whosaid.extract(text)
    assert.are.same({ "Unclosed at the start", "done" }, texts(q))
  end)

  -- wire copy without blank lines: one paragraph longer than any quote
  it("early in a long paragraph ends with its sentence and hides no later quote", function()
    local text = table.concat({
      "WESTLAND -- The city council met for six hours on Tuesday to decide the future of the north pier.",
      'The session opened with a reading from the harbor report, which warned that "the north pier cannot take another winter.',
      "The report was written by engineers from two firms.",
      "It lists cracks in 14 of the pier's 30 pilings.",
      "Some of the cracks are wider than a hand.",
      "The pier was built in 1962 and last repaired in 1994.",
      "Fishing boats still tie up there every morning.",
      "A ferry to the islands leaves from its far end.",
      "“We will find the money,” Mayor Ana Ruiz said.",
      "She did not say where the money would come from.",
      "The city has a reserve fund of about $4 million.",
      "Most of it is set aside for the schools.",
      "Council member Tomas Berg said the reserve was not enough.",
      "“Four million will not rebuild thirty pilings,” Berg said.",
      "He proposed a bond issue to be put to voters in the spring.",
      "Two other members backed the idea.",
      "Three opposed it.",
      "The harbor master, Lena Ost, spoke for almost an hour.",
      "She showed photographs of the pilings taken by divers in March.",
      "Several residents in the gallery gasped.",
      "“I would not let my own boat tie up at the far end,” Ost said.",
      "The ferry company has not commented on the report.",
      "Its boats carry about 900 passengers a day in summer.",
      "The islands have no other link to the mainland.",
      "A new railing was put up along the pier last month.",
      "It cost $80,000.",
      "Some residents called that money wasted.",
      "The council will vote on the bond issue next Tuesday.",
      "“This is the most important vote of my time on the council,” Berg said.",
      "Ruiz said she would support whatever the council decided.",
      "“The pier belongs to everyone in Westland,” she said.",
    }, " ")
    local q = whosaid.extract(text)
    assert.are.same({
      "the north pier cannot take another winter.",
      "We will find the money,",
      "Four million will not rebuild thirty pilings,",
      "I would not let my own boat tie up at the far end,",
      "This is the most important vote of my time on the council,",
      "The pier belongs to everyone in Westland,",
    }, texts(q))
    local speakers = {}
    for i = 2, #q do speakers[#speakers + 1] = q[i].speaker end
    assert.are.same({ "Ana Ruiz", "Tomas Berg", "Lena Ost", "Tomas Berg", "Ana Ruiz" }, speakers)
    for _, x in ipairs(q) do assert.are.equal(1, x.paragraph) end
    check_offsets(text, q)
  end)

  it("that only closes is ignored", function()
    assert.are.same({}, whosaid.extract('He is 6\'2" tall and "'))
  end)
end)

describe("kinds", function()
  it("tell a whole utterance from a fragment", function()
    local q = whosaid.extract('"The port will reopen on Monday," Ana Ruiz said. '
      .. 'She called the strike "a costly mistake" for the city.')
    assert.are.equal("direct", q[1].kind)
    assert.are.equal("partial", q[2].kind)
  end)

  it("keep capitalised quotes in a title-case headline as speech", function()
    local q = whosaid.extract('Harbor Chief Vows To "Reopen Every Pier" Before Winter\n\n'
      .. 'The harbor chief spoke on Monday about the council\'s "Port of the Future Act" in detail.')
    assert.are.equal(2, #q)
    assert.are.equal("partial", q[1].kind)
    assert.are.equal("scare", q[2].kind)
  end)

  it("mark titles, nicknames and scare quotes as not speech", function()
    local q = whosaid.extract("Critics mocked the so-called \"harbor tax\" all week. "
      .. "The mayor's \"Clean Harbor Initiative\" starts in May, and "
      .. "the council's \"Port of the Future Act\" is still in committee.")
    assert.are.equal(3, #q)
    for _, quote in ipairs(q) do
      assert.are.equal("scare", quote.kind)
      assert.is_nil(quote.speaker)
    end
  end)
end)
