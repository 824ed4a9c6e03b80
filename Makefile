# whosaid — build the C core as the Lua module whosaid.core and run the tests.
#
#   make          build build/whosaid/core.so (bin/whosaid then runs from here)
#   make test     build and run every C test, then the busted specs
#   make clean    remove build/ (and what `luarocks make` leaves here)
#
# Overridable: CC, CFLAGS, CPPFLAGS, LDFLAGS, LUA_INC, PKG_CONFIG, PCRE2_CFLAGS,
# PCRE2_LIBS, BUSTED.

CFLAGS     ?= -O2
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

.PHONY: all test test-c test-lua clean

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

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(CORE_OBJS)
	$(CC) $(LDFLAGS) -o $@ $< $(CORE_OBJS) $(PCRE2_LIBS)

test: test-c test-lua

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

# Also what `luarocks make` leaves in the checkout (builtin backend).
clean:
	rm -rf $(BUILD)
	rm -f csrc/*.o whosaid/core.so
	rmdir whosaid 2>/dev/null || true

# Keep test objects around so that a second `make test` relinks nothing.
.SECONDARY:

-include $(OBJS:.o=.d) $(TESTS:=.d)
