/*
 * jsonl.h -- reads one line of the JSON Lines that `whosaid --jsonl` takes:
 * an object whose top-level "id" is echoed and whose "text" (or "html") is
 * extracted; every other member is validated and skipped.
 *
 * Strict JSON (RFC 8259), checked over the whole line: no trailing commas,
 * comments, single quotes, leading zeros or raw control characters in
 * strings; a \u escape of a UTF-16 surrogate must be a high one followed by
 * a low one (as lua-cjson requires); nesting deeper than WS_JSONL_MAX_DEPTH
 * is refused.  Bytes of 0x80 and above pass through unchecked: the
 * extractor deals with invalid UTF-8 as its options say.  A key is compared
 * once its escapes are decoded ("t\u0065xt" is "text"); of a key given
 * twice the last one counts; a member that is null counts as absent.
 *
 * No allocation: the caller gives a scratch buffer of at least len bytes,
 * which the results point into.  A value read from the line's bytes
 * [a, b) is written at buf + a and is never longer than b - a.
 * Used by the Lua binding (core.read_jsonl); no Lua here.
 */
#ifndef WS_JSONL_H
#define WS_JSONL_H

#include <stddef.h>
#include "whosaid.h"

/* internal.h says why */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#define WS_JSONL_MAX_DEPTH 1000   /* lua-cjson's default limit */

typedef enum ws_jsonl_status {
    WS_JSONL_OK = 0,
    WS_JSONL_SYNTAX,   /* the line is not valid JSON: nothing is set */
    WS_JSONL_RECORD    /* valid JSON but no record (not an object, no
                          string "text" or "html", or both): id is set
                          when the object has one */
} ws_jsonl_status;

typedef struct ws_jsonl_line {
    /* The id member's JSON text as written, less the white space between
     * its tokens (a string keeps its escapes, a number its spelling);
     * NULL when the object has no id. */
    const char *id;
    size_t id_len;
    /* The decoded string of "text", or of "html" (then html is 1). */
    const char *input;
    size_t input_len;
    int html;
} ws_jsonl_line;

/* Reads line[0, len) into *out, with buf (len bytes or more, owned by the
 * caller) as the place of the decoded strings.  Returns a ws_jsonl_status;
 * for anything but WS_JSONL_OK detail->message says what is wrong, for
 * WS_JSONL_SYNTAX with "at byte offset N" (0-based, into line), which is
 * also detail->offset. */
ws_jsonl_status ws_jsonl_read(const char *line, size_t len, char *buf,
                              ws_jsonl_line *out, ws_error_detail *detail);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
