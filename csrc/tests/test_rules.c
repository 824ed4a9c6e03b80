/* test_rules.c -- user rules (rules.c) and known speakers (speakers.c)
 * through the public API: compile errors, attribution, order, limits,
 * several threads on one extractor, allocation failure. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include "check.h"

static const char kcna[] =
    "Pyongyang, Thursday.\n\n"
    "KCNA quoted Kim Jong Un as saying \"the friendship will last forever.\"\n\n"
    "\"We are ready,\" Ana Ruiz said.";

static ws_extractor *make(void)
{
    int err = -99;
    ws_extractor *ex = ws_extractor_create(NULL, NULL, NULL, &err);
    CHECK(ex != NULL && err == WS_OK);
    return ex;
}

static const char *span_text(const char *text, ws_span sp)
{
    static char buf[256];
    size_t n;
    if (sp.start == WS_NOPOS)
        return "(none)";
    n = sp.end - sp.start;
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, text + sp.start, n);
    buf[n] = '\0';
    return buf;
}

static void compile_errors(void)
{
    ws_extractor *ex = make();
    ws_error_detail det;
    const char *bad = "(?<speaker>\\p{Lu}\\w+";
    memset(&det, 0x55, sizeof det);
    CHECK(ws_extractor_add_rule(ex, "broken", bad, strlen(bad), NULL, &det) == WS_ERULE);
    CHECK(det.offset == strlen(bad));
    CHECK(strncmp(det.message, "rule 'broken': ", 15) == 0);
    CHECK(strstr(det.message, "missing closing parenthesis") != NULL);
    /* the message fits, whatever PCRE2 says */
    CHECK(strlen(det.message) < sizeof det.message);
    /* NULL detail is accepted */
    CHECK(ws_extractor_add_rule(ex, "broken", bad, strlen(bad), NULL, NULL) == WS_ERULE);
    /* no speaker group and no fixed speaker */
    CHECK(ws_extractor_add_rule(ex, "mute", "said", 4, NULL, &det) == WS_ERULE);
    CHECK(det.offset == WS_NOPOS);
    CHECK_STR(det.message, "rule 'mute': no (?<speaker>...) group and no fixed speaker");
    /* a fixed speaker needs no group */
    CHECK(ws_extractor_add_rule(ex, "fixed", "said", 4, "Someone", &det) == WS_OK);
    CHECK(det.message[0] == '\0' && det.offset == 0 && det.rule == NULL);
    /* names are unique */
    CHECK(ws_extractor_add_rule(ex, "fixed", "(?<speaker>x)", 13, NULL, &det) == WS_ERULE);
    CHECK_STR(det.message, "rule 'fixed': a rule of that name exists already");
    /* arguments */
    CHECK(ws_extractor_add_rule(NULL, "a", "x", 1, "S", &det) == WS_EINVAL);
    CHECK(ws_extractor_add_rule(ex, "", "x", 1, "S", &det) == WS_EINVAL);
    CHECK(ws_extractor_add_rule(ex, NULL, "x", 1, "S", &det) == WS_EINVAL);
    CHECK(ws_extractor_add_rule(ex, "a", NULL, 0, "S", &det) == WS_EINVAL);
    CHECK(ws_extractor_add_rule(ex, "a", "x", 1, "", &det) == WS_EINVAL);
    /* the pattern is len bytes, not NUL-terminated */
    CHECK(ws_extractor_add_rule(ex, "len", "(?<speaker>x)((", 13, NULL, &det) == WS_OK);
    CHECK_STR(ws_strerror(WS_ERULE), "invalid rule");
    CHECK_STR(ws_strerror(WS_ELIMIT), "a rule hit the match or depth limit");
    ws_extractor_free(ex);
}

static void kcna_rule(void)
{
    ws_extractor *ex = make();
    ws_result *res = NULL;
    const ws_quote *q;
    const char *pat = "(?<via>KCNA) quoted (?<speaker>\\p{Lu}\\w+(?: \\p{Lu}\\w+)*) as saying";
    CHECK(ws_extractor_add_medium(ex, "KCNA", 4) == WS_OK);
    CHECK(ws_extractor_add_rule(ex, "kcna-quoted", pat, strlen(pat), NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, kcna, strlen(kcna), &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == 2);
    q = ws_result_quote(res, 0);
    if (q) {
        CHECK_STR(q->speaker, "Kim Jong Un");
        CHECK_STR(q->rule, "kcna-quoted");
        CHECK_STR(q->via, "KCNA");
        CHECK_STR(span_text(kcna, q->mention), "Kim Jong Un");
        CHECK(q->confidence == 0.9);
        CHECK(q->kind != WS_SCARE);
    }
    /* a quote the rule does not match goes to the sieves */
    q = ws_result_quote(res, 1);
    if (q) {
        CHECK_STR(q->speaker, "Ana Ruiz");
        CHECK_STR(q->rule, "trailing-cue");
    }
    ws_result_free(res);
    ws_extractor_free(ex);
}

static void groups_order_and_fixed(void)
{
    static const char text[] =
        "The council voted on Monday.\n\n"
        "Per the minutes, the chair ruled that \"the motion fails\" after Tom Berg said so.";
    ws_extractor *ex = make();
    ws_result *res = NULL;
    const ws_quote *q;
    const char *p1 = "(?<cue>ruled) that", *p2 = "the (?<speaker>chair) (?<cue>ruled)";
    /* the first rule that matches wins, in the order added */
    CHECK(ws_extractor_add_rule(ex, "chair-fixed", p1, strlen(p1), "Council Chair Rosa Diaz", NULL) == WS_OK);
    CHECK(ws_extractor_add_rule(ex, "chair-group", p2, strlen(p2), NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    q = ws_result_quote(res, 0);
    CHECK(q != NULL);
    if (q) {
        CHECK_STR(q->speaker, "Council Chair Rosa Diaz");
        CHECK_STR(q->rule, "chair-fixed");
        CHECK_STR(span_text(text, q->cue), "ruled");
        CHECK(q->mention.start == WS_NOPOS);
        CHECK(q->via == NULL);
    }
    ws_result_free(res);
    ws_extractor_free(ex);

    /* a group's text when no mention is there; rules run before the
     * sieves ("after Tom Berg said so" would otherwise win) */
    ex = make();
    CHECK(ws_extractor_add_rule(ex, "chair-group", p2, strlen(p2), NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    q = ws_result_quote(res, 0);
    if (q) {
        CHECK_STR(q->speaker, "chair");
        CHECK_STR(q->rule, "chair-group");
        CHECK_STR(span_text(text, q->mention), "chair");
    }
    ws_result_free(res);
    ws_extractor_free(ex);
}

/* A speaker group over a known speaker's alias gives the canonical name. */
static void rule_and_speaker(void)
{
    static const char text[] =
        "The leader spoke at a rally.\n\n"
        "State radio quoted Kim as saying \"the harvest is good.\"";
    const char *aliases[] = {"Kim", "Kim Jong-un"};
    const char *pat = "quoted (?<speaker>\\p{Lu}\\w+) as saying";
    ws_extractor *ex = make();
    ws_result *res = NULL;
    const ws_quote *q;
    CHECK(ws_extractor_add_speaker(ex, "Kim Jong Un", aliases, 2, WS_PERSON, WS_MALE) == WS_OK);
    CHECK(ws_extractor_add_rule(ex, "quoted-as-saying", pat, strlen(pat), NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    q = ws_result_quote(res, 0);
    if (q) {
        CHECK_STR(q->speaker, "Kim Jong Un");
        CHECK_STR(span_text(text, q->mention), "Kim");
    }
    ws_result_free(res);
    ws_extractor_free(ex);
}

static void speakers(void)
{
    static const char text[] =
        "North Korea's leader Kim Jong-un met the envoy.\n\n"
        "\"We will help,\" he said.\n\n"
        "\"No one even had this in their thoughts,\" the Kremlin said.";
    const char *aliases[] = {"Kim Jong-un", "Kim"};
    const char *blank[] = {"  "};
    ws_extractor *ex = make();
    ws_result *res = NULL;
    const ws_quote *q;
    CHECK(ws_extractor_add_speaker(ex, "Kim  Jong\tUn ", aliases, 2, WS_PERSON, WS_MALE) == WS_OK);
    CHECK(ws_extractor_add_speaker(ex, "the Kremlin", NULL, 0, WS_ORG, WS_GENDER_UNKNOWN) == WS_OK);
    CHECK(ws_extractor_add_speaker(ex, " ", NULL, 0, WS_PERSON, WS_MALE) == WS_EINVAL);
    CHECK(ws_extractor_add_speaker(ex, "X", blank, 1, WS_PERSON, WS_MALE) == WS_EINVAL);
    CHECK(ws_extractor_add_speaker(ex, "X", NULL, 1, WS_PERSON, WS_MALE) == WS_EINVAL);
    CHECK(ws_extractor_add_speaker(ex, NULL, NULL, 0, WS_PERSON, WS_MALE) == WS_EINVAL);
    CHECK(ws_extractor_add_speaker(ex, "X", NULL, 0, (ws_speaker_kind)9, WS_MALE) == WS_EINVAL);
    CHECK(ws_extractor_add_speaker(ex, "X", NULL, 0, WS_ORG, (ws_gender)7) == WS_EINVAL);
    CHECK(ws_extractor_add_speaker(NULL, "X", NULL, 0, WS_ORG, WS_MALE) == WS_EINVAL);
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == 2);
    q = ws_result_quote(res, 0);
    if (q) CHECK_STR(q->speaker, "Kim Jong Un");   /* normalised, via "he" */
    q = ws_result_quote(res, 1);
    if (q) CHECK_STR(q->speaker, "the Kremlin");
    ws_result_free(res);
    ws_extractor_free(ex);
}

/* (a+)+$ on a long run of a's that ends in something else backtracks
 * without end: the match limit stops it, and the error names the rule. */
static void match_limit(void)
{
    char text[400];
    ws_options o;
    ws_extractor *ex;
    ws_error_detail det;
    ws_result *res = (ws_result *)&o;
    const char *pat = "(?<speaker>(a+)+$)";
    size_t n = 0;
    n += (size_t)sprintf(text, "\"Stop,\" ");
    memset(text + n, 'a', 200);
    n += 200;
    n += (size_t)sprintf(text + n, "! said Bob.");
    ws_options_init(&o);
    o.match_limit = 10000;
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    CHECK(ws_extractor_add_rule(ex, "fine", "(?<speaker>Bob)x", 16, NULL, NULL) == WS_OK);
    CHECK(ws_extractor_add_rule(ex, "catastrophe", pat, strlen(pat), NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, n, &res, &det) == WS_ELIMIT);
    CHECK(res == NULL);
    CHECK_STR(det.rule, "catastrophe");
    CHECK(strncmp(det.message, "rule 'catastrophe': ", 20) == 0);
    CHECK(strstr(det.message, "limit") != NULL);
    /* NULL detail is accepted; the extractor still works on other text */
    CHECK(ws_extract(ex, text, n, &res, NULL) == WS_ELIMIT);
    CHECK(ws_extract(ex, kcna, strlen(kcna), &res, &det) == WS_OK);
    CHECK(det.rule == NULL && det.message[0] == '\0');
    ws_result_free(res);
    ws_extractor_free(ex);
    /* the depth limit, which only the interpreter obeys */
    ws_options_init(&o);
    o.no_jit = 1;
    o.depth_limit = 50;
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    CHECK(ws_extractor_add_rule(ex, "deep", "(?<speaker>(?:a|b)+)!", 21, NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, n, &res, &det) == WS_ELIMIT);
    CHECK_STR(det.rule, "deep");
    CHECK(strstr(det.message, "depth limit") != NULL);
    ws_extractor_free(ex);
    o.depth_limit = 0;   /* the default */
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    CHECK(ws_extractor_add_rule(ex, "deep", "(?<speaker>(?:a|b)+)!", 21, NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, n, &res, &det) == WS_OK);
    ws_result_free(res);
    ws_extractor_free(ex);
    /* the default limit stops it as well, in bounded time */
    ex = make();
    CHECK(ws_extractor_add_rule(ex, "catastrophe", pat, strlen(pat), NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, n, &res, &det) == WS_ELIMIT);
    CHECK_STR(det.rule, "catastrophe");
    ws_extractor_free(ex);
}

/* Invalid UTF-8 around a quote is no error for a rule (it is never
 * matched), unless strict_utf8 rejects the text first. */
static void invalid_utf8(void)
{
    static const char text[] = "Officials \xC0\xAF quoted Ana Ruiz as saying \"fine \xFF then.\"";
    const char *pat = "quoted (?<speaker>\\p{Lu}\\w+ \\p{Lu}\\w+) as saying";
    ws_extractor *ex = make();
    ws_result *res = NULL;
    CHECK(ws_extractor_add_rule(ex, "r", pat, strlen(pat), NULL, NULL) == WS_OK);
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == 1);
    if (ws_result_count(res) == 1)
        CHECK_STR(ws_result_quote(res, 0)->speaker, "Ana Ruiz");
    ws_result_free(res);
    ws_extractor_free(ex);
}

/* ---- one extractor, several threads ------------------------------------ */

enum { THREADS = 8, ROUNDS = 200 };

typedef struct job {
    const ws_extractor *ex;
    const char *text;
    const char *want_speaker;
    int ok;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    int r;
    j->ok = 1;
    for (r = 0; r < ROUNDS; r++) {
        ws_result *res = NULL;
        const ws_quote *q;
        if (ws_extract(j->ex, j->text, strlen(j->text), &res, NULL) != WS_OK) {
            j->ok = 0;
            break;
        }
        q = ws_result_quote(res, 0);
        if (!q || !q->speaker || strcmp(q->speaker, j->want_speaker) != 0 ||
            !q->rule || strcmp(q->rule, "kcna-quoted") != 0)
            j->ok = 0;
        ws_result_free(res);
    }
    return NULL;
}

static void threads(void)
{
    static const char *const texts[2] = {
        "KCNA quoted Kim Jong Un as saying \"the friendship will last.\"",
        "KCNA quoted Vladimir Putin as saying \"the ties are special ones.\"",
    };
    static const char *const want[2] = {"Kim Jong Un", "Vladimir Putin"};
    const char *pat = "(?<via>KCNA) quoted (?<speaker>\\p{Lu}\\w+(?: \\p{Lu}\\w+)*) as saying";
    ws_extractor *ex = make();
    pthread_t th[THREADS];
    job jobs[THREADS];
    int i, started = 0;
    CHECK(ws_extractor_add_rule(ex, "kcna-quoted", pat, strlen(pat), NULL, NULL) == WS_OK);
    for (i = 0; i < THREADS; i++) {
        jobs[i].ex = ex;
        jobs[i].text = texts[i % 2];
        jobs[i].want_speaker = want[i % 2];
        jobs[i].ok = 0;
        if (pthread_create(&th[i], NULL, worker, &jobs[i]) == 0)
            started++;
        else
            break;
    }
    CHECK(started == THREADS);
    for (i = 0; i < started; i++) {
        pthread_join(th[i], NULL);
        CHECK(jobs[i].ok);
    }
    ws_extractor_free(ex);
}

/* ---- allocation failure ------------------------------------------------- */

/* Fails each allocation of a run in turn (creation, speakers, rules,
 * extraction): every call succeeds or says WS_ENOMEM, nothing leaks. */
static void allocation_failure(void)
{
    const char *aliases[] = {"Kim Jong-un", "Kim"};
    const char *pat = "(?<via>KCNA) quoted (?<speaker>\\p{Lu}\\w+(?: \\p{Lu}\\w+)*) as saying";
    long n;
    int finished = 0, failures = 0;
    for (n = 0; !finished && n < 100000; n++) {
        failing f = {n, 0};
        int rc = WS_OK;
        ws_result *res = NULL;
        ws_extractor *ex = ws_extractor_create(NULL, failing_alloc, &f, &rc);
        if (ex)
            rc = ws_extractor_add_speaker(ex, "Kim Jong Un", aliases, 2, WS_PERSON, WS_MALE);
        if (ex && !rc)
            rc = ws_extractor_add_rule(ex, "kcna-quoted", pat, strlen(pat), NULL, NULL);
        if (ex && !rc) {
            rc = ws_extract(ex, kcna, strlen(kcna), &res, NULL);
            if (!rc) {
                CHECK(ws_result_count(res) == 2);
                CHECK_STR(ws_result_quote(res, 0)->speaker, "Kim Jong Un");
                finished = f.countdown >= 0;
            }
        }
        if (rc) {
            if (rc != WS_ENOMEM)
                fprintf(stderr, "allocation %ld: %s\n", n, ws_strerror(rc));
            CHECK(rc == WS_ENOMEM);
            CHECK(res == NULL);
            failures++;
        }
        ws_result_free(res);
        ws_extractor_free(ex);
        if (f.live != 0) {
            fprintf(stderr, "leak after failing allocation %ld\n", n);
            checks_failed++;
        }
    }
    CHECK(finished);
    CHECK(failures > 10);
}

int main(void)
{
    compile_errors();
    kcna_rule();
    groups_order_and_fixed();
    rule_and_speaker();
    speakers();
    match_limit();
    invalid_utf8();
    threads();
    allocation_failure();
    return check_summary();
}
