-- busted --helper for make sanitize.  busted runs in lua5.4 with the ASan
-- runtime preloaded (LD_PRELOAD), so that build/asan/whosaid/core.so loads
-- in-process.  The commands the specs start (bin/whosaid, GNU parallel,
-- chromium, valgrind, luarocks) load the normal build, and would only
-- inherit the preload: LeakSanitizer would report the leaks of perl or sh,
-- valgrind cannot run under it, chromium's wrapper breaks.  So every command
-- runs without the sanitizer variables.
local clean = "env -u LD_PRELOAD -u ASAN_OPTIONS -u UBSAN_OPTIONS sh -c "

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local popen, execute = io.popen, os.execute

io.popen = function(cmd, ...)
  return popen(clean .. quote(cmd), ...)
end

os.execute = function(cmd, ...)
  if cmd == nil then return execute() end
  return execute(clean .. quote(cmd), ...)
end
