-- `whosaid --format text|jsonl|tsv|html` and the progress bar. Every text
-- here was written for these specs.

local cjson = require "cjson"
local cli = require "whosaid.cli"
local html = require "whosaid.html"
local whosaid = require "whosaid"

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."

local BRIDGE = 'The council met on Monday.\n\n'
  .. '"We will reopen the bridge by June," said Lena Ortiz, the mayor of Calder.\n'
local FERRY = 'Paul Okafor, who runs the ferry, said the timetable was "a mess." '
  .. '"Tell <Calder> & the council: we sail at 6," Okafor said.\n\n'
  .. 'Mayor Lena Ortiz called the ferry "our lifeline."\n'
local TRICKY = 'Notes <script>alert("x")</script> & \'quotes\' stay text.\n\n'
  .. '"We are <b>not</b> closing," said Ana Ruiz.\n'

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

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function run(args, input)
  local inpath, errpath = temp(input or ""), temp("")
  local p = assert(io.popen(string.format("cd %s && bin/whosaid %s < %s 2> %s",
    shell_quote(root), args, shell_quote(inpath), shell_quote(errpath))))
  local out = p:read("a")
  local _, _, code = p:close()
  return out, read_file(errpath), code
end

local function outstream(isatty)
  local buf = {}
  return {
    isatty = isatty,
    write = function(self, ...)
      for i = 1, select("#", ...) do buf[#buf + 1] = tostring((select(i, ...))) end
      return self
    end,
    flush = function() end,
    text = function() return table.concat(buf) end,
  }
end

local function instream(s)
  return { read = function() local r = s; s = ""; return r end }
end

local function lines(s)
  local t = {}
  for line in s:gmatch("([^\n]*)\n") do t[#t + 1] = line end
  return t
end

local function split_tabs(line)
  local t = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do t[#t + 1] = field end
  return t
end

local function unescape_tsv(s)
  return (s:gsub("\\(.)", { t = "\t", n = "\n", r = "\r", ["\\"] = "\\" }))
end

local ENTITIES = { amp = "&", lt = "<", gt = ">", quot = '"', ["#39"] = "'" }
local function unescape_html(s)
  return (s:gsub("&(#?%w+);", ENTITIES))
end

teardown(function()
  for _, path in ipairs(temps) do os.remove(path) end
end)

describe("--format", function()
  it("text is the default, and jsonl is --jsonl", function()
    local f = temp(BRIDGE)
    local plain = run(shell_quote(f))
    assert.are.equal(plain, (run("--format text " .. shell_quote(f))))
    assert.are.equal(plain, (run("--format=text " .. shell_quote(f))))
    local input = cjson.encode({ id = "b", text = BRIDGE }) .. "\n"
    local j1 = run("--jsonl", input)
    assert.are.equal(j1, (run("--format jsonl", input)))
    assert.are.equal(j1, (run("--format=jsonl", input)))
    assert.are.equal("b", cjson.decode(j1).id)
  end)

  it("rejects an unknown format or a missing one with exit 2", function()
    local out, err, code = run("--format xml")
    assert.are.equal(2, code)
    assert.truthy(err:find("xml", 1, true), err)
    assert.are.equal("", out)
    out, err, code = run("--format")
    assert.are.equal(2, code)
    assert.truthy(err:find("--format", 1, true), err)
  end)

  it("is listed in the help", function()
    local out = run("--help")
    for _, w in ipairs({ "--format", "tsv", "html", "jsonl" }) do
      assert.truthy(out:find(w, 1, true), w)
    end
  end)

  describe("tsv", function()
    it("writes a header, then one row a quote with 0-based end-exclusive offsets", function()
      local a, b = temp(BRIDGE), temp(FERRY)
      local out, err, code = run("--format tsv " .. shell_quote(a) .. " " .. shell_quote(b))
      assert.are.equal(0, code, err)
      assert.are.equal("", err)
      local rows = lines(out)
      assert.are.equal("document\tspeaker\tkind\tvia\tstart\tend\tquote", rows[1])
      local want = #whosaid.extract(BRIDGE) + #whosaid.extract(FERRY)
      assert.are.equal(want + 1, #rows)
      local texts = { [a] = BRIDGE, [b] = FERRY }
      for i = 2, #rows do
        local f = split_tabs(rows[i])
        assert.are.equal(7, #f, rows[i])
        local text = texts[f[1]]
        assert.truthy(text, "unknown document " .. f[1])
        assert.truthy(({ direct = true, partial = true, scare = true })[f[3]], f[3])
        local s, e = tonumber(f[5]), tonumber(f[6])
        assert.are.equal(unescape_tsv(f[7]), text:sub(s + 1, e))
      end
      assert.truthy(out:find("\tLena Ortiz\tdirect\t\t", 1, true), out)
      assert.truthy(out:find("\tPaul Okafor\t", 1, true), out)
    end)

    it("names standard input '-' and writes only the header for no quotes", function()
      local out, _, code = run("--format tsv", "Nobody is quoted here.\n")
      assert.are.equal(0, code)
      assert.are.equal(cli.tsv_header, out)
      out = run("--format tsv -", BRIDGE)
      assert.truthy(out:find("\n%-\tLena Ortiz\t"), out)
    end)

    it("escapes tabs, newlines, carriage returns and backslashes", function()
      local row = cli.tsv_rows("dir\\a\tb.txt", { {
        text = "one\ttwo\nthree\r\\four", start = 5, stop = 24, kind = "direct",
        speaker = "Ana\tRuiz", via = "Nor\nPress",
      } })
      assert.are.equal("dir\\\\a\\tb.txt\tAna\\tRuiz\tdirect\tNor\\nPress\t4\t24\t"
        .. "one\\ttwo\\nthree\\r\\\\four\n", row)
      local f = split_tabs(row:sub(1, -2))
      assert.are.equal(7, #f)
      assert.are.equal("one\ttwo\nthree\r\\four", unescape_tsv(f[7]))
      assert.are.equal("", cli.tsv_rows("x", {}))
    end)
  end)

  describe("html", function()
    local page, a, b, c

    setup(function()
      a, b, c = temp(BRIDGE), temp(FERRY), temp(TRICKY)
      local err, code
      page, err, code = run("--format html " .. shell_quote(a) .. " " .. shell_quote(b) .. " "
        .. shell_quote(c))
      assert.are.equal(0, code, err)
      assert.are.equal("", err)
    end)

    it("is one self-contained document", function()
      assert.truthy(page:find("^<!DOCTYPE html>\n<html lang=\"en\">"), page:sub(1, 80))
      assert.truthy(page:find('<meta charset="utf-8">', 1, true))
      assert.truthy(page:find("</html>\n$"))
      for _, bad in ipairs({ "<script", "<link", "<img", "<iframe", "src=", "@import", "url(",
        "http:", "https:", "//fonts" }) do
        assert.is_nil(page:find(bad, 1, true), "the page has " .. bad)
      end
    end)

    it("shows each article and marks each quote with its speaker and cue", function()
      for _, path in ipairs({ a, b, c }) do
        assert.truthy(page:find('data-name="' .. html.escape(path) .. '"', 1, true), path)
      end
      local marks = {}
      for attrs, inner in page:gmatch('<mark (class="q [^>]*)>(.-)</mark>') do
        marks[#marks + 1] = { attrs = attrs, inner = inner }
      end
      local want = #whosaid.extract(BRIDGE) + #whosaid.extract(FERRY) + #whosaid.extract(TRICKY)
      assert.are.equal(want, #marks)
      local ortiz
      for _, m in ipairs(marks) do
        if m.attrs:find('data-speaker="Lena Ortiz"', 1, true)
          and m.inner:find("We will reopen the bridge by June", 1, true) then
          ortiz = m
        end
      end
      assert.truthy(ortiz, "no mark for Lena Ortiz's quote")
      assert.truthy(ortiz.attrs:find('title="Lena Ortiz · cue: said · direct', 1, true), ortiz.attrs)
      assert.truthy(ortiz.attrs:find('data-cue="said"', 1, true), ortiz.attrs)
      local start = tonumber(ortiz.attrs:match('data%-start="(%d+)"'))
      local stop = tonumber(ortiz.attrs:match('data%-end="(%d+)"'))
      assert.are.equal("We will reopen the bridge by June,", BRIDGE:sub(start + 1, stop))
      -- the speaker's mention and the cue are marked too
      assert.truthy(page:find('<span class="who"[^>]*title="speaker: Lena Ortiz">Lena Ortiz</span>'),
        "no mention span")
      assert.truthy(page:find('<span class="cue" title="cue of Lena Ortiz">said</span>', 1, true),
        "no cue span")
    end)

    it("gives a speaker one colour in every article, and lists the speakers with counts", function()
      local classes = {}
      for attrs in page:gmatch('<mark (class="q [^>]*)>') do
        local speaker = attrs:match('data%-speaker="([^"]*)"')
        local cls = attrs:match('class="q %a+ (s%d+)"')
        if speaker and cls then
          assert.is_true(classes[speaker] == nil or classes[speaker] == cls, speaker)
          classes[speaker] = cls
        end
      end
      assert.truthy(classes["Lena Ortiz"])
      assert.truthy(classes["Paul Okafor"])
      assert.are_not.equal(classes["Lena Ortiz"], classes["Paul Okafor"])
      local legend = page:match('<ul id="speakers">(.-)</ul>')
      assert.truthy(legend, "no legend")
      local counts = {}
      for name, count in legend:gmatch('data%-speaker="([^"]*)" data%-count="(%d+)"') do
        counts[name] = tonumber(count)
      end
      local quotes = {}
      for _, t in ipairs({ BRIDGE, FERRY, TRICKY }) do
        for _, s in ipairs(whosaid.speakers(whosaid.extract(t))) do
          quotes[s.name] = (quotes[s.name] or 0) + #s.quotes
        end
      end
      assert.are.same(quotes, counts)
      -- each legend entry has the swatch of its colour
      assert.truthy(legend:find('data%-speaker="Lena Ortiz" data%-count="%d+"><span class="swatch '
        .. classes["Lena Ortiz"] .. '"></span>'), legend)
      assert.truthy(page:find("%." .. classes["Lena Ortiz"] .. " { background: hsl%("), "no colour")
    end)

    it("escapes everything taken from the input", function()
      assert.is_nil(page:find("<script>", 1, true))
      assert.is_nil(page:find("<b>not</b>", 1, true))
      assert.is_nil(page:find("<Calder>", 1, true))
      -- (the core may take 'quotes' and "x" for quotes: compare the text alone)
      local body = page:match('<article id="doc%-3".-<div class="text">(.-)</div>')
      assert.truthy(body:gsub("<[^>]*>", ""):find(
        "Notes &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; stay", 1, true),
        body)
      assert.truthy(page:find("We are &lt;b&gt;not&lt;/b&gt; closing", 1, true))
    end)

    it("keeps every article's text, byte for byte, under the marks", function()
      for i, text in ipairs({ BRIDGE, FERRY, TRICKY }) do
        local body = page:match('<article id="doc%-' .. i .. '".-<div class="text">(.-)</div>')
        assert.truthy(body, "article " .. i)
        assert.are.equal(text, unescape_html(body:gsub("<[^>]*>", "")))
      end
    end)

    it("nests or drops overlapping spans, never crossing them", function()
      local text = "Ana Ruiz said: 'one two three' and more."
      local quotes = {
        { text = "one two three", start = 17, stop = 29, kind = "direct", speaker = "Ana Ruiz",
          mention = { text = "Ana Ruiz", start = 1, stop = 8 },
          cue = { text = "said", start = 10, stop = 13 } },
        -- crosses the first quote's end: dropped
        { text = "three' and", start = 25, stop = 34, kind = "scare" },
        -- inside the first: nested
        { text = "two", start = 21, stop = 23, kind = "scare" },
        -- out of range: dropped
        { text = "x", start = 90, stop = 99, kind = "scare" },
      }
      local out = html.page({ { name = "t", text = text, quotes = quotes } })
      local body = out:match('<div class="text">(.-)</div>')
      assert.are.equal(text, unescape_html(body:gsub("<[^>]*>", "")))
      assert.truthy(body:find("one <mark[^>]*>two</mark> three</mark>"), body)
      local opened = select(2, body:gsub("<mark", ""))
      assert.are.equal(2, opened)
    end)

    it("paints a group speaker's quote in its members' colours", function()
      local text = '"We agree," said Ana Ruiz and Lena Ortiz. "Yes," said Ana Ruiz.'
      local out = html.page({ { name = "g", text = text, quotes = {
        { text = "We agree,", start = 2, stop = 10, kind = "direct",
          speaker = "Ana Ruiz and Lena Ortiz", members = { "Ana Ruiz", "Lena Ortiz" } },
        { text = "Yes,", start = 44, stop = 47, kind = "direct", speaker = "Ana Ruiz" },
      } } })
      local group = out:match('<mark (class="q direct group"[^>]*)>')
      assert.truthy(group, out)
      assert.truthy(group:find("repeating%-linear%-gradient"), group)
      local legend = out:match('<ul id="speakers">(.-)</ul>')
      assert.truthy(legend:find('data-speaker="Ana Ruiz" data-count="2"', 1, true), legend)
      assert.truthy(legend:find('data-speaker="Lena Ortiz" data-count="1"', 1, true), legend)
    end)

    it("replaces bytes that are not UTF-8", function()
      assert.are.equal("a\239\191\189b &amp; é", html.escape("a\255b & é"))
    end)
  end)
end)

describe("the progress bar", function()
  local function main(args, isatty)
    local out, err = outstream(), outstream(isatty)
    local code = cli.main(args, instream(""), out, err)
    return out.text(), err.text(), code
  end

  it("is drawn on a terminal when there are several files, then wiped", function()
    local a, b = temp(BRIDGE), temp(FERRY)
    for _, fmt in ipairs({ "text", "tsv", "html" }) do
      local out, err, code = main({ "--format", fmt, a, b }, true)
      assert.are.equal(0, code)
      assert.truthy(err:find("\r[------------------------] 1/2 ", 1, true), err)
      assert.truthy(err:find("] 2/2 ", 1, true), err)
      assert.truthy(err:find("\r *\r$"), "the bar is not wiped at the end: " .. err)
      assert.is_nil(out:find("\r", 1, true), "the bar went to stdout")
    end
    -- isatty may be a method
    local _, err = main({ a, b }, function() return true end)
    assert.truthy(err:find("2/2", 1, true), err)
  end)

  it("is never drawn for one file, or when stderr is no terminal", function()
    local a, b = temp(BRIDGE), temp(FERRY)
    local _, err = main({ a }, true)
    assert.are.equal("", err)
    _, err = main({ a, b }, false)
    assert.are.equal("", err)
    _, err = main({ a, b })
    assert.are.equal("", err)
    local out, err2, code = run("--format tsv " .. shell_quote(a) .. " " .. shell_quote(b))
    assert.are.equal(0, code)
    assert.are.equal("", err2)
    assert.is_nil(out:find("\r", 1, true))
  end)

  local has_script = os.execute("command -v script >/dev/null 2>&1")
  local with_script = has_script and it or pending
  with_script("is drawn when bin/whosaid's stderr is a real terminal (util-linux script)", function()
    local a, b = temp(BRIDGE), temp(FERRY)
    local outfile = temp("")
    -- script(1) runs the command on a pseudo-terminal; stdout goes to a file,
    -- so what script records is standard error alone
    local cmd = string.format("cd %s && bin/whosaid --format tsv %s %s > %s",
      shell_quote(root), shell_quote(a), shell_quote(b), shell_quote(outfile))
    local p = assert(io.popen("script -qec " .. shell_quote(cmd) .. " /dev/null < /dev/null"))
    local tty = p:read("a")
    p:close()
    assert.truthy(tty:find("2/2", 1, true), tty)
    assert.is_nil(read_file(outfile):find("\r", 1, true))
    assert.truthy(read_file(outfile):find("Lena Ortiz", 1, true))
  end)
end)
