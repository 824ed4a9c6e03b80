/*
 * attribute.c -- who said each quote: named sieves, from precise to loose.
 *
 * Each sieve looks at the words around one quote and, when its pattern
 * holds, sets the speaker, the cue and its own name as the quote's rule.
 * The first sieve that attributes a quote wins.  Search for a rule's name
 * (the string in quotes) to find the sieve that applied it.
 *
 *   (a user rule)      PCRE2 rules added from Lua run first (rules.c)
 *   transcript         HOLT: "Q"  /  "HOLT: Q"  /  Gingrich: headline 'Q'
 *   trailing-cue       "Q," S said            "Q," said S, a spokeswoman
 *   dash               "Q" -- Governor Ann Whitfield
 *   leading-colon      S said: "Q"            In a statement, the union: "Q"
 *   leading-cue        S said, "Q"            S said that "Q"
 *   according-to       "Q," according to S
 *   quoted-as          KCNA quoted Kim as saying "Q"  (KCNA is the channel)
 *   passive-by         called "Q" by S
 *   participle         S dismissed it, asserting that "Q"
 *   sentence-cue       S said ... "Q" ...     S called it "Q"   ..., S said.
 *   possessive-cue     S's claim is that ... "Q"
 *   sentence-subject   S walked the pier to show it was "Q"  (the loosest)
 *   split              "Q1," S said. "Q2."    the second part of an utterance
 *   continuation       a quote-only paragraph after an attributed quote
 *   lead-in            S spoke to the crews:  /  S said X. "Q"
 *
 * Then the channel (via), the kind, and the confidence.
 */
#include <string.h>
#include "internal.h"
#include "word_keys.h"

typedef struct np {
    uint32_t s, e;          /* tokens of the phrase */
    int entity;             /* resolved entity, or -1 */
    int kind;               /* MK_* */
    uint32_t head;          /* the word that decided the kind */
} np;

/* Words that can head a speaker phrase without a name: roles ("the
 * spokeswoman"), organisations ("the campaign"), documents ("the
 * statement"). */
#define NOMINAL_HEAD (LX_ROLE | LX_ORG | LX_CUE_NOUN)

typedef struct attrib {
    np who;
    uint32_t cue_s, cue_e;  /* cue tokens, cue_s == cue_e when none */
    uint32_t name_s, name_e; /* the phrase an "it" or "they" that speaks
                                stands for, name_s == name_e when none */
    const char *rule;
    double confidence;
    int lead;               /* in_lead_clause's answer plus one, 0 until
                               a sieve asks (lead_clause) */
} attrib;

static int clause_subject(ws_doc *d, uint32_t cue, uint32_t floor, np *who);
static int subject_position(const ws_doc *d, uint32_t s);
static int finite_verb(const ws_doc *d, uint32_t i);
static int medium_np(ws_doc *d, const np *who);
static int verb_like(const ws_doc *d, uint32_t i);
typedef struct shape shape;
static shape quote_shape(const ws_doc *d, const ws_iquote *q);

/* ---- token tests ---------------------------------------------------- */

static const ws_token *T(const ws_doc *d, uint32_t i)
{
    return &d->tok[i];
}

static int is_word(const ws_doc *d, uint32_t i)
{
    return i < d->ntok && d->tok[i].type == TK_WORD;
}

/* The byte before the type: a token's first byte is the mark asked for
 * at one in a few tokens, where whether it is punctuation at all is the
 * text's coin toss (the sieves ask at every token of their walks). */
static WS_HOT_INLINE int punct(const ws_doc *d, uint32_t i, char c)
{
    return i < d->ntok && d->tok[i].ch == c && d->tok[i].type == TK_PUNCT &&
           d->tok[i].end - d->tok[i].start == 1;
}

/* punct(d, i, a) || punct(d, i, b), the type asked once. */
static WS_HOT_INLINE int punct_either(const ws_doc *d, uint32_t i, char a, char b)
{
    return i < d->ntok && (d->tok[i].ch == a || d->tok[i].ch == b) &&
           d->tok[i].type == TK_PUNCT && d->tok[i].end - d->tok[i].start == 1;
}

/* A dash: -, --, an en or em dash. */
static int dash(const ws_doc *d, uint32_t i)
{
    const ws_token *t;
    if (i >= d->ntok || d->tok[i].type != TK_PUNCT)
        return 0;
    t = &d->tok[i];
    if (t->ch == '-')
        return 1;
    return t->end - t->start == 3 && t->ch == 0xE2 &&
           (unsigned char)d->text[t->start + 1] == 0x80 &&
           ((unsigned char)d->text[t->start + 2] >= 0x92 &&
            (unsigned char)d->text[t->start + 2] <= 0x95);  /* figure dash .. bar */
}

/* Outside every quote, and no mark. */
static WS_HOT_INLINE int outside(const ws_doc *d, uint32_t i)
{
    return i < d->ntok && !(d->tok[i].flags & TF_QUOTED) && !ws_tok_mark(&d->tok[i]);
}

static int same_para(const ws_doc *d, uint32_t a, uint32_t b)
{
    return a < d->ntok && b < d->ntok && ws_tok_para(d, a) == ws_tok_para(d, b);
}

/* The sieves' word lists, each word a key compared with a token's with
 * no branch: a walk that tested each word's first letter mispredicted
 * wherever the token's was one of the list's, four times a call
 * (bench/NOTES.md, "Seventeenth round").  A key holds a word's bytes, a
 * lane each, and its length in the top lane: a word of seven bytes or
 * fewer is one uint64_t (SHORT_WORD), a longer one, of fourteen at most,
 * a word_key of two (LONG_WORD).  The lists' words are of the letters a-z
 * alone. */
typedef struct word_key {
    uint64_t lo, hi;
} word_key;

/* the keys as integer constants, which scripts/word-keys writes from this
 * file's lists (make word-keys) */
#define SHORT_WORD(w) WK_##w
#define LONG_WORD(w) WKL_##w

/* For a token of n bytes (row n; 15 for one that is no word or longer
 * than fourteen): the lanes of its first eight bytes, of the next six,
 * its length as word_key holds it, and the lanes and length of its short
 * key (0xFF for a token of more than seven bytes, which no word's key
 * has).  A table, not arithmetic on n, which GCC made branches of, where
 * n is the text's coin toss. */
#define KEY_LANES(n) (((uint64_t)1 << (8 * ((unsigned)(n) < 8 ? (n) : 0))) - 1)   /* n < 8 */
#define KEY_MASKS(n) \
    {(n) >= 8 ? ~(uint64_t)0 : KEY_LANES(n), (n) > 8 ? KEY_LANES((n) - 8) : 0, \
     (uint64_t)(n) << 56, (n) < 8 ? KEY_LANES(n) : 0, (uint64_t)((n) < 8 ? (n) : 0xFF) << 56}
static const uint64_t key_masks[16][5] = {
    KEY_MASKS(0), KEY_MASKS(1), KEY_MASKS(2), KEY_MASKS(3), KEY_MASKS(4), KEY_MASKS(5),
    KEY_MASKS(6), KEY_MASKS(7), KEY_MASKS(8), KEY_MASKS(9), KEY_MASKS(10), KEY_MASKS(11),
    KEY_MASKS(12), KEY_MASKS(13), KEY_MASKS(14),
    {0, 0, (uint64_t)0xFF << 56, 0, (uint64_t)0xFF << 56}};

/* The row of key_masks for token i (i < ntok), with no branch: whether a
 * token is a word at all is a coin toss. */
static WS_HOT_INLINE size_t key_row(const ws_doc *d, uint32_t i)
{
    size_t n = d->tok[i].end - d->tok[i].start;
    size_t other = (size_t)0 - ((d->tok[i].type != TK_WORD) | (n > 14));
    return (n & ~other) | (15 & other);
}

/* Token i's key (row its row of key_masks) a byte at a time: near the
 * text's end, and in a build that loads no chunk at once.  Out of line:
 * its registers would be saved at every call of the loads' path. */
static WS_NOINLINE word_key key_bytes(const ws_doc *d, uint32_t i, size_t row)
{
    word_key k;
    size_t s = d->tok[i].start, n = row < 15 ? row : 0;
    k.lo = ws_chunk_lower(d->text + s, n < 8 ? n : 8);
    k.hi = (n > 8 ? ws_chunk_lower(d->text + s + 8, n - 8) : 0) | key_masks[row][2];
    return k;
}

/* Eight bytes of the text from s, the lanes of mask kept, as a list's
 * word would have them (s + 8 <= the text's length).  A byte | 0x20 is a
 * letter a-z only when the byte is that letter or its capital: the lanes
 * need no lowering of A-Z alone (ws_lower8) to compare. */
#define KEY_CHUNK(d, s, mask) ((ws_load8((d)->text + (s)) | 0x2020202020202020u) & (mask))

/* Token i's key (i < ntok), and its row of key_masks in *row. */
static WS_HOT_INLINE word_key token_key(const ws_doc *d, uint32_t i, size_t *row)
{
    size_t r = key_row(d, i);
    *row = r;
#ifdef WS_CHUNK_LOADS
    if (d->tok[i].start + 16 <= d->len) {
        word_key k;
        k.lo = KEY_CHUNK(d, d->tok[i].start, key_masks[r][0]);
        /* the next eight bytes' lanes are none for a token of eight or
         * fewer */
        k.hi = KEY_CHUNK(d, d->tok[i].start + 8, key_masks[r][1]) | key_masks[r][2];
        return k;
    }
#endif
    return key_bytes(d, i, r);
}

/* Whether token i is one of the n short words of list, in any case. */
static WS_NOINLINE int in_short_list(const ws_doc *d, uint32_t i, const uint64_t *list,
                                     size_t n)
{
    uint64_t k;
    unsigned hit = 0;
    size_t j, row;
    if (i >= d->ntok)
        return 0;
    k = token_key(d, i, &row).lo;
    k = (k & key_masks[row][3]) | key_masks[row][4];
    /* two words a trip: the loop's test costs as much as a comparison */
    for (j = 0; j + 1 < n; j += 2)
        hit |= (k == list[j]) | (k == list[j + 1]);
    return hit | (n & 1 && k == list[n - 1]);
}

/* Whether token i is one of the n words of list, in any case. */
static WS_NOINLINE int in_long_list(const ws_doc *d, uint32_t i, const word_key *list, size_t n)
{
    word_key k;
    unsigned hit = 0;
    size_t j, row;
    if (i >= d->ntok)
        return 0;
    k = token_key(d, i, &row);
    for (j = 0; j + 1 < n; j += 2)
        hit |= ((k.lo == list[j].lo) & (k.hi == list[j].hi)) |
               ((k.lo == list[j + 1].lo) & (k.hi == list[j + 1].hi));
    return hit | (n & 1 && k.lo == list[n - 1].lo && k.hi == list[n - 1].hi);
}

#define word_in(d, i, list) in_short_list(d, i, list, sizeof(list) / sizeof(list)[0])
#define long_word_in(d, i, list) in_long_list(d, i, list, sizeof(list) / sizeof(list)[0])

/* The cue that starts at token i, a word the scanner listed in d->cues
 * (a word it stays: segment.c retypes only marks, so neither the type nor
 * the bound is asked again): its token count, 0 when none.  Worked out
 * once per token by cue_table; read through cue_at. */
static uint32_t find_cue(const ws_doc *d, uint32_t i, uint32_t *flags)
{
    size_t np_ = 0;
    uint32_t ph;
    if (!(d->tok[i].lex & (LX_CUE | LX_PHRASE_HEAD)) || (d->tok[i].flags & TF_QUOTED))
        return 0;
    /* a word of a name ("United States"), or capitalised mid-sentence */
    if (ws_mention_at(d, i) >= 0 ||
        ((d->tok[i].flags & TF_CAP) && !(d->tok[i].flags & TF_SENT) &&
         !d->headline[ws_tok_para(d, i)] &&   /* but "Putin Hails ..." */
         !(i > 0 && d->tok[i - 1].ch == ',')))   /* and "Murphy, ..., Tweeted" */
        return 0;
    /* "Clinton's comments", "his remarks", "the reports": a noun */
    /* (each of the ten is LX_DETERMINER in the built-in lexicon, which
     * every lexicon holds: a word without the flag is none of them) */
    if (i > 0 && (d->tok[i - 1].type == TK_POSS ||
                  ((d->tok[i - 1].lex & LX_DETERMINER) &&
                   (ws_tok_is(d, i - 1, "the") || ws_tok_is(d, i - 1, "his") ||
                    ws_tok_is(d, i - 1, "her") || ws_tok_is(d, i - 1, "their") ||
                    ws_tok_is(d, i - 1, "its") || ws_tok_is(d, i - 1, "a") ||
                    ws_tok_is(d, i - 1, "an") || ws_tok_is(d, i - 1, "our") ||
                    ws_tok_is(d, i - 1, "my") || ws_tok_is(d, i - 1, "your")))))
        return 0;
    ph = ws_lexicon_phrase(d->lx, d, i, &np_);
    if (np_ && (ph & LX_CUE)) {
        *flags = ph;
        return (uint32_t)np_;
    }
    /* "Trump went on, as if ...": going on speaks only before a pause */
    if ((ws_tok_is(d, i, "went") || ws_tok_is(d, i, "goes")) &&
        ws_tok_is(d, i + 1, "on") && i + 2 < d->ntok &&
        (d->tok[i + 2].ch == ',' || d->tok[i + 2].ch == '.' || d->tok[i + 2].ch == ':') &&
        d->tok[i + 2].type == TK_PUNCT) {
        *flags = LX_CUE;
        return 2;
    }
    if ((d->tok[i].lex & LX_CUE) &&
        !(i + 1 < d->ntok && (d->tok[i + 1].lex & LX_CUE_NOUN) &&
          d->tok[i + 1].type == TK_WORD)) {
        *flags = d->tok[i].lex;
        return 1;   /* but not "a written statement", "prepared remarks" */
    }
    return 0;
}

/* Per token: the length of the cue that starts there (bits 0-6) and
 * whether it is a participle (bit 7). */
#define CUE_ING 0x80

static int cue_table(ws_doc *d)
{
    uint32_t i, fl = 0, n;
    size_t c, kept;
    uint32_t initials = 0;
    d->cue = ws_alloc(d->mem, d->ntok ? d->ntok : 1);
    d->pron = ws_alloc(d->mem, 16 * sizeof *d->pron);
    if (!d->cue || !d->pron)
        return WS_ENOMEM;
    d->cpron = 16;
    memset(d->pron, 0, d->cpron * sizeof *d->pron);
    /* a cue starts only at a word with LX_CUE or LX_PHRASE_HEAD, which the
     * scanner listed */
    memset(d->cue, 0, d->ntok);
    for (c = 0, kept = 0; c < d->cues.n; c++) {
        i = d->cues.v[c];
        n = find_cue(d, i, &fl);
        /* fl is the last cue's when there is none here: n says so */
        d->cue[i] = (uint8_t)((n > 0x7F ? 0x7F : n) |
                              (((n != 0) & ((fl & LX_CUE_ING) != 0)) * CUE_ING));
        /* a listed word that is neither a phrase head nor a channel
         * noun is never via_tokens' entry (a mention at it is one of its
         * own): the list keeps the others, in place and with no branch,
         * where via_tokens' walk past them mispredicted its trip count */
        d->cues.v[kept] = i;
        kept += (d->tok[i].lex & (LX_PHRASE_HEAD | LX_CHANNEL)) != 0;
        initials |= (uint32_t)1 << (d->tok[i].ch & 31);
    }
    d->cues.n = kept;
    /* by the first byte's low five bits, a q's or a Q's and those of a
     * few other bytes: a text with none lists no "quoted" */
    d->q_cue = (initials >> ('q' & 31)) & 1;
    /* the list stays for via_tokens, which releases it */
    return WS_OK;
}

static uint32_t cue_at(const ws_doc *d, uint32_t i, uint32_t *flags)
{
    uint8_t c = i < d->ntok ? d->cue[i] : 0;
    *flags = (c & CUE_ING) ? (LX_CUE | LX_CUE_ING) : c ? LX_CUE : 0;
    return c & 0x7F;
}

/* The first token in [i, stop) a cue starts at, stop when none: most
 * tokens start none, and eight of cue_table's bytes are one test, the
 * last eight cut to the lanes before stop (the first lane that holds a
 * cue said by its bit: no loop a byte at a time to mispredict the end
 * of, but in a text's last eight tokens). */
static WS_HOT_INLINE uint32_t next_cue(const ws_doc *d, uint32_t i, uint32_t stop)
{
    if (stop > d->ntok)
        stop = (uint32_t)d->ntok;
#ifdef WS_LEX_SSE2
    /* sixteen at a time first: a sentence's walk to its cue or its end
     * takes one or two of these, where its trip count by eights was the
     * mispredict */
    for (; i < stop && i + 16 <= d->ntok; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(d->cue + i));
        uint32_t set = ~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
        uint32_t n = stop - i < 16 ? stop - i : 16;
        set &= ((uint32_t)1 << n) - 1;
        if (set)
            return i + (uint32_t)__builtin_ctz(set);
    }
    if (i >= stop)
        return stop;
#endif
#ifdef WS_CHUNK_LOADS
    for (; i < stop && i + 8 <= d->ntok; i += 8) {
        uint64_t eight = ws_load8((const char *)d->cue + i);
        uint32_t n = stop - i < 8 ? stop - i : 8;
        uint64_t lanes = ~(uint64_t)0 >> (64 - 8 * n);
        if (eight & lanes)
            return i + ((uint32_t)__builtin_ctzll(eight & lanes) >> 3);
    }
    if (i >= stop)
        return stop;
#endif
    while (i < stop && !d->cue[i])
        i++;
    return i;
}

/* Whether the cue at token k takes the person spoken to as its object
 * ("told Reuters", "telling O'Reilly"), so the phrase after it is no
 * speaker. */
static int addressee_cue(const ws_doc *d, uint32_t k)
{
    static const word_key verbs[] = {LONG_WORD(told), LONG_WORD(tell),
        LONG_WORD(tells), LONG_WORD(telling), LONG_WORD(asked), LONG_WORD(ask),
        LONG_WORD(asks), LONG_WORD(asking), LONG_WORD(assured), LONG_WORD(assuring),
        LONG_WORD(informed), LONG_WORD(urged), LONG_WORD(urging), LONG_WORD(warned),
        LONG_WORD(warning), LONG_WORD(reminded), LONG_WORD(thanked),
        LONG_WORD(congratulated), LONG_WORD(accused), LONG_WORD(accusing),
        LONG_WORD(praised), LONG_WORD(praising), LONG_WORD(criticized),
        LONG_WORD(blasted), LONG_WORD(called), LONG_WORD(calling),
        LONG_WORD(described)};
    return long_word_in(d, k, verbs);
}

static int is_phrase(const ws_doc *d, uint32_t i, const char *a,
                     const char *b)
{
    return ws_tok_is(d, i, a) && (!b || ws_tok_is(d, i + 1, b));
}

/* ---- noun phrases ---------------------------------------------------- */

/* LX_DETERMINER (words.def): the, a, an, both, his, her, my, our, your,
 * its, their, another, one, two, three, several, some, many, other, these,
 * those, this; one flag test where word_in compared the token with each
 * (np_extent_mode and the clause readers ask at every word they pass). */
static WS_HOT_INLINE int determiner(const ws_doc *d, uint32_t i)
{
    /* the flag before the type: few tokens have it, where whether one is
     * a word at all is a coin toss */
    return i < d->ntok && (d->tok[i].lex & LX_DETERMINER) && d->tok[i].type == TK_WORD;
}

/* The two people named most recently before token i, for "the two
 * leaders" and "both leaders". */
static int recent_pair(ws_doc *d, uint32_t i, int titled, int people[2])
{
    int n = 0;
    size_t m = ws_mention_from(d, i), lo = m > 50 ? m - 50 : 0;
    while (m-- > lo && n < 2) {
        const ws_mention *mm = &d->men[m];
        int e = mm->entity;
        if (d->tok[mm->tok_start].flags & TF_QUOTED)
            continue;
        if (d->ent[e].kind != EK_PERSON || !d->ent[e].strong)
            continue;
        if (titled && !d->ent[e].nroles)
            continue;
        if (n == 1 && people[0] == e)
            continue;
        people[n++] = e;
    }
    return n;
}

static int recent_group(ws_doc *d, uint32_t i)
{
    int people[2];
    /* "the two leaders": people introduced with a title or role first,
     * anybody named otherwise */
    if (recent_pair(d, i, 1, people) < 2 && recent_pair(d, i, 0, people) < 2)
        return -1;
    {
        int sorted[2];
        sorted[0] = people[1];
        sorted[1] = people[0];
        return ws_entity_group(d, sorted, 2);
    }
}

/* Resolves a phrase found by the readers below. */
static void resolve_np(ws_doc *d, np *p)
{
    const ws_token *h = T(d, p->head);
    if (p->kind == MK_NAME) {
        p->entity = ws_entity_root(d, d->men[ws_mention_at(d, p->head)].entity);
        return;
    }
    if (p->kind == MK_PRONOUN) {
        if (h->lex & (LX_MALE | LX_FEMALE)) {
            p->entity = ws_resolve(d, p->head, h->lex, 0);
        } else
            p->entity = -1;
        return;
    }
    /* a role: "the two leaders", "the spokeswoman" */
    p->entity = -1;
    if ((h->lex & LX_PLURAL) && p->s < p->head &&
        (T(d, p->s)->lex & LX_GROUP || (p->s + 1 < p->head &&
                                        T(d, p->s + 1)->lex & LX_GROUP))) {
        p->entity = recent_group(d, p->s);
        return;
    }
    if (!(h->lex & LX_PLURAL) && (ws_tok_is_flagged(d, p->s, LX_DETERMINER, "the") ||
                                  (T(d, p->s)->flags & TF_CAP))) {
        /* whom a role stands for follows from the mentions and the kinds,
         * genders and roles of their entities (mentions.c, resolve with a
         * role_hash), none of which attribution changes (the strong it
         * sets is asked for pronouns only): a head read again, as the
         * sieves of a quote do, is the same person */
        if (d->role_tok1 != p->head + 1) {
            d->role_entity = ws_resolve(d, p->head, 0, ws_tok_hash(d, p->head));
            d->role_tok1 = p->head + 1;
        }
        p->entity = d->role_entity;
    }
}

/* A role phrase ending at head: "the spokeswoman", "a senior official",
 * "North Korean leader", "Democrats".  Returns its first token. */
static uint32_t role_start(const ws_doc *d, uint32_t head, uint32_t floor)
{
    uint32_t s = head, k = 0;
    while (s > floor && k < 4) {
        uint32_t p = s - 1;
        const ws_token *t = T(d, p);
        if (!is_word(d, p) || !outside(d, p))
            break;
        if (determiner(d, p)) {
            s = p;
            break;
        }
        if (t->lex & (LX_CUE | LX_AUX | LX_PREP | LX_PRONOUN))
            break;
        if ((t->lex & LX_FUNCTION) && !(t->flags & TF_CAP))
            break;
        /* "Netanyahu rallied supporters": a subject's verb ends the phrase */
        if (p > floor && verb_like(d, p) &&
            (ws_mention_at(d, p - 1) >= 0 || (is_word(d, p - 1) && (T(d, p - 1)->lex & LX_PRONOUN))))
            break;
        s = p;
        k++;
    }
    if (s > floor && T(d, s - 1)->type == TK_POSS) {
        uint32_t p = s - 1;
        /* "the dockworkers' union" reads on; "Clinton's spokesman" stops:
         * a named possessor is no speaker */
        if (p > floor && is_word(d, p - 1) && !(T(d, p - 1)->flags & TF_CAP) &&
            ws_mention_at(d, p - 1) < 0)
            return role_start(d, p - 1, floor) < p - 1 ? role_start(d, p - 1, floor) : p - 1;
        s = head;
    }
    return s;
}

/* "a source familiar with the talks", "an official who asked not to be
 * named": a role after a determiner and before a qualifying phrase that
 * ends just before token end. */
static int role_with_modifier(ws_doc *d, uint32_t end, uint32_t floor, np *out)
{
    /* a list, not a chain of ws_tok_is, which GCC called out of line
     * here one word after another */
    static const word_key qualifiers[] = {LONG_WORD(familiar), LONG_WORD(close),
        LONG_WORD(who), LONG_WORD(with), LONG_WORD(from), LONG_WORD(at),
        LONG_WORD(in), LONG_WORD(for), LONG_WORD(briefed)};
    uint32_t j = end, n = 0, p, lo = end > floor + 10 ? end - 10 : floor + 1;
    /* one bound for the scan's two (it runs at every token clause_subject
     * walks back over) */
    uint32_t hi = end - 1 < d->ntok ? end - 1 : d->ntok;
    /* the role can only be one of the tokens [lo, end - 1) the loop below
     * reaches; most phrases have none, and a flag a token tells so before
     * the loop's tests of every token on the way */
    for (p = lo; p < hi; p++)
        if (d->tok[p].lex & LX_ROLE)
            break;
    if (p >= hi)
        return 0;
    while (j > floor && n < 10) {
        const ws_token *t;
        p = j - 1;
        t = T(d, p);
        if (!outside(d, p) || ws_tok_mark(t) ||
            (t->type == TK_PUNCT && t->ch != '\'' && t->ch != '-'))
            return 0;
        if (is_word(d, p) && (t->lex & LX_ROLE) && !(t->flags & TF_CAP) &&
            p > floor && determiner(d, p - 1) && p + 1 < end &&
            long_word_in(d, p + 1, qualifiers)) {
            out->s = p - 1;
            out->e = p + 1;
            out->head = p;
            out->kind = MK_NOMINAL;
            out->entity = -1;
            return 1;
        }
        if (is_word(d, p) && (t->lex & LX_CUE))
            return 0;
        j--;
        n++;
    }
    return 0;
}

/* "the billionaire business mogul", "the person": the, a few lower-case
 * words, and nothing else, just before token end. */
static int definite_description(ws_doc *d, uint32_t end, uint32_t floor, np *out)
{
    uint32_t j = end, n = 0;
    /* only right before its verb: "the person added" (a cue, or a word
     * with LX_AUX, asked as one) */
    if (end >= d->ntok ||
        (d->cue[end] | ((d->tok[end].type == TK_WORD) & ((d->tok[end].lex & LX_AUX) != 0))) == 0)
        return 0;
    while (j > floor && n < 4) {
        uint32_t p = j - 1;
        const ws_token *t = T(d, p);
        if (!is_word(d, p) || !outside(d, p))
            return 0;
        if (ws_tok_is_flagged(d, p, LX_DETERMINER, "the")) {
            if (n == 0 || (p > floor && is_word(d, p - 1) && (T(d, p - 1)->lex & LX_PREP)))
                return 0;   /* "marching through the streets chanted" */
            out->s = p;
            out->e = end;
            out->head = end - 1;
            out->kind = MK_NOMINAL;
            out->entity = -1;
            return 1;
        }
        if ((t->flags & TF_CAP) || (t->lex & (LX_FUNCTION | LX_PREP | LX_CUE |
                                              LX_AUX | LX_PRONOUN | LX_GROUP)))
            return 0;
        if (n > 0 && (t->lex & NOMINAL_HEAD))
            return 0;   /* "the two leaders met": a role reader's phrase */
        j--;
        n++;
    }
    return 0;
}

/* The name that opens the sentence starting at token w, past a dateline
 * ("WASHINGTON --") and a word or two ("Even China, ..."), when a comma
 * follows it before token j; UINT32_MAX otherwise. */
static uint32_t sentence_opener(const ws_doc *d, uint32_t w, uint32_t j)
{
    uint32_t k = w, n = 0;
    while (k < j && n < 4) {
        if (ws_mention_at(d, k) >= 0) {
            const ws_mention *m = &d->men[ws_mention_at(d, k)];
            if (m->tok_start != k)
                return UINT32_MAX;
            if (m->tok_end == k + 1 && is_word(d, k + 1) &&
                (d->tok[k + 1].lex & NOMINAL_HEAD)) {
                k++;        /* "Israeli official": a word describing a role */
                n++;
                continue;
            }
            if (dash(d, m->tok_end) && (d->tok[k].flags & TF_ALLCAPS)) {
                k = m->tok_end + 1;    /* a dateline */
                n++;
                continue;
            }
            if (k > w && is_word(d, k - 1) && (d->tok[k - 1].lex & LX_PREP) &&
                punct(d, m->tok_end, ',')) {
                k = m->tok_end + 1;     /* "Here in Columbia, Sanders ..." */
                n++;
                continue;
            }
            if (m->tok_end < j && punct(d, m->tok_end, ',') && !m->possessive)
                return k;
            return UINT32_MAX;
        }
        /* "An Israeli official, speaking on condition of anonymity, said" */
        if (is_word(d, k) && (d->tok[k].lex & NOMINAL_HEAD) && punct(d, k + 1, ',') &&
            k + 1 < j)
            return k;
        if (!is_word(d, k) || !(d->tok[k].lex & (LX_FUNCTION | LX_AUX)))
            return UINT32_MAX;
        k++;
        n++;
    }
    return UINT32_MAX;
}

/* The pronouns a speaker phrase may be (np_left and np_right ask at
 * each pronoun: a list, where their chains of ws_tok_is were calls). */
static const uint64_t speaking_pronouns[] = {SHORT_WORD(he), SHORT_WORD(she),
    SHORT_WORD(they), SHORT_WORD(we), SHORT_WORD(i), SHORT_WORD(it)};

/* The noun phrase that ends just before token end, read leftwards. */
static int np_left(ws_doc *d, uint32_t end, uint32_t floor, np *out)
{
    uint32_t j;
    const ws_token *t;
    if (end == 0 || end <= floor)
        return 0;
    j = end - 1;
    if (!outside(d, j))
        return 0;
    /* "Christie, who has campaigned for Trump since February, blasted":
     * the subject before a relative clause */
    if (punct(d, j, ',') && j > floor + 2) {
        /* the tokens [checked, j) this walk read are outside and no '.'
         * or ';', sent the first of them from the right that opens a
         * sentence or paragraph, stopped that the one before checked is
         * where the walks stop: the second walk below goes on from there,
         * not from j again */
        uint32_t w, checked = j, sent = UINT32_MAX, lo;
        int stopped = 0;
        for (w = j; w-- > floor + 1 && j - w < 30;) {
            if (!outside(d, w) || punct_either(d, w, '.', ';')) {
                stopped = 1;
                break;
            }
            checked = w;
            if (sent == UINT32_MAX && (T(d, w)->flags & (TF_SENT | TF_PARA)))
                sent = w;
            /* both are LX_CLAUSE_LINK words of the built-in lexicon */
            if ((d->tok[w].lex & LX_CLAUSE_LINK) &&
                (ws_tok_is(d, w, "who") || ws_tok_is(d, w, "which")) &&
                punct(d, w - 1, ',')) {
                if (np_left(d, w - 1, floor, out) && out->kind == MK_NAME)
                    return 1;
                break;
            }
        }
        /* "Giovanni Vian, the editor of the Vatican's newspaper,
         * L'Osservatore Romano, said": the name that opens the sentence,
         * before its appositions, within 40 tokens */
        lo = j > floor + 40 ? j - 40 : floor;
        if (sent == UINT32_MAX && !stopped)
            for (w = checked; w-- > lo;) {
                if (!outside(d, w) || punct_either(d, w, '.', ';'))
                    break;
                if (T(d, w)->flags & (TF_SENT | TF_PARA)) {
                    sent = w;
                    break;
                }
            }
        if (sent != UINT32_MAX) {
            uint32_t f = sentence_opener(d, sent, j);
            if (f != UINT32_MAX && ws_mention_at(d, f) >= 0)
                return np_left(d, d->men[ws_mention_at(d, f)].tok_end, floor, out);
            if (f != UINT32_MAX)
                return np_left(d, f + 1, floor, out);   /* a role phrase */
        }
    }
    /* "Apple's chief executive, Tim Cook, called": the name in commas */
    if (punct(d, j, ',') && j > floor + 1 && ws_mention_at(d, j - 1) >= 0) {
        const ws_mention *m = &d->men[ws_mention_at(d, j - 1)];
        if (m->tok_end == j && m->tok_start > floor && punct(d, m->tok_start - 1, ','))
            return np_left(d, j, floor, out);
    }
    /* "Gov. John Kasich (R-Ohio) said": a parenthesis after a name */
    if (punct(d, j, ')')) {
        uint32_t k = j, n = 0;
        while (k > floor && n < 8 && !punct(d, k, '('))
            k--, n++;
        if (punct(d, k, '(') && k > floor && ws_mention_at(d, k - 1) >= 0)
            return np_left(d, k, floor, out);
        return 0;
    }
    t = T(d, j);
    memset(out, 0, sizeof *out);
    /* "the Mexican president, who said": the speaker is the phrase before
     * the comma, and the mention is "who", as for a pronoun */
    if ((d->tok[j].lex & LX_CLAUSE_LINK) &&
        (ws_tok_is(d, j, "who") || ws_tok_is(d, j, "which")) && j > floor + 1 &&
        punct(d, j - 1, ',')) {
        int found = np_left(d, j - 1, floor, out);
        /* "Scott Reed, the chamber's chief strategist, who added" */
        if (found && out->kind == MK_NOMINAL && out->entity < 0) {
            uint32_t c = out->s;
            while (c > floor + 1 && out->s - c < 8 && !punct(d, c - 1, ','))
                c--;
            if (c > floor + 1 && punct(d, c - 1, ',')) {
                np named;
                if (np_left(d, c - 1, floor, &named) && named.kind == MK_NAME)
                    *out = named;
            }
        }
        if (!found)
            return 0;
        if (out->entity >= 0 || out->kind == MK_NAME) {
            out->s = j;
            out->e = j + 1;
            out->kind = MK_PRONOUN;
        }
        return 1;
    }
    if (t->type == TK_WORD && (t->lex & LX_PRONOUN)) {
        if (word_in(d, j, speaking_pronouns)) {
            out->s = j;
            out->e = j + 1;
            out->head = j;
            out->kind = MK_PRONOUN;
            resolve_np(d, out);
            return 1;
        }
        return 0;
    }
    if (ws_mention_at(d, j) >= 0) {
        const ws_mention *m = &d->men[ws_mention_at(d, j)];
        if (m->tok_end != end || m->possessive)
            return 0;
        out->s = m->tok_start;
        out->e = m->tok_end;
        out->head = m->name_tok;
        out->kind = MK_NAME;
        resolve_np(d, out);
        /* "Obama and Clinton call them": two people who speak together */
        if (m->tok_start > floor + 1 &&
            ws_tok_is_flagged(d, m->tok_start - 1, LX_CLAUSE_LINK, "and") &&
            ws_mention_at(d, m->tok_start - 2) >= 0 && out->entity >= 0 &&
            d->ent[out->entity].kind == EK_PERSON) {
            const ws_mention *m1 = &d->men[ws_mention_at(d, m->tok_start - 2)];
            int e1 = ws_entity_root(d, m1->entity), pair[2], g;
            if (m1->tok_end == m->tok_start - 1 && !m1->possessive &&
                d->ent[e1].kind == EK_PERSON && e1 != out->entity) {
                pair[0] = e1;
                pair[1] = out->entity;
                g = ws_entity_group(d, pair, 2);
                if (g >= 0) {
                    out->s = m1->tok_start;
                    out->entity = g;
                }
            }
        }
        return 1;
    }
    if (t->type == TK_WORD && (t->lex & NOMINAL_HEAD)) {
        out->s = role_start(d, j, floor);
        out->e = end;
        out->head = j;
        out->kind = MK_NOMINAL;
        resolve_np(d, out);
        return 1;
    }
    if (role_with_modifier(d, end, floor, out))
        return 1;
    return definite_description(d, end, floor, out);
}

/* The noun phrase that starts at token i, read rightwards: a pronoun, a
 * name with the words that introduce it ("council member Rosa Diaz",
 * "the state news agency KCNA"), or a role ("the mayor", "a spokeswoman"). */
static int np_right(ws_doc *d, uint32_t i, np *out)
{
    uint32_t k, role = UINT32_MAX;
    if (i >= d->ntok || !outside(d, i))
        return 0;
    memset(out, 0, sizeof *out);
    if (is_word(d, i) && (T(d, i)->lex & LX_PRONOUN) &&
        word_in(d, i, speaking_pronouns)) {
        out->s = i;
        out->e = i + 1;
        out->head = i;
        out->kind = MK_PRONOUN;
        resolve_np(d, out);
        return 1;
    }
    for (k = i; k < i + 5 && k < d->ntok && (outside(d, k) || T(d, k)->type == TK_POSS); k++) {
        const ws_token *t = T(d, k);
        if (t->type == TK_POSS && k > i && role == UINT32_MAX)
            continue;   /* "the dockworkers' union" */
        if (ws_mention_at(d, k) >= 0) {
            const ws_mention *m = &d->men[ws_mention_at(d, k)];
            if (m->tok_start != k)
                break;
            /* "Florida's Rick Wilson": the name after a possessor */
            if (m->possessive && m->tok_end + 1 < d->ntok &&
                ws_mention_at(d, m->tok_end + 1) >= 0 &&
                d->men[ws_mention_at(d, m->tok_end + 1)].tok_start == m->tok_end + 1) {
                k = m->tok_end;
                continue;
            }
            if (m->possessive)
                break;
            /* "a Democratic staffer": one word describing a role */
            if (m->tok_end == k + 1 && is_word(d, k + 1) &&
                (T(d, k + 1)->lex & NOMINAL_HEAD)) {
                role = k + 1;
                k = k + 1;
                continue;
            }
            out->s = i;
            out->e = m->tok_end;
            out->head = m->name_tok;
            out->kind = MK_NAME;
            resolve_np(d, out);
            return 1;
        }
        if (t->type == TK_NUMBER && k > i && role == UINT32_MAX)
            continue;   /* "a 52-count complaint", "the 2012 report" */
        if (!is_word(d, k))
            break;
        if (t->lex & NOMINAL_HEAD)
            role = k;
        else if (role != UINT32_MAX)
            break;      /* the role phrase ended before any name */
        else if ((t->lex & (LX_CUE | LX_AUX | LX_PREP | LX_PRONOUN)) &&
                 !(k == i && determiner(d, k)))
            break;      /* but "his best friend" */
        else if ((t->lex & LX_FUNCTION) && !determiner(d, k))
            break;
        /* else a describing word: "columnist Ai Jun", "the longtime aide" */
    }
    if (role == UINT32_MAX) {
        /* "the harbor master, Lena Ost": a description, then the name */
        if (k > i + 1 && determiner(d, i) && punct(d, k, ',') &&
            k + 1 < d->ntok && ws_mention_at(d, k + 1) >= 0 &&
            d->men[ws_mention_at(d, k + 1)].tok_start == k + 1 &&
            !d->men[ws_mention_at(d, k + 1)].possessive) {
            const ws_mention *m = &d->men[ws_mention_at(d, k + 1)];
            out->s = m->tok_start;
            out->e = m->tok_end;
            out->head = m->name_tok;
            out->kind = MK_NAME;
            resolve_np(d, out);
            return 1;
        }
        return 0;
    }
    if (role > i && !determiner(d, i) && !(T(d, i)->flags & TF_CAP) &&
        !(T(d, i)->lex & NOMINAL_HEAD))
        return 0;
    {
        /* "his best friend at Lehigh, Bruce Turry": the name after the
         * role's own phrase */
        uint32_t j = role + 1, n = 0;
        while (j < d->ntok && n < 5 && outside(d, j) && !punct(d, j, ',') &&
               (is_word(d, j) || T(d, j)->type == TK_POSS))
            j++, n++;
        if (punct(d, j, ',') && j + 1 < d->ntok && ws_mention_at(d, j + 1) >= 0 &&
            d->men[ws_mention_at(d, j + 1)].tok_start == j + 1 &&
            !d->men[ws_mention_at(d, j + 1)].possessive &&
            (n == 0 || ws_tok_is(d, role + 1, "at") || ws_tok_is(d, role + 1, "of") ||
             ws_tok_is(d, role + 1, "for") || ws_tok_is(d, role + 1, "from"))) {
            const ws_mention *m = &d->men[ws_mention_at(d, j + 1)];
            out->s = m->tok_start;
            out->e = m->tok_end;
            out->head = m->name_tok;
            out->kind = MK_NAME;
            resolve_np(d, out);
            return 1;
        }
    }
    out->s = i;
    out->e = role + 1;
    out->head = role;
    out->kind = MK_NOMINAL;
    resolve_np(d, out);
    return 1;
}

/* A determiner that can stand for people on its own: "some", "one of". */
static int quantifier(const ws_doc *d, uint32_t k)
{
    static const uint64_t words[] = {SHORT_WORD(one), SHORT_WORD(two),
        SHORT_WORD(three), SHORT_WORD(some), SHORT_WORD(many), SHORT_WORD(several),
        SHORT_WORD(both), SHORT_WORD(another), SHORT_WORD(others), SHORT_WORD(most),
        SHORT_WORD(few), SHORT_WORD(all), SHORT_WORD(each), SHORT_WORD(none)};
    return word_in(d, k, words);
}

/* A word ending in -ly: "regularly", "famously". */
static int ly_form(const ws_doc *d, uint32_t k)
{
    const ws_token *t = T(d, k);
    return t->end - t->start > 3 && d->text[t->end - 2] == 'l' && d->text[t->end - 1] == 'y';
}

/* Whether token k holds a letter: "46-year-old", not "2008". */
static int has_letter(const ws_doc *d, uint32_t k)
{
    uint32_t b;
    for (b = T(d, k)->start; b < T(d, k)->end; b++) {
        unsigned char c = (unsigned char)d->text[b];
        if ((c | 32) >= 'a' && (c | 32) <= 'z')
            return 1;
    }
    return 0;
}

/* A word ending in -ed: "backed", "named". */
static int past_participle_form(const ws_doc *d, uint32_t k)
{
    const ws_token *t = T(d, k);
    return t->end - t->start > 3 && d->text[t->end - 2] == 'e' && d->text[t->end - 1] == 'd';
}

/* A word ending in -ing: "making", "leading". */
static WS_HOT_INLINE int ing_form(const ws_doc *d, uint32_t k)
{
    const ws_token *t = T(d, k);
    return t->end - t->start > 4 && d->text[t->end - 3] == 'i' &&
           d->text[t->end - 2] == 'n' && d->text[t->end - 1] == 'g';
}

/* Whether token k, a word ending in -ed or -ing, describes the noun after it ("a
 * retired worker", "an unnamed official") rather than acting as a verb. */
static int describing_participle(const ws_doc *d, uint32_t k, uint32_t limit)
{
    uint32_t fl = 0;
    return k + 1 < limit && is_word(d, k + 1) && outside(d, k + 1) &&
           !(T(d, k + 1)->lex & (LX_PREP | LX_FUNCTION | LX_AUX | LX_PRONOUN)) &&
           !(cue_at(d, k + 1, &fl) && (fl & LX_CUE_ING));
}

/* The end of a noun phrase read rightwards from token i, more freely than
 * np_right: determiners, numbers ("the 46-year-old", "a 2008 campaign
 * veteran"), possessors ("Rubio's deputy campaign manager"), describing
 * words, and one or two prepositional phrases that name where or what
 * ("one of two witnesses", "the senator from Vermont", "a former official
 * at the Pentagon").  It stops at a verb, a pronoun, a relative pronoun
 * and any punctuation.  Returns the token after the phrase, i when there
 * is none; *head is its head noun, the last word before the first
 * preposition. */
static uint32_t np_extent_mode(const ws_doc *d, uint32_t i, uint32_t limit, uint32_t *head,
                               int open)
{
    uint32_t k = i, end = i, n = 0;
    int pps = 0, need = 0;   /* need: a preposition or determiner awaits its noun */
    *head = UINT32_MAX;
    while (k < limit && n < 12 && outside(d, k) && same_para(d, i, k)) {
        const ws_token *t = T(d, k);
        if (t->type == TK_POSS) {
            if (k == i || need)
                break;
            need = 1;       /* "Rubio's" needs what is his */
            if (pps == 0)
                *head = UINT32_MAX;
            k++;
            continue;
        }
        if (t->type == TK_NUMBER) {
            if (pps == 0 && has_letter(d, k))
                *head = k;  /* "the 46-year-old"; "2008" only describes */
            k++, n++;
            end = k;
            need = 0;
            continue;
        }
        if (punct(d, k, '.') && k > i && is_word(d, k - 1) && (T(d, k - 1)->lex & LX_ABBREV) &&
            T(d, k - 1)->end == t->start) {
            k++;        /* "the Nov. 8 election": an abbreviation's period */
            continue;
        }
        if (!is_word(d, k))
            break;
        /* the seven words are LX_CLAUSE_LINK or LX_CLAUSE_JOIN ("that")
         * in the built-in lexicon: the flags rule out most words first */
        if (((t->lex & LX_PRONOUN) && !determiner(d, k)) ||
            ((t->lex & (LX_CLAUSE_LINK | LX_CLAUSE_JOIN)) &&
             (ws_tok_is(d, k, "who") || ws_tok_is(d, k, "which") ||
              ws_tok_is(d, k, "that") || ws_tok_is(d, k, "whom") || ws_tok_is(d, k, "and") ||
              ws_tok_is(d, k, "or") || ws_tok_is(d, k, "but"))))
            break;
        if (determiner(d, k)) {
            if (k > i && !need)
                break;      /* "the mayor the council": two phrases */
            if ((ws_tok_is_flagged(d, k + 1, LX_PREP, "of") || k + 1 >= limit ||
                 verb_like(d, k + 1)) &&
                pps == 0 && (!need || (k == i + 1 && ws_tok_is(d, i, "the"))) &&
                quantifier(d, k)) {
                /* "one of two witnesses", "some of them"; "Some chanted" */
                *head = k;
                k++, n++;
                end = k;
                need = 0;
                continue;
            }
            need = 1;
            k++, n++;
            continue;
        }
        if (t->lex & LX_PREP) {
            /* "of" reads on; "from", "at", "in", "for", "with" only before
             * a name: "an economist at Harvard", not "the mayor in a
             * statement" */
            uint32_t nx = k + 1;
            if (need || *head == UINT32_MAX || pps >= 2)
                break;
            if (!ws_tok_is(d, k, "of")) {
                if (!(ws_tok_is(d, k, "from") || ws_tok_is(d, k, "at") ||
                      ws_tok_is(d, k, "in") || ws_tok_is(d, k, "for") ||
                      ws_tok_is(d, k, "with") || (open && ws_tok_is(d, k, "on"))))
                    break;
                if (ws_tok_is(d, nx, "the"))
                    nx++;
                if (!open && (!is_word(d, nx) || !(T(d, nx)->flags & TF_CAP)))
                    break;
            }
            pps++;
            need = 1;
            k++, n++;
            continue;
        }
        if ((t->lex & (LX_AUX | LX_CUE_ING)) || ((t->lex & LX_FUNCTION) && !(t->flags & TF_CAP)))
            break;
        if (!(t->flags & TF_CAP) && (verb_like(d, k) || ing_form(d, k)) &&
            (k == i || !describing_participle(d, k, limit)))
            break;      /* "making air quotes": a verb, not a phrase */
        if (!(t->flags & TF_CAP) && ly_form(d, k) && (k + 1 >= limit || verb_like(d, k + 1)))
            break;      /* "regularly said": an adverb before the verb */
        if (k > i && !(t->flags & TF_CAP) && t->end - t->start > 3 &&
            d->text[t->end - 1] == 's' && d->text[t->end - 2] != 's' &&
            k + 1 < limit && (determiner(d, k + 1) || ws_tok_is(d, k + 1, "that")))
            break;      /* "Hoff's letter makes a case": a verb before its object */
        if (pps == 0)
            *head = k;
        k++, n++;
        end = k;
        need = 0;
    }
    if (*head == UINT32_MAX)
        return i;
    return end;
}

static uint32_t np_extent(const ws_doc *d, uint32_t i, uint32_t limit, uint32_t *head)
{
    return np_extent_mode(d, i, limit, head, 0);
}

/* The phrase np_extent reads from token i as a speaker: the name in it
 * when one stands outside its prepositional phrases ("master of ceremonies
 * Asab Tarek"), else the role or description itself ("a 2008 campaign
 * veteran", "the senator from Vermont"). */
static int np_loose_mode(ws_doc *d, uint32_t i, uint32_t limit, int open, np *out)
{
    uint32_t head, e = np_extent_mode(d, i, limit, &head, open), k;
    if (e == i)
        return 0;
    memset(out, 0, sizeof *out);
    out->s = i;
    out->e = e;
    for (k = i; k < e; k++) {
        const ws_mention *m;
        if (ws_mention_at(d, k) < 0)
            continue;
        m = &d->men[ws_mention_at(d, k)];
        if (m->tok_start != k || m->possessive || m->tok_end > e)
            continue;
        if (m->tok_end < e && !(T(d, m->tok_end)->lex & LX_PREP))
            continue;   /* "a 2008 Clinton veteran": a name describing */
        if ((k > i && is_word(d, k - 1) && (T(d, k - 1)->lex & LX_PREP)) ||
            (k > i + 1 && determiner(d, k - 1) && is_word(d, k - 2) &&
             (T(d, k - 2)->lex & LX_PREP)))
            continue;   /* "from Vermont", "at the Harbor Agency": where, not who */
        out->head = m->name_tok;
        out->kind = MK_NAME;
        resolve_np(d, out);
        return 1;
    }
    out->head = head;
    out->kind = MK_NOMINAL;
    resolve_np(d, out);
    return 1;
}

static int np_loose(ws_doc *d, uint32_t i, uint32_t limit, np *out)
{
    return np_loose_mode(d, i, limit, 0, out);
}

/* Whether tokens [k, end) are a participle's phrase after a noun:
 * "(Protesters) marching through the streets (chanted)". */
static int participle_phrase(const ws_doc *d, uint32_t k, uint32_t end)
{
    uint32_t j;
    if (end - k > 8 || !is_word(d, k) || (T(d, k)->flags & TF_CAP) ||
        !(ing_form(d, k) || past_participle_form(d, k)))
        return 0;
    for (j = k + 1; j < end; j++)
        if (!outside(d, j) || T(d, j)->type == TK_PUNCT || finite_verb(d, j))
            return 0;
    return 1;
}

static int np_left_loose_core(ws_doc *d, uint32_t end, uint32_t floor, np *out);

/* Whether token i opens a subordinate clause (LX_SUBORDINATOR, words.def:
 * when, after, as, while, although, though, before, since, if, once,
 * because, until, whereas); after, before, since and until are
 * prepositions too, but a subject and its verb follow them here. */
static int subordinator(const ws_doc *d, uint32_t i)
{
    /* the flag first, as for determiner */
    return i < d->ntok && (d->tok[i].lex & LX_SUBORDINATOR) && d->tok[i].type == TK_WORD;
}

/* Whether a preposition stands in tokens [from, to). */
static int prep_within(const ws_doc *d, uint32_t from, uint32_t to)
{
    uint32_t k;
    for (k = from; k < to; k++)
        if (is_word(d, k) && (T(d, k)->lex & LX_PREP))
            return 1;
    return 0;
}

/* The subject phrase of the clause whose verb stands at token end, read
 * with np_loose from where the clause begins: "The senator from Vermont
 * said", "A White House official who spoke anonymously said", "Corporate
 * lobbyists describe".  The clause begins after punctuation, a
 * preposition or a conjunction, or at the sentence's first word. */
static int np_left_loose(ws_doc *d, uint32_t end, uint32_t floor, np *out)
{
    /* "Officials at the agency, a division of the department, said": the
     * phrase before an apposition, before a cue; the apposition when it
     * is the name ("Walsh's predecessor, the late Mayor Tom Menino, said") */
    uint32_t fl;
    if (end > floor + 3 && punct(d, end - 1, ',') && cue_at(d, end, &fl)) {
        uint32_t c;
        for (c = end - 2; c > floor && end - c < 16; c--) {
            if (!outside(d, c) || (T(d, c)->type == TK_PUNCT && !punct(d, c, ',')))
                break;
            if (punct(d, c, ',')) {
                if (determiner(d, c + 1) && c + 2 < end - 1) {
                    if (np_right(d, c + 1, out) && out->kind == MK_NAME && out->e == end - 1 &&
                        !prep_within(d, out->s, out->head))
                        return 1;   /* but not "an early supporter of Trump" */
                    return np_left_loose_core(d, c, floor, out);
                }
                break;
            }
        }
    }
    return np_left_loose_core(d, end, floor, out);
}

static int np_left_loose_core(ws_doc *d, uint32_t end, uint32_t floor, np *out)
{
    uint32_t c0 = end, rel = UINT32_MAX, e, head, fl, k;
    /* "who spoke anonymously": a relative clause, verbs and all, before
     * the verb */
    for (k = end; k > floor && end - k < 8; k--) {
        if (!outside(d, k - 1) || T(d, k - 1)->type == TK_PUNCT)
            break;
        if (ws_tok_is_flagged(d, k - 1, LX_CLAUSE_LINK, "who")) {
            rel = c0 = k - 1;
            break;
        }
    }
    while (c0 > floor && end - c0 < 14) {
        uint32_t p = c0 - 1;
        const ws_token *t = T(d, p);
        if (!outside(d, p) || t->type == TK_PUNCT || cue_at(d, p, &fl) ||
            (is_word(d, p) && (t->lex & LX_CLAUSE_JOIN)) ||
            (is_word(d, p) && (t->lex & LX_PRONOUN) &&
                                     !(t->flags & TF_SENT) && !determiner(d, p)))
            break;      /* but "her Twitter account posted" */
        c0 = p;
        if (t->flags & TF_SENT)
            break;
    }
    if (c0 >= end)
        return 0;
    if (c0 > floor && !(T(d, c0)->flags & TF_SENT)) {
        /* only a clause that begins a sentence or follows a pause; not an
         * apposition, "Braynard, a South Carolina native, said", whose
         * name np_left reads */
        if (!punct(d, c0 - 1, ',') && !punct(d, c0 - 1, ';') && !punct(d, c0 - 1, ':') &&
            !punct(d, c0 - 1, '(') && !dash(d, c0 - 1))
            return 0;
        if (c0 >= 2 && ws_mention_at(d, c0 - 2) >= 0 && !d->men[ws_mention_at(d, c0 - 2)].possessive &&
            d->men[ws_mention_at(d, c0 - 2)].tok_end == c0 - 1 &&
            subject_position(d, d->men[ws_mention_at(d, c0 - 2)].tok_start))
            return 0;
        /* ", magnanimous business executive who": the rest of a list */
        if (!determiner(d, c0) && !(T(d, c0)->flags & TF_CAP) && T(d, c0)->type != TK_NUMBER)
            return 0;
    }
    if (T(d, c0)->flags & TF_CAP && (T(d, c0)->lex & LX_FUNCTION) &&
        !determiner(d, c0) && c0 + 1 < end)
        c0++;       /* "But the senator said" */
    /* the clause's subject runs to its verb: any prepositional phrase in
     * it belongs to it ("A spokesman for the campaign said") */
    e = np_extent_mode(d, c0, end, &head, 1);
    if (e == c0 || (e != end && !(rel == e && end - e <= 8) && !participle_phrase(d, e, end)))
        return 0;
    return np_loose_mode(d, c0, e, 1, out);
}

/* The name whose possessive 's stands at token poss. */
static int np_left_possessor(ws_doc *d, uint32_t poss, uint32_t floor, np *out)
{
    const ws_mention *m;
    if (poss == 0 || poss <= floor || ws_mention_at(d, poss - 1) < 0)
        return 0;
    m = &d->men[ws_mention_at(d, poss - 1)];
    if (m->tok_end != poss)
        return 0;
    memset(out, 0, sizeof *out);
    out->s = m->tok_start;
    out->e = m->tok_end;
    out->head = m->name_tok;
    out->kind = MK_NAME;
    resolve_np(d, out);
    return d->ent[out->entity].kind != EK_MEDIUM;
}

/* Skips adverbs and auxiliaries leftwards from token end ("Trump also
 * said"), returning the new end. */
/* A word of time that may stand between a subject and its verb: "Trump on
 * Saturday tweeted", "Clinton last week said". */
static int time_word(const ws_doc *d, uint32_t i)
{
    /* LX_TIME (words.def): the days of the week, today, yesterday,
     * tonight, week, month, year, morning, afternoon, evening, night,
     * weekend */
    return i < d->ntok && (d->tok[i].lex & LX_TIME) && d->tok[i].type == TK_WORD;
}

static uint32_t skip_aux_left(const ws_doc *d, uint32_t end, uint32_t floor)
{
    uint32_t n = 0;
    while (end > floor && n < 4) {
        uint32_t p = end - 1;
        /* the flags before the type, here and in skip_aux_right: few
         * words have them, where whether a token is a word is a coin toss */
        if ((T(d, p)->lex & (LX_AUX | LX_CUE)) == LX_AUX && T(d, p)->type == TK_WORD) {
            end--;
            n++;
        } else if (time_word(d, p) && p > floor &&
                   (ws_tok_is(d, p - 1, "on") || ws_tok_is(d, p - 1, "last") ||
                    ws_tok_is(d, p - 1, "this") || ws_tok_is(d, p - 1, "early"))) {
            end -= 2;   /* "on Saturday", "last week" */
            n++;
        } else if (T(d, p)->type == TK_NUMBER && T(d, p)->end - T(d, p)->start == 4 &&
                   p > floor && ws_tok_is(d, p - 1, "in")) {
            end -= 2;   /* "who in 2010 said" */
            n++;
        } else
            break;
    }
    return end;
}

static uint32_t skip_aux_right(const ws_doc *d, uint32_t i);

/* Past "on Saturday", "last week", "Friday" between a subject and its
 * verb, and the auxiliaries after: "Sanders on Saturday criticized". */
static uint32_t skip_time_right(const ws_doc *d, uint32_t i)
{
    uint32_t k = i;
    /* the time word is at i or i + 1: its flag, which few words have,
     * first, and the five words only before one */
    if (!time_word(d, i) && !time_word(d, i + 1))
        return i;
    if (ws_tok_is(d, k, "on") || ws_tok_is(d, k, "last") || ws_tok_is(d, k, "this") ||
        ws_tok_is(d, k, "early") || ws_tok_is(d, k, "late"))
        k++;
    if (!time_word(d, k))
        return i;
    return skip_aux_right(d, k + 1);
}

static uint32_t skip_aux_right(const ws_doc *d, uint32_t i)
{
    uint32_t n = 0;
    while (n < 3 && i < d->ntok && (T(d, i)->lex & (LX_AUX | LX_CUE)) == LX_AUX &&
           T(d, i)->type == TK_WORD) {
        i++;
        n++;
    }
    return i;
}

static WS_HOT_INLINE int speaker_ok(const np *p)
{
    return p->kind == MK_NAME || p->kind == MK_NOMINAL || p->entity >= 0 ||
           p->kind == MK_PRONOUN;
}

static int set(attrib *a, const np *who, uint32_t cs, uint32_t ce,
               const char *rule, double conf)
{
    a->who = *who;
    a->cue_s = cs;
    a->cue_e = ce;
    a->rule = rule;
    a->confidence = conf;
    return 1;
}

/* ---- sieves ---------------------------------------------------------- */

/* The words a sieve may read around quote q: its sentence or sentences,
 * inside its paragraph, and no more than WINDOW tokens to either side, so
 * that a sentence or paragraph of any length costs each quote the same. */
#define WINDOW 64

static void quote_window(const ws_doc *d, const ws_iquote *q, uint32_t *from,
                         uint32_t *to)
{
    uint32_t pf = d->para_first[ws_tok_para(d, q->open_tok)];
    uint32_t pt = d->para_first[ws_tok_para(d, q->close_tok) + 1];
    uint32_t f = d->sent_first[d->tok[q->open_tok].sent];
    uint32_t t = d->sent_first[d->tok[q->close_tok].sent + 1];
    if (f < pf)
        f = pf;
    if (t > pt)
        t = pt;
    if (q->open_tok > f + WINDOW)
        f = q->open_tok - WINDOW;
    if (t > q->close_tok + 1 + WINDOW)
        t = q->close_tok + 1 + WINDOW;
    *from = f;
    *to = t;
}

/* Whether the sentence from token k on is no more than "Name said." or
 * "said Name." */
static int attribution_only(const ws_doc *d, uint32_t k)
{
    uint32_t j, fl;
    int cue = 0;
    for (j = k; j < d->ntok && j < k + 8; j++) {
        if (!same_para(d, k, j) || punct(d, j, ')'))
            return cue;
        if (punct(d, j, '.')) {
            if (j + 1 < d->ntok && !(T(d, j + 1)->flags & (TF_SENT | TF_PARA)))
                continue;   /* the period of "Mr." */
            return cue;
        }
        if (ws_tok_mark(&d->tok[j]))
            return 0;   /* "Q." She added that "Q2": more than attribution */
        if (cue_at(d, j, &fl))
            cue = 1;
        else if (!is_word(d, j) || (!(T(d, j)->flags & TF_CAP) &&
                                    !(T(d, j)->lex & (LX_PRONOUN | LX_AUX | LX_ROLE | LX_FUNCTION))))
            return 0;
    }
    return 0;
}

/* Whether a phrase after "said" is the subject of what was said rather
 * than the speaker: "said the candidate could win", "says she warned",
 * but not "says a source involved in it". */
static int complement_subject(const ws_doc *d, const np *who)
{
    uint32_t k = who->e;
    if (is_word(d, k) && (T(d, k)->lex & LX_AUX) && !(T(d, k)->lex & LX_PREP) &&
        !ws_tok_is(d, k, "also") && !ws_tok_is(d, k, "later") &&
        !ws_tok_is(d, k, "then") && !ws_tok_is(d, k, "again") &&
        !ws_tok_is(d, k, "once") && !ws_tok_is(d, k, "earlier"))
        return 1;
    return who->kind == MK_PRONOUN && verb_like(d, k);
}

/* Whether the clause goes no further than token k: a comma, a full stop,
 * the end of the paragraph, or a relative clause about the phrase before
 * ("said one of two witnesses who asked not to be named"). */
static int clause_ends(const ws_doc *d, uint32_t k)
{
    return k >= d->ntok || (T(d, k)->flags & TF_PARA) || punct(d, k, ',') ||
           punct_either(d, k, '.', ';') || punct(d, k, '(') ||
           dash(d, k) || ws_tok_is(d, k, "who") || ws_tok_mark(T(d, k));
}

/* The token after ", who was not authorized to speak," or ", a
 * spokeswoman," and the auxiliaries after it: where the verb of the
 * phrase that ends before token k stands.  k itself when no comma
 * follows. */
static uint32_t skip_apposition(const ws_doc *d, uint32_t k)
{
    uint32_t j, quoted = 0;
    if (!punct(d, k, ','))
        return skip_aux_right(d, k);
    /* a nickname in marks may stand in it: ", Del. Lena "Lee" Ost," */
    for (j = k + 1; j < k + 26 && j < d->ntok && same_para(d, k, j) &&
                    (outside(d, j) || ++quoted <= 4); j++)
        if (punct(d, j, ',') && outside(d, j))
            return skip_aux_right(d, j + 1);
    return k;
}

/* Whether token c is a comma that follows a cue within a few words:
 * "telling her,", "responds to Mills with,". */
static int cue_comma(const ws_doc *d, uint32_t c)
{
    uint32_t k, fl;
    if (!punct(d, c, ','))
        return 0;
    for (k = c; k-- > 0 && c - k <= 4;) {
        if (!outside(d, k) || T(d, k)->type == TK_PUNCT)
            return 0;
        if (cue_at(d, k, &fl))
            return 1;
    }
    return 0;
}

/* "said one.", "read another.", "one said": a quantifier standing alone
 * for one of the people or things the text has been about. */
static int bare_quantifier(const ws_doc *d, uint32_t k, np *who)
{
    static const uint64_t alone[] = {SHORT_WORD(one), SHORT_WORD(another),
        SHORT_WORD(others), SHORT_WORD(some), SHORT_WORD(many),
        SHORT_WORD(several)};
    /* each word listed starts with an a, m, o or s: one test with no
     * branch on the letter rules out most tokens before the list is read */
    const uint32_t initials = 1u << ('a' - 'a') | 1u << ('m' - 'a') | 1u << ('o' - 'a') |
                              1u << ('s' - 'a');
    uint32_t fl, c = k < d->ntok ? (d->tok[k].ch | 0x20u) - 'a' : 26;
    if (!((initials >> (c & 31)) & (c < 26u)) ||
        !word_in(d, k, alone) || !outside(d, k) || k + 1 >= d->ntok ||
        !same_para(d, k, k + 1) ||
        !(T(d, k + 1)->type == TK_PUNCT || cue_at(d, skip_aux_right(d, k + 1), &fl)))
        return 0;
    if (T(d, k + 1)->type == TK_PUNCT && !punct(d, k + 1, ',') && !punct(d, k + 1, '.') &&
        !punct(d, k + 1, ';'))
        return 0;   /* not "said one of ..." */
    who->s = k;
    who->e = k + 1;
    who->head = k;
    who->kind = MK_NOMINAL;
    who->entity = -1;
    return 1;
}

/* Whether the quote stands inside a clause that opens with "when",
 * "after", "although" ... and holds a cue of its own before it: "When a
 * fan shouted, "Q," Berg joked", "After Ost said the port was "Q," the
 * crowd cheered", "..., and as Berg went on about "Q," Ost nodded" give
 * the quote to the clause's speaker, and the main clause after it is no
 * attribution.  The clause starts the sentence or follows a comma; one
 * after a comma gives way to a reporting clause that ends the sentence
 * ("..., while the states "Q," Ost wrote.").  A comma before the quote
 * (but the one right after the cue) has closed the clause: "When asked
 * about it, "Q," Ost said."; so has a cue with no subject: "When asked,
 * "Q," Ost said."  The clause is read back from the quote over at most
 * LEAD_CLAUSE tokens, so that a sentence of many quotes costs no more
 * than a short one. */
#define LEAD_CLAUSE 64

/* Whether token k is a word a lead clause may open with before its
 * subordinator: "but", "and", "yet", "so", "even".  No two share a first
 * letter, so the letter picks the one word to compare, where word_in
 * compared it with each in turn. */
static int lead_opening(const ws_doc *d, uint32_t k)
{
    static const char *const by_letter[26] = {
        ['a' - 'a'] = "and", ['b' - 'a'] = "but", ['e' - 'a'] = "even",
        ['s' - 'a'] = "so", ['y' - 'a'] = "yet"};
    unsigned c = (unsigned char)d->text[T(d, k)->start] | 0x20;
    const char *w = c - 'a' < 26u ? by_letter[c - 'a'] : NULL;
    return w && ws_tok_is(d, k, w);
}

static int in_lead_clause(ws_doc *d, const ws_iquote *q)
{
    uint32_t o = q->open_tok, f, c, k, j, n, fl, cue_end = UINT32_MAX;
    if (o == 0 || !q->closed)
        return 0;
    f = d->sent_first[T(d, o)->sent];
    if (o <= f)
        return 0;
    c = o - 1;
    if (c > f && punct(d, c, ','))
        c--;    /* shouted, "Q" */
    for (; c > f && o - c < LEAD_CLAUSE; c--)
        if (punct_either(d, c - 1, ',', ';') && outside(d, c - 1))
            break;
    if (o - c >= LEAD_CLAUSE)
        return 0;
    k = c;
    /* each opening word is LX_CLAUSE_LINK ("and", "but", "yet"),
     * LX_CLAUSE_JOIN ("so") or LX_AUX ("even") in the built-in lexicon,
     * which every lexicon holds: the flags reject most words before the
     * list is read (LX_FUNCTION, which all five have, half of them) */
    while (k < o && (((d->tok[k].lex & (LX_CLAUSE_LINK | LX_CLAUSE_JOIN | LX_AUX)) &&
                      lead_opening(d, k)) ||
                     !outside(d, k)))
        k++;
    if (k >= o || !subordinator(d, k))
        return 0;
    /* asked after the subordinator, which most clauses lack and which
     * costs less to ask */
    if (c > f) {
        uint32_t after = q->close_tok + 1;
        while (after < d->ntok && punct(d, after, ','))
            after++;
        if (attribution_only(d, after))
            return 0;
    }
    for (j = k + 1; j < o; j++) {
        if (!outside(d, j))
            continue;
        if (punct(d, j, ',') && !(j + 1 == o && j == cue_end))
            return 0;
        if ((n = cue_at(d, j, &fl)) != 0 && j > k + 1)
            cue_end = j + n;    /* a cue with a subject: not "When asked," */
    }
    return cue_end != UINT32_MAX;
}

/* in_lead_clause for the quote whose attribution a is: asked by two
 * sieves, and of the tokens alone, so once a quote (a starts zeroed). */
static int lead_clause(ws_doc *d, const ws_iquote *q, attrib *a)
{
    if (!a->lead)
        a->lead = 1 + in_lead_clause(d, q);
    return a->lead - 1;
}

/* "Q," S said / "Q," said S / "Q" -- Name */
static int sieve_trailing(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t k = q->close_tok + 1, n, fl = 0, after;
    int dashed = 0, para_dash = 0, have;
    unsigned para;
    np who;
    if (!q->closed || k >= d->ntok)
        return 0;
    /* "...by that?'''": the mark of a quote nested at the end, written
     * against the closing one */
    while (k < d->ntok && ws_tok_mark(T(d, k)) && T(d, k)->start == T(d, k - 1)->end)
        k++;
    /* "the "Save the Pier" movement continued": a quote between a
     * determiner and the word after it, no mark of punctuation between
     * them, stands inside a noun phrase, which is no speaker of it (but
     * "a "burn bag," the Times reported") */
    if (q->open_tok > 0 && determiner(d, q->open_tok - 1) && is_word(d, q->close_tok - 1) &&
        k == q->close_tok + 1 && is_word(d, k) && !(T(d, k)->flags & TF_CAP))
        return 0;
    /* the quote's paragraph read once, for the two tests below */
    para = ws_tok_para(d, q->close_tok);
    while (k < d->ntok && (punct(d, k, ',') || dash(d, k)) && ws_tok_para(d, k) == para) {
        dashed |= dash(d, k);
        k++;
    }
    if (k >= d->ntok || ws_tok_para(d, k) != para) {
        /* a quote that ends its paragraph, then "-- Bernie Sanders." alone */
        if (!(k < d->ntok && dash(d, k) && (T(d, k)->flags & TF_PARA)))
            return 0;
        para_dash = 1;
    } else if (!dashed && q->close_tok > 0 && punct(d, q->close_tok - 1, '.') &&
               !attribution_only(d, k)) {
        /* "Q." Name wrote a letter: after a full stop a new sentence
         * begins, unless it is only the attribution ("Q." Name said.) */
        return 0;
    } else if (q->open_tok > 0 &&
               (punct(d, q->open_tok - 1, ':') || cue_comma(d, q->open_tok - 1)) &&
               punct_either(d, q->close_tok - 1, '?', '!') &&
               !attribution_only(d, k)) {
        /* "Clinton famously responded: "What difference does it make?" Her
         * critics cited it": a colon has already said whose words they
         * are; so has a cue and a comma: "telling her, "Q!" She replied" */
        return 0;
    }
    /* a quote in a lead clause gives its main clause no speaker: asked
     * only past the tests above, which read the tokens alone and turn
     * most quotes away for less, and before the first that resolves a
     * phrase */
    if (lead_clause(d, q, a))
        return 0;
    if (para_dash) {
        if (np_right(d, k + 1, &who) && who.kind == MK_NAME &&
            (who.e >= d->ntok || !same_para(d, k, who.e) || punct(d, who.e, '.') ||
             punct(d, who.e, ',')))
            return set(a, &who, who.s, who.s, "dash", 0.8);
        return 0;
    }
    if ((n = cue_at(d, k, &fl)) != 0 && !(fl & LX_CUE_ING)) {
        /* "said Lena Ost." but not "said the candidate could win": there
         * the phrase is the subject of what was said */
        np loose;
        if (np_right(d, k + n, &who) && speaker_ok(&who) &&
            (is_phrase(d, k, "according", "to") || !complement_subject(d, &who))) {
            /* "said the senator from Vermont": the whole phrase */
            if (who.kind == MK_NOMINAL && who.entity < 0 &&
                np_loose(d, k + n, d->ntok, &loose) && loose.e > who.e &&
                loose.kind == MK_NOMINAL && clause_ends(d, loose.e))
                who = loose;
            return set(a, &who, k, k + n,
                       is_phrase(d, k, "according", "to") ? "according-to" : "trailing-cue",
                       0.95);
        }
        if (bare_quantifier(d, k + n, &who))
            return set(a, &who, k, k + n, "trailing-cue", 0.85);
        /* "said a 2008 campaign veteran.", "said one of two witnesses who
         * asked not to be named": a looser phrase, when it ends the clause */
        if ((!addressee_cue(d, k) || ws_tok_is(d, k, "asked")) &&
            np_loose(d, k + n, d->ntok, &who) &&
            clause_ends(d, who.e) && !complement_subject(d, &who))
            return set(a, &who, k, k + n,
                       is_phrase(d, k, "according", "to") ? "according-to" : "trailing-cue",
                       0.9);
        return 0;
    }
    have = np_right(d, k, &who);
    /* "Q," one said */
    if (!have && bare_quantifier(d, k, &who)) {
        after = skip_aux_right(d, k + 1);
        if ((n = cue_at(d, after, &fl)) != 0 && !(fl & LX_CUE_ING))
            return set(a, &who, after, after + n, "trailing-cue", 0.85);
    }
    if (!have || who.kind == MK_NOMINAL) {
        /* "Q," a campaign source, who was not authorized to speak, told;
         * "Q," the committee chairmen wrote */
        np loose;
        uint32_t c;
        if (np_loose(d, k, d->ntok, &loose)) {
            uint32_t e = skip_apposition(d, loose.e);
            if ((n = cue_at(d, e, &fl)) != 0 && !(fl & LX_CUE_ING))
                return set(a, have && who.e == loose.e ? &who : &loose,
                           e, e + n, "trailing-cue", 0.9);
        }
        /* "Q," a voice-over in the ad states: between the quote and its
         * cue, whatever the phrase holds */
        for (c = k + 1; c < k + 12 && c < d->ntok && outside(d, c) && is_word(d, c); c++)
            if ((n = cue_at(d, c, &fl)) != 0) {
                uint32_t end = skip_aux_left(d, c, k);
                if (!(fl & LX_CUE_ING) && np_loose_mode(d, k, end, 1, &loose) && loose.e == end)
                    return set(a, &loose, c, c + n, "trailing-cue", 0.85);
                break;
            }
        if (!have)
            return 0;
    }
    after = skip_aux_right(d, who.e);
    if (punct(d, after, ',') && who.kind == MK_NAME) {
        /* "Q," Miller, a retired worker from the plant, said */
        uint32_t j;
        for (j = after + 1; j < after + 26 && j < d->ntok && outside(d, j); j++)
            if (punct(d, j, ',')) {
                after = skip_aux_right(d, j + 1);
                break;
            }
    }
    if ((n = cue_at(d, after, &fl)) != 0)
        return set(a, &who, after, after + n, "trailing-cue", 0.95);
    if (dashed && who.kind == MK_NAME &&
        (who.e >= d->ntok || !same_para(d, who.s, who.e) ||
         punct_either(d, who.e, ',', '.')))
        return set(a, &who, who.s, who.s, "dash", 0.85);
    return 0;
}

/* S said: "Q" / S said, "Q" / S said that "Q" / said S: "Q" */
/* Whether phrase who, read back from a cue, stands after a preposition
 * (the "the" of a name between them: "obtained by The Associated Press
 * warns"), so that it is no subject; a subordinator ("after Ost said")
 * counts as none when subordinators_open is set. */
static int after_prep(const ws_doc *d, const np *who, uint32_t floor, int subordinators_open)
{
    uint32_t s = who->s;
    if (s > floor + 1 && ws_tok_is_flagged(d, s - 1, LX_DETERMINER, "the") &&
        ws_mention_at(d, s) >= 0)
        s--;
    return s > floor && is_word(d, s - 1) && (T(d, s - 1)->lex & LX_PREP) &&
           !(subordinators_open && subordinator(d, s - 1));
}

static int sieve_leading(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t o = q->open_tok, j, lim, n, fl = 0;
    uint32_t floor;
    int colon = 0;
    np who;
    if (o == 0)
        return 0;
    floor = d->para_first[ws_tok_para(d, o)];
    j = o;
    if (j > floor && punct_either(d, j - 1, ':', ',')) {
        colon = punct(d, j - 1, ':');
        j--;
    } else if (j > floor && ws_tok_is_flagged(d, j - 1, LX_CLAUSE_JOIN, "that")) {
        j--;
    } else
        return 0;
    lim = j > floor + 8 ? j - 8 : floor;
    while (j > lim) {
        uint32_t c = j - 1;
        if (!outside(d, c))
            break;
        if (((n = cue_at(d, c, &fl)) != 0 ||
             (c > floor && (n = cue_at(d, c - 1, &fl)) == 2 && c--)) &&
            !(c > floor && is_word(d, c - 1) && (T(d, c - 1)->lex & LX_CUE_NOUN))) {
            uint32_t end = skip_aux_left(d, c, floor);
            if (np_left(d, end, floor, &who) && speaker_ok(&who) &&
                !after_prep(d, &who, floor, 1)) {
                /* "The senator emailed supporters saying: "Q"": a phrase a
                 * verb governs before the participle is its object; the
                 * clause's subject speaks */
                np subj;
                uint32_t f = d->sent_first[T(d, c)->sent];
                if ((fl & LX_CUE_ING) && end == c && who.s > floor && is_word(d, who.s - 1) &&
                    verb_like(d, who.s - 1) && clause_subject(d, c, f < floor ? floor : f, &subj) &&
                    speaker_ok(&subj) && subj.e < who.s)
                    return set(a, &subj, c, c + n, "participle", 0.75);
                return set(a, &who, c, c + n, colon ? "leading-colon" : "leading-cue",
                           colon ? 0.9 : 0.85);
            }
            if (np_left_loose(d, end, floor, &who) && speaker_ok(&who))
                return set(a, &who, c, c + n, colon ? "leading-colon" : "leading-cue", 0.8);
            /* "I laughed and said, "Q"": the subject of the first verb;
             * "with Trump tweeting ... and asking, "Q"": of the first
             * participle */
            if (ws_tok_is(d, end - 1, "and")) {
                uint32_t f = d->sent_first[T(d, c)->sent], k2, fl2 = 0, sub = c;
                if (f < floor)
                    f = floor;
                if (fl & LX_CUE_ING)
                    for (k2 = c - 1; k2 > f; k2--)
                        if (cue_at(d, k2, &fl2) && (fl2 & LX_CUE_ING)) {
                            sub = k2;
                            break;
                        }
                if (clause_subject(d, sub, f, &who) && speaker_ok(&who))
                    return set(a, &who, c, c + n, colon ? "leading-colon" : "leading-cue", 0.8);
            }
            /* "Clinton responded on Facebook writing, "Q"" */
            if ((fl & LX_CUE_ING) && clause_subject(d, c, d->sent_first[T(d, c)->sent] < floor ?
                                                     floor : d->sent_first[T(d, c)->sent], &who) &&
                speaker_ok(&who))
                return set(a, &who, c, c + n, "participle", 0.75);
            if (!addressee_cue(d, c) && np_right(d, c + n, &who) && speaker_ok(&who))
                return set(a, &who, c, c + n, colon ? "leading-colon" : "leading-cue",
                           0.85);
            return 0;
        }
        /* do not read across another clause's quote or sentence */
        if (punct_either(d, c, '.', ';'))
            break;
        j--;
    }
    /* "X delivered a blunt message: "Q"": a colon ends the clause whose
     * subject speaks */
    if (colon) {
        uint32_t from = d->sent_first[T(d, o - 1)->sent];
        if (from < floor)
            from = floor;
        uint32_t k, start = from;
        /* the clause after the last comma: "In a statement, the union put
         * its case plainly:" */
        for (k = o - 1; k > from; k--)
            if (punct(d, k - 1, ',')) {
                start = k;
                break;
            }
        if (np_right(d, start, &who) && speaker_ok(&who) && !medium_np(d, &who) &&
            /* a listed head; "several" is listed only as a determiner */
            (T(d, who.head)->lex & ~(uint32_t)LX_DETERMINER) != 0 &&
            !(T(d, who.head)->lex & LX_CUE_NOUN))
            return set(a, &who, o - 1, o - 1, "leading-colon", 0.7);
        if (np_right(d, start, &who) && who.kind == MK_NAME)
            return set(a, &who, o - 1, o - 1, "leading-colon", 0.7);
        /* "Hoff's letter makes a case:": a looser phrase and its verb, in
         * a sentence with no cue of its own */
        for (k = from; k < o - 1; k++)
            if (cue_at(d, k, &fl))
                return 0;
        if (np_loose(d, start, o - 1, &who) && is_word(d, who.e) &&
            !(T(d, who.e)->lex & LX_AUX) &&
            !(T(d, who.e)->flags & TF_CAP) &&
            !(T(d, who.e)->lex & (LX_PREP | LX_FUNCTION | LX_PRONOUN)) && !medium_np(d, &who))
            return set(a, &who, o - 1, o - 1, "leading-colon", 0.65);
        /* "The union, in a letter to members, worded it carefully:", "Trump
         * gestured ..., then leaned in and boomed:": a clause with no
         * subject of its own goes with the sentence's */
        if (start > from && !np_right(d, start, &who) &&
            (finite_verb(d, start) || ws_tok_is(d, start, "then")) &&
            np_loose(d, from, o - 1, &who) && who.kind != MK_PRONOUN &&
            (punct(d, who.e, ',') || finite_verb(d, who.e)) && !medium_np(d, &who))
            return set(a, &who, o - 1, o - 1, "leading-colon", 0.6);
        /* "More from Ost:", "- From the report:", "A lesson from Ost:": a
         * label that names where the words come from; not "The money came
         * from the state:", whose verb makes it a clause */
        for (k = o - 1; k > from + 1 && o - k < 12; k--)
            if (ws_tok_is(d, k - 1, "from")) {
                uint32_t f = k - 1, j = f;
                if (!ws_tok_is(d, f - 1, "more") && !dash(d, f - 1)) {
                    for (j = start; j < f && f - start <= 4 && is_word(d, j) && outside(d, j) &&
                                    !verb_like(d, j); j++)
                        ;
                }
                if (j == f && np_right(d, k, &who) && who.e == o - 1 && speaker_ok(&who))
                    return set(a, &who, f, f + 1, "leading-colon", 0.65);
                break;
            }
        if (ws_tok_is(d, from, "from") && np_right(d, from + 1, &who) && who.e == o - 1 &&
            speaker_ok(&who))
            return set(a, &who, from, from + 1, "leading-colon", 0.65);
    }
    return 0;
}

/* "Gingrich: Trump Is 'Trying To Campaign ...'" -- a headline that opens
 * with a name and a colon gives its quotes to that name.  A headline is
 * a paragraph in title case, or the text's first paragraph when it is one
 * sentence: "Ost: Port levy a 'tax on work'" is written in sentence case
 * as often. */
static int sieve_headline_label(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t p = ws_tok_para(d, q->open_tok), f = d->para_first[p];
    const ws_mention *m;
    np who;
    /* the paragraph first: few are headlines, where whether one opens
     * with a name is a coin toss */
    if (!d->headline[p] &&
        (p != 0 || T(d, f)->sent != T(d, d->para_first[p + 1] - 1)->sent))
        return 0;
    if (ws_mention_at(d, f) < 0)
        return 0;
    m = &d->men[ws_mention_at(d, f)];
    if (m->tok_start != f || !punct(d, m->tok_end, ':') || m->tok_end >= q->open_tok)
        return 0;
    memset(&who, 0, sizeof who);
    who.s = m->tok_start;
    who.e = m->tok_end;
    who.head = m->name_tok;
    who.kind = MK_NAME;
    who.entity = ws_entity_root(d, m->entity);
    return set(a, &who, m->tok_end, m->tok_end, "transcript", 0.8);
}

/* "PENCE: Well, look ..." -- a transcript whose speaker label sits inside
 * the marks */
static int sieve_label_inside(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t f = q->open_tok + 1;
    const ws_mention *m;
    np who;
    /* a mention in capitals, asked as one test (whether a quote opens
     * with a name is a coin toss, with one in capitals rare) */
    if (f >= d->ntok ||
        (T(d, f)->flags & (TF_MENTION | TF_ALLCAPS)) != (TF_MENTION | TF_ALLCAPS))
        return 0;
    m = &d->men[ws_mention_at(d, f)];
    if (m->tok_start != f || !punct(d, m->tok_end, ':'))
        return 0;
    memset(&who, 0, sizeof who);
    who.s = m->tok_start;
    who.e = m->tok_end;
    who.head = m->name_tok;
    who.kind = MK_NAME;
    who.entity = ws_entity_root(d, m->entity);
    return set(a, &who, m->tok_end, m->tok_end, "transcript", 0.85);
}

/* HOLT: "Q" -- a transcript's speaker label, or a name and a colon that
 * open a clause: "Pollsters agree -- Carl Bialik: "Q"" */
static int sieve_transcript(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t o = q->open_tok, s;
    np who;
    if (o < 2 || !punct(d, o - 1, ':') || ws_mention_at(d, o - 2) < 0)
        return 0;
    s = d->men[ws_mention_at(d, o - 2)].tok_start;
    if (!(T(d, s)->flags & (TF_PARA | TF_SENT)) && !dash(d, s - 1))
        return 0;
    if (!np_left(d, o - 1, d->para_first[ws_tok_para(d, o)], &who))
        return 0;
    return set(a, &who, o - 1, o - 1, "transcript", 0.85);
}

/* Words that end in -ed without being past tenses: "help Clinton
 * succeed him", "a hundred voters". */
static int ed_not_past(const ws_doc *d, uint32_t i)
{
    static const uint64_t words[] = {SHORT_WORD(need), SHORT_WORD(succeed),
        SHORT_WORD(proceed), SHORT_WORD(exceed), SHORT_WORD(indeed),
        SHORT_WORD(speed), SHORT_WORD(feed), SHORT_WORD(heed), SHORT_WORD(seed),
        SHORT_WORD(breed), SHORT_WORD(bleed), SHORT_WORD(greed), SHORT_WORD(creed),
        SHORT_WORD(deed), SHORT_WORD(weed), SHORT_WORD(steed), SHORT_WORD(hundred),
        SHORT_WORD(sacred), SHORT_WORD(naked), SHORT_WORD(wicked),
        SHORT_WORD(kindred), SHORT_WORD(shred)};
    const ws_token *t;
    unsigned before_ed;
    /* every word listed has four to seven letters and an e, r or k before
     * its -ed ("need", "hundred", "naked"): most past tenses ("announced",
     * "added") have not, and the list is read for the few left */
    if (i >= d->ntok)
        return 0;
    t = T(d, i);
    if (t->end - t->start > 7 || t->end - t->start < 4)
        return 0;
    before_ed = (unsigned char)d->text[t->end - 3] | 0x20;
    if (before_ed != 'e' && before_ed != 'r' && before_ed != 'k')
        return 0;
    return word_in(d, i, words);
}

/* Whether the words from token i on read like a verb: a cue, an
 * auxiliary, a past tense, or a quoted verb phrase (Putin "highly praised"). */
static int verb_like(const ws_doc *d, uint32_t i)
{
    const ws_token *t;
    if (i >= d->ntok)
        return 0;
    t = T(d, i);
    if (ws_tok_mark(t) && (ws_mark_role(t) & MR_OPEN))
        return 1;
    if (t->type != TK_WORD || (t->flags & TF_CAP))
        return 0;
    /* an auxiliary, a cue, or one of the common irregular past tenses,
     * which no -ed gives away (LX_PAST in lexicon/words.def): one test */
    if (((t->lex & (LX_AUX | LX_PAST)) | d->cue[i]) != 0)
        return 1;
    return t->end - t->start > 3 &&
           ((d->text[t->end - 2] == 'e') & (d->text[t->end - 1] == 'd')) &&
           !ed_not_past(d, i);
}

/* Whether a phrase can be the subject of a clause: not after a
 * preposition, and a pronoun only when it was resolved. */
static int subject_np(const ws_doc *d, const np *who, uint32_t floor)
{
    uint32_t before = who->s;
    /* "several environmental groups granted ..., saying": a role phrase
     * is a subject only when its verb follows at once */
    if (who->kind == MK_NOMINAL && who->entity < 0 &&
        !((T(d, who->head)->lex & LX_ROLE) && verb_like(d, skip_aux_right(d, who->e))))
        return 0;
    if (before > floor && is_word(d, before - 1) &&
        (T(d, before - 1)->lex & LX_PREP))
        return 0;
    /* "..., I laughed and said": the writer needs no antecedent, when the
     * pronoun opens its clause (not "the editor I was talking to") */
    if (who->kind == MK_PRONOUN && who->entity < 0 &&
        !((ws_tok_is(d, who->head, "i") || ws_tok_is(d, who->head, "we")) &&
          (before <= floor || (T(d, before)->flags & TF_SENT) ||
           T(d, before - 1)->type == TK_PUNCT || (T(d, before - 1)->lex & LX_FUNCTION))))
        return 0;
    return 1;
}

/* Whether token i is surely a verb with a subject of its own: a cue, a
 * past tense or an auxiliary verb; not an adverb ("just", "also") nor an
 * opening quote mark. */
static int finite_verb(const ws_doc *d, uint32_t i)
{
    static const uint64_t aux[] = {SHORT_WORD(is), SHORT_WORD(was), SHORT_WORD(are),
        SHORT_WORD(were), SHORT_WORD(has), SHORT_WORD(have), SHORT_WORD(had),
        SHORT_WORD(will), SHORT_WORD(would), SHORT_WORD(can), SHORT_WORD(could),
        SHORT_WORD(did), SHORT_WORD(does), SHORT_WORD(do), SHORT_WORD(may),
        SHORT_WORD(might), SHORT_WORD(must), SHORT_WORD(should)};
    if (!is_word(d, i) || (T(d, i)->flags & TF_CAP))
        return 0;
    if ((T(d, i)->lex & LX_AUX) && !word_in(d, i, aux))
        return 0;
    /* a cue too: verb_like asks, for a lower-case word, before the rest */
    return verb_like(d, i);
}

/* The subject of the clause a cue hangs on ("Kim described ..., vowing";
 * "Putin "highly praised" ... and emphasized"): the nearest subject to its
 * left that a verb follows, else the first subject of the sentence. */
/* Where the verb of a subject ending at token e stands, past what may
 * come between: "Sanders of Vermont endorsed", "Okafor, a mediator, told",
 * "Reid (D-Nev.) said". */
static uint32_t verb_after(const ws_doc *d, uint32_t e, uint32_t limit)
{
    uint32_t k;
    if (ws_tok_is_flagged(d, e, LX_PREP, "of") && e + 1 < limit && ws_mention_at(d, e + 1) >= 0)
        return skip_aux_right(d, d->men[ws_mention_at(d, e + 1)].tok_end);

    /* an apposition reads like one: ", a spokeswoman,", ", 42,", ", who
     * ...,"; ", he looked up," is a clause of its own */
    if (punct(d, e, '(') || (punct(d, e, ',') && e + 1 < limit &&
        (determiner(d, e + 1) || T(d, e + 1)->type == TK_NUMBER ||
         (is_word(d, e + 1) && (T(d, e + 1)->lex & NOMINAL_HEAD)) ||
         ws_tok_is(d, e + 1, "who")))) {
        char close = punct(d, e, '(') ? ')' : ',';
        uint32_t reach = ws_tok_is(d, e + 1, "who") ? 30 : 12;
        for (k = e + 1; k < limit && k < e + reach; k++)
            if (punct(d, k, close))
                return skip_time_right(d, skip_aux_right(d, k + 1));
    }
    /* "Clinton boldly suggested" */
    if (is_word(d, e) && !(T(d, e)->flags & TF_CAP) && ly_form(d, e))
        e++;
    return skip_time_right(d, skip_aux_right(d, e));
}

/* clause_subject's walk asks np_left, and at most tokens finite_verb, at
 * each token j back to its floor; at about half of them neither can say
 * yes, and which half follows the text, so that a test a token
 * mispredicts as often as the calls it saves.  The tokens where one can
 * are marked in a word of bits instead, with no branch a token, and the
 * walk leaps from mark to mark.  np_left(j) finds a phrase only when token
 * j - 1 is outside the quotes and
 *   - a comma or ")" (the relative clause, the name in commas, the
 *     parenthesis after a name), a pronoun, "who" or "which" (both
 *     LX_CLAUSE_LINK in the built-in lexicon, so in every one), a word of
 *     a mention, or a NOMINAL_HEAD word;
 *   - or role_with_modifier finds its role: a lower-case LX_ROLE word
 *     after a determiner at a token p in [j - 10, j - 2], above the floor;
 *   - or definite_description's verb stands at token j: a cue or an
 *     LX_AUX word;
 * and finite_verb(j) holds only at a cue, an LX_AUX or LX_PAST word or a
 * word that ends in "d".  The marks may say yes where the walk finds
 * nothing (each is only asked as before), never no where it would find
 * something. */
typedef struct subject_walk {
    uint32_t lo;            /* the marks are of the tokens [lo, lo + 64) */
    uint64_t marks;         /* bit j - lo: the walk may find something at j */
    uint32_t span;          /* the tokens the next marks take, less one */
} subject_walk;

/* Whether token p can be role_with_modifier's role (p above its floor). */
static WS_HOT_INLINE uint64_t modified_role(const ws_doc *d, uint32_t p)
{
    return (d->tok[p].lex & LX_ROLE) && !(d->tok[p].flags & TF_CAP) &&
           (d->tok[p - 1].lex & LX_DETERMINER);
}

/* Marks the tokens [lo, hi] for the walk down to floor (floor < lo, hi - lo
 * < 63, hi < ntok).  Bit i of the masks is token lo - 1 + i, a j - 1 of the
 * walk; the verbs, of a j, are shifted down one to match.  Each test is a
 * 0 or 1 shifted in, not a branch: a mark too many costs the walk a step,
 * a branch here a mispredict every few tokens. */
static void subject_marks(const ws_doc *d, subject_walk *w, uint32_t lo, uint32_t hi,
                          uint32_t floor)
{
    uint64_t outs = 0, phrase = 0, verb = 0, role = 0, det = 0;
    uint32_t t = hi + 1, p, pre = UINT32_MAX;
    while (t-- > lo - 1) {
        const ws_token *k = &d->tok[t];
        uint32_t lex = k->lex, fl = k->flags;
        outs = outs << 1 | (((fl & TF_QUOTED) == 0) & !ws_tok_mark(k));
        /* no word starts with ',' or ')': the type need not be asked */
        phrase = phrase << 1 | ((((lex & (LX_PRONOUN | LX_CLAUSE_LINK | NOMINAL_HEAD)) |
                                  (fl & TF_MENTION)) != 0) |
                                (k->ch == ',') | (k->ch == ')'));
        verb = verb << 1 | (((d->cue[t] | (lex & (LX_AUX | LX_PAST))) != 0) |
                            (d->text[k->end - 1] == 'd'));
        role = role << 1 | (((lex & LX_ROLE) != 0) & ((fl & TF_CAP) == 0));
        det = det << 1 | ((lex & LX_DETERMINER) != 0);
    }
    /* a role at token p (after a determiner) marks [p + 2, p + 10]: bits
     * i + 1 to i + 9; at bit 0, lo - 1, the determiner is not read and the
     * role may be the floor's: a mark too many at most */
    role &= det << 1 | 1;
    role |= role << 1;
    role |= role << 2;
    role |= role << 4;
    role = (role | role << 1) << 1;
    /* a role below lo - 1 marks from lo on: the highest is enough */
    for (p = lo > floor + 10 ? lo - 10 : floor + 1; p + 1 < lo; p++)
        if (modified_role(d, p))
            pre = p;
    if (pre != UINT32_MAX)
        role |= ~(uint64_t)0 >> (63 - (pre + 10 - lo));
    w->marks = (phrase | verb >> 1 | role) & outs & (~(uint64_t)0 >> (63 - (hi - lo)));
    w->lo = lo;
}

/* The walk's next token: the highest at or below j where it may find
 * something, floor when none is above floor.  j only falls from call to
 * call, so the marks are made 63 tokens at a time, from the top down; the
 * text's end, which has no cue_table entry, is asked as before. */
static WS_HOT_INLINE uint32_t subject_next(const ws_doc *d, subject_walk *w, uint32_t j,
                                           uint32_t floor)
{
    if (j >= d->ntok)
        return j;
    while (j > floor) {
        uint64_t m;
        if (j < w->lo) {
            subject_marks(d, w, j > floor + w->span + 1 ? j - w->span : floor + 1, j, floor);
            w->span = 62;
        }
        m = w->marks & (~(uint64_t)0 >> (63 - (j - w->lo)));
        if (m)
            return w->lo + ws_highest_bit(m);
        j = w->lo - 1;
    }
    return floor;
}

static int clause_subject(ws_doc *d, uint32_t cue, uint32_t floor, np *who)
{
    /* where something was said, not who said it */
    static const uint64_t places[] = {SHORT_WORD(on), SHORT_WORD(in), SHORT_WORD(at),
        SHORT_WORD(to), SHORT_WORD(via), SHORT_WORD(through), SHORT_WORD(into)};
    uint32_t j = cue, v = cue;
    np first, loose;
    int have_first = 0, found, subject;
    subject_walk walk;
    /* "with Trump reportedly yelling": an adverb before the participle */
    while (v > floor + 1 && is_word(d, v - 1) && !(T(d, v - 1)->flags & TF_CAP) &&
           ly_form(d, v - 1))
        v--;
    /* "with Senator John McCain telling reporters": the name before a
     * participle is its subject */
    if (v > floor && is_word(d, cue) && (T(d, cue)->lex & LX_CUE_ING) &&
        is_word(d, v - 1) && np_left(d, v, floor, who) && who->kind == MK_NAME &&
        !(who->s > floor && word_in(d, who->s - 1, places)))
        return 1;   /* but "responded on Facebook writing" */
    /* "with the American Federation of Teachers calling her": whatever
     * stands between "with" and the participle */
    if (v > floor + 1 && is_word(d, cue) && (T(d, cue)->lex & LX_CUE_ING)) {
        uint32_t w;
        for (w = v - 1; w > floor && v - w < 10 && outside(d, w) && is_word(d, w); w--)
            if (ws_tok_is_flagged(d, w, LX_PREP, "with")) {
                uint32_t head;
                if (np_extent(d, w + 1, v, &head) == v && np_loose(d, w + 1, v, who) &&
                    (who->kind == MK_NAME || (T(d, who->head)->lex & NOMINAL_HEAD)))
                    return 1;   /* but "softer language calling for" */
                break;
            }
    }
    walk.lo = UINT32_MAX;
    walk.marks = 0;
    walk.span = 15;     /* most walks end within 16 tokens, nearly all
                           within 32 */
    for (;;) {
        j = subject_next(d, &walk, j, floor);
        if (j <= floor)
            break;
        if (!outside(d, j - 1)) {
            j--;
            continue;
        }
        found = np_left(d, j, floor, who);
        subject = found && subject_np(d, who, floor);
        /* "Attorneys for Clinton appeared", "Ryan's campaign shrugged off":
         * the phrase that opens the clause before its verb */
        if (!subject && j < cue && finite_verb(d, j) &&
            np_left_loose(d, j, floor, &loose)) {
            uint32_t fl2;
            int ing = is_word(d, cue) && (T(d, cue)->lex & LX_CUE_ING);
            if (!(ing && loose.s > floor && (ws_tok_is(d, loose.s - 1, "that") ||
                                             cue_at(d, loose.s - 1, &fl2)))) {
                *who = loose;
                return 1;
            }
        }
        if (found) {
            if (subject) {
                uint32_t v = verb_after(d, who->e, cue), fl2;
                /* a participle needs a verb of its own subject before it:
                 * "Clinton spoke in Tulsa, Oklahoma, arguing"; and the
                 * subject of a clause reported with "that" is not the one
                 * who goes on "adding" */
                int ing = is_word(d, cue) && (T(d, cue)->lex & LX_CUE_ING);
                int embedded = ing && who->s > floor &&
                    (ws_tok_is(d, who->s - 1, "that") ||
                     cue_at(d, who->s - 1, &fl2));
                /* "needled the CNN "reporter,"": a quote after a name it
                 * describes is no verb of it */
                if (v < d->ntok && ws_tok_mark(T(d, v)) && who->s > floor &&
                    determiner(d, who->s - 1))
                    embedded = 1;
                if ((ing ? v < cue : v <= cue) && verb_like(d, v) && who->e <= cue &&
                    !embedded)
                    return 1;
                first = *who;
                have_first = 1;
            }
            /* a phrase read past its relative clause ("Ivanka Trump, who
             * portrayed him as ..., "): the clause's own subject comes next */
            j = who->e < j ? j - 1 : who->s;
            continue;
        }
        j--;
    }
    /* the first subject of the sentence, when it is surely somebody */
    if (have_first && (first.kind != MK_NAME ||
                       (first.entity >= 0 && d->ent[first.entity].strong))) {
        *who = first;
        return 1;
    }
    return 0;
}

/* "Podliska's most explosive claim is that ... a "witch hunt"": the
 * possessor of a speech noun before the quote. */
static int possessor(ws_doc *d, const ws_iquote *q, uint32_t from, attrib *a)
{
    uint32_t k, lo = q->open_tok > from + 12 ? q->open_tok - 12 : from;
    np who;
    for (k = q->open_tok; k-- > lo;) {
        uint32_t noun;
        int pronoun;
        if (!outside(d, k))
            break;
        /* "using her comments before the committee that "Q"" (both
         * LX_DETERMINER in the built-in lexicon: the flag rules out most
         * words before their bytes are read) */
        pronoun = (T(d, k)->lex & LX_DETERMINER) &&
                  (ws_tok_is(d, k, "his") || ws_tok_is(d, k, "her"));
        if (T(d, k)->type != TK_POSS && !pronoun)
            continue;
        for (noun = k + 1; noun < k + 4 && noun < q->open_tok; noun++)
            if (is_word(d, noun) && (T(d, noun)->lex & LX_SPEECH_NOUN))
                break;
        if (noun >= k + 4 || noun >= q->open_tok)
            continue;
        if (pronoun) {
            memset(&who, 0, sizeof who);
            who.s = k;
            who.e = k + 1;
            who.head = k;
            who.kind = MK_PRONOUN;
            resolve_np(d, &who);
            if (who.entity >= 0)
                return set(a, &who, noun, noun + 1, "possessive-cue", 0.7);
        } else if (np_left_possessor(d, k, from, &who))
            return set(a, &who, noun, noun + 1, "possessive-cue", 0.7);
    }
    return 0;
}

/* "called", "labeled", "described as": a cue in the passive, where the
 * speaker follows "by" after the quote. */
static int past_participle(const ws_doc *d, uint32_t k)
{
    const ws_token *t = T(d, k);
    size_t n = t->end - t->start;
    return n > 3 && d->text[t->end - 1] == 'd' && d->text[t->end - 2] == 'e' &&
           !(t->lex & LX_CUE_ING);
}

/* ..., S said [Friday]. / ..., said S. at the end of a sentence that holds
 * the quote. */
static int sentence_final(ws_doc *d, const ws_iquote *q, uint32_t from,
                          uint32_t to, attrib *a)
{
    uint32_t e = to, k, n, fl = 0;
    np who;
    while (e > q->close_tok + 1 && T(d, e - 1)->type == TK_PUNCT &&
           !punct(d, e - 1, ','))
        e--;
    /* trailing time words: "said Friday", "said on Monday" */
    while (e > q->close_tok + 1 && (time_word(d, e - 1) || ws_tok_is(d, e - 1, "on")))
        e--;
    if (e <= q->close_tok + 2)
        return 0;
    /* ..., S said */
    for (k = e; k-- > q->close_tok + 1 && k + 3 >= e;) {
        if ((n = cue_at(d, k, &fl)) == 0 || k + n != e || (fl & LX_CUE_ING))
            continue;
        if (np_left(d, skip_aux_left(d, k, from), from, &who) && speaker_ok(&who) &&
            who.s > q->close_tok + 1 && punct(d, who.s - 1, ',') &&
            !medium_np(d, &who))
            return set(a, &who, k, k + n, "sentence-cue", 0.8);
        break;
    }
    /* ..., said S */
    for (k = q->close_tok + 1; k < e; k++)
        if (punct(d, k, ',') && (n = cue_at(d, k + 1, &fl)) != 0 &&
            !(fl & LX_CUE_ING) && !addressee_cue(d, k + 1) && np_right(d, k + 1 + n, &who) &&
            speaker_ok(&who) && ((who.e >= e - 1 && who.e <= e) || punct(d, who.e, ',')) &&
            !medium_np(d, &who))
            return set(a, &who, k + 1, k + 1 + n, "sentence-cue", 0.8);
    return 0;
}

/* "KCNA quoted Kim as saying", "the agency quoted him as saying": the
 * person quoted is the speaker, the one quoting a channel (find_via). */
static int quoted_as(ws_doc *d, const ws_iquote *q, uint32_t from, attrib *a)
{
    uint32_t k, fl = 0;
    np who;
    /* "quoted" is LX_CUE in every lexicon, so a word the scanner listed:
     * in most texts, which list no word with a q, the walk below
     * tests every token before each quote for nothing */
    if (!d->q_cue)
        return 0;
    for (k = from; k + 3 < q->open_tok; k++) {
        uint32_t as;
        /* the flag first: the loop asks at every token before the
         * quote, where whether a token is a word at all is a coin toss */
        if (!ws_tok_is_flagged(d, k, LX_CUE, "quoted") || !outside(d, k))
            continue;
        if (ws_tok_is(d, k + 1, "him") || ws_tok_is(d, k + 1, "her")) {
            memset(&who, 0, sizeof who);
            who.s = k + 1;
            who.e = k + 2;
            who.head = k + 1;
            who.kind = MK_PRONOUN;
            who.entity = ws_resolve(d, k + 1, T(d, k + 1)->lex, 0);
        } else if (!np_right(d, k + 1, &who) || !speaker_ok(&who))
            continue;
        as = who.e;
        if (ws_tok_is(d, as, "as") && cue_at(d, as + 1, &fl) && (fl & LX_CUE_ING))
            return set(a, &who, k, k + 1, "quoted-as", 0.85);
    }
    return 0;
}

/* Whether the clause from token from to token to hangs on the cue before
 * it as what was said ("said Clinton called it"), rather than standing
 * beside it ("expressed readiness, while Putin called ties", "spoke near
 * the casino, where protesters chanted"): no conjunction, subordinator,
 * relative pronoun or semicolon between. */
static int embedded_between(const ws_doc *d, uint32_t from, uint32_t to)
{
    /* LX_CLAUSE_LINK (words.def): while, whereas, but, and, or, although,
     * though, yet, when, after, before, because, since, as, if, until,
     * unless, where, which, who, whom, whose */
    uint32_t k;
    for (k = from; k < to; k++)
        if (punct(d, k, ';') || (is_word(d, k) && (d->tok[k].lex & LX_CLAUSE_LINK)))
            return 0;
    return 1;
}

/* Whether tokens [from, s) are a phrase that opens the sentence before its
 * subject, set off by a comma: "On Monday's show, the mayor said",
 * "In a statement, the union said", "On "Harbor Talk," the mayor said". */
static int opening_phrase(const ws_doc *d, uint32_t from, uint32_t s)
{
    uint32_t k, c;
    /* first: a subject at or before from (token 0 too) has no comma
     * before it to read */
    if (s < from + 3)
        return 0;
    c = s - 1;
    if (c > from && ws_tok_mark(T(d, c)))
        c--;    /* On "Meet the Press," the mayor said */
    if (!punct(d, c, ',') || !is_word(d, from) || !(T(d, from)->lex & LX_PREP))
        return 0;
    for (k = from; k + 1 < s; k++)
        if (punct(d, k, ',') && outside(d, k))
            return 0;   /* one phrase, not a clause and a list */
    return 1;
}

/* S ... cue ... "Q" anywhere in the quote's sentence. */
static int sieve_sentence(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t from, to;
    uint32_t k, n, fl = 0, best = UINT32_MAX, bestn = 0, bestfl = 0;
    uint32_t bestdist = UINT32_MAX;
    np who;
    quote_window(d, q, &from, &to);
    if (lead_clause(d, q, a))
        to = q->close_tok;   /* the main clause after it reports nothing */
    for (k = from; k < to;) {
        if (k == q->open_tok + 1 && q->close_tok > k)
            k = q->close_tok;   /* a cue is never inside the quote */
        if ((n = cue_at(d, k, &fl)) != 0) {
            uint32_t dist = k < q->open_tok ? q->open_tok - k : k - q->close_tok;
            if (k > q->close_tok)
                dist += 12;  /* a cue before the quote binds more often */
            if (dist < bestdist) {
                bestdist = dist;
                best = k;
                bestn = n;
                bestfl = fl;
            }
            /* past the quote each cue is farther than the one before:
             * the first is the nearest */
            if (k > q->close_tok)
                break;
            k += n - 1;
        }
        k++;
        /* on to the next cue, but not past the token after the opening
         * mark, where the quote's inside is leapt */
        k = next_cue(d, k, k <= q->open_tok + 1 && q->open_tok + 1 < to ?
                     q->open_tok + 1 : to);
    }
    if (best == UINT32_MAX)
        return possessor(d, q, from, a);
    /* "She said she speaks more often because "Q"", "Israel said Clinton
     * called on members to be "Q"": the cue of the main clause, whose
     * subject opens the sentence, outranks embedded ones -- whoever
     * reports a report answers for the words in it -- unless that subject
     * is a medium, which relays */
    k = next_cue(d, from, q->open_tok < best ? q->open_tok : best);
    if (k < q->open_tok && k < best) {
        uint32_t m = cue_at(d, k, &fl);
        if (!(fl & LX_CUE_ING) && np_left(d, skip_aux_left(d, k, from), from, &who) &&
            (who.s == from || opening_phrase(d, from, who.s)) && speaker_ok(&who) &&
            !medium_np(d, &who)) {
            np inner;
            /* the same person, or a pronoun that most likely stands for
             * the sentence's subject ("The senator said he rarely asks";
             * "Obama said it would tell a story of "Q""), wherever its
             * clause stands */
            int same = np_left(d, skip_aux_left(d, best, from), from, &inner) &&
                ((who.entity >= 0 && inner.entity == who.entity) ||
                 (inner.kind == MK_PRONOUN && !ws_tok_is(d, inner.head, "they")));
            if (same || embedded_between(d, k + m, best)) {
                best = k;
                bestn = m;
                bestfl = fl;
            }
        }
    }
    /* ", the candidate said Friday.": a reporting clause that ends the
     * sentence speaks for every quote in it */
    if (sentence_final(d, q, from, to, a))
        return 1;
    if (quoted_as(d, q, from, a))
        return 1;
    k = best;
    n = bestn;
    /* "The paradox, says Carl Anthony, a historian, is that": a
     * parenthetical inverted attribution */
    if (k > from && punct(d, k - 1, ',') && !(bestfl & LX_CUE_ING) &&
        !addressee_cue(d, k) && np_right(d, k + n, &who) && who.kind == MK_NAME &&
        punct_either(d, who.e, ',', '.'))
        return set(a, &who, k, k + n, "sentence-cue", 0.8);
    /* "labeled a "witch hunt" by Democrats": the agent of a passive */
    if (k < q->open_tok && k + n + 3 >= q->open_tok && q->closed &&
        ws_tok_is_flagged(d, q->close_tok + 1, LX_PREP, "by") && past_participle(d, k) &&
        np_right(d, q->close_tok + 2, &who) && who.kind != MK_PRONOUN &&
        speaker_ok(&who) && !medium_np(d, &who))
        return set(a, &who, k, k + n, "passive-by", 0.75);
    if (is_phrase(d, k, "according", "to")) {
        if (np_right(d, k + 2, &who) && speaker_ok(&who))
            return set(a, &who, k, k + 2, "according-to", 0.85);
        return 0;
    }
    if ((bestfl & LX_CUE_ING) && !(k > from && is_word(d, k - 1) &&
                                    (T(d, k - 1)->lex & LX_AUX))) {
        if (clause_subject(d, k, from, &who))
            return set(a, &who, k, k + n, "participle", 0.75);
        return 0;
    }
    {
        uint32_t end = skip_aux_left(d, k, from);
        /* "was quoted as saying", "has said"; not "in a statement posted" */
        if (np_left(d, end, from, &who) && speaker_ok(&who) &&
            !after_prep(d, &who, from, k < q->open_tok))
            return set(a, &who, k, k + n, "sentence-cue", 0.8);
        /* "... appeals to those who want it "back," said Alan Abramowitz" */
        if (k > q->close_tok && punct(d, k - 1, ',') && !addressee_cue(d, k) &&
            np_right(d, k + n, &who) &&
            speaker_ok(&who))
            return set(a, &who, k, k + n, "sentence-cue", 0.8);
        if (np_left_loose(d, end, from, &who) && speaker_ok(&who))
            return set(a, &who, k, k + n, "sentence-cue", 0.75);
        if (clause_subject(d, k, from, &who))
            return set(a, &who, k, k + n, "sentence-cue", 0.65);
    }
    return 0;
}

/* The loosest sieve: a fragment woven into a sentence whose subject is
 * somebody named ("Sanders urged voters to "send a message""). */
static int sieve_subject(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t from, to;
    np who;
    quote_window(d, q, &from, &to);
    if (q->open_tok == from || !clause_subject(d, q->open_tok, from, &who))
        return 0;
    if (who.kind == MK_NAME && (who.entity < 0 || !d->ent[who.entity].strong))
        return 0;
    if (who.kind == MK_PRONOUN && who.entity < 0)
        return 0;
    return set(a, &who, who.s, who.s, "sentence-subject", 0.5);
}

/* Whether the sieve that attributed a quote found only the subject of its
 * sentence, and that subject is a thing ("Good information can still drive
 * out bad, but only when "the truth is sexier than the lie.""): the words
 * stand in a reported sentence all the same, but nobody is named as saying
 * them. */
static int thing_subject(const ws_doc *d, const attrib *a)
{
    uint32_t k;
    if (!a->rule || strcmp(a->rule, "sentence-subject") != 0 || a->who.kind != MK_NOMINAL ||
        a->who.entity >= 0 || (T(d, a->who.head)->lex & (NOMINAL_HEAD | LX_SPEECH_NOUN)))
        return 0;
    for (k = a->who.s; k < a->who.e; k++)
        if (T(d, k)->type == TK_POSS)
            return 0;   /* "Ost's campaign slogan": whose words they are */
    return 1;
}

/* ---- the channel ---------------------------------------------------- */

/* A channel: a medium entity, or a phrase that names one ("the state news
 * agency"). */
typedef struct channel {
    int entity;
    uint32_t s, e;   /* the phrase when there is no entity */
} channel;

/* One of assign_via's two looks for a channel, as find_via last made it:
 * the cursor on d->via_at, and the window read with what it found there.
 * The quotes of a paragraph ask of the same window, and nothing that
 * find_via reads changes while assign_via runs (it sets only the quotes'
 * via), so the answer is the same: kept, and read again for the window
 * asked twice in a row.  All zeroes to begin with: the empty window
 * [0, 0) finds nothing, and its cursor is 0. */
typedef struct via_look {
    size_t cursor;
    uint32_t from, to, before;
    int by_before;          /* whether the answer depended on before */
    int found;
    channel ch;
} via_look;

/* Whether the medium phrase at token k is used as a channel: it reports
 * ("KCNA reported", "the state news agency said"), or relays ("as reported
 * by KCNA", "according to state media", "told TASS" is no channel). */
static int relays(ws_doc *d, uint32_t k, uint32_t end)
{
    uint32_t after = skip_aux_right(d, end), fl = 0;
    if (cue_at(d, after, &fl) || ws_tok_is(d, after, "quoted"))
        return 1;
    if (k >= 1 && (ws_tok_is(d, k - 1, "by") || ws_tok_is(d, k - 1, "from")))
        return 1;
    if (k >= 2 && (ws_tok_is(d, k - 2, "by") || is_phrase(d, k - 2, "according", "to")))
        return 1;
    return k >= 3 && is_phrase(d, k - 3, "according", "to");
}

/* A news medium relaying the words in tokens [from, to): "KCNA reported",
 * "as reported by KCNA", "according to state media", "the report said". */
static int find_via_in(ws_doc *d, uint32_t from, uint32_t to, uint32_t before,
                       int anaphora_only, size_t *cursor, channel *ch, int *by_before)
{
    size_t c = *cursor, mc;
    if (!d->nvia_at)
        return 0;   /* via_tokens wrote no end: no paragraph needed one */
    /* the tokens a test below may start at (via_tokens), from the first
     * at or after from: the caller's calls come in text order, so the
     * cursor left by the last one is at most a few entries short (and a
     * step back, should one come, is walked too) */
    while (c > 0 && d->via_at[c - 1] >= from)
        c--;
    while (d->via_at[c] < from)
        c++;
    *cursor = c;
    /* the first mention at or after the entry read, walked along with the
     * entries: a mention starts at k when this one does (mentions come in
     * text order, never overlap and hold a token at least, so it is the
     * one ws_mention_at finds at k), no walk from k's block each time;
     * found from the first entry's block, as most windows hold none */
    mc = SIZE_MAX;
    for (; d->via_at[c] < to; c++) {
        uint32_t k = d->via_at[c];
        int e;
        uint32_t n, fl = 0;
        size_t np_ = 0;
        if (anaphora_only)
            goto anaphora;
        if (mc == SIZE_MAX)
            mc = ws_mention_from(d, k);
        while (mc < d->nmen && d->men[mc].tok_start < k)
            mc++;
        if (mc < d->nmen && d->men[mc].tok_start == k) {
            const ws_mention *m = &d->men[mc];
            e = m->entity;
            if (d->ent[e].kind == EK_MEDIUM && relays(d, k, m->tok_end)) {
                ch->entity = e;
                return 1;
            }
        }
        /* "the state news agency reported" with no name given */
        if ((ws_lexicon_phrase(d->lx, d, k, &np_) & LX_MEDIUM) && np_ &&
            (k + np_ >= d->ntok || ws_mention_at(d, k + np_) < 0) &&
            (ws_mention_at(d, k) < 0) && relays(d, k, k + (uint32_t)np_)) {
            ch->entity = -1;
            ch->s = k > from && ws_tok_is(d, k - 1, "the") ? k - 1 : k;
            ch->e = k + (uint32_t)np_;
            return 1;
        }
    anaphora:
        /* "the report said", "the agency said" (the two are the
         * LX_CHANNEL words of the built-in lexicon, which every lexicon
         * holds: the flag passes the other entries before their bytes) */
        if ((d->tok[k].lex & LX_CHANNEL) &&
            (ws_tok_is(d, k, "report") || ws_tok_is(d, k, "agency")) &&
            k > 0 && ws_tok_is(d, k - 1, "the") &&
            (n = cue_at(d, k + 1, &fl)) != 0) {
            size_t m = ws_mention_from(d, before), lo = m > 300 ? m - 300 : 0;
            *by_before = 1;
            while (m-- > lo) {
                e = d->men[m].entity;
                if (d->ent[e].kind == EK_MEDIUM) {
                    ch->entity = e;
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* find_via_in for one look, through what it found for the window the look
 * read last (before matters only to "the report said", which reads the
 * mentions before it) */
static int find_via(ws_doc *d, uint32_t from, uint32_t to, uint32_t before,
                    int anaphora_only, via_look *look, channel *ch)
{
    if (look->from != from || look->to != to ||
        (look->by_before && look->before != before)) {
        look->by_before = 0;
        look->found = find_via_in(d, from, to, before, anaphora_only, &look->cursor,
                                  &look->ch, &look->by_before);
        look->from = from;
        look->to = to;
        look->before = before;
    }
    if (look->found)
        *ch = look->ch;
    return look->found;
}

/* Lists in d->via_at the tokens where a test of find_via may hold, so
 * that each quote's look for its channel reads those few and not every
 * token around it: a word outside quotes that starts a mention of a
 * medium, heads a phrase, or is a channel noun ("report", "agency").
 * Keep this in step with the tests.  They are read from the lists that hold them, the
 * mentions and the words the scanner listed for the cues (d->cues, which
 * this releases), merged in text order; and only in the paragraphs
 * assign_via reads: that of an attributed quote's first mark and the one
 * after it (find_via reads none other). */
static int attributed(const ws_iquote *q);

static int via_tokens(ws_doc *d)
{
    size_t i, n = 0, m = 0, c = 0, cap;
    unsigned char *need;
    const ws_token *tok = d->tok;
    int rc = WS_OK;
    d->nvia_at = 0;
    if (!d->npara) {
        ws_toklist_release(d->mem, &d->cues);
        return WS_OK;
    }
    need = ws_alloc(d->mem, d->npara + 1);
    if (!need) {
        ws_toklist_release(d->mem, &d->cues);
        return WS_ENOMEM;
    }
    memset(need, 0, d->npara + 1);
    for (i = 0; i < d->nq; i++)
        if (attributed(&d->q[i])) {
            uint32_t para = ws_tok_para(d, d->q[i].open_tok);
            need[para] = need[para + 1] = 1;
        }
    /* at most one entry per mention and per listed word */
    cap = d->nmen + d->cues.n + 1;
    if (ws_grow(d->mem, (void **)&d->via_at, &d->cvia_at, cap, sizeof *d->via_at)) {
        rc = WS_ENOMEM;
        goto done;
    }
    /* most texts name no medium: then no mention is an entry, and the
     * walk of the mentions below is not made (the entities are fewer) */
    {
        size_t e;
        int media = 0;
        for (e = 0; e < d->nent; e++)
            media |= d->ent[e].kind == EK_MEDIUM;
        if (!media)
            m = d->nmen;
    }
    /* the two lists merged over the whole text, an entry kept when its
     * paragraph is needed: a test of each of the few entries, with no
     * branch on its answer, not of each paragraph and where its lists
     * begin */
    for (;;) {
        uint32_t km, kc, k;
        const ws_token *t;
        /* the listed words are the phrase heads and channel nouns
         * (cue_table); a mention of anybody but a medium is never an
         * entry, the kind being the one thing find_via asks of a mention
         * it starts at (the kinds are the mention stage's, which
         * attribution leaves alone) */
        while (m < d->nmen && d->ent[d->men[m].entity].kind != EK_MEDIUM)
            m++;
        km = m < d->nmen ? d->men[m].tok_start : UINT32_MAX;
        kc = c < d->cues.n ? d->cues.v[c] : UINT32_MAX;
        k = km < kc ? km : kc;
        if (k == UINT32_MAX)
            break;
        /* both lists in text order, neither twice at a token: k only
         * grows */
        m += km == k;
        c += kc == k;
        t = &tok[k];
        d->via_at[n] = k;
        n += (t->type == TK_WORD) & !(t->flags & TF_QUOTED) & need[ws_tok_para(d, k)];
    }
    /* an end no bound passes (a bound is a token's index): find_via_in's
     * walks test no count (cap holds one more than the entries) */
    d->via_at[n] = UINT32_MAX;
    d->nvia_at = n;
done:
    ws_release(d->mem, need, d->npara + 1);
    ws_toklist_release(d->mem, &d->cues);
    return rc;
}

/* look[0] and look[1] are find_via's for the quote's paragraph and the
 * next one, each zeroed for the document's first quote. */
static void assign_via(ws_doc *d, ws_iquote *q, via_look look[2])
{
    uint32_t para = ws_tok_para(d, q->open_tok);
    uint32_t from = d->para_first[para], to = d->para_first[para + 1];
    channel ch;
    int found;
    if (q->entity >= 0 && d->ent[q->entity].kind == EK_MEDIUM)
        return;
    /* the paragraph, within reach of the quote */
    if (q->open_tok > from + 3 * WINDOW)
        from = q->open_tok - 3 * WINDOW;
    if (to > q->close_tok + 3 * WINDOW)
        to = q->close_tok + 3 * WINDOW;
    found = find_via(d, from, to, q->open_tok, 0, &look[0], &ch);
    /* "the report said" in the next paragraph speaks for this one too */
    if (!found && para + 1 < d->npara && to == d->para_first[para + 1]) {
        uint32_t next_to = d->para_first[para + 2];
        if (next_to > to + 3 * WINDOW)
            next_to = to + 3 * WINDOW;
        found = find_via(d, to, next_to, to, 1, &look[1], &ch);
    }
    if (!found)
        return;
    if (ch.entity >= 0) {
        if (ch.entity != q->entity)
            q->via = ch.entity;
    } else if (q->speaker_text == NULL ||
               q->mention.start != T(d, ch.s)->start) {
        q->via_span.start = T(d, ch.s)->start;
        q->via_span.end = T(d, ch.e - 1)->end;
    }
}

/* Whether a speaker phrase names a medium ("KCNA", "the state news
 * agency"), which relays rather than speaks. */
static int medium_np(ws_doc *d, const np *who)
{
    uint32_t k;
    if (who->entity >= 0)
        return d->ent[who->entity].kind == EK_MEDIUM;
    for (k = who->s; k < who->e; k++) {
        size_t n = 0;
        if ((T(d, k)->lex | ws_lexicon_phrase(d->lx, d, k, &n)) & LX_MEDIUM)
            return 1;
    }
    return 0;
}

/* ---- kinds ----------------------------------------------------------- */

/* The shape of a quote's words. */
struct shape {
    uint32_t words;   /* words and numbers, counted to 11 when not capped */
    uint32_t caps;    /* capitalised ones */
    int capped;       /* every word capitalised but small ones: a title */
    unsigned char last; /* the punctuation that ends it, or 0 */
};

static shape quote_shape(const ws_doc *d, const ws_iquote *q)
{
    shape sh = {0, 0, 0, 0};
    uint32_t k, titled = 0;     /* the words capitalised or small */
    uint32_t last = q->closed ? q->close_tok : q->close_tok + 1;
    /* each token counted with no branch on what it is: whether it is a
     * word, capitalised or small follows the text, and a branch on it
     * mispredicted every few tokens.  No reader tells 11 words from more:
     * past them, only while every word may be a title's */
    for (k = q->open_tok + 1; k < last && (sh.words <= 10 || titled == sh.words); k++) {
        const ws_token *t = T(d, k);
        uint32_t word = (unsigned)(t->type - TK_WORD) < 2u;   /* or a number */
        uint32_t cap = word & (((t->flags & TF_CAP) != 0) | (t->type == TK_NUMBER));
        sh.words += word;
        sh.caps += cap;
        titled += cap | (word & ((t->lex & (LX_FUNCTION | LX_PREP)) != 0));
    }
    if (last > q->open_tok + 1 && T(d, last - 1)->type == TK_PUNCT)
        sh.last = T(d, last - 1)->ch;
    sh.capped = sh.words >= 1 && titled == sh.words &&
                (sh.caps >= 2 || sh.words == 1);
    return sh;
}

/* What the words before a quote say it is: 1 a title or a term ("so-called",
 * the film "Jaws", known as), 3 words named as words ("the phrase", "the
 * slogan", "dubbed", "titled"), 2 a title owned by someone (NBC's "Nightly
 * News"), 0 nothing. */
static int scare_cue_before(const ws_doc *d, const ws_iquote *q)
{
    uint32_t o = q->open_tok;
    /* the flags before the type: few words have them, where whether the
     * token before a quote is a word is a coin toss */
    if (o >= 1 && (T(d, o - 1)->lex & LX_SCARE_CUE) && T(d, o - 1)->type == TK_WORD)
        return ws_tok_is(d, o - 1, "so-called") ? 1 : 3;
    if (o >= 1 && (T(d, o - 1)->lex & LX_TITLE_NOUN) && T(d, o - 1)->type == TK_WORD &&
        o + 1 < d->ntok && (T(d, o + 1)->flags & TF_CAP))
        return 1;   /* the film "Jaws", not the fuel bill "out of reach" */
    if (o >= 2 && ws_tok_is_flagged(d, o - 1, LX_CLAUSE_LINK, "as") &&
        ws_tok_is(d, o - 2, "known"))
        return 1;
    if (o >= 1 && T(d, o - 1)->type == TK_POSS)
        return 2;  /* NBC's "Nightly News": a title owned by someone */
    return 0;
}

/* Whether token k stands for a person: him, them, a person's name, a
 * role ("the senator"). */
static int person_word(const ws_doc *d, uint32_t k)
{
    const ws_token *t = T(d, k);
    if ((t->lex & LX_PRONOUN) && (t->lex & (LX_MALE | LX_FEMALE | LX_PLURAL)))
        return 1;
    if (ws_mention_at(d, k) >= 0)
        return d->ent[ws_entity_root(d, d->men[ws_mention_at(d, k)].entity)].kind == EK_PERSON;
    return (t->lex & LX_ROLE) != 0;
}

/* What a verb just before a quote makes it: 1 the object of a verb of
 * saying, or the name a verb of naming gives a person (a sign reading "Dump
 * Trump", chanting "USA! USA!", called him "Little Marco"), what somebody
 * said however much it looks like a title; -1 the person told ("told "Fox
 * and Friends"") or the name given a thing ("called the plan "Operation
 * Lighthouse""), a title; 0 no such verb. */
static int said_object(ws_doc *d, const ws_iquote *q)
{
    static const word_key naming[] = {LONG_WORD(call), LONG_WORD(calls),
        LONG_WORD(called), LONG_WORD(calling), LONG_WORD(dubbed),
        LONG_WORD(dubbing), LONG_WORD(labeled), LONG_WORD(labelled),
        LONG_WORD(labeling), LONG_WORD(branded), LONG_WORD(branding),
        LONG_WORD(nicknamed)};
    static const uint64_t be[] = {SHORT_WORD(be), SHORT_WORD(been), SHORT_WORD(being),
        SHORT_WORD(is), SHORT_WORD(are), SHORT_WORD(was), SHORT_WORD(were)};
    static const uint64_t utterances[] = {SHORT_WORD(chant), SHORT_WORD(chants),
        SHORT_WORD(chorus), SHORT_WORD(cry), SHORT_WORD(cries), SHORT_WORD(shout),
        SHORT_WORD(shouts), SHORT_WORD(call), SHORT_WORD(calls), SHORT_WORD(cheer),
        SHORT_WORD(cheers), SHORT_WORD(refrain)};
    uint32_t o = q->open_tok, k, n, fl;
    int person = 0;
    /* "chants of "Ted! Ted!"": the quote is what the crowd chanted */
    if (o > 1 && ws_tok_is(d, o - 1, "of") && word_in(d, o - 2, utterances) &&
        outside(d, o - 2))
        return 1;
    /* shouted, "Ted!": a comma or colon between a verb and its quote */
    if (o > 1 && punct_either(d, o - 1, ',', ':'))
        o--;
    for (k = o, n = 0; k-- > 0 && n < 5; n++) {
        if (!outside(d, k) || !same_para(d, k, o) || !is_word(d, k))
            return 0;
        if (cue_at(d, k, &fl)) {
            /* "has been called the "Trump of the East"": the passive names
             * its subject, somebody's name for it */
            if (n > 0 && long_word_in(d, k, naming))
                return person || (k > 0 && word_in(d, k - 1, be)) ? 1 : -1;
            if (n > 0)
                return 0;
            return long_word_in(d, k, naming) || !addressee_cue(d, k) ? 1 : -1;
        }
        if (T(d, k)->lex & (LX_PREP | LX_CUE_NOUN))
            return 0;
        person |= person_word(d, k);
    }
    return 0;
}

/* A quote that modifies the noun after it names a thing, not speech:
 * the "gun violence" narrative, an "opt-out" movement, the Obama "hug."
 * After a subject pronoun the quote is the clause's verb and the noun its
 * object: they "quietly shelved" plans. */
static int modifies_noun(const ws_doc *d, const ws_iquote *q)
{
    static const uint64_t subjects[] = {SHORT_WORD(he), SHORT_WORD(she),
        SHORT_WORD(they), SHORT_WORD(we), SHORT_WORD(i)};
    uint32_t k = q->close_tok + 1;
    const ws_token *t;
    if (!q->closed || k >= d->ntok || !same_para(d, q->close_tok, k))
        return 0;
    t = T(d, k);
    if (t->type != TK_WORD || (t->flags & TF_CAP))
        return 0;
    if (t->lex & (LX_FUNCTION | LX_PREP | LX_AUX | LX_CUE | LX_PRONOUN))
        return 0;
    /* a word ending the quote's sentence inside the marks is speech */
    if (T(d, q->close_tok - 1)->type == TK_PUNCT)
        return 0;
    /* the list last: the flags above rule out most quotes for less */
    return !(q->open_tok > 0 && word_in(d, q->open_tok - 1, subjects));
}

/* Whether a sieve read the quote's own clause ("Q," S said; S said: "Q"),
 * which outweighs how the quote looks. */
static int tight_rule(const char *rule)
{
    static const char *const tight[] = {"trailing-cue", "dash", "leading-colon",
        "leading-cue", "transcript", "according-to", NULL};
    int k;
    /* the first letters differ for most rules: a call to strcmp for none */
    for (k = 0; rule && tight[k]; k++)
        if (rule[0] == tight[k][0] && strcmp(rule, tight[k]) == 0)
            return 1;
    return 0;
}

/* Words before a quote that make a capitalised quote a title: on "Face the
 * Nation", in "The Walking Dead", of "Equity", CNN's "New Day". */
static int title_place(const ws_doc *d, uint32_t o)
{
    static const word_key before[] = {LONG_WORD(on), LONG_WORD(in), LONG_WORD(of),
        LONG_WORD(for), LONG_WORD(from), LONG_WORD(to), LONG_WORD(and),
        LONG_WORD(like), LONG_WORD(as), LONG_WORD(the), LONG_WORD(show),
        LONG_WORD(film), LONG_WORD(movie), LONG_WORD(book), LONG_WORD(song),
        LONG_WORD(album), LONG_WORD(series), LONG_WORD(program), LONG_WORD(drama),
        LONG_WORD(comedy), LONG_WORD(documentary), LONG_WORD(play),
        LONG_WORD(column), LONG_WORD(newsletter), LONG_WORD(podcast)};
    static const uint64_t owners[] = {SHORT_WORD(the), SHORT_WORD(his),
        SHORT_WORD(her), SHORT_WORD(its), SHORT_WORD(their), SHORT_WORD(our),
        SHORT_WORD(my), SHORT_WORD(your)};
    const ws_token *y;
    if (o == 0)
        return 0;
    /* his 1994 "Contract with America": a year modifies the name after it */
    y = T(d, o - 1);
    if (y->type == TK_NUMBER && y->end - y->start == 4 && o > 1 &&
        (T(d, o - 2)->type == TK_POSS || word_in(d, o - 2, owners)))
        return 1;
    return T(d, o - 1)->type == TK_POSS || punct(d, o - 1, ',') ||
           long_word_in(d, o - 1, before);
}

/* Whether the words around a quote hold a reporting verb or a pronoun
 * standing for somebody (he, they, her): a voice the quote could be. */
static int voice_near(ws_doc *d, const ws_iquote *q)
{
    uint32_t from, to, k, fl;
    quote_window(d, q, &from, &to);
    for (k = from; k < to; k++) {
        if (!outside(d, k))
            continue;
        if (cue_at(d, k, &fl))
            return 1;
        /* he, her, they, we, I; not it, and not the "Her" of a title */
        if (is_word(d, k) && (T(d, k)->lex & LX_PRONOUN) &&
            (ws_tok_is(d, k, "i") ||
             ((T(d, k)->lex & (LX_MALE | LX_FEMALE | LX_PLURAL)) &&
              (!(T(d, k)->flags & TF_CAP) || (T(d, k)->flags & TF_SENT)))))
            return 1;
    }
    return 0;
}

/* Whether the document's quotes mostly open with double marks, so that
 * single ones are the marked choice. */
static int count_double_marks(const ws_doc *d)
{
    size_t i, dbl = 0, sgl = 0;
    for (i = 0; i < d->nq; i++) {
        unsigned m = ws_mark_family(T(d, d->q[i].open_tok));
        dbl += m == MF_DOUBLE;
        sgl += m == MF_SINGLE;
    }
    return dbl > sgl;
}

/* Whether the possessive 's at token poss follows a person's name. */
static int possessor_person(const ws_doc *d, uint32_t poss)
{
    const ws_mention *m;
    if (poss == 0 || ws_mention_at(d, poss - 1) < 0)
        return 0;
    m = &d->men[ws_mention_at(d, poss - 1)];
    return d->ent[ws_entity_root(d, m->entity)].kind == EK_PERSON;
}

/* Whether token k is a name's initials: "C", "C.L". */
static WS_HOT_INLINE int initials(const ws_doc *d, uint32_t k)
{
    const ws_token *t = T(d, k);
    return is_word(d, k) && ((t->flags & TF_INITIAL) ||
                             ((t->flags & TF_ALLCAPS) && t->end - t->start <= 4 &&
                              memchr(d->text + t->start, '.', t->end - t->start)));
}

/* Whether a quote is a nickname inside a name: George "Jay" Keyworth, Gov.
 * C.L. "Butch" Otter.  Not in a title-case headline, where every word is
 * capitalised. */
static int nickname(const ws_doc *d, const ws_iquote *q)
{
    uint32_t o = q->open_tok, c = q->close_tok, b;
    if (!q->closed || o == 0 || c + 1 >= d->ntok || d->headline[ws_tok_para(d, o)])
        return 0;
    b = o - 1;
    if (punct(d, b, '.') && b > 0 && initials(d, b - 1))
        b--;   /* "Robert C. "Bobby" Scott" */
    if (!is_word(d, b) || !(T(d, b)->flags & TF_CAP) ||
        !((T(d, b)->lex & LX_FIRSTNAME) || initials(d, b)))
        return 0;
    return is_word(d, c + 1) && (T(d, c + 1)->flags & TF_CAP) &&
           !(T(d, c + 1)->lex & (LX_FUNCTION | LX_PREP | LX_AUX));
}

/* Whether quote q follows a quote of speech in its sentence with nothing
 * but "and", "or" or commas between them. */
static int coordinated_speech(const ws_doc *d, const ws_iquote *q)
{
    const ws_iquote *p;
    uint32_t k;
    if (q == d->q)
        return 0;
    p = q - 1;
    /* one test, with no branch on its parts: most quotes are far from the
     * one before, and the rest is asked as cheaply as the distance */
    if ((q->open_tok - p->close_tok > 4) | !q->closed | !p->closed | (p->kind == WS_SCARE) |
        (T(d, p->close_tok)->sent != T(d, q->open_tok)->sent))
        return 0;
    for (k = p->close_tok + 1; k < q->open_tok; k++)
        if (!punct(d, k, ',') && !ws_tok_is(d, k, "and") && !ws_tok_is(d, k, "or"))
            return 0;
    return 1;
}

/* Whether the quote's sentence ends with the clause that reports it ("...,
 * Rubio said.", "..., said Lena Ost."): then all of the sentence, a title
 * in it too, is what was said. */
static int reported_sentence(ws_doc *d, const ws_iquote *q)
{
    uint32_t from, to, k;
    attrib a;
    if (!q->closed)
        return 0;
    memset(&a, 0, sizeof a);
    quote_window(d, q, &from, &to);
    for (k = q->close_tok + 1; k + 2 < to; k++)
        if (punct(d, k, ',') && is_phrase(d, k + 1, "according", "to") && outside(d, k + 1))
            return 1;   /* "..., according to show insiders." */
    return sentence_final(d, q, from, to, &a);
}

/* Whether a byline follows the quote: "Port to close at the end of May,"
 * by Times' Ana Ruiz; ''A Long War,'' by the historian Lee Park.  Then the
 * quote is the headline or title of a piece, a capitalised one of some
 * words set off by a comma, and the name after "by" its author.  Without
 * the comma "by" belongs to the quoted words ("that intervention" by the
 * allies), as it does after lower case ("arrested" by the police); "By
 * Monday" starts a sentence. */
static int byline_after(const ws_doc *d, const ws_iquote *q, const shape *sh)
{
    uint32_t c = q->close_tok, k, by = c + 1;
    if (!q->closed || sh->words < 2 || c < 2)
        return 0;
    /* "by" first: few quotes have it after them, where whether one ends
     * with a comma is a coin toss */
    if (!ws_tok_is_flagged(d, by, LX_PREP, "by") || (T(d, by)->flags & TF_CAP))
        return 0;
    k = ws_tok_mark(T(d, c - 1)) ? c - 2 : c - 1;   /* ... 'Neverland,'" */
    if (k <= q->open_tok || !punct(d, k, ','))
        return 0;
    for (k = q->open_tok + 1; k < c && T(d, k)->type != TK_WORD &&
                              T(d, k)->type != TK_NUMBER; k++)
        ;   /* "'Hamilton' to play Chicago," begins with a mark */
    if (k == c || !(T(d, k)->flags & TF_CAP))
        return 0;
    k = ws_tok_is(d, by + 1, "the") ? by + 2 : by + 1;
    return is_word(d, k) && (T(d, k)->flags & TF_CAP);
}

/* Whether the quote names a work or a term: set off by commas after the
 * noun for a work (her commentary, "Tell your story," is thoughtful), or
 * defined after it (a "targeted area," which is defined as ...). */
static int named_term(const ws_doc *d, const ws_iquote *q)
{
    uint32_t o = q->open_tok, k = q->close_tok + 1, j, fl;
    /* the quote and the words after it in one paragraph, asked after the
     * tests that few quotes pass, not before: whether a quote ends its
     * paragraph is a coin toss */
    if (!q->closed || k >= d->ntok)
        return 0;
    /* the title noun first: few quotes follow one */
    if (o >= 2 && (T(d, o - 2)->lex & LX_TITLE_NOUN) && is_word(d, o - 2) &&
        punct(d, o - 1, ',') && punct(d, q->close_tok - 1, ',') &&
        is_word(d, k) && finite_verb(d, k)) {
        if (!same_para(d, q->close_tok, k))
            return 0;
        /* the noun is the sentence's subject, not "said of the episode,";
         * a short way into its sentence */
        j = d->sent_first[T(d, o)->sent];
        if (o - j > 24)
            return 0;
        for (; j + 2 < o; j++)
            if (cue_at(d, j, &fl))
                return 0;
        return 1;
    }
    if (punct(d, k, ','))
        k++;
    if (k < d->ntok && (d->tok[k].lex & (LX_CLAUSE_LINK | LX_CLAUSE_JOIN)) &&
        (ws_tok_is(d, k, "which") || ws_tok_is(d, k, "that")))
        k++;
    k = skip_aux_right(d, k);
    return ws_tok_is(d, k, "defined") && same_para(d, q->close_tok, q->close_tok + 1);
}

/* Whether the quote labels the person named after it, alone or with a
 * role between: "Harbor Kings" star Tom Berg, the paper's "night
 * reporter" Lena Ost.  The show or the job is a title, not speech. */
static int labels_person(const ws_doc *d, const ws_iquote *q)
{
    static const uint64_t owners[] = {SHORT_WORD(his), SHORT_WORD(her),
        SHORT_WORD(their), SHORT_WORD(my), SHORT_WORD(our), SHORT_WORD(your)};
    uint32_t k = q->close_tok + 1;
    const ws_mention *m;
    int role_after;
    if (!q->closed || k >= d->ntok)
        return 0;
    /* the roles first: few quotes have one at either side of their
     * closing mark, where whether one ends its paragraph is a coin toss */
    role_after = (T(d, k)->lex & LX_ROLE) && T(d, k)->type == TK_WORD;
    if (!role_after && !(T(d, q->close_tok - 1)->lex & LX_ROLE))
        return 0;
    if (!same_para(d, q->close_tok, k) || T(d, q->close_tok - 1)->type != TK_WORD)
        return 0;
    if (role_after && ws_mention_at(d, k) < 0)
        k++;    /* "Harbor Kings" star Tom Berg */
    /* but his "old friend" Tom Berg: what he calls him (the list asked
     * after the role and the name, which most quotes lack) */
    if (k >= d->ntok || ws_mention_at(d, k) < 0 ||
        (q->open_tok > 0 && word_in(d, q->open_tok - 1, owners)))
        return 0;
    m = &d->men[ws_mention_at(d, k)];
    return m->tok_start == k && !m->possessive &&
           d->ent[ws_entity_root(d, m->entity)].kind == EK_PERSON;
}

static ws_kind decide_kind(ws_doc *d, const ws_iquote *q, int attributed)
{
    shape sh = quote_shape(d, q);
    int sc = scare_cue_before(d, q);
    uint32_t o = q->open_tok;
    const ws_token *first = q->open_tok + 1 < d->ntok ? T(d, o + 1) : NULL;
    /* with no branch: whether a quote opens its sentence, or follows a
     * colon or comma, is the text's coin toss (o - 1 is o itself, and so
     * no mark of punctuation, for the first token) */
    const ws_token *before = T(d, o > 0 ? o - 1 : o);
    int lead = (o == 0) | ((T(d, o)->flags & (TF_SENT | TF_PARA)) != 0) |
               ((before->type == TK_PUNCT) & ((before->ch == ':') | (before->ch == ',')) &
                (before->end - before->start == 1));
    int ends = sh.last == '.' || sh.last == '?' || sh.last == '!' || sh.last == ',';
    int asks = sh.last == '?' || sh.last == '!';
    /* "hailed him as "The Comeback Kid"", "described the plan as "a
     * disaster"": a quote after "as" is what somebody called it, words
     * someone used however much they look like a title */
    {
        /* "the", "a", "an" are LX_DETERMINER and "as" LX_CLAUSE_LINK
         * (built-in): the flags first */
        uint32_t a = o > 1 && (T(d, o - 1)->lex & LX_DETERMINER) &&
                     (ws_tok_is(d, o - 1, "the") || ws_tok_is(d, o - 1, "a") ||
                      ws_tok_is(d, o - 1, "an")) ? o - 2 : o - 1;
        if (o > 0 && ws_tok_is_flagged(d, a, LX_CLAUSE_LINK, "as") && outside(d, a))
            sc = -1;   /* "known as the "Golden Week"" */
    }
    /* "called her "Miss Piggy" and "Miss Housekeeping"": quotes joined by
     * and, or, a comma share what the first one is */
    if (coordinated_speech(d, q))
        sc = -1;
    /* "Trump used the phrase "radical Islam"": words named as words are
     * somebody's words when the sentence says whose, a term otherwise */
    if (sc == 3)
        sc = attributed ? -1 : 1;
    if (sc == 1 || byline_after(d, q, &sh) || labels_person(d, q) || named_term(d, q))
        return WS_SCARE;
    /* "(CROSSTALK.)", "[Applause]": a transcript's stage direction */
    {
        uint32_t last = q->closed ? q->close_tok - 1 : q->close_tok;
        if (last > q->open_tok + 1 &&
            punct_either(d, q->open_tok + 1, '(', '[') &&
            (punct_either(d, last, ')', ']') ||
             (punct(d, last, '.') && punct_either(d, last - 1, ')', ']'))))
            return WS_SCARE;
    }
    /* 'Legend in the Coal Fields.', "DIVISIVE, STUPID AND WRONG": a
     * paragraph of a few capitalised words in marks and nothing else is a
     * section heading; so is a paragraph of a few words in single marks
     * ('A really tough decision.') where speech takes double ones, as
     * headings do in American news */
    {
        unsigned p = ws_tok_para(d, o);
        if ((q->closed != 0) & (o == d->para_first[p]) & (q->close_tok + 1 == d->para_first[p + 1]) &&
            ((sh.capped && sh.words >= 2 && sh.words <= 10 && !asks) ||
             (ws_mark_family(T(d, o)) == MF_SINGLE && sh.words <= 8 && d->double_marks)))
            return WS_SCARE;
    }
    if (sh.words <= 2 && nickname(d, q))
        return WS_SCARE;
    /* "On ABC's "This Week," Rubio said that ...": a capitalised quote
     * after a possessor or a preposition is the show the sentence happened
     * on, even when a cue follows it; but in "fans of "Prison Break," Mr.
     * Madden said." the cue ends the sentence whose words the title is in */
    if (sh.capped && !asks && sh.words <= 10 && o > 0 && q->closed &&
        !d->headline[ws_tok_para(d, o)] &&
        (T(d, o - 1)->type == TK_POSS ||
         (is_word(d, o - 1) && (T(d, o - 1)->lex & (LX_PREP | LX_TITLE_NOUN))) ||
         (punct(d, o - 1, ',') && o > 1 && is_word(d, o - 2) &&
          (T(d, o - 2)->lex & LX_TITLE_NOUN))) &&   /* "her new book, "Tides,"" */
        !attribution_only(d, q->close_tok + 1 + punct(d, q->close_tok + 1, ',')) &&
        !reported_sentence(d, q) && said_object(d, q) <= 0)
        return WS_SCARE;
    if (!tight_rule(q->rule) && sc >= 0) {
        /* titles of shows, books and laws, and nouns made of quotes */
        /* in a title-case headline every quote is capitalised: there a
         * capitalised quote is no sign of a title */
        /* a capitalised quote is a title unless a verb says it, or a
         * speaker and a voice are near and it stands where words said
         * stand: not after the words that introduce titles, nor before the
         * noun it names */
        /* ... and words that open a sentence, or follow a colon or comma,
         * and end with a full stop inside the marks read as an utterance:
         * "the president added. "We're America."", "had one message: "Dump
         * Trump."" */
        if (sh.capped && !asks && sh.words <= 10 && !(lead && sh.last == '.') &&
            (sh.words >= 2 || title_place(d, o)) && !d->headline[ws_tok_para(d, o)]) {
            int said = said_object(d, q);
            if (said < 0 || (said == 0 && !(attributed && voice_near(d, q) &&
                                            !title_place(d, o) && !modifies_noun(d, q)) &&
                             !reported_sentence(d, q)))
                return WS_SCARE;
        }
        /* a cue in the sentence makes even "special" ties speech */
        if (sh.words <= 4 && modifies_noun(d, q) &&
            (!q->rule || strcmp(q->rule, "sentence-subject") == 0))
            return WS_SCARE;
        /* NBC's "Nightly News" is a title; Sanders's "political
         * revolution" is his phrase */
        if (!attributed && sc == 2 && (sh.capped || !possessor_person(d, o - 1)))
            return WS_SCARE;
        /* a few words in marks that nobody in the sentence could have
         * said, with no reporting verb and no he or they near, are the
         * writer's own: the "marbling" of the rebel groups; so is one word
         * that only the clause's subject was found to say; a sentence of
         * its own ("Absolutely.") or a question is somebody's utterance */
        {
            int subject_only = q->rule && strcmp(q->rule, "sentence-subject") == 0;
            if ((!attributed || (subject_only && sh.words == 1)) && sh.words <= 4 &&
                !asks && !(lead && sh.last == '.') && !voice_near(d, q))
                return WS_SCARE;
        }
    }
    /* each a test with no branch on its parts, coin tosses of the text */
    if ((first != NULL && (first->flags & TF_CAP)) & lead & (sh.words >= 3))
        return WS_DIRECT;
    if (lead & (sh.words >= 6) & ends)
        return WS_DIRECT;
    return WS_PARTIAL;
}

/* ---- the driver ------------------------------------------------------ */

/* ""Q1," Murphy said. ... "Q2," he added": a he or she who adds or
 * continues is who spoke the quote before, in its paragraph or the one
 * before, when the gender fits. */
static void adds_to_last(ws_doc *d, const ws_iquote *q, attrib *a)
{
    static const word_key going_on[] = {LONG_WORD(added), LONG_WORD(adds),
        LONG_WORD(continued), LONG_WORD(continues)};
    const ws_iquote *p;
    const ws_entity *en;
    int want;
    if (a->who.kind != MK_PRONOUN || a->cue_e != a->cue_s + 1 ||
        !long_word_in(d, a->cue_s, going_on) || q == d->q)
        return;
    for (p = q - 1; p >= d->q && p->entity < 0 && !p->rule; p--)
        if (ws_tok_para(d, p->open_tok) + 1 < ws_tok_para(d, q->open_tok))
            return;
    if (p < d->q || p->entity < 0 || ws_tok_para(d, p->open_tok) + 1 < ws_tok_para(d, q->open_tok))
        return;
    en = &d->ent[p->entity];
    want = (T(d, a->who.head)->lex & LX_MALE) ? G_MALE :
           (T(d, a->who.head)->lex & LX_FEMALE) ? G_FEMALE : 0;
    if (!want || en->kind != EK_PERSON || (en->gender && en->gender != want))
        return;
    a->who.entity = p->entity;
}

/* Whether the phrase [s, e) stands as a subject: outside quotes, not
 * after a preposition, and a verb after it ("the campaign put out",
 * "Critics of the program sent", "The email, released by ..., reads"). */
static int subject_at(const ws_doc *d, uint32_t s, uint32_t e, uint32_t sent_from)
{
    uint32_t v;
    if (!outside(d, s) || (s > sent_from && is_word(d, s - 1) && (T(d, s - 1)->lex & LX_PREP)))
        return 0;
    /* "Critics of the EB-5 program sent", "Thursday's memo from the panel
     * seemed": past what qualifies it */
    if (is_word(d, e) && (T(d, e)->lex & LX_PREP) && e + 1 < d->ntok) {
        v = e + 1;
        while (v < e + 5 && is_word(d, v) && !verb_like(d, v))
            v++;
        e = v;
    }
    v = verb_after(d, e, d->ntok);
    return v < d->ntok && verb_like(d, v);
}

/* What an "it" or "they" that speaks stands for ("The campaign put out a
 * statement. In cases of abortion, it said, ...", "Critics of the
 * program sent a letter. "Q," they wrote"): the nearest subject before it
 * in its own sentence, else the first of the two sentences before, that
 * can speak: for "it" an organisation, a medium or a document ("the
 * memo", "Thursday's memo"), for "they" two people joined by "and" or a
 * plural role ("Democrats and Republicans in Congress").  Sets the
 * entity or the phrase; returns whether it found one. */
static int speaking_antecedent(ws_doc *d, uint32_t pron, attrib *a, int depth)
{
    int they = ws_tok_is(d, pron, "they");
    uint32_t sent = T(d, pron)->sent, s;
    for (s = sent + 1; s-- > (sent > 2 ? sent - 2 : 0);) {
        uint32_t from = d->sent_first[s], to = d->sent_first[s + 1], k;
        int found = 0;
        uint32_t fs = 0, fe = 0;
        int fent = -1;
        if (to > pron)
            to = pron;
        if (to > from + WINDOW)
            to = from + WINDOW;
        for (k = from; k < to; k++) {
            int m = ws_mention_at(d, k);
            if (!outside(d, k))
                continue;
            /* "They sent a letter ... "Q," they wrote": the same pronoun
             * as a subject before goes on with what it stands for */
            if (s != sent && depth < 2 && is_word(d, k) && (T(d, k)->flags & TF_SENT) &&
                ws_same_lower(d->text + T(d, k)->start, d->text + T(d, pron)->start,
                              T(d, pron)->end - T(d, pron)->start) &&
                T(d, k)->end - T(d, k)->start == T(d, pron)->end - T(d, pron)->start)
                return speaking_antecedent(d, k, a, depth + 1);
            if (m >= 0 && d->men[m].tok_start == k) {
                const ws_mention *mm = &d->men[m];
                int e = ws_entity_root(d, mm->entity);
                uint32_t end = mm->tok_end;
                k = mm->tok_end - 1;
                if (mm->possessive)
                    continue;
                if (they && ws_tok_is(d, end, "and") && ws_mention_at(d, end + 1) >= 0)
                    end = d->men[ws_mention_at(d, end + 1)].tok_end;
                if (!(s != sent && mm->tok_start == from) && !subject_at(d, mm->tok_start, end, from))
                    continue;
                if ((d->ent[e].kind == EK_ORG || (!they && d->ent[e].kind == EK_MEDIUM)) &&
                    !(T(d, mm->tok_start)->flags & TF_ALLCAPS)) {
                    found = 1, fent = e;
                } else if (they && d->ent[e].kind == EK_PERSON && ws_tok_is(d, mm->tok_end, "and") &&
                           ws_mention_at(d, mm->tok_end + 1) >= 0 &&
                           d->ent[ws_entity_root(d, d->men[ws_mention_at(d, mm->tok_end + 1)].entity)].kind ==
                               EK_PERSON) {
                    int two[2];
                    two[0] = e;
                    two[1] = ws_entity_root(d, d->men[ws_mention_at(d, mm->tok_end + 1)].entity);
                    fent = ws_entity_group(d, two, 2);
                    found = fent >= 0;
                } else
                    continue;
            } else if (is_word(d, k) && m < 0 &&
                       (they ? (T(d, k)->lex & (LX_ROLE | LX_PLURAL)) == (LX_ROLE | LX_PLURAL)
                             : (T(d, k)->lex & (LX_ORG | LX_CUE_NOUN)) &&
                               !(T(d, k)->lex & LX_PLURAL) && !(T(d, k)->flags & TF_CAP) &&
                               k > from && (determiner(d, k - 1) || T(d, k - 1)->type == TK_POSS ||
                                            is_word(d, k - 1)))) {
                uint32_t ps;
                fs = role_start(d, k, from);
                fe = k + 1;
                /* "Trump's campaign", "Thursday's memo": with its possessor */
                ps = fs;
                if (fs >= from + 2 && T(d, fs - 1)->type == TK_POSS && is_word(d, fs - 2))
                    ps = ws_mention_at(d, fs - 2) >= 0 ? d->men[ws_mention_at(d, fs - 2)].tok_start : fs - 2;
                /* "Democrats and Republicans in Congress" */
                if (they && ws_tok_is(d, fe, "and") && is_word(d, fe + 1) &&
                    (T(d, fe + 1)->lex & (LX_ROLE | LX_PLURAL)) == (LX_ROLE | LX_PLURAL))
                    fe += 2;
                /* an earlier sentence's first words are its subject */
                if (!(s != sent && ps == from) && !subject_at(d, ps, fe, from))
                    continue;
                fs = ps;
                found = 1;
                /* "Critics of the EB-5 program": with what it is of */
                if (ws_tok_is(d, fe, "of")) {
                    uint32_t x = fe + 1;
                    while (x < to && x < fe + 6 && is_word(d, x) && outside(d, x) &&
                           !verb_like(d, x) && !(T(d, x)->lex & (LX_PREP | LX_CUE)))
                        x++;
                    if (x > fe + 1)
                        fe = x;
                }
            }
            if (found && s != sent)
                break;      /* the first subject of an earlier sentence */
        }
        if (found) {
            if (fent >= 0)
                a->who.entity = fent;
            else {
                a->name_s = fs;
                a->name_e = fe;
            }
            return 1;
        }
    }
    return 0;
}

/* ""Cruz is our best debater," he says": nobody names himself in what he
 * says, so a he or she taken for the person the quote names stands for
 * the next one who fits, when there is one. */
static void not_the_one_named(ws_doc *d, const ws_iquote *q, attrib *a)
{
    size_t m;
    int e;
    if (a->who.kind != MK_PRONOUN || a->who.entity < 0)
        return;
    for (m = ws_mention_from(d, q->open_tok); m < d->nmen && d->men[m].tok_start < q->close_tok; m++)
        if (ws_entity_root(d, d->men[m].entity) == a->who.entity)
            break;
    if (m >= d->nmen || d->men[m].tok_start >= q->close_tok)
        return;
    e = ws_resolve_other(d, a->who.head, T(d, a->who.head)->lex, a->who.entity);
    if (e >= 0)
        a->who.entity = e;
}

static void apply(ws_doc *d, ws_iquote *q, const attrib *a)
{
    if (a->who.entity >= 0)
        d->ent[a->who.entity].strong = 1;   /* a speaker is somebody */
    q->rule = a->rule;
    q->confidence = a->confidence;
    q->entity = a->who.entity;
    q->speaker_text = NULL;
    q->mention.start = T(d, a->who.s)->start;
    q->mention.end = T(d, a->who.e - 1)->end;
    if (a->cue_e > a->cue_s) {
        q->cue.start = T(d, a->cue_s)->start;
        q->cue.end = T(d, a->cue_e - 1)->end;
    }
    if (q->entity < 0 && a->who.kind == MK_NOMINAL) {
        q->speaker_text = d->text + q->mention.start;
        q->speaker_len = q->mention.end - q->mention.start;
    } else if (q->entity < 0 && a->name_e > a->name_s) {
        q->speaker_text = d->text + T(d, a->name_s)->start;
        q->speaker_len = T(d, a->name_e - 1)->end - T(d, a->name_s)->start;
    }
    if (a->who.kind == MK_PRONOUN || (a->who.kind == MK_NOMINAL && q->entity >= 0))
        q->confidence *= 0.85;
}

static void copy_speaker(ws_iquote *to, const ws_iquote *from,
                         const char *rule, double conf)
{
    to->entity = from->entity;
    to->speaker_text = from->speaker_text;
    to->speaker_len = from->speaker_len;
    to->mention = from->mention;
    to->rule = rule;
    to->confidence = conf;
}

/* A sieve found who said it, even when a pronoun stayed unresolved. */
static int attributed(const ws_iquote *q)
{
    return q->rule != NULL;
}

/* Whether tokens [from, to) name anyone but entity (-1: anyone at all)
 * or carry a cue outside quotes. */
static int names_other(ws_doc *d, uint32_t from, uint32_t to, int entity)
{
    uint32_t k, fl;
    for (k = from; k < to; k++) {
        if (!outside(d, k))
            continue;
        if (ws_mention_at(d, k) >= 0 && entity >= 0 && d->men[ws_mention_at(d, k)].entity == entity &&
            !cue_at(d, d->men[ws_mention_at(d, k)].tok_end, &fl))
            continue;   /* ""Q," which Mozloom thinks will ...": the same
                           speaker named again, with no cue of his own */
        if (ws_mention_at(d, k) >= 0 || cue_at(d, k, &fl))
            return 1;
        if (is_word(d, k) && (T(d, k)->lex & LX_PRONOUN) && !(T(d, k)->flags & TF_CAP))
            return 1;
    }
    return 0;
}

static int names_someone(ws_doc *d, uint32_t from, uint32_t to)
{
    return names_other(d, from, to, -1);
}

/* Whether quote q opens its sentence (from: the sentence's first token)
 * and stops inside it, the sentence going on in the writer's words: "Q2
 * ... whether to go after" Osama bin Laden.  The words after it end the
 * quoted sentence; a name there is what the speaker talked about, not who
 * spoke. */
static int runs_on(const ws_doc *d, const ws_iquote *q, uint32_t from)
{
    uint32_t k = q->close_tok + 1;
    if (!q->closed || q->open_tok != from || q->close_tok <= q->open_tok + 1 ||
        T(d, q->close_tok - 1)->type != TK_WORD)
        return 0;
    return k < d->ntok && same_para(d, q->close_tok, k) && is_word(d, k) &&
           !(T(d, k)->flags & TF_SENT);
}

/* Whether tokens [from, to) outside quotes hold a cue. */
static int tail_cue(ws_doc *d, uint32_t from, uint32_t to)
{
    uint32_t k, fl;
    for (k = from; k < to; k++)
        if (outside(d, k) && cue_at(d, k, &fl))
            return 1;
    return 0;
}

/* Whether the cue at token k stands in a relative or subordinate clause:
 * who, which, after, because ... within the four words before it. */
static int subordinate(const ws_doc *d, uint32_t k)
{
    static const word_key words[] = {LONG_WORD(who), LONG_WORD(which),
        LONG_WORD(where), LONG_WORD(when), LONG_WORD(whom), LONG_WORD(that),
        LONG_WORD(after), LONG_WORD(before), LONG_WORD(because), LONG_WORD(since),
        LONG_WORD(while), LONG_WORD(although), LONG_WORD(if), LONG_WORD(until)};
    uint32_t j;
    for (j = k > 4 ? k - 4 : 0; j < k; j++)
        if (long_word_in(d, j, words))
            return 1;
    return 0;
}

/* Whether the cue at token k stands in a relative clause that began
 * earlier in its clause: "said Ms. Warren, who has often been the target
 * of his Twitter attacks". */
static int in_relative_clause(const ws_doc *d, uint32_t k)
{
    static const uint64_t words[] = {SHORT_WORD(who), SHORT_WORD(which),
        SHORT_WORD(whom), SHORT_WORD(whose)};
    uint32_t j, n;
    for (j = k, n = 0; j > 0 && n < 24; j--, n++) {
        const ws_token *t = T(d, j - 1);
        if (!outside(d, j - 1) || (t->type == TK_PUNCT && !punct(d, j - 1, '\'') &&
                                   !punct(d, j - 1, '-')))
            return 0;
        if (word_in(d, j - 1, words))
            return 1;
    }
    return 0;
}

/* Whether token s can open the subject of a clause: the first word of a
 * sentence, or a word after a pause or a conjunction; "referencing a super
 * PAC called Future45" has no subject before "called". */
static int subject_position(const ws_doc *d, uint32_t s)
{
    static const word_key joins[] = {LONG_WORD(and), LONG_WORD(but), LONG_WORD(that),
        LONG_WORD(because), LONG_WORD(while), LONG_WORD(when), LONG_WORD(as),
        LONG_WORD(so), LONG_WORD(then), LONG_WORD(although), LONG_WORD(though)};
    return s == 0 || (T(d, s)->flags & TF_SENT) || T(d, s - 1)->type == TK_PUNCT ||
           ws_tok_mark(T(d, s - 1)) || long_word_in(d, s - 1, joins);
}

/* Whether a sentence in tokens [from, to) opens with somebody other than
 * quote q's speaker doing something: "Tom Berg disagreed." turns the
 * story to another person. */
static int new_subject(ws_doc *d, uint32_t from, uint32_t to, const ws_iquote *q)
{
    uint32_t k;
    for (k = from; k < to; k++) {
        const ws_mention *m;
        if (!(T(d, k)->flags & TF_SENT) || !outside(d, k) || ws_mention_at(d, k) < 0)
            continue;
        m = &d->men[ws_mention_at(d, k)];
        if (m->tok_start != k || m->possessive || m->entity == q->entity ||
            d->ent[m->entity].kind == EK_MEDIUM)
            continue;
        if (verb_like(d, skip_aux_right(d, m->tok_end)))
            return 1;
    }
    return 0;
}

/* Whether tokens [from, to) hold a cue other than the one of quote q, or
 * a sentence about somebody else. */
static int cue_between(ws_doc *d, uint32_t from, uint32_t to, const ws_iquote *q)
{
    uint32_t k, fl = 0, last;
    if (to > from + 4 * WINDOW)
        return 1;   /* too far apart to be one speaker's turn */
    /* from cue to cue, by next_cue, not a test at every token (none is
     * past the text's end) */
    last = to < d->ntok ? to : (uint32_t)d->ntok;
    for (k = next_cue(d, from, last); k < last; k = next_cue(d, k + 1, last)) {
        cue_at(d, k, &fl);
        if (T(d, k)->start == q->cue.start)
            continue;
        if (fl & LX_CUE_ING)
            continue;   /* "..., adding that": the same speaker goes on */
        if (subordinate(d, k) || in_relative_clause(d, k) ||
            is_phrase(d, k, "according", "to"))
            continue;   /* "said O'Donnell, who wrote about it", "where
                           Mrs. Clinton also spoke"; a channel */
        {
            /* "He didn't suggest retaliation.": the same speaker goes on */
            np who;
            uint32_t f = d->sent_first[T(d, k)->sent];
            if (np_left(d, skip_aux_left(d, k, f), f, &who) && speaker_ok(&who) &&
                !(T(d, who.head)->lex & LX_CUE_NOUN) && subject_position(d, who.s)) {
                if (q->entity >= 0 && who.entity == q->entity)
                    continue;
                return 1;
            }
            /* "said Ana Ruiz." or ", said the mayor": an inverted
             * attribution names its own speaker after the cue */
            if ((punct(d, k - 1, ',') || ws_tok_mark(T(d, k - 1)) ||
                 (T(d, k)->flags & TF_SENT)) &&
                np_right(d, k + cue_at(d, k, &fl), &who) && speaker_ok(&who) &&
                (who.entity < 0 || who.entity != q->entity))
                return 1;
            /* "McCain said, asked about the plan", "said to laughs", "on a
             * conference call": a cue with no speaker of its own is no new
             * turn */
        }
    }
    return new_subject(d, from, to, q);
}

/* A medium that reports ("..., KCNA reported") relays the words of the
 * person a cue before the quote names: that person is the speaker. */
static int relayed(ws_doc *d, const ws_iquote *q, attrib *a)
{
    attrib inner;
    if (!medium_np(d, &a->who))
        return 0;
    memset(&inner, 0, sizeof inner);
    if (!sieve_sentence(d, q, &inner) || inner.cue_s > q->open_tok ||
        inner.who.entity == a->who.entity ||
        (inner.who.entity >= 0 && d->ent[inner.who.entity].kind == EK_MEDIUM))
        return 0;
    *a = inner;
    return 1;
}

static void clear_speaker(ws_iquote *q)
{
    q->entity = -1;
    q->speaker_text = NULL;
    q->rule = NULL;
    q->confidence = 0;
    q->mention.start = q->mention.end = WS_NOPOS;
    q->cue.start = q->cue.end = WS_NOPOS;
}

/* Whether a paragraph holds nothing but quotes: no name, cue or pronoun
 * outside them. */
static int quote_only(ws_doc *d, unsigned para)
{
    uint32_t from = d->para_first[para], to = d->para_first[para + 1];
    if (to > from + 8 * WINDOW)
        return 0;   /* a paragraph that long is no quote standing alone */
    return !names_someone(d, from, to);
}

/* The phrase that stands before the cue at token k, from where its
 * clause opens: after "as" or "and", after a comma, a semicolon or a
 * dash, or at the sentence's start (floor): "as the institute's website
 * notes", "; the guild's website notes".  Ten words at most. */
static int cue_phrase(ws_doc *d, uint32_t k, uint32_t floor, np *who)
{
    static const uint64_t opens[] = {SHORT_WORD(as), SHORT_WORD(and),
        SHORT_WORD(but)};
    uint32_t end = skip_aux_left(d, k, floor), c = end;
    while (c > floor && end - c < 10 && outside(d, c - 1) && is_word(d, c - 1) &&
           !word_in(d, c - 1, opens))
        c--;
    if (c > floor && end - c >= 10)
        return 0;
    if (c > floor && !word_in(d, c - 1, opens) && !punct(d, c - 1, ',') &&
        !punct(d, c - 1, ';') && !dash(d, c - 1))
        return 0;
    return c < end && np_loose_mode(d, c, end, 1, who) && who->e == end && speaker_ok(who);
}

/* A paragraph without quotes that introduces what follows: "Wallnau
 * elaborated on the message:", "Clinton responded, saying ...".  Returns
 * the speaker phrase of its last sentence. */
static int lead_in(ws_doc *d, unsigned para, attrib *a)
{
    uint32_t from = d->para_first[para], to = d->para_first[para + 1], k, n, fl;
    uint32_t last_sent;
    np who;
    if (to <= from || to > from + 8 * WINDOW)
        return 0;
    for (k = from; k < to; k++)
        if (ws_tok_mark(&d->tok[k]) || (d->tok[k].flags & TF_QUOTED))
            return 0;
    last_sent = d->sent_first[T(d, to - 1)->sent];
    if (last_sent < from)
        last_sent = from;
    for (k = last_sent; k < to; k++) {
        if ((n = cue_at(d, k, &fl)) == 0)
            continue;
        /* "..., as the institute's website notes:", "The guild's website
         * notes:": a cue that ends the paragraph with a colon, after the
         * phrase that speaks, whatever the sentence's subject */
        if (k + n + 1 == to && punct(d, k + n, ':') && cue_phrase(d, k, last_sent, &who))
            return set(a, &who, k, k + n, "lead-in", 0.6);
        if (clause_subject(d, k, last_sent, &who) && who.kind != MK_NOMINAL)
            return set(a, &who, k, k + n, "lead-in", 0.6);
        /* "Stated Stone:", "Added the mayor:": an inverted cue */
        if ((k == last_sent || punct(d, k - 1, ',')) && !(fl & LX_CUE_ING) &&
            !addressee_cue(d, k) && np_right(d, k + n, &who) && who.kind != MK_PRONOUN &&
            punct(d, who.e, ':'))
            return set(a, &who, k, k + n, "lead-in", 0.6);
        return 0;
    }
    /* "He then listed the qualities a nominee needs:" */
    if (punct(d, to - 1, ':') && clause_subject(d, to - 1, last_sent, &who) &&
        (who.kind == MK_NAME || (who.kind == MK_PRONOUN && who.entity >= 0)))
        return set(a, &who, to - 1, to - 1, "lead-in", 0.55);
    return 0;
}

/* A quote that is a sentence of its own after a sentence with a cue and
 * no quote in the same paragraph: "Schiff said. "The other factor is..."" */
static int lead_in_sentence(ws_doc *d, const ws_iquote *q, attrib *a)
{
    uint32_t s = T(d, q->open_tok)->sent, from, to, k, n, fl;
    np who;
    if (!(T(d, q->open_tok)->flags & TF_SENT) || (T(d, q->open_tok)->flags & TF_PARA) ||
        s == 0)
        return 0;
    from = d->sent_first[s - 1];
    to = d->sent_first[s];
    if (from < d->para_first[ws_tok_para(d, q->open_tok)] || to > from + 2 * WINDOW)
        return 0;
    for (k = from; k < to; k++)
        if (ws_tok_mark(T(d, k)) || (T(d, k)->flags & TF_QUOTED))
            return 0;
    for (k = to; k-- > from;) {
        if ((n = cue_at(d, k, &fl)) == 0 || (fl & LX_CUE_ING) || subordinate(d, k))
            continue;
        if (np_left(d, skip_aux_left(d, k, from), from, &who) && speaker_ok(&who) &&
            who.kind != MK_NOMINAL)
            return set(a, &who, k, k + n, "lead-in", 0.65);
        if (k > from && punct(d, k - 1, ',') && !addressee_cue(d, k) &&
            np_right(d, k + n, &who) && who.kind == MK_NAME)
            return set(a, &who, k, k + n, "lead-in", 0.65);
        return 0;
    }
    return 0;
}

/* Passes the speaker on to the quotes that continue an utterance: the parts
 * of a group, the second half of a split quote, a quote-only paragraph. */
static void continue_speakers(ws_doc *d)
{
    size_t i, p = 0;
    int have_prev = 0;
    for (i = 0; i < d->nq; i++) {
        ws_iquote *q = &d->q[i], *prev;
        if (q->kind == WS_SCARE)
            continue;
        if (!have_prev) {
            have_prev = 1;
            p = i;
            continue;
        }
        prev = &d->q[p];
        p = i;
        if (prev->group == q->group) {
            if (!attributed(q) && attributed(prev))
                copy_speaker(q, prev, "continuation", prev->confidence * 0.9);
            continue;
        }
        /* "Q1," she said, "Q2": the cue between two parts joins them */
        if (prev->para == q->para && q->cue.start != WS_NOPOS &&
            q->cue.start == prev->cue.start && prev->entity == q->entity &&
            q->cue.start >= prev->close && q->cue.end <= q->open) {
            q->group = prev->group;
            q->rule = "split";
            continue;
        }
        if (attributed(q) || !attributed(prev))
            continue;
        {
            uint32_t qs, qe;
            uint32_t ps = d->tok[prev->close_tok].sent;
            quote_window(d, q, &qs, &qe);
            /* names_other reads only what is outside quotes, and none of
             * the quote's own tokens, from mark to mark, is (segment.c):
             * the window around them, not every token inside passed over */
            if (runs_on(d, q, qs) ? tail_cue(d, q->close_tok + 1, qe)
                                  : names_other(d, qs, q->open_tok, prev->entity) ||
                                    names_other(d, q->close_tok + 1, qe, prev->entity))
                continue;
            if (prev->para == q->para) {
                /* "Q1," he said. "Q2." */
                if (!cue_between(d, prev->close_tok + 1, qs, prev)) {
                    copy_speaker(q, prev, "split", prev->confidence * 0.9);
                    if (T(d, q->open_tok)->sent <= ps + 1)
                        q->group = prev->group;
                }
                continue;
            }
            /* a quote-only paragraph after an attributed quote; a word or
             * two alone in a paragraph is a label, not speech */
            if (q->para == prev->para + 1 && quote_only(d, q->para)) {
                shape sh = quote_shape(d, q);
                if (sh.words <= 4 && sh.last != '.' && sh.last != '?' && sh.last != '!')
                    q->kind = WS_SCARE;
                else
                    copy_speaker(q, prev, "continuation", prev->confidence * 0.8);
            }
        }
    }
    /* the first part of a group speaks with the voice of a later part; a
     * quote-only paragraph opens what the next paragraph attributes, or
     * follows a paragraph that introduced it */
    for (i = d->nq; i-- > 0;) {
        ws_iquote *q = &d->q[i], *next = i + 1 < d->nq ? &d->q[i + 1] : NULL;
        attrib a;
        if (attributed(q) || q->kind == WS_SCARE)
            continue;
        if (next && q->group == next->group && attributed(next)) {
            copy_speaker(q, next, "continuation", next->confidence * 0.9);
            continue;
        }
        memset(&a, 0, sizeof a);
        if (lead_in_sentence(d, q, &a)) {
            apply(d, q, &a);
            continue;
        }
        if (!quote_only(d, q->para))
            continue;
        if (q->para > 0 && lead_in(d, q->para - 1, &a)) {
            apply(d, q, &a);
            continue;
        }
        if (next && next->para == q->para + 1 && attributed(next) &&
            next->open_tok == d->para_first[next->para] &&
            next->rule && strcmp(next->rule, "trailing-cue") == 0 &&
            (i == 0 || d->q[i - 1].para + 1 < q->para))
            copy_speaker(q, next, "continuation", next->confidence * 0.6);
    }
    /* the parts after a part that a lead-in attributed, and the
     * quote-only paragraphs after it */
    for (i = 1; i < d->nq; i++) {
        ws_iquote *q = &d->q[i], *prev = &d->q[i - 1];
        if (attributed(q) || !attributed(prev) || q->kind == WS_SCARE)
            continue;
        if (q->group == prev->group)
            copy_speaker(q, prev, "continuation", prev->confidence * 0.9);
        else if (q->para == prev->para + 1 && quote_only(d, q->para) &&
                 prev->rule && strcmp(prev->rule, "lead-in") == 0) {
            shape sh = quote_shape(d, q);
            if (sh.words > 4 || sh.last == '.' || sh.last == '?' || sh.last == '!')
                copy_speaker(q, prev, "continuation", prev->confidence * 0.8);
        }
    }
}

int ws_attribute(ws_doc *d)
{
    size_t i;
    via_look via[2];
    d->role_tok1 = 0;
    if (cue_table(d))
        return WS_ENOMEM;
    d->double_marks = count_double_marks(d);
    for (i = 0; i < d->nq; i++) {
        ws_iquote *q = &d->q[i];
        attrib a;
        int r = ws_rules_apply(d->rules, d, q);  /* user rules first (rules.c) */
        if (r < 0)
            return r;
        if (r > 0) {
            q->kind = decide_kind(d, q, 1);
            if (q->kind == WS_SCARE)
                q->kind = WS_PARTIAL;    /* a user rule says it is speech */
            continue;
        }
        memset(&a, 0, sizeof a);
        if (sieve_label_inside(d, q, &a) || sieve_headline_label(d, q, &a) ||
            sieve_trailing(d, q, &a) || sieve_transcript(d, q, &a) ||
            sieve_leading(d, q, &a) || sieve_sentence(d, q, &a) ||
            sieve_subject(d, q, &a)) {
            not_the_one_named(d, q, &a);
            adds_to_last(d, q, &a);
            if (a.who.kind == MK_PRONOUN && a.who.entity < 0 &&
                (ws_tok_is(d, a.who.head, "it") || ws_tok_is(d, a.who.head, "they")))
                speaking_antecedent(d, a.who.head, &a, 0);
            relayed(d, q, &a);
            apply(d, q, &a);
        }
        q->kind = decide_kind(d, q, attributed(q));
        if (q->kind == WS_SCARE || thing_subject(d, &a))
            clear_speaker(q);
    }
    continue_speakers(d);
    if (via_tokens(d))
        return WS_ENOMEM;
    memset(via, 0, sizeof via);
    for (i = 0; i < d->nq; i++)
        if (attributed(&d->q[i]))
            assign_via(d, &d->q[i], via);
    return d->nomem ? WS_ENOMEM : WS_OK;
}
