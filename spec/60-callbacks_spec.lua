-- ex:on_quote: callbacks over every quote, in order; dropping, changing and
-- replacing quotes; errors that reach the caller of extract; no leaks.
local whosaid = require "whosaid"

local STORY = 'Harbor chief Lena Ost met Mayor Tom Berg on Monday.\n\n'
  .. '"The cranes are safe," Lena Ost said. "Every one of them."\n\n'
  .. '"We will reopen on Friday," Berg said.\n\n'
  .. 'The so-called "harbor tax" was dropped.'

describe("ex:on_quote", function()
  it("sees every quote with the text, and keeps what it returns", function()
    local ex = whosaid.new()
    local seen = {}
    assert.are.equal(ex, ex:on_quote(function(q, text)
      seen[#seen + 1] = q.text
      assert.are.equal(STORY, text)
      q.checked = true
      return q
    end))
    local q = ex:extract(STORY)
    assert.are.same(seen, (function()
      local t = {} for i, x in ipairs(whosaid.extract(STORY)) do t[i] = x.text end return t
    end)())
    for _, x in ipairs(q) do assert.is_true(x.checked) end
  end)

  it("drops a quote for which a callback returns nil", function()
    local ex = whosaid.new()
    ex:on_quote(function(q) if q.kind ~= "scare" then return q end end)
    local all, kept = whosaid.extract(STORY), ex:extract(STORY)
    assert.are.equal(#all - 1, #kept)
    for _, q in ipairs(kept) do assert.are_not.equal("scare", q.kind) end
  end)

  it("runs several callbacks in the order added, each on what the last returned", function()
    local ex = whosaid.new()
    local order = {}
    ex:on_quote(function(q) order[#order + 1] = "a" return { text = q.text, speaker = q.speaker, n = 1 } end)
    ex:on_quote(function(q) order[#order + 1] = "b" q.n = q.n + 1 return q end)
    ex:on_quote(function(q) order[#order + 1] = "c" if q.speaker then return q end end)
    local q = ex:extract('"We will reopen," Tom Berg said. And "so-called" things.')
    assert.are.same({ "a", "b", "c", "a", "b", "c" }, order)
    assert.are.equal(1, #q)
    assert.are.equal(2, q[1].n)
    assert.are.equal("Tom Berg", q[1].speaker)
  end)

  it("stops the chain at a dropped quote", function()
    local ex = whosaid.new()
    local calls = 0
    ex:on_quote(function() return nil end)
    ex:on_quote(function(q) calls = calls + 1 return q end)
    assert.are.same({}, ex:extract(STORY))
    assert.are.equal(0, calls)
  end)

  it("passes a callback's error to the caller of extract as it was raised", function()
    local ex = whosaid.new()
    ex:on_quote(function(q) if q.speaker == "Tom Berg" then error("no Berg today") end return q end)
    assert.has_error(function() ex:extract(STORY) end, "no Berg today")
    local obj = { code = 42 }
    local ex2 = whosaid.new()
    ex2:on_quote(function() error(obj) end)
    local ok, err = pcall(ex2.extract, ex2, STORY)
    assert.is_false(ok)
    assert.are.equal(obj, err)
    -- the extractor is intact afterwards
    assert.are.equal(#whosaid.extract(STORY), #whosaid.new():extract(STORY))
    assert.has_error(function() ex:extract(STORY) end, "no Berg today")
  end)

  it("rejects a return value that is no quote", function()
    local ex = whosaid.new()
    ex:on_quote(function(q) return q end)
    ex:on_quote(function() return true end)
    assert.has_error(function() ex:extract(STORY) end,
      "on_quote callback #2 returned a boolean, not a quote table or nil")
  end)

  it("wants a function", function()
    local ex = whosaid.new()
    assert.has_error(function() ex:on_quote("print") end,
      "bad argument #1 to 'on_quote' (function expected, got string)")
    assert.has_error(function() ex:on_quote() end,
      "bad argument #1 to 'on_quote' (function expected, got no value)")
  end)

  it("belongs to one extractor: whosaid.extract and others never run it", function()
    local ex = whosaid.new()
    ex:on_quote(function() error("must not run") end)
    assert.are.equal(4, #whosaid.extract(STORY))
    assert.are.equal(4, #whosaid.new():extract(STORY))
  end)

  it("may add rules to its own extractor while it runs", function()
    local ex = whosaid.new()
    local added = false
    ex:on_quote(function(q)
      if not added then
        ex:add_rule{ name = "late", pattern = "(?<speaker>Lena Ost)" }
        added = true
      end
      return q
    end)
    assert.are_not.equal("late", ex:extract(STORY)[1].rule)
    assert.are.equal("late", ex:extract(STORY)[1].rule)
  end)
end)

-- Runs a script under valgrind that makes every error of the API happen
-- many times: a callback's error, a rule's match limit, invalid patterns and
-- options, bad speaker tables.  valgrind exits non-zero on a leak or a bad
-- access.  The rules run in PCRE2's interpreter (jit = false): JIT code
-- reads a little past the subject on purpose, which valgrind reports.
describe("under valgrind", function()
  local has_valgrind = os.execute("command -v valgrind >/dev/null 2>&1")

  local script = [=[
package.path = "lua/?.lua;" .. package.path
package.cpath = "build/?.so;" .. package.cpath
local whosaid = require "whosaid"
local text = 'KCNA quoted Kim Jong Un as saying "the friendship will last."\n\n'
  .. '"We are ready," Ana Ruiz said. "Every one of us."\n\n'
  .. '"Stop," ' .. ("a"):rep(100) .. '! said Bob.'
for i = 1, 20 do
  local ex = whosaid.new{ match_limit = 20000, jit = false }
  ex:add_speaker{ name = "Kim Jong Un", aliases = { "Kim" }, gender = "male" }
  ex:add_medium("KCNA")
  ex:add_rule{ name = "kcna", pattern = [[(?<via>KCNA) quoted (?<speaker>\p{Lu}\w+(?: \p{Lu}\w+)*) as saying]] }
  ex:on_quote(function(q) if q.speaker == "Ana Ruiz" then error("callback " .. i) end return q end)
  local ok, err = pcall(ex.extract, ex, text)
  assert(not ok and err:find("callback " .. i), err)
  assert(not pcall(ex.add_rule, ex, { name = "bad", pattern = "(?<speaker>" }))
  assert(not pcall(ex.add_speaker, ex, { name = "X", aliases = { "Y", 1 } }))
  assert(not pcall(whosaid.new, { match_limit = -1 }))
  ex:add_rule{ name = "runaway", pattern = [[(?<speaker>(a+)+$)]] }
  ok, err = pcall(ex.extract, ex, text)
  assert(not ok and err:find("rule 'runaway'"), err)
  local plain = whosaid.new{ jit = false }
  plain:add_speaker{ name = "Kim Jong Un", aliases = { "Kim" } }
  assert(#plain:extract(text) == 4)
end
collectgarbage()
print("done")
]=]

  local run = has_valgrind and it or pending
  run("leaks nothing when every error path is taken", function()
    local path = os.tmpname()
    local f = assert(io.open(path, "w"))
    f:write(script)
    f:close()
    local p = assert(io.popen("valgrind -q --leak-check=full "
      .. "--error-exitcode=9 lua5.4 " .. path .. " 2>&1"))
    local out = p:read("a")
    local ok, how, code = p:close()
    os.remove(path)
    assert.are.equal("done\n", out)
    assert.is_true(ok, ("valgrind: %s %s"):format(tostring(how), tostring(code)))
  end)
end)
