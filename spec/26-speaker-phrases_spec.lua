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
  { "a measure describing a source", 'According to a 40-page state report, the agency ran a "slush fund" for years.',
    "a 40-page state report" },
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
  { "after a nested quote's mark", "''He looked at me and said, 'What did you mean by that?''' Tom Berg said.",
    "Tom Berg" },
  { "an inverted asked", '"How big is that wall?" asked the boy, who wore a red hat.', "the boy" },
  { "a verb of remembering", '"The analysts all said no," remembered Roy Vance, the former spokesman.',
    "Roy Vance" },
  { "a colon after a possessor's document", 'Ruiz\'s letter makes a plain case: "The pier must reopen."',
    "Ruiz's letter" },
  { "a colon after a possessive determiner", 'The next day, her campaign account posted: "Vote early."',
    "her campaign account" },
  { "a colon after a clause with no subject",
    'The union, in a letter to members on the dispute, worded it carefully: "Nobody asked us."', "The union" },
  { "a colon after coordinated verbs", 'Tom Berg waved to the crowd, then leaned in and boomed: "We win in May."',
    "Tom Berg" },
  { "a participle's phrase after the subject",
    'Protesters marching through the streets chanted "What curfew?" until dawn.', "Protesters" },
  { "a year inside a relative clause",
    'The mayor has a frosty relationship with Tom Berg, now the council leader, who in 2010 said the '
    .. 'goal was to make her a "one-term mayor."', "Tom Berg", "who" },
  { "a phrase with its place between quote and cue", '"She will win," a voice-over in the ad states.',
    "a voice-over in the ad" },
  { "the two", '"You picked a new standard," the two write.', "the two" },
  { "a subject with its place before the cue",
    'A notice on the harbor board\'s website said the berths were "closed until May."',
    "A notice on the harbor board's website" },
  { "an abbreviation's period", '"We will win," said the nominee for the Nov. 8 election.',
    "the nominee for the Nov. 8 election" },
  { "a subject before its apposition",
    'Officials at the Harbor Agency, a division of the port board, said the cranes were "unsafe."',
    "Officials at the Harbor Agency" },
  { "an apposition that is the name",
    'The mayor\'s predecessor, the late Mayor Tom Berg, called the pier "a ruin."', "Tom Berg",
    "the late Mayor Tom Berg" },
  { "a relative clause before the verb",
    'A White House official who spoke anonymously said Wednesday, "There are talks."',
    "A White House official" },
  { "a subject after a clause about somebody else, its verb an irregular past",
    'When told Diaz was on the shortlist for a bigger job, Tom Berg thought for a moment and said '
    .. 'that in the current climate, "It is an advantage not to be famous."', "Tom Berg" },
  { "a subject before a verb, its object and a participle",
    'The harbor chief emailed the crews saying: "The pier is safe again."', "The harbor chief" },
  { "a subject before a medium a preposition governs",
    'A letter from the Harbor League obtained by The Associated Press warns that "any further talks '
    .. 'will go through our lawyer."', "A letter from the Harbor League" },
  { "a verb of saying in the present, third person",
    'The harbor board sent the letter on Friday.\n\nThe letter continues: "Please explain how the '
    .. 'repairs were approved."', "The letter" },
  { "a person word that is no role",
    'The ferry dock was quiet until a young boy shouted, "The boat is here, come on!"', "a young boy" },
  { "a person word heading a sentence with no cue",
    'A plaintiff in the lawsuit waited for hours in an "endless line that wound around the block."',
    "A plaintiff in the lawsuit" },
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

  it("find the subject a participle hangs on", function()
    local cases = {
      { 'Lawyers for Ana Ruiz appeared to oppose the plan, saying the pier was "never hers to sell."',
        "Lawyers for Ana Ruiz" },
      { 'The mayor\'s campaign shrugged off the remarks, telling reporters, "Nobody asked for it."',
        "The mayor's campaign" },
      { 'The crews backed the deal early, with the Harbor Pilots Guild calling it "a fair day\'s pay."',
        "Harbor Pilots Guild" },
      { 'Senator Ben Ross (D-Maine) on Saturday criticized the accord, saying it goes "nowhere near far enough."',
        "Ben Ross" },
      { 'The vote gained weight after the debate, when the harbor chief Lena Ost boldly suggested that the board '
        .. '"has never read the contract."', "Lena Ost" },
    }
    for _, c in ipairs(cases) do
      local q = whosaid.extract(c[1])[1]
      assert.are.equal(c[2], q.speaker, c[1])
    end
  end)

  it("name nobody where the only subject of a sentence with no cue is a thing", function()
    -- the words stand in a reported sentence all the same: still speech
    local q = whosaid.extract('Cheap repairs can still hold the pier together, but only when '
      .. '"the crews have time to test every bolt."')[1]
    assert.are.equal("partial", q.kind)
    assert.is_nil(q.speaker)
    assert.is_nil(q.mention)
    q = whosaid.extract('The harbor plan would be paid for by "closing the loopholes for the largest '
      .. 'shipping firms."')[1]
    assert.are.equal("partial", q.kind)
    assert.is_nil(q.speaker)
    -- but a thing someone owns speaks for them
    q = whosaid.extract('Lena Ost\'s campaign slogan is "a safe pier for every crew."')[1]
    assert.are.equal("Lena Ost's campaign slogan", q.speaker)
  end)

  it("take the writer's I after a clause about somebody else", function()
    local q = whosaid.extract('When my mother mentioned the storm to me on the pier, I laughed and said, '
      .. '"I do not believe in storms."')[1]
    assert.are.equal("I", q.mention.text)
    assert.is_nil(q.speaker)
  end)

  it("do not take an I inside a relative clause for the subject", function()
    local q = whosaid.extract('The editor I was talking to, Tom Berg, interrupted me in mid-sentence to '
      .. 'announce, "There goes the pier."')[1]
    assert.are.equal("Tom Berg", q.speaker)
  end)

  it("read a subject after an opening phrase that ends in a name", function()
    local q = whosaid.extract('Appearing on Harbor Radio, the council chief said Ana Ruiz "caused real harm."')[1]
    assert.are.equal("the council chief", q.mention.text)
  end)

  -- { what, text, speaker the first quote has (or, with "not", must not have) }
  local firsts = {
    { "do not take a thing for the subject of a participle",
      'The board replaced the clause with softer language calling for "appropriate help."',
      "softer language", "not" },
    { "find a relative clause's subject when the quote is in it",
      "Ana Ruiz's gloomy tone was a contrast to the warm introduction by her son Leo Ruiz, "
      .. 'who portrayed her as a generous, patient manager who would be "the harbor\'s champion."', "Leo Ruiz" },
    { "do not take a name that only describes for the speaker",
      'Maria Ost ran in 2008.\n\n"She hated it," said a 2008 Ost volunteer.', "a 2008 Ost volunteer" },
    { "do not take an adverb for a subject",
      'Ana Ruiz met the board.\n\nShe famously said: "What difference does it make?"', "Ana Ruiz" },
    { "leave a colon to the cue of its sentence",
      'Ana Ruiz said that, seen that way, some kind of deal might be possible: "Is there an overlap?"',
      "Ana Ruiz" },
    { "prefer the main clause's speaker to an inner it",
      'Mayor Ana Ruiz, opening the harbor museum on Saturday, said it would tell a story of "toil and hope."',
      "Ana Ruiz" },
    { "read the main clause after an opening phrase",
      'Tom Berg ran the docks.\n\nAt the hearing on Monday, Lena Ost said he promised to "fix every crane."',
      "Lena Ost" },
    { "take the name after with for a participle's subject, past an adverb",
      'Some of the dockers booed the mayor, with Tom Berg reportedly yelling: "Get off the pier!"', "Tom Berg" },
    { "take the name after with for the subject of a participle and its quote",
      'The union has used the harshest words, with Lena Ost recently promising to "shut every pier down."',
      "Lena Ost" },
    { "do not take where it was written for the participle's subject",
      'Lena Ost responded to the union\'s question on Facebook writing, "We will reopen the pier."', "Lena Ost" },
    { "give a reported report to its reporter",
      'Rosa Diaz said Tom Berg called on the board to be "closely coordinated."', "Rosa Diaz" },
    { "leave a clause beside the main one its own speaker",
      'Ana Ruiz expressed support for the deal, while Tom Berg called the terms "special."', "Tom Berg" },
    { "leave a medium's report to the speaker it relays",
      'The state news agency said Tom Berg called the terms "special."', "Tom Berg" },
    { "do not take the name in an apposition's phrase for the speaker",
      'Former governor Ana Ruiz, an early backer of Tom Berg, calls the plan "a priority."', "Tom Berg", "not" },
    { "keep a colon lead-in's speaker for a question after it",
      'Ana Ruiz, tired, famously answered: "What difference does it make?" Her critics cited it for years.',
      "Ana Ruiz" },
    { "do not read a word in -eed as a past tense",
      'The mayor left no doubt of her support for helping Tom Berg succeed her, saying that "nobody is better."',
      "The mayor" },
    { "do not take a date for a subject",
      'The nominee for the Nov. 8 election called the idea "sarcastic."', "8 election", "not" },
    { "leave an apposition to the name before it",
      'Tom Berg, a South Carolina native, called the plan "a feast."', "Tom Berg" },
    { "do not read a participle as a speaker",
      'Six months ago, Tom Berg said, the papers considered him a "fringe candidate," making air quotes.',
      "Tom Berg" },
  }
  for _, c in ipairs(firsts) do
    it(c[1], function()
      local q = whosaid.extract(c[2])[1]
      if c[4] == "not" then
        assert.are_not.equal(c[3], q.speaker)
      else
        assert.are.equal(c[3], q.speaker)
      end
    end)
  end
end)
