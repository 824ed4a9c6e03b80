-- whosaid.compare and `whosaid check`: quotes of one speaker aligned across
-- two outlets. Every text here was written for these specs.

local cjson = require "cjson"
local whosaid = require "whosaid"
local compare = require "whosaid.compare"

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."

-- Two outlets' versions of one story: the commissioner's name is spelt
-- "Park Ji-won" by one and "Park Ji Won" by the other; one gives "constructive"
-- to both leaders, the other to Adeyemi alone.
local OUTLET_A = [[
Harbor commissioner Park Ji-won met union leader Tomas Adeyemi on Monday.

Park said the port would "reopen fully by June." She called the strike "a painful but necessary pause."

"We will not let this harbor go dark over a few cents an hour," Adeyemi said.

Both leaders described the talks as "constructive."

The mayor's office called the plan "Operation Lighthouse."
]]

local OUTLET_B = [[
Port commissioner Park Ji Won and Tomas Adeyemi, the union's chief, met on Monday.

Park promised the port would "Reopen fully by June", calling the strike "a painful pause."

"We will never let this harbor go dark over a few cents," Adeyemi told reporters.

Adeyemi said the talks were "constructive" and "long overdue."

"Nobody wants a summer without ships," said Marta Kessler, a dock worker.
]]

local OUTLET_C = [[
"We will not let this harbor go dark over a few cents an hour," Tomas Adeyemi said on Monday.
]]

local function q(speaker, text, fields)
  local t = { text = text, start = 1, stop = #text, kind = "direct", speaker = speaker,
    paragraph = 1, group = 1, confidence = 0.9 }
  for k, v in pairs(fields or {}) do t[k] = v end
  return t
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local temps = {}
local function temp(content)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
  temps[#temps + 1] = path
  return path
end

local function run(args)
  local errpath = temp("")
  local p = assert(io.popen(string.format("cd %s && bin/whosaid %s < /dev/null 2> %s",
    shell_quote(root), args, shell_quote(errpath))))
  local out = p:read("a")
  local _, _, code = p:close()
  local f = assert(io.open(errpath, "rb"))
  local err = f:read("a")
  f:close()
  return out, err, code
end

teardown(function()
  for _, path in ipairs(temps) do os.remove(path) end
end)

local function find_pair(report, a_text, b_text)
  for _, p in ipairs(report.pairs) do
    if p.a.text == a_text and p.b.text == b_text then return p end
  end
end

local function texts(list)
  local t = {}
  for i, x in ipairs(list) do t[i] = x.text end
  return t
end

describe("whosaid.compare", function()
  it("is exposed by the whosaid module", function()
    assert.is_function(whosaid.compare)
    local r = whosaid.compare({ q("Ana Ruiz", "We are ready") }, { q("Ana Ruiz", "We are ready") })
    assert.are.equal(1, #r.pairs)
    assert.are.equal("identical", r.pairs[1].match)
  end)

  it("tells identical, punctuation, fragment and altered apart", function()
    local A = {
      q("Ana Ruiz", "The offer is final."),
      q("Ana Ruiz", "We have put a generous proposal on the table"),
      q("Ana Ruiz", "not one cent more"),
      q("Ana Ruiz", "We will never close the harbor to ships"),
    }
    local B = {
      q("Ana Ruiz", "The offer is final."),
      q("Ana Ruiz", "we have put a generous proposal on the table!"),
      q("Ana Ruiz", "There will be not one cent more, and the union knows it"),
      q("Ana Ruiz", "We will not close the harbor to ships"),
    }
    local r = compare.compare(A, B)
    assert.are.equal(4, #r.pairs)
    local want = { "identical", "punctuation", "fragment", "altered" }
    for i, p in ipairs(r.pairs) do
      assert.are.equal(A[i], p.a)
      assert.are.equal(B[i], p.b)
      assert.are.equal(want[i], p.match)
      assert.are.equal("Ana Ruiz", p.speaker)
    end
    assert.are.equal("a", r.pairs[3].fragment)
    assert.are.same({}, r.only_a)
    assert.are.same({}, r.only_b)
    assert.are.same({ identical = 1, punctuation = 1, fragment = 1, altered = 1, only_a = 0,
      only_b = 0, skipped_a = 0, skipped_b = 0 }, r.counts)
    -- the fragment the other way round
    local r2 = compare.compare({ B[3] }, { A[3] })
    assert.are.equal("b", r2.pairs[1].fragment)
  end)

  it("gives a word-level diff", function()
    local r = compare.compare({ q("Ana Ruiz", "We will never close the harbor to ships") },
      { q("Ana Ruiz", "We will not close this harbor to ships") })
    local p = r.pairs[1]
    assert.are.equal("altered", p.match)
    assert.are.same({
      { op = "=", text = "We will" }, { op = "-", text = "never" }, { op = "+", text = "not" },
      { op = "=", text = "close" }, { op = "-", text = "the" }, { op = "+", text = "this" },
      { op = "=", text = "harbor to ships" },
    }, p.diff)
    assert.are.equal("We will [-never-] {+not+} close [-the-] {+this+} harbor to ships",
      compare.diff_line(p.diff))
    assert.is_true(p.similarity > 0.7 and p.similarity < 0.8, tostring(p.similarity))
    -- a punctuation change is shown, not hidden
    local r2 = compare.compare({ q("X Y", "a fair deal,") }, { q("X Y", "A fair deal.") })
    assert.are.equal("punctuation", r2.pairs[1].match)
    assert.are.equal("[-a-] {+A+} fair [-deal,-] {+deal.+}", compare.diff_line(r2.pairs[1].diff))
  end)

  it("leaves unlike quotes and quotes of other speakers unpaired", function()
    local A = { q("Ana Ruiz", "The offer is final."), q("Lena Ortiz", "We start at dawn") }
    local B = { q("Lena Ortiz", "The offer is final."), q("Lena Ortiz", "Ships come back in June") }
    local r = compare.compare(A, B)
    assert.are.same({}, r.pairs)
    assert.are.same(texts(A), texts(r.only_a))
    assert.are.same(texts(B), texts(r.only_b))
    -- a stricter or looser threshold for `altered`
    local a = { q("Ana Ruiz", "the harbor stays open all summer") }
    local b = { q("Ana Ruiz", "the harbor may close next week") }
    assert.are.equal(0, #compare.compare(a, b).pairs)
    assert.are.equal(1, #compare.compare(a, b, { min_similarity = 0.3 }).pairs)
  end)

  it("matches speaker names written differently", function()
    assert.is_true(compare.same_speaker("Kim Jong-un", "Kim Jong Un"))
    assert.is_true(compare.same_speaker("kim jong un", "Kim Jong-Un"))
    assert.is_true(compare.same_speaker("Putin", "Vladimir Putin"))
    assert.is_true(compare.same_speaker("Kim", "Kim Jong Un"))
    assert.is_true(compare.same_speaker("Donald J. Trump", "Donald Trump"))
    assert.is_true(compare.same_speaker("José Núñez", "Jose Nunez"))
    assert.is_true(compare.same_speaker("the Kremlin", "Kremlin"))
    assert.is_false(compare.same_speaker("Kim Jong Un", "Kim Yo Jong"))
    assert.is_false(compare.same_speaker("Vladimir Putin", "Vladimir Lenin"))
    assert.is_false(compare.same_speaker("Ana Ruiz", nil))
    local r = compare.compare({ q("Park Ji-won", "reopen fully by June") },
      { q("Park Ji Won", "reopen fully by June") })
    assert.are.equal(1, #r.pairs)
    assert.are.equal("Park Ji-won", r.pairs[1].speaker)
    assert.are.equal("Park Ji Won", r.pairs[1].speaker_b)
  end)

  it("pairs a group speaker with each of its members", function()
    local group = q("Lena Ortiz and Ana Ruiz", "historic", { members = { "Lena Ortiz", "Ana Ruiz" } })
    local B = { q("Ana Ruiz", "historic"), q("Lena Ortiz", "historic"), q("Paul Okafor", "historic") }
    local r = compare.compare({ group }, B)
    assert.are.equal(2, #r.pairs)
    local names = {}
    for _, p in ipairs(r.pairs) do
      assert.are.equal(group, p.a)
      assert.are.equal("identical", p.match)
      names[#names + 1] = p.speaker
    end
    table.sort(names)
    assert.are.same({ "Ana Ruiz", "Lena Ortiz" }, names)
    assert.are.same({ "historic" }, texts(r.only_b))
    assert.are.equal("Paul Okafor", r.only_b[1].speaker)
  end)

  it("pairs a quote with each of the other outlet's repeats of it", function()
    local A = { q("Ana Ruiz", "final") }
    local B = { q("Ana Ruiz", "final", { paragraph = 1 }), q("Ana Ruiz", "final", { paragraph = 4 }),
      q("Ana Ruiz", "final and fair", { paragraph = 6 }) }
    local r = compare.compare(A, B)
    assert.are.equal(3, #r.pairs)
    assert.are.same({ "identical", "identical", "fragment" },
      { r.pairs[1].match, r.pairs[2].match, r.pairs[3].match })
    assert.are.same({}, r.only_b)
  end)

  it("ties a quote without a speaker only by its words", function()
    local A = { q(nil, "Nobody wants a summer without ships"), q(nil, "summer") }
    local B = { q("Marta Kessler", "nobody wants a summer without ships!"),
      q("Marta Kessler", "a long, hot summer") }
    local r = compare.compare(A, B)
    assert.are.equal(1, #r.pairs)
    assert.are.equal("punctuation", r.pairs[1].match)
    assert.are.equal("Marta Kessler", r.pairs[1].speaker)
    assert.are.same({ "summer" }, texts(r.only_a))
    assert.are.same({ "a long, hot summer" }, texts(r.only_b))
  end)

  it("leaves scare quotes out unless asked", function()
    local A = { q(nil, "Operation Lighthouse", { kind = "scare" }) }
    local B = { q(nil, "Operation Lighthouse", { kind = "scare" }) }
    local r = compare.compare(A, B)
    assert.are.same({}, r.pairs)
    assert.are.same({}, r.only_a)
    assert.are.same({ 1, 1 }, { r.counts.skipped_a, r.counts.skipped_b })
    local r2 = compare.compare(A, B, { scare = true })
    assert.are.equal(1, #r2.pairs)
  end)

  it("checks its arguments", function()
    assert.has_error(function() compare.compare("x", {}) end,
      "bad argument #1 to 'compare' (table expected, got string)")
    assert.has_error(function() whosaid.compare({}, { 42 }) end,
      "bad argument #2 to 'compare' (item 1 is not a quote)")
    assert.has_error(function() compare.compare({}, {}, { min_sim = 1 }) end,
      "bad argument #3 to 'compare' (unknown option 'min_sim')")
    assert.has_error(function() compare.compare({}, {}, { scare = "yes" }) end,
      "bad argument #3 to 'compare' (option 'scare' must be a boolean)")
  end)

  it("aligns the quotes whosaid finds in two outlets' stories", function()
    local r = whosaid.compare(whosaid.extract(OUTLET_A), whosaid.extract(OUTLET_B))
    local june = find_pair(r, "reopen fully by June.", "Reopen fully by June")
    assert.truthy(june, "Park's June quote is not paired")
    assert.are.equal("punctuation", june.match)
    assert.is_true(compare.same_speaker(june.speaker, "Park Ji-won"))
    assert.is_true(compare.same_speaker(june.speaker_b, "Park Ji Won"))
    local harbor = find_pair(r, "We will not let this harbor go dark over a few cents an hour,",
      "We will never let this harbor go dark over a few cents,")
    assert.truthy(harbor, "Adeyemi's harbor quote is not paired")
    assert.are.equal("altered", harbor.match)
    -- "constructive": both leaders in A, Adeyemi alone in B
    local talks = find_pair(r, "constructive.", "constructive")
    assert.truthy(talks, "the group's quote is not paired with Adeyemi's")
    assert.are.equal("punctuation", talks.match)
    assert.truthy(talks.a.members, "A's 'constructive' has no members")
    assert.are.equal("Tomas Adeyemi", talks.speaker_b)
    local only_b = table.concat(texts(r.only_b), "|")
    assert.truthy(only_b:find("Nobody wants a summer without ships", 1, true), only_b)
    assert.are.equal(1, r.counts.skipped_a) -- "Operation Lighthouse"
  end)
end)

describe("whosaid check", function()
  local a, b, c

  setup(function()
    a, b, c = temp(OUTLET_A), temp(OUTLET_B), temp(OUTLET_C)
  end)

  it("prints the pairs by speaker, the lone quotes and a summary", function()
    local out, err, code = run("check " .. shell_quote(a) .. " " .. shell_quote(b))
    assert.are.equal(0, code, err)
    assert.are.equal("", err)
    assert.truthy(out:find("== A: " .. a, 1, true), out)
    assert.truthy(out:find("   B: " .. b, 1, true), out)
    assert.truthy(out:find("\nPark Ji%-won\n"), out)
    assert.truthy(out:find("punctuation   A ¶2   “reopen fully by June.”", 1, true), out)
    assert.truthy(out:find("B ¶2   “Reopen fully by June”  (Park Ji Won)", 1, true), out)
    assert.truthy(out:find("diff  [-reopen-] {+Reopen+} fully by [-June.-] {+June+}", 1, true), out)
    assert.truthy(out:find("altered", 1, true), out)
    assert.truthy(out:find("Only in A (0)", 1, true), out)
    assert.truthy(out:find("Only in B (", 1, true), out)
    assert.truthy(out:find("Marta Kessler", 1, true), out)
    assert.truthy(out:find("\n%-%- %d+ pairs: %d+ identical, %d+ punctuation, %d+ fragment, "
      .. "%d+ altered; %d+ only in A, %d+ only in B\n"), out)
    assert.truthy(out:find("scare quotes left out: 1 in A, 0 in B", 1, true), out)
  end)

  it("writes one JSON line per pair and per lone quote with --jsonl", function()
    for _, flag in ipairs({ "--jsonl", "--format jsonl", "--format=jsonl" }) do
      local out, err, code = run("check " .. flag .. " " .. shell_quote(a) .. " " .. shell_quote(b))
      assert.are.equal(0, code, err)
      local n, matches = 0, {}
      for line in out:gmatch("[^\n]+") do
        n = n + 1
        local rec = cjson.decode(line)
        assert.are.equal(a, rec.a)
        assert.are.equal(b, rec.b)
        matches[rec.match] = (matches[rec.match] or 0) + 1
        if rec.match == "only_a" or rec.match == "only_b" then
          assert.are.equal(cjson.null, rec.diff)
          assert.are.equal("table", type(rec.match == "only_a" and rec.quote_a or rec.quote_b))
        else
          assert.is_table(rec.quote_a)
          assert.is_table(rec.quote_b)
          assert.is_table(rec.diff)
          assert.is_true(rec.similarity >= 0 and rec.similarity <= 1)
          for _, d in ipairs(rec.diff) do
            assert.truthy(({ ["="] = true, ["-"] = true, ["+"] = true })[d[1]])
            assert.is_string(d[2])
          end
          -- quotes are encoded as in `whosaid --jsonl`: 0-based, end-exclusive
          local text = rec.quote_a.start and OUTLET_A
          assert.are.equal(rec.quote_a.text, text:sub(rec.quote_a.start + 1, rec.quote_a["end"]))
        end
      end
      assert.is_true(n >= 5, out)
      assert.is_true((matches.punctuation or 0) >= 1, out)
      assert.is_true((matches.only_b or 0) >= 1, out)
    end
  end)

  it("compares each document with each other one", function()
    local out, _, code = run("check " .. shell_quote(a) .. " " .. shell_quote(b) .. " "
      .. shell_quote(c))
    assert.are.equal(0, code)
    local n = select(2, out:gsub("\n== A: ", "\n")) + (out:find("^== A: ") and 1 or 0)
    assert.are.equal(3, n, out)
    -- A and C carry Adeyemi's words alike
    assert.truthy(out:find("identical     A ¶3", 1, true), out)
  end)

  it("needs two files, a known format, and reports files it cannot read", function()
    local out, err, code = run("check " .. shell_quote(a))
    assert.are.equal(2, code)
    assert.truthy(err:find("two files", 1, true), err)
    assert.are.equal("", out)
    out, err, code = run("check --format html " .. shell_quote(a) .. " " .. shell_quote(b))
    assert.are.equal(2, code)
    assert.truthy(err:find("html", 1, true), err)
    out, err, code = run("check --min-similarity 2 " .. shell_quote(a) .. " " .. shell_quote(b))
    assert.are.equal(2, code)
    assert.truthy(err:find("min-similarity", 1, true), err)
    out, err, code = run("check " .. shell_quote(a) .. " /nonexistent/whosaid/b.txt "
      .. shell_quote(b))
    assert.are.equal(1, code)
    assert.truthy(err:find("/nonexistent/whosaid/b.txt", 1, true), err)
    assert.truthy(out:find("== A: " .. a, 1, true), out)
  end)

  it("takes --scare and --min-similarity", function()
    local out, _, code = run("check --scare " .. shell_quote(a) .. " " .. shell_quote(b))
    assert.are.equal(0, code)
    assert.truthy(out:find("Operation Lighthouse", 1, true), out)
    out, _, code = run("check --min-similarity=0.95 " .. shell_quote(a) .. " " .. shell_quote(b))
    assert.are.equal(0, code)
    assert.is_nil(out:find("altered      ", 1, true), out)
  end)

  it("is listed in the help", function()
    local out, _, code = run("--help")
    assert.are.equal(0, code)
    assert.truthy(out:find("whosaid check", 1, true), out)
  end)
end)
