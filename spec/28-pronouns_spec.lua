-- He and she: which person a pronoun stands for.  Every text here was
-- written for these specs.
local whosaid = require "whosaid"

local function speaker_of(text, n)
  return whosaid.extract(text)[n or 1].speaker
end

describe("a pronoun", function()
  it("never stands for a place", function()
    assert.are.equal("Juan Marquez", speaker_of("Juan Marquez marched with the crowd.\n\n"
      .. "In downtown San Carlos, the crowd walked in silence.\n\n"
      .. '"I cried the whole way," he said.'))
  end)

  it("reads he and she as subjects wherever they stand", function()
    -- "Then he turned to Vance Ortiz": he, not Ortiz, is whom the story follows
    assert.are.equal("Tom Berg", speaker_of('First, Tom Berg attacked the council for its "failed plan." '
      .. 'Then he turned to "little" Vance Ortiz. Later he tossed in a jab at the mayor.\n\n'
      .. '"We can do better," he said.'))
  end)

  it("does not take a name that describes a thing for a subject", function()
    assert.are.equal("Lena Ost", speaker_of("Lena Ost spoke to the board on Monday.\n\n"
      .. "In the Berg report, Lena Ost described the pier as safe. "
      .. '"Nothing has changed," she said.'))
    assert.are.equal("Paul Dorn", speaker_of("Paul Dorn met Tom Berg on Monday.\n\n"
      .. "But on Thursday, in the Berg release, Dorn described the deal as final.\n\n"
      .. '"My job is to close it," he said.'))
  end)

  it("reads past an apposition to the name's verb", function()
    assert.are.equal("Akhil Varma", speaker_of('"We moved the plant," said Tom Berg, the plant manager.\n\n'
      .. "But Akhil Varma, the chief financial officer, noted that the cuts would go on. "
      .. '"They are painful," he said.', 2))
  end)

  it("reads past an apposition with a possessor to the name it describes", function()
    local lead = "Mayor Lena Ost toured the harbor on Monday.\n\nWhen Tomas Reyes, Ost's campaign manager"
    local rest = ' asked whether the pier would reopen before the election, he laughed and said, "We will see."'
    assert.are.equal("Tomas Reyes", speaker_of(lead .. ", was" .. rest))
    -- the apposition's closing comma left out: it ends at its role
    local q = whosaid.extract(lead .. " was" .. rest)[1]
    assert.are.equal("Tomas Reyes", q.speaker)
    assert.are.equal("he", q.mention.text)
  end)

  it("does not take a name in an aside inside a quote", function()
    assert.are.equal("Tom Berg", speaker_of("Ana Ruiz's pollster, Tom Berg, says she can win. "
      .. '"I do not think the old view" -- that Ruiz is a harbor-town liberal -- "will last," he says.', 2))
  end)

  it("can stand for a possessor in its own sentence", function()
    assert.are.equal("Paul Dorn", speaker_of("Ana Ruiz met the board on Monday.\n\n"
      .. 'For that she drew Paul Dorn\'s anger - he called her "weak."'))
  end)

  it("prefers its own sentence's subject to a possessor in it", function()
    assert.are.equal("Paul Dorn", speaker_of("Paul Dorn met Tom Berg on Monday.\n\n"
      .. 'Dorn acknowledged Berg\'s deep unpopularity - his "negatives," he called them.'))
  end)

  it("stands for whom the sentence before is about when it names nobody as subject", function()
    assert.are.equal("Paul Dorn", speaker_of("The council met Tom Berg on Monday.\n\n"
      .. "Just look at Paul Dorn. In 2010, he called the pier \"a ruin.\""))
  end)

  it("takes no gender from a given name that stands alone", function()
    -- "Scott" is a given name, but alone it is the surname of Ana Scott
    local text = "Senator Ana Scott toured the docks.\n\n"
      .. 'Scott called the plan "a good start."\n\n"We will keep at it," she said.'
    assert.are.same({ "Ana Scott", "Ana Scott" }, { speaker_of(text, 1), speaker_of(text, 2) })
  end)

  it("takes no gender from a guess: a pronoun resolved does not make its person a he or a she", function()
    -- "she" is the mayor, whom no name names; whether or not it is taken
    -- for Dorn, Dorn stays free for the "he" that follows
    assert.are.equal("Dorn", speaker_of("Dorn watched from the pier as the mayor took the stage. "
      .. '"It rained all week," she said.\n\n'
      .. 'Later that day Dorn walked back to the boats. "We will reopen it," he said.', 2))
  end)

  it("takes no gender from the pronoun of someone else in the name's sentence", function()
    assert.are.equal("Okafor", speaker_of("Okafor endorsed her rival on Monday.\n\n"
      .. '"We will win this," he said.'))
    assert.are.equal("Okafor", speaker_of("Supporters of Ana Ruiz and Okafor met on Monday, "
      .. "the morning after the former mayor cemented her lead.\n\n"
      .. 'Okafor praised the crowd. "We will win this," he said.'))
  end)

  it("does not take a word describing a role for a person", function()
    -- "the former Mexican president", "an Arizona official": nobody is
    -- named "Mexican"
    assert.are.equal("Felipe Arroyo", speaker_of("Felipe Arroyo told reporters on Monday that "
      .. "the wall was useless.\n\nBut the former Mexican president did not stop there.\n\n"
      .. '"The first loser would be the north," he continued.'))
    assert.are.equal("Ana Ruiz", speaker_of("Presumptive Democratic presidential nominee Ana Ruiz "
      .. 'called on the council to act. She retweeted a message that read: "Act now."'))
  end)

  it("reads an abbreviation that is a given name as the name", function()
    local text = 'Former Arizona governor Jan Brewer, an early supporter, calls security "a priority" '
      .. 'for women. "That will resonate," she said.'
    assert.are.same({ "Jan Brewer", "Jan Brewer" }, { speaker_of(text, 1), speaker_of(text, 2) })
  end)

  it("never stands for the places of a list", function()
    assert.are.equal("Tom Berg", speaker_of("Tom Berg stayed home on Tuesday.\n\n"
      .. "Ana Ruiz won primaries in Ohio, New Mexico and South Dakota.\n\n"
      .. '"It was a good night for her," he said.'))
  end)

  it("takes an earlier sentence's main clause before the clause that leads it", function()
    -- "Noting that both Dorn and Varma ..., Okafor pointed": Okafor is whom
    -- the sentence is about
    assert.are.equal("Okafor", speaker_of("Tom Berg spoke first.\n\n"
      .. "Noting that both Paul Dorn and Akhil Varma had fought the unions, Okafor pointed to "
      .. 'the docks. "We cannot win without them," he wrote.'))
  end)

  it("takes a subject with an auxiliary in its own sentence", function()
    assert.are.equal("Ortiz", speaker_of("Ms. Gil spoke first.\n\n"
      .. 'Though Ms. Ortiz has spent her life in the Heights, she said, "Nobody can stay here."'))
  end)

  it("stands for the topic that \"As for\" sets", function()
    assert.are.equal("Akhil Varma", speaker_of("Senator Akhil Varma debated Tom Berg on Monday. "
      .. "Tom Berg called for a vote.\n\n"
      .. 'As for Varma, he said he is not worried. "I will have the delegates," he said.'))
  end)

  it("goes on with who reported the sentence before", function()
    -- "..., Tom Berg said.": the sentence is Berg's, whoever it is about
    assert.are.equal("Tom Berg", speaker_of("Paul Dorn barnstormed the county, meeting every "
      .. 'dock crew that would have him, Tom Berg said.\n\n"He was very articulate," he said.'))
  end)

  it("does not stand for the person the quote names", function()
    assert.are.equal("Tom Berg", speaker_of("Paul Dorn is right on the issues, and he is the "
      .. "most able candidate, Tom Berg argues.\n\n"
      .. '"Dorn is our best debater," he says.'))
    assert.are.equal("Tom Berg", speaker_of("Tom Berg, the campaign manager, said Paul Dorn would "
      .. "win. He should get a boost from the vote, Dorn said.\n\n"
      .. '"I think the voters saw that Dorn\'s message could win," he said.'))
  end)

  it("takes a name with an irregular past for a subject", function()
    assert.are.equal("Okafor", speaker_of("Ana Ruiz spoke next.\n\n"
      .. "Okafor went first at the town hall, predicting a close vote.\n\n"
      .. '"We have come a long way," he said.'))
  end)

  it("goes on with a reporter named after a quote's closing mark", function()
    assert.are.equal("Tom Berg", speaker_of('Paul Dorn failed to act and "should have moved '
      .. 'sooner," said Tom Berg, the harbor minister.\n\n"It is frightening," he added.', 2))
  end)

  it("names what an \"it\" or \"they\" that speaks stands for", function()
    assert.are.equal("The Berg campaign", speaker_of("The Berg campaign quickly backtracked, putting "
      .. 'out a statement. In cases of fraud, it said, "the port is a victim."'))
    assert.are.equal("A letter", speaker_of("A letter this month from the staff union reflected "
      .. 'both concerns.\n\n"This must change," it said.'))
    assert.are.equal("Critics of the harbor program", speaker_of("Critics of the harbor program, "
      .. "like Senators Tom Berg and Ana Ruiz, see the vote as a chance to fix it. They sent a "
      .. 'letter on Thursday to the board.\n\n"The program is plagued by fraud," they wrote.'))
    local q = whosaid.extract('Tom Berg and Ana Ruiz met the crews on Monday.\n\n'
      .. '"We will not give up," they said.')[1]
    assert.are.equal("Tom Berg and Ana Ruiz", q.speaker)
    assert.are.same({ "Tom Berg", "Ana Ruiz" }, q.members)
    assert.are.equal("they", q.mention.text)
  end)

  it("names no \"it\" that stands for no one who can speak", function()
    assert.is_nil(speaker_of('The storm hit the harbor on Monday. "It was awful," it said.'))
  end)

  it("takes a name that a role introduces for somebody", function()
    assert.are.equal("Leyla", speaker_of("Ana Ruiz spoke first.\n\n"
      .. "On the opening night, Berg's wife, Leyla, is scheduled to speak. At a rally this "
      .. 'spring, she described him as "kind."'))
  end)

  it("does not take a heading in capitals for a person", function()
    assert.is_nil(speaker_of('FULL TEXT.\n\nHe has called the port plan "reckless."'))
  end)

  it("stands, when it adds, for who spoke the quote before", function()
    assert.are.equal("Tom Berg", speaker_of('Tom Berg spoke to the crews at length: "There is a '
      .. 'ton of work left," he said.\n\nIn that sense, Harbor Point was not just a loss, but a '
      .. 'summons. "This was different," he added.', 2))
  end)

  it("does not take a name inside a relative clause for the subject of its sentence", function()
    assert.are.equal("C. Ross Dunn", speaker_of("Friends still speak of Mr. Berg.\n\n"
      .. "C. Ross Dunn, who served as counsel under Mr. Berg's father, Paul Berg, ticked "
      .. 'through the code of conduct: "Civility was assumed," he said.'))
  end)

  it("stands for whom a role that is the subject before it stands for", function()
    -- "The former harbor governor is a sailor. He released ...": the role
    -- stands for Akhil Varma, the possessor named before it; and for the
    -- Tom Berg introduced with the title written short
    assert.are.equal("Akhil Varma", speaker_of("Tom Berg spoke on Friday.\n\n"
      .. "Independent candidate Akhil Varma's doctor calls him fit.\n\n"
      .. 'The former harbor governor is a sailor. He released a letter that says he is in '
      .. '"extraordinarily good health."'))
    assert.are.equal("Tom Berg", speaker_of("Harbor Gov. Tom Berg met Paul Dorn on Monday. "
      .. "Dorn spoke first.\n\nThe harbor governor said the port needs a new pier. "
      .. '"We cannot wait," he said.'))
  end)
end)
