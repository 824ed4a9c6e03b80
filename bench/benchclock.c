/*
 * benchclock.c -- the Lua bench's clock: module benchclock with
 *   now()           seconds of CLOCK_MONOTONIC, as a float (wall time)
 *   cpu()           CPU seconds of this process (user + system)
 *   children_cpu()  CPU seconds of its waited-for children
 *   maxrss([who])   max RSS in bytes of this process ("self", the default)
 *                   or of its waited-for children ("children")
 * Lua 5.4 has only os.clock (CPU time, children excluded) and os.time
 * (whole seconds).  Built by `make bench` into build/bench/benchclock.so.
 */
#define _DEFAULT_SOURCE
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "lua.h"
#include "lauxlib.h"

static int l_now(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
    return 1;
}

static double seconds(const struct timeval *tv)
{
    return (double)tv->tv_sec + (double)tv->tv_usec * 1e-6;
}

static int l_cpu(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
    return 1;
}

static int l_children_cpu(lua_State *L)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    lua_pushnumber(L, (lua_Number)(seconds(&ru.ru_utime) + seconds(&ru.ru_stime)));
    return 1;
}

static int l_maxrss(lua_State *L)
{
    const char *who = luaL_optstring(L, 1, "self");
    struct rusage ru;
    getrusage(strcmp(who, "children") == 0 ? RUSAGE_CHILDREN : RUSAGE_SELF, &ru);
    lua_pushinteger(L, (lua_Integer)ru.ru_maxrss * 1024);
    return 1;
}

int luaopen_benchclock(lua_State *L)
{
    static const luaL_Reg fns[] = {{"now", l_now}, {"cpu", l_cpu},
        {"children_cpu", l_children_cpu}, {"maxrss", l_maxrss}, {NULL, NULL}};
    luaL_newlib(L, fns);
    return 1;
}
