-- One speaker's turn across sentences: the second part of a split quote
-- keeps the speaker of the first until someone else is named.  Every text
-- here was written for these specs.
local whosaid = require "whosaid"

local function speakers(text)
  local out = {}
  for i, q in ipairs(whosaid.extract(text)) do out[i] = q.speaker or false end
  return out
end

describe("a turn", function()
  it("goes on past a cue word that names nobody", function()
    -- "asked about", "to laughs", "conference call": cue words without a
    -- speaker of their own
    assert.are.same({ "Rosa Diaz", "Rosa Diaz" }, speakers(
      '"It has been a long winter," Rosa Diaz said, asked about the strike. "Why should anyone be surprised?"'))
    assert.are.same({ "Tom Berg", "Tom Berg" }, speakers(
      '"There it is," Tom Berg said to laughs. "The same old speech."'))
    assert.are.same({ "Ana Ruiz", "Ana Ruiz" }, speakers(
      '"Our hands are tied," Ana Ruiz said on a conference call. "Only the council can act."'))
  end)

  it("goes on past the cue words of a relative clause, a reduced one and a channel", function()
    assert.are.same({ "Rosa Diaz", "Rosa Diaz" }, speakers(
      '"She knows what it takes," said Rosa Diaz, who has often been the target of his angry posts. '
      .. '"She does not whine."'))
    assert.are.same({ "Rosa Diaz", "Rosa Diaz" }, speakers(
      '"Two billionaires fund it," Rosa Diaz said, pointing to a fund called Harbor Forward. '
      .. '"So they think I will win."'))
    assert.are.same({ "Rosa Diaz", "Rosa Diaz" }, speakers(
      '"Who is the real bully here?" said Rosa Diaz, using a word Tom Berg used to describe the mayor. '
      .. '"The council shortchanged the port."'))
    assert.are.same({ "Rosa Diaz", "Rosa Diaz" }, speakers(
      '"Do not protest on the floor," Rosa Diaz said, according to NorPress. "It matters."'))
  end)

  it("goes on where the sentence names the same speaker again", function()
    assert.are.same({ "Rosa Diaz", "Rosa Diaz" }, speakers(
      '"Our members are tired," said Rosa Diaz, a spokeswoman for the dockers. '
      .. '"He has been very hard on the night shift," which Diaz thinks will cost jobs.'))
  end)

  it("goes on from an inverted lead-in through quote-only paragraphs", function()
    assert.are.same({ "Tom Berg", "Tom Berg" }, speakers("Tom Berg spoke on the harbor radio show.\n\n"
      .. 'Stated Berg:\n\n"I think the stakes are high."\n\n"There is evidence of a deal."'))
  end)

  it("goes on into a quote that stops inside its sentence, past the names the sentence ends with", function()
    -- the words after the marks end the quoted sentence: Tom Berg is who
    -- the speaker talked about, not who spoke
    assert.are.same({ "Rosa Diaz", "Rosa Diaz" }, speakers(
      '"The board made its choice last spring," Rosa Diaz added. "It listened to the crews on the night '
      .. 'shift, and it listened to" Tom Berg.'))
    assert.are.same({ "the adviser", "the adviser" }, speakers(
      '"Nobody expected the vote to be close," the adviser said. "If the mayor gives a vague answer, '
      .. 'the council will treat her the way it treated" Tom Berg in the spring budget fight.'))
  end)

  it("ends where the sentence a quote stops inside names a speaker of its own", function()
    local s = speakers('"We are ready," Ana Ruiz said. "We are not ready for" the strike, Tom Berg said.')
    assert.are.equal("Ana Ruiz", s[1])
    assert.are_not.equal("Ana Ruiz", s[2])
  end)

  it("ends where another speaker is named", function()
    local s = speakers('"The pier is safe," Ana Ruiz said, and the mayor agreed. '
      .. 'The union called it "a gamble."')
    assert.are.equal("Ana Ruiz", s[1])
    assert.are_not.equal("Ana Ruiz", s[2])
    s = speakers('"We are ready," Ana Ruiz said. Tom Berg disagreed. "We are not."')
    assert.are.equal("Ana Ruiz", s[1])
    assert.are_not.equal("Ana Ruiz", s[2])
  end)
end)
