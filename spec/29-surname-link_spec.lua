-- A one-word name links to the person whose surname it is; to a longer
-- name it merely begins only when it is a given name, the longer name was
-- surely a person's, or it is written surname first ("Chung Hye-rin").
local whosaid = require "whosaid"

local function speaker_of(text)
  local q = whosaid.new():extract(text)
  assert.are.equal(1, #q)
  return q[1].speaker
end

describe("a one-word name", function()
  it("is not the longer name it merely begins", function()
    assert.are.equal("Dunmore", speaker_of(
      "Supporters who rode the Dunmore Wagon packed the hall on Tuesday.\n\n"
      .. 'Dunmore told the crowd that the plant would reopen, "and it will be a great day for this town."'))
  end)

  it("still links to a person by a given name", function()
    assert.are.equal("Susan Okafor", speaker_of(
      'Susan Okafor spoke first at the hearing.\n\n"We will not back down," Susan said.'))
  end)

  it("still links to a person the text surely named by it", function()
    assert.are.equal("Zhou Xiaoming", speaker_of(
      "Zhou Xiaoming told reporters the factory would stay open.\n\n"
      .. '"We will keep every worker," Zhou said.'))
  end)

  it("still links to a name written surname first", function()
    assert.are.equal("Chung Hye-rin", speaker_of(
      "Foreign Minister Chung Hye-rin arrived in Geneva on Sunday.\n\n"
      .. '"The talks will resume in spring," Chung said.'))
  end)
end)
