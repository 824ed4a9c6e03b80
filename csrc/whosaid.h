/*
 * whosaid.h -- find the direct quotes in news text and who said them.
 *
 * The core knows nothing of Lua.  Every object is reached through an opaque
 * handle made by a _create function and released by its _free function;
 * every _free accepts NULL.  Functions that can fail return an int error
 * code (WS_OK or a negative WS_E* value) and ws_strerror() turns it into a
 * message.  All memory goes through the allocator hook given at creation.
 * There is no global mutable state: extractors may be used from several
 * threads at once as long as one extractor is not changed (ws_extractor_add_*)
 * while another thread extracts with it.
 *
 * Offsets are 0-based byte offsets into the caller's text, end exclusive
 * (into the HTML, for an extractor made with ws_options.html).
 */
#ifndef WHOSAID_H
#define WHOSAID_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WS_VERSION "0.1.0"

/* Error codes: 0 is success, everything else is negative. */
#define WS_OK          0
#define WS_ENOMEM     (-1) /* an allocation failed; nothing leaked */
#define WS_EINVAL     (-2) /* a NULL or empty argument where one is needed */
#define WS_ETOOBIG    (-3) /* the text is longer than the max_input option */
#define WS_EUTF8      (-4) /* strict_utf8 is set and the text is not UTF-8 */
#define WS_ELEXICON   (-5) /* a lexicon entry has no word in it */
#define WS_ERULE      (-6) /* a rule's pattern does not compile, or the rule
                              is incomplete (see ws_extractor_add_rule) */
#define WS_ELIMIT     (-7) /* a rule hit the match or depth limit while
                              matching; ws_error_detail names the rule */

/* Returns a static, NUL-terminated message for an error code. */
const char *ws_strerror(int code);

/*
 * Allocator hook, with the contract of lua_Alloc: alloc(ud, NULL, 0, n)
 * allocates, alloc(ud, p, old, n) resizes, alloc(ud, p, old, 0) frees and
 * returns NULL.  Returning NULL for n > 0 is an allocation failure, which the
 * core reports as WS_ENOMEM after releasing what it held.
 */
typedef void *(*ws_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

typedef struct ws_options {
    size_t max_input;   /* longest text accepted, in bytes (default 64 MiB) */
    int strict_utf8;    /* non-zero: reject invalid UTF-8 with WS_EUTF8 */
    uint32_t match_limit; /* PCRE2 match limit of every rule match (default
                             WS_MATCH_LIMIT; 0 also means the default) */
    uint32_t depth_limit; /* PCRE2 depth limit, likewise (WS_DEPTH_LIMIT);
                             the JIT ignores it, the interpreter obeys it */
    int no_jit;           /* non-zero: match rules with PCRE2's interpreter
                             even where its JIT is available (for
                             depth_limit, and for valgrind, which takes the
                             JIT's deliberate over-reads for errors) */
    int html;             /* non-zero: the text is HTML.  Quotes are found
                             in its visible text (tags skipped, character
                             references decoded, block elements ending
                             paragraphs, <q> and <blockquote> quoted,
                             script, style and comments left out; see
                             csrc/html.c) and every offset of the result
                             is an offset into the HTML, its spans covering
                             the HTML source of what they found (tags and
                             references included); ws_result_text gives
                             the visible text and the ws_quote fields
                             visible, visible_mention and visible_cue the
                             spans in it.  max_input and strict_utf8 apply
                             to the HTML. */
} ws_options;

#define WS_MATCH_LIMIT 1000000u
#define WS_DEPTH_LIMIT 100000u

/*
 * What went wrong, beyond the error code, for the calls that take one (NULL
 * is accepted wherever a ws_error_detail * is).  The callee fills it on
 * every call: offset 0, rule NULL and message "" when there is nothing more
 * to say.  No global state: the caller owns the storage.
 *   WS_EUTF8  (ws_extract):            offset: byte offset of the first
 *                                      invalid sequence in the text
 *   WS_ERULE  (ws_extractor_add_rule): offset: where in the pattern
 *                                      compiling failed, WS_NOPOS when the
 *                                      fault is not in the pattern;
 *                                      message: "rule '<name>': " and
 *                                      PCRE2's message or what is wrong
 *   WS_ELIMIT (ws_extract):            rule: name of the rule (owned by
 *                                      the extractor); message: PCRE2's
 *                                      message ("match limit exceeded")
 */
typedef struct ws_error_detail {
    size_t offset;
    const char *rule;
    char message[160];
} ws_error_detail;

/* Fills *opts with the defaults. */
void ws_options_init(ws_options *opts);

typedef struct ws_extractor ws_extractor;

/*
 * Creates an extractor with the built-in lexicons.  opts may be NULL for the
 * defaults; alloc may be NULL for malloc/realloc/free.  The extractor copies
 * what it needs from opts.  On failure returns NULL and stores the error code
 * in *err when err is not NULL.  The caller owns the extractor and releases it
 * with ws_extractor_free.
 */
ws_extractor *ws_extractor_create(const ws_options *opts, ws_alloc_fn alloc,
                                  void *alloc_ud, int *err);

/* Releases an extractor; NULL is accepted. */
void ws_extractor_free(ws_extractor *ex);

/*
 * A cache of the blocks one call frees, kept for the next: an allocator hook
 * (ws_cache_alloc, the cache its ud) to put between an extractor and the
 * allocator behind it.  Each ws_extract call makes and frees some sixty
 * arrays, and on news the allocator then takes some 3 % of the call's
 * instructions and 6 % of its mispredicted branches; through a cache, a
 * freed block waits in a list by its size and the next call's request of
 * that size takes it back, with no call to the allocator behind.
 *
 *     ws_cache *c = ws_cache_create(NULL, NULL);
 *     ws_extractor *ex = ws_extractor_create(&opts, ws_cache_alloc, c, &err);
 *     ... ws_extract(ex, ...), ws_result_free(res), call after call ...
 *     ws_extractor_free(ex);
 *     ws_cache_free(c);
 *
 * A cache serves one thread at a time: an extractor made with one must not
 * serve two calls at once (made without one, it may).  It keeps at most
 * 4 MB of freed blocks, each at most a quarter larger than was asked, and
 * never keeps a block of more than 1 MB (a long text's token array).
 */
typedef struct ws_cache ws_cache;

/*
 * Creates a cache that allocates through alloc with alloc_ud (NULL for
 * malloc/realloc/free), its own few hundred bytes included.  Returns NULL
 * when that allocation fails.  The caller owns the cache and releases it
 * with ws_cache_free.
 */
ws_cache *ws_cache_create(ws_alloc_fn alloc, void *alloc_ud);

/*
 * The allocator hook, with ud a ws_cache (see ws_alloc_fn).  A block
 * allocated through it is resized and freed through it, with the size it
 * was last given, as ws_alloc_fn's contract says.
 */
void *ws_cache_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/*
 * Gives every block the cache keeps back to its allocator (between batches,
 * say); the cache stays usable.  Blocks in use are not affected.
 */
void ws_cache_drain(ws_cache *c);

/*
 * Releases a cache and every block it keeps; NULL is accepted.  Free every
 * extractor and result made through it first: their blocks are the
 * cache's, and it does not know them.
 */
void ws_cache_free(ws_cache *c);

/*
 * Lexicon extension.  The word or phrase (len bytes, need not be
 * NUL-terminated) is copied into the extractor.  Phrases are words separated
 * by spaces and are matched case-insensitively on word boundaries.
 *   ws_extractor_add_cue:    a reporting verb or phrase ("hailed", "made clear")
 *   ws_extractor_add_medium: a news agency or state medium ("KCNA")
 */
int ws_extractor_add_cue(ws_extractor *ex, const char *phrase, size_t len);
int ws_extractor_add_medium(ws_extractor *ex, const char *name, size_t len);

/* What a speaker is, and its gender, for ws_extractor_add_speaker. */
typedef enum ws_speaker_kind {
    WS_PERSON = 1,
    WS_ORG = 2,
    WS_MEDIUM = 3   /* a news agency: relays what others say (via) */
} ws_speaker_kind;

typedef enum ws_gender {
    WS_GENDER_UNKNOWN = 0,
    WS_MALE = 1,
    WS_FEMALE = 2
} ws_gender;

/*
 * Adds a known speaker: its canonical name and the other names it goes by
 * (aliases[0..naliases), NUL-terminated; aliases may be NULL when naliases
 * is 0).  Everything is copied.  In every later ws_extract, a name in the
 * text that reads as the name or an alias -- same letters, same case, a
 * hyphen or a run of white space standing for any other ("Kim Jong Un" and
 * "Kim Jong-un"), a leading "the " optional ("Kremlin" for "the Kremlin") --
 * names this speaker: its quotes carry the canonical name, and "he" or "she"
 * can stand for it by gender.  Returns WS_OK, WS_EINVAL when ex or name is
 * NULL, the name or an alias is empty or blank, or kind or gender is out of
 * range, or WS_ENOMEM.  Speakers added earlier win where names overlap.
 */
int ws_extractor_add_speaker(ws_extractor *ex, const char *name,
                             const char *const *aliases, size_t naliases,
                             ws_speaker_kind kind, ws_gender gender);

/*
 * Adds an attribution rule: a PCRE2 pattern (len bytes, compiled with
 * PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, JIT-compiled when PCRE2
 * has a JIT) matched, rule by rule in the order added and before the
 * built-in sieves, on the sentence or sentences of each quote (from the
 * start of the open mark's sentence to the end of the close mark's; the
 * quote itself is inside).  On the first rule that matches and names a
 * speaker, the quote takes:
 *   speaker  the named group "speaker" (the canonical name of the person a
 *            mention there names, else the matched text), or the fixed
 *            speaker given here (which wins over the group's text; the group
 *            still gives the mention span);
 *   cue, via the named groups "cue" and "via" when they took part;
 *   rule     name; confidence 0.9.
 * name (NUL-terminated, non-empty, unique in ex) and speaker (NULL or
 * NUL-terminated, non-empty) are copied.  Returns WS_OK, WS_EINVAL (NULL or
 * empty name, NULL pattern, empty speaker), WS_ENOMEM, or WS_ERULE when the
 * pattern does not compile (detail: PCRE2's message and the offset in the
 * pattern), has neither a "speaker" group nor a fixed speaker, or the name
 * is taken (detail: message).  Matching limits come from ex's options; a
 * rule that hits one makes ws_extract fail with WS_ELIMIT.
 */
int ws_extractor_add_rule(ws_extractor *ex, const char *name,
                          const char *pattern, size_t len,
                          const char *speaker, ws_error_detail *detail);

/* What a quoted span is. */
typedef enum ws_kind {
    WS_DIRECT = 0,  /* a whole utterance */
    WS_PARTIAL = 1, /* a fragment woven into the reporter's sentence */
    WS_SCARE = 2    /* quoted text that is not speech: titles, nicknames */
} ws_kind;

/* Returns "direct", "partial" or "scare". */
const char *ws_kind_name(ws_kind kind);

/* A span of the input; start == end == WS_NOPOS when absent. */
#define WS_NOPOS ((size_t)-1)
typedef struct ws_span {
    size_t start, end;
} ws_span;

/*
 * One quote.  Strings are NUL-terminated and owned by the ws_result the quote
 * came from; they live until ws_result_free.
 */
typedef struct ws_quote {
    size_t start, end;      /* the text inside the marks */
    size_t open, close;     /* the marks: open mark start, close mark end */
    ws_kind kind;
    const char *speaker;    /* canonical name, or NULL */
    ws_span mention;        /* where the speaker is named for this quote */
    ws_span cue;            /* the words that tie quote and speaker */
    const char *via;        /* the channel that relayed it, or NULL */
    const char *rule;       /* the sieve that attributed it, or NULL */
    double confidence;      /* 0 when unattributed, up to 1 */
    unsigned paragraph;     /* 1-based paragraph of the open mark */
    unsigned group;         /* parts of one utterance share a group, 1-based */
    size_t nmembers;        /* a group speaker's people */
    const char *const *members;
    /* The same spans (start/end, mention, cue) in the text the quotes were
     * found in: with ws_options.html, the visible text that ws_result_text
     * returns; for plain text, equal to the spans above. */
    ws_span visible, visible_mention, visible_cue;
} ws_quote;

typedef struct ws_result ws_result;

/*
 * Finds the quotes of text[0..len).  The text is only read, and only during
 * the call.  On success stores a new result in *out, owned by the caller and
 * released with ws_result_free; on failure stores NULL and returns the error.
 * detail, when not NULL, says more about WS_EUTF8 (where) and WS_ELIMIT
 * (which rule); see ws_error_detail.  Matching allocates its own match data
 * per call, so one extractor may serve several threads at once.
 *
 * A text longer than 256 KB (seven times the longest news article we
 * measure on) is read in windows of at most that size, cut after a line
 * break where no quote goes on (else at a sentence's end, else at white
 * space), each read with 16 KB or more of the text on either side as
 * context: the memory a call works in stays that of one window, and only
 * the result grows with the text.  Offsets, paragraphs and groups are
 * those of the whole text.  For an article nothing changes; in a longer
 * text, names, pronouns and continuations are resolved from what its
 * window and their context hold: coreference reaches back at most a window
 * (a speaker named in full only earlier than that is given by the name
 * read near the quote).
 */
int ws_extract(const ws_extractor *ex, const char *text, size_t len,
               ws_result **out, ws_error_detail *detail);

/* Number of quotes, in text order. */
size_t ws_result_count(const ws_result *res);

/* The i-th quote, or NULL when i is out of range. */
const ws_quote *ws_result_quote(const ws_result *res, size_t i);

/*
 * The text the quotes were found in, when it is not the caller's: for an
 * extractor with ws_options.html, the visible text of the HTML (decoded,
 * NUL-terminated, owned by the result, *len its length in bytes); the
 * visible* spans of the quotes point into it.  For plain text (or a NULL
 * res) returns NULL and sets *len to 0.  len may be NULL.
 */
const char *ws_result_text(const ws_result *res, size_t *len);

/* Releases a result and every string in it; NULL is accepted. */
void ws_result_free(ws_result *res);

#ifdef __cplusplus
}
#endif

#endif
