/* test_threads.c -- extractors in several threads at once: one extractor
 * shared by every thread, and one extractor per thread, on the same text and
 * on different texts.  Every result must equal the single-threaded result of
 * the same text.  make sanitize runs this under ThreadSanitizer. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include "check.h"
#include "invariants.h"

#define NTHREADS 6
#define ROUNDS 8

static const char *const texts[] = {
    "Harbor workers walked out on Monday.\n\n"
    "\xE2\x80\x9CWe are not going back without a contract,\xE2\x80\x9D said "
    "Ana Ruiz, a spokeswoman for the dockworkers' union. \xE2\x80\x9CNot one "
    "ship.\xE2\x80\x9D\n\nMayor Tom Berg called the strike \"reckless\" and "
    "said the city would \"do everything it can\" to reopen the port.\n\n"
    "\"It's the '90s all over again,\" he said.",

    "North Korea's leader Kim Jong-un has expressed readiness to \xE2\x80\x9C"
    "fully support\xE2\x80\x9D Russia, the state news agency reported. The two "
    "leaders called it \xE2\x80\x9C" "a new era.\xE2\x80\x9D\n\n\xE2\x80\x9CWe "
    "stand together,\xE2\x80\x9D Putin said.",

    "\xC2\xAB Nous ne c\xC3\xA9" "derons pas \xC2\xBB, a dit la ministre. "
    "\"Unclosed quote here\n\n\xE2\x80\x9C\xE2\x80\x98\xE2\x80\x9C nested "
    "\xE2\x80\x9D\xE2\x80\x99\xE2\x80\x9D said Lee. \xFF\xC0\xAF \"bad\" bytes",

    "\"The budget is final,\" Sen. Mary Jones told reporters. She added that "
    "the plan was \"a so-called compromise.\" The countries' ministers "
    "disagreed: \xE3\x80\x8C" "No\xE3\x80\x8D.\n\n\"We will see,\" she said.",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

static ws_result *expected[NTEXTS];

typedef struct job {
    const ws_extractor *shared;   /* NULL: make one of its own */
    int text;                     /* -1: every text, starting at its index */
    int index;
    int mismatches, errors;
} job;

static void *run(void *arg)
{
    job *j = arg;
    ws_extractor *own = NULL;
    const ws_extractor *ex = j->shared;
    int r, k;
    if (!ex) {
        own = ws_extractor_create(NULL, NULL, NULL, NULL);
        if (!own) {
            j->errors++;
            return NULL;
        }
        ex = own;
    }
    for (r = 0; r < ROUNDS; r++) {
        for (k = 0; k < (int)NTEXTS; k++) {
            int t = j->text >= 0 ? j->text : (j->index + k) % (int)NTEXTS;
            ws_result *res = NULL;
            if (ws_extract(ex, texts[t], strlen(texts[t]), &res, NULL) != WS_OK)
                j->errors++;
            else if (!ws_same_result(res, expected[t]))
                j->mismatches++;
            ws_result_free(res);
        }
    }
    ws_extractor_free(own);
    return NULL;
}

/* Runs NTHREADS threads; text -1 gives each thread a different order. */
static void run_threads(const ws_extractor *shared, int text)
{
    pthread_t th[NTHREADS];
    job jobs[NTHREADS];
    int i, started = 0;
    for (i = 0; i < NTHREADS; i++) {
        jobs[i].shared = shared;
        jobs[i].text = text;
        jobs[i].index = i;
        jobs[i].mismatches = jobs[i].errors = 0;
        if (pthread_create(&th[i], NULL, run, &jobs[i]) == 0)
            started++;
        else
            break;
    }
    CHECK(started == NTHREADS);
    for (i = 0; i < started; i++) {
        pthread_join(th[i], NULL);
        CHECK(jobs[i].errors == 0);
        CHECK(jobs[i].mismatches == 0);
    }
}

int main(void)
{
    ws_extractor *ex = ws_extractor_create(NULL, NULL, NULL, NULL);
    size_t t, at;
    if (!ex) {
        fprintf(stderr, "cannot create an extractor\n");
        return 2;
    }
    /* the single-threaded results, which also hold the invariants */
    for (t = 0; t < NTEXTS; t++) {
        const char *why = ws_inv_check(ex, NULL, texts[t], strlen(texts[t]),
                                       &expected[t], &at);
        if (why)
            fprintf(stderr, "text %zu: quote %zu: %s\n", t, at, why);
        CHECK(why == NULL && expected[t] != NULL);
        CHECK(ws_result_count(expected[t]) > 0);
    }
    if (checks_failed)
        return check_summary();
    run_threads(ex, 0);      /* one extractor, the same text */
    run_threads(ex, -1);     /* one extractor, different texts */
    run_threads(NULL, 1);    /* an extractor each, the same text */
    run_threads(NULL, -1);   /* an extractor each, different texts */
    for (t = 0; t < NTEXTS; t++)
        ws_result_free(expected[t]);
    ws_extractor_free(ex);
    return check_summary();
}
