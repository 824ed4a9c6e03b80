/*
 * corpus.h -- the bench corpus: the `text` fields of PolNeAR's train.jsonl,
 * read at bench time, or a news-like corpus generated here from our own
 * sentence templates (deterministic: the same bytes on every machine).
 * Used by bench_core.c only; the Lua bench reads the JSONL that
 * `bench_core --emit-corpus` writes.
 */
#ifndef WS_BENCH_CORPUS_H
#define WS_BENCH_CORPUS_H

#include <stddef.h>

typedef struct bench_doc {
    char *text;
    size_t len;
} bench_doc;

typedef struct bench_corpus {
    bench_doc *docs;
    size_t n, cap;
    size_t bytes;
    char source[300];  /* what was loaded, for the report */
} bench_corpus;

/* Loads the corpus BENCH_CORPUS names (auto, polnear, generated); polnear
 * (or auto, when the file is there) reads `path`.  Returns 0 or -1 with a
 * message on stderr. */
int corpus_load(bench_corpus *c, const char *which, const char *path);
void corpus_free(bench_corpus *c);
/* Writes the corpus as JSON Lines {"id": "doc-N", "text": ...}. */
int corpus_write_jsonl(const bench_corpus *c, const char *path);

#endif
