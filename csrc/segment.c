/*
 * segment.c -- pairs quote marks into quote segments, paragraph by paragraph.
 *
 * Marks pair with a stack per paragraph; a mark that may close closes the
 * nearest open mark of its family, dropping the unclosed marks above it.
 * Only the outermost pairs become quotes: nested quotes are part of them.
 * An opening mark left unclosed at its paragraph's end (single marks aside,
 * which are mostly apostrophes) is a quote up to that end: the first part of
 * a quote carried over paragraphs when the next paragraph opens with a mark
 * of its family, a recovered quote otherwise.  Nothing crosses a paragraph,
 * so one stray mark never swallows the rest of the document.
 *
 * Nor the rest of a paragraph that has no end in sight (wire copy without
 * blank lines, text out of a PDF, 10 MB on one line): a quote reaches at
 * most QUOTE_REACH_SENTENCES sentences and QUOTE_REACH_TOKENS tokens past
 * its opening mark.  A mark still open that far on closes nothing more, and
 * its quote, when it is one, ends where a reader would end it: at the end of
 * its sentence, before the next mark of its family and style, or before a
 * later quote it would otherwise cut through.  Paragraphs of news are
 * shorter than the reach (PolNeAR's longest: 18 sentences, 493 tokens; its
 * longest quote 17 sentences, 335 tokens), so for them nothing changes.
 */
#include <string.h>
#include "internal.h"

enum { QUOTE_REACH_SENTENCES = 24, QUOTE_REACH_TOKENS = 768 };

/* Whether token i lies beyond the reach of a quote opened at token o. */
static int beyond_reach(const ws_doc *d, uint32_t o, uint32_t i)
{
    return i - o > QUOTE_REACH_TOKENS ||
           d->tok[i].sent - d->tok[o].sent > QUOTE_REACH_SENTENCES;
}

typedef struct pair {
    uint32_t open, close; /* token indices; close == open when unclosed */
} pair;

typedef struct pairing {
    const ws_mem *mem;
    uint32_t *stack;       /* open marks in text order; those below base
                              are out of reach, no longer open */
    size_t base, nstack, cstack;
    pair *pairs;           /* the outermost pairs of a paragraph, at most
                              one for two of its marks; pairs[-1] opens
                              at token 0, where a walk back ends */
    size_t npairs;
    uint32_t *unclosed;
    size_t nunclosed, cunclosed;
    size_t counts[8];      /* open marks on the stack, by family */
    size_t mark_from, mark_to;  /* the paragraph's entries in d->marks */
} pairing;

static int push_unclosed(pairing *p, uint32_t tok)
{
    if (ws_grow(p->mem, (void **)&p->unclosed, &p->cunclosed,
                p->nunclosed + 1, sizeof *p->unclosed))
        return WS_ENOMEM;
    p->unclosed[p->nunclosed++] = tok;
    return WS_OK;
}

/* A single closing mark i after a word ending in s is a possessive
 * apostrophe: the countries' relations.  Retyped while the marks are
 * paired, not in a pass of its own: it neither opens nor is of a family
 * that opens a quote, so no test of a mark's type here meets it. */
static void possessive_apostrophe(ws_doc *d, uint32_t i)
{
    ws_token *t = &d->tok[i];
    const ws_token *p = &d->tok[i ? i - 1 : 0];
    if (i > 0 && ws_tok_mark(t) && p->type == TK_WORD && p->end == t->start &&
        (d->text[p->end - 1] == 's' || d->text[p->end - 1] == 'S'))
        t->type = TK_POSS;
}

/* Pairs the marks of tokens [from, to), which the list of marks holds
 * from its entry *m on; leaves *m at the first mark after them. */
static int pair_paragraph(ws_doc *d, pairing *p, size_t *m, uint32_t to)
{
    p->base = p->nstack = p->npairs = p->nunclosed = 0;
    memset(p->counts, 0, sizeof p->counts);
    p->mark_from = *m;
    for (; *m < d->marks.n && d->marks.v[*m] < to; ++*m) {
        uint32_t i = d->marks.v[*m];
        /* read first: retyped as a possessive, the mark loses them */
        unsigned family = ws_mark_family(&d->tok[i]), role = ws_mark_role(&d->tok[i]);
        int crosses;
        if (family == MF_SINGLE && role == MR_CLOSE)
            possessive_apostrophe(d, i);
        /* the oldest open marks are at the bottom: one that i is out of
         * reach of stays unclosed, and mark i cannot close it across the
         * quotes in between (each mark leaves the stack once) */
        while (p->base < p->nstack && beyond_reach(d, p->stack[p->base], i)) {
            uint32_t o = p->stack[p->base++];
            p->counts[ws_mark_family(&d->tok[o])]--;
            if (push_unclosed(p, o))
                return WS_ENOMEM;
        }
        if (p->base == p->nstack)
            p->base = p->nstack = 0;
        /* Quotes nest, they do not cross.  A single mark that would close
         * across an open mark of another family (‘bout ... “Rise in
         * residents’ rents”) is an apostrophe: single marks are the
         * ambiguous ones, so the other family's pair stands. */
        crosses = family == MF_SINGLE && p->nstack > p->base &&
                  ws_mark_family(&d->tok[p->stack[p->nstack - 1]]) != MF_SINGLE;
        if ((role & MR_CLOSE) && p->counts[family] && !crosses) {
            for (;;) {
                uint32_t o = p->stack[--p->nstack];
                unsigned of = ws_mark_family(&d->tok[o]);
                p->counts[of]--;
                if (of == family) {
                    /* the pairs recorded since o opened are inside this
                     * one: only the outermost stay, in text order (the
                     * pair before the first ends the walk, no test of
                     * whether this is the paragraph's first) */
                    while ((p->pairs + p->npairs)[-1].open > o)
                        p->npairs--;
                    p->pairs[p->npairs].open = o;
                    p->pairs[p->npairs].close = i;
                    p->npairs++;
                    break;
                }
                if (push_unclosed(p, o))
                    return WS_ENOMEM;
            }
            continue;
        }
        if (role & MR_OPEN) {
            if (ws_grow(p->mem, (void **)&p->stack, &p->cstack, p->nstack + 1,
                        sizeof *p->stack))
                return WS_ENOMEM;
            p->stack[p->nstack++] = i;
            p->counts[family]++;
        }
    }
    while (p->nstack > p->base)
        if (push_unclosed(p, p->stack[--p->nstack]))
            return WS_ENOMEM;
    p->mark_to = *m;
    return WS_OK;
}

static int has_words(const ws_doc *d, uint32_t from, uint32_t to)
{
    uint32_t i;
    for (i = from; i < to; i++)
        if (d->tok[i].type == TK_WORD || d->tok[i].type == TK_NUMBER)
            return 1;
    return 0;
}

static int add_quote(ws_doc *d, uint32_t open, uint32_t close, int closed,
                     unsigned para)
{
    ws_iquote *q;
    ws_token *t, *end;
    uint32_t last = closed ? close : close + 1;
    if (!has_words(d, open + 1, last))
        return WS_OK;
    /* the quotes are made in text order: grown to what the text will need
     * at the rate so far, not doubled (a text of marks outgrows any
     * estimate) */
    if (d->nq + 1 > d->cq &&
        ws_grow_part(d->mem, (void **)&d->q, &d->cq, d->nq + 1, sizeof *q, open, d->ntok))
        return WS_ENOMEM;
    q = &d->q[d->nq];
    /* Every field written, no memset first: GCC makes a memset of the 176
     * bytes a `rep stos`, dearer to start than these stores.  A field
     * added to ws_iquote is set here. */
    q->open_tok = open;
    q->close_tok = close;
    q->open = d->tok[open].start;
    /* the text inside the marks, without the spaces next to them
     * (« comme ceci ») */
    q->start = d->tok[open + 1].start;
    q->end = d->tok[last - 1].end;
    q->close = closed ? d->tok[close].end : q->end;
    q->closed = closed;
    q->para = para;
    q->group = (unsigned)d->nq + 1;
    q->continues = 0;
    q->kind = WS_DIRECT;
    q->entity = -1;
    q->speaker_text = NULL;
    q->speaker_len = 0;
    q->mention.start = q->mention.end = WS_NOPOS;
    q->cue.start = q->cue.end = WS_NOPOS;
    q->via = -1;
    q->via_span.start = q->via_span.end = WS_NOPOS;
    q->rule = NULL;
    q->confidence = 0;
    q->user_rule = 0;
    q->user_via = 0;
    q->user_via_span.start = q->user_via_span.end = 0;
    /* two tokens a step: the first token alone first when the count is
     * odd, else twice (has_words found one inside) */
    t = &d->tok[open + 1];
    end = &d->tok[last];
    t->flags |= TF_QUOTED;
    for (t += (end - t) & 1; t < end; t += 2) {
        t[0].flags |= TF_QUOTED;
        t[1].flags |= TF_QUOTED;
    }
    d->nq++;
    return WS_OK;
}

/* The first of the outermost pairs v[0..n) (sorted, disjoint) that opens
 * at or after token o. */
static size_t pair_from(const pair *v, size_t n, uint32_t o)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].open < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether token o lies inside one of the outermost pairs v[0..n). */
static int inside_pair(const pair *v, size_t n, uint32_t o)
{
    size_t k = pair_from(v, n, o);
    return k > 0 && o < v[k - 1].close;
}

/* Whether marks o and i are of one family and one style. */
static int same_style(const ws_doc *d, uint32_t o, uint32_t i)
{
    return ws_mark_family(&d->tok[i]) == ws_mark_family(&d->tok[o]) &&
           d->tok[i].ch == d->tok[o].ch;
}

/* Whether a pair of token o's family opens after o, within its reach: then
 * o, left open while later marks of its kind pair up, is a stray mark, and
 * recovering it would swallow the later quotes of its paragraph.  A pair
 * out of reach says nothing of o. */
static int pair_of_family_after(const ws_doc *d, const pair *v, size_t n,
                                uint32_t o)
{
    size_t lo = pair_from(v, n, o), k;
    /* same family and same style: curly marks inside an unclosed straight
     * quote are nested speech, not evidence of a stray mark */
    for (k = lo; k < n && k < lo + 8 && !beyond_reach(d, o, v[k].open); k++)
        if (same_style(d, o, v[k].open))
            return 1;
    return 0;
}

/* Whether token o opens one of the outermost pairs v[0..n). */
static int is_pair_open(const pair *v, size_t n, uint32_t o)
{
    size_t k = pair_from(v, n, o);
    return k < n && v[k].open == o;
}

/* Whether token o can only open: a curly or other directed mark that its
 * neighbours let open and not close.  A straight mark's role is guessed
 * from the spaces around it; these are not. */
static int only_opens(const ws_doc *d, uint32_t o)
{
    return ws_mark_role(&d->tok[o]) == MR_OPEN && d->tok[o].ch >= 0x80;
}

/* Puts the paragraph's unclosed marks in text order.  They come as runs,
 * ascending (out of reach, from the stack's bottom) and descending (popped
 * from its top), and each mark is among them once: flagged, and read back
 * in the order of the list of marks, which is the text's, they are in
 * order in time linear in the paragraph's marks, which its pairing read
 * already.  A sort was n log n (a heapsort, no qsort: glibc's may malloc
 * outside the allocator hook) and took half the core in a megabyte of
 * marks left open (bench/NOTES.md, "Nineteenth round: segment"). */
static void order_unclosed(ws_doc *d, pairing *p)
{
    size_t i, j;
    for (i = 0; i < p->nunclosed; i++)
        d->tok[p->unclosed[i]].flags |= TF_UNCLOSED;
    for (i = p->mark_from, j = 0; i < p->mark_to; i++) {
        ws_token *t = &d->tok[d->marks.v[i]];
        if (t->flags & TF_UNCLOSED) {
            t->flags &= (uint16_t)~TF_UNCLOSED;
            p->unclosed[j++] = d->marks.v[i];
        }
    }
}

/* “She said ‘hello’ and left. “And then,” she added: an opening mark
 * left open while a later one of its family and style opens and closes is
 * the start of one quote with that one inside, the closing mark shared (or
 * the second opening mark a repeat).  Both marks can only open, so neither
 * is a misread closing mark.  Such a mark o and the pairs from the first
 * after it to that later one become the one pair (o, its close).  One pass
 * over the unclosed marks in text order, compacting the pairs in place. */
static void merge_reopened(ws_doc *d, pairing *p)
{
    size_t u, r = 0, w = 0, n = p->npairs;
    uint32_t covered = 0;   /* tokens before it are inside a merged pair */
    if (!p->nunclosed)
        return;
    order_unclosed(d, p);
    if (!n)
        return;     /* no pair to merge, and p->pairs may be null */
    for (u = 0; u < p->nunclosed; u++) {
        uint32_t o = p->unclosed[u];
        size_t lo, k;
        if (o < covered || ws_mark_family(&d->tok[o]) == MF_SINGLE || !only_opens(d, o))
            continue;
        lo = r + pair_from(p->pairs + r, n - r, o);
        if ((lo > r && o < p->pairs[lo - 1].close) ||
            !pair_of_family_after(d, p->pairs + r, n - r, o))
            continue;
        for (k = lo; k < n; k++)
            if (same_style(d, o, p->pairs[k].open))
                break;
        /* ““Yes,” glued or spaced: a doubled mark, which the stray rule
         * below drops; and the one quote must not reach further than a
         * quote can */
        if (!only_opens(d, p->pairs[k].open) || p->pairs[k].open == o + 1 ||
            beyond_reach(d, o, p->pairs[k].close))
            continue;
        while (r < lo)
            p->pairs[w++] = p->pairs[r++];
        p->pairs[w].open = o;
        p->pairs[w].close = p->pairs[k].close;
        covered = p->pairs[w++].close;
        r = k + 1;
    }
    while (r < n)
        p->pairs[w++] = p->pairs[r++];
    p->npairs = w;
}

/* Whether the unclosed mark o opens a quote of its own, among the
 * outermost pairs v[0..n) of its paragraph: not a single mark (mostly an
 * apostrophe), not inside a pair, not a stray one or a typo. */
static int opens_recovered(const ws_doc *d, const pair *v, size_t n, uint32_t o)
{
    /* "“You don't win," he said: a stray mark glued to the opening
     * mark of a pair is a typo, not a quote of its own */
    if (o + 1 < d->ntok && ws_tok_mark(&d->tok[o + 1]) &&
        d->tok[o + 1].start == d->tok[o].end && !inside_pair(v, n, o + 1) &&
        is_pair_open(v, n, o + 1))
        return 0;
    return ws_mark_family(&d->tok[o]) != MF_SINGLE && !inside_pair(v, n, o) &&
           !pair_of_family_after(d, v, n, o);
}

/* The last token of the quote recovered from mark o in a paragraph longer
 * than a quote reaches (it ends before token to): where a reader would
 * close it, at the end of its sentence, before the next mark of its family
 * and style, or before the pair it would otherwise cut through.  v[*k] is
 * the first of the outermost pairs after o; *k is left at the first after
 * the quote, the pairs in between nested in it.  It reads the quote's tokens
 * once, and quotes recovered this way do not overlap. */
static uint32_t recovered_end(const ws_doc *d, const pair *v, size_t n,
                              size_t *k, uint32_t o, uint32_t to)
{
    uint32_t i = o + 1;
    while (i < to && d->tok[i].sent == d->tok[o].sent && !beyond_reach(d, o, i) &&
           !(ws_tok_mark(&d->tok[i]) && same_style(d, o, i)))
        i++;
    for (; *k < n && v[*k].open < i; ++*k)
        if (v[*k].close >= i) {
            i = v[*k].open;
            break;
        }
    return i - 1;
}

/* Appends the outermost pairs of the paragraph of tokens [from, to), and
 * the quotes recovered from its unclosed marks, to d->q in text order.  In
 * a paragraph that a quote can span, the first unclosed mark that opens a
 * quote opens one up to the paragraph's end, the pairs after it nested in
 * it; in a longer one each such mark opens one up to its recovered_end. */
static int paragraph_quotes(ws_doc *d, pairing *p, unsigned para,
                            uint32_t from, uint32_t to)
{
    size_t k = 0, n, u;
    uint32_t covered = 0;   /* the tokens before it are in a quote */
    int whole = 0, rc;
    const ws_token *next = NULL;
    merge_reopened(d, p);
    n = p->npairs;
    /* asked only where a mark was left open (most paragraphs close all) */
    if (p->nunclosed) {
        whole = to > from && !beyond_reach(d, from, to - 1);
        next = to < d->ntok ? &d->tok[to] : NULL;
    }
    for (u = 0; u < p->nunclosed; u++) {
        uint32_t o = p->unclosed[u], last;
        size_t before = d->nq;
        if (o < covered || !opens_recovered(d, p->pairs, n, o))
            continue;
        for (; k < n && p->pairs[k].open < o; k++) {
            rc = add_quote(d, p->pairs[k].open, p->pairs[k].close, 1, para);
            if (rc)
                return rc;
        }
        last = whole ? to - 1 : recovered_end(d, p->pairs, n, &k, o, to);
        if (last <= o)
            continue;
        rc = add_quote(d, o, last, 0, para);
        if (rc)
            return rc;
        /* up to its paragraph's end, it may go on in the next one */
        if (d->nq > before && last == to - 1 && next && ws_tok_mark(next) &&
            (ws_mark_role(next) & MR_OPEN) && ws_mark_family(next) == ws_mark_family(&d->tok[o]))
            d->q[d->nq - 1].continues = 1;
        if (whole)
            return WS_OK;
        covered = last + 1;
    }
    for (; k < n; k++) {
        rc = add_quote(d, p->pairs[k].open, p->pairs[k].close, 1, para);
        if (rc)
            return rc;
    }
    return WS_OK;
}

/* A document of up to LOCAL_MARKS marks (an article has a few dozen)
 * pairs them in arrays of the call's own, with no allocation: a mark is
 * on the stack or unclosed at most once a paragraph, and a pair takes
 * two. */
enum { LOCAL_MARKS = 128 };

int ws_segment(ws_doc *d)
{
    pairing p;
    uint32_t local_stack[LOCAL_MARKS], local_unclosed[LOCAL_MARKS];
    pair local_pairs[LOCAL_MARKS / 2 + 2], *pair_block = local_pairs;
    size_t m = 0, cpair_block = 0;
    int rc = WS_OK;
    /* no memset of p (add_quote says why): its arrays are set below,
     * its counts and ends by each paragraph's pairing */
    p.mem = d->mem;
    /* The scanner's list of marks grew by doubling: what it holds beyond
     * them goes back before the pairs are made, and the pairs, at most
     * one for two marks, are reserved at that, not doubled (in a text of
     * marks alone each was up to twice its need at the peak).  Not the
     * few spare entries of an article's list, freed with it at the end:
     * they were a call a document. */
    if (d->marks.cap - d->marks.n >= 1024)
        ws_shrink(d->mem, (void **)&d->marks.v, &d->marks.cap, d->marks.n, sizeof *d->marks.v);
    /* about what news needs, and no more than one a mark (each opens at
     * one): more grows, the rest is given back below */
    if (ws_reserve(d->mem, (void **)&d->q, &d->cq,
                   d->len / 512 + 16 < d->marks.n ? d->len / 512 + 16 : d->marks.n + 1,
                   sizeof *d->q))
        return WS_ENOMEM;
    if (d->marks.n <= LOCAL_MARKS) {
        p.stack = local_stack;
        p.cstack = LOCAL_MARKS;
        p.unclosed = local_unclosed;
        p.cunclosed = LOCAL_MARKS;
    } else {
        p.stack = p.unclosed = NULL;
        p.cstack = p.cunclosed = 0;
        pair_block = NULL;
        if (ws_reserve(d->mem, (void **)&pair_block, &cpair_block, d->marks.n / 2 + 2,
                       sizeof *pair_block))
            return WS_ENOMEM;
    }
    pair_block[0].open = pair_block[0].close = 0;
    p.pairs = pair_block + 1;
    /* paragraph by paragraph of those that hold a mark: one with none
     * pairs nothing and makes no quote, and whether the next has one was
     * a coin toss at each of its loops' ends */
    while (m < d->marks.n && !rc) {
        uint32_t para = ws_tok_para(d, d->marks.v[m]);
        uint32_t from = d->para_first[para], to = d->para_first[para + 1];
        size_t before = d->nq;
        rc = pair_paragraph(d, &p, &m, to);
        if (!rc)
            rc = paragraph_quotes(d, &p, para, from, to);
        /* the continuation of a quote from the previous paragraph: it
         * opens with the very mark the quote did, a straight one after a
         * straight one (a paragraph opening with a curly mark after a
         * block of straight ones is a quote of its own) */
        if (!rc && before > 0 && d->nq > before) {
            ws_iquote *prev = &d->q[before - 1];
            ws_iquote *first = &d->q[before];
            const ws_token *a = &d->tok[first->open_tok], *b = &d->tok[prev->open_tok];
            if (prev->continues && first->open_tok == from &&
                ws_mark_family(a) == ws_mark_family(b) &&
                a->end - a->start == b->end - b->start &&
                memcmp(d->text + a->start, d->text + b->start, a->end - a->start) == 0)
                first->group = prev->group;
            else
                prev->continues = 0;
        }
    }
    ws_toklist_release(d->mem, &d->marks);
    ws_shrink(d->mem, (void **)&d->q, &d->cq, d->nq, sizeof *d->q);
    if (pair_block != local_pairs) {
        ws_release(d->mem, p.stack, p.cstack * sizeof *p.stack);
        ws_release(d->mem, pair_block, cpair_block * sizeof *pair_block);
        ws_release(d->mem, p.unclosed, p.cunclosed * sizeof *p.unclosed);
    }
    return rc;
}
