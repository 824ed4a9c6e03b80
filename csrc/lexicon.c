/*
 * lexicon.c -- the word lists of csrc/lexicon/ *.def, compiled in, in an
 * open-addressing hash table per extractor so that scripts can extend one
 * extractor without touching another.
 */
#include <string.h>
#include "internal.h"


static const ws_lex_entry builtin[] = {
#define W(word, flags) {word, flags},
#include "lexicon/cues.def"
#include "lexicon/titles.def"
#include "lexicon/orgs.def"
#include "lexicon/words.def"
#include "lexicon/names.def"
#undef W
};

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

uint32_t ws_hash_lower(const char *s, size_t n)
{
    uint64_t h = WS_HASH_SEED;
    size_t i;
#ifdef WS_CHUNK_LOADS
    /* eight bytes or more: whole chunks loaded, the last short one as the
     * eight bytes that end the word, shifted down past those read */
    if (n >= 8) {
        for (i = 0; i + 8 <= n; i += 8)
            h = ws_hash_step(h, ws_lower8(ws_load8(s + i)));
        if (i < n)
            h = ws_hash_step(h, ws_lower8(ws_load8(s + n - 8) >> (8 * (8 - (n - i)))));
        return ws_hash_end(h, n);
    }
#endif
    for (i = 0; i + 8 <= n; i += 8)
        h = ws_hash_step(h, ws_chunk_lower(s + i, 8));
    if (i < n)
        h = ws_hash_step(h, ws_chunk_lower(s + i, n - i));
    return ws_hash_end(h, n);
}

#ifdef WS_CHUNK_LOADS
/* Eight bytes or more (the lexicon's long words, at each look-up that
 * finds one), the same from byte from (below n - 8) on: whole chunks
 * lowered and compared, the last the eight bytes that end both, which the
 * earlier ones may overlap. */
static inline int same_lower_long(const char *a, const char *b, size_t n, size_t from)
{
    size_t i;
    for (i = from; i + 8 < n; i += 8)
        if (ws_lower8(ws_load8(a + i)) != ws_lower8(ws_load8(b + i)))
            return 0;
    return ws_lower8(ws_load8(a + n - 8)) == ws_lower8(ws_load8(b + n - 8));
}
#endif

int ws_same_lower(const char *a, const char *b, size_t n)
{
    size_t i;
#ifdef WS_CHUNK_LOADS
    if (n >= 8)
        return same_lower_long(a, b, n, 0);
#endif
    for (i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

uint32_t ws_lexicon_long_word(const ws_lexicon *lx, const char *s, size_t n,
                              uint64_t tag)
{
    /* the lowest set bit of four */
    static const unsigned char lowest[16] = {0, 0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0};
    size_t k;
    for (k = ws_lex_tag_bucket(lx, tag);; k = (k + 1) & (lx->nslots / WS_LEX_BUCKET - 1)) {
        const struct ws_lex_bucket *b = &lx->buckets[k];
        unsigned m;
        /* the slots of the tag by their bits, most often one: which slot
         * it is was a coin toss that a loop over the four lost (11 k
         * mispredicts over PolNeAR train) */
        for (m = ws_lex_bucket_matches(b, tag); m; m &= m - 1) {
            unsigned j = lowest[m];
            if (b->len[j] == n &&
#ifdef WS_CHUNK_LOADS
                /* the tag holds the first seven bytes: from the eighth */
                same_lower_long(lx->words[k * WS_LEX_BUCKET + j], s, n, 7)
#else
                ws_same_lower(lx->words[k * WS_LEX_BUCKET + j], s, n)
#endif
            )
                return b->flags[j];
        }
        if (!b->len[WS_LEX_BUCKET - 1])
            return 0;
    }
}

/* Where a word's probe starts: by its tag when it has one (ws_lexicon_word
 * looks those up by tag alone), else by its hash h. */
static size_t home(const ws_lexicon *lx, uint64_t tag, uint32_t h)
{
    return tag ? ws_lex_tag_home(lx, tag) : ws_lex_home(lx, h);
}

/* nslots: a power of two, 4 or more. */
static int rehash(ws_lexicon *lx, size_t nslots)
{
    size_t nb = nslots / WS_LEX_BUCKET, old_nb = lx->nslots / WS_LEX_BUCKET;
    uint32_t *hashes = ws_alloc(lx->mem, nslots * sizeof *hashes);
    struct ws_lex_bucket *buckets = ws_alloc(lx->mem, nb * sizeof *buckets);
    const char **words = ws_alloc(lx->mem, nslots * sizeof *words);
    ws_lexicon old = *lx;
    size_t i, old_n = lx->nslots;
    unsigned bits = 0;
    if (!hashes || !buckets || !words) {
        ws_release(lx->mem, hashes, nslots * sizeof *hashes);
        ws_release(lx->mem, buckets, nb * sizeof *buckets);
        ws_release(lx->mem, words, nslots * sizeof *words);
        return WS_ENOMEM;
    }
    memset(hashes, 0, nslots * sizeof *hashes);
    memset(buckets, 0, nb * sizeof *buckets);
    while (((size_t)1 << bits) < nslots)
        bits++;
    lx->hashes = hashes;
    lx->buckets = buckets;
    lx->words = words;
    lx->nslots = nslots;
    lx->bucket_shift = 64 - bits + 2;   /* WS_LEX_BUCKET slots a bucket */
    for (i = 0; i < old_n; i++) {
        size_t j;
        if (!old.hashes[i])
            continue;
        /* from the start of its bucket */
        for (j = home(lx, WS_LEX_SLOT(&old, i, tag), old.hashes[i]); hashes[j];
             j = (j + 1) & (nslots - 1))
            ;
        hashes[j] = old.hashes[i];
        WS_LEX_SLOT(lx, j, tag) = WS_LEX_SLOT(&old, i, tag);
        WS_LEX_SLOT(lx, j, flags) = WS_LEX_SLOT(&old, i, flags);
        WS_LEX_SLOT(lx, j, len) = WS_LEX_SLOT(&old, i, len);
        words[j] = old.words[i];
    }
    ws_release(lx->mem, old.hashes, old_n * sizeof *old.hashes);
    ws_release(lx->mem, old.buckets, old_nb * sizeof *old.buckets);
    ws_release(lx->mem, old.words, old_n * sizeof *old.words);
    return WS_OK;
}

/* The slot of word s[0..n), whose tag (0: none) is tag and hash h, or the
 * empty slot where it would go. */
static size_t find(const ws_lexicon *lx, const char *s, size_t n, uint64_t tag,
                   uint32_t h)
{
    size_t j;
    for (j = home(lx, tag, h); lx->hashes[j]; j = (j + 1) & (lx->nslots - 1))
        if (lx->hashes[j] == h && WS_LEX_SLOT(lx, j, len) == n &&
            ws_same_lower(lx->words[j], s, n))
            break;
    return j;
}

/* Whether s[0..n) has a byte below 0x20, which no word the scanner reads
 * has: such a word gets no tag (internal.h, ws_lex_tag). */
static int has_control(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20)
            return 1;
    return 0;
}

static int add_word(ws_lexicon *lx, const char *s, size_t n, uint32_t flags)
{
    uint32_t h = ws_hash_lower(s, n);
    uint64_t tag = has_control(s, n) ? 0 : ws_lex_tag(ws_lex_key(s, n), n);
    size_t j;
    if ((lx->nused + 1) * 2 > lx->nslots) {
        int rc = rehash(lx, lx->nslots ? lx->nslots * 2 : 1024);
        if (rc)
            return rc;
    }
    j = find(lx, s, n, tag, h);
    if (!lx->hashes[j]) {
        lx->hashes[j] = h;
        lx->words[j] = s;
        WS_LEX_SLOT(lx, j, len) = (uint32_t)n;
        WS_LEX_SLOT(lx, j, tag) = tag;
        WS_LEX_SLOT(lx, j, flags) = 0;
        lx->nused++;
    }
    WS_LEX_SLOT(lx, j, flags) |= flags;
    return WS_OK;
}

int ws_lexicon_add(ws_lexicon *lx, const char *s, size_t n, uint32_t flags,
                   int copy)
{
    const char *sp;
    size_t first, nwords = 1, i;
    int rc;
    while (n && s[0] == ' ') { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    if (!n)
        return WS_ELEXICON;
    if (copy) {
        char *owned;
        if (ws_grow(lx->mem, (void **)&lx->owned, &lx->cowned, lx->nowned + 1,
                    sizeof *lx->owned))
            return WS_ENOMEM;
        owned = ws_alloc(lx->mem, n + 1);
        if (!owned)
            return WS_ENOMEM;
        memcpy(owned, s, n);
        owned[n] = '\0';
        lx->owned[lx->nowned++] = owned;
        s = owned;
    }
    sp = memchr(s, ' ', n);
    if (!sp) {
        size_t upper = 0;
        for (i = 0; i < n; i++)
            upper += s[i] >= 'A' && s[i] <= 'Z';
        if (upper == n && n >= 2)
            flags |= LX_ACRONYM;
        return add_word(lx, s, n, flags);
    }
    first = (size_t)(sp - s);
    for (i = 0; i < n; i++)
        if (s[i] == ' ' && (i + 1 < n && s[i + 1] != ' '))
            nwords++;
    rc = add_word(lx, s, first, LX_PHRASE_HEAD);
    if (rc)
        return rc;
    if (ws_grow(lx->mem, (void **)&lx->phrases, &lx->cphrases,
                lx->nphrases + 1, sizeof *lx->phrases) ||
        ws_grow(lx->mem, (void **)&lx->phrase_words, &lx->cphrase_words,
                lx->nphrase_words + nwords, sizeof *lx->phrase_words))
        return WS_ENOMEM;
    lx->phrases[lx->nphrases].words_at = (uint32_t)lx->nphrase_words;
    for (i = 0; i < n;) {
        ws_phrase_word *pw = &lx->phrase_words[lx->nphrase_words++];
        pw->off = (uint32_t)i;
        while (i < n && s[i] != ' ')
            i++;
        pw->len = (uint32_t)(i - pw->off);
        pw->key = ws_lex_key(s + pw->off, pw->len);
        while (i < n && s[i] == ' ')
            i++;
    }
    lx->phrases[lx->nphrases].nwords = (uint16_t)nwords;
    lx->phrases[lx->nphrases].flags = flags;
    lx->phrases[lx->nphrases].text = s;
    lx->phrases[lx->nphrases].next = -1;
    {
        /* at the end of its bucket's list, which stays in the order added */
        int32_t *link = &lx->phrase_first[ws_phrase_bucket((unsigned char)s[0], first)];
        while (*link >= 0)
            link = &lx->phrases[*link].next;
        *link = (int32_t)lx->nphrases;
    }
    lx->nphrases++;
    return WS_OK;
}

int ws_lexicon_init(ws_lexicon *lx, const ws_mem *mem)
{
    size_t i;
    memset(lx, 0, sizeof *lx);
    lx->mem = mem;
    for (i = 0; i < WS_PHRASE_BUCKETS; i++)
        lx->phrase_first[i] = -1;
    if (rehash(lx, 4096))
        return WS_ENOMEM;
    for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
        int rc = ws_lexicon_add(lx, builtin[i].word, strlen(builtin[i].word),
                                builtin[i].flags, 0);
        if (rc) {
            ws_lexicon_free(lx);
            return rc;
        }
    }
    return WS_OK;
}

void ws_lexicon_free(ws_lexicon *lx)
{
    size_t i;
    if (!lx || !lx->mem)
        return;
    for (i = 0; i < lx->nowned; i++)
        ws_release(lx->mem, lx->owned[i], strlen(lx->owned[i]) + 1);
    ws_release(lx->mem, lx->owned, lx->cowned * sizeof *lx->owned);
    ws_release(lx->mem, lx->phrases, lx->cphrases * sizeof *lx->phrases);
    ws_release(lx->mem, lx->phrase_words, lx->cphrase_words * sizeof *lx->phrase_words);
    ws_release(lx->mem, lx->hashes, lx->nslots * sizeof *lx->hashes);
    ws_release(lx->mem, lx->buckets, lx->nslots / WS_LEX_BUCKET * sizeof *lx->buckets);
    ws_release(lx->mem, lx->words, lx->nslots * sizeof *lx->words);
    memset(lx, 0, sizeof *lx);
}

/*
 * Matches the phrases that start at token i.  Returns the flags of the
 * longest phrase found and stores its token count in *ntok; 0 when none.
 */
/* Whether token u, of pw's length, is the phrase word pw of text w but
 * for the case of A-Z: its first eight bytes one load lowered against
 * pw's key where the text has them (19.9 k calls of ws_same_lower over
 * PolNeAR train, each at a word of a phrase tried), the rest compared. */
static int phrase_word_is(const ws_doc *d, const ws_token *u, const char *w,
                          const ws_phrase_word *pw)
{
    size_t n = pw->len;
#ifdef WS_CHUNK_LOADS
    if (u->start + 8 <= d->len) {
        uint64_t c = ws_lower8(ws_load8(d->text + u->start));
        if (n < 8)
            c &= ((uint64_t)1 << (8 * n)) - 1;
        return c == pw->key &&
               (n <= 8 || ws_same_lower(d->text + u->start + 8, w + 8, n - 8));
    }
#endif
    return ws_same_lower(d->text + u->start, w, n);
}

uint32_t ws_lexicon_phrase_at(const ws_lexicon *lx, const ws_doc *d, size_t i,
                              size_t *ntok)
{
    const ws_token *t = &d->tok[i];
    uint32_t best = 0;
    size_t bestn = 0, tlen = t->end - t->start;
    int32_t p;
    for (p = lx->phrase_first[ws_phrase_bucket((unsigned char)d->text[t->start], tlen)];
         p >= 0; p = lx->phrases[p].next) {
        const ws_phrase *ph = &lx->phrases[p];
        const ws_phrase_word *pw = &lx->phrase_words[ph->words_at];
        size_t k;
        /* the first word is compared in full below, its length here */
        if (pw[0].len != tlen || ph->nwords <= bestn ||
            i + ph->nwords > d->ntok)
            continue;
        for (k = 0; k < ph->nwords; k++) {
            const ws_token *u = &d->tok[i + k];
            if (u->type != TK_WORD || ((u->flags ^ t->flags) & TF_QUOTED) ||
                u->end - u->start != pw[k].len ||
                !phrase_word_is(d, u, ph->text + pw[k].off, &pw[k]))
                break;
        }
        if (k == ph->nwords) {
            best = ph->flags;
            bestn = ph->nwords;
        }
    }
    *ntok = bestn;
    return best;
}
