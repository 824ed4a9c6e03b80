/* test_scan.c -- tokens, apostrophes, paragraphs and sentences. */
#include "check.h"

static size_t count_type(const fixture *f, int type)
{
    size_t i, n = 0;
    for (i = 0; i < f->d.ntok; i++)
        n += f->d.tok[i].type == type;
    return n;
}

static int token_is(const fixture *f, size_t i, const char *s)
{
    const ws_token *t = &f->d.tok[i];
    return i < f->d.ntok && t->end - t->start == strlen(s) &&
           memcmp(f->d.text + t->start, s, strlen(s)) == 0;
}

static void apostrophes_are_not_marks(void)
{
    static const char *const texts[] = {
        "North Korea's leader spoke.",
        "North Korea\xE2\x80\x99s leader spoke.",
        "The two countries' relations improved.",
        ("Prices rose in the \xE2\x80\x99" "60s and '70s."),
        "They played rock \xE2\x80\x99n\xE2\x80\x99 roll and rock 'n' roll.",
        "We don't know and they won\xE2\x80\x99t say.",
        "O'Brien and D'Angelo met.",
    };
    size_t i;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fixture f;
        fixture_run(&f, texts[i], UPTO_SEGMENT);
        CHECK(f.d.nq == 0);
        fixture_free(&f);
    }
}

static void words_and_possessives(void)
{
    fixture f;
    fixture_run(&f, "Kim Jong-un met U.S. envoys at 3.5 p.m. in Korea's capital.",
                UPTO_SCAN);
    CHECK(token_is(&f, 1, "Jong-un"));
    CHECK(token_is(&f, 3, "U.S."));
    CHECK(token_is(&f, 6, "3.5"));
    CHECK(count_type(&f, TK_POSS) == 1);
    CHECK(f.d.nsent == 1);
    fixture_free(&f);
}

static void marks_and_roles(void)
{
    fixture f;
    size_t i, marks = 0;
    fixture_run(&f, "He said \"yes\" and \xE2\x80\x9Cno\xE2\x80\x9D and "
                "\xC2\xABoui\xC2\xBB and \xE3\x80\x8C" "hai\xE3\x80\x8D.", UPTO_SCAN);
    for (i = 0; i < f.d.ntok; i++) {
        const ws_token *t = &f.d.tok[i];
        if (t->type != TK_MARK)
            continue;
        marks++;
        CHECK(t->role == ((marks % 2) ? MR_OPEN : MR_CLOSE));
    }
    CHECK(marks == 8);
    fixture_free(&f);
}

static void paragraphs_and_sentences(void)
{
    fixture f;
    fixture_run(&f, "Mr. Smith spoke first. Then Ms. Jones spoke!\n\n"
                "A new paragraph. \"Is it?\" she asked.\nThird.", UPTO_SCAN);
    CHECK(f.d.npara == 3);
    CHECK(f.d.nsent == 5);
    CHECK(f.d.tok[f.d.para_first[1]].flags & TF_PARA);
    fixture_free(&f);
}

static void invalid_bytes_are_punctuation(void)
{
    fixture f;
    fixture_run(&f, "\xFF\"\xC0\x80 text\xFE\" and \xE2\x80\x9C\xFF\xE2\x80\x9D", UPTO_SEGMENT);
    CHECK(f.d.ntok > 0);
    fixture_free(&f);
}

int main(void)
{
    apostrophes_are_not_marks();
    words_and_possessives();
    marks_and_roles();
    paragraphs_and_sentences();
    invalid_bytes_are_punctuation();
    return check_summary();
}
