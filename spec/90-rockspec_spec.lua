-- The rockspec must build the same module as the Makefile: every csrc/*.c in
-- whosaid.core's sources, every Lua file under lua/ among the modules.

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "spec"
local root = here .. "/.."
local rockspec_path = root .. "/rockspec/whosaid-scm-1.rockspec"

local function lines_of(cmd)
  local out = {}
  local p = assert(io.popen(cmd))
  for line in p:lines() do out[#out + 1] = line end
  p:close()
  table.sort(out)
  return out
end

local function exists(path)
  local f = io.open(path, "r")
  if f then f:close() end
  return f ~= nil
end

local function load_rockspec()
  local env = {}
  local chunk = assert(loadfile(rockspec_path, "t", env))
  chunk()
  return env
end

describe("rockspec/whosaid-scm-1.rockspec", function()
  local spec

  setup(function()
    spec = load_rockspec()
  end)

  it("loads and names the package", function()
    assert.are.equal("whosaid", spec.package)
    assert.are.equal("scm-1", spec.version)
    assert.are.equal("builtin", spec.build.type)
    assert.are.same({ "lua >= 5.4", "lua-cjson" }, spec.dependencies)
    assert.are.same({ header = "pcre2.h", library = "pcre2-8" },
      spec.external_dependencies.PCRE2)
  end)

  it("lists exactly the csrc/*.c files as whosaid.core's sources", function()
    local core = spec.build.modules["whosaid.core"]
    assert.is_table(core)
    local sources = {}
    for i, s in ipairs(core.sources) do sources[i] = s end
    table.sort(sources)
    local on_disk = lines_of("cd '" .. root .. "' && ls csrc/*.c")
    assert.is_true(#on_disk > 0)
    assert.are.same(on_disk, sources)
    assert.are.same({ "PCRE2_CODE_UNIT_WIDTH=8" }, core.defines)
    assert.are.same({ "pcre2-8" }, core.libraries)
  end)

  it("installs every Lua file under lua/ as the module its path names", function()
    local want = {}
    for _, path in ipairs(lines_of("cd '" .. root .. "' && find lua -name '*.lua'")) do
      local name = path:gsub("^lua/", ""):gsub("/init%.lua$", ""):gsub("%.lua$", "")
        :gsub("/", ".")
      want[name] = path
    end
    local have = {}
    for name, m in pairs(spec.build.modules) do
      if type(m) == "string" then have[name] = m end
    end
    assert.are.same(want, have)
  end)

  it("installs bin/whosaid, and every file it names exists", function()
    assert.are.equal("bin/whosaid", spec.build.install.bin.whosaid)
    assert.is_true(exists(root .. "/bin/whosaid"))
    for _, m in pairs(spec.build.modules) do
      for _, path in ipairs(type(m) == "string" and { m } or m.sources) do
        assert.is_true(exists(root .. "/" .. path), path .. " is missing")
      end
    end
  end)

  local has_luarocks = os.execute("command -v luarocks >/dev/null 2>&1")
  local lint = has_luarocks and it or pending
  lint("passes luarocks lint", function()
    local ok = os.execute("luarocks --lua-version=5.4 lint '" .. rockspec_path .. "' >/dev/null 2>&1")
    assert.is_true(ok == true or ok == 0)
  end)
end)
