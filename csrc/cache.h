/*
 * cache.h -- an allocator hook that keeps the blocks a call frees for the
 * next call, for one thread at a time (the Lua binding: an extractor's
 * calls come from one Lua state).
 *
 * Each ws_extract call makes and frees some sixty arrays (tokens, lists,
 * mentions, the sieves' tables), and the allocator behind the hook took
 * 3 % of the core's instructions and 6 % of its mispredicted branches on
 * news (bench/NOTES.md, "Eleventh round").  Through a ws_cache, a block
 * freed goes into a list by its size class, and the next call's request
 * of that class takes it back; a block that grows within its class grows
 * in place.  Not thread-safe: a ws_cache is for callers that make one call
 * at a time (which one extractor in C need not).
 */
#ifndef WHOSAID_CACHE_H
#define WHOSAID_CACHE_H

#include <stddef.h>
#include "whosaid.h"

/* Size classes: 16 bytes, then four a power of two from there up to
 * WS_CACHE_BIG (2^WS_CACHE_BIG_BITS); a block of more goes to the backing
 * allocator as it is, never kept. */
#define WS_CACHE_BIG_BITS 20
#define WS_CACHE_BIG ((size_t)1 << WS_CACHE_BIG_BITS)
#define WS_CACHE_CLASSES (1 + 4 * (WS_CACHE_BIG_BITS - 4))
/* At most this many bytes of freed blocks are kept; more go back. */
#define WS_CACHE_KEEP ((size_t)4 << 20)

typedef struct ws_cache {
    ws_alloc_fn backing;
    void *backing_ud;
    void *free[WS_CACHE_CLASSES];   /* freed blocks of each class, linked
                                       through their first bytes */
    size_t kept;                    /* bytes in free[], headers included */
} ws_cache;

/* Prepares c (caller-owned, e.g. inside a Lua userdata) to allocate
 * through backing (never NULL) with backing_ud. */
void ws_cache_init(ws_cache *c, ws_alloc_fn backing, void *backing_ud);

/* The allocator hook (ws_alloc_fn) with ud a ws_cache: a block allocated
 * through it must be freed or resized through it, with the size it was
 * given (as the hook's contract says). */
void *ws_cache_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* Gives every kept block back to the backing allocator; c stays usable.
 * Blocks still allocated are not affected (free them through c first). */
void ws_cache_drain(ws_cache *c);

#endif
