/* test_scan.c -- tokens, apostrophes, paragraphs and sentences. */
#include "check.h"

/* The scanner a second time, built the portable way (a byte at a time, no
 * SSE2): the fast paths are held to it on random texts below. */
#define WS_BYTEWISE_WORDS 1
#define WS_PORTABLE_SCAN 1
#define ws_scan ws_scan_bytewise
int ws_scan_bytewise(ws_doc *d);
#include "scan.c"
#undef ws_scan

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
        ("The \xE2\x80\x99" "16 race and the '08-era ads."),
        "They played rock \xE2\x80\x99n\xE2\x80\x99 roll and rock 'n' roll.",
        "We don't know and they won\xE2\x80\x99t say.",
        "O'Brien and D'Angelo met.",
    };
    CHECK_QUOTE_COUNTS(texts, 0);
}

/* only an elided year ('16, '60s) makes a word of the apostrophe before a
 * digit: before an ordinal or a longer number it is a mark */
static void a_mark_before_a_number(void)
{
    static const char *const texts[] = {
        "'3rd Street people' back the levy, mayor says.",
        ("\xE2\x80\x98" "4th of July crowd\xE2\x80\x99 fills the park."),
        "Voters called it '2016 all over again' on Monday.",
    };
    CHECK_QUOTE_COUNTS(texts, 1);
}

static void markup_attribute_values_are_not_quotes(void)
{
    static const char *const texts[] = {
        "<tweet author=\"CityHall\">Roads close at noon.</tweet>",
        "<tweet pic=\"\" author=\"CityHall\" id=\"\">Roads close at noon.</tweet>",
        "<tweet pic=\"pic.example.com/\" author=\"CityHall\">Roads close.</tweet>",
    };
    CHECK_QUOTE_COUNTS(texts, 0);
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
        if (!ws_tok_mark(t))
            continue;
        marks++;
        CHECK(ws_mark_role(t) == ((marks % 2) ? MR_OPEN : MR_CLOSE));
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

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Role words are told apart by their hashes alone (mentions.c), so no two
 * words of the built-in lexicon may share one. */
static void lexicon_hashes_are_distinct(void)
{
    ws_lexicon lx;
    uint32_t *h;
    size_t i, n = 0, same = 0;
    CHECK(ws_lexicon_init(&lx, &test_mem) == WS_OK);
    h = malloc(lx.nslots * sizeof *h);
    for (i = 0; i < lx.nslots; i++)
        if (lx.hashes[i])
            h[n++] = lx.hashes[i];
    qsort(h, n, sizeof *h, cmp_u32);
    for (i = 1; i < n; i++)
        same += h[i] == h[i - 1];
    CHECK(n > 1000);
    CHECK(same == 0);
    free(h);
    ws_lexicon_free(&lx);
}

/* The lexicon is read by buckets (internal.h, ws_lexicon_word): every
 * word it holds is found with its flags, in a full bucket or in the ones
 * after, before and after it grows, and words it lacks are not. */
/* The flags of built-in words that the stages test before comparing a
 * word's bytes with them (a flag only ever added, never taken away, so the
 * test stands in every lexicon): a list that lost one would make the
 * stages miss the word without a test of theirs failing. */
static void built_in_flags_the_stages_rely_on(void)
{
    static const struct { const char *word; uint32_t flag; } need[] = {
        {"by", LX_PREP}, {"with", LX_PREP},                  /* attribute.c */
        {"the", LX_DETERMINER}, {"his", LX_DETERMINER}, {"her", LX_DETERMINER},
        {"a", LX_DETERMINER}, {"an", LX_DETERMINER}, {"of", LX_PREP},
        {"and", LX_CLAUSE_LINK}, {"or", LX_CLAUSE_LINK}, {"but", LX_CLAUSE_LINK},
        {"who", LX_CLAUSE_LINK}, {"which", LX_CLAUSE_LINK}, {"whom", LX_CLAUSE_LINK},
        {"as", LX_CLAUSE_LINK}, {"that", LX_CLAUSE_JOIN},
        {"yet", LX_CLAUSE_LINK}, {"so", LX_CLAUSE_JOIN}, {"even", LX_AUX},
        {"report", LX_CHANNEL}, {"agency", LX_CHANNEL}, {"quoted", LX_CUE},
        {"and", LX_CLAUSE_JOIN}, {"or", LX_CLAUSE_JOIN},     /* mentions.c */
        {"is", LX_AUX}, {"was", LX_AUX}, {"are", LX_AUX}, {"were", LX_AUX},
        {"has", LX_AUX}, {"have", LX_AUX}, {"had", LX_AUX}, {"will", LX_AUX},
        {"would", LX_AUX}, {"can", LX_AUX}, {"could", LX_AUX}, {"did", LX_AUX},
        {"does", LX_AUX}, {"may", LX_AUX}, {"might", LX_AUX}, {"must", LX_AUX},
        {"should", LX_AUX},
    };
    ws_lexicon lx;
    size_t i;
    CHECK(ws_lexicon_init(&lx, &test_mem) == WS_OK);
    for (i = 0; i < sizeof need / sizeof *need; i++) {
        size_t n = strlen(need[i].word);
        uint32_t f = ws_lexicon_word(&lx, need[i].word, n, ws_lex_key(need[i].word, n));
        if (!(f & need[i].flag))
            fprintf(stderr, "built-in '%s' lacks the flag %#x\n", need[i].word,
                    (unsigned)need[i].flag);
        CHECK(f & need[i].flag);
    }
    ws_lexicon_free(&lx);
}

static void lexicon_buckets_find_every_word(void)
{
    ws_lexicon lx;
    size_t i, j, k, full = 0, moved;
    char w[16];
    CHECK(ws_lexicon_init(&lx, &test_mem) == WS_OK);
    for (k = 0; k < 2; k++) {
        if (k == 1) {
            /* short words added at run time: the table grows, buckets fill */
            for (i = 0; i < 6000; i++) {
                int n = snprintf(w, sizeof w, "zq%zux", i);
                CHECK(ws_lexicon_add(&lx, w, (size_t)n, LX_ROLE, 1) == WS_OK);
                /* and longer ones, whose tags are their first bytes */
                n = snprintf(w, sizeof w, "zqlong%zux", i);
                CHECK(ws_lexicon_add(&lx, w, (size_t)n, LX_TITLE, 1) == WS_OK);
            }
        }
        full = 0;
        moved = 0;
        for (i = 0; i < lx.nslots; i++) {
            size_t n = WS_LEX_SLOT(&lx, i, len);
            const char *word = lx.words[i];
            if (!n || memchr(word, '\x0F', n))
                continue;
            CHECK(ws_lexicon_word(&lx, word, n, ws_lex_key(word, n)) ==
                  WS_LEX_SLOT(&lx, i, flags));
            moved += ws_lex_tag_home(&lx, ws_lex_tag(ws_lex_key(word, n), n)) !=
                     (i & ~(size_t)(WS_LEX_BUCKET - 1));
        }
        /* some words lie past their first bucket, which filled */
        CHECK(k == 0 || moved > 0);
        for (i = 0; i < lx.nslots; i += WS_LEX_BUCKET) {
            /* the filled slots of a bucket come first */
            for (j = 1; j < WS_LEX_BUCKET; j++)
                CHECK(!WS_LEX_SLOT(&lx, i + j, len) || WS_LEX_SLOT(&lx, i + j - 1, len));
            full += WS_LEX_SLOT(&lx, i + WS_LEX_BUCKET - 1, len) != 0;
        }
        CHECK(full > 0);
        for (i = 0; i < 6000; i++) {
            int n = snprintf(w, sizeof w, "zq%zuy", i);
            CHECK(ws_lexicon_word(&lx, w, (size_t)n, ws_lex_key(w, (size_t)n)) == 0);
            n = snprintf(w, sizeof w, "zqlong%zuy", i);
            CHECK(ws_lexicon_word(&lx, w, (size_t)n, ws_lex_key(w, (size_t)n)) == 0);
        }
    }
    /* a word the scanner never reads (a byte below 0x20) is no match for
     * one it does whose tag it would share, in the same bucket: "qz00042"
     * and "qz00042\x0F" (7 ^ 8 == 0x0F) */
    for (i = 0; i < 100000; i++) {
        char w8[16];
        snprintf(w, sizeof w, "qz%05zu", i);
        memcpy(w8, w, 7);
        w8[7] = '\x0F';
        /* w goes by its tag, w8, which has none, by its hash */
        if (ws_lex_tag_home(&lx, ws_lex_tag(ws_lex_key(w, 7), 7)) !=
            ws_lex_home(&lx, ws_hash_lower(w8, 8)))
            continue;
        CHECK(ws_lexicon_add(&lx, w8, 8, LX_ROLE, 1) == WS_OK);
        CHECK(ws_lexicon_word(&lx, w, 7, ws_lex_key(w, 7)) == 0);
        break;
    }
    CHECK(i < 100000);
    ws_lexicon_free(&lx);
}

/* Longer words of one length whose first eight bytes are the same share
 * a tag (internal.h, ws_lex_tag): each is found with its own flags, in
 * whichever of the tag's buckets it lies, and one of them that is not in
 * the lexicon is not found, though its tag is.  A longer word and a
 * shorter one never share a tag, so the look-up compares no lengths:
 * not "tidewate" and "tidewatdx" ('e' ^ 8 is 'd' ^ 9, which a tag made
 * of the length xor-ed in alone would have shared), nor any eight-byte
 * word and a longer one of its first seven bytes. */
static void longer_words_of_one_tag_are_told_apart(void)
{
    ws_lexicon lx;
    char w[32];
    size_t i;
    int n = 0;
    uint64_t tag = 0;
    CHECK(ws_lexicon_init(&lx, &test_mem) == WS_OK);
    for (i = 0; i < 50; i++) {
        n = snprintf(w, sizeof w, "Tidewater%04zu", i);
        CHECK(ws_lexicon_add(&lx, w, (size_t)n, i % 2 ? LX_ROLE : LX_TITLE, 1) == WS_OK);
        CHECK(!tag || ws_lex_tag(ws_lex_key(w, (size_t)n), (size_t)n) == tag);
        tag = ws_lex_tag(ws_lex_key(w, (size_t)n), (size_t)n);
    }
    for (i = 0; i < 50; i++) {
        n = snprintf(w, sizeof w, "tidewater%04zu", i);
        CHECK(ws_lexicon_word(&lx, w, (size_t)n, ws_lex_key(w, (size_t)n)) ==
              (uint32_t)(i % 2 ? LX_ROLE : LX_TITLE));
    }
    n = snprintf(w, sizeof w, "tidewater%04d", 77);
    CHECK(ws_lexicon_word(&lx, w, (size_t)n, ws_lex_key(w, (size_t)n)) == 0);
    /* "tidewate" (eight bytes) begins them all */
    CHECK(ws_lexicon_word(&lx, "tidewate", 8, ws_lex_key("tidewate", 8)) == 0);
    CHECK(ws_lexicon_add(&lx, "tidewate", 8, LX_TIME, 1) == WS_OK);
    CHECK(ws_lexicon_word(&lx, "tidewate", 8, ws_lex_key("tidewate", 8)) == LX_TIME);
    CHECK(ws_lexicon_word(&lx, w, (size_t)n, ws_lex_key(w, (size_t)n)) == 0);
    CHECK(ws_lex_tag(ws_lex_key("tidewate", 8), 8) != ws_lex_tag(ws_lex_key("tidewatdx", 9), 9));
    /* every eighth byte of either, every length up to sixteen longer
     * (only the length's last four bits are in a longer word's tag) and
     * past 256 */
    for (i = 0x20; i < 0x100; i++) {
        static const size_t longer[] = {9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                                        19, 20, 21, 22, 23, 24, 264, 265};
        size_t k;
        char w8[8];
        memcpy(w8, "tidewat", 7);
        w8[7] = (char)i;
        for (k = 0; k < sizeof longer / sizeof *longer; k++) {
            char wl[300];
            memset(wl, 'x', longer[k]);
            memcpy(wl, "tidewat", 7);
            for (n = 0x20; n < 0x100; n++) {
                wl[7] = (char)n;
                CHECK(ws_lex_tag(ws_lex_key(w8, 8), 8) !=
                      ws_lex_tag(ws_lex_key(wl, longer[k]), longer[k]));
            }
        }
    }
    CHECK(ws_lexicon_word(&lx, "tidewatdx", 9, ws_lex_key("tidewatdx", 9)) == 0);
    CHECK(ws_lexicon_add(&lx, "tidewatdx", 9, LX_ROLE, 1) == WS_OK);
    CHECK(ws_lexicon_word(&lx, "tidewatdx", 9, ws_lex_key("tidewatdx", 9)) == LX_ROLE);
    CHECK(ws_lexicon_word(&lx, "tidewatdy", 9, ws_lex_key("tidewatdy", 9)) == 0);
    CHECK(ws_lexicon_word(&lx, "tidewate", 8, ws_lex_key("tidewate", 8)) == LX_TIME);
    ws_lexicon_free(&lx);
}

/* Phrases are matched word by word from where their words stand in their
 * text (lexicon.c, ws_phrase_word): the longest that starts at a token
 * wins, whatever the spaces between its words, and none runs past the
 * text's last token. */
static void phrases_match_the_longest_at_a_token(void)
{
    static const char text[] = "Harbor Wire Service said so, and the Harbor Master agreed. Harbor";
    fixture f;
    size_t n = 99, i, at[3], found = 0;
    fixture_run(&f, text, UPTO_SCAN);
    CHECK(ws_lexicon_add(&f.lx, "harbor  wire", 12, LX_MEDIUM, 1) == WS_OK);
    CHECK(ws_lexicon_add(&f.lx, " harbor wire service ", 21, LX_ORG, 1) == WS_OK);
    CHECK(ws_lexicon_add(&f.lx, "harbor master", 13, LX_ROLE, 1) == WS_OK);
    CHECK(ws_lexicon_add(&f.lx, "harbor masters guild", 20, LX_ORG, 1) == WS_OK);
    for (i = 0; i < f.d.ntok && found < 3; i++)
        if (f.d.tok[i].end - f.d.tok[i].start == 6 && memcmp(text + f.d.tok[i].start, "Harbor", 6) == 0)
            at[found++] = i;
    CHECK(found == 3);
    if (found == 3) {
        CHECK(ws_lexicon_phrase_at(&f.lx, &f.d, at[0], &n) == LX_ORG && n == 3);
        CHECK(ws_lexicon_phrase_at(&f.lx, &f.d, at[1], &n) == LX_ROLE && n == 2);
        CHECK(ws_lexicon_phrase_at(&f.lx, &f.d, at[2], &n) == 0 && n == 0);
        /* "Wire" heads no phrase */
        CHECK(ws_lexicon_phrase_at(&f.lx, &f.d, at[0] + 1, &n) == 0 && n == 0);
    }
    fixture_free(&f);
}

/* ws_hash_lower as its definition reads, a byte at a time. */
static uint32_t hash_bytewise(const char *s, size_t n)
{
    uint64_t h = WS_HASH_SEED;
    size_t i;
    for (i = 0; i < n; i += 8)
        h = ws_hash_step(h, ws_chunk_lower(s + i, n - i < 8 ? n - i : 8));
    return ws_hash_end(h, n);
}

/* Words hashed eight bytes at a time (ws_hash_lower, ws_tok_hash: whole
 * loads, the short last chunk shifted, the lanes past a word cleared) hash
 * as byte by byte, at the start and the end of texts of every length,
 * with capitals, @ [ ` { (the bytes around A-Z and a-z) and bytes >= 0x80. */
static void word_hashes_by_chunks(void)
{
    static const char sample[] = "Kim@Jong[UN`said{Z\xC3\x89" "cole AZaz MIXED-case ZZZZZZZZZZZZZZZZZZ"
                                 "\xE2\x80\x9CReport\xE2\x80\x9D spokeswoman";
    static const char *const texts[] = {
        "A", "Kim", "Kim said", "I am here", "Ab Cd Ef", "Spokeswoman Lena Ost said",
        "The UN'S envoy, Kim Jong-un, told AGENCY reporters: \xE2\x80\x9CNo.\xE2\x80\x9D",
        "Ost, 12345678 9", "x\n\nAbcdefghijklmnopqrstuvwxyz QWERTYUIOPASDFGH Zz"
    };
    size_t n, i, k;
    for (i = 0; i < sizeof sample - 1; i++)
        for (n = 1; i + n <= sizeof sample - 1; n++)
            CHECK(ws_hash_lower(sample + i, n) == hash_bytewise(sample + i, n));
    for (i = 0; i < sizeof texts / sizeof *texts; i++) {
        fixture f;
        fixture_run(&f, texts[i], UPTO_SCAN);
        for (k = 0; k < f.d.ntok; k++) {
            const ws_token *t = &f.d.tok[k];
            CHECK(ws_tok_hash(&f.d, k) ==
                  hash_bytewise(f.d.text + t->start, t->end - t->start));
        }
        fixture_free(&f);
    }
}

/* The scanner hashes most words eight bytes at a time and the rest byte by
 * byte: either way it looks a word up by ws_hash_lower of its bytes, so
 * words of every length find their lexicon entries, at the text's end too. */
static void words_hash_as_the_lexicon_does(void)
{
    static const char *const texts[] = {
        "a I UN Un said Said SAID spokeswoman SPOKESWOMAN Spokeswoman",
        "President presidents administration 42 3MM x1234567 abcdefghijklmnopqrstuvwxyz",
        ("Jong-un U.S. don't O'Brien 3.5 1,000 caf\xC3\xA9 \xC3\x89" "cole spokeswoman"),
        "spokeswoman",
        "said",
        "Kim Jong-un, North Korea's leader, told reporters ABCDEFGHIJ",
    };
    /* words of the lexicon, 8 bytes and more, found at the text's end too */
    fixture g;
    fixture_run(&g, "the spokeswoman", UPTO_SCAN);
    CHECK(g.d.ntok == 2 && (g.d.tok[1].lex & LX_ROLE));
    fixture_free(&g);
    fixture_run(&g, "SPOKESWOMAN for the administration", UPTO_SCAN);
    CHECK(g.d.ntok == 4 && (g.d.tok[0].lex & LX_ROLE));
    fixture_free(&g);
    size_t i, k;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fixture f;
        fixture_run(&f, texts[i], UPTO_SCAN);
        for (k = 0; k < f.d.ntok; k++) {
            const ws_token *t = &f.d.tok[k];
            const char *w = f.d.text + t->start;
            size_t n = t->end - t->start;
            uint32_t want;
            if (t->type != TK_WORD && t->type != TK_NUMBER)
                continue;
            want = ws_lexicon_word(&f.lx, w, n, ws_lex_key(w, n));
            if ((want & LX_ACRONYM) && !(t->flags & TF_ALLCAPS))
                want &= ~(uint32_t)(LX_ACRONYM | LX_ORG | LX_MEDIUM);
            CHECK(t->lex == want);
        }
        fixture_free(&f);
    }
}

static uint16_t flags_of(const char *text, size_t k)
{
    fixture f;
    uint16_t fl;
    fixture_run(&f, text, UPTO_SCAN);
    fl = k < f.d.ntok ? f.d.tok[k].flags : 0;
    fixture_free(&f);
    return fl & (TF_CAP | TF_ALLCAPS | TF_INITIAL);
}

static void letter_case(void)
{
    CHECK(flags_of("NASA said", 0) == (TF_CAP | TF_ALLCAPS));
    CHECK(flags_of("the UN said", 1) == (TF_CAP | TF_ALLCAPS));
    CHECK(flags_of("the Un said", 1) == TF_CAP);
    CHECK(flags_of("then I said", 1) == (TF_CAP | TF_INITIAL));
    CHECK(flags_of("J. K. Rowling", 0) == (TF_CAP | TF_INITIAL));
    CHECK(flags_of("it cost 3MM", 2) == TF_ALLCAPS);
    CHECK(flags_of("McDONALD said", 0) == TF_CAP);
    CHECK(flags_of("the ADMINISTRATION", 1) == (TF_CAP | TF_ALLCAPS));
    CHECK(flags_of("ADMINISTRATION", 0) == (TF_CAP | TF_ALLCAPS));
    CHECK(flags_of("iPHONE", 0) == 0);
}

/* Pieces random texts are made of: words of both cases and of every length
 * around the 8- and 16-byte loads, digits, the joiners, marks in ASCII and
 * UTF-8, letters and spaces >= 0x80, invalid and truncated UTF-8, NUL. */
static const char *const pieces[] = {
    " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", ".", ",", "-", "--", "'",
    "\"", "``", "''", "!", "?", ":", "(", ")", "=", "=\"", "/", "$", "%", "_",
    "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
    "\xC2\xAB", "\xC2\xBB", "\xE2\x80\xA6", "\xC2\xA0", "\xE2\x80\x94",
    "\xC3\xA9", "\xC3\x89", "\xD0\x96", "\xE3\x80\x8C", "\xE3\x80\x8D",
    "\xFF", "\x80", "\xC3", "\xE2\x80", "\xED\xA0\x80", "\xF0\x9F\x98\x80",
    "U.S.", "a.m.", "3.5", "1,000", "'60s", "'n'", "Korea's", "don't",
    "O'Brien", "id=\"x\"", "Jong-un", "NASA", "UN", "I", "McDONALD", "iPHONE",
};

static unsigned rnd32(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 8;
}

static void random_word(char *w, size_t n, unsigned *rnd)
{
    static const char alnum[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t k;
    int style = (int)(rnd32(rnd) % 4);
    for (k = 0; k < n; k++) {
        char c = alnum[rnd32(rnd) % 62];
        if (style == 0 && c >= 'A' && c <= 'Z')
            c = (char)(c + 32);          /* lower case */
        else if (style == 1 && c >= 'a' && c <= 'z')
            c = (char)(c - 32);          /* capitals */
        else if (style == 2 && k == 0 && c >= 'a' && c <= 'z')
            c = (char)(c - 32);          /* capitalised */
        w[k] = c;
    }
}

/* The tokens and every list and array the scan fills, of two docs. */
static int same_scan(const ws_doc *a, const ws_doc *b)
{
    size_t k;
    if (a->ntok != b->ntok || a->nsent != b->nsent || a->npara != b->npara ||
        a->names.n != b->names.n || a->cues.n != b->cues.n ||
        a->marks.n != b->marks.n)
        return 0;
    for (k = 0; k < a->ntok; k++) {
        const ws_token *x = &a->tok[k], *y = &b->tok[k];
        if (x->start != y->start || x->end != y->end || x->lex != y->lex ||
            x->sent != y->sent || x->flags != y->flags ||
            x->type != y->type ||
            x->ch != y->ch)
            return 0;
    }
    if (a->ntok && (memcmp(a->sent_first, b->sent_first, (a->nsent + 1) * 4) ||
                    memcmp(a->para_first, b->para_first, (a->npara + 1) * 4) ||
                    memcmp(a->sent_para, b->sent_para, a->nsent * 4)))
        return 0;
    return !memcmp(a->names.v, b->names.v, a->names.n * 4) &&
           !memcmp(a->cues.v, b->cues.v, a->cues.n * 4) &&
           !memcmp(a->marks.v, b->marks.v, a->marks.n * 4);
}

/* The fast scanner (8-byte chunks, SSE2 where built with it) against the
 * portable one, token by token, on random texts of every length up to 400
 * bytes, the end of a text falling anywhere in a load. */
static void fast_scan_equals_portable(void)
{
    ws_lexicon lx;
    char *text = malloc(600);
    int round, bad = 0;
    unsigned rnd = 12345;
    if (!text || ws_lexicon_init(&lx, &test_mem)) {
        CHECK(0);
        free(text);
        return;
    }
    for (round = 0; round < 40000; round++) {
        size_t len = 0, want = rnd32(&rnd) % 400;
        ws_doc a, b;
        int ra, rb;
        while (len < want) {
            if (rnd32(&rnd) % 2) {
                size_t n = 1 + rnd32(&rnd) % (rnd32(&rnd) % 4 ? 9 : 20);
                random_word(text + len, n, &rnd);
                len += n;
            } else {
                const char *p = pieces[rnd32(&rnd) % (sizeof pieces / sizeof *pieces)];
                size_t n = strlen(p);
                memcpy(text + len, p, n);
                len += n;
            }
            if (rnd32(&rnd) % 50 == 0)
                text[len++] = '\0';
        }
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        a.mem = b.mem = &test_mem;
        a.lx = b.lx = &lx;
        a.text = b.text = text;
        a.len = b.len = len;
        ra = ws_scan(&a);
        rb = ws_scan_bytewise(&b);
        if (ra || rb || !same_scan(&a, &b)) {
            if (bad++ < 3)
                fprintf(stderr, "scans differ on random text %d (%zu bytes)\n",
                        round, len);
        }
        ws_doc_free(&a);
        ws_doc_free(&b);
    }
    CHECK(bad == 0);
    ws_lexicon_free(&lx);
    free(text);
}

int main(void)
{
    fast_scan_equals_portable();
    lexicon_hashes_are_distinct();
    lexicon_buckets_find_every_word();
    longer_words_of_one_tag_are_told_apart();
    phrases_match_the_longest_at_a_token();
    built_in_flags_the_stages_rely_on();
    word_hashes_by_chunks();
    words_hash_as_the_lexicon_does();
    letter_case();
    apostrophes_are_not_marks();
    a_mark_before_a_number();
    markup_attribute_values_are_not_quotes();
    words_and_possessives();
    marks_and_roles();
    paragraphs_and_sentences();
    invalid_bytes_are_punctuation();
    return check_summary();
}
