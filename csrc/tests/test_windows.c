/* test_windows.c -- a long text read in windows (core.c, "windows") gives
 * the quotes of one pass: offsets, paragraphs, groups, speakers and all.
 * The windows are made small here (ws_extractor_set_window) so that a text
 * of some tens of kilobytes crosses dozens of them: a quote carried over
 * two paragraphs at a cut, a speaker named in full before a cut and by
 * surname or pronoun after it, and a text with no line break at all, cut
 * at sentence ends. */
#include "check.h"
#include "invariants.h"

/* ---- a newswire of our own ------------------------------------------- */

/* Surnames made of syllables, so that no two stories share one and a
 * single pass links no name of one story to another's. */
static void surname(char *out, size_t n, unsigned k)
{
    static const char *const a[] = {"Bar", "Kel", "Mor", "Tan", "Vel", "Dor",
                                    "Fen", "Lis", "Ros", "Hal"};
    static const char *const b[] = {"a", "o", "e", "i"};
    static const char *const c[] = {"nov", "berg", "ski", "ton", "dez", "vard",
                                    "mont", "quist"};
    snprintf(out, n, "%s%s%s", a[k % 10], b[(k / 10) % 4], c[(k / 40) % 8]);
}

typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, const char *s)
{
    size_t k = strlen(s);
    if (t->n + k + 1 > t->cap) {
        t->cap = (t->n + k + 1) * 2;
        t->s = realloc(t->s, t->cap);
        if (!t->s)
            exit(2);
    }
    memcpy(t->s + t->n, s, k + 1);
    t->n += k;
}

/* Story k: a leading cue, a trailing one with the surname, a pronoun that
 * adds, a quote carried over two paragraphs, a partial quote, a second
 * speaker with a role, and a paragraph with no quote. */
static void story(text *t, unsigned k)
{
    static const char *const firsts[] = {"Ann", "Tomas", "Lena", "Viktor",
                                         "Grace", "Omar", "Ingrid", "Pedro"};
    char s1[32], s2[32], buf[1024];
    const char *f1 = firsts[k % 8], *f2 = firsts[(k + 3) % 8];
    const char *he = (k % 8) % 2 ? "he" : "she";
    surname(s1, sizeof s1, 2 * k);
    surname(s2, sizeof s2, 2 * k + 1);
    snprintf(buf, sizeof buf,
             "Senator %s %s said on Monday: \xE2\x80\x9CThe harbor talks will resume "
             "before the end of the month.\xE2\x80\x9D\n\n"
             "\xE2\x80\x9CWe will not let this harbor go dark over a few cents an "
             "hour,\xE2\x80\x9D %s told reporters in Westland. \xE2\x80\x9CNot this "
             "winter.\xE2\x80\x9D\n\n"
             "\xE2\x80\x9CThe authority has put a generous proposal on the table,\xE2\x80\x9D "
             "%s added.\n\n"
             "Officials expect a decision before the vote next week.\n\n"
             "%c%s said the vote would be close. \xE2\x80\x9CIt will go down to the "
             "wire,\xE2\x80\x9D %s said.\n\n"
             "%s, who chairs the harbor committee, was blunt: \xE2\x80\x9CThis is the "
             "most important vote of the decade.\xE2\x80\x9D\n\n",
             f1, s1, s1, he, he[0] - 32, he + 1, he, s1);
    put(t, buf);
    snprintf(buf, sizeof buf,
             "%s %s, a spokeswoman for the dockworkers' union, called the offer "
             "\xE2\x80\x9Ctotally unacceptable\xE2\x80\x9D on Tuesday.\n\n"
             "\xE2\x80\x9COur members voted, and the answer was no. They will keep "
             "the cranes still until the port listens.\n\n"
             "\xE2\x80\x9CThere is no plan B,\xE2\x80\x9D %s said.\n\n",
             f2, s2, s2);
    put(t, buf);
}

static char *newswire(unsigned stories, int newlines, size_t *len)
{
    text t = {NULL, 0, 0};
    unsigned k;
    for (k = 0; k < stories; k++)
        story(&t, k);
    if (!newlines) {
        size_t i;
        for (i = 0; i < t.n; i++)
            if (t.s[i] == '\n')
                t.s[i] = ' ';
    }
    *len = t.n;
    return t.s;
}

/* ---- the checks ------------------------------------------------------- */

static ws_extractor *extractor(size_t window, size_t margin)
{
    ws_extractor *ex = ws_extractor_create(NULL, NULL, NULL, NULL);
    if (!ex)
        exit(2);
    ws_extractor_set_window(ex, window, margin);
    return ex;
}

/* The index of the first quote whose text starts with s, or the count. */
static size_t find_quote(const ws_result *r, const char *text, const char *s)
{
    size_t i, n = ws_result_count(r);
    for (i = 0; i < n; i++)
        if (strncmp(text + ws_result_quote(r, i)->start, s, strlen(s)) == 0)
            return i;
    return n;
}

/* The same quotes, field by field, in windows of many sizes (cut at every
 * kind of place) with a margin of 1 KB, as in one pass; and the
 * invariants hold.  With no margin they are not the same: the context a
 * window reads on either side is what makes them so. */
static void same_as_one_pass(const char *what, const char *s, size_t len)
{
    ws_extractor *one = extractor((size_t)-1, WS_WINDOW_MARGIN);
    ws_result *r1 = NULL;
    size_t window;
    int differ = 0;
    CHECK(ws_extract(one, s, len, &r1, NULL) == WS_OK);
    CHECK(ws_result_count(r1) > 300);
    for (window = 700; window < 4000; window += 131) {
        ws_extractor *ex = extractor(window, 0);
        ws_result *r2 = NULL;
        CHECK(ws_extract(ex, s, len, &r2, NULL) == WS_OK);
        differ += !ws_same_result(r1, r2);
        ws_result_free(r2);
        ws_extractor_free(ex);
    }
    CHECK(differ > 0);
    for (window = 4096; window < 12000; window += 373) {
        ws_extractor *ex = extractor(window, 1024);
        ws_result *r2 = NULL;
        const char *why;
        size_t at;
        why = ws_inv_check(ex, NULL, s, len, &r2, &at);
        if (why)
            fprintf(stderr, "%s, window %zu: quote %zu: %s\n", what, window, at, why);
        CHECK(why == NULL);
        if (r2 && !ws_same_result(r1, r2)) {
            size_t i, n = ws_result_count(r1);
            for (i = 0; i < n && i < ws_result_count(r2); i++) {
                const ws_quote *a = ws_result_quote(r1, i), *b = ws_result_quote(r2, i);
                if (a->start != b->start || a->paragraph != b->paragraph ||
                    a->group != b->group || !ws_inv_same_str(a->speaker, b->speaker) ||
                    !ws_inv_same_str(a->rule, b->rule) || a->kind != b->kind) {
                    fprintf(stderr, "%s, window %zu: quote %zu at %zu differs: p%u g%u %s %s"
                            " / p%u g%u %s %s\n", what, window, i, a->start,
                            a->paragraph, a->group, a->speaker ? a->speaker : "-",
                            a->rule ? a->rule : "-", b->paragraph, b->group,
                            b->speaker ? b->speaker : "-", b->rule ? b->rule : "-");
                    break;
                }
            }
            if (ws_result_count(r1) != ws_result_count(r2))
                fprintf(stderr, "%s, window %zu: %zu quotes, one pass %zu\n", what,
                        window, ws_result_count(r2), ws_result_count(r1));
        }
        CHECK(r2 && ws_same_result(r1, r2));
        ws_result_free(r2);
        ws_extractor_free(ex);
    }
    ws_result_free(r1);
    ws_extractor_free(one);
}

/* The newswire in windows, paragraphs and all. */
static void windows_of_paragraphs(void)
{
    size_t len;
    char *s = newswire(60, 1, &len);
    same_as_one_pass("newswire", s, len);
    free(s);
}

/* With no line break at all the cuts fall at sentence ends. */
static void windows_without_line_breaks(void)
{
    size_t len;
    char *s = newswire(60, 0, &len);
    same_as_one_pass("newswire on one line", s, len);
    free(s);
}

/* A quote carried over two paragraphs whose second paragraph is where a
 * window would end: the cut falls before the quote, and its two parts are
 * one group, spoken by the one the second names. */
static void quote_over_paragraphs_at_a_cut(void)
{
    text t = {NULL, 0, 0};
    ws_extractor *ex = extractor(2048, 512), *one = extractor((size_t)-1, 1024);
    ws_result *r = NULL, *r1 = NULL;
    size_t a, b;
    while (t.n < 1900)
        put(&t, "The talks resumed on Monday after a two-week pause.\n\n");
    put(&t, "\xE2\x80\x9CWe have made clear that the door remains open, and it "
            "will stay open for as long as it takes,\n\n"
            "\xE2\x80\x9C" "and nobody should doubt it,\xE2\x80\x9D Mayor Rosa "
            "Quintero said.\n\n");
    while (t.n < 5000)
        put(&t, "Negotiators from both sides met behind closed doors.\n\n");
    CHECK(ws_extract(ex, t.s, t.n, &r, NULL) == WS_OK);
    CHECK(ws_extract(one, t.s, t.n, &r1, NULL) == WS_OK);
    CHECK(ws_same_result(r, r1));
    a = find_quote(r, t.s, "We have made clear");
    b = find_quote(r, t.s, "and nobody");
    CHECK(a + 1 == b && b < ws_result_count(r));
    if (b < ws_result_count(r)) {
        CHECK(ws_result_quote(r, a)->group == ws_result_quote(r, b)->group);
        CHECK_STR(ws_result_quote(r, a)->speaker, "Rosa Quintero");
        CHECK(ws_result_quote(r, b)->paragraph == ws_result_quote(r, a)->paragraph + 1);
    }
    ws_result_free(r);
    ws_result_free(r1);
    ws_extractor_free(ex);
    ws_extractor_free(one);
    free(t.s);
}

/* Named in full before a cut, by surname and by "she" after it: the
 * window after reads the name in its margin. */
static void coreference_across_a_cut(void)
{
    text t = {NULL, 0, 0};
    ws_extractor *ex = extractor(2048, 512);
    ws_result *r = NULL;
    size_t i;
    while (t.n < 1500)
        put(&t, "Shares in the company fell 3.2 percent in early trading.\n\n");
    put(&t, "Governor Helena Marchetti toured the flooded valley on Sunday.\n\n");
    while (t.n < 2100)
        put(&t, "Thousands of workers have joined the protest since Friday.\n\n");
    put(&t, "\xE2\x80\x9CThe valley will be rebuilt,\xE2\x80\x9D Marchetti said. "
            "\xE2\x80\x9CWe owe it to them.\xE2\x80\x9D\n\n"
            "\xE2\x80\x9C" "Every family will have a roof by winter,\xE2\x80\x9D she added.\n\n");
    while (t.n < 5000)
        put(&t, "The dispute has disrupted shipping along the coast for weeks.\n\n");
    CHECK(ws_extract(ex, t.s, t.n, &r, NULL) == WS_OK);
    i = find_quote(r, t.s, "The valley");
    CHECK(i < ws_result_count(r));
    if (i < ws_result_count(r))
        CHECK_STR(ws_result_quote(r, i)->speaker, "Helena Marchetti");
    i = find_quote(r, t.s, "Every family");
    CHECK(i < ws_result_count(r));
    if (i < ws_result_count(r))
        CHECK_STR(ws_result_quote(r, i)->speaker, "Helena Marchetti");
    /* the name is beyond the first window: its quotes came from another */
    CHECK(strstr(t.s, "Governor Helena") - t.s < 2048 && find_quote(r, t.s, "The valley") <
          ws_result_count(r) && ws_result_quote(r, find_quote(r, t.s, "The valley"))->open > 2048);
    ws_result_free(r);
    ws_extractor_free(ex);
    free(t.s);
}

/* HTML read in windows: the spans map back into the HTML, as in one pass. */
static void html_in_windows(void)
{
    text t = {NULL, 0, 0};
    ws_options o;
    ws_extractor *ex, *one;
    ws_result *r = NULL, *r1 = NULL;
    unsigned k;
    char buf[512];
    ws_options_init(&o);
    o.html = 1;
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    one = ws_extractor_create(&o, NULL, NULL, NULL);
    if (!ex || !one)
        exit(2);
    ws_extractor_set_window(ex, 1024, 256);
    for (k = 0; k < 40; k++) {
        char s1[32];
        surname(s1, sizeof s1, k);
        snprintf(buf, sizeof buf, "<p>&ldquo;The port will <b>reopen</b> on %u May,&rdquo; "
                 "said Judge %s.</p>\n<p>Officials <i>expect</i> a decision &amp; a vote.</p>\n",
                 k + 1, s1);
        put(&t, buf);
    }
    CHECK(ws_extract(ex, t.s, t.n, &r, NULL) == WS_OK);
    CHECK(ws_extract(one, t.s, t.n, &r1, NULL) == WS_OK);
    CHECK(ws_result_count(r1) == 40);
    CHECK(ws_same_result(r, r1));
    for (k = 0; k < ws_result_count(r) && k < ws_result_count(r1); k++)
        CHECK(ws_result_quote(r, k)->visible.start == ws_result_quote(r1, k)->visible.start);
    ws_result_free(r);
    ws_result_free(r1);
    ws_extractor_free(ex);
    ws_extractor_free(one);
    free(t.s);
}

/* Every allocation of a windowed extraction failing in turn: WS_ENOMEM or
 * the quotes of one pass, and nothing left allocated. */
static void allocation_failure_in_windows(void)
{
    size_t len;
    char *s = newswire(6, 1, &len);
    ws_extractor *one = extractor((size_t)-1, 1024);
    ws_result *r1 = NULL;
    long n;
    int finished = 0, failures = 0;
    CHECK(ws_extract(one, s, len, &r1, NULL) == WS_OK);
    for (n = 0; !finished && n < 100000; n++) {
        failing f = {-1, 0};
        ws_extractor *ex = ws_extractor_create(NULL, failing_alloc, &f, NULL);
        ws_result *r = NULL;
        int rc;
        if (!ex)
            exit(2);
        ws_extractor_set_window(ex, 1024, 256);
        f.countdown = n;
        rc = ws_extract(ex, s, len, &r, NULL);
        if (rc == WS_OK) {
            /* past every allocation: the quotes of one pass (a failure
             * some stage gets by without may change them) */
            finished = f.countdown >= 0;
            if (finished)
                CHECK(ws_same_result(r, r1));
        } else {
            failures++;
            if (rc != WS_ENOMEM || r != NULL) {
                fprintf(stderr, "allocation %ld: rc %d\n", n, rc);
                checks_failed++;
            }
        }
        ws_result_free(r);
        ws_extractor_free(ex);
        if (f.live != 0) {
            fprintf(stderr, "leak after failing allocation %ld\n", n);
            checks_failed++;
        }
    }
    CHECK(finished);
    CHECK(failures > 50);
    ws_result_free(r1);
    ws_extractor_free(one);
    free(s);
}

/* Window edges never fall inside a character.  A window's end is planned
 * in a range a margin past its cut; when that range holds no white space,
 * only a character (U+2006: a space to Unicode, not to the planner) and a
 * run of stray continuation bytes after it, the end once fell between the
 * character's lead byte and the rest, and the quote left open there ended
 * inside it (found by fuzzing).  The cut falls after the sentence inside
 * the quote; the filler after it moves the character across the range. */
static void edges_on_characters(void)
{
    ws_options o;
    ws_extractor *ex;
    text t = {NULL, 0, 0};
    unsigned shift, fill, k, broken = 0;
    ws_options_init(&o);
    ex = ws_extractor_create(&o, NULL, NULL, NULL);
    CHECK(ex != NULL);
    if (!ex)
        return;
    ws_extractor_set_window(ex, 128, 32);
    for (shift = 0; shift < 24; shift++)
        for (fill = 0; fill < 48; fill++) {
            const char *why;
            size_t at = 0;
            t.n = 0;
            put(&t, "Mayor Ost ");
            for (k = 0; k < shift; k++)
                put(&t, "x");
            put(&t, " described it as a pledge: \xE2\x80\x9C" "I will do what I can. Do it ");
            for (k = 0; k < fill; k++)
                put(&t, "y");
            put(&t, "\xE2\x80\x86");
            for (k = 0; k < 90; k++)
                put(&t, "\x86");
            put(&t, " he said.\n\n\xE2\x80\x9CWe start now,\xE2\x80\x9D Ost said.\n");
            why = ws_inv_check(ex, NULL, t.s, t.n, NULL, &at);
            if (why && broken++ == 0)
                fprintf(stderr, "  shift %u, fill %u: quote %zu: %s\n", shift, fill, at, why);
        }
    CHECK(broken == 0);
    ws_extractor_free(ex);
    free(t.s);
}

int main(void)
{
    edges_on_characters();
    windows_of_paragraphs();
    windows_without_line_breaks();
    quote_over_paragraphs_at_a_cut();
    coreference_across_a_cut();
    html_in_windows();
    allocation_failure_in_windows();
    return check_summary();
}
