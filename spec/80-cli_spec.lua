-- bin/whosaid and lua/whosaid/cli.lua: run as a subprocess, and through
-- cli.main with fake streams. Every text here was written for these specs.

local cjson = require "cjson"
local cli = require "whosaid.cli"

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."

local BRIDGE = 'The council met on Monday.\n\n'
  .. '"We will reopen the bridge by June," said Lena Ortiz, the mayor of Calder.\n'
local HARBOR = 'José Núñez, the harbor master, said: “Ships can dock again at noon.” '
  .. 'Later he called the delay “regrettable but brief.”\n'
local UNION = '"It\'s the workers\' turn," Marta Kessler said on Friday. '
  .. '"We\'ve waited since the ’90s."\n\n'
  .. 'The port authority\'s chief, Ana Ruiz, said the offer was "final."\n'
local NONE = "No one is quoted in this sentence.\n"
local ARTICLE = "examples/articles/harbor-strike.txt"

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function write_temp(content)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
  return path
end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local temps = {}
local function temp(content)
  local path = write_temp(content)
  temps[#temps + 1] = path
  return path
end

-- Runs bin/whosaid with `args` (already shell-quoted) and `input` on stdin;
-- returns stdout, stderr, exit code.
local function run(args, input)
  local inpath = temp(input or "")
  local errpath = temp("")
  local cmd = string.format("cd %s && bin/whosaid %s < %s 2> %s", shell_quote(root), args,
    shell_quote(inpath), shell_quote(errpath))
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("a")
  local _, _, code = p:close()
  return out, read_file(errpath), code
end

local function instream(s)
  local pos = 1
  return {
    read = function(_, fmt)
      if fmt == "a" then
        local rest = s:sub(pos)
        pos = #s + 1
        return rest
      end
      assert(fmt == "l", "unexpected read format " .. tostring(fmt))
      if pos > #s then return nil end
      local nl = s:find("\n", pos, true)
      local line = s:sub(pos, (nl or #s + 1) - 1)
      pos = (nl or #s) + 1
      return line
    end,
  }
end

local function outstream()
  local buf, flushes = {}, 0
  return {
    write = function(self, ...)
      for i = 1, select("#", ...) do buf[#buf + 1] = tostring((select(i, ...))) end
      return self
    end,
    flush = function() flushes = flushes + 1 end,
    text = function() return table.concat(buf) end,
    flushes = function() return flushes end,
  }
end

local function main(args, input)
  local out, err = outstream(), outstream()
  local code = cli.main(args, instream(input or ""), out, err)
  return out.text(), err.text(), code, out.flushes()
end

local function lines(s)
  local t = {}
  for line in s:gmatch("([^\n]*)\n") do t[#t + 1] = line end
  return t
end

local function jsonl(docs)
  local t = {}
  for i, d in ipairs(docs) do t[i] = type(d) == "string" and d or cjson.encode(d) end
  return table.concat(t, "\n") .. "\n"
end

local function check_span(text, span, what)
  assert.are.equal("table", type(span), what)
  assert.is_true(math.type(span.start) == "integer" or span.start == math.floor(span.start))
  assert.is_true(span.start >= 0 and span["end"] >= span.start and span["end"] <= #text, what)
  assert.are.equal(text:sub(span.start + 1, span["end"]), span.text, what)
end

teardown(function()
  for _, path in ipairs(temps) do os.remove(path) end
end)

describe("bin/whosaid", function()
  it("prints each quote with its speaker", function()
    local out, err, code = run(shell_quote(temp(BRIDGE)))
    assert.are.equal(0, code, err)
    assert.truthy(out:find("Lena Ortiz", 1, true), out)
    assert.truthy(out:find("We will reopen the bridge by June", 1, true), out)
  end)

  it("runs on the example article of the README", function()
    local out, err, code = run(ARTICLE)
    assert.are.equal(0, code, err)
    assert.are.equal("", err)
    assert.truthy(out:find("^¶"), out)
  end)

  it("reads standard input when given no file or -", function()
    local out1, _, code1 = run("", BRIDGE)
    local out2, _, code2 = run("-", BRIDGE)
    assert.are.equal(0, code1)
    assert.are.equal(0, code2)
    assert.truthy(out1:find("Lena Ortiz", 1, true), out1)
    assert.are.equal(out1, out2)
  end)

  it("prints a header per file when given several", function()
    local a, b = temp(BRIDGE), temp(HARBOR)
    local out, _, code = run(shell_quote(a) .. " " .. shell_quote(b))
    assert.are.equal(0, code)
    assert.truthy(out:find(a, 1, true), out)
    assert.truthy(out:find(b, 1, true), out)
  end)

  it("names a file it cannot open, goes on with the others, exits 1", function()
    local missing = "/nonexistent/whosaid-spec/article.txt"
    local out, err, code = run(shell_quote(missing) .. " " .. shell_quote(temp(BRIDGE)))
    assert.are.equal(1, code)
    assert.truthy(err:find(missing, 1, true), err)
    assert.truthy(out:find("Lena Ortiz", 1, true), out)
  end)

  it("rejects an unknown option with exit 2, naming it", function()
    local out, err, code = run("--frobnicate " .. shell_quote(temp(BRIDGE)))
    assert.are.equal(2, code)
    assert.truthy(err:find("--frobnicate", 1, true), err)
    assert.are.equal("", out)
  end)

  it("prints its version", function()
    local out, _, code = run("--version")
    assert.are.equal(0, code)
    assert.are.equal("whosaid " .. require("whosaid").version .. "\n", out)
    assert.truthy(out:match("^whosaid %d+%.%d+%.%d+"))
  end)

  it("prints help that lists the options", function()
    local out, _, code = run("--help")
    assert.are.equal(0, code)
    assert.truthy(out:find("usage: whosaid", 1, true))
    assert.truthy(out:find("--jsonl", 1, true))
    local out2, _, code2 = run("-h")
    assert.are.equal(0, code2)
    assert.are.equal(out, out2)
  end)

  describe("--jsonl", function()
    it("gives 0-based end-exclusive byte offsets for quotes, mentions and cues", function()
      local docs = {
        { id = "bridge", text = BRIDGE },
        { id = 2, text = HARBOR, publisher = "ignored" },
        { id = "union", text = UNION },
        { id = "article", text = read_file(root .. "/" .. ARTICLE) },
      }
      local out, err, code = run("--jsonl", jsonl(docs))
      assert.are.equal(0, code, err)
      local got = lines(out)
      assert.are.equal(#docs, #got)
      for i, line in ipairs(got) do
        local rec = cjson.decode(line)
        local text = docs[i].text
        assert.are.equal(docs[i].id, rec.id)
        assert.is_table(rec.quotes)
        assert.is_true(#rec.quotes > 0, "no quote found in doc " .. i)
        for _, q in ipairs(rec.quotes) do
          check_span(text, q, "quote " .. q.text)
          for _, key in ipairs({ "mention", "cue" }) do
            if q[key] ~= cjson.null then check_span(text, q[key], key .. " of " .. q.text) end
          end
          assert.truthy(({ direct = true, partial = true, scare = true })[q.kind], q.kind)
          assert.is_true(q.speaker == cjson.null or type(q.speaker) == "string")
          assert.is_true(q.via == cjson.null or type(q.via) == "string")
          assert.is_true(q.rule == cjson.null or type(q.rule) == "string")
          assert.is_true(q.members == cjson.null or type(q.members) == "table")
          assert.is_true(q.confidence >= 0 and q.confidence <= 1)
          assert.is_true(q.paragraph >= 1 and q.paragraph == math.floor(q.paragraph))
          assert.are.equal("number", type(q.group))
        end
      end
      -- numeric ids come back as integers
      assert.truthy(got[2]:find('"id":2[,}]'), got[2])
    end)

    it("writes every field, nil ones as null", function()
      local out = run("--jsonl", jsonl({ { id = 1, text = BRIDGE } }))
      local q = out:match('"quotes":%[(%b{})')
      assert.truthy(q, out)
      for _, key in ipairs({ "text", "start", "end", "kind", "speaker", "mention", "cue",
        "via", "rule", "confidence", "paragraph", "group", "members" }) do
        assert.truthy(q:find('"' .. key .. '":', 1, true), key .. " missing in " .. q)
      end
    end)

    it("encodes no quotes as an empty array", function()
      local out, _, code = run("--jsonl", jsonl({ { id = "none", text = NONE } }))
      assert.are.equal(0, code)
      assert.truthy(out:find('"quotes":[]', 1, true), out)
      assert.are.equal("none", cjson.decode(out).id)
    end)

    it("answers a bad line with an error record, goes on, and exits 1", function()
      local input = jsonl({
        { id = "a", text = BRIDGE },
        "this is not JSON",
        '{"id": "b", "text": 42}',
        "[1, 2, 3]",
        '{"id": "c"}',
        "",
        { id = "d", text = HARBOR },
      })
      local out, _, code = run("--jsonl", input)
      assert.are.equal(1, code)
      local got = lines(out)
      assert.are.equal(6, #got) -- the blank line gets no output
      local recs = {}
      for i, line in ipairs(got) do recs[i] = cjson.decode(line) end
      assert.are.equal("a", recs[1].id)
      assert.is_table(recs[1].quotes)
      for i, want in ipairs({ { 2, cjson.null }, { 3, "b" }, { 4, cjson.null }, { 5, "c" } }) do
        local rec = recs[i + 1]
        assert.are.equal(want[1], rec.line)
        assert.are.equal(want[2], rec.id)
        assert.is_string(rec.error)
        assert.truthy(rec.error:find("^line " .. want[1] .. ": "), rec.error)
        assert.is_nil(rec.quotes)
      end
      assert.are.equal("d", recs[6].id)
      assert.is_true(#recs[6].quotes > 0)
    end)
  end)
end)

describe("whosaid.cli.main", function()
  it("returns 0 and names the speaker", function()
    local out, err, code = main({}, BRIDGE)
    assert.are.equal(0, code, err)
    assert.truthy(out:find("Lena Ortiz", 1, true), out)
  end)

  it("returns 2 for an unknown option and names it", function()
    local out, err, code = main({ "-x" }, BRIDGE)
    assert.are.equal(2, code)
    assert.truthy(err:find("-x", 1, true), err)
    assert.are.equal("", out)
  end)

  it("treats arguments after -- as files", function()
    local _, err, code = main({ "--", "--no-such-file" }, "")
    assert.are.equal(1, code)
    assert.truthy(err:find("--no-such-file", 1, true), err)
  end)

  it("flushes after every JSONL output line", function()
    local input = jsonl({ { id = 1, text = BRIDGE }, "nope", { id = 3, text = NONE } })
    local out, _, code, flushes = main({ "--jsonl" }, input)
    assert.are.equal(1, code)
    assert.are.equal(3, #lines(out))
    assert.are.equal(3, flushes)
  end)

  it("returns 1 with an error record for a line whose text is not a string", function()
    local out, _, code = main({ "--jsonl" }, '{"id": 9, "text": ["a"]}\n')
    assert.are.equal(1, code)
    local rec = cjson.decode(out)
    assert.are.same({ id = 9, line = 1 }, { id = rec.id, line = rec.line })
    assert.truthy(rec.error:find('^line 1: .*"text"'), rec.error)
  end)
end)

describe("whosaid.cli formatting", function()
  local function quote(fields)
    local q = { text = "We are ready", start = 11, stop = 22, kind = "direct",
      confidence = 0.75, paragraph = 3, group = 1 }
    for k, v in pairs(fields) do q[k] = v end
    return q
  end

  it("shows kind, paragraph, speaker, cue and via", function()
    local s = cli.format_quotes({ quote({ speaker = "Pieter Vos",
      cue = { text = "said", start = 30, stop = 33 }, via = "NorPress" }) })
    assert.truthy(s:find("[direct]", 1, true), s)
    assert.truthy(s:find("¶3", 1, true), s)
    assert.truthy(s:find("Pieter Vos (said; via NorPress)", 1, true), s)
    assert.truthy(s:find("“We are ready”", 1, true), s)
  end)

  it("marks speech with no speaker as unattributed", function()
    local s = cli.format_quotes({ quote({}) })
    assert.truthy(s:find("(unattributed)", 1, true), s)
  end)

  it("numbers the parts of one utterance", function()
    local s = cli.format_quotes({ quote({ speaker = "A B" }), quote({ speaker = "A B", paragraph = 4 }) })
    assert.truthy(s:find("part 1/2", 1, true), s)
    assert.truthy(s:find("part 2/2", 1, true), s)
  end)

  it("encodes a quote with 0-based end-exclusive offsets and nulls", function()
    local q = quote({ mention = { text = "Vos", start = 40, stop = 42 }, members = { "A", "B" } })
    local rec = cjson.decode(cli.json_quote(q))
    assert.are.same({ 10, 22 }, { rec.start, rec["end"] })
    assert.are.same({ text = "Vos", start = 39, ["end"] = 42 }, rec.mention)
    assert.are.equal(cjson.null, rec.cue)
    assert.are.equal(cjson.null, rec.speaker)
    assert.are.equal(cjson.null, rec.via)
    assert.are.equal(cjson.null, rec.rule)
    assert.are.same({ "A", "B" }, rec.members)
    assert.truthy(cli.json_quote(quote({ members = {} })):find('"members":[]', 1, true))
  end)
end)

describe("whosaid.extract_json", function()
  local whosaid = require "whosaid"

  local function lua_json(quotes)
    local parts = {}
    for i, q in ipairs(quotes) do parts[i] = cli.json_quote(q) end
    return "[" .. table.concat(parts, ",") .. "]"
  end

  -- the bytes of every quote as cli.json_quote writes them (whosaid check
  -- uses it): escapes, group members, via, fractional confidences, HTML
  it("writes what json_quote writes for the quotes of extract", function()
    local texts = {
      BRIDGE, HARBOR, UNION, NONE, read_file(root .. "/" .. ARTICLE),
      'Kim Jong-un met Vladimir Putin in Moscow on Tuesday.\n\n'
        .. '"We are brothers in arms," the two leaders said.\n',
      'The mayor, Lena Ortiz, said: "Tabs\there, a slash / and a back\\slash, '
        .. '\127 and \1 and \"quotes\" inside." KCNA reported.\n',
    }
    for _, text in ipairs(texts) do
      assert.are.equal(lua_json(whosaid.extract(text)), whosaid.extract_json(text))
    end
    local html = '<p>The mayor said: <q>We will reopen the bridge &amp; the quay.</q></p>'
    assert.are.equal(lua_json(whosaid.extract_html(html)), whosaid.extract_json(html, true))
    assert.are.equal("[]", whosaid.extract_json(""))
  end)

  it("escapes every ASCII byte as lua-cjson does", function()
    local bytes = {}
    for b = 0, 127 do
      -- but the marks and the line breaks, which end the quote
      if b ~= 10 and b ~= 13 and b ~= 34 and b ~= 39 and b ~= 96 then
        bytes[#bytes + 1] = "w" .. string.char(b)
      end
    end
    local text = 'Ortiz said: "' .. table.concat(bytes) .. '."\n'
    local got = cjson.decode(whosaid.extract_json(text))
    assert.are.equal(lua_json(whosaid.extract(text)), whosaid.extract_json(text))
    assert.are.equal(1, #got)
    assert.are.equal(table.concat(bytes) .. ".", got[1].text)
  end)

  -- the C writer takes sixteen bytes a step: a byte to escape at every
  -- place of quotes of every length around those steps
  it("escapes a byte at any place of a quote as lua-cjson does", function()
    local words = ("harbor quay ferry dock pier rail yard market bridge "):rep(2)
    local found, cases = 0, 0
    for len = 1, 40 do
      for at = 1, len do
        for _, special in ipairs({ "/", "\\", "\t", "\127", "\1", "\31" }) do
          local body = words:sub(1, len - 1)
          body = body:sub(1, at - 1) .. special .. body:sub(at)
          local text = "Lena Ortiz said: \"Open the " .. body .. " now.\"\n"
          local json = whosaid.extract_json(text)
          assert.are.equal(lua_json(whosaid.extract(text)), json, text)
          cases = cases + 1
          if json:find(special == "/" and "\\/" or "\\", 1, true) then found = found + 1 end
        end
      end
    end
    -- every case was a quote whose text held the escaped byte
    assert.are.equal(cases, found)
  end)

  it("refuses an extractor with callbacks, which need quote tables", function()
    local ex = whosaid.new():on_quote(function(q) return q end)
    assert.has_error(function() ex:extract_json(BRIDGE) end,
      "extract_json: this extractor has on_quote callbacks, which need the quote tables of extract")
    assert.has_error(function() whosaid.extract_json(42) end,
      "bad argument #1 to 'extract_json' (string expected, got number)")
  end)
end)
