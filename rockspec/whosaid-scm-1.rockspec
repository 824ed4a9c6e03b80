-- Build and install from a checkout:
--   luarocks --lua-version=5.4 make rockspec/whosaid-scm-1.rockspec
-- Offline, with Debian's lua-cjson: add --deps-mode=none.
-- Every csrc/*.c file must be listed in whosaid.core's sources, and every Lua
-- file under lua/ in modules: spec/90-rockspec_spec.lua checks both.
rockspec_format = "3.0"
package = "whosaid"
version = "scm-1"
source = {
   -- The project has no public home yet; `luarocks make` builds from the
   -- checkout it is run in and never fetches this.
   url = "git+https://whosaid.invalid/whosaid.git",
}
description = {
   summary = "Finds the direct quotes in news text and who said them",
   detailed = [[
whosaid extracts direct, partial and scare quotes from news text and
attributes each to its speaker, with the cue word, the channel it came
through and byte offsets. A C core (UTF-8 scanning, quote pairing, mentions,
attribution sieves, PCRE2 user rules) wrapped as a Lua 5.4 module, and a
command-line tool that reads text or JSON Lines.
]],
   -- luarocks lint requires a license; the repository has no LICENSE file yet,
   -- so this is a placeholder until the project chooses one.
   license = "MIT",
}
dependencies = {
   "lua >= 5.4",
   "lua-cjson",
}
external_dependencies = {
   PCRE2 = {
      header = "pcre2.h",
      library = "pcre2-8",
   },
}
build = {
   type = "builtin",
   modules = {
      whosaid = "lua/whosaid.lua",
      ["whosaid.cli"] = "lua/whosaid/cli.lua",
      ["whosaid.compare"] = "lua/whosaid/compare.lua",
      ["whosaid.formats"] = "lua/whosaid/formats.lua",
      ["whosaid.html"] = "lua/whosaid/html.lua",
      ["whosaid.core"] = {
         sources = {
            "csrc/attribute.c",
            "csrc/cache.c",
            "csrc/core.c",
            "csrc/html.c",
            "csrc/jsonl.c",
            "csrc/lexicon.c",
            "csrc/lwhosaid.c",
            "csrc/mentions.c",
            "csrc/rules.c",
            "csrc/scan.c",
            "csrc/segment.c",
            "csrc/speakers.c",
         },
         defines = { "PCRE2_CODE_UNIT_WIDTH=8" },
         incdirs = { "csrc", "$(PCRE2_INCDIR)" },
         libdirs = { "$(PCRE2_LIBDIR)" },
         libraries = { "pcre2-8" },
      },
   },
   install = {
      bin = { whosaid = "bin/whosaid" },
   },
}
