-- The scripts in examples/, run as a newsroom would run them, on articles
-- written here for the purpose.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."

local ARTICLES = {
  ["a-harbor.txt"] = "Harbor chief Lena Ost met Mayor Tom Berg on Monday.\n\n"
    .. '"The cranes are safe," Lena Ost said. "Every one of them."\n\n'
    .. '"We will reopen on Friday," Berg said.',
  ["b-council.txt"] = "The council met on Tuesday.\n\n"
    .. '"The budget holds, the port included," Ost told the council.\n\n'
    .. 'Senator Kaya Moss called the plan "a gamble."',
  ["c-wire.txt"] = "Pyongyang, Thursday.\n\n"
    .. 'KCNA quoted Kim Jong Un as saying "the friendship with our neighbours will last forever."\n\n'
    .. 'Kim Jong-un described the treaty as a "sacred duty," the Korean Central News Agency reported.\n\n'
    .. '"We are watching closely," Tom Berg said.',
  ["notes.md"] = '"Not an article," Lena Ost said.',
}

local function sh_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local dir
setup(function()
  dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir " .. sh_quote(dir)))
  for name, text in pairs(ARTICLES) do
    local f = assert(io.open(dir .. "/" .. name, "wb"))
    f:write(text)
    f:close()
  end
end)

teardown(function()
  os.execute("rm -rf " .. sh_quote(dir))
end)

-- Runs an example with arguments; returns stdout, stderr, and the exit code.
local function run(script, ...)
  local args = {}
  for i, a in ipairs({ ... }) do args[i] = sh_quote(a) end
  local err = os.tmpname()
  local p = assert(io.popen(("cd %s && lua5.4 examples/%s %s 2>%s"):format(
    sh_quote(root), script, table.concat(args, " "), sh_quote(err))))
  local out = p:read("a")
  local _, _, code = p:close()
  local f = assert(io.open(err))
  local errout = f:read("a")
  f:close()
  os.remove(err)
  return out, errout, code
end

local function lines(s)
  local t = {}
  for l in s:gmatch("[^\n]+") do t[#t + 1] = l end
  return t
end

describe("examples/", function()
  it("each starts with a usage line", function()
    for _, name in ipairs({ "roster.lua", "quotes-of.lua", "relayed-by.lua" }) do
      local f = assert(io.open(root .. "/examples/" .. name))
      assert.matches("^%-%- Usage: lua5%.4 examples/" .. name:gsub("%p", "%%%0"), f:read("l"))
      f:close()
      local _, err, code = run(name)
      assert.are.equal(2, code)
      assert.matches("^usage: lua5%.4 examples/", err)
    end
  end)
end)

describe("examples/roster.lua", function()
  it("lists the speakers of a folder's articles, most quoted first", function()
    local out, _, code = run("roster.lua", dir)
    assert.are.equal(0, code)
    local t = lines(out)
    assert.are.equal("speaker\tquotes\tarticles\tfirst quote", t[1])
    -- the wire's "KCNA quoted Kim Jong Un as saying" gives Kim both quotes
    assert.are.equal("Kim Jong Un\t2\t1\tthe friendship with our neighbours will last forever.", t[2])
    assert.are.equal("Lena Ost\t2\t1\tThe cranes are safe,", t[3])
    assert.are.equal("Tom Berg\t2\t2\tWe will reopen on Friday,", t[4])
    -- another article's "Ost" is nobody known, without a speakers file
    assert.matches("\nOst\t1\t1\tThe budget holds", out)
    -- notes.md is no article
    assert.is_nil(out:find("Not an article", 1, true))
  end)

  it("counts a person's aliases as one with a speakers file", function()
    local roster = os.tmpname()
    local f = assert(io.open(roster, "w"))
    f:write('return { { name = "Lena Ost", aliases = { "Ost" }, gender = "female" } }')
    f:close()
    local out = run("roster.lua", dir, roster)
    os.remove(roster)
    assert.are.equal("Lena Ost\t3\t2\tThe cranes are safe,", lines(out)[2])
    assert.is_nil(out:find("\nOst\t", 1, true))
  end)

  it("says so when there is nothing to read", function()
    local _, err, code = run("roster.lua", dir .. "/nowhere")
    assert.are.equal(1, code)
    assert.matches("no %*%.txt files", err)
  end)
end)

describe("examples/quotes-of.lua", function()
  it("writes one person's quotes as CSV with the article and offsets", function()
    local a, b = dir .. "/a-harbor.txt", dir .. "/b-council.txt"
    local out, _, code = run("quotes-of.lua", "--alias", "Ost", "Lena Ost", a, b)
    assert.are.equal(0, code)
    local t = lines(out)
    assert.are.equal("article,start,end,kind,cue,confidence,text", t[1])
    assert.are.equal(4, #t)
    -- the offsets are the --jsonl ones: 0-based, end exclusive
    local text = ARTICLES["a-harbor.txt"]
    local s, e = t[2]:match("^[^,]+,(%d+),(%d+),direct,said,")
    assert.are.equal('"The cranes are safe,"', t[2]:match(',("[^\n]*")$'))
    assert.are.equal("The cranes are safe,", text:sub(tonumber(s) + 1, tonumber(e)))
    assert.are.equal(a, t[2]:match("^([^,]+),"))
    assert.matches("^" .. b:gsub("%p", "%%%0") .. ",%d+,%d+,%a+,told,", t[4])
    assert.matches(',"The budget holds, the port included,"$', t[4])
  end)

  it("leaves other people's quotes out, and reports unreadable files", function()
    local out, err, code = run("quotes-of.lua", "Kaya Moss", dir .. "/b-council.txt", dir .. "/none.txt")
    assert.are.equal(1, code)
    assert.matches("none%.txt", err)
    local t = lines(out)
    assert.are.equal(2, #t)
    assert.matches(",a gamble%.$", t[2])
  end)
end)

describe("examples/relayed-by.lua", function()
  it("finds what KCNA relayed, by its rules and by the built-in reading", function()
    local out, err, code = run("relayed-by.lua", "KCNA",
      dir .. "/c-wire.txt", dir .. "/a-harbor.txt")
    assert.are.equal(0, code)
    local t = lines(out)
    assert.are.equal(2, #t)
    assert.matches("c%-wire%.txt:2\tKim Jong Un\tquoted%-as%-saying\tthe friendship", t[1])
    assert.matches("c%-wire%.txt:3\tKim Jong Un\t[%w-]+\tsacred duty,", t[2])
    assert.matches("2 statements relayed by KCNA", err)
  end)

  it("takes another agency with its aliases", function()
    local wire = os.tmpname()
    local f = assert(io.open(wire, "w"))
    f:write('Harbor Wire quoted Lena Ost as saying "the cranes are safe."\n\n'
      .. '"We will reopen on Friday," Tom Berg said.')
    f:close()
    local out = run("relayed-by.lua", "--alias", "HW", "Harbor Wire", wire)
    os.remove(wire)
    local t = lines(out)
    assert.are.equal(1, #t)
    assert.matches("\tLena Ost\tquoted%-as%-saying\tthe cranes are safe%.$", t[1])
  end)
end)
