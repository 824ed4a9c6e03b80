/*
 * invariants.h -- what every result of ws_extract must satisfy, whatever the
 * input.  Shared by the C tests (test_invariants.c, test_threads.c) and the
 * fuzz target (csrc/fuzz/fuzz_extract.c), which aborts on a violation.
 *
 *   - each quote: open <= start <= end <= close <= len, and start and end
 *     fall on character boundaries of the input (a well-formed UTF-8
 *     sequence is one character, every byte of an ill-formed one is one);
 *   - quotes come in text order and never overlap: a quote's close is at or
 *     before the next quote's open (the parts of one group are separate
 *     quotes, so this holds for them too);
 *   - mention and cue spans are absent (both WS_NOPOS) or inside the text,
 *     on character boundaries;
 *   - kind is a ws_kind, confidence is in [0, 1], paragraph and group are
 *     1-based, group speakers list their members;
 *   - the result is a pure function of the input: a second extraction gives
 *     the same quotes, strings included (ws_same_result);
 *   - with strict_utf8, a text is accepted exactly when it is well-formed
 *     UTF-8, WS_EUTF8 gives the offset of the first ill-formed byte, and an
 *     accepted text gives the same quotes as without the option.
 *
 * The ws_inv_* functions return NULL when all is well and otherwise a static
 * message naming the broken invariant (the quote index goes to *at).
 */
#ifndef WS_INVARIANTS_H
#define WS_INVARIANTS_H

#include <stdlib.h>
#include <string.h>
#include "whosaid.h"

/* Length of the well-formed UTF-8 sequence at s[i] (no overlongs, no
 * surrogates, at most U+10FFFF), or 0 when the byte there starts none. */
static inline size_t ws_inv_seqlen(const unsigned char *s, size_t len,
                                   size_t i)
{
    unsigned c = s[i], lo = 0x80, hi = 0xBF;
    size_t n, k;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (len - i < n)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (k = 2; k < n; k++)
        if (s[i + k] < 0x80 || s[i + k] > 0xBF)
            return 0;
    return n;
}

/* Marks in b[0..len] (len + 1 bytes) the offsets where a character starts
 * or the text ends.  Returns the offset of the first ill-formed byte, or
 * len when the text is well-formed. */
static inline size_t ws_inv_boundaries(const char *text, size_t len,
                                       unsigned char *b)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, bad = len;
    memset(b, 0, len + 1);
    while (i < len) {
        size_t n = ws_inv_seqlen(s, len, i);
        b[i] = 1;
        if (n == 0) {
            if (bad == len)
                bad = i;
            n = 1;
        }
        i += n;
    }
    b[len] = 1;
    return bad;
}

static inline const char *ws_inv_span(ws_span sp, size_t len,
                                      const unsigned char *b)
{
    if (sp.start == WS_NOPOS || sp.end == WS_NOPOS)
        return sp.start == sp.end ? NULL : "span half absent";
    if (sp.start > sp.end || sp.end > len)
        return "span outside the text";
    if (!b[sp.start] || !b[sp.end])
        return "span not on character boundaries";
    return NULL;
}

/* Checks one result against its text.  b is from ws_inv_boundaries. */
static inline const char *ws_inv_result(const char *text, size_t len,
                                        const unsigned char *b,
                                        const ws_result *res, size_t *at)
{
    size_t i, n = ws_result_count(res);
    const char *why;
    (void)text;
    for (i = 0; i < n; i++) {
        const ws_quote *q = ws_result_quote(res, i);
        *at = i;
        if (!q)
            return "ws_result_quote is NULL for an index below the count";
        if (!(q->open <= q->start && q->start <= q->end &&
              q->end <= q->close && q->close <= len))
            return "not open <= start <= end <= close <= len";
        if (!b[q->start] || !b[q->end])
            return "quote not on character boundaries";
        if (!b[q->open] || !b[q->close])
            return "marks not on character boundaries";
        if (i > 0 && ws_result_quote(res, i - 1)->close > q->open)
            return "quotes out of order or overlapping";
        if ((why = ws_inv_span(q->mention, len, b)) != NULL)
            return why;
        if ((why = ws_inv_span(q->cue, len, b)) != NULL)
            return why;
        if (q->kind != WS_DIRECT && q->kind != WS_PARTIAL &&
            q->kind != WS_SCARE)
            return "kind out of range";
        if (!(q->confidence >= 0.0 && q->confidence <= 1.0))
            return "confidence outside [0, 1]";
        if (q->paragraph < 1 || q->group < 1)
            return "paragraph or group not 1-based";
        if (q->nmembers) {
            size_t k;
            if (!q->members || !q->speaker)
                return "members without a speaker or a list";
            for (k = 0; k < q->nmembers; k++)
                if (!q->members[k])
                    return "a NULL member";
        }
    }
    if (ws_result_quote(res, n) != NULL)
        return "ws_result_quote is not NULL past the count";
    return NULL;
}

static inline int ws_inv_same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether two results are the same, field by field, strings included. */
static inline int ws_same_result(const ws_result *x, const ws_result *y)
{
    size_t i, n = ws_result_count(x);
    if (n != ws_result_count(y))
        return 0;
    for (i = 0; i < n; i++) {
        const ws_quote *a = ws_result_quote(x, i), *c = ws_result_quote(y, i);
        size_t k;
        if (a->start != c->start || a->end != c->end || a->open != c->open ||
            a->close != c->close || a->kind != c->kind ||
            a->mention.start != c->mention.start ||
            a->mention.end != c->mention.end ||
            a->cue.start != c->cue.start || a->cue.end != c->cue.end ||
            a->confidence != c->confidence || a->paragraph != c->paragraph ||
            a->group != c->group || a->nmembers != c->nmembers ||
            !ws_inv_same_str(a->speaker, c->speaker) ||
            !ws_inv_same_str(a->via, c->via) ||
            !ws_inv_same_str(a->rule, c->rule))
            return 0;
        for (k = 0; k < a->nmembers; k++)
            if (!ws_inv_same_str(a->members[k], c->members[k]))
                return 0;
    }
    return 1;
}

/*
 * Extracts text with ex (default options) and, when strict is not NULL,
 * with strict (strict_utf8 set), and checks every invariant above.  When
 * first is not NULL the result is kept there for the caller (who frees it);
 * otherwise it is freed.  Returns NULL or the broken invariant.
 */
static inline const char *ws_inv_check(const ws_extractor *ex,
                                       const ws_extractor *strict,
                                       const char *text, size_t len,
                                       ws_result **first, size_t *at)
{
    ws_result *r1 = NULL, *r2 = NULL;
    unsigned char *b;
    size_t bad;
    ws_error_detail off;
    const char *why = NULL;
    int rc;
    *at = 0;
    if (first)
        *first = NULL;
    b = malloc(len + 1);
    if (!b)
        return "test harness out of memory";
    bad = ws_inv_boundaries(text, len, b);
    rc = ws_extract(ex, text, len, &r1, NULL);
    if (rc != WS_OK) {
        why = rc == WS_ENOMEM ? "out of memory" : "ws_extract failed";
        goto done;
    }
    if ((why = ws_inv_result(text, len, b, r1, at)) != NULL)
        goto done;
    rc = ws_extract(ex, text, len, &r2, NULL);
    if (rc != WS_OK || !ws_same_result(r1, r2)) {
        why = "a second extraction differs";
        goto done;
    }
    ws_result_free(r2);
    r2 = NULL;
    if (strict) {
        rc = ws_extract(strict, text, len, &r2, &off);
        if (bad < len) {
            if (rc != WS_EUTF8 || r2)
                why = "strict_utf8 accepted ill-formed UTF-8";
            else if (off.offset != bad)
                why = "strict_utf8 gave the wrong offset";
        } else if (rc != WS_OK)
            why = "strict_utf8 rejected well-formed UTF-8";
        else if (!ws_same_result(r1, r2))
            why = "strict_utf8 changed the quotes of well-formed UTF-8";
    }
done:
    free(b);
    ws_result_free(r2);
    if (first && !why)
        *first = r1;
    else
        ws_result_free(r1);
    return why;
}

#endif
