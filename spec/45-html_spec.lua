-- HTML input: whosaid.extract_html, whosaid.new{ html = true }, and the
-- command line's --html and JSONL "html" field. Every document here was
-- written for these specs.

local whosaid = require "whosaid"
local cjson = require "cjson"
local cli = require "whosaid.cli"

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."

-- One article, as a CMS would serve it, and as plain text.
local ARTICLE_HTML = [[
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry &quot;strike&quot; ends</title>
<style>.byline { color: #777 } q:before { content: "<" }</style>
<script>window.cfg = { quote: "\"We never said that,\" said Nobody." };</script>
</head><body>
<header><nav><a href="/">Home</a></nav></header>
<article>
<h1>Ferry crews end their strike</h1>
<p class="byline">By a staff writer</p>
<p>Ferry crews on the Calder line went back to work on Tuesday.
<p>&ldquo;We have a contract we can live with,&rdquo; said <a href="/people/marta-kessler" title="Marta > union">Marta Kessler</a>,
   the crews&#8217; union leader. &#x201C;The boats sail at six.&#x201D;</p>
<!-- editor: "We will strike again," said Nobody -->
<p>Mayor&nbsp;Tom Berg called the deal <q>a fair end</q> and said the city would
&quot;keep the ferries running&quot; all winter.</p>
<noscript><p>"Enable scripts," said Nobody.</p></noscript>
</article>
</body></html>
]]

local ARTICLE_TEXT = "Home\n\n"
  .. "Ferry crews end their strike\n\n"
  .. "By a staff writer\n\n"
  .. "Ferry crews on the Calder line went back to work on Tuesday.\n\n"
  .. "“We have a contract we can live with,” said Marta Kessler, "
  .. "the crews’ union leader. “The boats sail at six.”\n\n"
  .. "Mayor\194\160Tom Berg called the deal “a fair end” and said the city would "
  .. "\"keep the ferries running\" all winter."

local function speakers_of(quotes)
  local out = {}
  for i, q in ipairs(quotes) do
    out[i] = { q.text, q.kind, q.speaker or "-", q.paragraph }
  end
  return out
end

describe("whosaid.extract_html", function()
  local quotes, visible

  setup(function()
    quotes, visible = whosaid.extract_html(ARTICLE_HTML)
  end)

  it("returns the visible text: tags, scripts, styles and comments left out", function()
    assert.are.equal(ARTICLE_TEXT, visible)
  end)

  it("finds the same quotes and speakers as in the plain text", function()
    local plain = whosaid.extract(ARTICLE_TEXT)
    assert.are.same(speakers_of(plain), speakers_of(quotes))
    assert.are.equal(4, #quotes)
    assert.are.equal("Marta Kessler", quotes[1].speaker)
    assert.are.equal("Marta Kessler", quotes[2].speaker)
    assert.are.equal("Tom Berg", quotes[3].speaker)
    assert.are.equal("Tom Berg", quotes[4].speaker)
    for i, q in ipairs(quotes) do
      -- the visible offsets are the plain text's offsets
      assert.are.equal(plain[i].start, q.vstart)
      assert.are.equal(plain[i].stop, q.vstop)
      assert.are.equal(plain[i].text, q.text)
    end
  end)

  it("gives offsets into the HTML: html:sub(start, stop) is the quote's source", function()
    local want = {
      "We have a contract we can live with,",
      "The boats sail at six.",
      "a fair end",
      "keep the ferries running",
    }
    for i, q in ipairs(quotes) do
      assert.are.equal(want[i], ARTICLE_HTML:sub(q.start, q.stop))
      assert.are.equal(q.text, visible:sub(q.vstart, q.vstop))
    end
    -- the marks are just outside: &ldquo; ... &rdquo;, <q> ... </q>
    assert.are.equal("&ldquo;", ARTICLE_HTML:sub(quotes[1].start - 7, quotes[1].start - 1))
    assert.are.equal("&rdquo;", ARTICLE_HTML:sub(quotes[1].stop + 1, quotes[1].stop + 7))
    assert.are.equal("<q>", ARTICLE_HTML:sub(quotes[3].start - 3, quotes[3].start - 1))
    assert.are.equal("</q>", ARTICLE_HTML:sub(quotes[3].stop + 1, quotes[3].stop + 4))
  end)

  it("maps mentions and cues too: text is visible, start and stop are HTML", function()
    local m = quotes[3].mention
    assert.are.equal("Mayor\194\160Tom Berg", m.text)
    assert.are.equal("Mayor&nbsp;Tom Berg", ARTICLE_HTML:sub(m.start, m.stop))
    assert.are.equal(m.text, visible:sub(m.vstart, m.vstop))
    local c = quotes[1].cue
    assert.are.equal("said", c.text)
    assert.are.equal("said", ARTICLE_HTML:sub(c.start, c.stop))
    assert.are.equal("Marta Kessler", ARTICLE_HTML:sub(quotes[1].mention.start,
      quotes[1].mention.stop))
  end)

  it("keeps the HTML source of a span, tags and references included", function()
    local html = '<p>&#8220;We sail <em>tonight</em> &amp; <b>tomorrow</b>,&#8221; said Ana Ruiz.</p>'
    local qs = whosaid.extract_html(html)
    assert.are.equal(1, #qs)
    assert.are.equal("We sail tonight & tomorrow,", qs[1].text)
    assert.are.equal("We sail <em>tonight</em> &amp; <b>tomorrow</b>,",
      html:sub(qs[1].start, qs[1].stop))
    assert.are.equal("Ana Ruiz", qs[1].speaker)
  end)

  it("reads <q> and <blockquote> as quotes", function()
    local html = "<p>The minister spoke at length.</p>"
      .. "<p>Later Ana Ruiz said:</p>"
      .. "<blockquote><p>The port stays open.</p><p>Nobody loses a job.</p></blockquote>"
      .. "<p>Tom Berg called it <q>good news</q>.</p>"
    local qs, vis = whosaid.extract_html(html)
    assert.are.equal("The minister spoke at length.\n\nLater Ana Ruiz said:\n\n"
      .. "“The port stays open.\n\n“Nobody loses a job.”\n\nTom Berg called it “good news”.", vis)
    local texts = {}
    for i, q in ipairs(qs) do texts[i] = q.text end
    assert.are.same({ "The port stays open.", "Nobody loses a job.", "good news" }, texts)
    assert.are.equal(qs[1].group, qs[2].group)
    assert.are.equal("The port stays open.", html:sub(qs[1].start, qs[1].stop))
    assert.are.equal("good news", html:sub(qs[3].start, qs[3].stop))
    assert.are.equal("Tom Berg", qs[3].speaker)
  end)

  it("handles malformed HTML as browsers do", function()
    local html = '<p>Profits rose as costs < revenue <3 and <a title="x > y">AT&T</a> grew'
      .. '<p>"Good year," said Lena Ortiz<!-- unterminated "comment," said Nobody'
    local qs, vis = whosaid.extract_html(html)
    assert.are.equal('Profits rose as costs < revenue <3 and AT&T grew\n\n"Good year," said Lena Ortiz',
      vis)
    assert.are.equal(1, #qs)
    assert.are.equal("Lena Ortiz", qs[1].speaker)
    assert.are.equal("Good year,", html:sub(qs[1].start, qs[1].stop))
  end)

  it("decodes numeric references, Windows-1252 ones included", function()
    local qs = whosaid.extract_html("<p>&#147;We are ready,&#148; said Ana Ruiz.</p>")
    assert.are.equal(1, #qs)
    assert.are.equal("We are ready,", qs[1].text)
    assert.are.equal("Ana Ruiz", qs[1].speaker)
  end)

  it("raises for a non-string", function()
    assert.has_error(function() whosaid.extract_html(nil) end,
      "bad argument #1 to 'extract_html' (string expected, got nil)")
  end)
end)

describe("whosaid.new{ html = true }", function()
  it("extracts like extract_html, with the extractor's speakers and rules", function()
    local ex = whosaid.new{ html = true }
    ex:add_speaker{ name = "Marta Kessler-Ode", aliases = { "Marta Kessler" }, gender = "female" }
    local qs, vis = ex:extract(ARTICLE_HTML)
    assert.are.equal(ARTICLE_TEXT, vis)
    assert.are.equal("Marta Kessler-Ode", qs[1].speaker)
    assert.are.equal("We have a contract we can live with,", ARTICLE_HTML:sub(qs[1].start, qs[1].stop))
  end)

  it("gives on_quote callbacks the HTML and the visible text", function()
    local ex = whosaid.new{ html = true }
    local seen = 0
    ex:on_quote(function(q, html, vis)
      seen = seen + 1
      assert.are.equal(ARTICLE_HTML, html)
      assert.are.equal(ARTICLE_TEXT, vis)
      assert.are.equal(q.text, vis:sub(q.vstart, q.vstop))
      if q.speaker == "Tom Berg" then return q end
    end)
    local qs = ex:extract(ARTICLE_HTML)
    assert.are.equal(4, seen)
    assert.are.equal(2, #qs)
  end)

  it("leaves plain text as it was: one result, no visible offsets", function()
    local ex = whosaid.new{ html = false }
    local n = select("#", ex:extract(ARTICLE_TEXT))
    assert.are.equal(1, n)
    local q = ex:extract(ARTICLE_TEXT)[1]
    assert.is_nil(q.vstart)
    assert.are.equal(q.text, ARTICLE_TEXT:sub(q.start, q.stop))
  end)

  it("applies max_input and strict_utf8 to the HTML", function()
    assert.has_error(function()
      whosaid.new{ html = true, max_input = 10 }:extract("<p>0123456789</p>")
    end, "whosaid: input of 17 bytes is longer than max_input")
    assert.has_error(function()
      whosaid.new{ html = true, strict_utf8 = true }:extract("<b>\255</b>")
    end, "whosaid: invalid UTF-8 at byte offset 3")
  end)
end)

---------------------------------------------------------------------------
-- The command line.

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local temps = {}
local function temp(content, suffix)
  local path = os.tmpname()
  if suffix then
    os.remove(path)
    path = path .. suffix
  end
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
  local inpath = temp(input or "")
  local errpath = temp("")
  local cmd = string.format("cd %s && bin/whosaid %s < %s 2> %s", shell_quote(root), args,
    shell_quote(inpath), shell_quote(errpath))
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("a")
  local _, _, code = p:close()
  return out, read_file(errpath), code
end

local function lines(s)
  local out = {}
  for line in s:gmatch("[^\n]+") do out[#out + 1] = line end
  return out
end

describe("bin/whosaid --html", function()
  teardown(function()
    for _, p in ipairs(temps) do os.remove(p) end
  end)

  it("reads the files as HTML: the same report as the plain text", function()
    local out_html, err, code = run("--html " .. shell_quote(temp(ARTICLE_HTML, ".html")))
    assert.are.equal(0, code, err)
    local out_text = run(shell_quote(temp(ARTICLE_TEXT)))
    assert.are.equal(out_text, out_html)
    assert.truthy(out_html:find("Marta Kessler (said)", 1, true))
  end)

  it("writes HTML offsets in the TSV", function()
    local out, err, code = run("--html --format tsv -", ARTICLE_HTML)
    assert.are.equal(0, code, err)
    local rows = lines(out)
    assert.are.equal(5, #rows)
    local f = {}
    for field in (rows[2] .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
    assert.are.equal("Marta Kessler", f[2])
    assert.are.equal(f[7], ARTICLE_HTML:sub(tonumber(f[5]) + 1, tonumber(f[6])))
  end)

  it("processes a JSONL line with \"html\" as HTML, offsets into it", function()
    local input = cjson.encode({ id = "h1", html = ARTICLE_HTML }) .. "\n"
      .. cjson.encode({ id = "t1", text = ARTICLE_TEXT }) .. "\n"
      .. cjson.encode({ id = "both", text = "x", html = "<p>x</p>" }) .. "\n"
      .. cjson.encode({ id = "bad", html = 42 }) .. "\n"
    local out, _, code = run("--jsonl", input)
    assert.are.equal(1, code)
    local recs = {}
    for i, line in ipairs(lines(out)) do recs[i] = cjson.decode(line) end
    assert.are.equal(4, #recs)
    local h, t = recs[1], recs[2]
    assert.are.equal("h1", h.id)
    assert.are.equal(#t.quotes, #h.quotes)
    for i, q in ipairs(h.quotes) do
      assert.are.equal(t.quotes[i].text, q.text)
      assert.are.equal(t.quotes[i].speaker, q.speaker)
      assert.are.equal(q.text, ARTICLE_TEXT:sub(t.quotes[i].start + 1, t.quotes[i]["end"]))
    end
    assert.are.equal("We have a contract we can live with,",
      ARTICLE_HTML:sub(h.quotes[1].start + 1, h.quotes[1]["end"]))
    assert.are.equal("Mayor&nbsp;Tom Berg",
      ARTICLE_HTML:sub(h.quotes[3].mention.start + 1, h.quotes[3].mention["end"]))
    assert.are.equal("both", recs[3].id)
    assert.are.equal('line 3: both "text" and "html": give one', recs[3].error)
    assert.are.equal('line 4: "html" must be a string, not number', recs[4].error)
  end)

  it("reads \"text\" as HTML with --html --jsonl", function()
    local out, _, code = run("--html --jsonl", cjson.encode({ id = 1, text = ARTICLE_HTML }) .. "\n")
    assert.are.equal(0, code)
    local rec = cjson.decode(out)
    assert.are.equal(4, #rec.quotes)
    assert.are.equal("a fair end", ARTICLE_HTML:sub(rec.quotes[3].start + 1, rec.quotes[3]["end"]))
  end)

  it("shows the visible text on the review page, quotes marked in it", function()
    local out, err, code = run("--html --format html -", ARTICLE_HTML)
    assert.are.equal(0, code, err)
    local body = out:match('<div class="text">(.-)</div>')
    assert.is_string(body)
    assert.falsy(body:find("&amp;ldquo;", 1, true))   -- no HTML source shown
    assert.falsy(body:find("window.cfg", 1, true))
    assert.truthy(body:find('data%-start="%d+" data%-end="%d+">We have a contract we can live with,</mark>'))
    local s, e = body:match('data%-start="(%d+)" data%-end="(%d+)">a fair end</mark>')
    assert.are.equal("a fair end", ARTICLE_HTML:sub(tonumber(s) + 1, tonumber(e)))
    assert.truthy(body:find('<span class="who"[^>]*>Mayor\194\160Tom Berg</span>'))
  end)

  it("checks two HTML outlets against each other", function()
    local other = ARTICLE_HTML:gsub("we can live with", "we can all live with")
    local out, err, code = run("check --html " .. shell_quote(temp(ARTICLE_HTML, ".html")) .. " "
      .. shell_quote(temp(other, ".html")))
    assert.are.equal(0, code, err)
    assert.truthy(out:find("altered", 1, true), out)
    assert.truthy(out:find("Marta Kessler", 1, true), out)
    assert.truthy(out:find("-- 4 pairs: 3 identical, 0 punctuation, 0 fragment, 1 altered", 1, true),
      out)
  end)

  it("lists --html in the help", function()
    assert.truthy(cli.usage:find("--html", 1, true))
  end)
end)
