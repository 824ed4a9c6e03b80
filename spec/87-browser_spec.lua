-- The review page of `whosaid --format html` in a real browser: Debian's
-- headless Chromium parses it (--dump-dom) and takes a screenshot
-- (build/screenshots/review.png). scripts/install-deps installs chromium, so
-- CI always runs this; without chromium the tests are pending. The articles
-- here were written for this project.

local whosaid = require "whosaid"

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."

local DOCK = [[
Dock workers walked out at dawn on Tuesday, and by noon the cranes stood still.

"We will not let this harbor go dark over a few cents an hour," said Tomas Adeyemi, who leads the dock workers' union.

Port commissioner Park Ji-won called the walkout "regrettable" and said the offer on the table was "final, fair and generous."

"Nobody wants a summer without ships," said Marta Kessler, a crane operator of twenty years. "But nobody wants to work for less than last year either."

Both leaders described Monday's talks as "constructive," and the mayor's office called its mediation plan "Operation Lighthouse."
]]

local FERRY = [[
Paul Okafor, who runs the island ferry, said the timetable was "a mess" and the fuel bill "out of reach."

"Tell the council we sail at six, strike or no strike," Okafor said. Mayor Lena Ortiz called the ferry "our lifeline."
]]

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function write_file(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function chromium_path()
  for _, name in ipairs({ "chromium", "chromium-browser" }) do
    local p = io.popen("command -v " .. name .. " 2>/dev/null")
    local path = p:read("l")
    p:close()
    if path and path ~= "" then return path end
  end
end

local chromium = chromium_path()

if not chromium then
  describe("the review page in headless Chromium", function()
    pending("chromium is not installed here: run scripts/install-deps (as root) to install it; "
      .. "CI installs it and runs these tests")
  end)
  return
end

local function sh(cmd)
  local ok, _, code = os.execute(cmd)
  return ok and 0 or code
end

describe("the review page in headless Chromium", function()
  local dir, page_path, profile, screenshot, log

  -- Runs chromium on the page with some more arguments; returns its stdout.
  local function browse(args)
    local p = assert(io.popen(string.format(
      "cd %s && timeout 120 %s --headless --no-sandbox --disable-gpu --disable-quic "
      .. "--no-first-run --disable-background-networking --disable-component-update "
      .. "--disable-sync --user-data-dir=%s %s %s 2>>%s",
      shell_quote(root), shell_quote(chromium), shell_quote(profile), args,
      shell_quote("file://" .. page_path), shell_quote(log))))
    local out = p:read("a")
    p:close()
    return out
  end

  setup(function()
    local p = io.popen("mktemp -d")
    dir = p:read("l")
    p:close()
    assert(dir and dir ~= "", "mktemp -d failed")
    profile = dir .. "/profile"
    log = dir .. "/chromium.log"
    local dock, ferry = dir .. "/dock-strike.txt", dir .. "/island-ferry.txt"
    write_file(dock, DOCK)
    write_file(ferry, FERRY)
    page_path = dir .. "/review.html"
    local code = sh(string.format("cd %s && bin/whosaid --format html %s %s %s > %s",
      shell_quote(root), shell_quote(dock), shell_quote(ferry),
      "examples/articles/harbor-strike.txt", shell_quote(page_path)))
    assert.are.equal(0, code)
    screenshot = root .. "/build/screenshots/review.png"
    assert.are.equal(0, sh("mkdir -p " .. shell_quote(root .. "/build/screenshots")))
    os.remove(screenshot)
  end)

  teardown(function()
    if dir then os.execute("rm -rf " .. shell_quote(dir)) end
  end)

  it("parses the highlighted quotes and the speaker list as written", function()
    local dom = browse("--dump-dom")
    assert.truthy(dom:find("<html", 1, true), "no DOM from chromium; its log:\n"
      .. (read_file(log) or ""))
    local function unescape(s)
      return (s:gsub("&quot;", '"'):gsub("&#39;", "'"):gsub("&lt;", "<"):gsub("&gt;", ">")
        :gsub("&amp;", "&"))
    end
    -- every quote is a <mark> with its speaker, in the browser's DOM
    local marks, by_speaker = 0, {}
    for attrs in dom:gmatch("<mark (class=\"q [^>]*)>") do
      marks = marks + 1
      local speaker = attrs:match('data%-speaker="([^"]*)"')
      if speaker then
        speaker = unescape(speaker)
        by_speaker[speaker] = (by_speaker[speaker] or 0) + 1
        assert.truthy(attrs:find('title="' .. attrs:match('data%-speaker="([^"]*)"'), 1, true),
          "the tooltip does not name the speaker: " .. attrs)
      end
    end
    local texts = { DOCK, FERRY, read_file(root .. "/examples/articles/harbor-strike.txt") }
    local want, legend_want = 0, {}
    for _, t in ipairs(texts) do
      local quotes = whosaid.extract(t)
      want = want + #quotes
      for _, s in ipairs(whosaid.speakers(quotes)) do
        legend_want[s.name] = (legend_want[s.name] or 0) + #s.quotes
      end
    end
    assert.are.equal(want, marks)
    assert.truthy(by_speaker["Tomas Adeyemi"], "no mark for Tomas Adeyemi")
    assert.truthy(by_speaker["Paul Okafor"], "no mark for Paul Okafor")
    -- the side list, as the browser parsed it
    local legend = dom:match('<ul id="speakers">(.-)</ul>')
    assert.truthy(legend, "no speaker list in the DOM")
    local got = {}
    for name, count in legend:gmatch('data%-speaker="([^"]*)" data%-count="(%d+)"') do
      got[unescape(name)] = tonumber(count)
    end
    assert.are.same(legend_want, got)
    -- one article each, and no element from outside the page
    assert.are.equal(3, select(2, dom:gsub("<article ", "")))
    assert.is_nil(dom:find("<script", 1, true))
    assert.is_nil(dom:find("<link", 1, true))
  end)

  it("takes a screenshot of the page", function()
    browse("--hide-scrollbars --screenshot=" .. shell_quote(screenshot)
      .. " --window-size=1280,900")
    local png = read_file(screenshot)
    assert.truthy(png, "no screenshot; chromium's log:\n" .. (read_file(log) or ""))
    assert.are.equal("\137PNG\r\n\26\n", png:sub(1, 8))
    local w, h = string.unpack(">I4I4", png, 17)
    assert.are.same({ 1280, 900 }, { w, h })
    assert.is_true(#png > 20000, "the screenshot looks empty (" .. #png .. " bytes)")
  end)
end)
