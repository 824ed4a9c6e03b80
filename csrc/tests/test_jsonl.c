/*
 * test_jsonl.c -- ws_jsonl_read, the reader of `whosaid --jsonl` lines
 * (csrc/jsonl.h): what it finds, where it says a line is wrong, and that it
 * keeps to its buffer.  Every scratch buffer here is a heap block exactly
 * as long as the line, so make sanitize reports a write past the bound.
 */
#include "check.h"
#include "jsonl.h"

/* The reader a second time, built the portable way (the eight-byte word
 * loop, no SSE2): the fast one is held to it on random lines below. */
#define WS_PORTABLE_JSONL 1
#define ws_jsonl_read ws_jsonl_read_portable
ws_jsonl_status ws_jsonl_read_portable(const char *line, size_t len, char *buf,
                                       ws_jsonl_line *out, ws_error_detail *detail);
#include "jsonl.c"
#undef ws_jsonl_read

/* Reads line (NUL-terminated, or of len bytes when len is not 0) with a
 * fresh buffer; the result's strings are copied into id[] and input[]. */
typedef struct reading {
    ws_jsonl_status st;
    int has_id, html;
    char id[256], input[256];
    size_t input_len;
    ws_error_detail detail;
} reading;

static reading read_line(const char *line, size_t len)
{
    reading r;
    ws_jsonl_line out;
    char *buf;
    if (!len)
        len = strlen(line);
    buf = malloc(len ? len : 1);
    memset(&r, 0, sizeof r);
    r.st = ws_jsonl_read(line, len, buf, &out, &r.detail);
    r.has_id = out.id != NULL;
    if (out.id && out.id_len < sizeof r.id)
        memcpy(r.id, out.id, out.id_len);
    if (out.input && out.input_len < sizeof r.input) {
        memcpy(r.input, out.input, out.input_len);
        r.input_len = out.input_len;
    }
    r.html = out.html;
    free(buf);
    return r;
}

static void test_records(void)
{
    reading r = read_line("{\"id\": \"a1\", \"text\": \"Ortiz said: \\\"Yes.\\\"\"}", 0);
    CHECK(r.st == WS_JSONL_OK);
    CHECK_STR(r.id, "\"a1\"");
    CHECK_STR(r.input, "Ortiz said: \"Yes.\"");
    CHECK(!r.html);

    r = read_line("{\"html\": \"<p>x</p>\", \"id\": [1, {\"k\" : null}]}", 0);
    CHECK(r.st == WS_JSONL_OK);
    CHECK(r.html);
    CHECK_STR(r.input, "<p>x</p>");
    CHECK_STR(r.id, "[1,{\"k\":null}]");

    r = read_line("{\"text\": \"x\"}", 0);
    CHECK(r.st == WS_JSONL_OK && !r.has_id);

    /* decoded: a NUL from \u0000 is part of the input */
    r = read_line("{\"text\": \"a\\u0000b\\ud834\\udd1e\"}", 0);
    CHECK(r.st == WS_JSONL_OK);
    CHECK(r.input_len == 7 && memcmp(r.input, "a\0b\xF0\x9D\x84\x9E", 7) == 0);
}

static void test_record_errors(void)
{
    reading r = read_line("{\"id\": 5, \"text\": \"a\", \"html\": \"b\"}", 0);
    CHECK(r.st == WS_JSONL_RECORD);
    CHECK_STR(r.id, "5");
    CHECK_STR(r.detail.message, "both \"text\" and \"html\": give one");

    r = read_line("{\"id\": 5}", 0);
    CHECK(r.st == WS_JSONL_RECORD);
    CHECK_STR(r.detail.message, "missing \"text\" (or \"html\")");

    r = read_line("{\"text\": {}}", 0);
    CHECK(r.st == WS_JSONL_RECORD && !r.has_id);
    CHECK_STR(r.detail.message, "\"text\" must be a string, not table");

    r = read_line(" [ ] ", 0);
    CHECK(r.st == WS_JSONL_RECORD && !r.has_id);
    CHECK_STR(r.detail.message, "expected a JSON object, got an array");
}

static void test_syntax_errors(void)
{
    reading r = read_line("{\"text\": \"a\", \"n\": [1, 2,]}", 0);
    CHECK(r.st == WS_JSONL_SYNTAX && !r.has_id);
    CHECK(r.detail.offset == 25);
    CHECK_STR(r.detail.message, "not valid JSON: a value expected at byte offset 25, found ']'");

    /* a raw NUL inside a string, and a line that ends inside one */
    r = read_line("{\"text\": \"a\0b\"}", 15);
    CHECK(r.st == WS_JSONL_SYNTAX && r.detail.offset == 11);
    r = read_line("{\"text\": \"ab", 0);
    CHECK(r.st == WS_JSONL_SYNTAX && r.detail.offset == 9);
    CHECK_STR(r.detail.message, "not valid JSON: an unterminated string, opened at byte offset 9");

    r = read_line("{\"text\": \"\\ud800x\"}", 0);
    CHECK(r.st == WS_JSONL_SYNTAX && r.detail.offset == 10);
}

/* Every proper prefix of a valid line is refused, never read past its end
 * (each has its own exact-size block), and says where. */
static void test_prefixes(void)
{
    static const char line[] =
        "{\"id\": {\"a\": [1, -2.5e+3, true, null]}, \"gold\": [\"\\u201cq\\u201d\"],"
        " \"text\": \"\\\"No,\\\" she said. \\ud83d\\ude00\", \"x\": false}";
    size_t n, len = sizeof line - 1, refused = 0;
    reading r = read_line(line, len);
    CHECK(r.st == WS_JSONL_OK);
    CHECK_STR(r.id, "{\"a\":[1,-2.5e+3,true,null]}");
    CHECK_STR(r.input, "\"No,\" she said. \xF0\x9F\x98\x80");
    for (n = 1; n < len; n++) {
        char *copy = malloc(n);
        memcpy(copy, line, n);
        r = read_line(copy, n);
        if (r.st == WS_JSONL_SYNTAX && r.detail.offset <= n)
            refused++;
        free(copy);
    }
    CHECK(refused == len - 1);
}

/* Strings of every length around the eight-byte blocks, with the byte that
 * stops a block at every place in it. */
static void test_blocks(void)
{
    size_t len, at, bad = 0;
    for (len = 0; len < 40; len++) {
        for (at = 0; at <= len; at++) {
            char line[80], want[48];
            size_t i, n = 0;
            reading r;
            n += (size_t)sprintf(line, "{\"text\":\"");
            for (i = 0; i < len; i++) {
                want[i] = (char)('a' + i % 26);
                if (i == at) {
                    want[i] = '\n';
                    line[n++] = '\\';
                    line[n++] = 'n';
                } else {
                    line[n++] = want[i];
                }
            }
            line[n++] = '"';
            line[n++] = '}';
            r = read_line(line, n);
            if (r.st != WS_JSONL_OK || r.input_len != len || memcmp(r.input, want, len))
                bad++;
        }
    }
    CHECK(bad == 0);
}

/* A member nobody reads is checked by skip_value, with read_value behind it
 * for the message; the same value as the "id" is read by read_value alone.
 * Both must refuse the same values at the same offset, and skip_value must
 * take a value nested deeper than its 64 bracket bits. */
static void test_skipped_members(void)
{
    static const char *const values[] = {
        "[1, -0, 0.5, 1e9, -2E-3, true, false, null, \"a\", {}, []]",
        "{\"a\" : {\"b\":[ {\"c\": \"\\u00e9\\ud83d\\ude00\\n\"} ]}, \"d\":\t\"\\/\"}",
        "[1,]", "[,1]", "{\"a\" 1}", "{\"a\":}", "{1: 2}", "[01]", "[1.]", "[1e]", "[-]",
        "[tru]", "[nul]", "[falsy]", "[\"a]", "[\"\\q\"]", "[\"\\udc00\"]", "[\"\\ud800\"]",
        "[\"\\u12g4\"]", "[\"a\x01\"]", "{\"a\":1]", "[1}", "[1 2]", "{\"a\":1,}", "{,}", "x",
        "[\"0123456789abcdef\"]", "[\"0123456789abcdef\\\"\"]", "{\"0123456789abcde\":1}",
        /* digit runs of 7, 8, 9 and 20 bytes, with a leading zero, not ended */
        "[1234567, 12345678, -123456789.5, 12345678901234567890e+1]", "[01234567]",
        "[-00000000000]", "[1234567x]", "[12345678.]", "[12345678e+]",
        /* values alone, and brackets that close at once */
        "\"abc\"", "-12", "012", "true", "fals", "nul", "\"a\\q\"", "{}", "[]", "[[]]", "[[],]",
        "{\"a\":{}}",
        /* white space but for one ' ' after ',' and ':', valid and not */
        "[1 , 2]", "[1\t,\t2 ]", "{\"a\"  :\t1 }", "[\n1]", "[\r\n]", "{ }", "[1,  ,2]",
        "{\"a\":1 \"b\":2}", "[1,\t]"
    };
    char line[4200], idline[4200];
    size_t i, depth, bad = 0;
    for (i = 0; i < sizeof values / sizeof values[0] + 4; i++) {
        const char *v = i < sizeof values / sizeof values[0] ? values[i] : NULL;
        char deep[2100];
        reading a, b;
        size_t n, m;
        if (!v) {
            /* 63, 64, 65 and 999 levels, the last too deep at depth 1 + 999 */
            static const size_t levels[] = {63, 64, 65, 1000};
            size_t k = i - sizeof values / sizeof values[0];
            for (depth = 0; depth < levels[k]; depth++)
                deep[depth] = '[';
            for (depth = 0; depth < levels[k]; depth++)
                deep[levels[k] + depth] = ']';
            deep[2 * levels[k]] = '\0';
            v = deep;
        }
        n = (size_t)sprintf(line, "{\"gold\": %s, \"text\": \"t\"}", v);
        m = (size_t)sprintf(idline, "{\"id\"  : %s, \"text\": \"t\"}", v);
        a = read_line(line, n);
        b = read_line(idline, m);
        if (a.st != b.st || a.detail.offset != b.detail.offset ||
            strcmp(a.detail.message, b.detail.message)) {
            fprintf(stderr, "skipped member differs on %s: %s / %s\n", v, a.detail.message,
                    b.detail.message);
            bad++;
        }
        if (i < 2 || (v == deep && i < sizeof values / sizeof values[0] + 3))
            CHECK(a.st == WS_JSONL_OK);
    }
    CHECK(bad == 0);
}

/* The bytes random strings are made of: plain ones, those that stop a run
 * ('"', '\\', controls: escaped or raw), bytes of 0x80 and above, and the
 * escapes. */
static const char *const pieces[] = {
    "a", "Ortiz", " ", "said", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00",
    "\xE2\x80\x9C", "\xC3\xA9", "\xFF", "\x7F", "\x1F", "\t", "\"", "\\", "\\x", "\\u12",
    "0123456789abcdef", "0123456789abcdef0123456789abcdef"
};

/* The SSE2 reader against the portable one on random lines (texts, ids and
 * other members of every length around 8 and 16 bytes, valid or not):
 * the same status, message, offset, id and decoded input. */
static void test_fast_against_portable(void)
{
    unsigned rnd = 12345;
    int k, differ = 0, ok = 0;
    static char line[4096], buf1[4096], buf2[4096];
    for (k = 0; k < 40000; k++) {
        size_t n = 0, npieces, i;
        ws_jsonl_line a, b;
        ws_error_detail da, db;
        ws_jsonl_status sa, sb;
        int member;
        n += (size_t)sprintf(line, "{\"id\": \"d%d\", ", k);
        for (member = 0; member < 2; member++) {
            rnd = rnd * 1103515245u + 12345u;
            n += (size_t)sprintf(line + n, member ? ", \"x\": [\"" : "\"text\": \"");
            npieces = (rnd >> 16) % 24;
            for (i = 0; i < npieces; i++) {
                const char *piece;
                rnd = rnd * 1103515245u + 12345u;
                /* mostly plain bytes, so that most lines are valid */
                piece = pieces[(rnd >> 16) % 8 ? (rnd >> 20) % 4 :
                               (rnd >> 20) % (sizeof pieces / sizeof pieces[0])];
                n += (size_t)sprintf(line + n, "%s", piece);
            }
            n += (size_t)sprintf(line + n, member ? "\"]" : "\"");
        }
        n += (size_t)sprintf(line + n, "}");
        sa = ws_jsonl_read(line, n, buf1, &a, &da);
        sb = ws_jsonl_read_portable(line, n, buf2, &b, &db);
        ok += sa == WS_JSONL_OK;
        if (sa != sb || da.offset != db.offset || strcmp(da.message, db.message) ||
            (a.id == NULL) != (b.id == NULL) || a.id_len != b.id_len ||
            (a.id && memcmp(a.id, b.id, a.id_len)) || a.input_len != b.input_len ||
            (a.input == NULL) != (b.input == NULL) ||
            (a.input && memcmp(a.input, b.input, a.input_len)) || a.html != b.html) {
            if (differ++ < 5)
                fprintf(stderr, "readers differ on line %d: %.*s\n", k, (int)n, line);
        }
    }
    CHECK(differ == 0);
    /* both kinds of line were read */
    CHECK(ok > 10000 && ok < 39000);
}

int main(void)
{
    test_records();
    test_record_errors();
    test_syntax_errors();
    test_prefixes();
    test_blocks();
    test_skipped_members();
    test_fast_against_portable();
    return check_summary();
}
