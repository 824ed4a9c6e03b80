# whosaid — build the C core as the Lua module whosaid.core and run the tests.
#
#   make          build build/whosaid/core.so (bin/whosaid then runs from here)
#   make test     build and run every C test, then the busted specs
#   make bench    measure the C core, the Lua API and the CLI (bench/NOTES.md)
#   make fuzz     libFuzzer on ws_extract for FUZZ_SECONDS (default 60)
#   make sanitize the C tests and busted under ASan+UBSan, test_threads
#                 under TSan (clang; builds in build/asan/, build/tsan/)
#   make memcheck the busted suite under valgrind
#   make test-portable  the C tests and busted with every SSE2 path off
#                 (what a machine other than x86-64 builds; build/portable/)
#   make clean    remove build/ (and what `luarocks make` leaves here)
#
# Overridable: CC, CFLAGS, CPPFLAGS, LDFLAGS, LUA_INC, PKG_CONFIG, PCRE2_CFLAGS,
# PCRE2_LIBS, BUSTED.

CFLAGS     ?= -O3
LUA_INC    ?= /usr/include/lua5.4
PKG_CONFIG ?= pkg-config
BUSTED     ?= busted

ifndef PCRE2_CFLAGS
PCRE2_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
endif
ifndef PCRE2_LIBS
PCRE2_LIBS := $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null)
ifeq ($(strip $(PCRE2_LIBS)),)
PCRE2_LIBS := -lpcre2-8
endif
endif

WARNFLAGS  = -std=c99 -Wall -Wextra -pedantic
INCLUDES   = -Icsrc -I$(LUA_INC) $(PCRE2_CFLAGS) -DPCRE2_CODE_UNIT_WIDTH=8
ALL_CFLAGS = $(WARNFLAGS) $(CFLAGS) -fPIC $(INCLUDES) $(CPPFLAGS) -MMD -MP

BUILD   = build
SRCS    = $(wildcard csrc/*.c)
OBJS    = $(SRCS:csrc/%.c=$(BUILD)/obj/%.o)
# The C tests link the core without the Lua binding (no Lua symbols there).
CORE_OBJS = $(filter-out $(BUILD)/obj/lwhosaid.o,$(OBJS))
TEST_SRCS = $(wildcard csrc/tests/test_*.c)
TESTS     = $(TEST_SRCS:csrc/tests/%.c=$(BUILD)/tests/%)
MODULE    = $(BUILD)/whosaid/core.so

.PHONY: all test test-c test-exports test-word-keys word-keys test-lua test-portable clean bench fuzz sanitize \
        memcheck

all: $(MODULE)

# Never linked with liblua: the interpreter that loads the module provides it.
$(MODULE): $(OBJS)
	@mkdir -p $(@D)
	$(CC) -shared $(LDFLAGS) -o $@ $(OBJS) $(PCRE2_LIBS)

$(BUILD)/obj/%.o: csrc/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: csrc/tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# -pthread for test_threads; harmless for the others.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(CORE_OBJS)
	$(CC) $(LDFLAGS) -o $@ $< $(CORE_OBJS) $(PCRE2_LIBS) -pthread

test: test-c test-exports test-word-keys test-lua

# attribute.c's word lists are keys that scripts/word-keys writes into
# csrc/word_keys.h (integer constants, so the lists are plain C99
# initialisers): `make word-keys` after a list changes; the test fails when
# the header and the lists disagree.
word-keys:
	$(LUA) scripts/word-keys csrc/attribute.c csrc/word_keys.h

test-word-keys:
	$(LUA) scripts/word-keys csrc/attribute.c csrc/word_keys.h --check

# The module exports whosaid.h's API and luaopen, none of the stages'
# functions (internal.h hides them): no clash with another library's names
# in the Lua process, and no call inside the core through the PLT.
test-exports: $(MODULE)
	scripts/check-exports $(MODULE) csrc/whosaid.h

# Runs every C test (a failing one does not stop the others), then fails if
# any failed.
test-c: $(TESTS)
	@failed=""; \
	for t in $(TESTS); do \
	  echo "== $$t"; \
	  ./$$t || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "C tests failed:$$failed"; exit 1; fi

# .busted (ROOT, pattern, lpath, cpath, lua) makes busted load the module
# from this checkout under lua5.4.
test-lua: $(MODULE)
	$(BUSTED)

# The benchmarks (bench/NOTES.md): bench_core links the core objects
# without the Lua binding, like the C tests; benchclock is the Lua bench's
# wall clock. Timings are printed, never tested.
BENCH_CORE  = $(BUILD)/bench/bench_core
BENCH_CLOCK = $(BUILD)/bench/benchclock.so
LUA         ?= lua5.4

$(BUILD)/bench/%.o: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ibench -c -o $@ $<

$(BENCH_CORE): $(BUILD)/bench/bench_core.o $(BUILD)/bench/corpus.o $(CORE_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(PCRE2_LIBS) -lm

$(BENCH_CLOCK): $(BUILD)/bench/benchclock.o
	$(CC) -shared $(LDFLAGS) -o $@ $<

bench: $(MODULE) $(BENCH_CORE) $(BENCH_CLOCK)
	./$(BENCH_CORE) --summary $(BUILD)/bench/core-summary.txt
	@echo
	$(LUA) bench/bench.lua --core-summary $(BUILD)/bench/core-summary.txt \
	  --bench-core $(BENCH_CORE)

# ---- reliability: fuzz, sanitize, memcheck (README.md, "Reliability") ----
# Each sanitized build is this Makefile again with another BUILD, CC and
# flags, so it reuses the rules above.  Needs clang and libclang-rt-14-dev
# (libFuzzer, the sanitizer runtimes) and valgrind: scripts/install-deps.
SAN_CC       ?= clang
SAN_FLAGS     = -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_FLAGS    = $(SAN_FLAGS) -fsanitize=address,undefined
TSAN_FLAGS    = $(SAN_FLAGS) -fsanitize=thread
FUZZ_FLAGS    = $(ASAN_FLAGS) -fsanitize=fuzzer-no-link
FUZZ_SECONDS ?= 60
VALGRIND     ?= valgrind
LUA          ?= lua5.4
BUSTED_SCRIPT ?= $(shell command -v busted 2>/dev/null || echo /usr/bin/busted)
# The ASan runtime as a shared library: lua5.4 is not instrumented, so it
# must be preloaded for the instrumented module to load.
ASAN_RT      ?= $(shell $(SAN_CC) -print-file-name=libclang_rt.asan-x86_64.so)

# libFuzzer targets: the core objects built with fuzzer-no-link, the target
# linked with -fsanitize=fuzzer (only under make fuzz, where CC is clang).
$(BUILD)/fuzz/%: csrc/fuzz/%.c $(CORE_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Icsrc/tests -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
	  $(CORE_OBJS) $(PCRE2_LIBS)

# Runs each target (fuzz_extract, then fuzz_rules: a random pattern as a
# user rule, then fuzz_jsonl: a random line of --jsonl input, against a
# reference reader) for FUZZ_SECONDS from its seed corpus (csrc/fuzz/corpus/,
# csrc/fuzz/corpus-rules/, csrc/fuzz/corpus-jsonl/,
# read only; what the fuzzer finds goes to build/fuzz/corpus-*/); fails on
# any crash, sanitizer report, leak, invariant violation (abort) or input
# slower than 10 s.  A failing input is saved as build/fuzz/findings/crash-*
# (or leak-*, timeout-*): replay it with build/fuzz/fuzz/fuzz_extract FILE.
# $(call run_fuzz,TARGET,NAME,MAX_LEN,DICT,SEEDS): builds the target and
# runs it from the seed corpus SEEDS, its finds in build/fuzz/corpus-NAME/.
define run_fuzz
	$(MAKE) BUILD=$(BUILD)/fuzz CC=$(SAN_CC) CFLAGS='$(FUZZ_FLAGS)' \
	  LDFLAGS='$(ASAN_FLAGS)' $(BUILD)/fuzz/fuzz/$(1)
	@mkdir -p $(BUILD)/fuzz/corpus-$(2) $(BUILD)/fuzz/findings
	$(BUILD)/fuzz/fuzz/$(1) -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=$(3) -timeout=10 -dict=csrc/fuzz/$(4) \
	  -artifact_prefix=$(BUILD)/fuzz/findings/ -print_final_stats=1 \
	  $(BUILD)/fuzz/corpus-$(2) $(5)
endef

fuzz:
	$(call run_fuzz,fuzz_extract,extract,4096,extract.dict,csrc/fuzz/corpus)
	$(call run_fuzz,fuzz_rules,rules,2048,rules.dict,csrc/fuzz/corpus-rules)
	$(call run_fuzz,fuzz_jsonl,jsonl,4096,jsonl.dict,csrc/fuzz/corpus-jsonl)

# The C tests and the busted suite with the core under ASan and UBSan, then
# test_threads under TSan.  busted loads build/asan/whosaid/core.so
# in-process; the commands specs start (bin/whosaid ...) run without the
# preload and load build/whosaid/core.so (scripts/busted-sanitize-helper.lua).
# All three run (a failure does not hide the others); fails if any failed.
ASAN_MAKE = $(MAKE) BUILD=$(BUILD)/asan CC=$(SAN_CC) CFLAGS='$(ASAN_FLAGS)' \
	  LDFLAGS='$(ASAN_FLAGS)'
TSAN_MAKE = $(MAKE) BUILD=$(BUILD)/tsan CC=$(SAN_CC) CFLAGS='$(TSAN_FLAGS)' \
	  LDFLAGS='$(TSAN_FLAGS)'
sanitize: $(MODULE)
	$(ASAN_MAKE) $(BUILD)/asan/whosaid/core.so
	$(TSAN_MAKE) $(BUILD)/tsan/tests/test_threads
	@failed=""; \
	echo "== C tests under ASan+UBSan"; \
	$(ASAN_MAKE) test-c || failed="$$failed C-tests"; \
	echo "== busted under ASan+UBSan"; \
	LD_PRELOAD=$(ASAN_RT) ASAN_OPTIONS=detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(LUA) $(BUSTED_SCRIPT) --cpath='$(BUILD)/asan/?.so' \
	  --helper=scripts/busted-sanitize-helper.lua || failed="$$failed busted"; \
	echo "== test_threads under TSan"; \
	TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/tests/test_threads \
	  || failed="$$failed test_threads"; \
	if [ -n "$$failed" ]; then echo "sanitize: failed:$$failed"; exit 1; fi

# The SSE2 paths (the lexicon's bucket compare, the scanner's words, the
# JSONL reader's and the JSON writer's runs) each have a portable twin,
# which arm64 and every other machine without SSE2 builds: here they are
# built alone and held to the same tests, the C tests and busted in-process
# (the commands specs start load build/whosaid/core.so).
PORTABLE_FLAGS = -DWS_NO_SSE2 -DWS_PORTABLE_SCAN -DWS_PORTABLE_JSONL -DWS_PORTABLE_JSON
PORTABLE_MAKE  = $(MAKE) BUILD=$(BUILD)/portable CFLAGS='$(CFLAGS) $(PORTABLE_FLAGS)'
test-portable: $(MODULE)
	$(PORTABLE_MAKE) $(BUILD)/portable/whosaid/core.so
	@failed=""; \
	$(PORTABLE_MAKE) test-c || failed="$$failed C-tests"; \
	echo "== busted, the portable module"; \
	$(LUA) $(BUSTED_SCRIPT) --cpath='$(BUILD)/portable/?.so' || failed="$$failed busted"; \
	if [ -n "$$failed" ]; then echo "test-portable: failed:$$failed"; exit 1; fi

# The busted suite in-process under valgrind, with the normal build.
# scripts/valgrind.supp: PCRE2's JIT reads past the subject (see there).
# WHOSAID_SIZE_SCALE: spec/40-pathological_spec.lua's big inputs at a tenth.
memcheck: $(MODULE)
	WHOSAID_SIZE_SCALE=0.1 $(VALGRIND) -q --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite --suppressions=scripts/valgrind.supp \
	  $(LUA) $(BUSTED_SCRIPT)

# Also what `luarocks make` leaves in the checkout (builtin backend).
clean:
	rm -rf $(BUILD)
	rm -f csrc/*.o whosaid/core.so
	rmdir whosaid 2>/dev/null || true

# Keep test objects around so that a second `make test` relinks nothing.
.SECONDARY:

-include $(OBJS:.o=.d) $(TESTS:=.d) $(wildcard $(BUILD)/bench/*.d)
