/* test_api.c -- the public contract: handles, errors, options, offsets, and
 * allocation failure at every allocation of a run. */
#include "check.h"

static const char article[] =
    "Harbor workers walked out on Monday.\n\n"
    "\xE2\x80\x9CWe are not going back without a contract,\xE2\x80\x9D said Ana Ruiz, "
    "a spokeswoman for the dockworkers' union. \xE2\x80\x9CNot one ship.\xE2\x80\x9D\n\n"
    "Mayor Tom Berg called the strike \"reckless\" and said the city would "
    "\"do everything it can\" to reopen the port, the state news agency reported.\n\n"
    "\"It's the '90s all over again,\" he said.";

static void free_accepts_null(void)
{
    ws_extractor_free(NULL);
    ws_result_free(NULL);
    CHECK(ws_result_count(NULL) == 0);
    CHECK(ws_result_quote(NULL, 0) == NULL);
}

static void error_messages(void)
{
    CHECK_STR(ws_strerror(WS_OK), "no error");
    CHECK_STR(ws_strerror(WS_ENOMEM), "out of memory");
    CHECK_STR(ws_strerror(WS_ETOOBIG), "input longer than max_input");
    CHECK_STR(ws_strerror(WS_EUTF8), "invalid UTF-8");
    CHECK_STR(ws_strerror(12345), "unknown error");
}

static void offsets_hold(void)
{
    ws_extractor *ex = ws_extractor_create(NULL, NULL, NULL, NULL);
    ws_result *res = NULL;
    size_t i, n;
    CHECK(ws_extract(ex, article, strlen(article), &res, NULL) == WS_OK);
    n = ws_result_count(res);
    CHECK(n == 5);
    for (i = 0; i < n; i++) {
        const ws_quote *q = ws_result_quote(res, i);
        CHECK(q->open <= q->start && q->start < q->end && q->end <= q->close);
        CHECK(((unsigned char)article[q->start] & 0xC0) != 0x80);
        CHECK(q->end == strlen(article) || ((unsigned char)article[q->end] & 0xC0) != 0x80);
        if (i > 0)
            CHECK(ws_result_quote(res, i - 1)->close <= q->open);
    }
    CHECK(ws_result_quote(res, n) == NULL);
    CHECK_STR(ws_result_quote(res, 0)->speaker, "Ana Ruiz");
    CHECK(ws_result_quote(res, 1)->group == ws_result_quote(res, 0)->group);
    CHECK_STR(ws_result_quote(res, 2)->speaker, "Tom Berg");
    CHECK_STR(ws_result_quote(res, 4)->speaker, "Tom Berg");
    ws_result_free(res);
    ws_extractor_free(ex);
}

/* A speaker's name as the text wrote it, its white space made one space:
 * a name of words one space apart is copied as it is, any other is folded. */
static void names_fold_white_space(void)
{
    static const char *const texts[][2] = {
        {"\"We will help,\" said Maria Lopez.", "Maria Lopez"},
        {"\"We will help,\" said Maria\tLopez  Garcia.", "Maria Lopez Garcia"},
        {"\"We will help,\" said Maria \r\tLopez.", "Maria Lopez"},
    };
    ws_extractor *ex = ws_extractor_create(NULL, NULL, NULL, NULL);
    size_t i;
    for (i = 0; i < sizeof texts / sizeof *texts; i++) {
        ws_result *res = NULL;
        CHECK(ws_extract(ex, texts[i][0], strlen(texts[i][0]), &res, NULL) == WS_OK);
        CHECK(ws_result_count(res) == 1);
        if (ws_result_count(res) == 1)
            CHECK_STR(ws_result_quote(res, 0)->speaker, texts[i][1]);
        ws_result_free(res);
    }
    ws_extractor_free(ex);
}

static void options_are_enforced(void)
{
    ws_options o;
    ws_extractor *ex;
    ws_result *res = (ws_result *)&o;
    ws_error_detail at;
    const char bad[] = "ok \"fine\" then \xC0\xAF bad";
    ws_options_init(&o);
    CHECK(o.max_input == (size_t)64 << 20);
    CHECK(o.match_limit == WS_MATCH_LIMIT);
    CHECK(o.depth_limit == WS_DEPTH_LIMIT);
    o.max_input = 10;
    o.strict_utf8 = 1;
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    CHECK(ws_extract(ex, article, strlen(article), &res, NULL) == WS_ETOOBIG);
    CHECK(res == NULL);
    ws_extractor_free(ex);
    o.max_input = 1000;
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    CHECK(ws_extract(ex, bad, strlen(bad), &res, &at) == WS_EUTF8);
    CHECK(at.offset == 15);
    CHECK(at.rule == NULL);
    CHECK(ws_extract(ex, "", 0, &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == 0);
    ws_result_free(res);
    CHECK(ws_extract(NULL, "x", 1, &res, NULL) == WS_EINVAL);
    CHECK(ws_extract(ex, NULL, 1, &res, NULL) == WS_EINVAL);
    ws_extractor_free(ex);
}

static void lexicon_extension(void)
{
    ws_extractor *a = ws_extractor_create(NULL, NULL, NULL, NULL);
    ws_extractor *b = ws_extractor_create(NULL, NULL, NULL, NULL);
    const char *text = "\"The harbor is open,\" Ana Ruiz harrumphed.";
    ws_result *ra = NULL, *rb = NULL;
    CHECK(ws_extractor_add_cue(a, "harrumphed", 10) == WS_OK);
    CHECK(ws_extractor_add_cue(a, "  ", 2) == WS_ELEXICON);
    CHECK(ws_extractor_add_medium(a, "Harbor Wire", 11) == WS_OK);
    CHECK(ws_extract(a, text, strlen(text), &ra, NULL) == WS_OK);
    CHECK(ws_extract(b, text, strlen(text), &rb, NULL) == WS_OK);
    CHECK_STR(ws_result_quote(ra, 0)->speaker, "Ana Ruiz");
    CHECK(ws_result_quote(rb, 0)->rule == NULL);   /* b never saw the cue */
    ws_result_free(ra);
    ws_result_free(rb);
    ws_extractor_free(a);
    ws_extractor_free(b);
}

/* Fails each allocation of an extraction of text in turn: every call
 * returns WS_ENOMEM or succeeds with want quotes, and nothing stays
 * allocated.  Returns how many failed. */
static int fail_each_allocation(const char *text, size_t len, size_t want)
{
    long n;
    int failures = 0, finished = 0;
    for (n = 0; !finished && n < 100000; n++) {
        failing f = {n, 0};
        int err = WS_OK, rc;
        ws_result *res = NULL;
        ws_extractor *ex = ws_extractor_create(NULL, failing_alloc, &f, &err);
        if (!ex) {
            CHECK(err == WS_ENOMEM);
            CHECK(f.live == 0);
            failures++;
            continue;
        }
        rc = ws_extract(ex, text, len, &res, NULL);
        if (rc == WS_OK) {
            CHECK(ws_result_count(res) == want);
            finished = f.countdown >= 0;
        } else {
            CHECK(rc == WS_ENOMEM);
            CHECK(res == NULL);
            failures++;
        }
        ws_result_free(res);
        ws_extractor_free(ex);
        if (f.live != 0) {
            fprintf(stderr, "leak after failing allocation %ld\n", n);
            checks_failed++;
        }
    }
    CHECK(finished);
    return failures;
}

static void allocation_failure_everywhere(void)
{
    CHECK(fail_each_allocation(article, strlen(article), 5) > 10);
}

/* ws_grow_part: doubling from nothing, a sixteenth more once the text is
 * read, twice at most early on, the rate so far in between; a failure
 * leaves the array as it was. */
/* Doubling: from 16, or from the cap, to the first that holds the need. */
static void grow_to_sizes(void)
{
    static const size_t steps[][3] = {   /* cap, need, the cap after */
        {0, 1, 16}, {0, 16, 16}, {0, 17, 32}, {0, 1000, 1024}, {16, 1025, 2048},
        {24, 25, 48}, {24, 48, 48}, {24, 49, 96}, {3, 7, 12}, {3, 100, 192}
    };
    size_t i;
    for (i = 0; i < sizeof steps / sizeof *steps; i++) {
        char *v = steps[i][0] ? ws_alloc(&test_mem, steps[i][0]) : NULL;
        size_t cap = steps[i][0];
        CHECK(ws_grow_to(&test_mem, (void **)&v, &cap, steps[i][1], 1) == WS_OK);
        CHECK(cap == steps[i][2]);
        ws_release(&test_mem, v, cap);
    }
    {
        int *v = NULL;
        size_t cap = 0;
        CHECK(ws_grow_to(&test_mem, (void **)&v, &cap, ((size_t)-1) / 4, sizeof *v) == WS_ENOMEM);
        CHECK(v == NULL && cap == 0);
    }
}

static void grow_part_sizes(void)
{
    int *v = NULL;
    size_t cap = 0;
    failing f = {0, 0};
    const ws_mem fail_now = {failing_alloc, &f};
    CHECK(ws_grow_part(&test_mem, (void **)&v, &cap, 1, sizeof *v, 0, 100) == WS_OK);
    CHECK(cap == 16);
    CHECK(ws_grow_part(&test_mem, (void **)&v, &cap, 16, sizeof *v, 5, 100) == WS_OK);
    CHECK(cap == 16);                               /* it fits */
    CHECK(ws_grow_part(&test_mem, (void **)&v, &cap, 17, sizeof *v, 16, 16) == WS_OK);
    CHECK(cap == 17);                               /* all read: a sixteenth more */
    CHECK(ws_grow_part(&test_mem, (void **)&v, &cap, 18, sizeof *v, 10, 100) == WS_OK);
    CHECK(cap == 34);                               /* 191 at the rate: twice */
    CHECK(ws_grow_part(&test_mem, (void **)&v, &cap, 41, sizeof *v, 30, 40) == WS_OK);
    CHECK(cap == 58);                               /* 41 * 40 / 30 * 1.0625 */
    CHECK(ws_grow_part(&test_mem, (void **)&v, &cap, 59, sizeof *v, 39, 40) == WS_OK);
    CHECK(cap == 64);                               /* 59 * 40 / 39 * 1.0625 */
    v[60] = 7;
    CHECK(ws_grow_part(&test_mem, (void **)&v, &cap, 200, sizeof *v, 1, 1) == WS_OK);
    CHECK(cap == 200 && v[60] == 7);                /* never less than the need */
    {
        int *w = v;
        CHECK(ws_grow_part(&fail_now, (void **)&v, &cap, 201, sizeof *v, 1, 2) == WS_ENOMEM);
        CHECK(v == w && cap == 200 && v[60] == 7);
    }
    ws_release(&test_mem, v, cap * sizeof *v);
}

/* A short text that names many people and quotes each: its quotes,
 * mentions, entities and name-index nodes outgrow what the stages reserve
 * for a text of its length, so that they grow (ws_grow_part) and every
 * allocation of that growth can fail. */
static char *crowded_text(void)
{
    static const char *first[] = {"Ana", "Tom", "Maria", "James", "Linda", "Peter",
                                  "Sarah", "David", "Laura", "Mark"};
    static const char *last[] = {"Ruiz", "Berg", "Okafor", "Lindqvist", "Moreau",
                                 "Tanaka", "Novak", "Haddad"};
    size_t cap = 16384, n = 0, i;
    char *s = malloc(cap);
    for (i = 0; i < 40; i++) {
        n += (size_t)snprintf(s + n, cap - n,
                              "\"We will see,\" %s %s said after %s %s spoke.\n",
                              first[i % 10], last[i % 8], first[(i + 3) % 10],
                              last[(i / 8 + i) % 8]);
    }
    return s;
}

static void allocation_failure_while_growing(void)
{
    char *text = crowded_text();
    size_t len = strlen(text), want;
    fixture fx;
    ws_result *res = NULL;
    ws_extractor *ex = ws_extractor_create(NULL, NULL, NULL, NULL);
    /* the arrays do outgrow their reservations */
    fixture_run(&fx, text, UPTO_MENTIONS);
    CHECK(fx.d.nq > len / 512 + 16);
    CHECK(fx.d.nent > len / 256 + 16);
    CHECK(fx.d.nmen > len / 48 + 16);
    fixture_free(&fx);
    CHECK(ws_extract(ex, text, len, &res, NULL) == WS_OK);
    want = ws_result_count(res);
    CHECK(want >= 40);
    ws_result_free(res);
    ws_extractor_free(ex);
    CHECK(fail_each_allocation(text, len, want) > 40);
    free(text);
}

/* The allocator hook's bytes, live and at their peak. */
typedef struct peak_count {
    size_t live, peak;
} peak_count;

static void *counting_alloc(void *ud, void *p, size_t o, size_t n)
{
    peak_count *c = ud;
    void *q;
    if (n == 0) {
        c->live -= p ? o : 0;
        free(p);
        return NULL;
    }
    q = realloc(p, n);
    if (q) {
        c->live += n - (p ? o : 0);
        if (c->live > c->peak)
            c->peak = c->live;
    }
    return q;
}

/* The peak of one extraction of text, its extractor made beforehand. */
static size_t extraction_peak(const char *text, size_t len, size_t want)
{
    peak_count c = {0, 0};
    ws_result *res = NULL;
    ws_extractor *ex = ws_extractor_create(NULL, counting_alloc, &c, NULL);
    size_t before, peak;
    CHECK(ex != NULL);
    before = c.live;
    c.peak = c.live;
    CHECK(ws_extract(ex, text, len, &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == want);
    peak = c.peak - before;
    ws_result_free(res);
    ws_extractor_free(ex);
    CHECK(c.live == 0);
    return peak;
}

/* A text with no quote has nobody to attribute: its names are not made
 * into mentions and entities, which the same text with one quote more
 * holds at its peak (300 people, 52 bytes an entity alone). */
static void no_quote_no_mentions(void)
{
    static const char *first[] = {"Ana", "Tom", "Lena", "Omar", "Greta", "Ivo", "Nadia",
        "Pavel", "Rosa", "Sven", "Tariq", "Una", "Viktor", "Wanda", "Yusuf"};
    static const char *last[] = {"Ruiz", "Berg", "Okafor", "Lindqvist", "Moreau",
        "Takeda", "Haddad", "Novak", "Castell", "Brandt", "Ivers", "Qureshi", "Duval",
        "Halloran", "Mbeki", "Sorensen", "Vidal", "Kowal", "Arden", "Fenwick"};
    static const char said[] = "\n\xE2\x80\x9CWe will see,\xE2\x80\x9D Ana Ruiz said.";
    size_t i, j, len = 0, cap = 64 * 1024, free_peak, quoted_peak;
    char *text = malloc(cap);
    CHECK(text != NULL);
    if (!text)
        return;
    for (i = 0; i < sizeof first / sizeof *first; i++)
        for (j = 0; j < sizeof last / sizeof *last; j++)
            len += (size_t)snprintf(text + len, cap - len,
                                    "%s %s met the council on Monday.\n", first[i], last[j]);
    CHECK(len + sizeof said < cap);
    free_peak = extraction_peak(text, len, 0);
    memcpy(text + len, said, sizeof said);
    quoted_peak = extraction_peak(text, len + sizeof said - 1, 1);
    CHECK(quoted_peak > free_peak + 300 * 32);
    free(text);
}

int main(void)
{
    free_accepts_null();
    error_messages();
    offsets_hold();
    names_fold_white_space();
    options_are_enforced();
    lexicon_extension();
    allocation_failure_everywhere();
    grow_to_sizes();
    grow_part_sizes();
    allocation_failure_while_growing();
    no_quote_no_mentions();
    return check_summary();
}
