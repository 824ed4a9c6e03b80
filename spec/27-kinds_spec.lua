-- Speech or not: when a quoted span is somebody's words (direct, partial)
-- and when it is a title, a term or a scare quote (scare).  Every text here
-- was written for these specs.
local whosaid = require "whosaid"

-- { why, text, which quote, kind or "speech" }
local cases = {
  -- a quote after "as" is what somebody called it, however it looks
  { "a capitalised quote after as", 'The mayor described the new ferry as "The Pride of the Harbor" on Monday.',
    1, "speech" },
  { "a name after as the", 'Locals know the old pier as the "Heart of the Harbor" these days.', 1, "speech" },
  -- quotes joined by and, or, a comma share what the first one is
  { "the second of two names", 'Ost cited his old remarks about her as "Miss Docks" and "Lady Crane" at the hearing.',
    2, "speech" },
  -- the words of a chant
  { "what the crowd chanted", 'The crowd kept up chants of "Fair Pay Now" for an hour.', 1, "speech" },
  -- words named as words are somebody's words when the sentence says whose
  { "the slogan somebody repeated", 'Ana Ruiz repeated the slogan "Harbor First" at every stop, her aides said.',
    1, "speech" },
  { "a phrase nobody says", 'The phrase "Harbor First" appears on every poster in the port.', 1, "scare" },
  { "so-called stays a term", 'Lena Ost said the so-called "harbor tax" was dead.', 1, "scare" },
  -- the object of a verb of saying or naming is what was said
  { "the object of chanting", 'Dockworkers marched past city hall on Friday chanting "Fair Pay Now" for an hour.',
    1, "speech" },
  { "the object of a verb before a comma", 'Outside the hall, the dockers kept on chanting, "Fair Pay Now," '
    .. 'for an hour.', 1, "speech" },
  { "a name inside a noun phrase, however a verb follows",
    'The "Save the Pier" movement continues to grow along the waterfront.', 1, "scare" },
  { "the words a sign reads", 'Protesters held a sign reading "Dump The Harbor Board" outside the hall.',
    1, "speech" },
  { "a name somebody called her", 'At the rally, Tom Berg called her "The Iron Lady of the Docks" twice.',
    1, "speech" },
  { "the name given a thing", 'The mayor\'s office called the plan "Operation Lighthouse" last week.', 1, "scare" },
  { "the show somebody told", 'Tom Berg told "Harbor Talk" on Sunday that the strike would end.', 1, "scare" },
  -- a paragraph of a few capitalised words in marks is a section heading
  { "a section heading", 'The port reopened on Monday.\n\n"A Long Winter on the Docks"\n\n'
    .. 'The strike began in November, when the union walked out.', 1, "scare" },
  { "a heading in capitals", 'The port reopened on Monday.\n\n"NO SHIPS, NO PAY"\n\n'
    .. 'The strike began in November, when the union walked out.', 1, "scare" },
  { "a heading in single marks", '"Every ship can dock," Lena Ost said on Monday. "The strike is over."\n\n'
    .. "'A long road back.'\n\nThe strike began in November.", 3, "scare" },
  { "single marks where speech takes them", "'We will win,' Lena Ost said on Monday.\n\n"
    .. "'Every ship can dock again.'", 2, "speech" },
  { "a short reply is no heading", '"Will you sign?" the mayor asked.\n\n"Never."', 2, "speech" },
  -- a nickname inside a name
  { "a nickname after a first name", 'The bill was drafted by Rep. Lena "Lenny" Ost and passed on Monday.',
    1, "scare" },
  { "a nickname after initials", 'Gov. C.J. "Buck" Harlan signed the harbor bill on Monday.', 1, "scare" },
  -- a few words in marks that nobody near could have said are the writer's
  { "nobody to say it", 'A "harbor levy" is on the table this spring.', 1, "scare" },
  { "one word only the subject could have said", '"We are ready," Tom Berg said.\n\n'
    .. 'Berg later toured the pier and found it "temporary" at best.', 2, "scare" },
  { "a person's phrase", '"We are ready," Tom Berg said.\n\n'
    .. 'As they weigh Berg\'s "harbor renewal," the crews wait for news.', 2, "speech" },
  { "a medium's show", 'Viewers of NBC\'s "Nightly Harbor" saw the strike begin.', 1, "scare" },
  { "a reporting verb near", 'She said the port is a "dry harbor" most of the year.', 1, "speech" },
  { "a pronoun near", 'They want a "fair deal" from the council.', 1, "speech" },
  { "an utterance of its own", '"We will win," Lena Ost said. "Absolutely."', 2, "speech" },
  -- a show after a possessor or a preposition, and the cue after it
  { "the show the sentence happened on", 'On KNR\'s "Harbor Talk," Lena Ost said that the pier was safe.',
    1, "scare" },
  { "a title in what was said", 'The crews are big fans of "Harbor Talk," Mr. Ost said.', 1, "speech" },
  { "a title in a sentence its last clause reports",
    'As the host of "Harbor Kings," Tom Berg demeaned the crews, according to two producers.', 1, "speech" },
  { "a song after the noun that names it", 'At the end of the dockers\' anthem "Ships Come Home," Lena Ost added '
    .. 'a verse of her own.', 1, "scare" },
  { "a film after classic", 'Tom Berg, star of the harbor classic "Low Tide Blues," is not sure he will vote.',
    1, "scare" },
  { "a name after a year", 'Tom Berg backed the dock reforms, as shown by his inclusion of them in his 2019 '
    .. '"Plan for the Harbor."', 1, "scare" },
  { "a plan after the year it was made", 'Lena Ost said the board had scrapped the 2015 "Harbor Promise" in May.',
    1, "scare" },
  { "a book in apposition", 'In her new book, "Tides of Change," Lena Ost said the strike was a mistake.',
    1, "scare" },
  -- a capitalised quote is a title unless a speaker and a voice are near and
  -- it stands where words said stand
  { "capitalised words somebody chose", 'Lena Ost said the union chose "Every Crew Matters" for its posters.',
    1, "speech" },
  { "a name before a noun", 'Lena Ost said the union would buy the "Harbor Times" building.', 1, "scare" },
  { "the name a passive gives", 'The old pier has been called the "Heart of the Harbor" for decades.', 1,
    "speech" },
  { "a capitalised sentence of its own", '"We start on Monday," the mayor added. "Ships Come First."', 2,
    "speech" },
  -- after a subject pronoun a quote is the clause's verb, not a modifier
  { "the verb of a pronoun subject", 'Records show the builders ran a "rolling shell game" in which they '
    .. '"quietly drained" pension funds.', 2, "speech" },
  { "a modifier before its noun", 'Records show the builders kept a "rolling" ledger.', 1, "scare" },
  -- a headline that opens with a name and a colon quotes that name
  { "a word a headline's label said", "Ost: Berg's levy plan stirs 'anger'\n\nThe harbor master spoke on Monday.",
    1, "speech" },
  -- a quote before a person's name, or before a role and the name, labels the person
  { "a show before its star", '"Life is a Long Harbor" star Tom Berg opened up about his childhood on the docks.',
    1, "scare" },
  { "a job before the name", 'The paper sent its "night harbor reporter" Lena Ost to the pier.', 1, "scare" },
  { "what somebody calls a person", 'Tom Berg says his "friend and colleague" Lena Ost ran a fine campaign.',
    1, "speech" },
  -- a work named in an apposition, a term defined after it
  { "a work in apposition to its noun", 'Lena Ost\'s essay, "Let the crews decide," is a fine read.', 1, "scare" },
  { "words said of a work", 'Lena Ost said of the film, "I loved it," and left the hall.', 1, "speech" },
  { "a term and its definition", 'Lena Ost said the port offers a "harbor credit," which is defined as '
    .. 'a loan for crews.', 1, "scare" },
  -- a headline or title with its byline
  { "a headline and its byline", 'HARBOR READS: "Port to close its north pier at the end of May," by Times\' Ana Ruiz.',
    1, "scare" },
  { "a book and its author", 'Her favourite, "A Long Winter on the Docks," by the historian Lee Park, sold out.',
    1, "scare" },
  { "by after words said is no byline", '"The strike was avoidable" by any measure, Lena Ost said.', 1, "speech" },
  { "a passive verb's agent", 'Tom Berg said he was "deeply troubled, even angered," by the Harbor Board\'s vote.',
    1, "speech" },
}

describe("kinds", function()
  for _, c in ipairs(cases) do
    local why, text, n, kind = c[1], c[2], c[3], c[4]
    it(why .. ": " .. text, function()
      local q = whosaid.extract(text)[n]
      assert.is_table(q)
      if kind == "speech" then
        assert.are_not.equal("scare", q.kind)
      else
        assert.are.equal(kind, q.kind)
      end
    end)
  end
end)
