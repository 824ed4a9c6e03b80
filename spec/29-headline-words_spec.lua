-- Capitalised common words after a possessive in a title-case headline
-- are no name: a name needs one word that is not a common word (one the
-- lexicon or the text's lower case calls common).
local whosaid = require "whosaid"

describe("common words in a headline", function()
  it("are no speaker after a possessive", function()
    local q = whosaid.extract("Okafor Weighs Becoming Dunmore’s Running Mate “Very Seriously.”\n\n"
      .. "State Sen. Ada Okafor said on Tuesday she would think hard about the offer to be "
      .. "his running mate. She said her team would meet this week.")
    assert.are.equal(1, #q)
    for _, s in ipairs(whosaid.speakers(q)) do
      assert.are_not.equal("Running Mate", s.name)
    end
    assert.are_not.equal("Running Mate", q[1].speaker)
  end)
end)
