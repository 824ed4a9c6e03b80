/*
 * check.h -- the little harness of the C tests: CHECK counts and reports,
 * and a fixture that runs the core's stages on a text up to a given one.
 * Each test program ends with the line "N passed, M failed".
 */
#ifndef WS_CHECK_H
#define WS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int checks_passed, checks_failed;

#define CHECK(cond) do { \
    if (cond) checks_passed++; \
    else { checks_failed++; \
           fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
    const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && strcmp(g_, w_) == 0) checks_passed++; \
    else { checks_failed++; \
           fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                   g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed ? 1 : 0;
}

static inline void *test_alloc(void *ud, void *p, size_t o, size_t n)
{
    (void)ud; (void)o;
    if (!n) { free(p); return NULL; }
    return realloc(p, n);
}

static const ws_mem test_mem = {test_alloc, NULL};

/* An allocator that fails the n-th allocation and counts live blocks, for
 * the tests that fail every allocation of a run in turn. */
typedef struct failing {
    long countdown;   /* fail when it reaches 0; negative: never */
    long live;
} failing;

static inline void *failing_alloc(void *ud, void *p, size_t o, size_t n)
{
    failing *f = ud;
    (void)o;
    if (n == 0) {
        if (p) f->live--;
        free(p);
        return NULL;
    }
    if (f->countdown >= 0 && f->countdown-- == 0)
        return NULL;
    if (!p) {
        void *q = malloc(n);
        if (q) f->live++;
        return q;
    }
    return realloc(p, n);
}

enum { UPTO_SCAN = 1, UPTO_SEGMENT, UPTO_MENTIONS, UPTO_ATTRIBUTE };

typedef struct fixture {
    ws_lexicon lx;
    ws_doc d;
} fixture;

/* Runs the stages on text up to and including the one named. */
static inline void fixture_run(fixture *f, const char *text, int upto)
{
    int rc;
    memset(f, 0, sizeof *f);
    rc = ws_lexicon_init(&f->lx, &test_mem);
    if (rc) { fprintf(stderr, "lexicon: %d\n", rc); exit(2); }
    f->d.mem = &test_mem;
    f->d.lx = &f->lx;
    f->d.text = text;
    f->d.len = strlen(text);
    rc = ws_scan(&f->d);
    if (!rc && upto >= UPTO_SEGMENT) rc = ws_segment(&f->d);
    if (!rc && upto >= UPTO_MENTIONS) rc = ws_mentions(&f->d);
    if (!rc && upto >= UPTO_ATTRIBUTE) rc = ws_attribute(&f->d);
    if (rc) { fprintf(stderr, "stages: %d\n", rc); exit(2); }
}

static inline void fixture_free(fixture *f)
{
    ws_doc_free(&f->d);
    ws_lexicon_free(&f->lx);
}

/* Checks that each of the n texts pairs into want quotes. */
#define CHECK_QUOTE_COUNTS(texts, want) do { \
    size_t k_; \
    for (k_ = 0; k_ < sizeof (texts) / sizeof (texts)[0]; k_++) { \
        fixture f_; \
        fixture_run(&f_, (texts)[k_], UPTO_SEGMENT); \
        if (f_.d.nq == (want)) checks_passed++; \
        else { checks_failed++; \
               fprintf(stderr, "%s:%d: %zu quotes, want %d: %s\n", __FILE__, __LINE__, \
                       f_.d.nq, (int)(want), (texts)[k_]); } \
        fixture_free(&f_); \
    } \
} while (0)

/* The text of quote i, NUL-terminated, in a static buffer. */
static inline const char *quote_text(const fixture *f, size_t i)
{
    static char buf[512];
    size_t n = f->d.q[i].end - f->d.q[i].start;
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, f->d.text + f->d.q[i].start, n);
    buf[n] = '\0';
    return buf;
}

#endif
