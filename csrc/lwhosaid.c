/*
 * lwhosaid.c -- the Lua binding: module whosaid.core.
 *
 * The binding owns no policy; it turns Lua values into core calls and core
 * results into Lua tables.  Every C resource lives in a userdata whose
 * metatable is set before the resource is taken, so a Lua error at any point
 * (a memory error while building a table included) never leaks: __gc frees
 * it, and __gc is safe to run twice.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L   /* getline, for read_line */
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if !defined(_WIN32) && (defined(__unix__) || defined(__APPLE__))
#include <unistd.h>
#endif
#include "lua.h"
#include "lauxlib.h"
#include "whosaid.h"
#include "cache.h"
#include "jsonl.h"

/* -DWS_NO_GETLINE builds the fallback of next_line where there is getline */
#if defined(_POSIX_VERSION) && _POSIX_VERSION >= 200809L && !defined(WS_NO_GETLINE)
#define HAVE_GETLINE 1
#endif

/* SSE2 (every x86-64) for the JSON strings' runs of bytes that need no
 * escape; -DWS_PORTABLE_JSON builds the byte loop alone.  spec/80-cli_spec.lua
 * holds the JSON to cli.json_quote's, with each byte that needs an escape
 * at every place around the 16-byte steps. */
#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__) && \
    !defined(WS_PORTABLE_JSON)
#include <emmintrin.h>
#define SSE2_JSON 1
#endif

#define EXTRACTOR_MT "whosaid.extractor"
#define RESULT_MT "whosaid.result"
#define LINE_BUFFER_MT "whosaid.line_buffer"
#define JSONL_MT "whosaid.jsonl"

/* An extractor allocates through its box's cache (cache.h), which keeps
 * what one call frees for the next: a Lua state makes one call at a time,
 * and a call's sixty-odd arrays then cost no allocator call.  The cache
 * lives as long as the box, and a result box holds its extractor's box as
 * its user value, so that no result outlives the cache it frees into. */
typedef struct extractor_box {
    ws_extractor *ex;
    ws_cache cache;
} extractor_box;

typedef struct result_box {
    ws_result *res;
} result_box;

static extractor_box *check_extractor(lua_State *L, int idx)
{
    extractor_box *b = luaL_checkudata(L, idx, EXTRACTOR_MT);
    if (!b->ex)
        luaL_argerror(L, idx, "extractor has been freed");
    return b;
}

/* ---- options ----------------------------------------------------------- */

/* A positive integer option that fits PCRE2's 32-bit limits. */
static uint32_t limit_option(lua_State *L, const char *key)
{
    lua_Integer n;
    if (!lua_isinteger(L, -1))
        luaL_error(L, "bad option '%s': integer expected, got %s", key,
                   luaL_typename(L, -1));
    n = lua_tointeger(L, -1);
    if (n <= 0 || n > (lua_Integer)UINT32_MAX)
        luaL_error(L, "bad option '%s': must be between 1 and %I, got %I", key,
                   (lua_Integer)UINT32_MAX, n);
    return (uint32_t)n;
}

/* Reads the options table at idx strictly: every key must be known. */
static void read_options(lua_State *L, int idx, ws_options *opts)
{
    ws_options_init(opts);
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        const char *key;
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "bad option: keys must be strings, got %s",
                       luaL_typename(L, -2));
        key = lua_tostring(L, -2);
        if (strcmp(key, "max_input") == 0) {
            lua_Integer n;
            if (!lua_isinteger(L, -1))
                luaL_error(L, "bad option 'max_input': integer expected, got %s",
                           luaL_typename(L, -1));
            n = lua_tointeger(L, -1);
            if (n <= 0)
                luaL_error(L, "bad option 'max_input': must be positive, got %I",
                           (lua_Integer)n);
            opts->max_input = (size_t)n;
        } else if (strcmp(key, "strict_utf8") == 0) {
            if (!lua_isboolean(L, -1))
                luaL_error(L, "bad option 'strict_utf8': boolean expected, got %s",
                           luaL_typename(L, -1));
            opts->strict_utf8 = lua_toboolean(L, -1);
        } else if (strcmp(key, "match_limit") == 0) {
            opts->match_limit = limit_option(L, key);
        } else if (strcmp(key, "depth_limit") == 0) {
            opts->depth_limit = limit_option(L, key);
        } else if (strcmp(key, "jit") == 0) {
            if (!lua_isboolean(L, -1))
                luaL_error(L, "bad option 'jit': boolean expected, got %s",
                           luaL_typename(L, -1));
            opts->no_jit = !lua_toboolean(L, -1);
        } else if (strcmp(key, "html") == 0) {
            if (!lua_isboolean(L, -1))
                luaL_error(L, "bad option 'html': boolean expected, got %s",
                           luaL_typename(L, -1));
            opts->html = lua_toboolean(L, -1);
        } else {
            luaL_error(L, "unknown option '%s'", key);
        }
        lua_pop(L, 1);
    }
}

static int l_new(lua_State *L)
{
    ws_options opts;
    extractor_box *b;
    void *ud;
    lua_Alloc alloc;
    int err = WS_OK;
    read_options(L, 1, &opts);
    b = lua_newuserdatauv(L, sizeof *b, 1);   /* user value 1: callbacks */
    b->ex = NULL;
    alloc = lua_getallocf(L, &ud);
    ws_cache_init(&b->cache, (ws_alloc_fn)alloc, ud);
    luaL_setmetatable(L, EXTRACTOR_MT);
    b->ex = ws_extractor_create(&opts, ws_cache_alloc, &b->cache, &err);
    if (!b->ex)
        return luaL_error(L, "whosaid: %s", ws_strerror(err));
    return 1;
}

static int l_gc(lua_State *L)
{
    extractor_box *b = luaL_checkudata(L, 1, EXTRACTOR_MT);
    ws_extractor_free(b->ex);
    b->ex = NULL;
    ws_cache_drain(&b->cache);
    return 0;
}

static int l_result_gc(lua_State *L)
{
    result_box *b = luaL_checkudata(L, 1, RESULT_MT);
    ws_result_free(b->res);
    b->res = NULL;
    return 0;
}

/* Adds each word or phrase of argument 2 (a string or an array of strings)
 * with add(). */
static int add_words(lua_State *L, const char *what,
                     int (*add)(ws_extractor *, const char *, size_t))
{
    extractor_box *b = check_extractor(L, 1);
    size_t n, i, len;
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char *s = lua_tolstring(L, 2, &len);
        int rc = add(b->ex, s, len);
        if (rc == WS_ELEXICON)
            return luaL_argerror(L, 2, lua_pushfstring(L, "empty %s", what));
        if (rc)
            return luaL_error(L, "whosaid: %s", ws_strerror(rc));
        lua_settop(L, 1);
        return 1;
    }
    if (lua_type(L, 2) != LUA_TTABLE)
        return luaL_typeerror(L, 2, "string or array of strings");
    n = (size_t)luaL_len(L, 2);
    if (n == 0)
        return luaL_argerror(L, 2, lua_pushfstring(L, "empty list of %ss", what));
    for (i = 1; i <= n; i++) {
        const char *s;
        int rc;
        lua_geti(L, 2, (lua_Integer)i);
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_argerror(L, 2, lua_pushfstring(L,
                "item %d is a %s, not a string", (int)i, luaL_typename(L, -1)));
        s = lua_tolstring(L, -1, &len);
        rc = add(b->ex, s, len);
        if (rc == WS_ELEXICON)
            return luaL_argerror(L, 2, lua_pushfstring(L, "item %d is an empty %s",
                                                       (int)i, what));
        if (rc)
            return luaL_error(L, "whosaid: %s", ws_strerror(rc));
        lua_pop(L, 1);
    }
    lua_settop(L, 1);
    return 1;
}

static int l_add_cue(lua_State *L)
{
    return add_words(L, "cue", ws_extractor_add_cue);
}

static int l_add_medium(lua_State *L)
{
    return add_words(L, "medium", ws_extractor_add_medium);
}

/* ---- speakers and rules ------------------------------------------------- */

/* Raises "bad argument #1 to '<method>' (<message>)" about the table at 2. */
static int table_error(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    const char *msg;
    va_start(ap, fmt);
    msg = lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return luaL_argerror(L, 2, msg);
}

/* The value on top of the stack, field key of the table at 2: NULL when nil
 * and optional, else it must be a non-empty string without zero bytes. */
static const char *string_field(lua_State *L, const char *key, int required)
{
    size_t len;
    const char *s;
    if (lua_isnil(L, -1)) {
        if (required)
            table_error(L, "'%s' must be a non-empty string, got nil", key);
        return NULL;
    }
    if (lua_type(L, -1) != LUA_TSTRING)
        table_error(L, "'%s' must be a non-empty string, got %s", key,
                    luaL_typename(L, -1));
    s = lua_tolstring(L, -1, &len);
    if (len == 0)
        table_error(L, "'%s' must be a non-empty string, got an empty one", key);
    if (strlen(s) != len)
        table_error(L, "'%s' contains a zero byte", key);
    return s;
}

/* Checks that every key of the table at 2 is one of keys[]. */
static void known_keys(lua_State *L, const char *const keys[])
{
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        int k;
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            table_error(L, "keys must be strings, got %s", luaL_typename(L, -1));
        for (k = 0; keys[k]; k++)
            if (strcmp(lua_tostring(L, -1), keys[k]) == 0)
                break;
        if (!keys[k])
            table_error(L, "unknown key '%s'", lua_tostring(L, -1));
    }
}

/* The value on top of the stack, field key of the table at 2, as
 * values[i] for the names[i] it equals; dflt when nil. */
static int choice_field(lua_State *L, const char *key, const char *const names[],
                        const int values[], const char *expected, int dflt)
{
    int k;
    if (lua_isnil(L, -1))
        return dflt;
    if (lua_type(L, -1) != LUA_TSTRING)
        return table_error(L, "'%s' must be %s, got %s", key, expected,
                           luaL_typename(L, -1));
    for (k = 0; names[k]; k++)
        if (strcmp(lua_tostring(L, -1), names[k]) == 0)
            return values[k];
    return table_error(L, "'%s' must be %s, got \"%s\"", key, expected,
                       lua_tostring(L, -1));
}

/* ex:add_speaker{name=, aliases=, kind=, gender=} */
static int l_add_speaker(lua_State *L)
{
    static const char *const keys[] = {"name", "aliases", "kind", "gender", NULL};
    static const char *const kinds[] = {"person", "org", "medium", NULL};
    static const int kind_values[] = {WS_PERSON, WS_ORG, WS_MEDIUM};
    static const char *const genders[] = {"male", "female", NULL};
    static const int gender_values[] = {WS_MALE, WS_FEMALE};
    extractor_box *b = check_extractor(L, 1);
    const char *name;
    const char **aliases = NULL;
    size_t n = 0, i;
    int kind, gender, rc;
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    known_keys(L, keys);
    lua_getfield(L, 2, "name");                 /* 3 */
    name = string_field(L, "name", 1);
    lua_getfield(L, 2, "kind");                 /* 4 */
    kind = choice_field(L, "kind", kinds, kind_values,
                        "\"person\", \"org\" or \"medium\"", WS_PERSON);
    lua_getfield(L, 2, "gender");               /* 5 */
    gender = choice_field(L, "gender", genders, gender_values,
                          "\"male\" or \"female\"", WS_GENDER_UNKNOWN);
    lua_getfield(L, 2, "aliases");              /* 6 */
    if (!lua_isnil(L, 6)) {
        if (lua_type(L, 6) != LUA_TTABLE)
            table_error(L, "'aliases' must be an array of strings, got %s",
                        luaL_typename(L, 6));
        n = (size_t)luaL_len(L, 6);
        /* a userdata holds the array: nothing of C's to leak on an error */
        aliases = lua_newuserdatauv(L, (n ? n : 1) * sizeof *aliases, 0); /* 7 */
        for (i = 0; i < n; i++) {
            size_t len;
            lua_geti(L, 6, (lua_Integer)i + 1);
            if (lua_type(L, -1) != LUA_TSTRING)
                table_error(L, "'aliases' item %d is a %s, not a string",
                            (int)i + 1, luaL_typename(L, -1));
            aliases[i] = lua_tolstring(L, -1, &len);
            if (len == 0)
                table_error(L, "'aliases' item %d is empty", (int)i + 1);
            if (strlen(aliases[i]) != len)
                table_error(L, "'aliases' item %d contains a zero byte", (int)i + 1);
            lua_pop(L, 1);  /* the table at 6 keeps the string alive */
        }
    }
    rc = ws_extractor_add_speaker(b->ex, name, aliases, n,
                                  (ws_speaker_kind)kind, (ws_gender)gender);
    if (rc == WS_EINVAL)
        return table_error(L, "the name or an alias is blank");
    if (rc)
        return luaL_error(L, "whosaid: %s", ws_strerror(rc));
    lua_settop(L, 1);
    return 1;
}

/* ex:add_rule{name=, pattern=, speaker=} */
static int l_add_rule(lua_State *L)
{
    static const char *const keys[] = {"name", "pattern", "speaker", NULL};
    extractor_box *b = check_extractor(L, 1);
    const char *name, *pattern, *speaker;
    size_t len;
    ws_error_detail detail;
    int rc;
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    known_keys(L, keys);
    lua_getfield(L, 2, "name");
    name = string_field(L, "name", 1);
    lua_getfield(L, 2, "pattern");
    if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        table_error(L, "'%s' must be a non-empty string, got %s", "pattern",
                    lua_type(L, -1) == LUA_TSTRING ? "an empty one"
                                                   : luaL_typename(L, -1));
    pattern = lua_tolstring(L, -1, &len);
    lua_getfield(L, 2, "speaker");
    speaker = string_field(L, "speaker", 0);
    rc = ws_extractor_add_rule(b->ex, name, pattern, len, speaker, &detail);
    if (rc == WS_ERULE && detail.offset != WS_NOPOS)
        return luaL_error(L, "%s at offset %I", detail.message,
                          (lua_Integer)detail.offset);
    if (rc == WS_ERULE)
        return luaL_error(L, "%s", detail.message);
    if (rc)
        return luaL_error(L, "whosaid: %s", ws_strerror(rc));
    lua_settop(L, 1);
    return 1;
}

/* ex:on_quote(fn): fn(q, text) runs on every quote extract finds. */
static int l_on_quote(lua_State *L)
{
    check_extractor(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (lua_getiuservalue(L, 1, 1) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, 1, 1);
    }
    lua_pushvalue(L, 2);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    lua_settop(L, 1);
    return 1;
}

/* Runs the on_quote callbacks of the extractor at 1 over the quotes table
 * on top of the stack (text at 2, and for HTML input the visible text at
 * 4, which they get as a third argument) and replaces it with the quotes
 * they kept.  No C memory is held here: an error in a callback unwinds through
 * Lua's own objects only, and reaches the caller of extract unchanged. */
static void run_callbacks(lua_State *L)
{
    int quotes = lua_gettop(L), cbs, kept, nargs;
    lua_Integer n, ncb, i, k, o = 0;
    if (lua_getiuservalue(L, 1, 1) != LUA_TTABLE ||
        (ncb = (lua_Integer)lua_rawlen(L, -1)) == 0) {
        lua_pop(L, 1);
        return;
    }
    cbs = lua_gettop(L);
    nargs = lua_type(L, 4) == LUA_TSTRING ? 3 : 2;
    n = (lua_Integer)lua_rawlen(L, quotes);
    lua_createtable(L, (int)n, 0);
    kept = lua_gettop(L);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, quotes, i);                  /* the quote */
        for (k = 1; k <= ncb && !lua_isnil(L, -1); k++) {
            lua_rawgeti(L, cbs, k);
            lua_insert(L, -2);
            lua_pushvalue(L, 2);
            if (nargs == 3)
                lua_pushvalue(L, 4);
            lua_call(L, nargs, 1);
            if (!lua_isnil(L, -1) && !lua_istable(L, -1))
                luaL_error(L, "on_quote callback #%I returned a %s, not a quote "
                           "table or nil", k, luaL_typename(L, -1));
        }
        if (lua_isnil(L, -1))
            lua_pop(L, 1);
        else
            lua_rawseti(L, kept, ++o);
    }
    lua_replace(L, quotes);
    lua_settop(L, quotes);
}

/* ---- results ----------------------------------------------------------- */

/*
 * The keys of the quote tables and the names of the kinds, made once as
 * Lua strings and kept as upvalues of the extractor's methods: a field is
 * set with the key pushed from there and lua_rawset, where lua_setfield
 * would find the string for the C key first (a cache look-up and a
 * strcmp) at each of the twenty-odd fields a quote has.  The tables are
 * new and have no metatable, so raw sets are what lua_setfield did.
 */
enum {
    K_TEXT = 1, K_START, K_STOP, K_VSTART, K_VSTOP, K_KIND, K_SPEAKER,
    K_MENTION, K_CUE, K_VIA, K_RULE, K_CONFIDENCE, K_PARAGRAPH, K_GROUP,
    K_MEMBERS, K_DIRECT, K_PARTIAL, K_SCARE, NKEYS = K_SCARE
};

static const char *const key_names[NKEYS + 1] = {
    NULL, "text", "start", "stop", "vstart", "vstop", "kind", "speaker",
    "mention", "cue", "via", "rule", "confidence", "paragraph", "group",
    "members", "direct", "partial", "scare"
};

/* extract copies the keys from the upvalues to the stack, key k at
 * KEYS_BASE + k, for the fields of its quotes: lua_pushvalue finds a
 * positive index at once, where an upvalue's is a pseudo-index that takes
 * three more tests and the closure's loads, at each of the 150 k keys
 * PolNeAR train's quotes set. */
#define KEYS_BASE 4
#define push_key(L, k) lua_pushvalue((L), KEYS_BASE + (k))

static void set_string(lua_State *L, int key, const char *s)
{
    if (!s)
        return;
    push_key(L, key);
    lua_pushstring(L, s);
    lua_rawset(L, -3);
}

static void set_int(lua_State *L, int key, lua_Integer v)
{
    push_key(L, key);
    lua_pushinteger(L, v);
    lua_rawset(L, -3);
}

static void set_text(lua_State *L, const char *s, size_t n)
{
    push_key(L, K_TEXT);
    lua_pushlstring(L, s, n);
    lua_rawset(L, -3);
}

/* {text=, start=, stop=} with Lua's 1-based inclusive indices; for HTML
 * input (vtext not NULL) text is the visible text of the span and vstart,
 * vstop its place in the visible text. */
static void set_span(lua_State *L, int key, const char *text,
                     const char *vtext, ws_span sp, ws_span vsp)
{
    if (sp.start == WS_NOPOS)
        return;
    push_key(L, key);
    lua_createtable(L, 0, vtext ? 5 : 3);
    if (vtext)
        set_text(L, vtext + vsp.start, vsp.end - vsp.start);
    else
        set_text(L, text + sp.start, sp.end - sp.start);
    set_int(L, K_START, (lua_Integer)sp.start + 1);
    set_int(L, K_STOP, (lua_Integer)sp.end);
    if (vtext) {
        set_int(L, K_VSTART, (lua_Integer)vsp.start + 1);
        set_int(L, K_VSTOP, (lua_Integer)vsp.end);
    }
    lua_rawset(L, -3);
}

static void push_quote(lua_State *L, const char *text, const char *vtext,
                       const ws_quote *q)
{
    lua_createtable(L, 0, vtext ? 16 : 14);
    if (vtext)
        set_text(L, vtext + q->visible.start, q->visible.end - q->visible.start);
    else
        set_text(L, text + q->start, q->end - q->start);
    set_int(L, K_START, (lua_Integer)q->start + 1);
    set_int(L, K_STOP, (lua_Integer)q->end);
    if (vtext) {
        set_int(L, K_VSTART, (lua_Integer)q->visible.start + 1);
        set_int(L, K_VSTOP, (lua_Integer)q->visible.end);
    }
    push_key(L, K_KIND);
    push_key(L, q->kind == WS_DIRECT ? K_DIRECT : q->kind == WS_PARTIAL ? K_PARTIAL : K_SCARE);
    lua_rawset(L, -3);
    set_string(L, K_SPEAKER, q->speaker);
    set_span(L, K_MENTION, text, vtext, q->mention, q->visible_mention);
    set_span(L, K_CUE, text, vtext, q->cue, q->visible_cue);
    set_string(L, K_VIA, q->via);
    set_string(L, K_RULE, q->rule);
    push_key(L, K_CONFIDENCE);
    lua_pushnumber(L, q->confidence);
    lua_rawset(L, -3);
    set_int(L, K_PARAGRAPH, (lua_Integer)q->paragraph);
    set_int(L, K_GROUP, (lua_Integer)q->group);
    if (q->nmembers) {
        size_t k;
        push_key(L, K_MEMBERS);
        lua_createtable(L, (int)q->nmembers, 0);
        for (k = 0; k < q->nmembers; k++) {
            lua_pushstring(L, q->members[k]);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_rawset(L, -3);
    }
}

/* Room for what extract_message writes: the longest of its fixed parts
 * and a number, or detail->message. */
#define EXTRACT_MESSAGE_SIZE (sizeof ((ws_error_detail *)0)->message + 64)

/* The message of a failed ws_extract of len bytes (rc its code), as
 * extract raises it and as `whosaid --jsonl` writes it in a line's error
 * record ("extract failed: " and this). */
static void extract_message(int rc, const ws_error_detail *detail, size_t len,
                            char msg[EXTRACT_MESSAGE_SIZE])
{
    if (rc == WS_ETOOBIG)
        snprintf(msg, EXTRACT_MESSAGE_SIZE,
                 "whosaid: input of %llu bytes is longer than max_input",
                 (unsigned long long)len);
    else if (rc == WS_EUTF8)
        snprintf(msg, EXTRACT_MESSAGE_SIZE, "whosaid: invalid UTF-8 at byte offset %llu",
                 (unsigned long long)detail->offset);
    else if (rc == WS_ELIMIT)
        snprintf(msg, EXTRACT_MESSAGE_SIZE, "whosaid: %s", detail->message);
    else if (rc == WS_ENOMEM)
        snprintf(msg, EXTRACT_MESSAGE_SIZE, "out of memory");
    else
        snprintf(msg, EXTRACT_MESSAGE_SIZE, "whosaid: %s", ws_strerror(rc));
}

/* Extracts the text at 2 with the extractor at 1 into a result box pushed
 * at 3 (which frees the result if a Lua error comes first); raises the
 * core's errors. */
static result_box *run_extract(lua_State *L, const char **text)
{
    extractor_box *b = check_extractor(L, 1);
    size_t len;
    ws_error_detail detail;
    result_box *rb;
    int rc;
    *text = luaL_checklstring(L, 2, &len);
    lua_settop(L, 2);
    rb = lua_newuserdatauv(L, sizeof *rb, 1);
    rb->res = NULL;
    luaL_setmetatable(L, RESULT_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    rc = ws_extract(b->ex, *text, len, &rb->res, &detail);
    if (rc) {
        char msg[EXTRACT_MESSAGE_SIZE];
        extract_message(rc, &detail, len, msg);
        luaL_error(L, "%s", msg);
    }
    return rb;
}

static int l_extract(lua_State *L)
{
    size_t n, i;
    const char *text, *vtext;
    size_t vlen;
    result_box *rb = run_extract(L, &text);
    int k;
    /* 1 extractor, 2 text, 3 result box, 4 visible text or nil, 5 quotes;
     * while they are made, the keys at 5 to KEYS_BASE + NKEYS, the quotes
     * above them */
    vtext = ws_result_text(rb->res, &vlen);
    if (vtext)
        lua_pushlstring(L, vtext, vlen);
    else
        lua_pushnil(L);
    /* the keys, the quotes, a quote, a span and its key, a key and value */
    luaL_checkstack(L, NKEYS + 6, NULL);
    for (k = 1; k <= NKEYS; k++)
        lua_pushvalue(L, lua_upvalueindex(k));
    n = ws_result_count(rb->res);
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        push_quote(L, text, vtext, ws_result_quote(rb->res, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_replace(L, KEYS_BASE + 1);
    lua_settop(L, KEYS_BASE + 1);
    ws_result_free(rb->res);
    rb->res = NULL;
    run_callbacks(L);
    if (!vtext)
        return 1;
    lua_pushvalue(L, 4);
    return 2;
}

/* ---- JSON --------------------------------------------------------------- */

/* The quotes as JSON, written here rather than built as tables and encoded
 * in Lua, which took the CLI's --jsonl most of its time (bench/NOTES.md).
 * The bytes are those of lua/whosaid/cli.lua's json_quote, which writes
 * the same objects for `whosaid check` (spec/80-cli_spec.lua compares
 * them): its keys in its order, integers as %d, other numbers as %.14g,
 * strings escaped as lua-cjson escapes them.
 *
 * A quote is written into room reserved for the most it can take
 * (quote_room), with plain stores: a luaL_Buffer call for each of its
 * forty-odd pieces cost more than the bytes. */

/* Inline at -O2 as well, which the rock builds at and where gcc kept
 * json_string's fast path a call. */
#ifdef __GNUC__
#define JSON_INLINE inline __attribute__((always_inline))
#else
#define JSON_INLINE inline
#endif

/* Stores a string constant, its length known when compiled. */
#define put_literal(p, lit) \
    (memcpy((p), "" lit, sizeof(lit) - 1), (p) += sizeof(lit) - 1)

/* The most json_string writes for n bytes: each escaped as \u00XX, and
 * the quotes. */
#define STRING_ROOM(n) (6 * (n) + 2)

/* The bytes json_string escapes, a bit each: controls, '"', '\\', '/' and
 * DEL.  One load and a shift a byte, where five comparisons cost the short
 * strings (kind, speaker, rule, a mention) some 15 instructions a byte. */
static const unsigned char escape_bits[32] = {
    0xFF, 0xFF, 0xFF, 0xFF,     /* 0x00-0x1F */
    0x04, 0x80, 0, 0,           /* '"' 0x22, '/' 0x2F */
    0, 0, 0, 0x10,              /* '\\' 0x5C */
    0, 0, 0, 0x80               /* DEL 0x7F */
};
#define NEEDS_ESCAPE(c) ((escape_bits[(c) >> 3] >> ((c) & 7)) & 1)

#ifdef SSE2_JSON
/* The lanes of x that json_string escapes, a bit each: x ^ 2 is at most
 * 0x20 for the controls and '"' (0x22) alone, as jsonl.c's stop_bits. */
static unsigned escape_lanes(__m128i x)
{
    const __m128i two = _mm_set1_epi8(2), space = _mm_set1_epi8(0x20),
                  bslash = _mm_set1_epi8('\\'), slash = _mm_set1_epi8('/'),
                  del = _mm_set1_epi8(0x7F);
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, bslash), _mm_cmpeq_epi8(x, slash)),
        _mm_or_si128(_mm_cmpeq_epi8(x, del),
                     _mm_cmpeq_epi8(_mm_max_epu8(_mm_xor_si128(x, two), space), space)));
    return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/* json_string from s[i] on, the bytes before it at p already, p past
 * them and the opening quote. */
static char *json_escaped(char *p, const char *s, size_t n, size_t i)
{
    static const char hex[] = "0123456789abcdef";
    for (;;) {
        unsigned char c;
#ifdef SSE2_JSON
        /* Sixteen bytes a step, stored as they are and p moved past those
         * before the first that needs an escape.  The store stays inside
         * the room: the string has written at most 6 i + 1 bytes of its
         * STRING_ROOM(n), and 16 more fit while n - i >= 16. */
        while (n - i >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned mask = escape_lanes(x);
            _mm_storeu_si128((__m128i *)(void *)p, x);
            if (mask) {
                unsigned k = (unsigned)__builtin_ctz(mask);
                p += k;
                i += k;
                break;
            }
            p += 16;
            i += 16;
        }
#endif
        /* the bytes that need no escape, a byte at a time */
        while (i < n && !NEEDS_ESCAPE((unsigned char)s[i]))
            *p++ = s[i++];
        if (i == n)
            break;
        c = (unsigned char)s[i++];
        *p++ = '\\';
        switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '/': *p++ = '/'; break;
        case '\b': *p++ = 'b'; break;
        case '\t': *p++ = 't'; break;
        case '\n': *p++ = 'n'; break;
        case '\f': *p++ = 'f'; break;
        case '\r': *p++ = 'r'; break;
        default:
            p[0] = 'u';
            p[1] = p[2] = '0';
            p[3] = hex[c >> 4];
            p[4] = hex[c & 15];
            p += 5;
        }
    }
    *p++ = '"';
    return p;
}

/* Inline, the strings with no escape: its call was a third of a short
 * string's cost. */
static JSON_INLINE char *json_string(char *p, const char *s, size_t n)
{
    size_t i = 0;
    *p++ = '"';
#ifdef SSE2_JSON
    /* Most strings need no escape: checked and copied whole by loads and
     * stores of their own bytes, the last ones overlapping those before
     * (no byte read or written past the string), and a byte loop's 8-odd
     * instructions a byte gone from the short ones and the quotes' last
     * block.  On a byte to escape, json_escaped goes on from i, the
     * bytes before it copied as they are. */
    if (n >= 16) {
        __m128i x;
        for (; n - i > 16; i += 16) {
            x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (escape_lanes(x))
                goto escapes;
            _mm_storeu_si128((__m128i *)(void *)(p + i), x);
        }
        x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        if (escape_lanes(x))
            goto escapes;
        _mm_storeu_si128((__m128i *)(void *)(p + n - 16), x);
    } else if (n >= 8) {
        __m128i lo = _mm_loadl_epi64((const __m128i *)(const void *)s),
                hi = _mm_loadl_epi64((const __m128i *)(const void *)(s + n - 8));
        if (escape_lanes(_mm_unpacklo_epi64(lo, hi)))
            goto escapes;
        _mm_storel_epi64((__m128i *)(void *)p, lo);
        _mm_storel_epi64((__m128i *)(void *)(p + n - 8), hi);
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        /* the upper eight lanes are zeros, controls */
        if (escape_lanes(_mm_unpacklo_epi32(_mm_cvtsi32_si128((int)lo),
                                            _mm_cvtsi32_si128((int)hi))) & 0xFF)
            goto escapes;
        memcpy(p, &lo, 4);
        memcpy(p + n - 4, &hi, 4);
    } else if (n) {
        unsigned char a = (unsigned char)s[0], b = (unsigned char)s[n >> 1],
                      c = (unsigned char)s[n - 1];
        if (NEEDS_ESCAPE(a) | NEEDS_ESCAPE(b) | NEEDS_ESCAPE(c))
            goto escapes;
        p[0] = (char)a;
        p[n >> 1] = (char)b;
        p[n - 1] = (char)c;
    }
    p += n;
    *p++ = '"';
    return p;
escapes:
#endif
    return json_escaped(p + i, s, n, i);
}

static size_t cstring_room(const char *s)
{
    return s ? STRING_ROOM(strlen(s)) : 4;
}

static char *json_cstring(char *p, const char *s)
{
    if (s)
        return json_string(p, s, strlen(s));
    put_literal(p, "null");
    return p;
}

/* Each kind's ,"kind":"NAME", made once a run (jsonl) or a call
 * (extract_json) from ws_kind_name, where each quote's call, strlen and
 * json_string cost some 40 instructions.  json_quote stores a whole
 * entry: a name of up to nine bytes fits, escaped or not (the kinds' are
 * five to seven letters). */
#define KIND_JSON_SIZE 64
typedef struct kind_json {
    char s[WS_SCARE + 1][KIND_JSON_SIZE];
    size_t n[WS_SCARE + 1];
} kind_json;

static void make_kind_json(kind_json *kj)
{
    int k;
    for (k = 0; k <= WS_SCARE; k++) {
        char *p = kj->s[k];
        put_literal(p, ",\"kind\":");
        p = json_cstring(p, ws_kind_name((ws_kind)k));
        kj->n[k] = (size_t)(p - kj->s[k]);
    }
}

/* A quote's C strings (speaker, via, rule; NULL for none) and their
 * lengths, found once for its room and its JSON, and its kind's JSON. */
enum { QS_SPEAKER, QS_VIA, QS_RULE, QS_COUNT };
typedef struct quote_strings {
    const char *s[QS_COUNT];
    size_t n[QS_COUNT];
    const char *kind;
    size_t kind_len;
} quote_strings;

/* Inline, as json_span: each of its calls in json_quote gets its own copy
 * of json_string's length tests, which then see one kind of string (the
 * kinds, the speakers, the rules) and mispredict less, and no call. */
static JSON_INLINE char *json_nstring(char *p, const quote_strings *qs, int k)
{
    if (qs->s[k])
        return json_string(p, qs->s[k], qs->n[k]);
    put_literal(p, "null");
    return p;
}

/* "00" to "99", two digits a division */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324"
    "25262728293031323334353637383940414243444546474849"
    "50515253545556575859606162636465666768697071727374"
    "75767778798081828384858687888990919293949596979899";

/* The number of digits of w < 10^8, with no branch. */
static inline size_t decimal_digits(uint32_t w)
{
#ifdef __GNUC__
    /* floor(log10) from the bit length, one less below its power of ten */
    static const uint32_t below[] = {
        0, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000
    };
    uint32_t t = (uint32_t)(32 - __builtin_clz(w | 1)) * 1233 >> 12;
    return t + 1 - (w < below[t]);
#else
    return 1 + (size_t)(w > 9) + (w > 99) + (w > 999) + (w > 9999) +
           (w > 99999) + (w > 999999) + (w > 9999999);
#endif
}

/* The digits of u at p, without snprintf's cost (seven numbers a quote);
 * at most 20 bytes, and no branch on their count, which mispredicted a
 * third of the times (a quote's start, end, mention and cue have no
 * common length): below 100 (paragraphs, groups) a pair of digit_pairs,
 * its first byte skipped under 10; below 10^6 (the offsets of a text
 * under 1 MB) six digits, zeros before them, into num and sixteen bytes
 * from the first that counts to p; larger ones backwards into num by
 * 32-bit divisions where they can.  The bytes after the number are
 * within the 20 its room holds, and what comes next writes over them.
 * Inline (always: -O2 called it), a call's saves and restores a tenth of
 * its cost, and each site's tests see its own numbers. */
static JSON_INLINE char *json_unsigned(char *p, uint64_t u)
{
    char num[40];
    size_t i = 24, len;
    uint32_t w;
    if (u < 100) {
        w = (uint32_t)u;
        memcpy(p, digit_pairs + 2 * w + (w < 10), 2);
        return p + 2 - (w < 10);
    }
    if (u < 1000000) {
        uint32_t hi, lo;
        w = (uint32_t)u;
        hi = w / 10000;
        lo = w % 10000;
        memcpy(num + 18, digit_pairs + 2 * hi, 2);
        memcpy(num + 20, digit_pairs + 2 * (lo / 100), 2);
        memcpy(num + 22, digit_pairs + 2 * (lo % 100), 2);
        len = decimal_digits(w);
        memcpy(p, num + 24 - len, 16);
        return p + len;
    }
    for (; u > UINT32_MAX; u /= 100) {
        i -= 2;
        memcpy(num + i, digit_pairs + 2 * (u % 100), 2);
    }
    for (w = (uint32_t)u; w >= 100; w /= 100) {
        i -= 2;
        memcpy(num + i, digit_pairs + 2 * (w % 100), 2);
    }
    if (w >= 10) {
        i -= 2;
        memcpy(num + i, digit_pairs + 2 * w, 2);
    } else {
        num[--i] = (char)('0' + w);
    }
    len = 24 - i;
    if (len <= 16)
        memcpy(p, num + i, 16);
    else
        memcpy(p, num + i, len);
    return p + len;
}

/* %d */
static char *json_integer(char *p, lua_Integer v)
{
    if (v < 0) {
        *p++ = '-';
        return json_unsigned(p, 0u - (lua_Unsigned)v);
    }
    return json_unsigned(p, (lua_Unsigned)v);
}

/* The %.14g of a fraction 0.0001 <= v < 1 that is the double nearest a
 * decimal of at most six places (every confidence: 0.425, 0.95), without
 * snprintf, a quarter of the JSON's cost: that decimal's digits, for v is
 * within half an ulp of it, far below %.14g's last digit.  0 for any other
 * v, which needs snprintf. */
static size_t short_fraction(double v, char *out)
{
    long digits;
    size_t n = 8;
    if (!(v >= 0.0001 && v < 1))
        return 0;
    /* six places: v is the double nearest a decimal of fewer places if and
     * only if it is the nearest to that decimal's six */
    digits = (long)(v * 1e6 + 0.5);
    if ((double)digits / 1e6 != v)
        return 0;
    /* the fewest places that give v: no trailing zero */
    out[0] = '0';
    out[1] = '.';
    memcpy(out + 2, digit_pairs + 2 * (digits / 10000), 2);
    memcpy(out + 4, digit_pairs + 2 * (digits / 100 % 100), 2);
    memcpy(out + 6, digit_pairs + 2 * (digits % 100), 2);
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    {
        /* the last byte that is no '0' ('.' is none) by its bit, no loop:
         * the count of zeros moves from quote to quote, and the loop's
         * exit mispredicted most of the times */
        uint64_t x;
        memcpy(&x, out, 8);
        x ^= 0x3030303030303030u;
        n = (size_t)(63 - __builtin_clzll(x)) / 8 + 1;
    }
#else
    while (out[n - 1] == '0')
        n--;
#endif
    return n;
}

/* w's seven digits, zeros before it, at q */
static void seven_digits(char *q, uint32_t w)
{
    memcpy(q + 5, digit_pairs + 2 * (w % 100), 2);
    w /= 100;
    memcpy(q + 3, digit_pairs + 2 * (w % 100), 2);
    w /= 100;
    memcpy(q + 1, digit_pairs + 2 * (w % 100), 2);
    q[0] = (char)('0' + w / 100);
}

/* The %.14g of 0.1 <= v < 1 that short_fraction does not give (a product
 * of confidences, 0.72249999999999992), without snprintf: v's fourteen
 * places, v * 1e14 rounded, less the trailing zeros.  The product is
 * below 2^47, where an ulp is 2^-6, so it is within 2^-7 of v's exact
 * multiple and rounds as that does unless its fraction is that near a
 * half: 0 then, and for a v that rounds up to 1, which need snprintf. */
static size_t fourteen_places(double v, char *out)
{
    double x, frac;
    uint64_t d;
    size_t n = 16;
    if (!(v >= 0.1 && v < 1))
        return 0;
    x = v * 1e14;
    d = (uint64_t)x;
    frac = x - (double)d;
    if (frac > 0.49 && frac < 0.51)
        return 0;
    d += frac > 0.5;
    if (d >= 100000000000000u)
        return 0;
    out[0] = '0';
    out[1] = '.';
    seven_digits(out + 2, (uint32_t)(d / 10000000));
    seven_digits(out + 9, (uint32_t)(d % 10000000));
    while (out[n - 1] == '0')
        n--;
    return n;
}

/* json_number of a Lua float: null for NaN and infinities, %d for a whole
 * number below 2^53, %.14g otherwise; at most 24 bytes. */
static char *json_double(char *p, double v)
{
    char num[40];
    size_t n;
    if (v != v || v - v != 0) {
        put_literal(p, "null");
        return p;
    }
    if ((n = short_fraction(v, p)) != 0 || (n = fourteen_places(v, p)) != 0)
        return p + n;
    /* a whole number (a confidence of 1) is the %lld of it, as json_integer
     * writes it */
    if (v < 9007199254740992.0 && v > -9007199254740992.0 &&
        v == (double)(long long)v)
        return json_integer(p, (lua_Integer)(long long)v);
    snprintf(num, sizeof num, "%.14g", v);
    n = strlen(num);
    memcpy(p, num, n);
    return p + n;
}

/* {"text":,"start":,"end":} (0-based, end exclusive), or null; inline for
 * json_nstring's reason (a mention's text and a cue's). */
static JSON_INLINE char *json_span(char *p, const char *text, const char *vtext,
                       ws_span sp, ws_span vsp)
{
    if (sp.start == WS_NOPOS) {
        put_literal(p, "null");
        return p;
    }
    put_literal(p, "{\"text\":");
    if (vtext)
        p = json_string(p, vtext + vsp.start, vsp.end - vsp.start);
    else
        p = json_string(p, text + sp.start, sp.end - sp.start);
    put_literal(p, ",\"start\":");
    p = json_unsigned(p, sp.start);
    put_literal(p, ",\"end\":");
    p = json_unsigned(p, sp.end);
    *p++ = '}';
    return p;
}

static size_t span_room(ws_span sp, ws_span vsp, int html)
{
    if (sp.start == WS_NOPOS)
        return 4;
    /* the keys and brackets (25 bytes) and two integers */
    return STRING_ROOM(html ? vsp.end - vsp.start : sp.end - sp.start) + 72;
}

/* The most json_quote writes for q: its strings escaped at worst, and 256
 * bytes for the keys, punctuation and numbers (about 170 at most). */
static size_t quote_room(const ws_quote *q, int html, const kind_json *kj,
                         quote_strings *qs)
{
    size_t room = 256 + KIND_JSON_SIZE, k;
    /* ws_kind_name's answer for any other value */
    unsigned kind = q->kind <= WS_SCARE ? (unsigned)q->kind : WS_SCARE;
    room += STRING_ROOM(html ? q->visible.end - q->visible.start : q->end - q->start);
    qs->kind = kj->s[kind];
    qs->kind_len = kj->n[kind];
    qs->s[QS_SPEAKER] = q->speaker;
    qs->s[QS_VIA] = q->via;
    qs->s[QS_RULE] = q->rule;
    for (k = 0; k < QS_COUNT; k++) {
        qs->n[k] = qs->s[k] ? strlen(qs->s[k]) : 0;
        room += qs->s[k] ? STRING_ROOM(qs->n[k]) : 4;
    }
    room += span_room(q->mention, q->visible_mention, html) +
            span_room(q->cue, q->visible_cue, html);
    for (k = 0; k < q->nmembers; k++)
        room += cstring_room(q->members[k]) + 1;
    return room;
}

static char *json_quote(char *p, const char *text, const char *vtext,
                        const ws_quote *q, const quote_strings *qs)
{
    size_t k;
    put_literal(p, "{\"text\":");
    if (vtext)
        p = json_string(p, vtext + q->visible.start, q->visible.end - q->visible.start);
    else
        p = json_string(p, text + q->start, q->end - q->start);
    put_literal(p, ",\"start\":");
    p = json_unsigned(p, q->start);
    put_literal(p, ",\"end\":");
    p = json_unsigned(p, q->end);
    memcpy(p, qs->kind, KIND_JSON_SIZE);
    p += qs->kind_len;
    put_literal(p, ",\"speaker\":");
    p = json_nstring(p, qs, QS_SPEAKER);
    put_literal(p, ",\"mention\":");
    p = json_span(p, text, vtext, q->mention, q->visible_mention);
    put_literal(p, ",\"cue\":");
    p = json_span(p, text, vtext, q->cue, q->visible_cue);
    put_literal(p, ",\"via\":");
    p = json_nstring(p, qs, QS_VIA);
    put_literal(p, ",\"rule\":");
    p = json_nstring(p, qs, QS_RULE);
    put_literal(p, ",\"confidence\":");
    p = json_double(p, q->confidence);
    put_literal(p, ",\"paragraph\":");
    p = json_unsigned(p, q->paragraph);
    put_literal(p, ",\"group\":");
    p = json_unsigned(p, q->group);
    put_literal(p, ",\"members\":");
    if (!q->nmembers) {
        put_literal(p, "null");
    } else {
        *p++ = '[';
        for (k = 0; k < q->nmembers; k++) {
            if (k)
                *p++ = ',';
            p = json_cstring(p, q->members[k]);
        }
        *p++ = ']';
    }
    *p++ = '}';
    return p;
}

/* Quote i of a JSON array of quotes at p, with the ',' before it but for
 * the first, into room of array_item_room bytes (which fills qs). */
static size_t array_item_room(const ws_quote *q, const char *vtext,
                              const kind_json *kj, quote_strings *qs)
{
    return quote_room(q, vtext != NULL, kj, qs) + 1;
}

static char *array_item(char *p, size_t i, const char *text, const char *vtext,
                        const ws_quote *q, const quote_strings *qs)
{
    if (i)
        *p++ = ',';
    return json_quote(p, text, vtext, q, qs);
}

/* extract_json(text): the quotes as the JSON array that `whosaid --jsonl`
 * writes, with no tables in between.  An extractor with on_quote callbacks
 * raises (they take tables): use extract. */
static int l_extract_json(lua_State *L)
{
    const char *text, *vtext;
    size_t vlen, n, i;
    result_box *rb;
    kind_json kinds;
    luaL_Buffer b;
    check_extractor(L, 1);
    if (lua_getiuservalue(L, 1, 1) == LUA_TTABLE && lua_rawlen(L, -1) > 0)
        return luaL_error(L, "extract_json: this extractor has on_quote callbacks, "
                          "which need the quote tables of extract");
    lua_pop(L, 1);
    rb = run_extract(L, &text);
    vtext = ws_result_text(rb->res, &vlen);
    n = ws_result_count(rb->res);
    make_kind_json(&kinds);
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '[');
    for (i = 0; i < n; i++) {
        const ws_quote *q = ws_result_quote(rb->res, i);
        quote_strings qs;
        char *start = luaL_prepbuffsize(&b, array_item_room(q, vtext, &kinds, &qs));
        luaL_addsize(&b, (size_t)(array_item(start, i, text, vtext, q, &qs) - start));
    }
    luaL_addchar(&b, ']');
    luaL_pushresult(&b);
    ws_result_free(rb->res);
    rb->res = NULL;
    return 1;
}

/* read_jsonl(line): the "id" and the "text" (or "html") of one line of
 * `whosaid --jsonl` input, read in C (csrc/jsonl.h) so that the members the
 * CLI ignores never become Lua values.  Returns the decoded input, the id's
 * JSON text ("null" when there is none) and whether the input is "html";
 * or nil, a message ("not valid JSON: ... at byte offset N", "missing
 * \"text\" (or \"html\")" ...) and the id's JSON text ("null" when there
 * is none or the line is not valid JSON). */
static int l_read_jsonl(lua_State *L)
{
    size_t len;
    const char *line = luaL_checklstring(L, 1, &len);
    /* the scratch space of the decoded strings; Lua frees it */
    char *buf = lua_newuserdatauv(L, len ? len : 1, 0);
    ws_jsonl_line rec;
    ws_error_detail detail;
    ws_jsonl_status st = ws_jsonl_read(line, len, buf, &rec, &detail);
    if (st == WS_JSONL_OK) {
        lua_pushlstring(L, rec.input, rec.input_len);
        lua_pushlstring(L, rec.id ? rec.id : "null", rec.id ? rec.id_len : 4);
        lua_pushboolean(L, rec.html);
        return 3;
    }
    lua_pushnil(L);
    lua_pushstring(L, detail.message);
    lua_pushlstring(L, rec.id ? rec.id : "null", rec.id ? rec.id_len : 4);
    return 3;
}

/* ---- lines --------------------------------------------------------------- */

/* The buffer read_line reads into (getline's, from malloc), an upvalue of
 * read_line: it lives as long as the module and is as long as the longest
 * line read so far. */
typedef struct line_buffer {
    char *p;
    size_t cap;
} line_buffer;

static int l_line_buffer_gc(lua_State *L)
{
    line_buffer *lb = luaL_checkudata(L, 1, LINE_BUFFER_MT);
    free(lb->p);
    lb->p = NULL;
    lb->cap = 0;
    return 0;
}

/* The next line of f into *buf (of *cap bytes, from malloc, grown as
 * needed), its length less the "\n" to *len: 1, or 0 at the end of the
 * file, -1 on a read error (errno says which), -2 out of memory.  getline
 * finds the line's end in stdio's buffer with memchr where read("l") takes
 * a getc per byte (bench/NOTES.md); without getline (not POSIX), a getc a
 * byte as read("l") does. */
static int next_line(FILE *f, char **buf, size_t *cap, size_t *len)
{
#ifdef HAVE_GETLINE
    ssize_t n = getline(buf, cap, f);
    if (n < 0)
        return ferror(f) ? -1 : 0;
    if (n > 0 && (*buf)[n - 1] == '\n')
        n--;
    *len = (size_t)n;
    return 1;
#else
    size_t n = 0;
    int c = 0, any = 0;
    while ((c = getc(f)) != EOF && (any = 1) && c != '\n') {
        if (n + 1 >= *cap) {
            size_t ncap = *cap ? 2 * *cap : 256;
            char *np = realloc(*buf, ncap);
            if (!np)
                return -2;
            *buf = np;
            *cap = ncap;
        }
        (*buf)[n++] = (char)c;
    }
    if (ferror(f))
        return -1;
    *len = n;
    return any;
#endif
}

/* read_line(file): the next line of a Lua file (io.stdin, a file of
 * io.open) without its "\n", as file:read("l") returns it: nil at the end,
 * nil and a message on a read error.  The CLI reads the JSONL of other
 * streams than files itself (core.jsonl); this is for a file it only reads. */
static int l_read_line(lua_State *L)
{
    luaL_Stream *file = luaL_checkudata(L, 1, LUA_FILEHANDLE);
    line_buffer *lb = lua_touserdata(L, lua_upvalueindex(1));
    size_t len = 0;
    int rc;
    if (!file->closef)
        return luaL_error(L, "attempt to use a closed file");
    rc = next_line(file->f, &lb->p, &lb->cap, &len);
    if (rc == -1)
        return luaL_fileresult(L, 0, NULL);
    if (rc == -2)
        return luaL_error(L, "out of memory");
    if (rc == 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushlstring(L, lb->p, len);
    return 1;
}

/* ---- the CLI's --jsonl ---------------------------------------------------- */

/*
 * core.jsonl(): what `whosaid --jsonl` does with each line, in C, with no
 * Lua value in between: the line read (csrc/jsonl.h), its text extracted,
 * its output record written.  j:file(input, output, html) does it for
 * every line of a Lua file into a Lua file (getline, fwrite, a flush a
 * line), where each line had been five Lua strings (the line, the decoded
 * text, the id, the quotes' JSON, the record) and a dozen Lua calls;
 * j:record(line, n, html) does one line, for the CLI's other streams.
 * The extractors are made at first use with the default options, as
 * whosaid.lua's are (one for text, one for HTML); the buffers grow to the
 * longest line and record, and go with the object.
 */
typedef struct outbuf {
    char *p;
    size_t len, cap;
} outbuf;

typedef struct jsonl_state {
    lua_Alloc alloc;
    void *ud;
    ws_extractor *ex[2];        /* for text, for HTML */
    ws_cache cache;             /* theirs, as an extractor box's */
    char *scratch;              /* the line's decoded strings (jsonl.h) */
    size_t scratch_cap;
    outbuf out;                 /* the record, and room for its "\n" */
    char *line;                 /* a file's lines (next_line, malloc) */
    size_t line_cap;
    kind_json kinds;
} jsonl_state;

static jsonl_state *check_jsonl(lua_State *L)
{
    return luaL_checkudata(L, 1, JSONL_MT);
}

static int l_jsonl_gc(lua_State *L)
{
    jsonl_state *st = check_jsonl(L);
    ws_extractor_free(st->ex[0]);
    ws_extractor_free(st->ex[1]);
    st->ex[0] = st->ex[1] = NULL;
    ws_cache_drain(&st->cache);
    if (st->scratch)
        st->alloc(st->ud, st->scratch, st->scratch_cap, 0);
    if (st->out.p)
        st->alloc(st->ud, st->out.p, st->out.cap, 0);
    st->scratch = st->out.p = NULL;
    st->scratch_cap = st->out.cap = st->out.len = 0;
    free(st->line);
    st->line = NULL;
    st->line_cap = 0;
    return 0;
}

/* Room for `room` more bytes after the record's; NULL when out of memory. */
static char *reserve(jsonl_state *st, size_t room)
{
    outbuf *b = &st->out;
    if (b->cap - b->len < room) {
        size_t cap = b->cap ? b->cap : 1024;
        char *np;
        while (cap - b->len < room) {
            if (cap > (size_t)-1 / 2)
                return NULL;
            cap *= 2;
        }
        np = st->alloc(st->ud, b->p, b->cap, cap);
        if (!np)
            return NULL;
        b->p = np;
        b->cap = cap;
    }
    return b->p + b->len;
}

/* The id's JSON text and the bytes for a record's head or its error
 * record, at most: the keys, a line number, the message escaped. */
#define RECORD_MESSAGE_SIZE (EXTRACT_MESSAGE_SIZE + 64)
#define RECORD_ROOM(id_len) ((id_len) + 64 + STRING_ROOM(RECORD_MESSAGE_SIZE))

/* {"id":ID,"line":N,"error":"line N: WHAT"}, as the CLI has always
 * written it. */
static int error_record(jsonl_state *st, const char *id, size_t id_len, lua_Integer n,
                        const char *what)
{
    char msg[RECORD_MESSAGE_SIZE];
    char *p = reserve(st, RECORD_ROOM(id_len)), *start = p;
    if (!p)
        return WS_ENOMEM;
    snprintf(msg, sizeof msg, "line %lld: %s", (long long)n, what);
    put_literal(p, "{\"id\":");
    memcpy(p, id, id_len);
    p += id_len;
    put_literal(p, ",\"line\":");
    p = json_integer(p, n);
    put_literal(p, ",\"error\":");
    p = json_string(p, msg, strlen(msg));
    *p++ = '}';
    st->out.len += (size_t)(p - start);
    return WS_OK;
}

/* A line of white space only (Lua's %s: " \t\n\v\f\r") gets no record. */
static int blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && (s[i] < '\t' || s[i] > '\r'))
            return 0;
    return 1;
}

/* The record of input line n (without its "\n"; a "\r" before it is
 * dropped) into st->out: {"id":ID,"quotes":[...]}, or an error record
 * (then *good is 0), or nothing for a blank line.  html: the texts are
 * HTML (--html); a line's "html" member is HTML in any case.  Returns
 * WS_OK, or WS_ENOMEM when a buffer could not grow. */
static int jsonl_record(jsonl_state *st, const char *line, size_t len, lua_Integer n,
                        int html, int *good)
{
    ws_jsonl_line rec;
    ws_error_detail detail;
    ws_result *res = NULL;
    const char *id, *vtext;
    size_t id_len, vlen, count, i;
    char *p, *start;
    int rc, kind;
    st->out.len = 0;
    *good = 1;
    if (len && line[len - 1] == '\r')
        len--;
    if (blank(line, len))
        return WS_OK;
    if (st->scratch_cap < len) {
        char *np = st->alloc(st->ud, st->scratch, st->scratch_cap, len);
        if (!np)
            return WS_ENOMEM;
        st->scratch = np;
        st->scratch_cap = len;
    }
    rc = ws_jsonl_read(line, len, st->scratch, &rec, &detail);
    id = rec.id ? rec.id : "null";
    id_len = rec.id ? rec.id_len : 4;
    if (rc != WS_JSONL_OK) {
        *good = 0;
        return error_record(st, id, id_len, n, detail.message);
    }
    kind = rec.html || html;
    if (!st->ex[kind]) {
        ws_options opts;
        int err = WS_OK;
        ws_options_init(&opts);
        opts.html = kind;
        st->ex[kind] = ws_extractor_create(&opts, ws_cache_alloc, &st->cache, &err);
        if (!st->ex[kind]) {
            char what[EXTRACT_MESSAGE_SIZE + 32];
            snprintf(what, sizeof what, "extract failed: whosaid: %s", ws_strerror(err));
            *good = 0;
            return error_record(st, id, id_len, n, what);
        }
    }
    rc = ws_extract(st->ex[kind], rec.input, rec.input_len, &res, &detail);
    if (rc) {
        char msg[EXTRACT_MESSAGE_SIZE], what[EXTRACT_MESSAGE_SIZE + 32];
        extract_message(rc, &detail, rec.input_len, msg);
        snprintf(what, sizeof what, "extract failed: %s", msg);
        *good = 0;
        return error_record(st, id, id_len, n, what);
    }
    if (!(p = start = reserve(st, id_len + 32)))
        goto nomem;
    put_literal(p, "{\"id\":");
    memcpy(p, id, id_len);
    p += id_len;
    put_literal(p, ",\"quotes\":[");
    st->out.len += (size_t)(p - start);
    vtext = ws_result_text(res, &vlen);
    count = ws_result_count(res);
    for (i = 0; i < count; i++) {
        const ws_quote *q = ws_result_quote(res, i);
        quote_strings qs;
        if (!(start = reserve(st, array_item_room(q, vtext, &st->kinds, &qs))))
            goto nomem;
        st->out.len += (size_t)(array_item(start, i, rec.input, vtext, q, &qs) - start);
    }
    if (!(p = reserve(st, 2)))
        goto nomem;
    p[0] = ']';
    p[1] = '}';
    st->out.len += 2;
    ws_result_free(res);
    return WS_OK;
nomem:
    ws_result_free(res);
    return WS_ENOMEM;
}

/* core.jsonl(): a new JSONL run. */
static int l_jsonl(lua_State *L)
{
    jsonl_state *st = lua_newuserdatauv(L, sizeof *st, 0);
    memset(st, 0, sizeof *st);
    st->alloc = lua_getallocf(L, &st->ud);
    ws_cache_init(&st->cache, (ws_alloc_fn)st->alloc, st->ud);
    make_kind_json(&st->kinds);
    luaL_setmetatable(L, JSONL_MT);
    return 1;
}

/* j:record(line, n, html): the output record of input line n (a string,
 * without the "\n") and whether it is no error record; nil for a blank
 * line. */
static int l_jsonl_record(lua_State *L)
{
    jsonl_state *st = check_jsonl(L);
    size_t len;
    const char *line = luaL_checklstring(L, 2, &len);
    lua_Integer n = luaL_checkinteger(L, 3);
    int good;
    if (jsonl_record(st, line, len, n, lua_toboolean(L, 4), &good))
        return luaL_error(L, "out of memory");
    if (!st->out.len) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushlstring(L, st->out.p, st->out.len);
    lua_pushboolean(L, good);
    return 2;
}

/* j:file(input, output, html): the record of every line of the Lua file
 * input, each written to the Lua file output with its "\n" and flushed
 * before the next line is read (a stream filter).  Returns whether every
 * line was good, and on a read error the message (the lines before it are
 * written). */
static int l_jsonl_file(lua_State *L)
{
    jsonl_state *st = check_jsonl(L);
    luaL_Stream *in = luaL_checkudata(L, 2, LUA_FILEHANDLE);
    luaL_Stream *out = luaL_checkudata(L, 3, LUA_FILEHANDLE);
    int html = lua_toboolean(L, 4), all_good = 1;
    lua_Integer n = 0;
    if (!in->closef || !out->closef)
        return luaL_error(L, "attempt to use a closed file");
    for (;;) {
        size_t len = 0;
        int good, rc = next_line(in->f, &st->line, &st->line_cap, &len);
        if (rc == 0)
            break;
        if (rc == -1) {
            const char *msg = strerror(errno);
            lua_pushboolean(L, all_good);
            lua_pushstring(L, msg);
            return 2;
        }
        if (rc == -2 || jsonl_record(st, st->line, len, ++n, html, &good))
            return luaL_error(L, "out of memory");
        if (!good)
            all_good = 0;
        if (st->out.len) {
            char *p = reserve(st, 1);
            if (!p)
                return luaL_error(L, "out of memory");
            *p = '\n';
            fwrite(st->out.p, 1, st->out.len + 1, out->f);
            fflush(out->f);
        }
    }
    lua_pushboolean(L, all_good);
    return 1;
}

static const luaL_Reg jsonl_methods[] = {
    {"record", l_jsonl_record},
    {"file", l_jsonl_file},
    {NULL, NULL}
};

static int l_tostring(lua_State *L)
{
    extractor_box *b = luaL_checkudata(L, 1, EXTRACTOR_MT);
    lua_pushfstring(L, "whosaid.extractor (%p)%s", (void *)b,
                    b->ex ? "" : " (freed)");
    return 1;
}

static const luaL_Reg extractor_methods[] = {
    {"extract", l_extract},
    {"extract_json", l_extract_json},
    {"add_cue", l_add_cue},
    {"add_medium", l_add_medium},
    {"add_speaker", l_add_speaker},
    {"add_rule", l_add_rule},
    {"on_quote", l_on_quote},
    {NULL, NULL}
};

static const luaL_Reg module_functions[] = {
    {"new", l_new},
    {"read_jsonl", l_read_jsonl},
    {"jsonl", l_jsonl},
    {NULL, NULL}
};

/* gc as the __gc and the __close of the metatable on top of the stack:
 * `local x <close> = ...` frees at once what the collector would later. */
static void set_gc(lua_State *L, lua_CFunction gc)
{
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__close");
}

int luaopen_whosaid_core(lua_State *L)
{
    luaL_newmetatable(L, EXTRACTOR_MT);
    luaL_newlibtable(L, extractor_methods);
    {
        int k;
        for (k = 1; k <= NKEYS; k++)
            lua_pushstring(L, key_names[k]);
        luaL_setfuncs(L, extractor_methods, NKEYS);
    }
    lua_setfield(L, -2, "__index");
    set_gc(L, l_gc);
    lua_pushcfunction(L, l_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
    luaL_newmetatable(L, RESULT_MT);
    lua_pushcfunction(L, l_result_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, JSONL_MT);
    luaL_newlib(L, jsonl_methods);
    lua_setfield(L, -2, "__index");
    set_gc(L, l_jsonl_gc);
    lua_pop(L, 1);
    luaL_newlib(L, module_functions);
    /* read_line and its buffer, freed with the module */
    {
        line_buffer *lb = lua_newuserdatauv(L, sizeof *lb, 0);
        lb->p = NULL;
        lb->cap = 0;
    }
    if (luaL_newmetatable(L, LINE_BUFFER_MT)) {
        lua_pushcfunction(L, l_line_buffer_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, l_read_line, 1);
    lua_setfield(L, -2, "read_line");
    lua_pushliteral(L, WS_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
