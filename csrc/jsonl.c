/*
 * jsonl.c -- one line of `whosaid --jsonl` input: its "id", "text" and
 * "html" members (the contract is in jsonl.h).
 *
 * Why not a general JSON decoder: the CLI needs two members of each line
 * and lua-cjson built tables of everything else (archives carry gold quotes,
 * metadata), which took a quarter of the CLI's time (bench/NOTES.md).  Here
 * the other members are only validated, at a few bytes a cycle: strings
 * are skipped sixteen bytes at a time (SSE2; eight elsewhere) to the next
 * '"', '\\' or control byte.
 */
#include <stdio.h>
#include <string.h>
#include "jsonl.h"

/* SSE2 is in every x86-64; -DWS_PORTABLE_JSONL builds the word loop alone
 * (test_jsonl holds the two to each other). */
#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__) && \
    !defined(WS_PORTABLE_JSONL)
#include <emmintrin.h>
#define SSE2_RUNS 1
#endif

/* Inline even where the compiler would not: GCC's -O2, the level luarocks
 * builds the rock at, kept these small readers as calls (bench/NOTES.md,
 * "Eleventh round"); the CLI asks them at every member of every line.
 * jsonl.c stands alone, without internal.h's WS_HOT_INLINE. */
#ifdef __GNUC__
#define JSONL_INLINE inline __attribute__((always_inline))
#else
#define JSONL_INLINE inline
#endif

typedef struct reader {
    const unsigned char *s, *p, *end;   /* the line; p reads it */
    unsigned char *buf;                 /* buf[i] is the place of s[i] */
    ws_error_detail *detail;
} reader;

/* The type of a value, and its names in the messages, which are those the
 * CLI wrote when lua-cjson decoded the line: the JSON type, and the Lua
 * type of the decoded value. */
typedef enum vkind { V_STRING, V_NUMBER, V_BOOLEAN, V_NULL, V_ARRAY, V_OBJECT } vkind;

static const char *const vkind_name[] = {
    "a string", "a number", "a boolean", "null", "an array", "an object"
};
static const char *const vkind_lua[] = {
    "string", "number", "boolean", "nil", "table", "table"
};

/* Records a syntax error at `at`: "not valid JSON: <what> at byte offset
 * N, found <the `show` bytes there>" (no "found" when show is 0; a byte
 * that is no printable ASCII is shown as its value). */
static ws_jsonl_status fail_at(reader *r, const unsigned char *at, const char *what,
                               size_t show)
{
    char found[40];
    size_t off = (size_t)(at - r->s), i;
    if (show > (size_t)(r->end - at))
        show = (size_t)(r->end - at);
    found[0] = '\0';
    if (at >= r->end) {
        strcpy(found, ", found the end of the line");
    } else if (show) {
        for (i = 0; i < show && at[i] > 0x20 && at[i] < 0x7F; i++)
            ;
        if (i < show)
            snprintf(found, sizeof found, ", found byte 0x%02X", at[i]);
        else
            snprintf(found, sizeof found, ", found '%.*s'", (int)show, (const char *)at);
    }
    r->detail->offset = off;
    snprintf(r->detail->message, sizeof r->detail->message,
             "not valid JSON: %s at byte offset %lu%s", what, (unsigned long)off, found);
    return WS_JSONL_SYNTAX;
}

static ws_jsonl_status fail(reader *r, const unsigned char *at, const char *what)
{
    return fail_at(r, at, what, 1);
}

/* A byte above ' ' is no white space: one test for the byte that ends the
 * run, which is most of the bytes this sees. */
static JSONL_INLINE void skip_space(reader *r)
{
    while (r->p < r->end && *r->p <= ' ' &&
           (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

/* Where the word tests below can say which lane is the first that holds
 * a byte: GCC and Clang on a little-endian machine (as in scan.c). */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(WS_BYTEWISE_WORDS)
#define FIRST_LANE(hit) ((size_t)__builtin_ctzll(hit) >> 3)
#endif

/* The first byte at or after p that a string cannot hold as it is: '"',
 * '\\' or a control byte; end when there is none.  Eight bytes at a time:
 * each test sets the top bit of the lanes that hold such a byte, and of
 * none below the first of them (a borrow only runs upwards), so the lowest
 * bit set is the first.  Without FIRST_LANE, a byte at a time from the
 * block that holds one. */
#ifdef SSE2_RUNS
/* The 16 bytes x as a mask of those equal to '\\', or to '"' or at most
 * 0x1F: its lowest bit is the first such byte.  The last two in one test,
 * as x ^ 2 is at most 0x20 (max(x ^ 2, 0x20) == 0x20, unsigned) for
 * those bytes alone ('"' is 0x22).  Half the instructions of two word
 * tests. */
static JSONL_INLINE unsigned stop_bits(__m128i x)
{
    const __m128i two = _mm_set1_epi8(2), bslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20);
    __m128i hit = _mm_or_si128(
        _mm_cmpeq_epi8(x, bslash),
        _mm_cmpeq_epi8(_mm_max_epu8(_mm_xor_si128(x, two), space), space));
    return (unsigned)_mm_movemask_epi8(hit);
}

static unsigned stop_mask(const unsigned char *p)
{
    return stop_bits(_mm_loadu_si128((const __m128i *)(const void *)p));
}
#endif

static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
#ifdef SSE2_RUNS
    /* 32 bytes a step, then sixteen */
    while (end - p >= 32) {
        unsigned mask = stop_mask(p) | stop_mask(p + 16) << 16;
        if (mask)
            return p + __builtin_ctz(mask);
        p += 32;
    }
    while (end - p >= 16) {
        unsigned mask = stop_mask(p);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (end - p >= 8) {
        uint64_t x, q, b, hit;
        memcpy(&x, p, 8);
        q = x ^ (ones * '"');
        b = x ^ (ones * '\\');
        hit = (((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x)) & highs;
        if (hit) {
#ifdef FIRST_LANE
            return p + FIRST_LANE(hit);
#else
            break;
#endif
        }
        p += 8;
    }
    while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
        p++;
    return p;
}

/* plain_run, with the bytes before the stop copied to out.  With SSE2,
 * 32 bytes (then 16) are stored a step as they are, up to 31 past the
 * run's end: out must have room up to the place of end (read_string's
 * callers decode into buf at the string's own place, and a decoded string
 * is never longer than its JSON). */
static JSONL_INLINE const unsigned char *copy_run(const unsigned char *p,
                                                  const unsigned char *end,
                                                  unsigned char *out)
{
    const unsigned char *stop;
#ifdef SSE2_RUNS
    while (end - p >= 32) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p),
                y = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
        unsigned mask = stop_bits(x) | stop_bits(y) << 16;
        _mm_storeu_si128((__m128i *)(void *)out, x);
        _mm_storeu_si128((__m128i *)(void *)(out + 16), y);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 32;
        out += 32;
    }
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned mask = stop_bits(x);
        _mm_storeu_si128((__m128i *)(void *)out, x);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
        out += 16;
    }
#endif
    stop = plain_run(p, end);
    memcpy(out, p, (size_t)(stop - p));
    return stop;
}

static int hex4(const unsigned char *p, const unsigned char *end, unsigned long *v)
{
    int i;
    *v = 0;
    if (end - p < 4)
        return 0;
    for (i = 0; i < 4; i++) {
        unsigned c = p[i];
        unsigned d = c >= '0' && c <= '9' ? c - '0'
                   : c >= 'a' && c <= 'f' ? c - 'a' + 10
                   : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
        if (d == 16)
            return 0;
        *v = *v << 4 | d;
    }
    return 1;
}

static size_t put_utf8(unsigned char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The byte each two-byte escape stands for, by its second byte; 0 for
 * the others. */
static const unsigned char unescaped[256] = {
    ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b', ['f'] = '\f', ['n'] = '\n',
    ['r'] = '\r', ['t'] = '\t'
};

/* Reads the string at r->p (its '"') and leaves r->p after its closing
 * '"'.  With decode, writes the decoded bytes to out (buf at the string's
 * own place: copy_run stores past the bytes it copies) and their count to
 * *n; without, only checks it.  A decoded string is never longer than its
 * JSON: an escape of 2, 6 or 12 bytes gives 1 to 4.  A constant in each
 * caller below, so neither tests it; a two-byte escape (the text's runs
 * end at 43 k of them, `\n` and `\"`) is taken first, before the tests of
 * the string's end and of the errors. */
static JSONL_INLINE ws_jsonl_status string_body(reader *r, int decode, unsigned char *out,
                                               size_t *n)
{
    const unsigned char *p = r->p + 1, *end = r->end, *open = r->p;
    size_t o = 0;
    for (;;) {
        const unsigned char *run = p;
        if (decode) {
            p = copy_run(p, end, out + o);
            o += (size_t)(p - run);
        } else {
            p = plain_run(p, end);
        }
        if (end - p >= 2 && *p == '\\' && unescaped[p[1]]) {
            if (decode)
                out[o++] = unescaped[p[1]];
            p += 2;
            /* A second one right after it (the text's "\n\n" between
             * paragraphs: 17.6 k of its 39 k escapes) taken with no
             * branch on it, where a run of no bytes cost a pass of
             * copy_run's loop and its mispredicted exits.  Its byte is
             * stored either way: out + o is inside the room copy_run
             * writes over next. */
            if (end - p >= 2) {
                unsigned char c = unescaped[p[1]];
                size_t two = (size_t)(*p == '\\') & (c != 0);
                if (decode) {
                    out[o] = c;
                    o += two;
                }
                p += 2 * two;
            }
            continue;
        }
        if (p == end)
            return fail_at(r, open, "an unterminated string, opened", 0);
        if (*p == '"')
            break;
        if (*p < 0x20)
            return fail(r, p, "a raw control character in a string (escape it)");
        /* a backslash */
        if (end - p < 2)
            return fail(r, p + 1, "an escape expected");
        switch (p[1]) {
        case 'u': {
            unsigned long cp, low;
            if (!hex4(p + 2, end, &cp))
                return fail_at(r, p, "four hex digits expected after \\u", 6);
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail_at(r, p, "a low surrogate with no high one before it", 6);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || !hex4(p + 8, end, &low) ||
                    low < 0xDC00 || low > 0xDFFF)
                    return fail_at(r, p, "a high surrogate with no low one after it", 12);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
            }
            if (decode)
                o += put_utf8(out + o, cp);
            p += 6;
            break;
        }
        default:
            return fail_at(r, p, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) expected", 2);
        }
    }
    r->p = p + 1;
    if (decode)
        *n = o;
    return WS_JSONL_OK;
}

/* The string at r->p decoded into out. */
static ws_jsonl_status read_string(reader *r, unsigned char *out, size_t *n)
{
    return string_body(r, 1, out, n);
}

/* The string at r->p checked. */
static ws_jsonl_status check_string(reader *r)
{
    return string_body(r, 0, NULL, NULL);
}

/* read_string with no out: checks the string at r->p and leaves r->p after
 * it.  A string of at most fifteen bytes and no escape (most member names
 * and short values: the gold quotes' keys, kinds, names) is one SSE2 load
 * here, without read_string's call. */
static JSONL_INLINE ws_jsonl_status skip_string(reader *r)
{
#ifdef SSE2_RUNS
    if (r->end - r->p > 16) {
        unsigned mask = stop_mask(r->p + 1);
        const unsigned char *p = r->p + 1 + (mask ? __builtin_ctz(mask) : 0);
        if (mask && *p == '"') {
            r->p = p + 1;
            return WS_JSONL_OK;
        }
    }
#endif
    return check_string(r);
}

static ws_jsonl_status read_number(reader *r)
{
    const unsigned char *p = r->p, *end = r->end;
    if (*p == '-')
        p++;
    if (p == end || *p < '0' || *p > '9')
        return fail(r, p, "a digit expected");
    if (*p == '0') {
        p++;
        if (p < end && *p >= '0' && *p <= '9')
            return fail(r, p, "a number with a leading zero");
    } else {
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && *p == '.') {
        p++;
        if (p == end || *p < '0' || *p > '9')
            return fail(r, p, "a digit expected after '.'");
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p == end || *p < '0' || *p > '9')
            return fail(r, p, "a digit expected in the exponent");
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    r->p = p;
    return WS_JSONL_OK;
}

/* read_string of a string of at most fifteen bytes and no escape (the
 * lines' own member names: "id", "text", "quotes") by one SSE2 load, its
 * sixteen bytes stored at out as they are (buf at the string's place, as
 * copy_run's stores), without read_string's call and copy_run's loop. */
static JSONL_INLINE ws_jsonl_status read_short_string(reader *r, unsigned char *out,
                                                      size_t *n)
{
#ifdef SSE2_RUNS
    if (r->end - r->p > 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(r->p + 1));
        unsigned mask = stop_bits(x);
        size_t k = mask ? (size_t)__builtin_ctz(mask) : 0;
        if (mask && r->p[1 + k] == '"') {
            _mm_storeu_si128((__m128i *)(void *)out, x);
            *n = k;
            r->p += k + 2;
            return WS_JSONL_OK;
        }
    }
#endif
    return read_string(r, out, n);
}

/* Reads a member's name and its ':' (r->p at the name's '"'); with out,
 * decodes the name there. */
static JSONL_INLINE ws_jsonl_status read_name(reader *r, unsigned char *out, size_t *n)
{
    ws_jsonl_status st;
    if (r->p == r->end || *r->p != '"')
        return fail(r, r->p, "a member name (a string) expected");
    if ((st = out ? read_short_string(r, out, n) : skip_string(r)) != WS_JSONL_OK)
        return st;
    skip_space(r);
    if (r->p == r->end || *r->p != ':')
        return fail(r, r->p, "':' expected after a member name");
    r->p++;
    return WS_JSONL_OK;
}

/* Reads the name of a member inside a value that read_value copies, and
 * with out, adds it as written and its ':' at out + *o. */
static ws_jsonl_status member_name(reader *r, unsigned char *out, size_t *o)
{
    const unsigned char *from = r->p, *q;
    ws_jsonl_status st = read_name(r, NULL, NULL);
    if (st != WS_JSONL_OK || !out)
        return st;
    /* back over the ':' and any white space to the name's closing '"' */
    for (q = r->p - 1; *q != '"'; q--)
        ;
    memcpy(out + *o, from, (size_t)(q + 1 - from));
    *o += (size_t)(q + 1 - from);
    out[(*o)++] = ':';
    return WS_JSONL_OK;
}

/* Reads one value at r->p (white space before it skipped), arrays and
 * objects with a stack of their brackets, not recursion; depth is how deep
 * the value sits.  *kind gets its type (the outermost one's).  With out,
 * writes its JSON text there less the white space between tokens, and the
 * count to *n. */
static ws_jsonl_status read_value(reader *r, int depth, vkind *kind,
                                  unsigned char *out, size_t *n)
{
    unsigned char open[WS_JSONL_MAX_DEPTH];
    int top = 0;
    vkind k;
    size_t o = 0;
    ws_jsonl_status st;
    const unsigned char *from;
    for (;;) {
        /* a value */
        skip_space(r);
        from = r->p;
        if (r->p == r->end)
            return fail(r, r->p, "a value expected");
        switch (*r->p) {
        case '"':
            k = V_STRING;
            st = skip_string(r);
            break;
        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
            k = V_NUMBER;
            st = read_number(r);
            break;
        case 't': case 'f': case 'n': {
            const char *word = *r->p == 't' ? "true" : *r->p == 'f' ? "false" : "null";
            size_t wl = strlen(word);
            k = *r->p == 'n' ? V_NULL : V_BOOLEAN;
            if ((size_t)(r->end - r->p) < wl || memcmp(r->p, word, wl) != 0)
                return fail(r, r->p, "a value expected");
            r->p += wl;
            st = WS_JSONL_OK;
            break;
        }
        case '[': case '{':
            if (depth + top + 1 > WS_JSONL_MAX_DEPTH)
                return fail(r, r->p, "arrays and objects nested too deep");
            if (top == 0)
                *kind = *r->p == '[' ? V_ARRAY : V_OBJECT;
            open[top++] = *r->p++;
            if (out)
                out[o++] = from[0];
            skip_space(r);
            if (r->p < r->end && *r->p == (open[top - 1] == '[' ? ']' : '}')) {
                top--;
                if (out)
                    out[o++] = *r->p;
                r->p++;
                goto after_value;
            }
            if (open[top - 1] == '{' &&
                (st = member_name(r, out, &o)) != WS_JSONL_OK)
                return st;
            continue;
        default:
            return fail(r, r->p, "a value expected");
        }
        if (st != WS_JSONL_OK)
            return st;
        if (top == 0)
            *kind = k;
        if (out) {
            memcpy(out + o, from, (size_t)(r->p - from));
            o += (size_t)(r->p - from);
        }
    after_value:
        /* what follows a value inside an array or object */
        for (;;) {
            unsigned char close;
            if (top == 0) {
                if (n)
                    *n = o;
                return WS_JSONL_OK;
            }
            close = open[top - 1] == '[' ? ']' : '}';
            skip_space(r);
            if (r->p < r->end && *r->p == close) {
                top--;
                if (out)
                    out[o++] = close;
                r->p++;
                continue;
            }
            if (r->p == r->end || *r->p != ',')
                return fail(r, r->p, close == ']' ? "',' or ']' expected"
                                                  : "',' or '}' expected");
            r->p++;
            if (out)
                out[o++] = ',';
            if (close == '}') {
                skip_space(r);
                if ((st = member_name(r, out, &o)) != WS_JSONL_OK)
                    return st;
            }
            break;
        }
    }
}

/* The end of the escape at p (its '\\') as read_string takes it, or NULL
 * where read_string refuses it. */
static const unsigned char *escape_end(const unsigned char *p, const unsigned char *end)
{
    unsigned long cp, low;
    if (end - p < 2)
        return NULL;
    switch (p[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return p + 2;
    case 'u':
        if (!hex4(p + 2, end, &cp) || (cp >= 0xDC00 && cp <= 0xDFFF))
            return NULL;
        if (cp < 0xD800 || cp > 0xDBFF)
            return p + 6;
        if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || !hex4(p + 8, end, &low) ||
            low < 0xDC00 || low > 0xDFFF)
            return NULL;
        return p + 12;
    default:
        return NULL;
    }
}

/* The end of the string at p (its '"') as read_string checks it, or NULL
 * where read_string refuses it.  A string of at most fifteen bytes and no
 * escape is one SSE2 load, as in skip_string. */
static JSONL_INLINE const unsigned char *string_end(const unsigned char *p,
                                                    const unsigned char *end)
{
    p++;
#ifdef SSE2_RUNS
    if (end - p >= 16) {
        unsigned mask = stop_mask(p);
        if (!mask)
            p += 16;
        else if (p[__builtin_ctz(mask)] == '"')
            return p + __builtin_ctz(mask) + 1;
    }
#endif
    for (;;) {
        p = plain_run(p, end);
        if (p == end || *p < 0x20)
            return NULL;
        if (*p == '"')
            return p + 1;
        if (!(p = escape_end(p, end)))
            return NULL;
    }
}

static JSONL_INLINE int is_digit(unsigned c)
{
    return c - '0' < 10;
}

/* skip_value's readers of numbers and white space test no end (but for
 * digits_end's load): skip_value reads only lines whose last byte (white
 * space aside) is '}', which stops both, and which no token but a closing
 * bracket ends on. */

/* The end of the digits at p.  With FIRST_LANE, eight bytes at a time
 * where eight are left before end (the gold quotes' offsets have three or
 * four): t = x ^ '0' is 0-9 in a digit's lane, and adding 0x76 to its low
 * seven bits sets the top one for 10-127 (no carry leaves a lane), t's
 * own top bit for the rest. */
static JSONL_INLINE const unsigned char *digits_end(const unsigned char *p,
                                                    const unsigned char *end)
{
#ifdef FIRST_LANE
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    if (end - p >= 8) {
        uint64_t x, t, other;
        memcpy(&x, p, 8);
        t = x ^ ones * '0';
        other = (((t & ~highs) + ones * 0x76) | t) & highs;
        if (other)
            return p + FIRST_LANE(other);
        p += 8;
    }
#else
    (void)end;
#endif
    while (is_digit(*p))
        p++;
    return p;
}

/* The end of the number at p as read_number takes it, or NULL. */
static JSONL_INLINE const unsigned char *number_end(const unsigned char *p,
                                                    const unsigned char *end)
{
    const unsigned char *q;
    p += *p == '-';
    q = digits_end(p, end);
    /* no digit, or a leading zero */
    if (q == p || (*p == '0' && q - p > 1))
        return NULL;
    p = q;
    if (*p == '.') {
        if (!is_digit(*++p))
            return NULL;
        while (is_digit(*p))
            p++;
    }
    if ((*p | 0x20) == 'e') {
        p++;
        p += *p == '+' || *p == '-';
        if (!is_digit(*p))
            return NULL;
        while (is_digit(*p))
            p++;
    }
    return p;
}

/* White space as JSON writers leave it: one ' ' after ',' and ':' (where
 * skip_value asks this) and none before them (where it asks only when the
 * byte is not the one expected), or none.  Any other is left where it is,
 * and the test of the byte that follows refuses it: skip_value answers 0
 * and read_value reads the value, a line of other white space at its
 * pace. */
static JSONL_INLINE const unsigned char *space_end(const unsigned char *p)
{
    return p + (*p == ' ');
}

/* The end of the true, false or null at p, or NULL. */
static JSONL_INLINE const unsigned char *literal_end(const unsigned char *p,
                                                     const unsigned char *end)
{
    uint32_t w;
    if (end - p < 4)
        return NULL;
    memcpy(&w, p, 4);
    if (!memcmp(&w, "true", 4) || !memcmp(&w, "null", 4))
        return p + 4;
    if (end - p >= 5 && !memcmp(p, "false", 5))
        return p + 5;
    return NULL;
}

/* read_value's check of a value nobody reads (a member other than "id",
 * "text" and "html": the archives' gold quotes), in one loop over a local
 * pointer with the brackets as bits, no messages and no calls: 1 with r->p
 * after the value, or 0 where read_value has something to say, or the
 * value nests deeper than 64, or the line does not end in '}' (the caller
 * then asks read_value from the value's start, for its message and
 * offset).  It accepts what read_value accepts and no more; fuzz_jsonl
 * holds the reader to a plain one.
 *
 * The value is a member's, so a line that ends otherwise than in '}' is
 * refused anyway, and a value that read_value takes ends before that
 * '}' or on it: the read stops at it (end below), and only the tests
 * after a closing bracket need ask whether p has reached it. */
static int skip_value(reader *r)
{
    const unsigned char *p = r->p, *end = r->end;
    uint64_t objects = 0;   /* bit i: the bracket open at level i + 1 is '{' */
    unsigned close = 0;     /* the innermost open bracket's closing one */
    int top = 0;
    while (end > p && end[-1] <= ' ' &&
           (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
    if (end == p || end[-1] != '}')
        return 0;
    p = space_end(p);
    if (*p != '[' && *p != '{') {
        /* a value alone: inside brackets, only a closing one can end it,
         * and the loop asks for the outermost's end there alone */
        p = *p == '"' ? string_end(p, end)
          : is_digit(*p) || *p == '-' ? number_end(p, end) : literal_end(p, end);
        if (!p)
            return 0;
        r->p = p;
        return 1;
    }
    for (;;) {
        unsigned c;
        p = space_end(p);
        c = *p;
        /* The types in the order that mispredicts least where they
         * alternate as the gold quotes' members do (number, number,
         * string, boolean, object or null, string or null, ...):
         * strings, brackets ('[' | 0x20 is '{'), literals, then numbers
         * (number_end refuses any other byte).  Simulated over train with
         * a 2-bit counter a test, 74 k mispredicts where strings,
         * numbers, brackets, literals had 95 k. */
        if (c == '"') {
            if (!(p = string_end(p, end)))
                return 0;
        } else if ((c | 0x20) == '{') {
            if (top == 64)
                return 0;
            objects = objects << 1 | (c == '{');
            close = c + 2;
            top++;
            p = space_end(p + 1);
            /* ']' and '}' are '[' and '{' + 2: an empty one closes as a
             * value's end does, below */
            if (*p != c + 2) {
                if (c == '{')
                    goto name;
                continue;
            }
        } else if (c - 'a' < 26) {
            if (!(p = literal_end(p, end)))
                return 0;
        } else if (!(p = number_end(p, end))) {
            return 0;
        }
        /* what follows a value inside an array or object */
        for (;;) {
            if (*p != ',' && *p != close)
                p = space_end(p);
            if (*p == ',')
                break;
            if (*p != close)
                return 0;
            p++;
            top--;
            objects >>= 1;
            close = objects & 1 ? '}' : ']';
            if (!top) {
                r->p = p;
                return 1;
            }
            if (p == end)
                return 0;
        }
        p++;
        if (close == ']')
            continue;
    name:
        p = space_end(p);
        if (*p != '"' || !(p = string_end(p, end)))
            return 0;
        if (*p != ':' && *(p = space_end(p)) != ':')
            return 0;
        p++;
    }
}

/* What a line said of one of "text" and "html". */
typedef struct member {
    int given;              /* present and not null */
    vkind kind;
    const unsigned char *str;   /* the decoded string, when kind is V_STRING */
    size_t len;
} member;

/* Reads the value of "text" or "html" at r->p into *m. */
static ws_jsonl_status read_input(reader *r, member *m)
{
    ws_jsonl_status st;
    skip_space(r);
    if (r->p < r->end && *r->p == '"') {
        unsigned char *at = r->buf + (r->p - r->s);
        if ((st = read_string(r, at, &m->len)) != WS_JSONL_OK)
            return st;
        m->given = 1;
        m->kind = V_STRING;
        m->str = at;
        return WS_JSONL_OK;
    }
    if ((st = read_value(r, 1, &m->kind, NULL, NULL)) != WS_JSONL_OK)
        return st;
    m->given = m->kind != V_NULL;
    return WS_JSONL_OK;
}

static ws_jsonl_status record_error(reader *r, const char *fmt, const char *a,
                                    const char *b)
{
    r->detail->offset = 0;
    snprintf(r->detail->message, sizeof r->detail->message, fmt, a, b);
    return WS_JSONL_RECORD;
}

ws_jsonl_status ws_jsonl_read(const char *line, size_t len, char *buf,
                              ws_jsonl_line *out, ws_error_detail *detail)
{
    reader r;
    member text = {0, V_NULL, NULL, 0}, html = {0, V_NULL, NULL, 0};
    const unsigned char *id = NULL;
    size_t id_len = 0;
    ws_jsonl_status st;
    const member *in;
    r.s = r.p = (const unsigned char *)line;
    r.end = r.s + len;
    r.buf = (unsigned char *)buf;
    r.detail = detail;
    detail->offset = 0;
    detail->rule = NULL;
    detail->message[0] = '\0';
    out->id = out->input = NULL;
    out->id_len = out->input_len = 0;
    out->html = 0;
    skip_space(&r);
    if (r.p == r.end || *r.p != '{') {
        vkind kind;
        if ((st = read_value(&r, 0, &kind, NULL, NULL)) != WS_JSONL_OK)
            return st;
        skip_space(&r);
        if (r.p != r.end)
            return fail(&r, r.p, "the end of the line expected");
        return record_error(&r, "expected a JSON object, got %s", vkind_name[kind], "");
    }
    r.p++;
    skip_space(&r);
    if (r.p < r.end && *r.p == '}') {
        r.p++;
    } else {
        for (;;) {
            unsigned char *name = r.buf + (r.p - r.s);
            size_t nlen = 0;
            if ((st = read_name(&r, name, &nlen)) != WS_JSONL_OK)
                return st;
            if (nlen == 2 && memcmp(name, "id", 2) == 0) {
                vkind kind;
                skip_space(&r);
                id = r.buf + (r.p - r.s);
                if ((st = read_value(&r, 1, &kind, (unsigned char *)id, &id_len)) != WS_JSONL_OK)
                    return st;
            } else if (nlen == 4 && memcmp(name, "text", 4) == 0) {
                if ((st = read_input(&r, &text)) != WS_JSONL_OK)
                    return st;
            } else if (nlen == 4 && memcmp(name, "html", 4) == 0) {
                if ((st = read_input(&r, &html)) != WS_JSONL_OK)
                    return st;
            } else {
                vkind kind;
                const unsigned char *at = r.p;
                if (!skip_value(&r) &&
                    (r.p = at, st = read_value(&r, 1, &kind, NULL, NULL)) != WS_JSONL_OK)
                    return st;
            }
            skip_space(&r);
            if (r.p < r.end && *r.p == ',') {
                r.p++;
                skip_space(&r);
                continue;
            }
            if (r.p < r.end && *r.p == '}') {
                r.p++;
                break;
            }
            return fail(&r, r.p, "',' or '}' expected");
        }
    }
    skip_space(&r);
    if (r.p != r.end)
        return fail(&r, r.p, "the end of the line expected");
    out->id = (const char *)id;
    out->id_len = id_len;
    if (text.given && html.given)
        return record_error(&r, "both \"text\" and \"html\": give one", "", "");
    in = html.given ? &html : &text;
    if (!in->given)
        return record_error(&r, "missing \"text\" (or \"html\")", "", "");
    if (in->kind != V_STRING)
        return record_error(&r, "\"%s\" must be a string, not %s",
                            in == &html ? "html" : "text", vkind_lua[in->kind]);
    out->input = (const char *)in->str;
    out->input_len = in->len;
    out->html = in == &html;
    return WS_JSONL_OK;
}
