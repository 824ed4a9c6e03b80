/*
 * core.c -- the public API: extractors, options, the allocator hook, error
 * messages, and results built from the stages' findings.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

struct ws_extractor {
    ws_mem mem;
    ws_options opt;
    ws_lexicon lx;
    ws_speakers speakers;
    ws_rules *rules;        /* made at the first ws_extractor_add_rule */
    size_t window, margin;  /* a longer text is read in windows of about
                               window bytes with margin bytes of context or
                               more on either side (see "windows" below) */
};

struct ws_result {
    ws_mem mem;
    ws_quote *q;
    size_t n, cap;
    ws_arena arena;
    char *text;             /* HTML input: the visible text, else NULL */
    size_t text_len, text_cap;
};

const char *ws_strerror(int code)
{
    switch (code) {
    case WS_OK: return "no error";
    case WS_ENOMEM: return "out of memory";
    case WS_EINVAL: return "invalid argument";
    case WS_ETOOBIG: return "input longer than max_input";
    case WS_EUTF8: return "invalid UTF-8";
    case WS_ELEXICON: return "empty lexicon entry";
    case WS_ERULE: return "invalid rule";
    case WS_ELIMIT: return "a rule hit the match or depth limit";
    default: return "unknown error";
    }
}

const char *ws_kind_name(ws_kind kind)
{
    switch (kind) {
    case WS_DIRECT: return "direct";
    case WS_PARTIAL: return "partial";
    default: return "scare";
    }
}

/* ---- memory ---------------------------------------------------------- */

void *ws_default_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

void *ws_alloc(const ws_mem *m, size_t n)
{
    return n ? m->fn(m->ud, NULL, 0, n) : NULL;
}

void *ws_realloc(const ws_mem *m, void *p, size_t oldn, size_t newn)
{
    return m->fn(m->ud, p, oldn, newn);
}

void ws_release(const ws_mem *m, void *p, size_t n)
{
    if (p)
        m->fn(m->ud, p, n, 0);
}

int ws_grow_to(const ws_mem *m, void **items, size_t *cap, size_t need,
               size_t elem)
{
    size_t ncap;
    unsigned k;
    if (need <= *cap)
        return WS_OK;
    ncap = *cap ? *cap : 16;
    if (ncap < need) {
        /* doubled k times, k from the top bits, not by a loop whose trip
         * count (how many doublings a text's estimate needs) mispredicted:
         * ncap << k >= need, and the k - 1 a non-power of two may need */
        k = ws_highest_bit(need - 1) - ws_highest_bit(ncap) + 1;
        k -= (ncap << (k - 1)) >= need;
        if (ncap > (((size_t)-1) / 2 / elem) >> (k - 1))
            return WS_ENOMEM;
        ncap <<= k;
    }
    return ws_reserve(m, items, cap, ncap, elem);
}

int ws_grow_part(const ws_mem *m, void **items, size_t *cap, size_t need,
                 size_t elem, size_t done, size_t total)
{
    size_t lo, hi, ncap;
    double est;
    if (need <= *cap)
        return WS_OK;
    if (!*cap)
        return ws_grow_to(m, items, cap, need, elem);
    /* a sixteenth more at least, not a quarter: the last growth of a
     * document's entities is at its peak, and a quarter held up to a
     * quarter more entities than it made there (bench/NOTES.md,
     * "Seventeenth round: the peak of small documents"); the copies of
     * the smaller steps cost no more than noise */
    lo = *cap + *cap / 16;
    hi = *cap > ((size_t)-1) / 2 / elem ? lo : *cap * 2;
    /* what the whole text will need if the rest reads like what was read,
     * and a sixteenth more */
    est = done && done < total ? (double)need * (double)total / (double)done * 1.0625 : 0;
    ncap = est >= (double)hi ? hi : est <= (double)lo ? lo : (size_t)est;
    if (ncap < need)
        ncap = need;
    return ws_reserve(m, items, cap, ncap, elem);
}

int ws_reserve(const ws_mem *m, void **items, size_t *cap, size_t n, size_t elem)
{
    void *p;
    if (n <= *cap)
        return WS_OK;
    if (n > ((size_t)-1) / elem)
        return WS_ENOMEM;
    p = ws_realloc(m, *items, *cap * elem, n * elem);
    if (!p)
        return WS_ENOMEM;
    *items = p;
    *cap = n;
    return WS_OK;
}

void ws_shrink(const ws_mem *m, void **items, size_t *cap, size_t n,
               size_t elem)
{
    void *p;
    if (*cap <= n)
        return;
    if (!n) {
        ws_release(m, *items, *cap * elem);
        *items = NULL;
        *cap = 0;
        return;
    }
    p = ws_realloc(m, *items, *cap * elem, n * elem);
    if (p) {
        *items = p;
        *cap = n;
    }
}

struct ws_arena_block {
    ws_arena_block *next;
    size_t used, size;   /* three words: the bytes that follow are aligned */
};

#define ARENA_ALIGN sizeof(void *)

void *ws_arena_alloc(ws_arena *a, size_t n)
{
    ws_arena_block *b = a->head;
    void *out;
    n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (!b || b->size - b->used < n) {
        /* 512 bytes first, twice as many each block up to 4096: most
         * results name a few speakers, and a short text's peak is mostly
         * fixed sizes */
        size_t size = b ? (b->size < 2048 ? 2 * b->size : 4096) : 512;
        if (size < n)
            size = n;
        b = ws_alloc(a->mem, sizeof *b + size);
        if (!b)
            return NULL;
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    out = (char *)(b + 1) + b->used;
    b->used += n;
    return out;
}

char *ws_arena_strdup(ws_arena *a, const char *s, size_t n)
{
    char *out = ws_arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

void ws_arena_free(ws_arena *a)
{
    ws_arena_block *b = a->head;
    while (b) {
        ws_arena_block *next = b->next;
        ws_release(a->mem, b, sizeof *b + b->size);
        b = next;
    }
    a->head = NULL;
}

/* ---- extractors -------------------------------------------------------- */

void ws_options_init(ws_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_input = (size_t)64 << 20;
    opts->match_limit = WS_MATCH_LIMIT;
    opts->depth_limit = WS_DEPTH_LIMIT;
}

ws_extractor *ws_extractor_create(const ws_options *opts, ws_alloc_fn alloc,
                                  void *alloc_ud, int *err)
{
    ws_mem mem;
    ws_extractor *ex;
    int rc;
    mem.fn = alloc ? alloc : ws_default_alloc;
    mem.ud = alloc ? alloc_ud : NULL;
    ex = ws_alloc(&mem, sizeof *ex);
    if (!ex) {
        if (err)
            *err = WS_ENOMEM;
        return NULL;
    }
    memset(ex, 0, sizeof *ex);
    ex->mem = mem;
    if (opts)
        ex->opt = *opts;
    else
        ws_options_init(&ex->opt);
    ex->window = WS_WINDOW;
    ex->margin = WS_WINDOW_MARGIN;
    rc = ws_lexicon_init(&ex->lx, &ex->mem);
    if (rc) {
        ws_release(&mem, ex, sizeof *ex);
        if (err)
            *err = rc;
        return NULL;
    }
    if (err)
        *err = WS_OK;
    return ex;
}

void ws_extractor_set_window(ws_extractor *ex, size_t window, size_t margin)
{
    if (window < 64)
        window = 64;
    if (margin > window / 4)
        margin = window / 4;
    ex->window = window;
    ex->margin = margin;
}

void ws_extractor_free(ws_extractor *ex)
{
    ws_mem mem;
    if (!ex)
        return;
    mem = ex->mem;
    ws_rules_free(ex->rules);
    ws_speakers_free(&ex->speakers, &ex->mem);
    ws_lexicon_free(&ex->lx);
    ws_release(&mem, ex, sizeof *ex);
}

int ws_extractor_add_cue(ws_extractor *ex, const char *phrase, size_t len)
{
    if (!ex || !phrase)
        return WS_EINVAL;
    return ws_lexicon_add(&ex->lx, phrase, len, LX_CUE, 1);
}

int ws_extractor_add_medium(ws_extractor *ex, const char *name, size_t len)
{
    if (!ex || !name)
        return WS_EINVAL;
    return ws_lexicon_add(&ex->lx, name, len, LX_MEDIUM, 1);
}

int ws_extractor_add_speaker(ws_extractor *ex, const char *name,
                             const char *const *aliases, size_t naliases,
                             ws_speaker_kind kind, ws_gender gender)
{
    static const int kinds[] = {0, EK_PERSON, EK_ORG, EK_MEDIUM};
    static const int genders[] = {G_UNKNOWN, G_MALE, G_FEMALE};
    if (!ex || (int)kind < WS_PERSON || (int)kind > WS_MEDIUM ||
        (int)gender < WS_GENDER_UNKNOWN || (int)gender > WS_FEMALE)
        return WS_EINVAL;
    return ws_speakers_add(&ex->speakers, &ex->mem, name, aliases, naliases,
                           kinds[kind], genders[gender]);
}

static void clear_detail(ws_error_detail *detail)
{
    if (!detail)
        return;
    detail->offset = 0;
    detail->rule = NULL;
    detail->message[0] = '\0';
}

int ws_extractor_add_rule(ws_extractor *ex, const char *name,
                          const char *pattern, size_t len,
                          const char *speaker, ws_error_detail *detail)
{
    ws_error_detail scratch;
    if (!detail)
        detail = &scratch;
    clear_detail(detail);
    if (!ex || !name || !*name || !pattern || (speaker && !*speaker))
        return WS_EINVAL;
    if (!ex->rules) {
        ex->rules = ws_rules_create(&ex->mem, ex->opt.match_limit,
                                    ex->opt.depth_limit, !ex->opt.no_jit);
        if (!ex->rules)
            return WS_ENOMEM;
    }
    return ws_rules_add(ex->rules, name, pattern, len, speaker, detail);
}

/* ---- extraction ---------------------------------------------------------- */

/* The length of the well-formed UTF-8 sequence at s[i] (no overlongs, no
 * surrogates, at most U+10FFFF), or 0 when the byte there starts none. */
static size_t utf8_length(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i], lo = 0x80, hi = 0xBF;
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (len - i <= n)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    if (n >= 2 && (s[i + 2] < 0x80 || s[i + 2] > 0xBF))
        return 0;
    if (n == 3 && (s[i + 3] < 0x80 || s[i + 3] > 0xBF))
        return 0;
    return n + 1;
}

/* Returns the offset of the first byte that does not start a well-formed
 * UTF-8 sequence, or len. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0, n;
    while (i < len) {
        n = utf8_length(s, len, i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* The start of the character that holds s[i]: a well-formed sequence is one
 * character, every byte of an ill-formed one is a character of its own (the
 * contract's boundaries, which a window's edge must respect). */
static size_t char_start(const unsigned char *s, size_t len, size_t i)
{
    size_t k;
    for (k = 1; k <= 3 && k <= i; k++) {
        unsigned c = s[i - k];
        if ((c & 0xC0) != 0x80)
            return c >= 0xC0 && utf8_length(s, len, i - k) > k ? i - k : i;
    }
    return i;
}

/* Releases what the stages worked with and the results are not made of:
 * keep_quotes reads the quotes, entities and text, next_window the tokens
 * and their paragraphs.  Called when the stages end, so that the result's
 * quotes and names, made then, do not add to the stages' arrays at the
 * peak (news 100 KB peaked there, in keep_quotes). */
static void release_work(ws_doc *d)
{
    const ws_mem *m = d->mem;
    ws_toklist_release(m, &d->marks);
    ws_toklist_release(m, &d->names);
    ws_toklist_release(m, &d->cues);
    ws_release(m, d->men, d->cmen * sizeof *d->men);
    d->men = NULL;
    d->nmen = d->cmen = 0;
    ws_release(m, d->men_block, d->cmen_block * sizeof *d->men_block);
    d->men_block = NULL;
    d->cmen_block = 0;
    ws_release(m, d->cue, d->ntok ? d->ntok : 1);
    d->cue = NULL;
    ws_release(m, d->headline, d->npara ? d->npara : 1);
    d->headline = NULL;
    ws_release(m, d->pron, d->cpron * sizeof *d->pron);
    d->pron = NULL;
    d->cpron = 0;
    ws_release(m, d->via_at, d->cvia_at * sizeof *d->via_at);
    d->via_at = NULL;
    d->nvia_at = d->cvia_at = 0;
}

void ws_doc_free(ws_doc *d)
{
    const ws_mem *m = d->mem;
    release_work(d);
    ws_release(m, d->tok, d->ctok * sizeof *d->tok);
    ws_release(m, d->q, d->cq * sizeof *d->q);
    ws_release(m, d->ent, d->cent * sizeof *d->ent);
    ws_release(m, d->sent_first, (d->nsent + 1) * sizeof *d->sent_first);
    ws_release(m, d->para_first, (d->npara + 1) * sizeof *d->para_first);
    ws_release(m, d->sent_para, (d->nsent ? d->nsent : 1) * sizeof *d->sent_para);
    ws_rules_end(d);
}

int ws_sent_paras(ws_doc *d)
{
    uint32_t s, p = 0;
    d->sent_para = ws_alloc(d->mem, (d->nsent ? d->nsent : 1) * sizeof *d->sent_para);
    if (!d->sent_para)
        return WS_ENOMEM;
    d->sent_para[0] = 0;
    /* Every paragraph starts a sentence (ws_scan), so a sentence starts at
     * most one, and para_first[npara] is ntok, past every sentence's first
     * token: p moves by a sum, not a loop whose trip count (does this
     * sentence start a paragraph?) mispredicted at some 14 k sentences
     * over PolNeAR train. */
    for (s = 0; s < d->nsent; s++) {
        p += d->para_first[p + 1] <= d->sent_first[s];
        d->sent_para[s] = p;
    }
    return WS_OK;
}

/* What copy_name makes of each byte: 1 a space, 3 the other white space
 * it folds, 0 anything else. */
static const unsigned char name_white[256] = {
    ['\t'] = 3, ['\n'] = 3, ['\r'] = 3, [' '] = 1
};

/* Copies a name with its runs of white space made one space.  Most names
 * are words one space apart, copied as they are: found so first with no
 * branch a byte (whether a byte was a space was a coin toss at each of
 * the name's words). */
static const char *copy_name(ws_arena *a, const char *s, size_t n)
{
    char buf[256];
    size_t i, o = 0;
    unsigned stray = 0, before = 1;   /* the start counts as white space */
    int space = 0;
    if (n > sizeof buf)
        return ws_arena_strdup(a, s, n);
    for (i = 0; i < n; i++) {
        unsigned w = name_white[(unsigned char)s[i]];
        /* white space other than a space, or a space after white space */
        stray |= w & (before | 2);
        before = w;
    }
    if (!(stray | before))
        return ws_arena_strdup(a, s, n);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && o)
            buf[o++] = ' ';
        space = 0;
        buf[o++] = (char)c;
    }
    return ws_arena_strdup(a, buf, o);
}

/* The canonical name of the known speaker entity en stands for, or NULL. */
static const char *speaker_name(const ws_doc *d, const ws_entity *en)
{
    return en->speaker ? d->speakers->v[en->speaker - 1].name : NULL;
}

static const char *entity_name(const ws_doc *d, ws_arena *a, int e)
{
    const ws_entity *en = &d->ent[e];
    const char *known = speaker_name(d, en);
    if (known && en->kind != EK_GROUP)
        return ws_arena_strdup(a, known, strlen(known));
    if (en->kind == EK_GROUP) {
        /* "Kim Jong-un and Vladimir Putin", "A, B and C" */
        size_t total = 0, k;
        char *out, *o;
        const ws_entity *m;
        for (k = 0; k < (size_t)en->nmembers; k++) {
            m = &d->ent[en->u.members[k]];
            known = speaker_name(d, m);
            total += (known ? strlen(known) : ws_entity_name_len(d, m)) + 5;
        }
        out = ws_arena_alloc(a, total + 1);
        if (!out)
            return NULL;
        o = out;
        for (k = 0; k < (size_t)en->nmembers; k++) {
            const char *sep = k == 0 ? "" :
                k + 1 == (size_t)en->nmembers ? " and " : ", ";
            size_t n, i, from;
            int space = 0;
            m = &d->ent[en->u.members[k]];
            memcpy(o, sep, strlen(sep));
            o += strlen(sep);
            known = speaker_name(d, m);
            if (known) {
                /* a known speaker's canonical name (speakers.c) */
                memcpy(o, known, strlen(known));
                o += strlen(known);
                continue;
            }
            from = ws_entity_name_start(d, m);
            for (i = 0, n = ws_entity_name_len(d, m); i < n; i++) {
                char c = d->text[from + i];
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                    space = 1;
                    continue;
                }
                if (space)
                    *o++ = ' ';
                space = 0;
                *o++ = c;
            }
        }
        *o = '\0';
        return out;
    }
    return copy_name(a, d->text + ws_entity_name_start(d, en), ws_entity_name_len(d, en));
}

/* The name of entity e, copied the first time a window's quotes ask for it
 * (names[e], one slot an entity, NULL until then): a speaker says most of
 * a story's quotes, and one copy for them all also gives the Lua binding
 * the same pointer each time, which lua_pushstring finds in Lua's cache
 * of strings by address rather than by hashing the name again. */
static const char *window_entity_name(const ws_doc *d, ws_arena *a,
                                      const char **names, int e)
{
    if (!names[e])
        names[e] = entity_name(d, a, e);
    return names[e];
}

/* HTML input: every span of q, found in the visible text, becomes a span
 * of the HTML; the visible ones stay.  An empty span maps to an empty one
 * where its neighbours say. */
static void map_quote(const ws_html *h, ws_quote *q)
{
    ws_span open = ws_html_span(h, q->open, q->start);
    ws_span body = ws_html_span(h, q->start, q->end);
    ws_span close = ws_html_span(h, q->end, q->close);
    q->open = q->open < q->start ? open.start : body.start;
    q->close = q->end < q->close ? close.end : body.end;
    q->start = body.start;
    q->end = body.end;
    q->mention = ws_html_span(h, q->mention.start, q->mention.end);
    q->cue = ws_html_span(h, q->cue.start, q->cue.end);
}

/* ---- windows ---------------------------------------------------------- *
 *
 * A text longer than the extractor's window is read window by window, so
 * that the stages' working set (tokens, mentions, entities: several times
 * the bytes they read) stays that of one window whatever the input's size;
 * only the result grows with it.  Window k keeps the quotes that open in
 * [cut[k-1], cut[k]) and reads a margin on either side as context: from
 * ctx (a margin or two before cut[k-1]) to end (a margin or two after
 * cut[k]), so that what attribution looks back and ahead at (the sentences
 * before a pronoun, the quote before a continuation, the names an entity is
 * known by) is mostly there.  The cuts fall, by preference, after a line
 * break that no quote mark follows (nothing but a quote carried over
 * paragraphs crosses one, and such a paragraph opens with a mark), so that
 * the quotes around them are those of one pass; else after a sentence's
 * end, else at white space.  Offsets, paragraph numbers and groups are
 * those of the whole text: every window but the first starts at a token
 * the window before it read, whose paragraph is known, and a group begun
 * in the margin before a cut keeps the number the window before gave it.
 */

/* Whether s[i..len) opens with a quote mark of any family, past white
 * space: a paragraph that does may carry on a quote of the one before. */
static int mark_follows(const unsigned char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    if (i >= len)
        return 0;
    if (s[i] == '"' || s[i] == '\'' || s[i] == '`')
        return 1;
    if (s[i] == 0xC2 && i + 1 < len)
        return s[i + 1] == 0xAB || s[i + 1] == 0xBB;              /* « » */
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80)
        return (s[i + 2] >= 0x98 && s[i + 2] <= 0x9F) ||          /* ‘ ’ ‚ ‛ “ ” „ ‟ */
               s[i + 2] == 0xB9 || s[i + 2] == 0xBA;               /* ‹ › */
    if (s[i] == 0xE3 && i + 2 < len && s[i + 1] == 0x80)
        return s[i + 2] >= 0x8C && s[i + 2] <= 0x8F;              /* 「 」 『 』 */
    return 0;
}

static int white(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Where in (lo, hi] a window's text should end: after the last line break
 * that no mark follows, else after the last full stop, ! or ? before
 * white space, else after the last white space, else at the start of the
 * character that holds s[hi].  paragraph_only: line breaks alone, lo when
 * there is none. */
static size_t boundary(const unsigned char *s, size_t len, size_t lo, size_t hi,
                       int paragraph_only)
{
    size_t i;
    for (i = hi; i > lo; i--)
        if (s[i - 1] == '\n' && !mark_follows(s, len, i))
            return i;
    if (paragraph_only)
        return lo;
    for (i = hi; i > lo + 1; i--)
        if (white(s[i - 1]) && (s[i - 2] == '.' || s[i - 2] == '!' || s[i - 2] == '?'))
            return i;
    for (i = hi; i > lo; i--)
        if (white(s[i - 1]))
            return i;
    /* never inside a character, even when stray continuation bytes run on
     * past lo (each of them is one): within three bytes of hi, so past lo
     * for a cut, whose range is half a window */
    return hi < len ? char_start(s, len, hi) : hi;
}

/* The group of a kept quote that opens at open (an offset into the text
 * the stages read): the window after reads the margin again, and a group
 * begun there keeps the number this one gave it. */
typedef struct carried_group {
    size_t open;
    unsigned group;
} carried_group;

/* The window being read, and what one window hands the next. */
typedef struct windows {
    size_t ctx, end;          /* the bytes the stages read */
    size_t cut_before, cut;   /* the quotes kept open in [cut_before, cut) */
    size_t last_close;        /* the close of the last quote kept */
    unsigned para_base;       /* paragraphs before the first token read */
    size_t first, base;       /* the first quote kept of this window, and
                                 its index in the result */
    int any_token;            /* a token was read before ctx */
    unsigned last_para;       /* the paragraph of the last one */
    size_t last_end;          /* and where it ends */
    carried_group *carried;   /* the quotes kept that opened at or after
                                 this window's ctx, in text order */
    size_t ncarried, ccarried;
} windows;

/* The bounds of the window that keeps the quotes from w->cut_before on:
 * where it cuts, and the context it reads on either side. */
static void plan_window(windows *w, const unsigned char *s, size_t len,
                        size_t window, size_t margin)
{
    size_t from = w->cut_before, lo = from + window / 2, hi = from + window;
    if (len <= hi) {
        w->cut = len;
    } else {
        w->cut = boundary(s, len, lo, hi, 1);
        if (w->cut == lo)
            w->cut = boundary(s, len, lo, hi, 0);
    }
    w->ctx = from > 2 * margin ? boundary(s, len, from - 2 * margin, from - margin, 0) : 0;
    w->end = w->cut + 2 * margin < len ?
             boundary(s, len, w->cut + margin, w->cut + 2 * margin, 0) : len;
}

/* Room in res for need quotes: exactly that many the first time (one
 * window, the common case), then a quarter more each time more are
 * needed: the array is the most memory a long text of many quotes takes,
 * and half as many again held up to a third more than the text needed
 * through the peak it ends at (a large block's realloc is a remap, not a
 * copy). */
static int reserve_quotes(ws_result *res, size_t need)
{
    size_t cap;
    void *p;
    if (need <= res->cap)
        return WS_OK;
    cap = res->cap + res->cap / 4;
    if (cap < need)
        cap = need;
    if (cap > ((size_t)-1) / sizeof *res->q)
        return WS_ENOMEM;
    p = ws_realloc(&res->mem, res->q, res->cap * sizeof *res->q, cap * sizeof *res->q);
    if (!p)
        return WS_ENOMEM;
    res->q = p;
    res->cap = cap;
    return WS_OK;
}

static void shift_span(ws_span *sp, size_t by)
{
    if (sp->start != WS_NOPOS) {
        sp->start += by;
        sp->end += by;
    }
}

/* The group that quote i of window d, kept, takes in the result: its
 * window gave it one more than the index of its group's first quote
 * there. */
static unsigned global_group(const ws_doc *d, const windows *w, size_t i)
{
    size_t j = (size_t)d->q[i].group - 1, open, k;
    if (j >= w->first)
        return (unsigned)(w->base + (j - w->first) + 1);
    open = w->ctx + d->q[j].open;
    for (k = 0; k < w->ncarried; k++)
        if (w->carried[k].open == open)
            return w->carried[k].group;
    return (unsigned)(w->base + (i - w->first) + 1);   /* a group of its own */
}

/* keep_quotes' copy of the n quotes of window d from its i-th, the names
 * of its entities copied once each into names. */
static int copy_quotes(const ws_doc *d, const ws_html *h, windows *w, ws_result *res,
                       size_t i, size_t n, const char **names)
{
    for (; n > 0; i++, n--) {
        const ws_iquote *iq = &d->q[i];
        ws_quote *q = &res->q[res->n];
        /* every field written, no memset first (add_quote says why) */
        q->start = iq->start + w->ctx;
        q->end = iq->end + w->ctx;
        q->open = iq->open + w->ctx;
        q->close = iq->close + w->ctx;
        q->kind = iq->kind;
        q->speaker = NULL;
        q->mention = iq->mention;
        q->cue = iq->cue;
        shift_span(&q->mention, w->ctx);
        shift_span(&q->cue, w->ctx);
        q->via = NULL;
        q->rule = iq->rule;
        q->confidence = iq->confidence;
        q->paragraph = w->para_base + iq->para + 1;
        q->group = global_group(d, w, i);
        q->nmembers = 0;
        q->members = NULL;
        if (iq->entity >= 0) {
            const ws_entity *en = &d->ent[iq->entity];
            q->speaker = window_entity_name(d, &res->arena, names, iq->entity);
            if (!q->speaker)
                return WS_ENOMEM;
            if (en->kind == EK_GROUP && en->nmembers) {
                const char **m;
                int k;
                m = ws_arena_alloc(&res->arena,
                                   sizeof *m * (size_t)en->nmembers);
                if (!m)
                    return WS_ENOMEM;
                for (k = 0; k < en->nmembers; k++) {
                    m[k] = window_entity_name(d, &res->arena, names,
                                              en->u.members[k]);
                    if (!m[k])
                        return WS_ENOMEM;
                }
                q->members = m;
                q->nmembers = (size_t)en->nmembers;
            }
        } else if (iq->speaker_text) {
            q->speaker = copy_name(&res->arena, iq->speaker_text,
                                   iq->speaker_len);
            if (!q->speaker)
                return WS_ENOMEM;
        }
        if (iq->via >= 0) {
            q->via = window_entity_name(d, &res->arena, names, iq->via);
            if (!q->via)
                return WS_ENOMEM;
        } else if (iq->via_span.start != WS_NOPOS) {
            q->via = copy_name(&res->arena, d->text + iq->via_span.start,
                               iq->via_span.end - iq->via_span.start);
            if (!q->via)
                return WS_ENOMEM;
        }
        q->visible.start = q->start;
        q->visible.end = q->end;
        q->visible_mention = q->mention;
        q->visible_cue = q->cue;
        if (h)
            map_quote(h, q);
        res->n++;
        w->last_close = iq->close + w->ctx;
    }
    return WS_OK;
}

/* Appends to res the quotes of window d that open in [w->cut_before,
 * w->cut), after the last one kept, with the offsets, paragraphs and
 * groups of the whole text. */
static int keep_quotes(const ws_doc *d, const ws_html *h, windows *w, ws_result *res)
{
    /* a story's entities fit here (no allocation); a window of many
     * more has its names' slots allocated */
    const char *local_names[128];
    size_t i, n = 0, nnames;
    const char **names = local_names;
    int rc;
    for (i = 0; i < d->nq && (w->ctx + d->q[i].open < w->cut_before ||
                              w->ctx + d->q[i].open < w->last_close); i++)
        ;
    w->first = i;
    w->base = res->n;
    /* a window cut at the end of what it read (the text's last, most
     * often its only one) keeps every quote from i: no walk whose end
     * mispredicted */
    if (w->cut >= w->end)
        n = d->nq - i;
    else
        while (i + n < d->nq && w->ctx + d->q[i + n].open < w->cut)
            n++;
    if (reserve_quotes(res, res->n + n))
        return WS_ENOMEM;
    if (n == 0)
        return WS_OK;
    nnames = d->nent ? d->nent : 1;
    if (nnames > sizeof local_names / sizeof *local_names &&
        !(names = ws_alloc(d->mem, nnames * sizeof *names)))
        return WS_ENOMEM;
    memset(names, 0, nnames * sizeof *names);
    rc = copy_quotes(d, h, w, res, i, n, names);
    if (names != local_names)
        ws_release(d->mem, names, nnames * sizeof *names);
    return rc;
}


/* Whether a paragraph break stands in s[from, to): a line break of any
 * kind the scanner knows (\n, U+0085, U+2028, U+2029). */
static int break_between(const unsigned char *s, size_t from, size_t to)
{
    size_t i;
    for (i = from; i < to; i++)
        if (s[i] == '\n' || (s[i] == 0xC2 && i + 1 < to && s[i + 1] == 0x85) ||
            (s[i] == 0xE2 && i + 2 < to && s[i + 1] == 0x80 &&
             (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)))
            return 1;
    return 0;
}

/* After window d (whose quotes are kept): plans the next window, and
 * hands it the paragraph of its first token and the groups of the kept
 * quotes it reads again. */
static int next_window(const ws_doc *d, windows *w, const ws_result *res,
                       const unsigned char *s, size_t len, size_t window, size_t margin)
{
    size_t lo = 0, hi = d->ntok, old_ctx = w->ctx, k, kept = res->n - w->base;
    w->cut_before = w->cut;
    plan_window(w, s, len, window, margin);
    /* the first token at or after the new ctx, which d read */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (old_ctx + d->tok[mid].start < w->ctx)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        w->any_token = 1;
        w->last_para = w->para_base + ws_tok_para(d, lo - 1);
        w->last_end = old_ctx + d->tok[lo - 1].end;
    }
    if (lo < d->ntok) {
        w->para_base += ws_tok_para(d, lo);
    } else if (w->any_token) {
        /* no token from ctx to this window's end: the next window's first
         * is in a new paragraph when a break comes before it */
        size_t i = w->ctx;
        while (i < len && white(s[i]))
            i++;
        w->para_base = w->last_para +
            (unsigned)break_between(s, w->last_end, i > w->last_end ? i : w->last_end);
    }
    /* the kept quotes the next window reads again: counted first, since
     * those of its margin are few of the kept in text of many quotes */
    w->ncarried = 0;
    for (k = 0; k < kept; k++)
        w->ncarried += old_ctx + d->q[w->first + k].open >= w->ctx;
    if (ws_grow(d->mem, (void **)&w->carried, &w->ccarried,
                w->ncarried ? w->ncarried : 1, sizeof *w->carried))
        return WS_ENOMEM;
    w->ncarried = 0;
    for (k = 0; k < kept; k++) {
        size_t open = old_ctx + d->q[w->first + k].open;
        if (open < w->ctx)
            continue;
        w->carried[w->ncarried].open = open;
        w->carried[w->ncarried++].group = res->q[w->base + k].group;
    }
    return WS_OK;
}

/* Runs the stages over d->text[0..d->len). */
static int run_stages(const ws_extractor *ex, ws_doc *d)
{
    int rc = ws_scan(d);
    if (!rc)
        rc = ws_segment(d);
    /* a window with no quote has nobody to attribute: the names and
     * pronouns the later stages read would make nothing of the result */
    if (!rc && d->nq == 0) {
        release_work(d);
        return rc;
    }
    d->speakers = &ex->speakers;
    if (!rc)
        rc = ws_mentions(d);
    if (!rc)
        rc = ws_speakers_apply(d);
    if (!rc)
        rc = ws_rules_begin(ex->rules, d);
    if (!rc)
        rc = ws_attribute(d);
    if (!rc)
        ws_rules_finish(d);
    if (!rc)
        release_work(d);
    return rc;
}

/* Finds the quotes of text[0..len), window by window, into res. */
static int extract_text(const ws_extractor *ex, const char *text, size_t len,
                        const ws_html *h, ws_result *res, ws_error_detail *detail)
{
    const unsigned char *s = (const unsigned char *)text;
    windows w;
    ws_doc d;
    int rc, last;
    /* every field but those plan_window sets, no memset (add_quote says
     * why; this one mispredicted some four times a call) */
    w.cut_before = w.last_close = 0;
    w.para_base = 0;
    w.first = w.base = 0;
    w.any_token = 0;
    w.last_para = 0;
    w.last_end = 0;
    w.carried = NULL;
    w.ncarried = w.ccarried = 0;
    plan_window(&w, s, len, ex->window, ex->margin);
    for (;;) {
        memset(&d, 0, sizeof d);
        d.mem = &ex->mem;
        d.lx = &ex->lx;
        d.text = text + w.ctx;
        d.len = w.end - w.ctx;
        rc = run_stages(ex, &d);
        if (!rc)
            rc = keep_quotes(&d, h, &w, res);
        last = w.cut >= len;
        if (!rc && !last)
            rc = next_window(&d, &w, res, s, len, ex->window, ex->margin);
        if (rc == WS_ELIMIT && detail)
            ws_rules_error(&d, detail);
        ws_doc_free(&d);
        if (rc || last)
            break;
    }
    ws_release(&ex->mem, w.carried, w.ccarried * sizeof *w.carried);
    if (!rc)
        ws_shrink(&res->mem, (void **)&res->q, &res->cap, res->n, sizeof *res->q);
    return rc;
}

int ws_extract(const ws_extractor *ex, const char *text, size_t len,
               ws_result **out, ws_error_detail *detail)
{
    ws_html html;
    ws_result *res;
    int rc;
    if (out)
        *out = NULL;
    clear_detail(detail);
    if (!ex || !out || (!text && len))
        return WS_EINVAL;
    if (len > ex->opt.max_input)
        return WS_ETOOBIG;
    if (ex->opt.strict_utf8) {
        size_t bad = utf8_invalid_at((const unsigned char *)text, len);
        if (bad < len) {
            if (detail)
                detail->offset = bad;
            return WS_EUTF8;
        }
    }
    res = ws_alloc(&ex->mem, sizeof *res);
    if (!res)
        return WS_ENOMEM;
    memset(res, 0, sizeof *res);
    res->mem = ex->mem;
    res->arena.mem = &res->mem;
    memset(&html, 0, sizeof html);
    if (ex->opt.html) {
        /* the stages read the visible text; keep_quotes maps back */
        rc = ws_html_convert(&html, &ex->mem, text, len);
        if (rc) {
            ws_result_free(res);
            return rc;
        }
        rc = extract_text(ex, html.text, html.len, &html, res, detail);
        /* the result keeps the visible text */
        res->text = html.text;
        res->text_len = html.len;
        res->text_cap = html.cap;
        html.text = NULL;
        html.cap = 0;
        ws_html_free(&html);
    } else
        rc = extract_text(ex, text ? text : "", len, NULL, res, detail);
    if (rc) {
        ws_result_free(res);
        return rc;
    }
    *out = res;
    return WS_OK;
}

size_t ws_result_count(const ws_result *res)
{
    return res ? res->n : 0;
}

const ws_quote *ws_result_quote(const ws_result *res, size_t i)
{
    return (res && i < res->n) ? &res->q[i] : NULL;
}

const char *ws_result_text(const ws_result *res, size_t *len)
{
    if (len)
        *len = res && res->text ? res->text_len : 0;
    return res ? res->text : NULL;
}

void ws_result_free(ws_result *res)
{
    ws_mem mem;
    if (!res)
        return;
    mem = res->mem;
    ws_arena_free(&res->arena);
    ws_release(&mem, res->text, res->text_cap);
    ws_release(&mem, res->q, res->cap * sizeof *res->q);
    ws_release(&mem, res, sizeof *res);
}
