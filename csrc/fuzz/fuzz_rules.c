/*
 * fuzz_rules.c -- libFuzzer target for user rules (make fuzz).
 *
 * An input is a pattern and a text: the bytes up to the first newline are
 * compiled as a rule (most do not compile, which must fail cleanly with a
 * message and an offset), the rest is extracted with that rule, under a
 * small match limit so that a pattern that backtracks without end stops
 * with WS_ELIMIT instead of hanging.  The first byte chooses the JIT or
 * the interpreter and whether the rule names a fixed speaker.  Results are
 * held to the invariants of csrc/tests/invariants.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "whosaid.h"
#include "invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_rules: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ws_options o;
    ws_extractor *ex;
    ws_error_detail detail;
    const char *pattern, *text, *why, *nl;
    size_t plen, tlen, at;
    unsigned flags;
    int rc;
    if (size < 2)
        return 0;
    flags = data[0];
    pattern = (const char *)data + 1;
    nl = memchr(pattern, '\n', size - 1);
    plen = nl ? (size_t)(nl - pattern) : size - 1;
    text = nl ? nl + 1 : pattern + plen;
    tlen = (size_t)((const char *)data + size - text);
    ws_options_init(&o);
    o.match_limit = 20000;
    o.depth_limit = 2000;
    o.no_jit = flags & 1;
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    if (!ex)
        fail("cannot create an extractor");
    memset(&detail, 0, sizeof detail);
    rc = ws_extractor_add_rule(ex, "fuzz", pattern, plen,
                               (flags & 2) ? "Lena Ost" : NULL, &detail);
    if (rc != WS_OK && rc != WS_ERULE)
        fail("add_rule failed with neither WS_OK nor WS_ERULE");
    if (rc == WS_ERULE && detail.message[0] == '\0')
        fail("a rule that does not compile came back without a message");
    if (rc == WS_ERULE && detail.offset != WS_NOPOS && detail.offset > plen)
        fail("a compile error's offset lies past the pattern");
    {
        /* a match limit is the one error a rule may bring, and it must name
         * the rule */
        ws_result *res = NULL;
        memset(&detail, 0, sizeof detail);
        rc = ws_extract(ex, text, tlen, &res, &detail);
        if (rc == WS_ELIMIT) {
            if (res || !detail.rule || strcmp(detail.rule, "fuzz") != 0)
                fail("WS_ELIMIT without the rule's name, or with a result");
            ws_extractor_free(ex);
            return 0;
        }
        if (rc != WS_OK)
            fail("ws_extract failed with a rule");
        ws_result_free(res);
    }
    why = ws_inv_check(ex, NULL, text, tlen, NULL, &at);
    if (why) {
        fprintf(stderr, "fuzz_rules: invariant broken at quote %zu: %s\n", at, why);
        abort();
    }
    ws_extractor_free(ex);
    return 0;
}
