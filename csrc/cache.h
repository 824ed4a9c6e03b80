/*
 * cache.h -- the ws_cache of whosaid.h, whose struct is here so that the
 * Lua binding can hold one inside a userdata (an extractor's calls come
 * from one Lua state, one at a time).
 *
 * Each ws_extract call makes and frees some sixty arrays (tokens, lists,
 * mentions, the sieves' tables), and the allocator behind the hook took
 * 3 % of the core's instructions and 6 % of its mispredicted branches on
 * news (bench/NOTES.md, "Eleventh round").  Through a ws_cache, a block
 * freed goes into a list by its size class, and the next call's request
 * of that class takes it back; a block that grows within its class grows
 * in place.
 */
#ifndef WHOSAID_CACHE_H
#define WHOSAID_CACHE_H

#include <stddef.h>
#include "whosaid.h"

/* internal.h says why */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* Size classes: 16 bytes, then four a power of two from there up to
 * WS_CACHE_BIG (2^WS_CACHE_BIG_BITS); a block of more goes to the backing
 * allocator as it is, never kept. */
#define WS_CACHE_BIG_BITS 20
#define WS_CACHE_BIG ((size_t)1 << WS_CACHE_BIG_BITS)
#define WS_CACHE_CLASSES (1 + 4 * (WS_CACHE_BIG_BITS - 4))
/* At most this many bytes of freed blocks are kept; more go back. */
#define WS_CACHE_KEEP ((size_t)4 << 20)

struct ws_cache {
    ws_alloc_fn backing;
    void *backing_ud;
    void *free[WS_CACHE_CLASSES];   /* freed blocks of each class, linked
                                       through their first bytes */
    size_t kept;                    /* bytes in free[], headers included */
};

/* Prepares c (caller-owned, e.g. inside a Lua userdata) to allocate
 * through backing (never NULL) with backing_ud. */
void ws_cache_init(ws_cache *c, ws_alloc_fn backing, void *backing_ud);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
