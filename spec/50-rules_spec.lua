-- ex:add_rule: PCRE2 attribution rules, their groups, their order, their
-- errors and the match and depth limits of whosaid.new.
local whosaid = require "whosaid"

local KCNA_RULE = {
  name = "kcna-quoted",
  pattern = [[(?<via>KCNA) quoted (?<speaker>\p{Lu}\w+(?: \p{Lu}\w+)*) as saying]],
}

local WIRE = "Pyongyang, Thursday.\n\n"
  .. 'KCNA quoted Kim Jong Un as saying "the friendship will last forever."\n\n'
  .. '"We are ready," Ana Ruiz said.'

describe("ex:add_rule", function()
  it("attributes a quote from its named groups", function()
    local ex = whosaid.new()
    ex:add_medium("KCNA")
    assert.are.equal(ex, ex:add_rule(KCNA_RULE))
    local q = ex:extract(WIRE)
    assert.are.equal(2, #q)
    assert.are.equal("Kim Jong Un", q[1].speaker)
    assert.are.equal("KCNA", q[1].via)
    assert.are.equal("kcna-quoted", q[1].rule)
    assert.are.equal(0.9, q[1].confidence)
    assert.are.same({ text = "Kim Jong Un", start = WIRE:find("Kim", 1, true),
      stop = WIRE:find("Kim Jong Un", 1, true) + 10 }, q[1].mention)
    assert.are_not.equal("scare", q[1].kind)
    assert.are.equal(q[1].text, WIRE:sub(q[1].start, q[1].stop))
    -- the quote the rule does not match goes to the built-in sieves
    assert.are.equal("Ana Ruiz", q[2].speaker)
    assert.are.equal("trailing-cue", q[2].rule)
  end)

  it("gives the cue from its group and a fixed speaker from the rule", function()
    local text = 'The council met.\n\nThe chair ruled that "the motion fails" after Tom Berg said so.'
    local ex = whosaid.new()
    ex:add_rule{ name = "chair", pattern = [[(?<cue>ruled) that]], speaker = "Rosa Diaz" }
    local q = ex:extract(text)[1]
    assert.are.equal("Rosa Diaz", q.speaker)
    assert.are.equal("chair", q.rule)
    assert.are.same({ text = "ruled", start = text:find("ruled"), stop = text:find("ruled") + 4 }, q.cue)
    assert.is_nil(q.mention)
    assert.is_nil(q.via)
  end)

  it("runs before the built-in sieves, the first matching rule winning", function()
    local text = 'The council met.\n\nThe chair ruled that "the motion fails" after Tom Berg said so.'
    local builtin = whosaid.extract(text)[1]
    assert.are_not.equal("first", builtin.rule)   -- the built-in sieves' own answer
    local ex = whosaid.new()
    ex:add_rule{ name = "no-match", pattern = [[(?<speaker>Nobody) ruled]] }
    ex:add_rule{ name = "first", pattern = [[The (?<speaker>chair) ruled]] }
    ex:add_rule{ name = "second", pattern = [[ruled]], speaker = "Someone Else" }
    local q = ex:extract(text)[1]
    assert.are.equal("chair", q.speaker)
    assert.are.equal("first", q.rule)
  end)

  it("gives the canonical name of a known speaker its group names", function()
    local ex = whosaid.new()
    ex:add_speaker{ name = "Kim Jong Un", aliases = { "Kim" }, gender = "male" }
    ex:add_rule{ name = "as-saying", pattern = [[quoted (?<speaker>\p{Lu}\w+) as saying]] }
    local text = 'State radio quoted Kim as saying "the harvest is good."'
    local q = ex:extract(text)[1]
    assert.are.equal("Kim Jong Un", q.speaker)
    assert.are.equal("Kim", q.mention.text)
  end)

  it("matches the quote's own sentence only", function()
    local ex = whosaid.new()
    ex:add_rule(KCNA_RULE)
    local q = ex:extract('KCNA quoted Kim Jong Un as saying "yes." Later "no" was heard.')
    assert.are.equal("kcna-quoted", q[1].rule)
    assert.are_not.equal("kcna-quoted", q[2].rule)
  end)

  it("keeps every extractor's rules its own", function()
    local a, b = whosaid.new(), whosaid.new()
    a:add_rule(KCNA_RULE)
    assert.are.equal("kcna-quoted", a:extract(WIRE)[1].rule)
    assert.are_not.equal("kcna-quoted", b:extract(WIRE)[1].rule)
    assert.are_not.equal("kcna-quoted", whosaid.extract(WIRE)[1].rule)
    -- the same name may be used in another extractor
    b:add_rule(KCNA_RULE)
  end)

  it("raises PCRE2's message and the offset for an invalid pattern", function()
    local ex = whosaid.new()
    assert.has_error(function()
      ex:add_rule{ name = "kcna-quoted", pattern = [[(?<via>KCNA quoted]] }
    end, "rule 'kcna-quoted': missing closing parenthesis at offset 18")
    assert.has_error(function()
      ex:add_rule{ name = "star", pattern = "*x" }
    end, "rule 'star': quantifier does not follow a repeatable item at offset 0")
    -- a failed rule is not added
    ex:add_rule{ name = "kcna-quoted", pattern = KCNA_RULE.pattern }
  end)

  it("rejects rules that could name nobody, and duplicate names", function()
    local ex = whosaid.new()
    assert.has_error(function() ex:add_rule{ name = "mute", pattern = "said" } end,
      "rule 'mute': no (?<speaker>...) group and no fixed speaker")
    ex:add_rule(KCNA_RULE)
    assert.has_error(function() ex:add_rule(KCNA_RULE) end,
      "rule 'kcna-quoted': a rule of that name exists already")
  end)

  it("checks the rule table strictly, naming the key", function()
    local ex = whosaid.new()
    assert.has_error(function() ex:add_rule("x") end,
      "bad argument #1 to 'add_rule' (table expected, got string)")
    assert.has_error(function() ex:add_rule{ name = "r", pattern = "(?<speaker>x)", speeker = "A" } end,
      "bad argument #1 to 'add_rule' (unknown key 'speeker')")
    assert.has_error(function() ex:add_rule{ pattern = "(?<speaker>x)" } end,
      "bad argument #1 to 'add_rule' ('name' must be a non-empty string, got nil)")
    assert.has_error(function() ex:add_rule{ name = "", pattern = "(?<speaker>x)" } end,
      "bad argument #1 to 'add_rule' ('name' must be a non-empty string, got an empty one)")
    assert.has_error(function() ex:add_rule{ name = "r" } end,
      "bad argument #1 to 'add_rule' ('pattern' must be a non-empty string, got nil)")
    assert.has_error(function() ex:add_rule{ name = "r", pattern = 5 } end,
      "bad argument #1 to 'add_rule' ('pattern' must be a non-empty string, got number)")
    assert.has_error(function() ex:add_rule{ name = "r", pattern = "" } end,
      "bad argument #1 to 'add_rule' ('pattern' must be a non-empty string, got an empty one)")
    assert.has_error(function() ex:add_rule{ name = "r", pattern = "x", speaker = {} } end,
      "bad argument #1 to 'add_rule' ('speaker' must be a non-empty string, got table)")
    assert.has_error(function() ex:add_rule{ name = "r", pattern = "x", [1] = "y" } end,
      "bad argument #1 to 'add_rule' (keys must be strings, got number)")
  end)
end)

describe("match and depth limits", function()
  local runaway = ('"Stop," %s! said Bob.'):format(("a"):rep(200))

  it("stop a catastrophic pattern with an error naming the rule", function()
    local ex = whosaid.new{ match_limit = 10000 }
    ex:add_rule{ name = "fine", pattern = [[(?<speaker>Bob)x]] }
    ex:add_rule{ name = "catastrophe", pattern = [[(?<speaker>(a+)+$)]] }
    local ok, err = pcall(ex.extract, ex, runaway)
    assert.is_false(ok)
    assert.matches("^whosaid: rule 'catastrophe': .*limit", err)
    -- the extractor goes on working
    assert.are.equal(2, #ex:extract(WIRE))
  end)

  it("include a depth limit, which PCRE2's interpreter obeys (jit = false)", function()
    local ex = whosaid.new{ depth_limit = 50, jit = false }
    ex:add_rule{ name = "deep", pattern = [[(?<speaker>(?:a|b)+)!]] }
    assert.has_error(function() ex:extract(runaway) end,
      "whosaid: rule 'deep': matching depth limit exceeded")
    local roomy = whosaid.new{ jit = false }
    roomy:add_rule{ name = "deep", pattern = [[(?<speaker>(?:a|b)+)!]] }
    assert.are.equal("deep", roomy:extract(runaway)[1].rule)
    assert.has_error(function() whosaid.new{ jit = "no" } end,
      "bad option 'jit': boolean expected, got string")
  end)

  it("have defaults that stop it too", function()
    local ex = whosaid.new()
    ex:add_rule{ name = "catastrophe", pattern = [[(?<speaker>(a+)+$)]] }
    assert.has_error(function() ex:extract(runaway) end)
  end)

  it("are options checked by name", function()
    assert.has_error(function() whosaid.new{ match_limit = 0 } end,
      "bad option 'match_limit': must be between 1 and 4294967295, got 0")
    assert.has_error(function() whosaid.new{ depth_limit = 2^40 } end,
      "bad option 'depth_limit': integer expected, got number")
    assert.has_error(function() whosaid.new{ depth_limit = 1 << 40 } end,
      "bad option 'depth_limit': must be between 1 and 4294967295, got 1099511627776")
    assert.has_error(function() whosaid.new{ match_limit = "10" } end,
      "bad option 'match_limit': integer expected, got string")
    local ex = whosaid.new{ match_limit = 5000000, depth_limit = 5000 }
    ex:add_rule(KCNA_RULE)
    assert.are.equal("kcna-quoted", ex:extract(WIRE)[1].rule)
  end)
end)

describe("whosaid.new options", function()
  it("accepts html = false and html = true (spec/45-html_spec.lua)", function()
    assert.are.equal(2, #whosaid.new{ html = false }:extract(WIRE))
    assert.are.equal(2, #whosaid.new{ html = true }:extract(WIRE))
    assert.has_error(function() whosaid.new{ html = "no" } end,
      "bad option 'html': boolean expected, got string")
    assert.has_error(function() whosaid.new{ htlm = false } end, "unknown option 'htlm'")
  end)
end)
