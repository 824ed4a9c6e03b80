-- Attribution, first pass: cue lexicon, patterns, canonical names,
-- organisations and channels.  Every text here was written for these specs.
local whosaid = require "whosaid"

local function first(text)
  return whosaid.extract(text)[1]
end

describe("patterns", function()
  local cases = {
    { '"Q," S said', '"The pier is safe again," Lena Ost said.', "Lena Ost", "said" },
    { '"Q," said S', '"The pier is safe again," said Lena Ost.', "Lena Ost", "said" },
    { "S said: \"Q\"", 'Lena Ost said: "The pier is safe again."', "Lena Ost", "said" },
    { "S said that ... \"Q\"", 'Lena Ost said that the pier was "safe again" after the repairs.',
      "Lena Ost", "said" },
    { "according to S", 'The pier is "safe again," according to Lena Ost.', "Lena Ost", "according to" },
    { "S told", 'Lena Ost told reporters: "The pier is safe again."', "Lena Ost", "told" },
    { "S added", '"We start on Monday," Lena Ost added.', "Lena Ost", "added" },
    { "S vowed", 'Lena Ost vowed to "rebuild every crane" by spring.', "Lena Ost", "vowed" },
    { "S declared", 'Lena Ost declared the pier "open for business."', "Lena Ost", "declared" },
    { "S tweeted", 'Lena Ost tweeted that the pier was "open for business."', "Lena Ost", "tweeted" },
    { "S wrote", 'Lena Ost wrote that the pier was "open for business."', "Lena Ost", "wrote" },
    { "S described ... as", 'Lena Ost described the repairs as "a small miracle."', "Lena Ost", "described" },
    { "S called X", 'Lena Ost called the repairs "a small miracle."', "Lena Ost", "called" },
    { "S implied", 'Lena Ost implied that the board was "asleep at the wheel."', "Lena Ost", "implied" },
    { "S finds", 'A new Harbor Institute survey finds that crews feel "safe again."',
      "A new Harbor Institute survey", "finds" },
    { "S remembered", '"The cranes were new," remembered Lena Ost.', "Lena Ost", "remembered" },
    { ", asserting", 'The port authority rejected the claim on Friday, with Lena Ost asserting that "no crane was ever unsafe."',
      "Lena Ost", "asserting" },
  }
  for _, c in ipairs(cases) do
    it(c[1], function()
      local q = first(c[2])
      assert.are.equal(c[3], q.speaker)
      assert.are.equal(c[4], q.cue.text)
      assert.are.equal(c[2]:sub(q.cue.start, q.cue.stop), q.cue.text)
      assert.are.equal(c[2]:sub(q.mention.start, q.mention.stop), q.mention.text)
      assert.is_string(q.rule)
      assert.is_true(q.confidence > 0 and q.confidence <= 1)
    end)
  end
end)

describe("the clause a quote belongs to", function()
  -- "When X said "Q," Y did ...": the quote is the object of the cue in
  -- the opening clause, and the main clause after it reports nothing
  local cases = {
    { "after S shouted, \"Q,\"", 'After Tom Berg shouted, "Never," Lena Ost joked that he was busy.',
      1, "Tom Berg", "shouted" },
    { "even as S claimed that \"Q,\"", 'But even as Lena Ost claimed on Tuesday that "every crane is safe," '
      .. 'one of her former aides said the opposite.', 1, "Lena Ost", "claimed" },
    { "after S said that ... \"Q,\"", 'After Lena Ost said that crews who failed the test might do better at '
      .. '"smaller ports," Tom Berg said: "I disagree."', 1, "Lena Ost", "said" },
    { "when S said he would \"Q,\"", 'When Lena Ost later said she would "rebuild every crane," the crowd '
      .. 'applauded loudly.', 1, "Lena Ost", "said" },
    { "..., and as S went on about \"Q,\" and \"Q2,\"", '"Are you done?" she asked, but Tom was dozing again, '
      .. 'and as Tom Berg went on about "how the port is broken," and "our own tired crews," Lena Ost said yes, '
      .. 'yes, over and over.', 3, "Tom Berg", "went on about" },
    { "a long clause before \"Q,\" S said: \"Q2\"", 'After Lena Ost said that the young crews who had failed '
      .. 'the new safety test at the northern pier last winter would do better at "smaller ports," Tom Berg '
      .. 'said: "I disagree."', 1, "Lena Ost", "said" },
    -- a reporting clause that ends the sentence reports what follows a comma
    { ", while ... \"Q,\" S wrote.", 'The port has two piers, while the new cranes are faster and '
      .. '"handle twice the load," Lena Ost wrote.', 1, "Lena Ost", "wrote" },
    -- a question or an exclamation after a cue and a comma keeps that cue;
    -- the sentence after it is new, unless it is only an attribution
    { "S answered with, \"Q?\" S2 wrote back", 'Lena Ost answered Tom Berg with, "Why now? Why the pier?" '
      .. 'Berg then wrote back, "Because it is safe."', 1, "Lena Ost", "answered" },
    { "telling her, \"Q!\" She replied", 'Tom Berg wrote to her on Monday, telling her, "You are the best '
      .. 'we have!" She replied that it was kind.', 1, "Tom Berg", "telling" },
    { "turned to S2, \"Q?\" S2 asked", 'Tom Berg turned to Lena Ost, "Are you done?" Ost asked.', 1,
      "Lena Ost", "asked" },
    -- a comma has closed the clause: the cue after the quote is its own
    { "when asked, \"Q,\" S said", 'When asked about the levy on Monday, "It is fair," Lena Ost said.',
      1, "Lena Ost", "said" },
    { "when asked, \"Q,\" S said", 'When asked, "It is fair," Lena Ost said.', 1, "Lena Ost", "said" },
    { "if ..., \"Q\" S said", 'If the levy passes, "we will fill a very deep hole," Tom Berg said.',
      1, "Tom Berg", "said" },
  }
  for _, c in ipairs(cases) do
    it(c[1], function()
      local q = whosaid.extract(c[2])[c[3]]
      assert.are.equal(c[4], q.speaker)
      assert.are.equal(c[5], q.cue.text)
    end)
  end

  it("keep a word shouted in the opening clause as speech", function()
    local q = first('When a docker in the crowd shouted, "Berg," Lena Ost joked that he was busy.')
    assert.are_not.equal("scare", q.kind)
  end)
end)

describe("speaker names", function()
  it("strip titles and descriptions to a canonical name", function()
    local q = first('Westland\'s harbor chief Lena Ost said the pier was "safe again."')
    assert.are.equal("Lena Ost", q.speaker)
    assert.are.equal("Westland's harbor chief Lena Ost", q.mention.text)
  end)

  it("strip a title before the name", function()
    assert.are.equal("Maria Lopez", first('"We will vote no," Sen. Maria Lopez said.').speaker)
    assert.are.equal("Pavel Dorn", first('Russian President Pavel Dorn called the talks "useful."').speaker)
    assert.are.equal("Lena Ost", first('Actress Lena Ost said the pier was "a disgrace."').speaker)
  end)

  it("cluster every mention of one person", function()
    local q = whosaid.extract("Governor Ann Whitfield visited the pier.\n\n"
      .. '"It is open," Whitfield said. "Ships can dock."\n\n'
      .. '"The strike is over," Ann Whitfield added.')
    for _, quote in ipairs(q) do
      assert.are.equal("Ann Whitfield", quote.speaker)
    end
    assert.are.equal("Whitfield", q[1].mention.text)
  end)

  it("do not name a person after a building that bears the name", function()
    local q = first('The Berg Plaza closed in 2014.\n\n"It was a fine place," Berg said.')
    assert.are.equal("Berg", q.speaker)
  end)

  it("do not take a question's first verb for part of a name", function()
    local text = 'Does Berg want the job back? Berg spoke on Monday.\n\n"We will see," Berg said.'
    assert.are.equal("Berg", first(text).speaker)
    assert.are.equal("Will Doyle", first('Will Doyle ran the port.\n\n"We will see," Doyle said.').speaker)
  end)

  it("do not take a sentence's opening common word for a given name", function()
    -- a word the text writes in lower case elsewhere
    local q = first("Anna Dahl has led the dockworkers' union since May. She is a hacker of old rules, her allies say.\n\n"
      .. 'Hacker Dahl told members on Friday that the strike would go on. "We will not back down," Dahl said.')
    assert.are.equal("Anna Dahl", q.speaker)
    -- a preposition
    q = first("Mayor Lena Ost wants the pier rebuilt by spring.\n\n"
      .. 'Besides Ost, two council members backed the plan on Monday. "It is a fair deal for the harbor," Ost said.')
    assert.are.equal("Lena Ost", q.speaker)
    -- an adverb
    q = first("The vote split the council. Councilman Tomas Reyes sided with Mayor Ingrid Falk.\n\n"
      .. 'Curiously Reyes, a longtime critic of the mayor, spoke first. "The pier cannot wait another year," he said.')
    assert.are.equal("Tomas Reyes", q.speaker)
    -- but a given name the lists do not know stays one
    q = first("Jean Moreau, the harbor master, retired in June.\n\n"
      .. 'Kesi Moreau, his daughter, runs the ferry now. "We sail at six," Kesi Moreau said.')
    assert.are.equal("Kesi Moreau", q.speaker)
  end)

  it("do not take a gathering's or a newspaper's name for a person a pronoun stands for", function()
    local cases = {
      { "Lena Ost, whose husband, harbor pilot Erik Ost, died in the 2014 crane collapse, spoke on the radio on Thursday.\n\n"
        .. "Regarding the mayor's remarks at last month's Harbor Workers National Convention, Ost shared her view that the pier must reopen.\n\n"
        .. '"We have waited long enough," she said.', "Lena Ost" },
      { "Mayor Tom Berg spoke to reporters on Monday.\n\n"
        .. "The Westland Times quoted one of Berg's aides as saying the mayor had no plan for the pier.\n\n"
        .. '"I have a plan and a budget," he said.', "Tom Berg" },
      -- the word alone is where things were said, not who said them
      { 'Before the convention, Police Chief Ana Ruiz asked the council to close the pier, saying, "Safety comes first."',
        "Ana Ruiz" },
      -- a newspaper still speaks for itself
      { 'The Westland Times called the budget "a fantasy."', "The Westland Times" },
    }
    for _, c in ipairs(cases) do
      assert.are.equal(c[2], first(c[1]).speaker)
    end
  end)

  it("read a surname that is also a preposition", function()
    local q = whosaid.extract('"The pier was never safe," said Lena From, who ran the harbor board for a decade.\n\n'
      .. 'The board has changed since her time, and the cranes with it. "We built what we could with what we had," From said.\n\n'
      .. 'From agreed that the new cranes were better. "They are faster," she added.\n\n'
      .. "From a distance, the cranes look the same.")
    local speakers = {}
    for k, quote in ipairs(q) do speakers[k] = quote.speaker end
    assert.are.same({ "Lena From", "Lena From", "Lena From" }, speakers)
    assert.are.equal("From", q[2].mention.text)
  end)

  it("join the words of a firm's name that an ampersand joins", function()
    assert.are.equal("Procter & Gamble", first('Procter & Gamble said the firm was "pleased."').speaker)
    -- "AT&T" is no person "T" that a "she" could stand for
    local q = first("Ana Ruiz spoke for the carrier.\n\n"
      .. 'AT&T just finished laying cable downtown, she said, to "make sure every dock has a line."')
    assert.are.equal("Ana Ruiz", q.speaker)
  end)

  it("name organisations as speakers", function()
    local q = first('The Kremlin said the report was "pure fiction."')
    assert.are.equal("The Kremlin", q.speaker)
    q = first('In a statement, the harbor authority said: "Work resumes tomorrow."')
    assert.are.equal("the harbor authority", q.speaker)
  end)

  it("make two names joined by and one group speaker", function()
    local q = first('Tom Berg and Lena Ost said the deal was "fair to everyone."')
    assert.are.equal("Tom Berg and Lena Ost", q.speaker)
    assert.are.same({ "Tom Berg", "Lena Ost" }, q.members)
    assert.are.equal("Tom Berg and Lena Ost", q.mention.text)
  end)

  it("resolve he and she to the person named before", function()
    local q = whosaid.extract("Mayor Tom Berg met harbor chief Lena Ost on Monday.\n\n"
      .. '"We have a deal," she said.\n\n"It took long enough," he said.')
    assert.are.equal("Lena Ost", q[1].speaker)
    assert.are.equal("she", q[1].mention.text)
    assert.are.equal("Tom Berg", q[2].speaker)
  end)
end)

describe("channels", function()
  it("report the relaying agency as via", function()
    local q = first('Kim Jong Un called the pact a "sacred duty," the state news agency KCNA reported.')
    assert.are.equal("Kim Jong Un", q.speaker)
    assert.are.equal("KCNA", q.via)
  end)

  it("read 'as reported by'", function()
    local q = first('Pavel Dorn praised the "deep friendship" of the two nations, as reported by TASS.')
    assert.are.equal("Pavel Dorn", q.speaker)
    assert.are.equal("TASS", q.via)
  end)

  it("let an agency be the speaker of its own words", function()
    local q = first('"The talks were frank and useful," KCNA said.')
    assert.are.equal("KCNA", q.speaker)
    assert.is_nil(q.via)
  end)

  it("do not take an addressee for a channel", function()
    local q = first('"We are ready," Lena Ost told Reuters.')
    assert.are.equal("Lena Ost", q.speaker)
    assert.is_nil(q.via)
  end)
end)
