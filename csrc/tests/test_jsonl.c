/*
 * test_jsonl.c -- ws_jsonl_read, the reader of `whosaid --jsonl` lines
 * (csrc/jsonl.h): what it finds, where it says a line is wrong, and that it
 * keeps to its buffer.  Every scratch buffer here is a heap block exactly
 * as long as the line, so make sanitize reports a write past the bound.
 */
#include "check.h"
#include "jsonl.h"

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

int main(void)
{
    test_records();
    test_record_errors();
    test_syntax_errors();
    test_prefixes();
    test_blocks();
    return check_summary();
}
