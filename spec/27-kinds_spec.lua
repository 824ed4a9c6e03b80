-- Speech or not: when a quoted span is somebody's words (direct, partial)
-- and when it is a title, a term or a scare quote (scare).  Every text here
-- was written for these specs.
local whosaid = require "whosaid"

-- { why, text, which quote, kind or "speech" }
local cases = {
  -- a quote after "as" is what somebody called it, however it looks
  { "a capitalised quote after as", 'The mayor described the new ferry as "The Pride of the Harbor" on Monday.',
    1, "speech" },
  -- words named as words are somebody's words when the sentence says whose
  { "the slogan somebody repeated", 'Ana Ruiz repeated the slogan "Harbor First" at every stop, her aides said.',
    1, "speech" },
  { "a phrase nobody says", 'The phrase "Harbor First" appears on every poster in the port.', 1, "scare" },
  { "so-called stays a term", 'Lena Ost said the so-called "harbor tax" was dead.', 1, "scare" },
  -- the object of a verb of saying or naming is what was said
  { "the object of chanting", 'Dockworkers marched past city hall on Friday chanting "Fair Pay Now" for an hour.',
    1, "speech" },
  { "a name somebody called her", 'At the rally, Tom Berg called her "The Iron Lady of the Docks" twice.',
    1, "speech" },
  { "the name given a thing", 'The mayor\'s office called the plan "Operation Lighthouse" last week.', 1, "scare" },
  { "the show somebody told", 'Tom Berg told "Harbor Talk" on Sunday that the strike would end.', 1, "scare" },
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
