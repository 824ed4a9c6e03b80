-- A role noun opening a sentence before a name is the name's title, not
-- a part of it, whether or not a given name follows.
local whosaid = require "whosaid"

describe("a role noun opening a sentence", function()
  it("is a title before a given name and a surname the lists do not know", function()
    local q = whosaid.extract('Reporter Ivo Dmitrov said: "The border crossing is closed until Friday."')
    assert.are.equal("Ivo Dmitrov", q[1].speaker)
  end)

  it("is a title before a surname alone", function()
    local q = whosaid.extract("Hacker Dmitrov claimed he had broken into the ministry's server.\n\n"
      .. '"It was like an open door," Dmitrov said.')
    assert.are.equal("Dmitrov", q[1].speaker)
    for _, s in ipairs(whosaid.speakers(q)) do
      assert.are_not.equal("Hacker Dmitrov", s.name)
    end
  end)

  it("stays in an organisation's name", function()
    local q = whosaid.extract('Student Loan Corporation said in a statement: "Payments resume in May."')
    assert.are.equal("Student Loan Corporation", q[1].speaker)
  end)
end)
