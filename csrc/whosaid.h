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
 * Offsets are 0-based byte offsets into the caller's text, end exclusive.
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
} ws_options;

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
 * Lexicon extension.  The word or phrase (len bytes, need not be
 * NUL-terminated) is copied into the extractor.  Phrases are words separated
 * by spaces and are matched case-insensitively on word boundaries.
 *   ws_extractor_add_cue:    a reporting verb or phrase ("hailed", "made clear")
 *   ws_extractor_add_medium: a news agency or state medium ("KCNA")
 */
int ws_extractor_add_cue(ws_extractor *ex, const char *phrase, size_t len);
int ws_extractor_add_medium(ws_extractor *ex, const char *name, size_t len);

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
} ws_quote;

typedef struct ws_result ws_result;

/*
 * Finds the quotes of text[0..len).  The text is only read, and only during
 * the call.  On success stores a new result in *out, owned by the caller and
 * released with ws_result_free; on failure stores NULL and returns the error.
 * If err_offset is not NULL, a WS_EUTF8 error stores there the byte offset of
 * the first invalid sequence.
 */
int ws_extract(const ws_extractor *ex, const char *text, size_t len,
               ws_result **out, size_t *err_offset);

/* Number of quotes, in text order. */
size_t ws_result_count(const ws_result *res);

/* The i-th quote, or NULL when i is out of range. */
const ws_quote *ws_result_quote(const ws_result *res, size_t i);

/* Releases a result and every string in it; NULL is accepted. */
void ws_result_free(ws_result *res);

#ifdef __cplusplus
}
#endif

#endif
