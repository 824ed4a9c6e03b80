-- `whosaid --jsonl` as a streaming filter: one output line per input line,
-- written and flushed before the next line is read, memory that does not
-- grow with the number of lines, and the same output when GNU parallel
-- splits the input over several processes. Every text here was written for
-- these specs.

local cjson = require "cjson"
local cli = require "whosaid.cli"

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- Documents made from a few templates: the n-th one, as a JSON line (some
-- lines are bad on purpose when `bad` is set).
local PEOPLE = { "Lena Ortiz", "Tomas Adeyemi", "Marta Kessler", "Paul Okafor", "Ana Ruiz",
  "Park Ji-won", "José Núñez" }
local PLACES = { "the harbor", "the bridge", "the ferry terminal", "the rail yard", "the market" }
local TEMPLATES = {
  '"We will reopen %s by June," said %s.',
  '%s called the plan for %s "a mess" on Tuesday.',
  'Nobody was quoted about %s, and %s declined to comment.',
  '"There is no money for %s this year," %s told reporters. "Not one cent."',
  'The council met. %s said the vote on %s was “final.”\n\nIt was not.',
}

local function document(n, bad)
  if bad and n % 97 == 0 then return "{not json " .. n end
  if bad and n % 101 == 0 then return cjson.encode({ id = n, text = n }) end
  local person = PEOPLE[n % #PEOPLE + 1]
  local place = PLACES[(n // #PEOPLE) % #PLACES + 1]
  local t = (n // 3) % #TEMPLATES + 1
  local text
  if t == 1 or t == 4 then
    text = TEMPLATES[t]:format(place, person)
  else
    text = TEMPLATES[t]:format(person, place)
  end
  return cjson.encode({ id = "doc-" .. n, text = text .. " (" .. n .. ")" })
end

local function rss_kib()
  -- under make sanitize the RSS is ASan's (quarantine, shadow), not ours
  if (os.getenv("LD_PRELOAD") or ""):find("asan", 1, true) then return nil end
  local f = io.open("/proc/self/status", "r")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)"))
end

describe("whosaid --jsonl as a stream", function()
  it("writes and flushes each line before it reads the next", function()
    local events = {}
    local n, total = 0, 300
    local stdin = {
      read = function()
        n = n + 1
        events[#events + 1] = "read"
        if n > total then return nil end
        return document(n, true)
      end,
    }
    local written = 0
    local stdout = {
      write = function(self, ...)
        local s = table.concat({ ... })
        written = written + select(2, s:gsub("\n", ""))
        events[#events + 1] = "write"
        return self
      end,
      flush = function() events[#events + 1] = "flush" end,
    }
    local stderr = { write = function(self) return self end }
    local code = cli.main({ "--jsonl" }, stdin, stdout, stderr)
    assert.are.equal(1, code) -- there are bad lines
    assert.are.equal(total, written)
    -- read, write, flush, read, write, flush, ..., read (end of input)
    for i = 1, total do
      assert.are.same({ "read", "write", "flush" }, { events[3 * i - 2], events[3 * i - 1],
        events[3 * i] }, "line " .. i)
    end
    assert.are.equal("read", events[#events])
    assert.are.equal(3 * total + 1, #events)
  end)

  it("keeps its memory flat over many lines", function()
    local total = 6000
    local n = 0
    local mem, rss = {}, {}
    local stdin = {
      read = function()
        n = n + 1
        if n == 1001 or n == total then
          collectgarbage("collect")
          collectgarbage("collect")
          mem[#mem + 1] = collectgarbage("count")
          rss[#rss + 1] = rss_kib()
        end
        if n > total then return nil end
        return document(n, true)
      end,
    }
    local lines, errors = 0, 0
    local stdout = {
      write = function(self, ...)
        local s = table.concat({ ... })
        for line in s:gmatch("[^\n]+") do
          lines = lines + 1
          if line:find('"error":', 1, true) then errors = errors + 1 end
        end
        return self
      end,
    }
    local stderr = { write = function(self) return self end }
    cli.main({ "--jsonl" }, stdin, stdout, stderr)
    assert.are.equal(total, lines)
    assert.is_true(errors > 0)
    -- from line 1000 to line 6000: the Lua heap and the process grow by
    -- less than a few hundred KiB (nothing is kept per line)
    assert.are.equal(2, #mem)
    assert.is_true(mem[2] - mem[1] < 256, ("Lua heap grew by %.0f KiB"):format(mem[2] - mem[1]))
    if rss[1] and rss[2] then
      assert.is_true(rss[2] - rss[1] < 4096, ("RSS grew by %d KiB"):format(rss[2] - rss[1]))
    end
  end)

  it("answers every line of a long input in order, bad ones with an error record", function()
    local input = {}
    for i = 1, 2000 do input[i] = document(i, true) end
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    f:write(table.concat(input, "\n"), "\n")
    f:close()
    local p = assert(io.popen(string.format("cd %s && bin/whosaid --jsonl < %s 2>/dev/null",
      shell_quote(root), shell_quote(path))))
    local i = 0
    for line in p:lines() do
      i = i + 1
      local rec = cjson.decode(line)
      if i % 97 == 0 or i % 101 == 0 then
        assert.are.equal(i, rec.line)
        assert.is_string(rec.error)
      else
        assert.are.equal("doc-" .. i, rec.id)
        assert.is_table(rec.quotes)
      end
    end
    local _, _, code = p:close()
    os.remove(path)
    assert.are.equal(2000, i)
    assert.are.equal(1, code)
  end)
end)

local function has(cmd)
  return os.execute("command -v " .. cmd .. " >/dev/null 2>&1")
end

local under_parallel = has("parallel") and describe or function(name)
  describe(name, function()
    pending("GNU parallel is not installed here: run scripts/install-deps (as root); CI does")
  end)
end

under_parallel("whosaid --jsonl under GNU parallel --pipe", function()
  local dir

  setup(function()
    local p = io.popen("mktemp -d")
    dir = p:read("l")
    p:close()
    local f = assert(io.open(dir .. "/in.jsonl", "wb"))
    for i = 1, 4000 do f:write(document(i, false), "\n") end
    f:close()
  end)

  teardown(function()
    if dir then os.execute("rm -rf " .. shell_quote(dir)) end
  end)

  it("gives the single-process output, in order, on several cores", function()
    local single = string.format("cd %s && bin/whosaid --jsonl < %s > %s",
      shell_quote(root), shell_quote(dir .. "/in.jsonl"), shell_quote(dir .. "/single.jsonl"))
    assert.is_true(os.execute(single))
    -- --pipe cuts the input at line ends into blocks of about 40 KB, -k keeps
    -- the blocks' outputs in input order, -j4 runs four processes at a time
    local par = string.format("cd %s && parallel --will-cite --pipe -k -j4 --block 40k "
      .. "--joblog %s bin/whosaid --jsonl < %s > %s 2> %s",
      shell_quote(root), shell_quote(dir .. "/jobs.log"), shell_quote(dir .. "/in.jsonl"),
      shell_quote(dir .. "/parallel.jsonl"), shell_quote(dir .. "/parallel.err"))
    local ok = os.execute(par)
    local function read(name)
      local f = assert(io.open(dir .. "/" .. name, "rb"))
      local s = f:read("a")
      f:close()
      return s
    end
    assert.is_true(ok == true, "parallel failed: " .. read("parallel.err"))
    local a, b = read("single.jsonl"), read("parallel.jsonl")
    assert.are.equal(4000, select(2, a:gsub("\n", "")))
    assert.is_true(a == b, "the outputs differ")
    -- it was really split: more than one job, all of them successful
    local jobs = 0
    for line in read("jobs.log"):gmatch("[^\n]+") do
      if not line:find("^Seq") then
        jobs = jobs + 1
        assert.are.equal("0", line:match("^%S+%s+%S+%s+%S+%s+%S+%s+%S+%s+%S+%s+(%S+)"), line)
      end
    end
    assert.is_true(jobs > 1, "parallel ran " .. jobs .. " job(s)")
  end)
end)
