-- The JSON Lines input of `whosaid --jsonl`: whosaid.core.read_jsonl, the
-- strict reader in C (csrc/jsonl.c) that finds a line's "id" and "text" (or
-- "html"), and what the CLI makes of it. Every text here was written for
-- these specs.

local cjson = require "cjson"
local core = require "whosaid.core"
local cli = require "whosaid.cli"

local read = core.read_jsonl

local BRIDGE = '"We will reopen the bridge by June," said Lena Ortiz.'

-- cli.main over `input` with fake streams: stdout, exit status.
local function run_cli(input, args)
  local pos, buf = 1, {}
  local stdin = {
    read = function()
      if pos > #input then return nil end
      local nl = input:find("\n", pos, true) or #input + 1
      local line = input:sub(pos, nl - 1)
      pos = nl + 1
      return line
    end,
  }
  local stdout = {
    write = function(self, ...)
      for i = 1, select("#", ...) do buf[#buf + 1] = select(i, ...) end
      return self
    end,
  }
  local stderr = { write = function(self) return self end }
  local code = cli.main(args or { "--jsonl" }, stdin, stdout, stderr)
  return table.concat(buf), code
end

-- The message of a line read_jsonl refuses, and the id it reports.
local function refusal(line)
  local input, message, id = read(line)
  assert.is_nil(input, "accepted: " .. line)
  assert.is_string(message)
  return message, id
end

describe("whosaid.core.read_jsonl", function()
  it("returns the text, the id as written and whether it is HTML", function()
    assert.are.same({ "Hello.", '"a1"', false }, { read('{"id": "a1", "text": "Hello."}') })
    assert.are.same({ "<p>Hi</p>", "7", true }, { read('{"html":"<p>Hi</p>","id":7}') })
    assert.are.same({ "x", "null", false }, { read('{"text":"x"}') })
  end)

  it("echoes an id of any JSON type as written, less the space between its tokens", function()
    local ids = {
      { '"a\\/b"', '"a\\/b"' },
      { '"caf\\u00e9 \\"q\\""', '"caf\\u00e9 \\"q\\""' },
      { "12345678901234567890", "12345678901234567890" },
      { "-0", "-0" },
      { "1.50E+3", "1.50E+3" },
      { "true", "true" },
      { "null", "null" },
      { '[ 1 , "a b" , { "k" : [ ] } ]', '[1,"a b",{"k":[]}]' },
      { '{ "source" : "wire", "n" : 2 }', '{"source":"wire","n":2}' },
    }
    for _, c in ipairs(ids) do
      local input, id = read('{"id": ' .. c[1] .. ', "text": "t"}')
      assert.are.equal("t", input)
      assert.are.equal(c[2], id)
      -- and it is the same value
      assert.are.same(cjson.decode('[' .. c[1] .. ']'), cjson.decode('[' .. id .. ']'))
    end
  end)

  it("decodes every escape, surrogate pairs included", function()
    local input = read('{"text": "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u20AC \\ud83d\\ude00 \\u0000."}')
    assert.are.equal('" \\ / \b \f \n \r \t é € 😀 \0.', input)
  end)

  it("passes bytes of 0x80 and above through as they are", function()
    assert.are.equal("Núñez \255\254", read('{"text": "Núñez \255\254"}'))
  end)

  it("finds a member whose name has escapes, and takes the last of a name given twice", function()
    assert.are.equal("y", read('{"t\\u0065xt": "y"}'))
    assert.are.equal("second", read('{"text": "first", "text": "second"}'))
    assert.are.same({ nil, 'missing "text" (or "html")', '"k"' },
      { read('{"id": "k", "text": "first", "text": null}') })
  end)

  it("takes a null member for an absent one", function()
    assert.are.same({ "x", "null", false }, { read('{"id": null, "text": "x", "html": null}') })
    assert.are.same({ "<b>x</b>", "null", true }, { read('{"text": null, "html": "<b>x</b>"}') })
  end)

  it("skips the other members, whatever they hold", function()
    local line = cjson.encode({ id = "g", text = BRIDGE, quotes = { { text = "We will",
      speaker = "Lena Ortiz", start = 1, ["end"] = 8, nested = { { {} } } } },
      publisher = "The Calder Courier", score = -1.25e-3, ok = true, none = cjson.null })
    assert.are.same({ BRIDGE, '"g"', false }, { read(line) })
  end)

  it("accepts white space around every token, and a line of nothing else", function()
    assert.are.same({ "x", "1", false }, { read(' \t{ "id" :\t1 ,\r"text" : "x" }\r ') })
  end)

  it("refuses a record it cannot read with the messages the CLI has always written", function()
    assert.are.same({ nil, 'both "text" and "html": give one', '"b"' },
      { read('{"id": "b", "text": "x", "html": "<p>x</p>"}') })
    assert.are.same({ nil, 'missing "text" (or "html")', "3" }, { read('{"id": 3}') })
    assert.are.same({ nil, '"text" must be a string, not number', '"n"' },
      { read('{"id": "n", "text": 42}') })
    assert.are.same({ nil, '"html" must be a string, not table', "null" },
      { read('{"html": ["a"]}') })
    assert.are.same({ nil, '"text" must be a string, not boolean', "null" },
      { read('{"text": false}') })
    for line, what in pairs({ ["[1, 2]"] = "an array", ['"text"'] = "a string",
      ["42"] = "a number", ["true"] = "a boolean", ["null"] = "null" }) do
      assert.are.same({ nil, "expected a JSON object, got " .. what, "null" }, { read(line) })
    end
  end)

  -- Each malformed line, the byte offset (0-based) the message must give
  -- and a word of what it must say.
  local MALFORMED = {
    { '{"id": 1, "text": "a",}', 22, "member name" },
    { '{"id": 1 "text": "a"}', 9, "',' or '}'" },
    { '{"id" 1, "text": "a"}', 6, "':'" },
    { '{"id": 01, "text": "a"}', 8, "leading zero" },
    { '{"id": 1., "text": "a"}', 9, "after '.'" },
    { '{"id": 1e, "text": "a"}', 9, "exponent" },
    { '{"id": -, "text": "a"}', 8, "digit" },
    { '{"id": tru, "text": "a"}', 7, "value" },
    { '{"id": "a", "text": "abc', 20, "unterminated" },
    { '{"text": "tab\there"}', 13, "control character" },
    { '{"text": "nul\0here"}', 13, "control character" },
    { '{"text": "\\ud83d alone"}', 10, "high surrogate" },
    { '{"text": "\\ud83d\\u0041"}', 10, "high surrogate" },
    { '{"text": "\\ude00"}', 10, "low surrogate" },
    { '{"text": "\\x41"}', 10, "escape" },
    { '{"text": "\\u12"}', 10, "hex digits" },
    { '{"text": "ends with a backslash\\', 32, "escape" },
    { '{"text": "a"} trailing', 14, "end of the line" },
    { '{"text": "a"}{"text": "b"}', 13, "end of the line" },
    { "{'text': 'a'}", 1, "member name" },
    { '{"text": "a", "tags": [1, 2,]}', 28, "value" },
    { '{"text": "a", "tags": [1 2]}', 25, "',' or ']'" },
    { '{"text": "a", "meta": {"k"}}', 26, "':'" },
    { '{"text": "a", "meta": {"k": }}', 28, "value" },
    { '{"text": "a", "skipped": "\\q"}', 26, "escape" },
    { '{"text": "a"', 12, "',' or '}'" },
    { "", 0, "value" },
    { "   ", 3, "value" },
    { "nope", 0, "value" },
  }

  it("refuses malformed JSON anywhere in the line, with the byte offset of the fault", function()
    for _, c in ipairs(MALFORMED) do
      local message, id = refusal(c[1])
      assert.are.equal("null", id, c[1])
      assert.truthy(message:find("^not valid JSON: "), message)
      assert.truthy(message:find(" at byte offset " .. c[2] .. "%f[^%d]"),
        ("%q: %s"):format(c[1], message))
      assert.truthy(message:find(c[3], 1, true), ("%q: %s"):format(c[1], message))
    end
  end)

  it("reads arrays and objects nested 1000 deep, and refuses deeper ones", function()
    local function nested(depth) -- the line itself is the first level
      return '{"text": "a", "deep": ' .. ("["):rep(depth - 1) .. ("]"):rep(depth - 1) .. "}"
    end
    assert.are.equal("a", read(nested(1000)))
    local message = refusal(nested(1001))
    assert.truthy(message:find("nested too deep at byte offset " .. (22 + 999), 1, true), message)
  end)

  it("decodes what lua-cjson encodes, for random texts and ids", function()
    local rng = 20240917
    local function rand(n) -- a small LCG: the same cases on every run
      rng = (rng * 1103515245 + 12345) % 2147483648
      return rng % n
    end
    local pieces = { "a", "Z", " ", "\t", "\n", "\r", '"', "\\", "/", "\0", "\1", "\31", "\127",
      "é", "“", "”", "😀", "\u{2028}", "\255", "{", "}", "[", "]", ":", ",", "0", "-" }
    local function text()
      local t = {}
      for i = 1, rand(40) do t[i] = pieces[rand(#pieces) + 1] end
      return table.concat(t)
    end
    local function value(depth)
      local k = rand(depth > 2 and 4 or 6)
      if k == 0 then return text()
      elseif k == 1 then return rand(100000) - 50000
      elseif k == 2 then return (rand(2000) - 1000) / 8
      elseif k == 3 then return rand(2) == 1
      elseif k == 4 then
        local a = {}
        for i = 1, rand(4) do a[i] = value(depth + 1) end
        return a
      end
      local o = {}
      for _ = 1, rand(4) do o["k" .. rand(9)] = value(depth + 1) end
      return o
    end
    for _ = 1, 500 do
      local doc = { id = value(0), text = text(), extra = value(0) }
      local line = cjson.encode(doc)
      local input, id, html = read(line)
      assert.are.equal(doc.text, input, line)
      assert.is_false(html)
      assert.are.same(cjson.decode(line).id, cjson.decode(id), line)
    end
  end)

  it("raises for an argument that is not a string", function()
    assert.has_error(function() read({}) end)
  end)
end)

-- The path of a new temporary file of content.
local function write_temp(content)
  local path = os.tmpname()
  assert(assert(io.open(path, "wb")):write(content)):close()
  return path
end

describe("whosaid.core.read_line", function()
  -- a temporary file of content, open for reading, and its path
  local function open_temp(content)
    local path = write_temp(content)
    return assert(io.open(path, "rb")), path
  end

  local function lines_of(content, reader)
    local f, path = open_temp(content)
    local got = {}
    while true do
      local line = reader(f)
      if line == nil then break end
      got[#got + 1] = line
    end
    f:close()
    os.remove(path)
    return got
  end

  it("reads the lines file:read('l') reads", function()
    local contents = {
      "", "\n", "\n\n", "one", "one\n", "one\ntwo", "one\r\ntwo\r\n", "a\0b\n\0\n",
      ("x"):rep(70000) .. "\n" .. ("y"):rep(3) .. "\n" .. ("z"):rep(200000),
      '{"id": 1, "text": "a"}\n\n  \n{"id": 2, "text": "b"}\n',
    }
    for _, content in ipairs(contents) do
      assert.are.same(lines_of(content, function(f) return f:read("l") end),
        lines_of(content, core.read_line), ("%q"):format(content:sub(1, 40)))
    end
  end)

  it("goes on where read('l') stopped, on the same file", function()
    local f, path = open_temp("first\nsecond\nthird\n")
    assert.are.equal("first", f:read("l"))
    assert.are.equal("second", core.read_line(f))
    assert.are.equal("third", f:read("l"))
    assert.is_nil(core.read_line(f))
    f:close()
    os.remove(path)
  end)

  it("refuses what is no open file", function()
    local f = io.tmpfile()
    f:close()
    assert.has_error(function() core.read_line(f) end, "attempt to use a closed file")
    assert.has_error(function() core.read_line({ read = function() end }) end)
  end)
end)

describe("whosaid --jsonl input", function()
  it("echoes the id as written, a long number or an escaped string too", function()
    local out, code = run_cli('{"id": 12345678901234567890, "text": "No quote."}\n'
      .. '{"text": "No quote.", "id": "caf\\u00e9\\/1"}\n'
      .. '{"id": {"feed" : "wire", "n" : [1, 2]}, "text": "No quote."}\n')
    assert.are.equal(0, code)
    assert.are.equal('{"id":12345678901234567890,"quotes":[]}\n'
      .. '{"id":"caf\\u00e9\\/1","quotes":[]}\n'
      .. '{"id":{"feed":"wire","n":[1,2]},"quotes":[]}\n', out)
  end)

  it("extracts the decoded text: offsets count its bytes, not the escapes of the line", function()
    local out = run_cli(cjson.encode({ id = "e", text = "\t" .. BRIDGE }) .. "\n")
    local rec = cjson.decode(out)
    assert.are.equal(1, #rec.quotes)
    assert.are.equal(2, rec.quotes[1].start) -- after the tab and the mark
    assert.are.equal("Lena Ortiz", rec.quotes[1].speaker)
  end)

  it("answers a malformed line with the offset of the fault, and goes on", function()
    local out, code = run_cli('{"id": "a", "text": "x", "quotes": [{"text": "q",}]}\n'
      .. cjson.encode({ id = "b", text = BRIDGE }) .. "\n")
    assert.are.equal(1, code)
    local recs = {}
    for line in out:gmatch("[^\n]+") do recs[#recs + 1] = cjson.decode(line) end
    assert.are.equal(2, #recs)
    assert.are.equal(cjson.null, recs[1].id)
    assert.are.equal(1, recs[1].line)
    assert.are.equal("line 1: not valid JSON: a member name (a string) expected at byte offset 49,"
      .. " found '}'", recs[1].error)
    assert.are.equal("b", recs[2].id)
    assert.are.equal("Lena Ortiz", recs[2].quotes[1].speaker)
  end)

  it("keeps the id of a valid line it cannot extract", function()
    local out, code = run_cli('{"id": [1, "x"], "html": 3}\n')
    assert.are.equal(1, code)
    assert.are.equal('{"id":[1,"x"],"line":1,"error":"line 1: \\"html\\" must be a string, not number"}\n',
      out)
  end)
end)

describe("whosaid.core.jsonl", function()
  local whosaid = require "whosaid"

  it("makes a line's record: the id as written and the quotes extract_json writes", function()
    local j = core.jsonl()
    local record, good = j:record(cjson.encode({ id = "b", text = BRIDGE }), 1)
    assert.is_true(good)
    assert.are.equal('{"id":"b","quotes":' .. whosaid.extract_json(BRIDGE) .. "}", record)
    -- a CRLF line's "\r" is not part of the JSON
    assert.are.equal(record, (j:record(cjson.encode({ id = "b", text = BRIDGE }) .. "\r", 7)))
    -- HTML by the flag (--html) or by the line's member
    local html = '<p>The mayor said: <q>We will reopen the quay &amp; the pier.</q></p>'
    local want = '{"id":2,"quotes":' .. whosaid.extract_json(html, true) .. "}"
    assert.are.equal(want, (j:record(cjson.encode({ id = 2, text = html }), 2, true)))
    assert.are.equal(want, (j:record(cjson.encode({ id = 2, html = html }), 2)))
    assert.are_not.equal(want, (j:record(cjson.encode({ id = 2, text = html }), 2)))
  end)

  it("gives no record for a line of white space only", function()
    local j = core.jsonl()
    for _, line in ipairs({ "", " ", "\t \r", "\v\f", "\r" }) do
      assert.is_nil(j:record(line, 1), ("%q"):format(line))
    end
    assert.is_string(j:record(" x", 1))
  end)

  it("answers a line it cannot read or extract with an error record", function()
    local j = core.jsonl()
    local record, good = j:record('{"id": 3, "text": 4}', 12)
    assert.is_false(good)
    assert.are.equal('{"id":3,"line":12,"error":"line 12: \\"text\\" must be a string, not number"}',
      record)
    record, good = j:record("nope", 2)
    assert.is_false(good)
    assert.are.equal('{"id":null,"line":2,"error":"line 2: not valid JSON: a value expected at '
      .. 'byte offset 0, found \'n\'"}', record)
    -- and it goes on
    assert.is_true(select(2, j:record(cjson.encode({ id = 1, text = BRIDGE }), 6)))
  end)

  -- in a process of its own (bin/whosaid): blocks of 64 MiB in this one
  -- leave the allocator's thresholds raised, and the RSS of the streaming
  -- specs (spec/88) then grows
  it("answers a text longer than max_input (64 MiB) with an extract error record", function()
    local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    -- written a MiB at a time: no block of 64 MiB here either
    local mib = ("a"):rep(1024 * 1024)
    f:write('{"id": "big", "text": "')
    for _ = 1, 64 do f:write(mib) end
    f:write('a"}\n', cjson.encode({ id = 1, text = BRIDGE }), "\n")
    f:close()
    local p = assert(io.popen(("cd '%s/..' && bin/whosaid --jsonl < '%s'"):format(here, path)))
    local out = p:read("a")
    local _, _, code = p:close()
    os.remove(path)
    assert.are.equal(1, code)
    assert.are.equal('{"id":"big","line":1,"error":"line 1: extract failed: whosaid: input of '
      .. '67108865 bytes is longer than max_input"}\n'
      .. (core.jsonl():record(cjson.encode({ id = 1, text = BRIDGE }), 2)) .. "\n", out)
  end)

  it("runs a file into a file, a record and a newline a line", function()
    local input = cjson.encode({ id = 1, text = BRIDGE }) .. "\n\n  \n"
      .. '{"id": 2, "text": [1]}\r\n' .. cjson.encode({ id = 3, text = "No quote." })
    local inpath, outpath = write_temp(input), os.tmpname()
    local inf, outf = assert(io.open(inpath, "rb")), assert(io.open(outpath, "wb"))
    local good, err = core.jsonl():file(inf, outf)
    inf:close()
    outf:close()
    local f = assert(io.open(outpath, "rb"))
    local out = f:read("a")
    f:close()
    os.remove(inpath)
    os.remove(outpath)
    assert.is_false(good)
    assert.is_nil(err)
    local j = core.jsonl()
    assert.are.equal((j:record(cjson.encode({ id = 1, text = BRIDGE }), 1)) .. "\n"
      .. '{"id":2,"line":4,"error":"line 4: \\"text\\" must be a string, not table"}\n'
      .. '{"id":3,"quotes":[]}\n', out)
    -- every line good
    inpath = write_temp(cjson.encode({ id = 3, text = "No quote." }) .. "\n")
    inf = assert(io.open(inpath, "rb"))
    outf = io.tmpfile()
    assert.are.same({ true }, { core.jsonl():file(inf, outf) })
    inf:close()
    outf:close()
    os.remove(inpath)
  end)

  it("says why a file could not be read, and refuses closed files", function()
    local dir = assert(io.open(".", "rb")) -- a directory opens, and reading it fails
    local out = io.tmpfile()
    local good, err = core.jsonl():file(dir, out)
    dir:close()
    assert.is_true(good)
    assert.are.equal("Is a directory", err)
    out:close()
    assert.has_error(function() core.jsonl():file(io.stdin, out) end,
      "attempt to use a closed file")
  end)
end)

describe("whosaid --jsonl over files", function()
  it("reports a file it cannot read, and goes on with the next", function()
    local path = write_temp(cjson.encode({ id = 1, text = BRIDGE }) .. "\n")
    local out, err
    local stdout = io.tmpfile()
    local stderr = { write = function(self, ...)
      err = (err or "") .. table.concat({ ... })
      return self
    end }
    local code = cli.main({ "--jsonl", ".", path }, io.stdin, stdout, stderr)
    stdout:seek("set")
    out = stdout:read("a")
    stdout:close()
    os.remove(path)
    assert.are.equal(1, code)
    assert.are.equal("whosaid: cannot read .: Is a directory\n", err)
    assert.are.equal(1, cjson.decode(out).id)
  end)
end)
