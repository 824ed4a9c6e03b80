/* test_segment.c -- pairing marks into quotes: nesting, groups, recovery. */
#include "check.h"

static void pairs_every_family(void)
{
    static const char *const texts[] = {
        "He said \"we will win\" today.",
        "He said \xE2\x80\x9Cwe will win\xE2\x80\x9D today.",
        "He said \xE2\x80\x98we will win\xE2\x80\x99 today.",
        "He said 'we will win' today.",
        "Il a dit \xC2\xAB nous gagnerons \xC2\xBB hier.",
        "Er sagte \xE2\x80\x9Ewir gewinnen\xE2\x80\x9C heute.",
        "Er sagte \xE2\x80\xB9wir gewinnen\xE2\x80\xBA heute.",
        "\xE5\xBD\xBC\xE3\x80\x8Cwe will win\xE3\x80\x8D today.",
        "\xE5\xBD\xBC\xE3\x80\x8Ewe will win\xE3\x80\x8F today.",
        "He said ''we will win'' today.",
    };
    size_t i;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fixture f;
        fixture_run(&f, texts[i], UPTO_SEGMENT);
        CHECK(f.d.nq == 1);
        if (f.d.nq == 1) {
            const char *q = quote_text(&f, 0);
            CHECK(strstr(q, "we will win") != NULL || strstr(q, "gewinnen") != NULL ||
                  strstr(q, "gagnerons") != NULL);
        }
        fixture_free(&f);
    }
}

static void nested_quotes_belong_to_the_outer(void)
{
    fixture f;
    fixture_run(&f, "\"She told me 'never again' and meant it,\" he said.", UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    CHECK_STR(quote_text(&f, 0), "She told me 'never again' and meant it,");
    fixture_free(&f);
}

static void apostrophes_inside_quotes(void)
{
    fixture f;
    fixture_run(&f, "\xE2\x80\x9CThe workers' union won\xE2\x80\x99t back down on the union\xE2\x80\x99s demands,\xE2\x80\x9D she said.",
                UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    CHECK_STR(quote_text(&f, 0), "The workers' union won\xE2\x80\x99t back down on the union\xE2\x80\x99s demands,");
    fixture_free(&f);
}

static void paragraphs_carry_a_quote(void)
{
    fixture f;
    fixture_run(&f, "\xE2\x80\x9CWe will rebuild the pier before winter.\n\n"
                "\xE2\x80\x9C" "And we will pay for it ourselves,\xE2\x80\x9D the mayor said.\n\n"
                "\xE2\x80\x9C" "A new quote.\xE2\x80\x9D", UPTO_SEGMENT);
    CHECK(f.d.nq == 3);
    if (f.d.nq == 3) {
        CHECK(!f.d.q[0].closed);
        CHECK(f.d.q[0].group == f.d.q[1].group);
        CHECK(f.d.q[2].group != f.d.q[1].group);
        CHECK_STR(quote_text(&f, 0), "We will rebuild the pier before winter.");
    }
    fixture_free(&f);
}

static void an_unclosed_mark_stops_at_its_paragraph(void)
{
    fixture f;
    fixture_run(&f, "The mayor said \"we will see about that.\n\n"
                "Then she left. Later \"fine\" was all she said.", UPTO_SEGMENT);
    CHECK(f.d.nq == 2);
    if (f.d.nq == 2) {
        CHECK(!f.d.q[0].closed);
        CHECK_STR(quote_text(&f, 0), "we will see about that.");
        CHECK_STR(quote_text(&f, 1), "fine");
        CHECK(f.d.q[0].group != f.d.q[1].group);
    }
    fixture_free(&f);
}

static void a_stray_mark_glued_to_an_opening_one(void)
{
    fixture f;
    fixture_run(&f, "He said. \"\xE2\x80\x9C" "You do not win that way,\xE2\x80\x9D Rubio said.",
                UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    if (f.d.nq == 1)
        CHECK_STR(quote_text(&f, 0), "You do not win that way,");
    fixture_free(&f);
}

static void a_stray_mark_does_not_hide_later_quotes(void)
{
    fixture f;
    fixture_run(&f, "\"Stray at the start, then \"one\" and \"two\" follow in one long line.",
                UPTO_SEGMENT);
    CHECK(f.d.nq == 2);
    if (f.d.nq == 2) {
        CHECK_STR(quote_text(&f, 0), "one");
        CHECK_STR(quote_text(&f, 1), "two");
    }
    fixture_free(&f);
}

/* 'bout elides a word: its mark would close at the possessive tenants'
 * across a double quote, which stands instead */
static void single_marks_do_not_cross_double_ones(void)
{
    fixture f;
    fixture_run(&f, "And how \xE2\x80\x98" "bout this headline: \xE2\x80\x9C" "City doubles "
                "tenants\xE2\x80\x99 fees, rents.\xE2\x80\x9D It ran on Monday.", UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    if (f.d.nq == 1)
        CHECK_STR(quote_text(&f, 0), "City doubles tenants\xE2\x80\x99 fees, rents.");
    fixture_free(&f);
}

#define LQ "\xE2\x80\x9C"
#define RQ "\xE2\x80\x9D"
#define LS "\xE2\x80\x98"
#define RS "\xE2\x80\x99"

/* the same, hundreds of times in one paragraph: the unclosed marks are
 * put into text order (order_unclosed) before the reopened ones are
 * merged */
static void many_reopened_marks_in_one_paragraph(void)
{
    enum { N = 400 };
    static const char unit[] = "Ms. Lamb said the host met her " LQ "and said, "
        LS "So glad" RS " and all that. " LQ "And then, " LS "Do sit," RS RQ
        " Ms. Lamb said. ";
    char *text = malloc(N * (sizeof unit - 1) + 1), *w = text;
    size_t i, right = 0;
    fixture f;
    if (!text) {
        CHECK(text != NULL);
        return;
    }
    for (i = 0; i < N; i++, w += sizeof unit - 1)
        memcpy(w, unit, sizeof unit - 1);
    *w = 0;
    fixture_run(&f, text, UPTO_SEGMENT);
    CHECK(f.d.nq == N);
    for (i = 0; i < f.d.nq; i++)
        right += strcmp(quote_text(&f, i), "and said, " LS "So glad" RS " and all that. "
                        LQ "And then, " LS "Do sit," RS) == 0;
    CHECK(right == N);
    /* put in order by a flag on each, which none keeps */
    for (i = right = 0; i < f.d.ntok; i++)
        right += (f.d.tok[i].flags & TF_UNCLOSED) != 0;
    CHECK(right == 0);
    fixture_free(&f);
    free(text);
}

/* a curly mark reopened inside its own unclosed quote shares the one
 * closing mark: one quote, from the first mark on */
static void a_reopened_mark_shares_the_close(void)
{
    fixture f;
    fixture_run(&f, "Ms. Lamb said the host met her " LQ "and said, " LS "So glad you came" RS
                " and all that. " LQ "And then she said, " LS "Do sit down," RS RQ " Ms. Lamb said.",
                UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    if (f.d.nq == 1)
        CHECK_STR(quote_text(&f, 0), "and said, " LS "So glad you came" RS " and all that. "
                  LQ "And then she said, " LS "Do sit down," RS);
    fixture_free(&f);
    /* each mark closed: the nested quote is inside the outer one */
    fixture_run(&f, LQ "He called it " LQ "a mess" RQ " and walked out," RQ " she said. "
                LQ "Fine." RQ, UPTO_SEGMENT);
    CHECK(f.d.nq == 2);
    if (f.d.nq == 2)
        CHECK_STR(quote_text(&f, 0), "He called it " LQ "a mess" RQ " and walked out,");
    fixture_free(&f);
    /* a doubled mark is a typo, not a quote of its own */
    fixture_run(&f, "He said. " LQ " " LQ "We won," RQ " she said.", UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    if (f.d.nq == 1)
        CHECK_STR(quote_text(&f, 0), "We won,");
    fixture_free(&f);
}

/* Text of one paragraph longer than a quote reaches: `before`, n
 * sentences with `middle` after n / 2 of them, then `after`; the caller
 * frees it. */
static char *long_paragraph(const char *before, const char *middle,
                            const char *after, size_t n)
{
    static const char filler[] = "Officials met on Monday. ";
    size_t len = strlen(before) + strlen(middle) + strlen(after) +
                 n * (sizeof filler - 1) + 1, i;
    char *text = malloc(len), *p;
    if (!text)
        exit(2);
    p = text + strlen(strcpy(text, before));
    for (i = 0; i < n; i++) {
        if (i == n / 2)
            p += strlen(strcpy(p, middle));
        p += strlen(strcpy(p, filler));
    }
    strcpy(p, after);
    return text;
}

/* Checks that the fixture's quotes are the n texts of want, in order. */
static void check_quote_texts(const fixture *f, const char *const *want, size_t n)
{
    size_t i;
    CHECK(f->d.nq == n);
    for (i = 0; i < n && i < f->d.nq; i++)
        CHECK_STR(quote_text(f, i), want[i]);
}

/* an opening mark nobody closed, of another style than the later quotes:
 * its quote ends with its sentence, and every later pair stays */
static void an_unclosed_mark_in_a_long_paragraph_ends_with_its_sentence(void)
{
    fixture f;
    char *text = long_paragraph("The report warned that " LQ "the pier will not last. It was long. ",
                                "\"We will find the money,\" the mayor said. ",
                                "\"The pier belongs to everyone,\" she said.", 60);
    static const char *const want[] = {"the pier will not last.", "We will find the money,",
                                       "The pier belongs to everyone,"};
    fixture_run(&f, text, UPTO_SEGMENT);
    CHECK(f.d.npara == 1);
    check_quote_texts(&f, want, 3);
    if (f.d.nq == 3)
        CHECK(!f.d.q[0].closed && !f.d.q[0].continues && f.d.q[1].closed && f.d.q[2].closed);
    fixture_free(&f);
    free(text);
    /* in a paragraph a quote can span, it runs to the paragraph's end */
    fixture_run(&f, "The report warned that " LQ "the pier will not last. It was long. "
                "\"We will find the money,\" the mayor said.", UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    if (f.d.nq == 1)
        CHECK_STR(quote_text(&f, 0), "the pier will not last. It was long. "
                  "\"We will find the money,\" the mayor said.");
    fixture_free(&f);
}

/* A stray opening mark and a stray closing mark of one style, further
 * apart than a quote reaches, do not pair across the quote between them:
 * not when sentences end, nor in one endless sentence. */
static void stray_marks_far_apart_do_not_pair(void)
{
    fixture f;
    char *text = long_paragraph("He said \"nothing more. ",
                                "\"We will find the money,\" the mayor said. ",
                                "The railing is 6'2\" high.", 200);
    static const char *const want[] = {"nothing more.", "We will find the money,"};
    char *p;
    fixture_run(&f, text, UPTO_SEGMENT);
    /* a hundred sentences away, that quote says nothing of the stray mark,
     * whose quote ends with its sentence */
    check_quote_texts(&f, want, 2);
    fixture_free(&f);
    for (p = text; *p; p++)
        if (*p == '.')
            *p = ';';
    fixture_run(&f, text, UPTO_SEGMENT);
    CHECK(f.d.ntok > 1000 && f.d.tok[f.d.ntok - 1].sent == 0);
    /* within reach of that quote, the mark is a stray one */
    check_quote_texts(&f, want + 1, 1);
    fixture_free(&f);
    free(text);
}

/* two unclosed marks of one style in a long paragraph: the first one's
 * quote ends before the second */
static void an_unclosed_quote_ends_before_the_next_mark_of_its_style(void)
{
    fixture f;
    static const char *const want[] = {"a sham and", "a farce, she said."};
    char *text = long_paragraph("It was \"a sham and \"a farce, she said. ", "", "", 60);
    fixture_run(&f, text, UPTO_SEGMENT);
    check_quote_texts(&f, want, 2);
    fixture_free(&f);
    free(text);
}

/* a quote carried over paragraphs goes on from a long one, when it reaches
 * that paragraph's end */
static void a_long_paragraph_carries_its_last_quote(void)
{
    fixture f;
    char *text = long_paragraph("", "", "The mayor said: " LQ "We will rebuild it.\n\n"
                                LQ "And we will pay for it," RQ " she said.", 60);
    static const char *const want[] = {"We will rebuild it.", "And we will pay for it,"};
    fixture_run(&f, text, UPTO_SEGMENT);
    CHECK(f.d.npara == 2);
    check_quote_texts(&f, want, 2);
    if (f.d.nq == 2)
        CHECK(!f.d.q[0].closed && f.d.q[0].continues && f.d.q[0].group == f.d.q[1].group);
    fixture_free(&f);
    free(text);
}

static void deep_nesting_is_linear_and_safe(void)
{
    size_t n = 20000, i;
    char *text = malloc(n * 6 + 16);
    fixture f;
    char *p = text;
    for (i = 0; i < n; i++) { memcpy(p, "\xE2\x80\x9C", 3); p += 3; }
    memcpy(p, "x", 1); p += 1;
    for (i = 0; i < n; i++) { memcpy(p, "\xE2\x80\x9D", 3); p += 3; }
    *p = '\0';
    fixture_run(&f, text, UPTO_SEGMENT);
    CHECK(f.d.nq == 1);
    fixture_free(&f);
    free(text);
}

int main(void)
{
    pairs_every_family();
    nested_quotes_belong_to_the_outer();
    apostrophes_inside_quotes();
    paragraphs_carry_a_quote();
    an_unclosed_mark_stops_at_its_paragraph();
    a_stray_mark_glued_to_an_opening_one();
    a_stray_mark_does_not_hide_later_quotes();
    single_marks_do_not_cross_double_ones();
    a_reopened_mark_shares_the_close();
    many_reopened_marks_in_one_paragraph();
    deep_nesting_is_linear_and_safe();
    an_unclosed_mark_in_a_long_paragraph_ends_with_its_sentence();
    stray_marks_far_apart_do_not_pair();
    an_unclosed_quote_ends_before_the_next_mark_of_its_style();
    a_long_paragraph_carries_its_last_quote();
    return check_summary();
}
