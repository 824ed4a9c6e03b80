/* test_cache.c -- the allocator cache (ws_cache of whosaid.h; the Lua
 * binding's, cache.h): what it keeps and gives back, that a block's bytes
 * survive every resize, that a failed resize leaves the block, that
 * extraction through it finds what extraction through malloc finds, call
 * after call, and that a call repeated through it asks nothing of the
 * allocator behind. */
#include "check.h"
#include "cache.h"

/* A backing allocator that counts its live blocks and bytes, its calls,
 * and fails when told to. */
typedef struct backing {
    long blocks, calls;
    size_t bytes;
    int fail;
} backing;

static void *backing_alloc(void *ud, void *p, size_t o, size_t n)
{
    backing *b = ud;
    void *q;
    if (!p)
        o = 0;
    b->calls++;
    if (n == 0) {
        if (p) {
            b->blocks--;
            b->bytes -= o;
        }
        free(p);
        return NULL;
    }
    if (b->fail)
        return NULL;
    q = realloc(p, n);
    if (!q)
        return NULL;
    if (!p)
        b->blocks++;
    b->bytes = b->bytes - o + n;
    return q;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 31u + i * 7u);
}

static int filled(const unsigned char *p, size_t n, unsigned seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed * 31u + i * 7u))
            return 0;
    return 1;
}

static void a_freed_block_serves_the_next_request(void)
{
    backing b = {0, 0, 0, 0};
    ws_cache c;
    void *p, *q;
    long calls;
    ws_cache_init(&c, backing_alloc, &b);
    p = ws_cache_alloc(&c, NULL, 0, 1000);
    CHECK(p != NULL);
    ws_cache_alloc(&c, p, 1000, 0);
    CHECK(b.blocks == 1);         /* kept, not given back */
    calls = b.calls;
    q = ws_cache_alloc(&c, NULL, 0, 990);   /* the same class */
    CHECK(q == p);
    CHECK(b.calls == calls);      /* no backing call */
    /* grown within its class: in place */
    CHECK(ws_cache_alloc(&c, q, 990, 1020) == q);
    ws_cache_alloc(&c, q, 1020, 0);
    ws_cache_drain(&c);
    CHECK(b.blocks == 0 && b.bytes == 0);
}

static void bytes_survive_every_resize(void)
{
    backing b = {0, 0, 0, 0};
    ws_cache c;
    static const size_t sizes[] = {1, 16, 17, 100, 640, 641, 5000, 65536, 300000,
                                   (size_t)1 << 20, ((size_t)1 << 20) + 1, 3000000, 40, 2};
    size_t k, have = 0;
    unsigned char *p = NULL;
    ws_cache_init(&c, backing_alloc, &b);
    for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k], keep = have < n ? have : n;
        unsigned char *q = ws_cache_alloc(&c, p, have, n);
        CHECK(q != NULL);
        if (!q)
            break;
        CHECK(filled(q, keep, 1));    /* what was there, up to the smaller */
        fill(q, n, 1);
        p = q;
        have = n;
    }
    ws_cache_alloc(&c, p, have, 0);
    ws_cache_drain(&c);
    CHECK(b.blocks == 0 && b.bytes == 0);
}

static void big_blocks_are_never_kept(void)
{
    backing b = {0, 0, 0, 0};
    ws_cache c;
    size_t n = WS_CACHE_BIG + 1;
    void *p;
    ws_cache_init(&c, backing_alloc, &b);
    p = ws_cache_alloc(&c, NULL, 0, n);
    CHECK(p != NULL);
    CHECK(b.blocks == 1 && b.bytes > n);
    ws_cache_alloc(&c, p, n, 0);
    CHECK(b.blocks == 0 && b.bytes == 0);
    CHECK(c.kept == 0);
}

static void it_keeps_at_most_its_bound(void)
{
    backing b = {0, 0, 0, 0};
    ws_cache c;
    enum { N = 40 };
    void *p[N];
    size_t k, n = 256 << 10;   /* 40 blocks of 256 KB: 10 MB */
    ws_cache_init(&c, backing_alloc, &b);
    for (k = 0; k < N; k++) {
        p[k] = ws_cache_alloc(&c, NULL, 0, n);
        CHECK(p[k] != NULL);
    }
    for (k = 0; k < N; k++)
        ws_cache_alloc(&c, p[k], n, 0);
    CHECK(c.kept <= WS_CACHE_KEEP);
    CHECK(c.kept > WS_CACHE_KEEP / 2);
    CHECK(b.bytes == c.kept);      /* all the rest went back */
    ws_cache_drain(&c);
    CHECK(b.blocks == 0 && b.bytes == 0 && c.kept == 0);
}

static void a_failed_resize_leaves_the_block(void)
{
    backing b = {0, 0, 0, 0};
    ws_cache c;
    unsigned char *p;
    ws_cache_init(&c, backing_alloc, &b);
    p = ws_cache_alloc(&c, NULL, 0, 100);
    CHECK(p != NULL);
    fill(p, 100, 3);
    b.fail = 1;
    CHECK(ws_cache_alloc(&c, p, 100, 5000) == NULL);
    CHECK(ws_cache_alloc(&c, NULL, 0, 5000) == NULL);
    CHECK(ws_cache_alloc(&c, p, 100, 50) == p);    /* a shrink needs nothing */
    b.fail = 0;
    /* a size with no room for the header fails, whatever the backing */
    CHECK(ws_cache_alloc(&c, NULL, 0, (size_t)-1) == NULL);
    CHECK(ws_cache_alloc(&c, NULL, 0, (size_t)-1 - 8) == NULL);
    CHECK(filled(p, 50, 3));
    b.fail = 0;
    ws_cache_alloc(&c, p, 50, 0);
    ws_cache_drain(&c);
    CHECK(b.blocks == 0 && b.bytes == 0);
}

/* Every field of every quote, as a line of text. */
static void describe(const ws_result *res, char *out, size_t cap)
{
    size_t i, n = ws_result_count(res), o = 0;
    out[0] = '\0';
    for (i = 0; i < n && o < cap; i++) {
        const ws_quote *q = ws_result_quote(res, i);
        int w = snprintf(out + o, cap - o, "%zu %zu %zu %zu %d %u %u [%s] %zu:%zu %zu:%zu %s %s %g|",
                         q->open, q->start, q->end, q->close, (int)q->kind, q->paragraph,
                         q->group, q->speaker ? q->speaker : "-", q->mention.start,
                         q->mention.end, q->cue.start, q->cue.end, q->via ? q->via : "-",
                         q->rule ? q->rule : "-", q->confidence);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

static void extraction_through_it_is_the_same(void)
{
    /* the texts of several lines parenthesised: Clang's
     * -Wstring-concatenation takes them for a missing comma */
    static const char *const texts[] = {
        ("\"We will rebuild the bridge by spring,\" Mayor Lena Ost said on Tuesday. "
         "Her deputy, Piet Vos, called the plan \"a promise we can keep.\"\n\n"
         "\"Not one more delay,\" she added."),
        "",
        "No quotes here at all, only a sentence about the weather.",
        ("Kim Jong Un described the talks as \"frank,\" the state news agency KCNA "
         "reported. \"We are ready,\" he said, vowing to do \"everything I can.\""),
    };
    backing b = {0, 0, 0, 0};
    ws_cache c;
    ws_extractor *plain = ws_extractor_create(NULL, NULL, NULL, NULL), *cached;
    char want[4096], got[4096];
    size_t round, k;
    ws_cache_init(&c, backing_alloc, &b);
    cached = ws_extractor_create(NULL, ws_cache_alloc, &c, NULL);
    CHECK(plain != NULL && cached != NULL);
    for (round = 0; round < 3; round++) {
        for (k = 0; k < sizeof texts / sizeof *texts; k++) {
            ws_result *r1 = NULL, *r2 = NULL;
            size_t n = strlen(texts[k]);
            CHECK(ws_extract(plain, texts[k], n, &r1, NULL) == WS_OK);
            CHECK(ws_extract(cached, texts[k], n, &r2, NULL) == WS_OK);
            describe(r1, want, sizeof want);
            describe(r2, got, sizeof got);
            CHECK_STR(got, want);
            if (k == 0)
                CHECK(ws_result_count(r2) == 3);
            ws_result_free(r1);
            ws_result_free(r2);
        }
    }
    ws_extractor_free(cached);
    ws_extractor_free(plain);
    ws_cache_drain(&c);
    CHECK(b.blocks == 0 && b.bytes == 0);
}

static const char repeated_text[] =
    "\"The vote is set for Thursday,\" Senator Ana Ruiz told reporters, adding that "
     "\"nobody should expect a surprise.\"\n\n"
     "Her rival, Tom Hale, disagreed. \"They do not have the numbers,\" he said.";

static void a_repeated_call_asks_nothing_of_the_allocator_behind(void)
{
    backing b = {0, 0, 0, 0};
    ws_cache *c = ws_cache_create(backing_alloc, &b);
    ws_extractor *ex;
    long calls = 0;
    int round;
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(b.blocks == 1);   /* the cache's own struct */
    ex = ws_extractor_create(NULL, ws_cache_alloc, c, NULL);
    CHECK(ex != NULL);
    for (round = 0; round < 4; round++) {
        ws_result *r = NULL;
        CHECK(ws_extract(ex, repeated_text, sizeof repeated_text - 1, &r, NULL) == WS_OK);
        CHECK(ws_result_count(r) == 3);
        CHECK(ws_result_quote(r, 2)->speaker != NULL &&
              strcmp(ws_result_quote(r, 2)->speaker, "Tom Hale") == 0);
        ws_result_free(r);
        if (round == 1)
            calls = b.calls;     /* the first two calls filled the lists */
    }
    CHECK(b.calls == calls);
    ws_extractor_free(ex);
    CHECK(b.blocks > 1);       /* the extractor's blocks, kept */
    ws_cache_drain(c);
    CHECK(b.blocks == 1);
    ws_cache_free(c);
    CHECK(b.blocks == 0 && b.bytes == 0);
}

static void create_and_free_at_their_edges(void)
{
    backing b = {0, 0, 0, 1};
    ws_cache *c = ws_cache_create(backing_alloc, &b);   /* the backing fails */
    ws_extractor *ex;
    ws_result *r = NULL;
    CHECK(c == NULL);
    CHECK(b.blocks == 0);
    ws_cache_free(NULL);
    /* no allocator: malloc's, which the sanitizer builds watch for leaks */
    c = ws_cache_create(NULL, NULL);
    CHECK(c != NULL);
    if (!c)
        return;
    ex = ws_extractor_create(NULL, ws_cache_alloc, c, NULL);
    CHECK(ex != NULL);
    CHECK(ws_extract(ex, repeated_text, sizeof repeated_text - 1, &r, NULL) == WS_OK);
    CHECK(ws_result_count(r) == 3);
    ws_result_free(r);
    ws_extractor_free(ex);
    ws_cache_free(c);
}

int main(void)
{
    a_freed_block_serves_the_next_request();
    bytes_survive_every_resize();
    big_blocks_are_never_kept();
    it_keeps_at_most_its_bound();
    a_failed_resize_leaves_the_block();
    extraction_through_it_is_the_same();
    a_repeated_call_asks_nothing_of_the_allocator_behind();
    create_and_free_at_their_edges();
    return check_summary();
}
