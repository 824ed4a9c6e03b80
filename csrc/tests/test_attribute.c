/* test_attribute.c -- the sieves, table-driven, through the public API. */
#include "check.h"

typedef struct expect {
    const char *text;
    int quote;              /* which quote, 0-based */
    const char *speaker;    /* NULL: no speaker */
    const char *rule;
    const char *kind;
    const char *via;
} expect;

static const expect cases[] = {
    {"\"We will reopen the port on Monday,\" Ana Ruiz said.", 0,
     "Ana Ruiz", "trailing-cue", "direct", NULL},
    {"\"We will reopen the port on Monday,\" said Ana Ruiz, a spokeswoman for the port.", 0,
     "Ana Ruiz", "trailing-cue", "direct", NULL},
    {"Harbor master Lena Ost said: \"No ship leaves before the inspection.\"", 0,
     "Lena Ost", "leading-colon", "direct", NULL},
    {"In a statement, the Kremlin said: \"The claims are absurd.\"", 0,
     "the Kremlin", "leading-colon", "direct", NULL},
    {"Mayor Tom Berg said the plan was \"dead on arrival\" and left.", 0,
     "Tom Berg", "sentence-cue", "partial", NULL},
    {"The budget is \"a disgrace to this city,\" according to council member Rosa Diaz.", 0,
     "Rosa Diaz", "according-to", "partial", NULL},
    {"\"We stand with the strikers.\" \xE2\x80\x94 Governor Ann Whitfield", 0,
     "Ann Whitfield", "dash", "direct", NULL},
    {"Officials met on Tuesday. Governor Ann Whitfield dismissed the report, asserting that \"nothing was hidden.\"", 0,
     "Ann Whitfield", "participle", "partial", NULL},
    {"Senator Paul Grant met the union.\n\n\"We will find a deal,\" he said.", 0,
     "Paul Grant", "trailing-cue", "direct", NULL},
    {"Senator Paul Grant met Mary Stone.\n\n\"We will find a deal,\" she said.", 0,
     "Mary Stone", "trailing-cue", "direct", NULL},
    {"\"The strike ends today,\" Ana Ruiz said. \"Everyone goes back to work tomorrow.\"", 1,
     "Ana Ruiz", "split", "direct", NULL},
    {"\"The strike ends today,\" Ana Ruiz said.\n\n\"Everyone goes back to work tomorrow.\"", 1,
     "Ana Ruiz", "continuation", "direct", NULL},
    {"Kim Jong Un called the treaty a \"fraternal duty,\" the Korean Central News Agency reported.", 0,
     "Kim Jong Un", "sentence-cue", "partial", "Korean Central News Agency"},
    {"The mayor's \"Clean Harbor Initiative\" starts in May.", 0,
     NULL, NULL, "scare", NULL},
    {"The so-called \"harbor tax\" was dropped, Ana Ruiz said.", 0,
     NULL, NULL, "scare", NULL},
};

static void check_case(const ws_extractor *ex, const expect *c)
{
    ws_result *res = NULL;
    const ws_quote *q;
    int rc = ws_extract(ex, c->text, strlen(c->text), &res, NULL);
    CHECK(rc == WS_OK);
    q = ws_result_quote(res, (size_t)c->quote);
    if (!q) {
        fprintf(stderr, "no quote %d in: %s\n", c->quote, c->text);
        checks_failed++;
        ws_result_free(res);
        return;
    }
    if (c->speaker) CHECK_STR(q->speaker, c->speaker);
    else CHECK(q->speaker == NULL);
    if (c->rule) CHECK_STR(q->rule, c->rule);
    else CHECK(q->rule == NULL);
    CHECK_STR(ws_kind_name(q->kind), c->kind);
    if (c->via) CHECK_STR(q->via, c->via);
    else CHECK(q->via == NULL);
    ws_result_free(res);
}

static void group_speakers(const ws_extractor *ex)
{
    const char *text = "Kim Jong Un met Russian President Vladimir Putin in Beijing. "
                       "The two leaders praised their \"unbreakable friendship.\"";
    ws_result *res = NULL;
    const ws_quote *q;
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    q = ws_result_quote(res, 0);
    CHECK(q != NULL);
    if (q) {
        CHECK_STR(q->speaker, "Kim Jong Un and Vladimir Putin");
        CHECK(q->nmembers == 2);
        if (q->nmembers == 2) {
            CHECK_STR(q->members[0], "Kim Jong Un");
            CHECK_STR(q->members[1], "Vladimir Putin");
        }
    }
    ws_result_free(res);
}

/* Whether text yields nq quotes whose channels are vias[0..nq) (NULL: no
 * channel). */
static void check_vias(const ws_extractor *ex, const char *text, size_t nq,
                       const char *const *vias)
{
    ws_result *res = NULL;
    size_t i;
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == nq);
    for (i = 0; i < nq && i < ws_result_count(res); i++) {
        const ws_quote *q = ws_result_quote(res, i);
        if (vias[i])
            CHECK(q->via && strcmp(q->via, vias[i]) == 0);
        else
            CHECK(q->via == NULL);
    }
    ws_result_free(res);
}

/* The channel is looked for in the paragraph of a quote and the one after
 * it, however far into the text they stand, past paragraphs that quote
 * nobody: "the agency said" there relays the quote (the second from the
 * paragraph after its own); so do a medium named by a phrase, with no
 * name, and one named in one word (a mention, no phrase). */
static void channels_in_later_paragraphs(const ws_extractor *ex)
{
    static const char *const kcna[] = {"Korean Central News Agency",
                                       "Korean Central News Agency"};
    static const char *const phrases[] = {"the state news agency", "state media"};
    static const char *const reuters[] = {"Reuters"};
    check_vias(ex,
               "The harbor board met on Monday.\n\n"
               "The talks went on late into the night.\n\n"
               "The Korean Central News Agency covered the talks.\n\n"
               "Ana Ruiz called the plan \"a fair deal,\" the agency said.\n\n"
               "The board will meet again in May.\n\n"
               "Tom Berg said the plan was \"a good start.\"\n\n"
               "The agency said the vote comes next week.\n", 2, kcna);
    check_vias(ex,
               "The harbor board met on Monday.\n\n"
               "The talks went on late into the night.\n\n"
               "Ana Ruiz called the plan \"a fair deal,\" the state news agency reported.\n\n"
               "Tom Berg called it \"a start,\" according to state media.\n", 2, phrases);
    check_vias(ex, "The board met on Monday.\n\n"
               "Ana Ruiz called the plan \"a fair deal,\" Reuters reported.\n", 1, reuters);
}

/* A speaker phrase read back to the text's first token has no comma
 * before it: opening_phrase once read the token before token 0 (found by
 * make fuzz, this text a libFuzzer mutation of a seed). */
static void a_subject_at_the_first_token(const ws_extractor *ex)
{
    const char *text =
        "Mayor Tom Berg called the plan}}}}}}}}}}}}}}}}}}}}}}}}}} \xE2\x80\x9Czreckless\xE2\x80\x9D"
        " and said the cityuw oldn}}}}}}}}}}}}}}}}}}}}}}}}}} \xE2\x80\x9Czreck";
    ws_result *res = NULL;
    const ws_quote *q;
    CHECK(ws_extract(ex, text, strlen(text), &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == 2);
    q = ws_result_quote(res, 0);
    CHECK(q && q->speaker && strcmp(q->speaker, "Tom Berg") == 0);
    ws_result_free(res);
}

int main(void)
{
    int err;
    size_t i;
    ws_extractor *ex = ws_extractor_create(NULL, NULL, NULL, &err);
    CHECK(ex != NULL);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(ex, &cases[i]);
    group_speakers(ex);
    channels_in_later_paragraphs(ex);
    a_subject_at_the_first_token(ex);
    ws_extractor_free(ex);
    return check_summary();
}
