/*
 * fuzz_extract.c -- libFuzzer target for ws_extract (make fuzz).
 *
 * Three extractors are made once, one with the default options, one with
 * strict_utf8 and one that reads a text in windows of 128 bytes (core.c,
 * "windows": the default window is longer than any input here); every
 * input is extracted with each and the results are held to the invariants
 * of csrc/tests/invariants.h.  A violation prints what
 * broke and aborts, so libFuzzer reports it and saves the input.
 *
 * User rules with random PCRE2 patterns have their own target,
 * fuzz_rules.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "whosaid.h"
#include "internal.h"
#include "invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ws_extractor *ex, *strict, *windowed;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *why;
    size_t at;
    if (!ex) {
        ws_options o;
        ws_options_init(&o);
        ex = ws_extractor_create(&o, NULL, NULL, NULL);
        o.strict_utf8 = 1;
        strict = ws_extractor_create(&o, NULL, NULL, NULL);
        o.strict_utf8 = 0;
        windowed = ws_extractor_create(&o, NULL, NULL, NULL);
        if (!ex || !strict || !windowed) {
            fprintf(stderr, "fuzz_extract: cannot create extractors\n");
            abort();
        }
        ws_extractor_set_window(windowed, 128, 32);
    }
    why = ws_inv_check(ex, strict, (const char *)data, size, NULL, &at);
    if (!why)
        why = ws_inv_check(windowed, NULL, (const char *)data, size, NULL, &at);
    if (why) {
        fprintf(stderr, "fuzz_extract: invariant broken at quote %zu: %s\n",
                at, why);
        abort();
    }
    return 0;
}
