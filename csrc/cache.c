/*
 * cache.c -- the freed blocks of one call kept for the next (cache.h).
 *
 * Every block carries a header with its class, so that a block is freed,
 * kept or resized by its real size whatever size the caller last asked
 * for (a block shrunk in place keeps its class).  A block of class k has
 * room for class_size(k) bytes after its header; the blocks of
 * more than WS_CACHE_BIG bytes have the class BIG and exactly the size
 * asked, and go to the backing allocator and back unkept.
 */
#include <string.h>
#include "cache.h"
#include "internal.h"

/* 16 bytes, so that the caller's bytes keep the backing allocator's
 * alignment on 64-bit machines. */
typedef struct header {
    size_t cls;
    size_t room;   /* class_size(cls), 0 for BIG: read where the class
                      size was computed at each call (its shifts were a
                      fifth of the cache's instructions) */
} header;

#define BIG WS_CACHE_CLASSES

/* The class of a request of n bytes: 0 for up to 16, then four a power of
 * two, (2^b, 2^b * 5/4], ... (2^b * 7/4, 2^(b+1)], so that a block holds at
 * most a quarter more than was asked. */
static size_t class_of(size_t n)
{
    size_t b, q;
    if (n <= 16)
        return 0;
    b = ws_highest_bit(n - 1);
    q = ((n - 1 - ((size_t)1 << b)) >> (b - 2)) + 1;
    return (b - 4) * 4 + q;
}

static size_t class_size(size_t k)
{
    size_t b, q;
    if (k == 0)
        return 16;
    b = (k - 1) / 4 + 4;
    q = (k - 1) % 4 + 1;
    return ((size_t)1 << b) + q * ((size_t)1 << (b - 2));
}

void ws_cache_init(ws_cache *c, ws_alloc_fn backing, void *backing_ud)
{
    memset(c, 0, sizeof *c);
    c->backing = backing;
    c->backing_ud = backing_ud;
}

ws_cache *ws_cache_create(ws_alloc_fn alloc, void *alloc_ud)
{
    ws_cache *c;
    if (!alloc)
        alloc = ws_default_alloc;
    c = alloc(alloc_ud, NULL, 0, sizeof *c);
    if (c)
        ws_cache_init(c, alloc, alloc_ud);
    return c;
}

void ws_cache_free(ws_cache *c)
{
    if (!c)
        return;
    ws_cache_drain(c);
    c->backing(c->backing_ud, c, sizeof *c, 0);
}

/* A block for n bytes (0 < n) from the backing allocator: of n's class,
 * or BIG.  Out of line, as are the other calls to it: the lists' work
 * inline then needs no register saved (a sixth of the cache's
 * instructions were the pushes and pops of a frame it seldom used). */
WS_NOINLINE static header *fresh(ws_cache *c, size_t n)
{
    header *h;
    size_t k, room = 0;
    if (n > WS_CACHE_BIG) {
        if (n > (size_t)-1 - sizeof *h)
            return NULL;   /* no room for the header */
        k = BIG;
    } else {
        k = class_of(n);
        n = room = class_size(k);
    }
    h = c->backing(c->backing_ud, NULL, 0, sizeof *h + n);
    if (h) {
        h->cls = k;
        h->room = room;
    }
    return h;
}

/* A block for n bytes (0 < n): a kept one of its class, else fresh. */
static header *take(ws_cache *c, size_t n)
{
    if (n <= WS_CACHE_BIG) {
        size_t k = class_of(n);
        header *h = c->free[k];
        if (h) {
            memcpy(&c->free[k], h + 1, sizeof c->free[k]);
            c->kept -= sizeof *h + h->room;
            return h;
        }
    }
    return fresh(c, n);
}

/* h's block, of osize bytes asked when it is BIG, to the backing
 * allocator. */
WS_NOINLINE static void give_back(ws_cache *c, header *h, size_t osize)
{
    c->backing(c->backing_ud, h, sizeof *h + (h->room ? h->room : osize), 0);
}

/* h's block back into c's lists, or to the backing allocator when it is
 * BIG or the lists are full. */
static void give(ws_cache *c, header *h, size_t osize)
{
    size_t size = sizeof *h + h->room;
    if (!h->room || c->kept + size > WS_CACHE_KEEP) {
        give_back(c, h, osize);
        return;
    }
    memcpy(h + 1, &c->free[h->cls], sizeof c->free[h->cls]);
    c->free[h->cls] = h;
    c->kept += size;
}

/* ptr's block (h) resized to nsize bytes beyond its class: BIG to BIG by
 * the backing allocator, else copied into a block of the new size; on
 * failure the old block stays as it was. */
WS_NOINLINE static void *resize(ws_cache *c, header *h, size_t osize, size_t nsize)
{
    header *nh;
    if (h->cls == BIG && nsize > WS_CACHE_BIG) {
        if (nsize > (size_t)-1 - sizeof *h)
            return NULL;
        nh = c->backing(c->backing_ud, h, sizeof *h + osize, sizeof *h + nsize);
        return nh ? nh + 1 : NULL;
    }
    nh = take(c, nsize);
    if (!nh)
        return NULL;
    memcpy(nh + 1, h + 1, osize < nsize ? osize : nsize);
    give(c, h, osize);
    return nh + 1;
}

void *ws_cache_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    ws_cache *c = ud;
    header *h;
    if (!ptr) {
        if (nsize == 0)
            return NULL;
        h = take(c, nsize);
        return h ? h + 1 : NULL;
    }
    h = (header *)ptr - 1;
    if (nsize == 0) {
        give(c, h, osize);
        return NULL;
    }
    if (nsize <= h->room)
        return ptr;   /* shrunk, or grown within its class (BIG: room 0) */
    return resize(c, h, osize, nsize);
}

void ws_cache_drain(ws_cache *c)
{
    size_t k;
    for (k = 0; k < WS_CACHE_CLASSES; k++) {
        while (c->free[k]) {
            header *h = c->free[k];
            memcpy(&c->free[k], h + 1, sizeof c->free[k]);
            c->backing(c->backing_ud, h, sizeof *h + h->room, 0);
        }
    }
    c->kept = 0;
}
