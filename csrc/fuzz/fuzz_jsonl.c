/*
 * fuzz_jsonl.c -- libFuzzer target for ws_jsonl_read (make fuzz): one input
 * is one line of `whosaid --jsonl` input.
 *
 * The reader is checked against a second reader written here the plain way
 * (recursive descent, a byte at a time, decoding every string into a
 * buffer of its own): both must accept and refuse the same lines and find
 * the same id, input and html flag, and a refusal must say where.  The
 * scratch buffer is exactly as long as the line, so ASan reports any write
 * past what the contract allows.  A disagreement prints what differed and
 * aborts, so libFuzzer saves the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the reference reader ------------------------------------------- */

typedef struct ref {
    const unsigned char *p, *end;
    int depth;
    /* what a value was, when read_v is asked: its type, decoded string */
    char type;                 /* s n b z a o */
    unsigned char *str;
    size_t len;
    /* the id's tokens without white space */
    unsigned char *id;
    size_t id_len;
    int in_id;
} ref;

static void ws(ref *r)
{
    while (r->p < r->end && strchr(" \t\n\r", *r->p) && *r->p)
        r->p++;
}

static void id_put(ref *r, const unsigned char *from, size_t n)
{
    if (r->in_id) {
        memcpy(r->id + r->id_len, from, n);
        r->id_len += n;
    }
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int u4(ref *r, unsigned long *v)
{
    int i;
    *v = 0;
    for (i = 0; i < 4; i++) {
        int h;
        if (r->p >= r->end || (h = hexval(*r->p)) < 0)
            return 0;
        *v = *v * 16 + (unsigned long)h;
        r->p++;
    }
    return 1;
}

static void put_byte(ref *r, unsigned long b)
{
    r->str[r->len++] = (unsigned char)b;
}

/* a string at r->p, decoded into r->str */
static int str(ref *r)
{
    const unsigned char *start = r->p;
    r->len = 0;
    r->p++;
    for (;;) {
        unsigned char c;
        if (r->p >= r->end)
            return 0;
        c = *r->p++;
        if (c == '"')
            break;
        if (c < 0x20)
            return 0;
        if (c != '\\') {
            put_byte(r, c);
            continue;
        }
        if (r->p >= r->end)
            return 0;
        c = *r->p++;
        switch (c) {
        case '"': put_byte(r, '"'); break;
        case '\\': put_byte(r, '\\'); break;
        case '/': put_byte(r, '/'); break;
        case 'b': put_byte(r, 8); break;
        case 'f': put_byte(r, 12); break;
        case 'n': put_byte(r, 10); break;
        case 'r': put_byte(r, 13); break;
        case 't': put_byte(r, 9); break;
        case 'u': {
            unsigned long cp, lo;
            if (!u4(r, &cp))
                return 0;
            if (cp >= 0xD800 && cp < 0xE000) {
                if (cp >= 0xDC00)
                    return 0;
                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                    return 0;
                r->p += 2;
                if (!u4(r, &lo) || lo < 0xDC00 || lo >= 0xE000)
                    return 0;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp < 0x80) {
                put_byte(r, cp);
            } else if (cp < 0x800) {
                put_byte(r, 0xC0 | cp >> 6);
                put_byte(r, 0x80 | (cp & 63));
            } else if (cp < 0x10000) {
                put_byte(r, 0xE0 | cp >> 12);
                put_byte(r, 0x80 | (cp >> 6 & 63));
                put_byte(r, 0x80 | (cp & 63));
            } else {
                put_byte(r, 0xF0 | cp >> 18);
                put_byte(r, 0x80 | (cp >> 12 & 63));
                put_byte(r, 0x80 | (cp >> 6 & 63));
                put_byte(r, 0x80 | (cp & 63));
            }
            break;
        }
        default:
            return 0;
        }
    }
    id_put(r, start, (size_t)(r->p - start));
    return 1;
}

static int digits(ref *r)
{
    const unsigned char *s = r->p;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        r->p++;
    return r->p > s;
}

static int num(ref *r)
{
    const unsigned char *start = r->p;
    if (*r->p == '-')
        r->p++;
    if (r->p < r->end && *r->p == '0')
        r->p++;
    else if (!digits(r))
        return 0;
    if (r->p < r->end && *r->p == '.') {
        r->p++;
        if (!digits(r))
            return 0;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            r->p++;
        if (!digits(r))
            return 0;
    }
    /* "01": the reader names the leading zero; here the '1' is what no
     * value may be followed by, which the caller finds */
    id_put(r, start, (size_t)(r->p - start));
    return 1;
}

static int value(ref *r);

static int container(ref *r, unsigned char close)
{
    unsigned char c = close == ']' ? '[' : '{';
    if (++r->depth > WS_JSONL_MAX_DEPTH)
        return 0;
    id_put(r, &c, 1);
    r->p++;
    ws(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        id_put(r, &close, 1);
        r->depth--;
        return 1;
    }
    for (;;) {
        ws(r);
        if (close == '}') {
            if (r->p >= r->end || *r->p != '"' || !str(r))
                return 0;
            ws(r);
            if (r->p >= r->end || *r->p != ':')
                return 0;
            id_put(r, r->p, 1);
            r->p++;
        }
        if (!value(r))
            return 0;
        ws(r);
        if (r->p < r->end && *r->p == ',') {
            id_put(r, r->p, 1);
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == close) {
            id_put(r, r->p, 1);
            r->p++;
            r->depth--;
            return 1;
        }
        return 0;
    }
}

static int value(ref *r)
{
    ws(r);
    if (r->p >= r->end)
        return 0;
    switch (*r->p) {
    case '"': r->type = 's'; return str(r);
    case '[': case '{': {
        /* the values inside set r->type too: this one's type is set after */
        char type = *r->p == '[' ? 'a' : 'o';
        int ok = container(r, type == 'a' ? ']' : '}');
        r->type = type;
        return ok;
    }
    case 't': case 'f': case 'n': {
        const char *w = *r->p == 't' ? "true" : *r->p == 'f' ? "false" : "null";
        size_t n = strlen(w);
        r->type = *r->p == 'n' ? 'z' : 'b';
        if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n))
            return 0;
        id_put(r, r->p, n);
        r->p += n;
        return 1;
    }
    default:
        if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')) {
            r->type = 'n';
            return num(r);
        }
        return 0;
    }
}

/* The reference's reading of a line: -1 not JSON, 0 a record, 1 valid but
 * not an object, 2 both, 3 missing, 4 input not a string. */
typedef struct ref_result {
    int status;
    unsigned char *id;          /* NULL when none */
    size_t id_len;
    unsigned char *input;
    size_t input_len;
    int html;
} ref_result;

static void ref_read(const unsigned char *s, size_t len, ref_result *out,
                     unsigned char *idbuf, unsigned char *strbuf,
                     unsigned char *textbuf, unsigned char *htmlbuf)
{
    ref r;
    char ttype = 0, htype = 0;   /* 0 absent, else the type of the value */
    size_t tlen = 0, hlen = 0;
    memset(&r, 0, sizeof r);
    r.p = s;
    r.end = s + len;
    r.str = strbuf;
    out->id = NULL;
    ws(&r);
    if (r.p >= r.end || *r.p != '{') {
        out->status = value(&r) ? 1 : -1;
        ws(&r);
        if (out->status == 1 && r.p != r.end)
            out->status = -1;
        return;
    }
    r.p++;
    r.depth = 1;
    ws(&r);
    if (r.p < r.end && *r.p == '}') {
        r.p++;
    } else {
        for (;;) {
            int is_id, is_text, is_html;
            ws(&r);
            if (r.p >= r.end || *r.p != '"' || !str(&r)) {
                out->status = -1;
                return;
            }
            is_id = r.len == 2 && !memcmp(r.str, "id", 2);
            is_text = r.len == 4 && !memcmp(r.str, "text", 4);
            is_html = r.len == 4 && !memcmp(r.str, "html", 4);
            ws(&r);
            if (r.p >= r.end || *r.p != ':') {
                out->status = -1;
                return;
            }
            r.p++;
            if (is_id) {
                r.id = idbuf;
                r.id_len = 0;
                r.in_id = 1;
            }
            if (!value(&r)) {
                out->status = -1;
                return;
            }
            if (is_id) {
                r.in_id = 0;
                out->id = idbuf;
                out->id_len = r.id_len;
            }
            if (is_text || is_html) {
                char t = r.type == 'z' ? 0 : r.type;
                if (is_text) {
                    ttype = t;
                    if (t == 's') {
                        memcpy(textbuf, r.str, r.len);
                        tlen = r.len;
                    }
                } else {
                    htype = t;
                    if (t == 's') {
                        memcpy(htmlbuf, r.str, r.len);
                        hlen = r.len;
                    }
                }
            }
            ws(&r);
            if (r.p < r.end && *r.p == ',') {
                r.p++;
                continue;
            }
            if (r.p < r.end && *r.p == '}') {
                r.p++;
                break;
            }
            out->status = -1;
            return;
        }
    }
    ws(&r);
    if (r.p != r.end) {
        out->status = -1;
        return;
    }
    if (ttype && htype) {
        out->status = 2;
    } else if (!ttype && !htype) {
        out->status = 3;
    } else if ((htype ? htype : ttype) != 's') {
        out->status = 4;
    } else {
        out->status = 0;
        out->html = htype != 0;
        out->input = htype ? htmlbuf : textbuf;
        out->input_len = htype ? hlen : tlen;
    }
}

/* ---- the target ------------------------------------------------------ */

static void broken(const char *what, const uint8_t *data, size_t size)
{
    fprintf(stderr, "fuzz_jsonl: %s (line of %lu bytes: %.*s)\n", what,
            (unsigned long)size, (int)(size < 200 ? size : 200), (const char *)data);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* exactly `size` bytes: the contract's bound, watched by ASan */
    char *buf = malloc(size ? size : 1);
    unsigned char *idbuf = malloc(size + 1), *strbuf = malloc(size + 1),
                  *textbuf = malloc(size + 1), *htmlbuf = malloc(size + 1);
    ws_jsonl_line got;
    ws_error_detail detail;
    ref_result want;
    ws_jsonl_status st;
    if (!buf || !idbuf || !strbuf || !textbuf || !htmlbuf)
        abort();
    st = ws_jsonl_read((const char *)data, size, buf, &got, &detail);
    ref_read(data, size, &want, idbuf, strbuf, textbuf, htmlbuf);
    if ((st == WS_JSONL_SYNTAX) != (want.status == -1))
        broken(st == WS_JSONL_SYNTAX ? "refused a valid line" : "accepted an invalid line",
               data, size);
    if (st == WS_JSONL_SYNTAX) {
        if (detail.offset > size || !strstr(detail.message, "at byte offset"))
            broken("a refusal that does not say where", data, size);
    } else {
        if ((st == WS_JSONL_OK) != (want.status == 0))
            broken("a record read differently", data, size);
        if (st == WS_JSONL_RECORD && !detail.message[0])
            broken("a record error with no message", data, size);
        if ((got.id == NULL) != (want.id == NULL) ||
            (got.id && (got.id_len != want.id_len || memcmp(got.id, want.id, got.id_len))))
            broken("another id", data, size);
        if (st == WS_JSONL_OK &&
            (got.html != want.html || got.input_len != want.input_len ||
             memcmp(got.input, want.input, got.input_len)))
            broken("another input", data, size);
    }
    free(buf);
    free(idbuf);
    free(strbuf);
    free(textbuf);
    free(htmlbuf);
    return 0;
}
