-- whosaid.cli: the command-line tool behind bin/whosaid.
--
-- cli.main(args, stdin, stdout, stderr) runs one command and returns its exit
-- status: 0 when all went well, 1 when a file could not be read or a JSONL
-- line was bad (everything else is still processed), 2 on a usage error.
-- The streams only need read("a") / read("l") (stdin) and write (stdout,
-- stderr); flush is called when there is one. A progress bar is drawn on
-- stderr only when it is a terminal: io.stderr is asked (`test -t 2`), any
-- other stream only through its field `isatty` (a boolean or a method).

local M = {}

local PROG = "whosaid"

M.usage = [[
usage: whosaid [options] [FILE...]
       whosaid check [options] FILE FILE...

Finds the direct quotes in news text and who said them. Reads each FILE
(standard input when there is none, or for "-") and prints every quote with
its paragraph, kind (direct, partial, scare), speaker, cue and channel.

options:
  --format FMT   text (the default), jsonl, tsv or html:
                   jsonl  read JSON Lines, one {"id": ..., "text": ...} object
                          a line, and write one {"id": ..., "quotes": [...]}
                          line for each (0-based, end-exclusive byte offsets;
                          see README.md)
                   tsv    one quote a row: document, speaker, kind, via,
                          start, end, quote (a header row first)
                   html   one self-contained review page of all the files
  --jsonl        the same as --format jsonl
  --html         the files are HTML: quotes are found in the visible text,
                 offsets point into the HTML (with --jsonl, "text" is HTML
                 too; a JSONL line may also give "html" instead of "text")
  -h, --help     show this help and exit
  --version      print the version and exit
  --             end of options: every later argument is a file

With several files and standard error a terminal, a progress bar is drawn
there.

whosaid check A B [C...] compares the quotes of the same speaker across the
articles, each against each: identical, punctuation (same words), fragment
(one is part of the other), altered (with a word diff), and the quotes only
one article has. Its options: --format text|jsonl (or --jsonl), --html
(the articles are HTML), --scare (compare scare quotes too),
--min-similarity X (0..1, default 0.5).
]]

-- The other outputs (text, TSV, HTML, check's reports) and their writers,
-- cli.json_quote, cli.format_quotes and the others, are whosaid.formats',
-- loaded when first asked for: --jsonl needs none of them (its records are
-- written in C), and parsing them was most of its start-up.
setmetatable(M, { __index = function(_, key) return require("whosaid.formats")[key] end })

M.PROG = PROG

local function flush(stream)
  if stream.flush then stream:flush() end
end

M.flush = flush

---------------------------------------------------------------------------

local FORMATS = { text = true, jsonl = true, tsv = true, html = true }

-- Parses the options of `whosaid` (check = false) or `whosaid check`.
local function parse_args(args, check)
  local opts, files = { mode = "text" }, {}
  local only_files = false
  local i = 1
  local function value(a)
    local v = a:match("^%-%-[%w%-]+=(.*)$")
    if v then return v end
    i = i + 1
    if args[i] == nil then return nil, string.format("option '%s' needs a value", a) end
    return args[i]
  end
  while i <= #args do
    local a = args[i]
    local name = a:match("^(%-%-[%w%-]+)=") or a
    if only_files or a == "-" or a:sub(1, 1) ~= "-" then
      files[#files + 1] = a
    elseif a == "--" then
      only_files = true
    elseif a == "-h" or a == "--help" then
      opts.help = true
    elseif a == "--version" then
      opts.version = true
    elseif a == "--jsonl" then
      opts.mode = "jsonl"
    elseif a == "--html" then
      opts.html = true
    elseif name == "--format" then
      local v, err = value(a)
      if not v then return nil, err end
      if not FORMATS[v] or (check and (v == "tsv" or v == "html")) then
        return nil, string.format("unknown format '%s' (%s)", v,
          check and "check writes text or jsonl" or "text, jsonl, tsv or html")
      end
      opts.mode = v
    elseif check and a == "--scare" then
      opts.scare = true
    elseif check and name == "--min-similarity" then
      local v, err = value(a)
      if not v then return nil, err end
      local x = tonumber(v)
      if not x or x < 0 or x > 1 then
        return nil, string.format("--min-similarity must be a number from 0 to 1, not '%s'", v)
      end
      opts.min_similarity = x
    else
      return nil, string.format("unknown option '%s'", a)
    end
    i = i + 1
  end
  return opts, files
end

-- Calls fn(stream, name) for each input; returns false when one could not be
-- opened (reported on stderr).
local function each_input(files, stdin, stderr, fn)
  if #files == 0 then files = { "-" } end
  local ok = true
  for _, name in ipairs(files) do
    if name == "-" then
      fn(stdin, "-")
    else
      local f, err = io.open(name, "rb")
      if not f then
        stderr:write(PROG, ": cannot open ", err or name, "\n")
        ok = false
      else
        fn(f, name)
        f:close()
      end
    end
  end
  return ok
end

M.each_input = each_input

-- Each line's record is made in C (whosaid.core.jsonl: the line read,
-- strict JSON, the members other than "id", "text" and "html" only
-- checked; the id echoed as it was written; the text extracted with the
-- default extractor, or the HTML one for --html or a line's "html"; the
-- quotes written as json_quote writes them, or an error record
-- {"id":...,"line":N,"error":"line N: ..."}).  A Lua file into a Lua file
-- is read and written there too, a line at a time and flushed; any other
-- stream through its read("l") and write.
local function run_jsonl(core, files, stdin, stdout, stderr, html)
  local jsonl = core.jsonl()
  local status = 0
  local function read_error(name, err)
    stderr:write(PROG, ": cannot read ", name, ": ", tostring(err), "\n")
    status = 1
  end
  local opened = each_input(files, stdin, stderr, function(stream, name)
    local is_file = io.type(stream) == "file"
    if is_file and io.type(stdout) == "file" then
      local good, err = jsonl:file(stream, stdout, html)
      if not good then status = 1 end
      if err then read_error(name, err) end
      return
    end
    local n = 0
    while true do
      local line, err
      if is_file then
        line, err = core.read_line(stream)
      else
        line, err = stream:read("l")
      end
      if not line then
        if err then read_error(name, err) end
        break
      end
      n = n + 1
      local record, good = jsonl:record(line, n, html)
      if record then
        if not good then status = 1 end
        stdout:write(record, "\n")
        flush(stdout)
      end
    end
  end)
  if not opened then status = 1 end
  return status
end

-- The module `name` (whosaid, or whosaid.core alone), or nil and a message
-- on stderr.
local function load_module(stderr, name)
  local ok, mod = pcall(require, name)
  if not ok then
    stderr:write(PROG, ": cannot load the whosaid module (run `make` in a checkout): ",
      tostring(mod), "\n")
    return nil
  end
  return mod
end

function M.main(args, stdin, stdout, stderr)
  stdin, stdout, stderr = stdin or io.stdin, stdout or io.stdout, stderr or io.stderr
  args = args or {}
  local check = args[1] == "check"
  if check then args = table.move(args, 2, #args, 1, {}) end
  local opts, files = parse_args(args, check)
  if not opts then
    stderr:write(PROG, ": ", check and "check: " or "", files, "\n", "Try 'whosaid --help'.\n")
    return 2
  end
  if opts.help then
    stdout:write(M.usage)
    return 0
  end
  if opts.mode == "jsonl" and not check and not opts.version then
    -- whosaid.core alone: the lines are read, extracted and written in C
    local core = load_module(stderr, "whosaid.core")
    if not core then return 1 end
    return run_jsonl(core, files, stdin, stdout, stderr, opts.html)
  end
  local whosaid = load_module(stderr, "whosaid")
  if not whosaid then return 1 end
  if opts.version then
    stdout:write(PROG, " ", tostring(whosaid.version), "\n")
    return 0
  end
  local formats = require "whosaid.formats"
  if check then
    return formats.run_check(whosaid, opts, files, stdin, stdout, stderr)
  end
  return formats.run(opts.mode, whosaid, files, stdin, stdout, stderr, opts.html)
end

return M
