/*
 * internal.h -- what the core's stages share.  Not installed, not public.
 *
 * The stages run in order over one ws_doc:
 *   scan.c      bytes -> tokens, paragraphs, sentences, candidate quote marks
 *   segment.c   marks -> quote segments (pairs, nesting, groups, recovery)
 *   mentions.c  tokens -> name, title, pronoun and organisation mentions,
 *               clustered into entities with one canonical name
 *   speakers.c  the extractor's known speakers -> entity names, new mentions
 *   attribute.c quote segments -> speaker, cue, via, kind, by named sieves,
 *               after the extractor's PCRE2 rules (rules.c)
 *   core.c      the public API: extractor, options, allocator, results
 * and, before them all when the extractor reads HTML (ws_options.html):
 *   html.c      HTML -> visible text and a map back to HTML offsets, which
 *               core.c applies to every span of the result
 */
#ifndef WS_INTERNAL_H
#define WS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "whosaid.h"

/* The lexicon's bucket compared by SSE2 (x86-64 has it always); a
 * portable expression elsewhere, or with -DWS_NO_SSE2. */
#if defined(__SSE2__) && !defined(WS_NO_SSE2)
#define WS_LEX_SSE2 1
#include <emmintrin.h>
#endif

/* Nothing declared below leaves the library: in the Lua module, built
 * -fPIC, a default-visibility function may be interposed, so GCC did not
 * inline one into its own file's callers, and every call from another
 * file went through the PLT, an indirect jump (whosaid.h's API stays
 * exported; bench/NOTES.md, "Twelfth round"). */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* For the helpers whose inlining the speed depends on (the scanner's word
 * reader, the predicates the mention stage and the sieves ask at token
 * after token): inlined at every optimisation level GCC and Clang know.
 * `inline' alone is a hint, which GCC's -O2, the level luarocks builds the
 * rock at, turned down for them, and the scanner's words then went through
 * memory: 345 M Ir over PolNeAR train at -O2 against 304 M at -O3
 * (bench/NOTES.md, "Tenth round: the rock's -O2, and Clang"). */
#if defined(__GNUC__)
#define WS_HOT_INLINE inline __attribute__((always_inline))
#else
#define WS_HOT_INLINE inline
#endif
/* For a rare walk GCC would inline into a hot caller, whose code and
 * branches it would then crowd. */
#if defined(__GNUC__)
#define WS_NOINLINE __attribute__((noinline))
#else
#define WS_NOINLINE
#endif

/* ---- windows (core.c) -------------------------------------------------- */

/* A text longer than WS_WINDOW bytes is read in windows of at most that
 * many, each with WS_WINDOW_MARGIN bytes of context or more on either side
 * (whosaid.h says what a caller sees).  256 KB is seven times PolNeAR's
 * longest article (34 KB), so that articles are read in one. */
#define WS_WINDOW ((size_t)256 << 10)
#define WS_WINDOW_MARGIN ((size_t)16 << 10)

/* For the tests and the bench: windows of window bytes (64 at least) with
 * margin bytes of context (a quarter of a window at most).  Not for use
 * while another thread extracts with ex. */
void ws_extractor_set_window(ws_extractor *ex, size_t window, size_t margin);

/* ---- memory ---------------------------------------------------------- */

typedef struct ws_mem {
    ws_alloc_fn fn;
    void *ud;
} ws_mem;

/* The hook behind a NULL alloc: realloc and free. */
void *ws_default_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void *ws_alloc(const ws_mem *m, size_t n);
void *ws_realloc(const ws_mem *m, void *p, size_t oldn, size_t newn);
void ws_release(const ws_mem *m, void *p, size_t n);

/* Grows *items (of *cap elements of size elem) to hold at least need:
 * ws_grow's work when they do not fit. */
int ws_grow_to(const ws_mem *m, void **items, size_t *cap, size_t need,
               size_t elem);
/* Grows *items, when need does not fit, for a stage that has read done of
 * the total units (tokens) it reads: to what the whole text will need at
 * the rate so far, at least a sixteenth more and at most twice the old cap.
 * For the arrays that are live through a stage's peak, where doubling
 * held up to twice what the text needed. */
int ws_grow_part(const ws_mem *m, void **items, size_t *cap, size_t need,
                 size_t elem, size_t done, size_t total);
/* Makes room for at least n elements in *items (of *cap elements of size
 * elem), exactly n when it must grow: for a stage's estimate of what it
 * will need, which ws_grow would round up to a power of two (twice the
 * estimate, at worst, held through the stage's peak). */
int ws_reserve(const ws_mem *m, void **items, size_t *cap, size_t n, size_t elem);
/* Gives back what *items (of *cap elements of size elem) holds beyond its
 * first n, once no more will be added.  A shrink that fails (the
 * allocator contract, lua_Alloc's, says it does not) keeps the block. */
void ws_shrink(const ws_mem *m, void **items, size_t *cap, size_t n,
               size_t elem);
/* Grows *items (of *cap elements of size elem) to hold at least need.
 * Inline: the stages call it for every item they append. */
static inline int ws_grow(const ws_mem *m, void **items, size_t *cap,
                          size_t need, size_t elem)
{
    return need <= *cap ? 0 : ws_grow_to(m, items, cap, need, elem);
}

/* A bump allocator for strings that live as long as one result. */
typedef struct ws_arena_block ws_arena_block;
typedef struct ws_arena {
    const ws_mem *mem;
    ws_arena_block *head;
} ws_arena;

void *ws_arena_alloc(ws_arena *a, size_t n);
char *ws_arena_strdup(ws_arena *a, const char *s, size_t n);
void ws_arena_free(ws_arena *a);

/* ---- lexicon ---------------------------------------------------------- */

/* What a word can be; one word may be several. */
enum {
    LX_CUE = 1u << 0,        /* reporting verb: said, told, vowed ... */
    LX_TITLE = 1u << 1,      /* title before a name: President, Sen., Mr. */
    LX_MALE = 1u << 2,       /* male pronoun, title or first name */
    LX_FEMALE = 1u << 3,     /* female pronoun, title or first name */
    LX_PRONOUN = 1u << 4,    /* he, she, they, I, we, it */
    LX_PLURAL = 1u << 5,     /* they, we, officials, leaders */
    LX_ROLE = 1u << 6,       /* a person described: spokeswoman, leader */
    LX_ORG = 1u << 7,        /* a head noun naming an organisation */
    LX_MEDIUM = 1u << 8,     /* a news agency or state medium */
    LX_ABBREV = 1u << 9,     /* its period does not end a sentence */
    LX_FUNCTION = 1u << 10,  /* a capitalised word that is not a name */
    LX_AUX = 1u << 11,       /* has, had, will, also: between subject and cue */
    LX_PREP = 1u << 12,      /* a preposition: a name after it is no subject */
    LX_FIRSTNAME = 1u << 13, /* a given name */
    LX_PARTICLE = 1u << 14,  /* de, van, bin: lower-case inside a name */
    LX_CUE_NOUN = 1u << 15,  /* statement, remarks: "in a statement" */
    LX_SCARE_CUE = 1u << 16, /* so-called, dubbed, titled: a title follows */
    LX_GROUP = 1u << 17,     /* both, two, three: a group of people */
    LX_CUE_POST = 1u << 18,  /* a cue that needs no object: tweeted, wrote */
    LX_CUE_ING = 1u << 19,   /* a participle: saying, adding, vowing */
    LX_SPEECH_NOUN = 1u << 20, /* words, message, remarks as object of a verb */
    LX_ACRONYM = 1u << 21,   /* written in capitals in the list: matches only
                                a word in capitals (UN, not "Un") */
    LX_TITLE_NOUN = 1u << 22, /* film, book, bill: a capitalised quote after
                                it is a title */
    LX_PAST = 1u << 23,      /* an irregular past tense: went, met, took */
    LX_CHANNEL = 1u << 24,   /* report, agency: "the report said" relays
                                the quote of a medium named before */
    /* three of the sieves' word lists (attribute.c), one flag test a
     * token where its bytes were compared with each word (bench/NOTES.md,
     * "Fifth round") */
    LX_TIME = 1u << 25,      /* monday, today, week: time_word */
    LX_SUBORDINATOR = 1u << 26, /* when, after, because: subordinator */
    LX_CLAUSE_LINK = 1u << 27, /* while, but, which: embedded_between */
    LX_ORG_NAME = 1u << 28   /* convention, summit, times: the head of a
                                name that is an organisation, never a
                                person (mentions.c, run_kind); alone,
                                lower-case, no speaker the way "the
                                committee" is */,
    /* two more of the sieves' lists (attribute.c), as LX_TIME above */
    LX_DETERMINER = 1u << 29, /* the, his, some, those: determiner */
    LX_CLAUSE_JOIN = 1u << 30 /* and, that, so, whether: a clause ends at
                                 it (np_left_loose_core's joins) */
};
/* The first word of some phrase (outside the enum: ISO C enumerators are
 * ints). */
#define LX_PHRASE_HEAD (1u << 31)

/* One entry of the built-in lists (csrc/lexicon/\*.def). */
typedef struct ws_lex_entry {
    const char *word;
    uint32_t flags;
} ws_lex_entry;

/* A phrase of several words, matched token by token. */
typedef struct ws_phrase {
    uint16_t nwords;
    uint32_t flags;
    const char *text;    /* lower-case words separated by spaces */
    uint32_t words_at;   /* its words: lx->phrase_words[words_at...] */
    int32_t next;        /* the next phrase of its bucket, -1 for none */
} ws_phrase;

/* Where a word of a phrase stands in its text: found once, when the
 * phrase is added, not by a strcspn at each word of each match tried
 * (22 k mispredicted branches over PolNeAR train, bench/NOTES.md "Twelfth
 * round"). */
typedef struct ws_phrase_word {
    uint32_t off, len;
    uint64_t key;   /* ws_lex_key: a token's first eight bytes are
                       compared with it, not by ws_same_lower */
} ws_phrase_word;

/* Phrases are listed by the first letter and length of their first word,
 * in the order added, so that a word that heads some phrase is compared
 * with the few that could start with it, not with all of them. */
#define WS_PHRASE_BUCKETS 64

static inline unsigned ws_phrase_bucket(unsigned char first, size_t len)
{
    unsigned c = first;
    if (c - 'A' < 26u)
        c += 32;
    return (unsigned)(c * 7u + len) & (WS_PHRASE_BUCKETS - 1);
}

/* The slots are read in buckets of WS_LEX_BUCKET, a word's first bucket
 * the one its hash falls in, and a word goes into the first empty slot
 * from the start of that bucket on (lexicon.c): so the filled slots of a
 * bucket come first, and a word is in the first bucket that holds it or
 * has room, where linear probing from the bucket's start finds it too. */
#define WS_LEX_BUCKET 4
/* ws_lex_bucket_flags compares a bucket's slots as four, written out and
 * in two SSE2 registers of two tags each */
typedef char ws_lex_bucket_of_four[WS_LEX_BUCKET == 4 ? 1 : -1];

typedef struct ws_lexicon {
    const ws_mem *mem;
    /* Open addressing: words, lower-case, hashed with ws_hash_lower, in
     * three arrays so that the scanner's look-up of every word reads few
     * cache lines: the hashes (0: an empty slot), what a look-up needs (a
     * word of eight bytes or fewer is told by its key and length alone,
     * with no hash and no byte compared), and the words, which only words
     * of more than eight bytes are compared with. */
    uint32_t *hashes;
    /* Slot j is lane j % WS_LEX_BUCKET of bucket j / WS_LEX_BUCKET, each
     * field of a bucket's slots side by side, so that ws_lexicon_word
     * compares a whole bucket's tags by SSE2. */
    struct ws_lex_bucket {
        uint64_t tag[WS_LEX_BUCKET];   /* ws_lex_tag, 0 for a word with a
                                          byte below 0x20 */
        uint32_t flags[WS_LEX_BUCKET];
        uint32_t len[WS_LEX_BUCKET];   /* 0: an empty slot */
    } *buckets;                        /* nslots / WS_LEX_BUCKET */
    const char **words;   /* point into static data or owned[] */
    size_t nslots, nused;
    unsigned bucket_shift;   /* 64 - log2(buckets): ws_lex_tag_bucket */
    ws_phrase *phrases;
    size_t nphrases, cphrases;
    ws_phrase_word *phrase_words;
    size_t nphrase_words, cphrase_words;
    int32_t phrase_first[WS_PHRASE_BUCKETS];   /* -1: none */
    char **owned;        /* strings added at run time */
    size_t nowned, cowned;
} ws_lexicon;

int ws_lexicon_init(ws_lexicon *lx, const ws_mem *mem);
void ws_lexicon_free(ws_lexicon *lx);
/* Adds a word or phrase (copied) with flags. */
int ws_lexicon_add(ws_lexicon *lx, const char *s, size_t n, uint32_t flags,
                   int copy);
/* Whether a[0..n) and b[0..n) are the same but for the case of A-Z. */
int ws_same_lower(const char *a, const char *b, size_t n);

/*
 * Word hashes.  A word is hashed eight bytes at a time, A-Z in lower case:
 * each chunk of up to eight bytes, the first in the lowest byte (a "lane"),
 * zero-padded, goes through ws_hash_step, and ws_hash_end mixes in the
 * length.  So the scanner hashes most words with one step, from the bytes
 * it loaded to find the word's end, and no loop over them.  The hash keys
 * the lexicon and the entity index; only the lexicon's role words are ever
 * told apart by their hash alone (test_scan checks that no two lexicon
 * words share one).  Never 0, which marks an empty lexicon slot.
 */
#define WS_HASH_SEED 0x243F6A8885A308D3u

static inline uint64_t ws_hash_step(uint64_t h, uint64_t chunk)
{
    h = (h ^ chunk) * 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

static inline uint32_t ws_hash_end(uint64_t h, size_t n)
{
    uint32_t r;
    h ^= (uint64_t)n * 0xC2B2AE3D27D4EB4Fu;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 33;
    r = (uint32_t)h;
    return r ? r : 1;
}

/* Bytes s[0..n), n <= 8, A-Z in lower case, as one chunk. */
static inline uint64_t ws_chunk_lower(const char *s, size_t n)
{
    uint64_t c = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned b = (unsigned char)s[i];
        if (b - 'A' < 26u)
            b += 32;
        c |= (uint64_t)b << (8 * i);
    }
    return c;
}

uint32_t ws_hash_lower(const char *s, size_t n);

/* Chunks loaded eight bytes at a time where the compiler and the byte
 * order allow (GCC and Clang, little endian: the first byte lands in the
 * lowest lane, as ws_chunk_lower puts it), A-Z lowered in all eight lanes
 * at once; elsewhere, or with -DWS_BYTEWISE_WORDS, a byte at a time, with
 * the same results. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(WS_BYTEWISE_WORDS)
#define WS_CHUNK_LOADS 1
static inline uint64_t ws_load8(const char *p)
{
    uint64_t c;
    memcpy(&c, p, 8);
    return c;
}

/* The index of the highest bit set in m (m != 0). */
static WS_HOT_INLINE unsigned ws_highest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return 63u - (unsigned)__builtin_clzll(m);
#else
    unsigned b = 0;
    while (m >>= 1)
        b++;
    return b;
#endif
}

/* The top bit of each lane of x that is a capital A-Z: a lane below 0x80
 * is one when adding 0x3F sets its top bit and adding 0x25 does not (no
 * lane carries into the next, the top bits cleared first). */
static inline uint64_t ws_caps8(uint64_t x)
{
    uint64_t t = x & 0x7F7F7F7F7F7F7F7Fu;
    return (t + 0x3F3F3F3F3F3F3F3Fu) & ~(t + 0x2525252525252525u) & ~x &
           0x8080808080808080u;
}

/* x with A-Z in lower case in each lane. */
static inline uint64_t ws_lower8(uint64_t x)
{
    return x | (ws_caps8(x) >> 2);
}
#endif

/* A word's lexicon key: its first chunk (up to eight bytes, lower case).
 * With the length it tells a word of eight bytes or fewer apart from
 * every other, so the lexicon matches those with no byte loop. */
static inline uint64_t ws_lex_key(const char *s, size_t n)
{
    return ws_chunk_lower(s, n < 8 ? n : 8);
}

static inline size_t ws_lex_home(const ws_lexicon *lx, uint32_t hash)
{
    return hash & (lx->nslots - 1) & ~(size_t)(WS_LEX_BUCKET - 1);
}

/* The first bucket of a word that has a tag (ws_lex_tag: no byte below
 * 0x20), by its number: the top bits of one multiply of the tag, not its
 * hash, so that the scanner looks words up with no hash at all (a word's
 * hash is five multiplies in a row before the bucket's load;
 * bench/NOTES.md, "Fifth round").  The words without a tag go by
 * ws_lex_home, which no look-up reads.  lexicon.c places every word by
 * the same rule, from the bucket's first slot (ws_lex_tag_home). */
static inline size_t ws_lex_tag_bucket(const ws_lexicon *lx, uint64_t tag)
{
    return (size_t)((tag * 0x9E3779B97F4A7C15u) >> lx->bucket_shift);
}

static inline size_t ws_lex_tag_home(const ws_lexicon *lx, uint64_t tag)
{
    return ws_lex_tag_bucket(lx, tag) * WS_LEX_BUCKET;
}

/* What tells a word of eight bytes or fewer from every other in the
 * lexicon: its key, and its length in the top byte (xor-ed in, since the
 * eighth byte of an eight-byte word is there).  Two words tell apart so
 * when no byte of either is below 0x20 (no NUL pads a word out, and 8 ^ n
 * is below 0x20 for every length n): the scanner's words never have one,
 * and a lexicon word that has one gets no tag (lexicon.c), so a look-up
 * compares one number a slot.  A longer word's tag is its first seven
 * bytes and a top byte of 0x10-0x1F (the eighth byte's low half xor the
 * length's): a shorter word's top byte is its length (1-7), or of 0x20
 * or more, so no longer word shares a shorter one's tag and the look-up
 * needs no lengths; longer words may share one, so it compares a longer
 * word's length and bytes (ws_lexicon_word). */
static inline uint64_t ws_lex_tag(uint64_t key, size_t n)
{
    uint64_t t = key ^ ((uint64_t)n << 56);
    /* a mask, not a select: GCC made one a branch, and whether a word is
     * longer than eight bytes is a coin toss */
    uint64_t longer = 0 - (uint64_t)(n > 8);
    return t ^ ((((t >> 60) ^ 1) << 60) & longer);
}

/* Slot j's fields (lexicon.c and the look-up below). */
#define WS_LEX_SLOT(lx, j, field) \
    ((lx)->buckets[(j) / WS_LEX_BUCKET].field[(j) % WS_LEX_BUCKET])

#ifdef WS_LEX_SSE2
/* All ones in lane k where slot k's tag is tag, 0 in the others. */
static inline __m128i ws_lex_tag_lanes(const struct ws_lex_bucket *b, uint64_t tag)
{
    __m128i t = _mm_set1_epi64x((long long)tag);
    __m128 e01 = _mm_castsi128_ps(
        _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)b->tag), t));
    __m128 e23 = _mm_castsi128_ps(
        _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)(b->tag + 2)), t));
    /* one lane a slot: its tag's low halves equal, and its high halves */
    return _mm_and_si128(_mm_castps_si128(_mm_shuffle_ps(e01, e23, _MM_SHUFFLE(2, 0, 2, 0))),
                         _mm_castps_si128(_mm_shuffle_ps(e01, e23, _MM_SHUFFLE(3, 1, 3, 1))));
}
#endif

/* The flags of the slot of bucket b whose tag is tag, 0 when none has
 * it (of all such slots for a longer word's tag, which several may
 * share).  With no branch: whether a word is known is a coin toss that
 * the branch predictor lost at every probe (bench/NOTES.md).  By SSE2
 * where there is SSE2: Clang turned the four scalar selects below into
 * branches (370 k mispredicts more over PolNeAR train, bench/NOTES.md
 * "Tenth round"). */
static inline uint32_t ws_lex_bucket_flags(const struct ws_lex_bucket *b, uint64_t tag)
{
#ifdef WS_LEX_SSE2
    __m128i f = _mm_and_si128(ws_lex_tag_lanes(b, tag),
                              _mm_loadu_si128((const __m128i *)(const void *)b->flags));
    f = _mm_or_si128(f, _mm_shuffle_epi32(f, _MM_SHUFFLE(1, 0, 3, 2)));
    f = _mm_or_si128(f, _mm_shuffle_epi32(f, _MM_SHUFFLE(2, 3, 0, 1)));
    return (uint32_t)_mm_cvtsi128_si32(f);
#else
    /* the four slots written out: GCC's -O2 (the rock's level) kept a loop
     * over them, a branch a slot */
    return (b->flags[0] & (0u - (uint32_t)(b->tag[0] == tag))) |
           (b->flags[1] & (0u - (uint32_t)(b->tag[1] == tag))) |
           (b->flags[2] & (0u - (uint32_t)(b->tag[2] == tag))) |
           (b->flags[3] & (0u - (uint32_t)(b->tag[3] == tag)));
#endif
}

/* Bit k set where slot k of bucket b has the tag tag. */
static inline unsigned ws_lex_bucket_matches(const struct ws_lex_bucket *b, uint64_t tag)
{
#ifdef WS_LEX_SSE2
    return (unsigned)_mm_movemask_ps(_mm_castsi128_ps(ws_lex_tag_lanes(b, tag)));
#else
    return (unsigned)(b->tag[0] == tag) | (unsigned)(b->tag[1] == tag) << 1 |
           (unsigned)(b->tag[2] == tag) << 2 | (unsigned)(b->tag[3] == tag) << 3;
#endif
}

/* ws_lexicon_word's word of more than eight bytes whose tag and length
 * the look-up found: the slots of that tag from its first bucket on, the
 * bytes compared.  Out of line, as rare as a longer word the lexicon
 * knows, so that the scanner's loop, which inlines the look-up, keeps its
 * registers. */
uint32_t ws_lexicon_long_word(const ws_lexicon *lx, const char *s, size_t n,
                              uint64_t tag);

/* Flags of the word s[0..n), 0 when unknown; tag is its ws_lex_tag; the
 * word has no byte below 0x20, as no word the scanner reads has.  Inline:
 * the scanner looks up every word.  A word is found by its tag
 * (ws_lex_tag), compared with a whole bucket at once
 * (ws_lex_bucket_flags); the next bucket is read only when this one is
 * full and lacks the word.  A longer word's tag is only its first bytes:
 * where a slot of one matches, ws_lexicon_long_word compares the rest,
 * at some 2 % of words.  Until the twelfth round (bench/NOTES.md) the
 * longer words went by their hash, which the scanner computed for them:
 * whether a word is one was a branch, and a coin toss, at every word.
 * longer: all ones for a word of more than eight bytes, else 0, from a
 * caller that has it at hand (the scanner's words, where n > 8 was an
 * operand from the stack); ws_lexicon_tag_word makes it from n. */
static inline uint32_t ws_lexicon_tag_word_longer(const ws_lexicon *lx, const char *s,
                                                  size_t n, uint64_t tag,
                                                  uint32_t longer)
{
    uint32_t f;
    size_t k;
    /* by buckets' numbers, not slots' (a slot's number shifted down to
     * its bucket's and up to its bytes at every look-up) */
    for (k = ws_lex_tag_bucket(lx, tag);; k = (k + 1) & (lx->nslots / WS_LEX_BUCKET - 1)) {
        const struct ws_lex_bucket *b = &lx->buckets[k];
        f = ws_lex_bucket_flags(b, tag);
        if (f | (b->len[WS_LEX_BUCKET - 1] == 0))
            break;
    }
    /* only a longer word's tag matches a longer word's slot: one test of
     * whether both hold, which is rare, not two coin tosses */
    if (f & longer)
        return ws_lexicon_long_word(lx, s, n, tag);
    return f;
}

static inline uint32_t ws_lexicon_tag_word(const ws_lexicon *lx, const char *s,
                                           size_t n, uint64_t tag)
{
    return ws_lexicon_tag_word_longer(lx, s, n, tag, 0u - (uint32_t)(n > 8));
}

/* The same by the word's key (ws_lex_key), for callers that have no tag. */
static inline uint32_t ws_lexicon_word(const ws_lexicon *lx, const char *s,
                                       size_t n, uint64_t key)
{
    return ws_lexicon_tag_word(lx, s, n, ws_lex_tag(key, n));
}
struct ws_doc;
/* ws_lexicon_phrase's work at a word that heads some phrase. */
uint32_t ws_lexicon_phrase_at(const ws_lexicon *lx, const struct ws_doc *d,
                              size_t i, size_t *ntok);

/* ---- tokens ------------------------------------------------------------ */

enum {
    TK_WORD = 1,
    TK_NUMBER,
    TK_PUNCT,
    TK_MARK,     /* a candidate quote mark */
    TK_POSS      /* 's or a trailing possessive apostrophe */
};

enum {
    TF_CAP = 1u << 0,        /* first letter upper-case */
    TF_ALLCAPS = 1u << 1,    /* every letter upper-case, two or more */
    TF_PARA = 1u << 2,       /* first token of a paragraph */
    TF_SENT = 1u << 3,       /* first token of a sentence */
    TF_SPACE_BEFORE = 1u << 4,
    TF_SPACE_AFTER = 1u << 5,
    TF_INITIAL = 1u << 6,    /* a single capital letter: "J" of "J. Smith" */
    TF_QUOTED = 1u << 7,     /* inside a quote's marks (segment.c) */
    TF_MENTION = 1u << 8,    /* inside a mention (mentions.c, speakers.c) */
    TF_UNCLOSED = 1u << 9    /* a mark left open, only while segment.c puts
                                its paragraph's in order (none after) */
};
/* ws_token's flags keep the covering mention's index from here up: the
 * mention is one of the at most WS_MENTION_BLOCK + 1 from its block's
 * (ws_mention_at), so six bits tell which. */
#define WS_MEN_LOW_SHIFT 10
#define WS_MEN_LOW_MASK 63u

/* Quote mark families and the roles a mark may take. */
enum { MF_DOUBLE = 1, MF_SINGLE, MF_GUILLEMET, MF_SGUILLEMET, MF_CORNER,
       MF_WCORNER };
enum { MR_OPEN = 1, MR_CLOSE = 2 };

/* 20 bytes: the stages read the token array over and over, and it is the
 * most memory a call takes.  A word's hash is ws_tok_hash's, a token
 * inside a quote has TF_QUOTED (the quote is the one of d->q around it),
 * and a token's paragraph is its sentence's (ws_tok_para).  The fields
 * most tokens leave empty share bytes: a mark's family and roles ride in
 * its type above TK_MARK (ws_tok_mark), and the mention index's low bits
 * in the top of flags (ws_mention_at); C bit-fields for them cost the
 * scanner read-modify-write stores (bench/NOTES.md). */
typedef struct ws_token {
    uint32_t start, end;   /* bytes */
    uint32_t lex;          /* lexicon flags (words only) */
    uint32_t sent;         /* sentence number, 0-based */
    uint16_t flags;        /* TF_*, and WS_MEN_LOW_SHIFT up: with
                              TF_MENTION, the low bits of the index of the
                              mention over the token */
    uint8_t type;          /* TK_*; a mark's TK_MARK | ws_mark_type's bits */
    uint8_t ch;            /* the first byte, for quick punctuation tests */
} ws_token;

/* A mark's type byte: TK_MARK, its MR_* roles and its MF_* family.  The
 * family is never 0, so a mark's type is above every other's (ws_tok_mark)
 * and a word, number or punctuation test still compares the whole byte. */
#define WS_MARK_ROLE_SHIFT 3
#define WS_MARK_FAMILY_SHIFT 5
static inline uint8_t ws_mark_type(unsigned family, unsigned role)
{
    return (uint8_t)(TK_MARK | role << WS_MARK_ROLE_SHIFT |
                     family << WS_MARK_FAMILY_SHIFT);
}
/* By the type byte alone, for the scanner's lexemes, which are not yet
 * tokens; by the token below. */
static inline int ws_type_is_mark(unsigned type)
{
    return type >= 1u << WS_MARK_FAMILY_SHIFT;
}
static inline unsigned ws_type_mark_role(unsigned type)
{
    return (type >> WS_MARK_ROLE_SHIFT) & (MR_OPEN | MR_CLOSE);
}
static inline int ws_tok_mark(const ws_token *t)
{
    return ws_type_is_mark(t->type);
}
static inline unsigned ws_mark_family(const ws_token *t)
{
    return (unsigned)t->type >> WS_MARK_FAMILY_SHIFT;
}
static inline unsigned ws_mark_role(const ws_token *t)
{
    return ws_type_mark_role(t->type);
}
/* The flags of a token inside mention m: TF_MENTION and m's low bits
 * (the 16 bits keep six of the shifted index). */
static inline uint16_t ws_mention_flags(size_t m)
{
    return (uint16_t)(TF_MENTION | m << WS_MEN_LOW_SHIFT);
}

/* ---- quotes, mentions, entities ---------------------------------------- */

typedef struct ws_iquote {
    uint32_t open_tok, close_tok; /* mark tokens; close_tok is the last token
                                     inside when the quote was left open */
    size_t open, start, end, close;
    int closed;                   /* 0 when recovered at paragraph end */
    unsigned para;
    unsigned group;
    int continues;                /* the next part of the group follows */
    ws_kind kind;
    int entity;                   /* speaker entity, -1 none */
    const char *speaker_text;     /* a speaker that is no entity ("a source") */
    size_t speaker_len;
    ws_span mention, cue;
    int via;                      /* medium entity, -1 none */
    ws_span via_span;             /* or the phrase naming a medium */
    const char *rule;
    double confidence;
    unsigned user_rule;           /* 1 + index of the user rule that
                                     attributed it (rules.c), 0 none */
    int user_via;                 /* that rule's via: entity, -1 none */
    ws_span user_via_span;        /* or text, start WS_NOPOS none */
} ws_iquote;

enum { EK_PERSON = 1, EK_ORG, EK_MEDIUM, EK_GROUP };
enum { G_UNKNOWN = 0, G_MALE = 1, G_FEMALE = 2 };

/* 52 bytes (104 with ints and size_t): a document that names many
 * people makes hundreds, the most memory after the tokens in a short
 * one.  Offsets fit 32 bits as the tokens' do, and the name's bytes are
 * its tokens' (ws_entity_name_start): only the result reads them. */
typedef struct ws_entity {
    uint32_t first_hash;   /* first and last word of the name, lower-case */
    uint32_t last_hash;
    uint32_t name_tok;     /* the canonical name: tokens [name_tok, +ntok) */
    uint32_t name_ntok;
    uint32_t last_tok;     /* where its latest mention so far starts */
    int32_t alias;         /* merged into this entity, or -1 */
    uint32_t speaker;      /* 1 + the extractor's speaker (d->speakers)
                              whose canonical name it has, 0 none */
    /* a group (EK_GROUP, made by ws_entity_group) has members and no
     * roles, anybody else roles and no members: one array for both (16
     * bytes an entity fewer; nroles and nmembers say which is read) */
    union {
        uint32_t roles[4]; /* role words it was introduced with */
        int32_t members[4];/* a group's people */
    } u;
    uint8_t kind;          /* EK_* */
    uint8_t gender;        /* G_* */
    uint8_t strong;        /* named in full, with a title, or as a speaker */
    uint8_t nroles;
    uint8_t nmembers;
    int8_t place;          /* 1: named where places are ("in downtown San
                              Francisco") and never as somebody, no
                              antecedent for he or she; -1: somebody */
    uint8_t article;       /* an organisation's name keeps the "the"
                              before name_tok: "the Kremlin" */
    uint8_t alone_slot;    /* the mention stage's: where in its ring its
                              latest one-word mention is (mentions.c,
                              index_alone), in the byte the struct's
                              alignment left over */
} ws_entity;

enum { MK_NAME = 1, MK_PRONOUN, MK_NOMINAL };

/* A place in the text that names an entity: "North Korea's leader Kim
 * Jong-un" is one mention whose name part is "Kim Jong-un". */
typedef struct ws_mention {
    uint32_t tok_start, tok_end;  /* tokens [start, end) of the phrase */
    uint32_t name_tok, name_end;  /* the name part */
    int entity;
    int possessive;               /* followed by 's: "Trump's campaign" */
} ws_mention;

/* Token indices in text order. */
typedef struct ws_toklist {
    uint32_t *v;
    size_t n, cap;
} ws_toklist;

typedef struct ws_doc {
    const ws_mem *mem;
    const ws_lexicon *lx;
    const char *text;
    size_t len;
    ws_token *tok;
    size_t ntok, ctok;
    /* The tokens each later stage starts its work at, listed by the
     * scanner, so that no stage reads every token to find them (scan.c):
     * the quote marks (segment.c); the words that may start a mention,
     * capitalised or with LX_TITLE or LX_ROLE (mentions.c); the words with
     * LX_CUE, LX_PHRASE_HEAD or LX_CHANNEL (attribute.c: the cues, then the
     * channels, of the phrase heads and channel nouns that cue_table keeps
     * listed).  As the scanner left them:
     * segment.c turns some marks into possessives.  Each stage releases its
     * list when it is done with it. */
    ws_toklist marks, names, cues;
    ws_iquote *q;
    size_t nq, cq;
    ws_entity *ent;
    size_t nent, cent;
    ws_mention *men;
    size_t nmen, cmen;
    uint32_t nsent, npara;
    uint32_t *sent_first;    /* first token of each sentence */
    uint32_t *para_first;    /* first token of each paragraph */
    uint32_t *sent_para;     /* the paragraph of each sentence (a paragraph
                                starts a sentence), nsent entries or 1 */
    int mentions_read;       /* ws_mentions has run: d->men and the
                                tokens' TF_MENTION are made */
    uint32_t *men_block;     /* per block of WS_MENTION_BLOCK tokens, of the
                                first nmen_block: the first mention that
                                starts in it or after (ws_mention_from);
                                cmen_block = ntok / WS_MENTION_BLOCK + 1 */
    size_t nmen_block, cmen_block;
    uint8_t *cue;            /* per token: the cue starting there (attribute.c) */
    uint32_t role_tok1;      /* the role noun attribution resolved last,
                                plus one, 0 for none, and the person it */
    int role_entity;         /* stands for (attribute.c, resolve_np) */
    uint8_t *headline;       /* per paragraph: written in title case */
    int double_marks;        /* most quotes open with double marks, so
                                single ones are the marked choice
                                (attribute.c) */
    int q_cue;               /* some word the scanner listed as a cue
                                starts with a q, as "quoted" does
                                (attribute.c, quoted_as) */
    /* The pronouns resolved so far (mentions.c, resolve): an
     * open-addressing table by token, at most half full, made when
     * attribution starts (NULL before: no memo).  An entity a token was 4
     * bytes a token, the most memory after the tokens. */
    struct ws_pron_slot {
        uint32_t tok1;       /* 1 + the token, 0 an empty slot */
        int32_t entity;      /* its entity, -1 none */
    } *pron;
    size_t npron, cpron;     /* filled slots; slots, a power of two */
    int nomem;               /* an allocation failed where no error could be
                                returned: the stage fails at its end */
    uint32_t *via_at;        /* the tokens find_via tests, in text order,
                                during the channel pass (attribute.c) */
    size_t nvia_at, cvia_at;
    /* what the extractor adds; NULL for none (the stage tests) */
    const struct ws_speakers *speakers;
    const struct ws_rules *rules;
    void *match_data;        /* PCRE2 match data of this call (rules.c) */
    const char *err_rule;    /* WS_ELIMIT: the rule that hit the limit */
    int err_pcre2;           /* and PCRE2's error code */
} ws_doc;

/* Flags of the longest phrase starting at token i; its length in *ntok
 * (left alone when none starts there).  Inline: most tokens head no
 * phrase, and the stages ask at every token of their windows. */
static inline uint32_t ws_lexicon_phrase(const ws_lexicon *lx, const ws_doc *d,
                                         size_t i, size_t *ntok)
{
    if (d->tok[i].type != TK_WORD || !(d->tok[i].lex & LX_PHRASE_HEAD))
        return 0;
    return ws_lexicon_phrase_at(lx, d, i, ntok);
}

/* The lower-case hash of token i's bytes (ws_hash_lower), as the scanner
 * looked its word up by.  A word shorter than eight bytes, most names and
 * roles the later stages hash again, is one load of the eight bytes from
 * its start (or of those that end where it ends, near the text's end),
 * the lanes not its own cleared: no loop over its bytes.  Never a byte
 * outside the text: a text shorter than that is read a byte at a time. */
static inline uint32_t ws_tok_hash(const ws_doc *d, size_t i)
{
    size_t start = d->tok[i].start, end = d->tok[i].end, n = end - start;
#ifdef WS_CHUNK_LOADS
    if (n < 8 && (start + 8 <= d->len || end >= 8)) {
        uint64_t c = start + 8 <= d->len ?
            ws_load8(d->text + start) & (((uint64_t)1 << (8 * n)) - 1) :
            ws_load8(d->text + end - 8) >> (8 * (8 - n));
        return ws_hash_end(ws_hash_step(WS_HASH_SEED, ws_lower8(c)), n);
    }
#endif
    return ws_hash_lower(d->text + start, n);
}

/* Where the bytes of entity e's name start (its article's, if it keeps
 * one), and how many there are. */
static inline uint32_t ws_entity_name_start(const ws_doc *d, const ws_entity *e)
{
    return d->tok[e->name_tok - e->article].start;
}

static inline uint32_t ws_entity_name_len(const ws_doc *d, const ws_entity *e)
{
    return d->tok[e->name_tok + e->name_ntok - 1].end - ws_entity_name_start(d, e);
}

/* The paragraph of token i, 0-based. */
static inline uint32_t ws_tok_para(const ws_doc *d, size_t i)
{
    return d->sent_para[d->tok[i].sent];
}

/* Fills d->sent_para from d->sent_first and d->para_first, once the
 * scanner has made them (core.c).  WS_OK or WS_ENOMEM. */
int ws_sent_paras(ws_doc *d);

/* Gives a list's memory back once its stage has read it. */
static inline void ws_toklist_release(const ws_mem *m, ws_toklist *l)
{
    ws_release(m, l->v, l->cap * sizeof *l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Releases what the stages allocated in d (core.c). */
void ws_doc_free(ws_doc *d);

/* Stage entry points; each returns WS_OK or WS_ENOMEM (ws_attribute also
 * WS_ELIMIT, from the user rules). */
int ws_scan(ws_doc *d);
int ws_segment(ws_doc *d);
int ws_mentions(ws_doc *d);
int ws_attribute(ws_doc *d);

/* ---- the extractor's speakers (speakers.c) ----------------------------- */

typedef struct ws_speaker {
    const char *name;        /* canonical: forms[0] */
    const char **forms;      /* name and aliases, normalised: trimmed, runs
                                of white space made one space */
    size_t nforms;
    int kind;                /* EK_PERSON, EK_ORG or EK_MEDIUM */
    int gender;              /* G_* */
    size_t size;             /* of the one block holding all of it */
} ws_speaker;

typedef struct ws_speakers {
    ws_speaker *v;
    size_t n, cap;
} ws_speakers;

/* Copies a speaker in; WS_EINVAL for an empty or blank name or alias. */
int ws_speakers_add(ws_speakers *s, const ws_mem *m, const char *name,
                    const char *const *aliases, size_t naliases, int kind,
                    int gender);
void ws_speakers_free(ws_speakers *s, const ws_mem *m);

/* Stage, after ws_mentions: mentions of d->speakers take their canonical
 * names, kinds and genders; their names where no mention covers them
 * become mentions.  WS_OK or WS_ENOMEM. */
int ws_speakers_apply(ws_doc *d);

/* ---- the extractor's rules (rules.c) ----------------------------------- */

typedef struct ws_rules ws_rules;

/* Empty rules whose PCRE2 memory goes through m (which must outlive them)
 * and whose matching obeys the limits; NULL when out of memory. */
ws_rules *ws_rules_create(const ws_mem *m, uint32_t match_limit,
                          uint32_t depth_limit, int jit);
void ws_rules_free(ws_rules *r);
/* ws_extractor_add_rule's work; detail is filled (and may not be NULL). */
int ws_rules_add(ws_rules *r, const char *name, const char *pattern,
                 size_t len, const char *speaker, ws_error_detail *detail);
/* Before ws_attribute: sets d->rules and allocates this call's match data
 * (released by ws_doc_free).  r may be NULL.  WS_OK or WS_ENOMEM. */
int ws_rules_begin(const ws_rules *r, ws_doc *d);
/* Matches the rules in order around quote q and fills q from the first
 * that names a speaker.  Returns 1 when one did, 0 when none did, or
 * WS_ELIMIT (d->err_rule, d->err_pcre2 set) or WS_ENOMEM.  r may be NULL. */
int ws_rules_apply(const ws_rules *r, ws_doc *d, ws_iquote *q);
/* After ws_attribute: gives the quotes a rule attributed back the rule's
 * name and via, which the later passes of attribute.c may have changed. */
void ws_rules_finish(ws_doc *d);
/* Releases d->match_data (ws_doc_free calls it). */
void ws_rules_end(ws_doc *d);
/* Fills detail for the WS_ELIMIT that ws_rules_apply returned on d:
 * rule, and message "rule '<name>': <PCRE2's message>". */
void ws_rules_error(const ws_doc *d, ws_error_detail *detail);

/* ---- HTML input (html.c) ------------------------------------------------ */

/* Visible bytes [vis, next run's vis) came from the HTML's [src, src +
 * srclen): one for one when exact, else as a whole (a character reference,
 * a collapsed run of white space, a mark made for <q>, a paragraph break). */
typedef struct ws_html_run {
    size_t vis, src, srclen;
    int exact;
} ws_html_run;

typedef struct ws_html {
    const ws_mem *mem;
    char *text;              /* the visible text, NUL-terminated */
    size_t len, cap;
    ws_html_run *run;        /* in visible order, covering [0, len) */
    size_t nrun, crun;
    size_t srclen;           /* the HTML's length */
} ws_html;

/* Makes h the visible text of html[0..len) and its map (allocated through
 * m); WS_OK, or WS_ENOMEM with nothing held.  ws_html_free releases it. */
int ws_html_convert(ws_html *h, const ws_mem *m, const char *html, size_t len);
void ws_html_free(ws_html *h);
/* The HTML offset where visible byte v starts, and where the visible text
 * up to v (exclusive) ends. */
size_t ws_html_start(const ws_html *h, size_t v);
size_t ws_html_end(const ws_html *h, size_t v);
/* The HTML span of visible span [start, end); an empty span maps to an
 * empty one, WS_NOPOS to WS_NOPOS. */
ws_span ws_html_span(const ws_html *h, size_t start, size_t end);

/* Helpers the stages share (mentions.c). */
/* Whether byte c is lower_word's byte w in any case: for a letter,
 * c | 0x20 is w only for w and its capital, with no branch on the case;
 * any other byte as it is.  w is a literal's, known when inlined. */
static inline int ws_byte_is(unsigned c, unsigned char w)
{
    return (unsigned)w - 'a' < 26u ? (c | 0x20) == w : c == w;
}
/* Whether token i is the word lower_word (lower-case ASCII), in any case.
 * Inline and in this order because the sieves call it at every token of
 * their windows (bench/NOTES.md): most calls end at the type or the first
 * letter, the token's ch (no load of its text); strlen of a literal folds
 * to a constant, and so the loop over the rest unrolls. */
static inline int ws_tok_is(const ws_doc *d, size_t i, const char *lower_word)
{
    const ws_token *t;
    const unsigned char *s;
    size_t n, k;
    if (i >= d->ntok || d->tok[i].type != TK_WORD)
        return 0;
    t = &d->tok[i];
    if (!ws_byte_is(t->ch, (unsigned char)lower_word[0]))
        return 0;
    n = strlen(lower_word);
    if (t->end - t->start != n)
        return 0;
    s = (const unsigned char *)d->text + t->start;
    for (k = 1; k < n; k++)
        if (!ws_byte_is(s[k], (unsigned char)lower_word[k]))
            return 0;
    return 1;
}
/* ws_tok_is for a word that the built-in lexicon gives flag: flags are
 * only ever added to a word, never taken away, so in every lexicon a token
 * without the flag is not the word, and one test tells most tokens so
 * before their bytes are read (test_scan pins the flags relied on). */
static inline int ws_tok_is_flagged(const ws_doc *d, size_t i, uint32_t flag,
                                    const char *lower_word)
{
    return i < d->ntok && (d->tok[i].lex & flag) && ws_tok_is(d, i, lower_word);
}

/* The entity e is merged into, e itself when none (or -1 for -1).
 * Inline: asked at each mention by several stages, a call cost more than
 * the walk of one or two. */
static inline int ws_entity_root(const ws_doc *d, int e)
{
    while (e >= 0 && d->ent[e].alias >= 0)
        e = d->ent[e].alias;
    return e;
}
/* A group entity for the people e[0..n); returns its index or -1. */
int ws_entity_group(ws_doc *d, const int *members, int n);
/* Mentions are made in text order and never overlap (mentions.c,
 * speakers.c).  They are found by token through d->men_block, which a
 * block of tokens (0.125 bytes a token) keeps the first mention of: the
 * mention a token is in was an index of 4 bytes a token before. */
#define WS_MENTION_SHIFT 5
#define WS_MENTION_BLOCK (1u << WS_MENTION_SHIFT)

/* Makes d->men_block (room for a block of every token) for the mentions
 * d->men holds, once they are all made (mentions.c; speakers.c after it
 * inserts some): each block's count of the mentions that start in it,
 * summed over the blocks before it, is the first that starts in it or
 * after.  Noted at each mention instead, whether one opened a block was a
 * mispredict at a mention in two; nothing reads the blocks sooner. */
void ws_index_mentions(ws_doc *d);

/* The first mention that starts at or after token i. */
static inline size_t ws_mention_from(const ws_doc *d, uint32_t i)
{
    size_t b = i >> WS_MENTION_SHIFT;
    size_t m = b < d->nmen_block ? d->men_block[b] : d->nmen;
    while (m < d->nmen && d->men[m].tok_start < i)
        m++;
    return m;
}

/* The mention that covers token k (k < d->ntok), or -1: with TF_MENTION,
 * the last that starts at or before it.  That is the mention before the
 * first that starts in k's block or after it, or one of the at most
 * WS_MENTION_BLOCK that start in the block: the top bits of the token's flags tell
 * which, where ws_mention_from's walk over the block's mentions
 * mispredicted its trip count at nearly every call. */
static inline int ws_mention_at(const ws_doc *d, size_t k)
{
    size_t b = k >> WS_MENTION_SHIFT, before;
    if (!(d->tok[k].flags & TF_MENTION))
        return -1;
    before = (b < d->nmen_block ? d->men_block[b] : d->nmen) - 1;
    return (int)(before + (((size_t)(d->tok[k].flags >> WS_MEN_LOW_SHIFT) - before) &
                           WS_MEN_LOW_MASK));
}
/* The person a pronoun or role noun at token i stands for, or -1. */
int ws_resolve(ws_doc *d, uint32_t i, uint32_t lex, uint32_t role_hash);
/* The person the he or she at token i stands for when it is not entity
 * exclude (whom the quote it speaks names), or -1. */
int ws_resolve_other(ws_doc *d, uint32_t i, uint32_t lex, int exclude);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
