/*
 * corpus.c -- see corpus.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "corpus.h"

/* ---- a growable byte buffer --------------------------------------------- */

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void buf_need(buf *b, size_t more)
{
    if (b->n + more + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + more + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) {
            fprintf(stderr, "bench: out of memory\n");
            exit(1);
        }
        b->cap = cap;
    }
}

static void buf_add(buf *b, const char *s, size_t n)
{
    buf_need(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void buf_str(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void add_doc(bench_corpus *c, char *text, size_t len)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->docs = realloc(c->docs, c->cap * sizeof *c->docs);
        if (!c->docs) {
            fprintf(stderr, "bench: out of memory\n");
            exit(1);
        }
    }
    c->docs[c->n].text = text;
    c->docs[c->n].len = len;
    c->n++;
    c->bytes += len;
}

/* ---- JSON Lines: the "text" member of each top-level object --------------- */

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return s;
}

static void put_utf8(buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_add(b, u, n);
}

static int hex4(const char *s, unsigned long *out)
{
    int k;
    unsigned long v = 0;
    for (k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned long)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

/* Parses the string at s (at its opening quote); decodes it into b when b
 * is not NULL.  Returns the position after it, or NULL. */
static const char *json_string(const char *s, buf *b)
{
    if (*s != '"')
        return NULL;
    s++;
    for (;;) {
        const char *run = s;
        while (*s && *s != '"' && *s != '\\')
            s++;
        if (b)
            buf_add(b, run, (size_t)(s - run));
        if (!*s)
            return NULL;
        if (*s == '"')
            return s + 1;
        s++;
        switch (*s) {
        case '"': case '\\': case '/':
            if (b) buf_add(b, s, 1);
            s++;
            break;
        case 'b': if (b) buf_add(b, "\b", 1); s++; break;
        case 'f': if (b) buf_add(b, "\f", 1); s++; break;
        case 'n': if (b) buf_add(b, "\n", 1); s++; break;
        case 'r': if (b) buf_add(b, "\r", 1); s++; break;
        case 't': if (b) buf_add(b, "\t", 1); s++; break;
        case 'u': {
            unsigned long cp, lo;
            if (hex4(s + 1, &cp))
                return NULL;
            s += 5;
            if (cp >= 0xD800 && cp <= 0xDBFF && s[0] == '\\' && s[1] == 'u' &&
                !hex4(s + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
            }
            if (b) put_utf8(b, cp);
            break;
        }
        default:
            return NULL;
        }
    }
}

/* Skips any JSON value. */
static const char *json_skip(const char *s)
{
    int depth = 0;
    s = skip_ws(s);
    do {
        if (*s == '"') {
            s = json_string(s, NULL);
            if (!s)
                return NULL;
        } else if (*s == '{' || *s == '[') {
            depth++;
            s++;
        } else if (*s == '}' || *s == ']') {
            depth--;
            s++;
        } else if (*s) {
            s++;
            if (!depth) {   /* a number or a literal */
                while (*s && !strchr(",}] \t\r\n", *s))
                    s++;
            }
        } else
            return NULL;
        s = skip_ws(s);
    } while (depth > 0);
    return s;
}

/* The "text" string of the object on one line, into b; 0 when found. */
static int jsonl_text(const char *line, buf *b)
{
    const char *s = skip_ws(line);
    if (*s != '{')
        return -1;
    s = skip_ws(s + 1);
    while (*s == '"') {
        buf key = {0, 0, 0};
        int is_text;
        s = json_string(s, &key);
        is_text = s && key.n == 4 && memcmp(key.p, "text", 4) == 0;
        free(key.p);
        if (!s)
            return -1;
        s = skip_ws(s);
        if (*s != ':')
            return -1;
        s = skip_ws(s + 1);
        if (is_text && *s == '"')
            return json_string(s, b) ? 0 : -1;
        s = json_skip(s);
        if (!s)
            return -1;
        if (*s == ',')
            s = skip_ws(s + 1);
    }
    return -1;
}

static int load_polnear(bench_corpus *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    buf line = {0, 0, 0};
    int ch;
    if (!f)
        return -1;
    for (;;) {
        line.n = 0;
        while ((ch = getc(f)) != EOF && ch != '\n') {
            char cc = (char)ch;
            buf_add(&line, &cc, 1);
        }
        if (line.n) {
            buf text = {0, 0, 0};
            buf_need(&text, 0);
            if (jsonl_text(line.p, &text) == 0 && text.n)
                add_doc(c, text.p, text.n);
            else
                free(text.p);
        }
        if (ch == EOF)
            break;
    }
    free(line.p);
    fclose(f);
    snprintf(c->source, sizeof c->source, "polnear (%s)", path);
    return c->n ? 0 : -1;
}

/* ---- the generated corpus ------------------------------------------------
 * Articles of a headline and 6 to 16 paragraphs, written from templates in
 * the styles wire copy uses: trailing and leading cues, split quotes,
 * partial quotes, scare quotes, pronouns, titles, organisations, agencies,
 * possessive and elided apostrophes, straight and curly marks. */

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
    unsigned long long x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng_state = x;
    return (unsigned)((x >> 11) % n);
}

#define PICK(a) (a[rnd((unsigned)(sizeof a / sizeof a[0]))])

static const char *const first_m[] = {"James", "Daniel", "Tomas", "Ahmed", "Hiroshi",
    "Paul", "Marco", "Viktor", "Samuel", "Oliver", "Rafael", "Kwame", "Lars", "Pedro",
    "Arjun", "Ivan", "Jonas", "Felix", "Omar", "Henrik"};
static const char *const first_f[] = {"Lena", "Ana", "Maria", "Sofia", "Priya", "Grace",
    "Elena", "Fatima", "Ingrid", "Claire", "Amara", "Yuki", "Nadia", "Helen", "Julia",
    "Rosa", "Leila", "Hanna", "Irene", "Carmen"};
static const char *const last[] = {"Ortiz", "Ruiz", "Berg", "Okafor", "Sato", "Novak",
    "Lindqvist", "Mensah", "Costa", "Haddad", "Kowalski", "Fischer", "Moreau", "Tanaka",
    "Petrov", "Quinn", "Adeyemi", "Larsen", "Moretti", "Castillo", "Nguyen", "Brennan",
    "Varga", "Dumont", "Holm", "Sandoval", "Keller", "Abara", "Whitfield", "Oyelaran"};
static const char *const title_m[] = {"Mayor", "Senator", "President", "Minister",
    "Governor", "Mr.", "Judge", "Chancellor", "Commissioner", "General"};
static const char *const title_f[] = {"Mayor", "Senator", "President", "Minister",
    "Governor", "Ms.", "Judge", "Chancellor", "Commissioner", "Mrs."};
static const char *const role[] = {"a spokeswoman for the union", "a spokesman for the ministry",
    "the harbor chief", "a senior official", "the city's budget director",
    "an analyst at the institute", "the committee's chairwoman", "a lawyer for the family"};
static const char *const org[] = {"the Kremlin", "the ministry", "the White House",
    "the Port Authority", "the union", "the Finance Ministry", "the central bank",
    "the European Commission", "the state department", "the city council"};
static const char *const agency[] = {"Reuters", "KCNA", "NorPress", "Xinhua", "the Associated Press",
    "the state news agency", "state media"};
static const char *const cue_after[] = {"said", "said", "said", "told reporters", "added",
    "wrote", "insisted", "warned", "argued", "recalled", "explained", "noted"};
static const char *const cue_before[] = {"said", "told reporters", "wrote on social media",
    "said in a statement", "added", "warned", "declared", "told the council"};
static const char *const place[] = {"Westland", "the capital", "Brussels", "the harbor",
    "Moscow", "Tokyo", "the northern province", "Lagos", "the valley", "Geneva"};
static const char *const topic[] = {"the strike", "the budget", "the new bridge",
    "the election", "the trade talks", "the ceasefire", "the pension reform",
    "the water shortage", "the court ruling", "the summit"};
static const char *const clause[] = {
    "We will not let this harbor go dark over a few cents an hour",
    "The authority has put a generous proposal on the table, and it remains there",
    "Nobody in this room wants another winter like the last one",
    "I don't think the numbers add up, and I've said so from the start",
    "This is the most important vote of the decade",
    "We're going to keep talking until there is a deal",
    "They knew what was coming and they did nothing",
    "The people of Westland deserve better than this",
    "It's a matter of trust, not of money",
    "We have made clear that the door remains open",
    "Everything I can do to help, I will do",
    "There is no plan B",
    "The country's future depends on what we decide this week",
    "Our members voted, and the answer was no",
    "I've never seen anything like it in 30 years",
    "The report speaks for itself"};
static const char *const fragment[] = {"fully support", "special", "fraternal duty",
    "reckless", "do everything it can", "a disaster", "totally unacceptable",
    "historic", "a new chapter", "not for sale", "deeply concerned", "fake news"};
static const char *const scare[] = {"One Big Beautiful Bill Act", "Operation Clean Sweep",
    "The Iron Lady", "Project Horizon", "Fortress Europe", "the Squad"};
static const char *const filler[] = {
    "The talks resumed on Monday after a two-week pause.",
    "Officials expect a decision before the end of the month.",
    "The country's parliament is due to vote on the measure next week.",
    "Shares in the company fell 3.2 percent in early trading.",
    "Thousands of workers have joined the protest since Friday.",
    "The agreement, signed in 2019, expires at the end of the year.",
    "Critics have questioned whether the plan can be paid for.",
    "About 1,200 people attended the meeting at City Hall.",
    "The dispute has disrupted shipping along the coast for weeks.",
    "Negotiators from both sides met behind closed doors for six hours."};

typedef struct person {
    char full[80], short_[40];
    int female;
    const char *title;
} person;

static void make_person(person *p)
{
    const char *ln = PICK(last);
    p->female = (int)rnd(2);
    p->title = p->female ? PICK(title_f) : PICK(title_m);
    snprintf(p->full, sizeof p->full, "%s %s", p->female ? PICK(first_f) : PICK(first_m), ln);
    snprintf(p->short_, sizeof p->short_, "%s", ln);
}

/* Opening and closing marks: curly most of the time, straight otherwise. */
static void quote_marks(const char **o, const char **c)
{
    if (rnd(4)) { *o = "\xE2\x80\x9C"; *c = "\xE2\x80\x9D"; }
    else { *o = "\""; *c = "\""; }
}

static void sentence_text(buf *b, person *ps, int np, int *last_said)
{
    person *p = &ps[rnd((unsigned)np)];
    const char *o, *c;
    char tmp[600];
    int mention = rnd(3);   /* 0: full name with title, 1: full, 2: short */
    char who[160];
    if (p == &ps[*last_said] && rnd(2))
        snprintf(who, sizeof who, "%s", p->female ? "she" : "he");
    else if (mention == 0)
        snprintf(who, sizeof who, "%s %s", p->title, p->full);
    else if (mention == 1)
        snprintf(who, sizeof who, "%s", p->full);
    else
        snprintf(who, sizeof who, "%s", p->short_);
    quote_marks(&o, &c);
    switch (rnd(11)) {
    case 0: case 1: /* "Q," said X. / "Q," X said. */
        if (rnd(2))
            snprintf(tmp, sizeof tmp, "%s%s,%s %s %s.", o, PICK(clause), c, PICK(cue_after), who);
        else
            snprintf(tmp, sizeof tmp, "%s%s,%s %s %s.", o, PICK(clause), c, who, PICK(cue_after));
        break;
    case 2: /* X said: "Q." */
        snprintf(tmp, sizeof tmp, "%s %s: %s%s.%s", who, PICK(cue_before), o, PICK(clause), c);
        break;
    case 3: /* split quote */
        snprintf(tmp, sizeof tmp, "%s%s,%s %s %s. %s%s.%s", o, PICK(clause), c, who,
                 PICK(cue_after), o, PICK(clause), c);
        break;
    case 4: /* partial */
        snprintf(tmp, sizeof tmp, "%s called %s %s%s%s and vowed to do %s%s%s.", who,
                 PICK(topic), o, PICK(fragment), c, o, PICK(fragment), c);
        break;
    case 5: /* scare quote / title */
        snprintf(tmp, sizeof tmp, "The so-called %s%s%s was debated in %s on Tuesday.",
                 o, PICK(scare), c, PICK(place));
        break;
    case 6: /* organisation via agency */
        snprintf(tmp, sizeof tmp, "%s dismissed the claims, asserting that %s%s%s, %s reported.",
                 PICK(org), o, PICK(clause), c, PICK(agency));
        break;
    case 7: /* role apposition */
        snprintf(tmp, sizeof tmp, "%s%s,%s said %s, %s.", o, PICK(clause), c, p->full, PICK(role));
        break;
    case 8: /* possessives, no quote */
        snprintf(tmp, sizeof tmp, "%s's leaders met %s's delegation in %s to discuss %s.",
                 PICK(place), p->full, PICK(place), PICK(topic));
        break;
    default:
        snprintf(tmp, sizeof tmp, "%s", PICK(filler));
        break;
    }
    /* a sentence may begin with a lower-case pronoun; capitalise it */
    if (tmp[0] >= 'a' && tmp[0] <= 'z')
        tmp[0] = (char)(tmp[0] - 32);
    buf_str(b, tmp);
    *last_said = (int)(p - ps);
}

static void generate(bench_corpus *c, size_t target)
{
    unsigned n = 0;
    rng_state = 0x9E3779B97F4A7C15ull;
    while (c->bytes < target) {
        buf b = {0, 0, 0};
        person ps[4];
        int np = 2 + (int)rnd(3), k, paras, last_said = 0;
        char head[300];
        for (k = 0; k < np; k++)
            make_person(&ps[k]);
        snprintf(head, sizeof head, "%s Vows to Press On as Talks Resume in %s\n\n",
                 ps[0].full, PICK(place));
        buf_str(&b, head);
        snprintf(head, sizeof head, "%s (%s) -- %s %s and %s %s met on Wednesday over %s. ",
                 "WESTLAND", PICK(agency), ps[0].title, ps[0].full, ps[1].title, ps[1].full,
                 PICK(topic));
        buf_str(&b, head);
        paras = 6 + (int)rnd(11);
        for (k = 0; k < paras; k++) {
            int s, ns = 1 + (int)rnd(3);
            for (s = 0; s < ns; s++) {
                if (s)
                    buf_str(&b, " ");
                sentence_text(&b, ps, np, &last_said);
            }
            buf_str(&b, k + 1 < paras ? "\n\n" : "\n");
        }
        add_doc(c, b.p, b.n);
        n++;
    }
    snprintf(c->source, sizeof c->source,
             "generated (%u articles from bench/corpus.c templates)", n);
}

int corpus_load(bench_corpus *c, const char *which, const char *path)
{
    memset(c, 0, sizeof *c);
    if (!which || !*which)
        which = "auto";
    if (strcmp(which, "generated") != 0) {
        if (load_polnear(c, path) == 0)
            return 0;
        corpus_free(c);
        if (strcmp(which, "polnear") == 0) {
            fprintf(stderr, "bench: cannot read the PolNeAR corpus %s\n", path);
            return -1;
        }
    }
    generate(c, (size_t)6 << 20);
    return 0;
}

void corpus_free(bench_corpus *c)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        free(c->docs[i].text);
    free(c->docs);
    memset(c, 0, sizeof *c);
}

static void json_escaped(FILE *f, const char *s, size_t n)
{
    size_t i;
    putc('"', f);
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", f);
        else if (ch == '\t')
            fputs("\\t", f);
        else if (ch == '\r')
            fputs("\\r", f);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            putc(ch, f);
    }
    putc('"', f);
}

int corpus_write_jsonl(const bench_corpus *c, const char *path)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    if (!f)
        return -1;
    for (i = 0; i < c->n; i++) {
        fprintf(f, "{\"id\": \"doc-%zu\", \"text\": ", i + 1);
        json_escaped(f, c->docs[i].text, c->docs[i].len);
        fputs("}\n", f);
    }
    return fclose(f) ? -1 : 0;
}
