/*
 * mentions.c -- names, titles, organisations and news media in the text, and
 * the entities they name, without a parser.
 *
 * A mention is a run of capitalised words with the titles, roles and
 * possessors that introduce it ("North Korea's leader Kim Jong-un", "Russian
 * President Vladimir Putin", "the Kremlin"); its name part is the last run of
 * capitalised words that are not titles.  Mentions whose names share a word
 * are one entity (Kim Jong Un / Kim Jong-un / Kim; Donald Trump / Trump),
 * whose canonical name is the longest form seen.  Pronouns and role nouns
 * ("she", "the spokeswoman") are resolved on demand by ws_resolve.
 */
#include <string.h>
#include "internal.h"

static const char *tok_text(const ws_doc *d, uint32_t i, size_t *n)
{
    *n = d->tok[i].end - d->tok[i].start;
    return d->text + d->tok[i].start;
}

static int is_word(const ws_token *t)
{
    return t->type == TK_WORD;
}

/* A capitalised word that may be part of a name. */
static WS_HOT_INLINE int name_word(const ws_token *t)
{
    /* & not ||: one branch, whether a token is a capitalised word being
     * the text's coin toss */
    if (!(is_word(t) & ((t->flags & TF_CAP) != 0)))
        return 0;
    /* most capitalised words carry none of the flags below: one test
     * answers them, where each rule tested its own */
    if (!(t->lex & (LX_FUNCTION | LX_PREP | LX_PLURAL | LX_PRONOUN | LX_CUE | LX_AUX)))
        return 1;
    if (t->lex & (LX_FUNCTION | LX_PREP))
        return 0;   /* "Over", "Against": a headline's prepositions */
    if ((t->lex & (LX_ROLE | LX_PLURAL)) == (LX_ROLE | LX_PLURAL))
        return 0;   /* "Officials said": a plural role, not a name */
    if ((t->lex & LX_PRONOUN) || (t->lex & LX_CUE))
        return 0;
    if ((t->lex & LX_AUX) && (t->flags & TF_SENT) && !(t->lex & LX_FIRSTNAME))
        return 0;   /* "Does Rubio ...?", "Had Sanders won": a question's
                       verb; but "Will Doyle" */
    return 1;
}

/* A capital letter joined to a lower-case word, "T-shirt", "X-ray",
 * "U-turn": a common noun, not a name. */
static WS_HOT_INLINE int letter_compound(const ws_doc *d, uint32_t k)
{
    const ws_token *t = &d->tok[k];
    uint32_t n = t->end - t->start;
    /* the length and the hyphen as one test, the hyphen read in the word
     * (its first byte again when it has one): whether a capitalised word
     * is over two bytes was a coin toss, one with a hyphen second rare */
    return ((n > 2) & (d->text[t->start + (n > 1)] == '-')) &&
           d->text[t->start + 2] >= 'a' && d->text[t->start + 2] <= 'z';
}

/* A title or role word that may introduce a name, in any case. */
static int title_word(const ws_token *t)
{
    return is_word(t) && (t->lex & (LX_TITLE | LX_ROLE)) &&
           !(t->lex & LX_PLURAL) && !(t->lex & LX_PRONOUN);
}

/* Whether token i, a period, belongs to the word before it (Mr., J.). */
static WS_HOT_INLINE int abbrev_period(const ws_doc *d, uint32_t i)
{
    const ws_token *p;
    if (i == 0 || i >= d->ntok || d->tok[i].ch != '.' || d->tok[i].type != TK_PUNCT)
        return 0;
    p = &d->tok[i - 1];
    return p->end == d->tok[i].start && is_word(p) &&
           ((p->lex & LX_ABBREV) || (p->flags & TF_INITIAL));
}

static int add_role(ws_entity *e, uint32_t hash)
{
    int k;
    for (k = 0; k < e->nroles; k++)
        if (e->u.roles[k] == hash)
            return 0;
    if (e->nroles < 4)
        e->u.roles[e->nroles++] = hash;
    else
        e->u.roles[3] = hash;
    return 1;
}

/* Whether text bytes [a, a+n) and [b, b+n) are the same but for the case
 * of A-Z (ws_same_lower), a span under eight bytes (most names' words) as
 * one masked chunk each where the text holds eight bytes from both
 * starts.  Bytes equal so are equal under same_word's and same_name's
 * "| 32" too, and a skipped byte of same_name's is never a letter, so
 * both answer 1 at once when this does (link_name asks them at nearly
 * every mention, of names that most often are the same bytes). */
static WS_HOT_INLINE int same_lower_at(const ws_doc *d, size_t a, size_t b, size_t n)
{
#ifdef WS_CHUNK_LOADS
    if (n < 8 && a + 8 <= d->len && b + 8 <= d->len) {
        uint64_t lanes = ((uint64_t)1 << (8 * n)) - 1;
        uint64_t x = ws_load8(d->text + a), y = ws_load8(d->text + b);
        /* the same bytes, as most are, need no lowering */
        return ((x ^ y) & lanes) == 0 || ((ws_lower8(x) ^ ws_lower8(y)) & lanes) == 0;
    }
#endif
    return ws_same_lower(d->text + a, d->text + b, n);
}

/* The same word in any case: a transcript's "PENCE" is "Pence". */
static int same_word(const ws_doc *d, uint32_t a, uint32_t b)
{
    size_t na, nb, k;
    const char *sa = tok_text(d, a, &na), *sb = tok_text(d, b, &nb);
    if (na != nb)
        return 0;
    if (same_lower_at(d, d->tok[a].start, d->tok[b].start, na))
        return 1;
    for (k = 0; k < na; k++)
        if ((sa[k] | 32) != (sb[k] | 32))
            return 0;
    return 1;
}

/* Letters of a name without hyphens and spaces, lower-case, compared:
 * "Kim Jong Un" is "Kim Jong-un". */
static int same_name(const ws_doc *d, uint32_t a, uint32_t na, uint32_t b,
                     uint32_t nb)
{
    const char *sa = d->text + d->tok[a].start, *ea = d->text + d->tok[a + na - 1].end;
    const char *sb = d->text + d->tok[b].start, *eb = d->text + d->tok[b + nb - 1].end;
    if (ea - sa == eb - sb &&
        same_lower_at(d, d->tok[a].start, d->tok[b].start, (size_t)(ea - sa)))
        return 1;
    for (;;) {
        while (sa < ea && (*sa == ' ' || *sa == '-' || *sa == '\n' || *sa == '.'))
            sa++;
        while (sb < eb && (*sb == ' ' || *sb == '-' || *sb == '\n' || *sb == '.'))
            sb++;
        if (sa == ea || sb == eb)
            return sa == ea && sb == eb;
        if ((*sa | 32) != (*sb | 32))
            return 0;
        sa++;
        sb++;
    }
}

/* first_hash is ws_tok_hash of name_tok, which link_name may have made */
static int new_entity(ws_doc *d, int kind, uint32_t name_tok, uint32_t ntok,
                      uint32_t first_hash)
{
    ws_entity *e;
    /* the array is live through the stage's peak: grown to what the text
     * will need at the rate so far, not doubled */
    if (d->nent + 1 > d->cent &&
        ws_grow_part(d->mem, (void **)&d->ent, &d->cent, d->nent + 1, sizeof *e,
                     name_tok, d->ntok))
        return -1;
    e = &d->ent[d->nent];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->alias = -1;
    e->name_tok = name_tok;
    e->name_ntok = ntok;
    e->first_hash = first_hash;
    /* a one-word name's word is both: hashed once */
    e->last_hash = ntok == 1 ? e->first_hash : ws_tok_hash(d, name_tok + ntok - 1);
    return (int)d->nent++;
}

/* Finds the entity a name part [n0, n0+nn) names, or makes one.  Returns
 * the entity index, or -1 when out of memory. */
/* An index of entities by the words of their names, so that linking a
 * mention costs the few entities that share a word with it, not all of
 * them.  Nodes are never removed: an entity renamed to a longer name gets
 * new nodes, and every lookup checks the entity's current name. */
enum { KEY_FIRST = 1, KEY_LAST = 2, KEY_NORM = 3 };

typedef struct name_node {
    uint32_t key;
    int entity;
    int next;
} name_node;

/* How far back called_alone looks: the last CALLED_REACH mentions. */
#define CALLED_REACH 256
/* The one-word mentions of the last CALLED_REACH are all in a ring of so
 * many, whose slots a byte numbers (ws_entity's alone_slot). */
#define ALONE_RING 256
typedef char alone_ring_holds_the_reach[ALONE_RING >= CALLED_REACH ? 1 : -1];

typedef struct name_index {
    const ws_mem *mem;
    int *heads;             /* per bucket: the newest node, -1 none */
    size_t nbuckets;
    name_node *nodes;
    size_t nnodes, cnodes;
    size_t at, ntok;        /* the token the stage is at, of ntok: the nodes
                               grow at the rate so far (ws_grow_part) */
    unsigned looks;         /* text-long looks left (opener_not_name) */
    /* The last ALONE_RING one-word mentions, chained by entity, newest
     * first (called_alone): an entity's latest is at its alone_slot,
     * alone_prev[k] the slot of the one before the mention at slot k.
     * Every one-word mention of the last CALLED_REACH mentions is among
     * them; a slot written over since is told by its entity, or by a
     * mention not older than the one the walk came from; one not yet
     * written, by nalone.  Last: index_init leaves the ring unset. */
    size_t nalone;
    uint32_t alone_men[ALONE_RING];
    int alone_ent[ALONE_RING];
    uint8_t alone_prev[ALONE_RING];
} name_index;

static uint32_t tagged(uint32_t hash, int tag)
{
    return hash * 2654435761u + (uint32_t)tag;
}

/* Each byte as norm_hash adds it: a word that looks random, the same
 * for a letter in either case; 0 for a byte it leaves out, and for byte 0
 * (the lanes past a name's end).  A sum is the same whatever the bytes'
 * order and grouping, so the bytes are read eight at a time from where
 * the name stands, with no compaction: each byte's FNV-1a step was 7
 * instructions, and the loop's end a mispredict at nearly every name.
 * Names of the same letters in another order sum alike ("Kim Lee", "Lee
 * Kim"): same_name tells them apart, as it does any two of one key. */
#define NORM_SKIPPED(c) ((c) == 0 || (c) == ' ' || (c) == '-' || (c) == '\n' || (c) == '.')
/* A-Z raised by 32 as a sum, not a choice: Clang's -Wconstant-conversion
 * read (c) + 32 in the arm a byte over 'Z' never takes as a byte's overflow */
#define NORM_LOWER(c) ((c) + 32u * ((c) - 'A' < 26u))
/* MurmurHash3's finaliser, but its last shift (the sum mixes no further) */
#define NORM_MIX1(x) (((x) ^ ((x) >> 16)) * 0x85EBCA6Bu)
#define NORM_MIX2(x) (((x) ^ ((x) >> 13)) * 0xC2B2AE35u)
#define NORM_ADD(c) (NORM_SKIPPED(c) ? 0u : \
                     (uint32_t)NORM_MIX2(NORM_MIX1(NORM_LOWER(c) * 0x9E3779B1u)))
#define NORM_4(f, c) f(c), f((c) + 1), f((c) + 2), f((c) + 3)
#define NORM_16(f, c) NORM_4(f, c), NORM_4(f, (c) + 4), NORM_4(f, (c) + 8), NORM_4(f, (c) + 12)
#define NORM_64(f, c) NORM_16(f, c), NORM_16(f, (c) + 16), NORM_16(f, (c) + 32), \
                      NORM_16(f, (c) + 48)
#define NORM_256(f) NORM_64(f, 0u), NORM_64(f, 64u), NORM_64(f, 128u), NORM_64(f, 192u)
static const uint32_t norm_add[256] = {NORM_256(NORM_ADD)};

/* Hash of a name's letters without spaces, hyphens and periods, lower-case:
 * "Kim Jong Un" and "Kim Jong-un" hash alike. */
static WS_HOT_INLINE uint32_t norm_hash(const ws_doc *d, uint32_t t0, uint32_t nt)
{
    size_t start = d->tok[t0].start, end = d->tok[t0 + nt - 1].end;
    const unsigned char *p = (const unsigned char *)d->text + start;
    uint32_t h = 0;
#ifdef WS_CHUNK_LOADS
    if (end >= 8) {
        /* whole eights from the start, then the last one to eight bytes
         * as the eight that end the name, those before them shifted out */
        size_t n = end - start;
        uint64_t x;
        for (; n > 8; n -= 8, p += 8)
            h += norm_add[p[0]] + norm_add[p[1]] + norm_add[p[2]] + norm_add[p[3]] +
                 norm_add[p[4]] + norm_add[p[5]] + norm_add[p[6]] + norm_add[p[7]];
        x = ws_load8(d->text + end - 8) >> (8 * (8 - n));
        return h + norm_add[x & 255] + norm_add[(x >> 8) & 255] + norm_add[(x >> 16) & 255] +
               norm_add[(x >> 24) & 255] + norm_add[(x >> 32) & 255] +
               norm_add[(x >> 40) & 255] + norm_add[(x >> 48) & 255] + norm_add[x >> 56];
    }
#endif
    for (; p < (const unsigned char *)d->text + end; p++)
        h += norm_add[*p];
    return h;
}

static int index_init(name_index *ix, const ws_mem *mem, size_t expect)
{
    size_t i;
    /* all but the ring, whose slots from nalone on are never read */
    memset(ix, 0, offsetof(name_index, alone_men));
    ix->mem = mem;
    ix->looks = 4;
    /* twice the nodes expected, a power of two: a short text's few need
     * few buckets (a fixed 256 were a quarter of a 1 KB text's peak) */
    ix->nbuckets = 16;
    while (ix->nbuckets < expect * 2)
        ix->nbuckets *= 2;
    ix->heads = ws_alloc(mem, ix->nbuckets * sizeof *ix->heads);
    if (!ix->heads)
        return WS_ENOMEM;
    for (i = 0; i < ix->nbuckets; i++)
        ix->heads[i] = -1;
    return WS_OK;
}

static void index_free(name_index *ix)
{
    ws_release(ix->mem, ix->heads, ix->nbuckets * sizeof *ix->heads);
    ws_release(ix->mem, ix->nodes, ix->cnodes * sizeof *ix->nodes);
}

/* Chains mention m, one word long and of entity e, to e's one-word
 * mentions.  The mentions of the stage's linking are only ever added, each
 * with its entity for good (their roots are taken after the index is
 * freed), so a chain stays true while the index lives. */
static void index_alone(name_index *ix, ws_doc *d, uint32_t m, int e)
{
    unsigned k = (unsigned)(ix->nalone++ & (ALONE_RING - 1));
    ix->alone_men[k] = m;
    ix->alone_ent[k] = e;
    ix->alone_prev[k] = d->ent[e].alone_slot;
    d->ent[e].alone_slot = (uint8_t)k;
}

/* Adds a node of key for entity, where the nodes have room for it. */
static void index_link(name_index *ix, uint32_t key, int entity)
{
    size_t b = key & (ix->nbuckets - 1);
    ix->nodes[ix->nnodes].key = key;
    ix->nodes[ix->nnodes].entity = entity;
    ix->nodes[ix->nnodes].next = ix->heads[b];
    ix->heads[b] = (int)ix->nnodes++;
}

static int index_put(name_index *ix, uint32_t key, int entity)
{
    if (ix->nnodes + 1 > ix->cnodes &&
        ws_grow_part(ix->mem, (void **)&ix->nodes, &ix->cnodes, ix->nnodes + 1,
                     sizeof *ix->nodes, ix->at, ix->ntok))
        return WS_ENOMEM;
    index_link(ix, key, entity);
    return WS_OK;
}

/* The first node of key in its bucket's chain, newest first, or -1. */
static int index_first(const name_index *ix, uint32_t key)
{
    int n = ix->heads[key & (ix->nbuckets - 1)];
    while (n >= 0 && ix->nodes[n].key != key)
        n = ix->nodes[n].next;
    return n;
}

static int index_next(const name_index *ix, int n)
{
    uint32_t key = ix->nodes[n].key;
    n = ix->nodes[n].next;
    while (n >= 0 && ix->nodes[n].key != key)
        n = ix->nodes[n].next;
    return n;
}

/* Files entity e under the words of its current name, whose norm_hash is
 * norm. */
static int index_entity(name_index *ix, const ws_doc *d, int e, uint32_t norm)
{
    const ws_entity *en = &d->ent[e];
    /* only a person is looked up by a word of its name (link_name's one
     * word, merge_short_names, surname_of_named ask the kind), and a
     * one-word name's first word is its last, which link_name asks too:
     * the nodes no look-up could use are not made, and the chains the
     * look-ups walk are the shorter */
    int person = en->kind == EK_PERSON, first = person && en->name_ntok > 1;
    /* room for the three, as nearly always: no test at each (the nodes
     * grow one at a time as before when there is not) */
    if (ix->nnodes + 3 <= ix->cnodes) {
        if (first)
            index_link(ix, tagged(en->first_hash, KEY_FIRST), e);
        if (person)
            index_link(ix, tagged(en->last_hash, KEY_LAST), e);
        index_link(ix, tagged(norm, KEY_NORM), e);
        return WS_OK;
    }
    ix->at = en->name_tok;
    ix->ntok = d->ntok;
    if ((first && index_put(ix, tagged(en->first_hash, KEY_FIRST), e)) ||
        (person && index_put(ix, tagged(en->last_hash, KEY_LAST), e)) ||
        index_put(ix, tagged(norm, KEY_NORM), e))
        return WS_ENOMEM;
    return WS_OK;
}

/* How many of the last CALLED_REACH mentions call each of the nc distinct
 * entities cand[] (nc <= NAME_CANDIDATES) by the one word at token n0
 * alone ("Cruz said"), into calls[].  Asked only when the word could name
 * two people or more: a text of few namesakes asks it seldom, one of many
 * (a family's, a country's surnames) at nearly every such word.  So each
 * candidate's own one-word mentions are walked, newest first, back to the
 * reach (index_alone's chains), not the reach's every mention: the walk
 * of every mention was a tenth of the core's instructions in a megabyte
 * of news whose people share a few surnames. */
#define NAME_CANDIDATES 16

static WS_NOINLINE void called_alone(const ws_doc *d, const name_index *ix, uint32_t n0,
                                     const int *cand, int nc, unsigned *calls)
{
    size_t lo = d->nmen > CALLED_REACH ? d->nmen - CALLED_REACH : 0;
    int i;
    for (i = 0; i < nc; i++) {
        int c = cand[i];
        unsigned n = 0, k = d->ent[c].alone_slot;
        uint32_t after = (uint32_t)-1;
        for (; k < ix->nalone && ix->alone_ent[k] == c && ix->alone_men[k] < after &&
               ix->alone_men[k] >= lo;
             k = ix->alone_prev[k]) {
            after = ix->alone_men[k];
            n += (unsigned)same_word(d, n0, d->men[after].name_tok);
        }
        calls[i] = n;
    }
}

/* Whether a one-word mention at token n0 may name a longer name en by
 * its first word: when the word is a given name ("Hillary"), or the name
 * is written surname first the East Asian way, a short syllable in it
 * ("Xi Jinping", "Kim", "Park Ji Won") or a hyphenated given name after
 * the surname ("Ban Ki-moon").  A surname alone is not the "Dunmore
 * Wagon" it begins. */
static int first_word_names(const ws_doc *d, uint32_t n0, const ws_entity *en)
{
    uint32_t k, b;
    /* a name read surely as somebody's (a subject, a titled name): "Shen
     * Xincheng said", then "Shen"; not "on the Dunmore Wagon" */
    if ((d->tok[n0].lex & LX_FIRSTNAME) || en->strong)
        return 1;
    if (d->tok[n0].end - d->tok[n0].start <= 3)
        return 1;
    for (k = en->name_tok + 1; k < en->name_tok + en->name_ntok; k++) {
        if (d->tok[k].end - d->tok[k].start <= 3)
            return 1;
        for (b = d->tok[k].start; b < d->tok[k].end; b++)
            if (d->text[b] == '-')
                return 1;
    }
    return 0;
}

/* The most people one word alone is weighed for: "Bush" of a family. */
/* Finds the entity a name part [n0, n0+nn) names, or makes one.  Returns
 * the entity index, or -1 when out of memory.  Inline in its one caller,
 * read_mention, which GCC stopped inlining it into when that grew (a
 * call each mention, +1.1 M instructions over PolNeAR at -O3). */
static WS_HOT_INLINE int link_name(ws_doc *d, name_index *ix, int kind, uint32_t n0,
                                   uint32_t nn, int gender)
{
    int n, best = -1, tag, e;
    uint32_t last = 0, norm = norm_hash(d, n0, nn);
    /* The index holds the entities the stage's names made, each named by
     * a word or more, none a group (attribute.c makes those later), and
     * none an alias yet (merge_short_names makes them once every name is
     * linked); a person's words are filed for persons alone
     * (index_entity): an entity met here is no alias, no group, never
     * nameless, and one met by a word a person. */
    /* the same name: "Kim Jong Un" for "Kim Jong-un" */
    for (n = index_first(ix, tagged(norm, KEY_NORM)); n >= 0;
         n = index_next(ix, n)) {
        const ws_entity *en = &d->ent[ix->nodes[n].entity];
        if (gender && en->gender && gender != en->gender)
            continue;   /* Mrs. Clinton is not Mr. Clinton */
        if (same_name(d, n0, nn, en->name_tok, en->name_ntok) &&
            ix->nodes[n].entity > best)
            best = ix->nodes[n].entity;
    }
    if (best >= 0)
        return best;
    /* one word for a person named in full: "Trump", "Kim"; of two, the
     * one whose gender a title tells ("Ms. Khan"), else one whose surname
     * it is ("John" is Tom John, not John Kasich), else one not read in a
     * headline, else one named in this paragraph, else the one the text
     * has called by this word alone most often ("Cruz said" ... his wife
     * Heidi Cruz and father Rafael Cruz ... "Cruz said": still the
     * senator), else one named in the paragraph before, the latest
     * ("Khizr and Ghazala Khan ... Ghazala Khan says ... Ms. Khan"), else
     * the first named (the text's Keith Lamont Scott, not his wife Rakeyia
     * Scott named once) */
    if (kind == EK_PERSON && nn == 1) {
        int cand[NAME_CANDIDATES], fits[NAME_CANDIDATES], nc = 0, i, best_fit = 0;
        last = ws_tok_hash(d, n0);
        for (tag = KEY_FIRST; tag <= KEY_LAST; tag++)
            for (n = index_first(ix, tagged(last, tag)); n >= 0; n = index_next(ix, n)) {
                int c = ix->nodes[n].entity;
                const ws_entity *en = &d->ent[c];
                int fit;
                if (gender && en->gender && gender != en->gender)
                    continue;
                if (same_word(d, n0, en->name_tok + en->name_ntok - 1))
                    fit = 32;
                else if (same_word(d, n0, en->name_tok) &&
                         first_word_names(d, n0, en))
                    fit = 0;
                else
                    continue;
                for (i = 0; i < nc && cand[i] != c; i++)
                    ;
                if (i < nc || nc == NAME_CANDIDATES)
                    continue;
                fit += 64 * (gender && en->gender == gender);
                /* a name read in a title-case headline ("Understated Perez
                 * Raises ...") is less surely a name */
                fit += 16 * !(d->headline && d->headline[ws_tok_para(d, en->name_tok)]);
                /* named in this paragraph, or the one before: the one the
                 * text is speaking of now */
                fit += 8 * (ws_tok_para(d, en->last_tok) == ws_tok_para(d, n0)) +
                       (ws_tok_para(d, en->last_tok) + 1 >= ws_tok_para(d, n0));
                cand[nc] = c;
                fits[nc++] = fit;
            }
        /* of two or more, the one the text has called by this word alone
         * most often of late, twice at least: one call may itself have
         * gone to the wrong one */
        if (nc >= 2) {
            unsigned most = 0, k, calls[NAME_CANDIDATES];
            int top = -1;
            called_alone(d, ix, n0, cand, nc, calls);
            for (i = 0; i < nc; i++) {
                k = calls[i];
                if (k > most) {
                    most = k;
                    top = i;
                } else if (k == most) {
                    top = -1;
                }
            }
            if (top >= 0 && most >= 2)
                fits[top] += 4;
        }
        for (i = 0; i < nc; i++) {
            int c = cand[i], fit = fits[i];
            if (best < 0 || fit > best_fit ||
                (fit == best_fit && (fit & 1) && d->ent[c].last_tok > d->ent[best].last_tok) ||
                (fit == best_fit && !(fit & 1) && c < best)) {
                best = c;
                best_fit = fit;
            }
        }
        if (best >= 0)
            return best;
    }
    /* the one-word person path hashed the word already */
    e = new_entity(d, kind, n0, nn,
                   kind == EK_PERSON && nn == 1 ? last : ws_tok_hash(d, n0));
    if (e >= 0 && index_entity(ix, d, e, norm))
        return -1;
    return e;
}

/* Merges one-word person entities into the longer names they are part of,
 * so a headline's "Trump" is the "Donald Trump" of the text, and makes the
 * longest form canonical.  list has room for an index an entity. */
static void merge_short_names(ws_doc *d, const name_index *ix, uint32_t *list)
{
    size_t a, c, nshort = 0;
    /* the one-word persons listed first, with no branch an entity (whether
     * one is such is the coin toss); none is an alias yet (link_name), and
     * a merge makes an alias of the one merged alone */
    for (a = 0; a < d->nent; a++) {
        list[nshort] = (uint32_t)a;
        nshort += (d->ent[a].kind == EK_PERSON) & (d->ent[a].name_ntok == 1);
    }
    for (c = 0; c < nshort; c++) {
        ws_entity *s = &d->ent[a = list[c]];
        int target = -1, by_last = 0, tag, n;
        /* the earliest longer name ending in the word, else starting with it */
        for (tag = KEY_LAST; tag >= KEY_FIRST; tag--)
            for (n = index_first(ix, tagged(s->first_hash, tag)); n >= 0;
                 n = index_next(ix, n)) {
                int b = ix->nodes[n].entity;
                const ws_entity *l = &d->ent[b];
                if ((size_t)b == a || l->alias >= 0 || l->kind != EK_PERSON ||
                    l->name_ntok < 2 || (s->gender && l->gender && s->gender != l->gender))
                    continue;
                if (tag == KEY_LAST &&
                    same_word(d, s->name_tok, l->name_tok + l->name_ntok - 1)) {
                    if (!by_last || b < target) {
                        target = b;
                        by_last = 1;
                    }
                } else if (tag == KEY_FIRST && !by_last &&
                           same_word(d, s->name_tok, l->name_tok) &&
                           first_word_names(d, s->name_tok, l) &&
                           (target < 0 || b < target)) {
                    target = b;
                }
            }
        if (target >= 0) {
            ws_entity *l = &d->ent[target];
            int k;
            s->alias = target;
            if (!l->gender)
                l->gender = s->gender;
            l->strong |= s->strong;
            for (k = 0; k < s->nroles; k++)
                add_role(l, s->u.roles[k]);
        }
    }
}

static int is_group_word(const ws_token *t)
{
    return is_word(t) && (t->lex & LX_GROUP);
}

/* Records a mention over tokens [s, e), s < e, with name part [n0, n1),
 * whose tokens run_kind marked (mark set) as it read them. */
static int add_mention(ws_doc *d, uint32_t s, uint32_t e, uint32_t n0,
                       uint32_t n1, int entity)
{
    ws_mention *m;
    if (d->nmen + 1 > d->cmen &&
        ws_grow_part(d->mem, (void **)&d->men, &d->cmen, d->nmen + 1, sizeof *m,
                     s, d->ntok))
        return WS_ENOMEM;
    m = &d->men[d->nmen];
    m->tok_start = s;
    m->tok_end = e;
    m->name_tok = n0;
    m->name_end = n1;
    m->entity = entity;
    m->possessive = e < d->ntok && d->tok[e].type == TK_POSS;
    d->ent[entity].last_tok = s;
    d->nmen++;
    return WS_OK;
}

void ws_index_mentions(ws_doc *d)
{
    size_t m, b, nb, before = 0;
    if (!d->nmen)
        return;
    nb = (d->men[d->nmen - 1].tok_start >> WS_MENTION_SHIFT) + 1;
    memset(d->men_block, 0, nb * sizeof *d->men_block);
    for (m = 0; m < d->nmen; m++)
        d->men_block[d->men[m].tok_start >> WS_MENTION_SHIFT]++;
    for (b = 0; b < nb; b++) {
        size_t here = d->men_block[b];
        d->men_block[b] = (uint32_t)before;
        before += here;
    }
    d->nmen_block = nb;
}

/* Whether token k is an ampersand. */
static int ampersand(const ws_doc *d, uint32_t k)
{
    return d->tok[k].type == TK_PUNCT && d->tok[k].ch == '&';
}

/* Marks token k as inside the mention the stage adds next: or'ed in, as
 * no mention of the stage's covers a token another covers. */
static WS_HOT_INLINE void mark_mention(ws_doc *d, uint32_t k)
{
    d->tok[k].flags |= ws_mention_flags(d->nmen);
}

/* Kind of a run of words: a medium, an organisation or a person.  With
 * mark set, the run is the mention the stage adds next (add_mention), and
 * its tokens are marked as they are read: a loop of add_mention's own
 * over them mispredicted its trip count, the mention's length, at nearly
 * every second mention.  Nothing reads the marks before the mention is
 * added, and a mention is not added only when memory runs out, which
 * ends the stage. */
static WS_HOT_INLINE int run_kind(ws_doc *d, uint32_t s, uint32_t e, uint32_t n0, int mark)
{
    uint32_t k, lex = 0;
    unsigned not_word = 0;
    int kind = EK_PERSON;
    /* most runs are words none of which heads a phrase or is listed as a
     * medium's or organisation's: their flags or'ed first, and only a run
     * with one of them (or a period, an ampersand) is read word by word */
    /* a run's first three words with no trip count to mispredict (one
     * to three, a coin toss): an index past the run reads its last word
     * again, which the or's do not mind (s < e) */
    {
        uint32_t k1 = s + 1 < e ? s + 1 : e - 1, k2 = s + 2 < e ? s + 2 : e - 1;
        lex = d->tok[s].lex | d->tok[k1].lex | d->tok[k2].lex;
        not_word = (d->tok[s].type ^ TK_WORD) | (d->tok[k1].type ^ TK_WORD) |
                   (d->tok[k2].type ^ TK_WORD);
        /* marking the last word again is no harm either */
        if (mark) {
            mark_mention(d, s);
            mark_mention(d, k1);
            mark_mention(d, k2);
        }
    }
    for (k = s + 3; k < e; k++) {
        lex |= d->tok[k].lex;
        not_word |= d->tok[k].type ^ TK_WORD;
        if (mark)
            mark_mention(d, k);
    }
    if ((lex & (LX_PHRASE_HEAD | LX_MEDIUM | LX_ORG | LX_ORG_NAME)) || not_word) {
        for (k = s; k < e; k++) {
            const ws_token *t = &d->tok[k];
            size_t np = 0;
            uint32_t ph = ws_lexicon_phrase(d->lx, d, k, &np);
            if ((t->lex | ph) & LX_MEDIUM)
                return EK_MEDIUM;
            /* "Procter & Gamble": a name an ampersand joins is a firm's */
            if (k >= n0 && (((t->lex | ph) & (LX_ORG | LX_ORG_NAME)) || ampersand(d, k)))
                kind = EK_ORG;
        }
    }
    if (kind == EK_PERSON && e - n0 == 1 && (d->tok[n0].flags & TF_ALLCAPS) &&
        !(d->tok[n0].lex & LX_FIRSTNAME) &&
        !(e < d->ntok && d->tok[e].ch == ':' && d->tok[e].type == TK_PUNCT))
        kind = EK_ORG;  /* FBI, NATO; but a transcript's "HOLT:" is a person */
    return kind;
}

/* In a title-case headline, "Is", "Did", "Has" end a name ("Trump Is
 * Trying"), which elsewhere their lower case does. */
static int headline_stop(const ws_doc *d, uint32_t j, const uint8_t *headline)
{
    const ws_token *t = &d->tok[j];
    return headline[ws_tok_para(d, j)] && (t->lex & LX_AUX) && !(t->lex & LX_FIRSTNAME);
}

/* Whether a capitalised cue word at token j goes on with the name before
 * it ("Stevie Wonder"), which it does outside title-case headlines
 * ("Kim Jong Un Pledges Support"). */
static int name_goes_on(const ws_doc *d, uint32_t j, const uint8_t *headline)
{
    const ws_token *t = &d->tok[j];
    return is_word(t) && (t->flags & TF_CAP) && (t->lex & LX_CUE) &&
           !(t->lex & (LX_FUNCTION | LX_PRONOUN)) && !(t->flags & TF_SENT) &&
           !headline[ws_tok_para(d, j)];
}

/* The gender a given name tells, if it tells one ("Jan" does not). */
static int given_gender(const ws_token *t)
{
    return (t->lex & LX_MALE) ? G_MALE : (t->lex & LX_FEMALE) ? G_FEMALE : G_UNKNOWN;
}

/* A lower-case word that can describe a title: an organisation's noun
 * ("Clinton campaign chairman", "American government official") or an
 * adjective by its ending ("Democratic presidential nominee", "senior",
 * "northern"); never a verb ("Tom Berg met harbor chief Lena Ost").
 * Asked by describing, once word k passed its first test. */
static int describing_word(const ws_doc *d, uint32_t k)
{
    /* the endings, by their last bytes: two-byte ones after three bytes
     * or more, three-byte ones after three or more (read as numbers, not
     * by a strlen and a memcmp of each: this is asked at most words after
     * a name) */
#define END2(a, b) ((unsigned)(unsigned char)(a) << 8 | (unsigned char)(b))
#define END3(a, b, c) (END2(a, b) << 8 | (unsigned char)(c))
    /* the levels of government, "Virginia state director", by their
     * lengths (four, five, six, eight): one compare for a word, where
     * each level was compared in turn */
    static const char *const levels[] = {"city", "state", "county", NULL, "district"};
    const ws_token *t = &d->tok[k];
    size_t n = t->end - t->start;
    const char *w;
    if (t->lex & LX_ORG)
        return 1;
    if (n - 4 <= 4 && levels[n - 4] && ws_tok_is(d, k, levels[n - 4]))
        return 1;
    w = d->text + t->end;
    if (n > 4) {
        unsigned e2 = END2(w[-2], w[-1]);
        if (e2 == END2('a', 'l') || e2 == END2('i', 'c'))
            return 1;
    }
    if (n > 5) {
        unsigned e3 = END3(w[-3], w[-2], w[-1]);
        if (e3 == END3('i', 'v', 'e') || e3 == END3('a', 'r', 'y') ||
            e3 == END3('i', 'a', 'n') || e3 == END3('i', 'o', 'r') ||
            e3 == END3('e', 'r', 'n') || e3 == END3('e', 's', 'e'))
            return 1;
    }
    return 0;
#undef END2
#undef END3
}

/* Whether word k may describe a title after a name: a lower-case word
 * that is no title, function word, cue, preposition, auxiliary or
 * pronoun, and describing_word's.  The first test inline: most words
 * after a name fail it, and the call cost them more than the test. */
static inline int describing(const ws_doc *d, uint32_t k)
{
    const ws_token *t = &d->tok[k];
    if (!is_word(t) || (t->flags & TF_CAP) || title_word(t) ||
        (t->lex & (LX_FUNCTION | LX_CUE | LX_PREP | LX_AUX | LX_PRONOUN)))
        return 0;
    return describing_word(d, k);
}

/* The role an abbreviated title stands for, hashed as the word is ("Gov.
 * John Kasich" ... "the Ohio governor"), or 0. */
static uint32_t abbreviated_role(const ws_doc *d, uint32_t k)
{
    static const char *const abbr[][2] = {{"gov", "governor"}, {"sen", "senator"},
        {"rep", "representative"}, {"gen", "general"}, {"adm", "admiral"},
        {"sec", "secretary"}, {"lt", "lieutenant"}, {"col", "colonel"},
        {"sgt", "sergeant"}, {"capt", "captain"}, {"cmdr", "commander"},
        {"atty", "attorney"}, {"supt", "superintendent"}, {"amb", "ambassador"}};
    size_t a;
    for (a = 0; a < sizeof abbr / sizeof abbr[0]; a++)
        if (ws_tok_is(d, k, abbr[a][0]))
            return ws_hash_lower(abbr[a][1], strlen(abbr[a][1]));
    return 0;
}

/* A lower-case plural of a role or title: "officials" (listed),
 * "presidents", "senators" (a title and an s).  Inline in read_mention,
 * where at -O2 GCC made it a call once link_name was inlined too. */
static WS_HOT_INLINE int plural_role(const ws_doc *d, uint32_t j)
{
    const ws_token *t = &d->tok[j];
    size_t n = t->end - t->start;
    const char *w = d->text + t->start;
    uint32_t stem;
    if (!is_word(t) || (t->flags & TF_CAP))
        return 0;
    if ((t->lex & (LX_ROLE | LX_PLURAL)) == (LX_ROLE | LX_PLURAL))
        return 1;
    /* one test of the two (a word is never empty): whether one under
     * four bytes follows a name was a coin toss */
    if ((n < 4) | (w[n - 1] != 's'))
        return 0;
    stem = ws_lexicon_word(d->lx, w, n - 1, ws_lex_key(w, n - 1));
    return (stem & (LX_ROLE | LX_TITLE)) && !(stem & (LX_PLURAL | LX_ABBREV));
}

/* Whether every word of tokens [a, b) is written in capitals. */
static int all_caps(const ws_doc *d, uint32_t a, uint32_t b)
{
    for (; a < b; a++)
        if (is_word(&d->tok[a]) && !(d->tok[a].flags & TF_ALLCAPS))
            return 0;
    return 1;
}

/* Token j, an abbreviation that is a given name too, used as the name:
 * "Jan Brewer" ("Jan." has its period). */
static WS_HOT_INLINE int month_as_name(const ws_doc *d, uint32_t j)
{
    const ws_token *t = &d->tok[j];
    return is_word(t) && (t->flags & TF_CAP) &&
           (t->lex & (LX_ABBREV | LX_FIRSTNAME)) == (LX_ABBREV | LX_FIRSTNAME) &&
           j + 1 < d->ntok && d->tok[j + 1].start > t->end &&
           name_word(&d->tok[j + 1]) && !(d->tok[j + 1].lex & LX_TITLE);
}

/* Whether token j, a capitalised role or party word that is no given
 * name, opening a name, stands before a given name and a surname as its
 * title: "Republican Donald Trump", "Democrat Hillary Clinton" (but
 * "Republican National Committee" is a name, and "House Intelligence
 * Republican Mike Pompeo" one the caller reads on). */
static WS_HOT_INLINE int role_before_given(const ws_doc *d, uint32_t j)
{
    /* the length of the party word of each first letter (its low five
     * bits: any case, a digit or mark sharing them only asks on) */
    static const uint8_t party_len[32] = {['d' & 31] = 8, ['r' & 31] = 10};
    const ws_token *t = &d->tok[j];
    /* either reading needs a role word or a party word: asked first, by
     * the flag, then the first letter and the length, since few names
     * open with one, where whether the word opens a sentence, then
     * whether it is a given name, were coin tosses */
    if (!(t->lex & LX_ROLE) && party_len[t->ch & 31] != t->end - t->start)
        return 0;
    /* "Reporter Jana Roth says", "Hacker Dmitrov claimed": a role noun
     * opening a sentence before a name is its title, whatever name
     * follows (not a plural, "Students Rally"; not before a listed
     * organisation's word, "Student Loan Corporation") */
    if ((t->flags & TF_SENT) && (t->lex & LX_ROLE) &&
        !(t->lex & (LX_FIRSTNAME | LX_PLURAL | LX_ORG | LX_ORG_NAME | LX_MEDIUM)) &&
        j + 1 < d->ntok && name_word(&d->tok[j + 1]) &&
        !(d->tok[j + 1].lex & (LX_TITLE | LX_ROLE | LX_ORG | LX_ORG_NAME | LX_MEDIUM | LX_FUNCTION)) &&
        (j + 2 >= d->ntok || !(d->tok[j + 2].lex & (LX_ORG | LX_ORG_NAME | LX_MEDIUM))))
        return 1;
    if (t->lex & (LX_FIRSTNAME | LX_PLURAL) || j + 2 >= d->ntok ||
        !(d->tok[j + 1].lex & LX_FIRSTNAME) || !name_word(&d->tok[j + 1]) ||
        !name_word(&d->tok[j + 2]))
        return 0;
    return (t->lex & LX_ROLE) || ws_tok_is(d, j, "republican") || ws_tok_is(d, j, "democrat");
}

/* Whether token k has the form of an adverb or a participle: "-ly" or
 * "-ed" after four letters at least ("Interestingly", "Understated"; not
 * "Daly", "Reed"). */
static int adverb_or_participle(const ws_doc *d, uint32_t k)
{
    const ws_token *t = &d->tok[k];
    const char *w = d->text + t->end;
    return t->end - t->start >= 6 &&
           ((w[-2] == 'l' && w[-1] == 'y') || (w[-2] == 'e' && w[-1] == 'd'));
}

/* Whether token j is word k again, k's first letter and length given */
static WS_HOT_INLINE int lower_same(const ws_doc *d, uint32_t j, uint32_t k, unsigned first,
                                    uint32_t n)
{
    const ws_token *t = &d->tok[j];
    return t->ch == first && t->end - t->start == n && t->type == TK_WORD && same_word(d, j, k);
}

/* Whether word k stands in lower case somewhere in the text: a common
 * word, whatever its capital says where a sentence opens. */
static WS_NOINLINE int lower_elsewhere(const ws_doc *d, uint32_t k)
{
    uint32_t i, j, n = d->tok[k].end - d->tok[k].start;
    /* its first letter (the token's ch) and length before its bytes: most
     * tokens fail at the first, read with no load from the text */
    unsigned first = (unsigned char)d->text[d->tok[k].start] | 32;
    /* four tokens' first letters asked at once, with no branch: most
     * fours hold none, and the walk's count and end were half of its
     * instructions a token */
    for (j = 0; j + 4 <= d->ntok; j += 4) {
        const ws_token *t = &d->tok[j];
        if ((t[0].ch == first) | (t[1].ch == first) | (t[2].ch == first) | (t[3].ch == first))
            for (i = j; i < j + 4; i++)
                if (lower_same(d, i, k, first, n))
                    return 1;
    }
    for (; j < d->ntok; j++)
        if (lower_same(d, j, k, first, n))
            return 1;
    return 0;
}

/* Whether the words [n0, n1) of a name a headline reads are all common
 * words: ones the lexicon knows as function words, prepositions, speech
 * nouns and the like, or ones the text writes in lower case elsewhere
 * ("Trump's Running Mate ... his running mate").  A name needs one word
 * that is none.  ix->looks bounds the text-long looks. */
static int common_words_only(const ws_doc *d, uint32_t n0, uint32_t n1, name_index *ix)
{
    uint32_t k;
    for (k = n0; k < n1; k++) {
        const ws_token *t = &d->tok[k];
        if (t->lex & (LX_FIRSTNAME | LX_TITLE | LX_ORG | LX_ORG_NAME | LX_MEDIUM))
            return 0;
        if (t->lex & (LX_FUNCTION | LX_PREP | LX_AUX | LX_CUE_NOUN | LX_SPEECH_NOUN | LX_TIME))
            continue;
        if (!ix->looks)
            return 0;
        ix->looks--;
        if (!lower_elsewhere(d, k))
            return 0;
    }
    return 1;
}

/* Whether word k is the surname of a person the index holds named in two
 * words or more ("Anna Dahl" for "Dahl"), whose first word, when
 * with_given is set, is a given name the lists know. */
static int surname_of_named(const ws_doc *d, const name_index *ix, uint32_t k,
                            int with_given)
{
    int n;
    for (n = index_first(ix, tagged(ws_tok_hash(d, k), KEY_LAST)); n >= 0;
         n = index_next(ix, n)) {
        const ws_entity *en = &d->ent[ix->nodes[n].entity];
        if (en->kind == EK_PERSON && en->name_ntok >= 2 &&
            (!with_given || (d->tok[en->name_tok].lex & LX_FIRSTNAME)) &&
            same_word(d, en->name_tok + en->name_ntok - 1, k))
            return 1;
    }
    return 0;
}

/* Whether the first word w of a sentence, before the one word w + 1 of a
 * name, is a common word the sentence opens with, not a given name:
 * "Interestingly Blocher, a wealthy industrialist, ...", "Understated
 * Perez raises his profile", "Hacker Dahl told members".  It is no given
 * name the lists know, and
 * - has an adverb's or a participle's form, and the text gives the name
 *   after another capitalised word inside a sentence, before or after
 *   this one ("Christoph Blocher"; a headline's "Understated Perez"
 *   before the text's "Labor Secretary Thomas Perez"); or
 * - stands in lower case elsewhere in the text, and the name is the
 *   surname of a person named before with a given name ("Anna Dahl").
 * ix->looks bounds a document's text-long looks. */
static int opener_not_name(const ws_doc *d, uint32_t w, name_index *ix)
{
    const ws_token *t = &d->tok[w];
    size_t c, n;
    /* "De Blasio": a particle opens the name it belongs to */
    if (!(t->flags & TF_SENT) ||
        (t->lex & (LX_FIRSTNAME | LX_TITLE | LX_ROLE | LX_PARTICLE)) ||
        (t->flags & TF_ALLCAPS) || w + 1 >= d->ntok)
        return 0;
    if (adverb_or_participle(d, w)) {
        /* the capitalised words the scanner listed: few sentences open
         * with such a word, so the walk is rare */
        n = d->tok[w + 1].end - d->tok[w + 1].start;
        for (c = 0; c < d->names.n; c++) {
            uint32_t k = d->names.v[c];
            const ws_token *g;
            if (d->tok[k].end - d->tok[k].start != n || k == w + 1 || k == 0)
                continue;
            g = &d->tok[k - 1];
            if (g->type == TK_WORD && (g->flags & TF_CAP) && !(g->flags & TF_SENT) &&
                !(g->lex & (LX_TITLE | LX_ROLE)) && same_word(d, k, w + 1) &&
                !same_word(d, k - 1, w))
                return 1;
        }
        return 0;
    }
    if (!surname_of_named(d, ix, w + 1, 1) || !ix->looks)
        return 0;
    ix->looks--;
    return lower_elsewhere(d, w);
}

/* A capitalised function word or preposition after a given name, inside
 * a sentence and outside a title-case headline, is the name's surname:
 * "said Al From, who helped found the council"; not when a capitalised
 * word follows ("Kasich In The Lead" is a headline's), nor a day or a
 * month ("told Mark Monday" is when). */
static int function_surname(const ws_doc *d, uint32_t j, const uint8_t *headline)
{
    const ws_token *t = &d->tok[j];
    return is_word(t) && (t->flags & TF_CAP) && !(t->flags & (TF_SENT | TF_ALLCAPS)) &&
           (t->lex & (LX_FUNCTION | LX_PREP)) &&
           !(t->lex & (LX_PRONOUN | LX_CUE | LX_TIME | LX_AUX)) && j > 0 &&
           (d->tok[j - 1].lex & LX_FIRSTNAME) && d->tok[j - 1].end < t->start &&
           !headline[ws_tok_para(d, j)] &&
           !(j + 1 < d->ntok && is_word(&d->tok[j + 1]) && (d->tok[j + 1].flags & TF_CAP));
}

/* Whether token k, a capitalised function word or preposition before a
 * verb, is the surname of a person the text named in full before: "From
 * said", "From agreed", "Brown and From were" after "Al From"; a
 * preposition is never followed by a verb ("From a $15 minimum wage").
 * The caller asks surname_gate first. */
static int surname_alone(const ws_doc *d, uint32_t k, const uint8_t *headline,
                         const name_index *ix)
{
    const ws_token *t = &d->tok[k], *v = &d->tok[k + 1];
    if (!is_word(t) || !(t->flags & TF_CAP) || (t->flags & TF_ALLCAPS) ||
        (t->lex & (LX_PRONOUN | LX_CUE | LX_TIME | LX_AUX)) || !is_word(v) ||
        (v->lex & (LX_CUE_ING | LX_CUE_NOUN | LX_PREP)) || headline[ws_tok_para(d, k)])
        return 0;
    return surname_of_named(d, ix, k, 0);
}

/* surname_alone's first test, inline where it is asked: every
 * sentence opening "The", "In" is asked, and the two tokens' flags send
 * almost all away.  The verb by its flags, lower-case: a cue, an
 * auxiliary, an irregular past ("said", "agreed", "were", "went"). */
static int surname_gate(const ws_doc *d, uint32_t k)
{
    const ws_token *t = &d->tok[k], *v = &d->tok[k + 1];
    /* "There is", "What was": an auxiliary after a sentence's first
     * word is its verb, the word no name */
    return k + 1 < d->ntok && (t->lex & (LX_FUNCTION | LX_PREP)) &&
           (v->lex & ((t->flags & TF_SENT) ? (LX_CUE | LX_PAST) : (LX_CUE | LX_AUX | LX_PAST))) &&
           !(v->flags & TF_CAP);
}

/* Whether token k, capitalised, is joined by an ampersand with no space
 * to the capitalised word after it: "AT&T", "S&P", whose words the lists
 * may know as something else ("at"). */
static int ampersand_joined(const ws_doc *d, uint32_t k)
{
    return k + 2 < d->ntok && ampersand(d, k + 1) && d->tok[k].end == d->tok[k + 1].start &&
           d->tok[k + 1].end == d->tok[k + 2].start && is_word(&d->tok[k]) &&
           (d->tok[k].flags & TF_CAP) && is_word(&d->tok[k + 2]) &&
           (d->tok[k + 2].flags & TF_CAP);
}

/* Reads the mention that may start at token i, which the caller found no
 * letter compound, and a name word (name_word) when named is set; returns
 * its end.  Inline in its one caller, always: GCC -O2 inlined it there
 * only while it stayed under its limit for a function called once, and a
 * change of a few instructions made it a call (+3 M instructions over
 * PolNeAR at -O2); at -O3, a call, it cost 1.7 M more than inline. */
static WS_HOT_INLINE uint32_t read_mention(ws_doc *d, uint32_t i, int named, int *rc,
                                           const uint8_t *headline, name_index *ix)
{
    uint32_t j = i, n0 = UINT32_MAX, n1 = 0, last_title = UINT32_MAX;
    int titled = 0, any_name = 0, gender = G_UNKNOWN, modifier = 0, strong = 0;
    uint32_t role_hash = 0, listed_end = 0, para = 0;
    *rc = WS_OK;
    /* token i, a name word when named is set, opens the name unless it is
     * a title or a role before a given name: the loop's first reading of
     * it, read here (the loop reads it again only when it is one of
     * those), so that the loop's tests are asked of the words after it,
     * whether the name goes on, and not of a first word whose answers
     * are known */
    if (named) {
        const ws_token *t = &d->tok[i];
        if (t->lex & LX_PHRASE_HEAD) {
            size_t np_ = 0;
            if ((ws_lexicon_phrase(d->lx, d, i, &np_) & (LX_MEDIUM | LX_ORG)) && np_ > 1)
                listed_end = i + (uint32_t)np_;
        }
        if ((!(t->lex & LX_TITLE) || i < listed_end) && !role_before_given(d, i)) {
            n0 = i;
            n1 = j = i + 1;
            any_name = 1;
            para = TF_PARA;
        }
    }
    /* "the" before an organisation or a role: "the Kremlin" */
    while (j < d->ntok) {
        const ws_token *t = &d->tok[j];
        /* a name never runs over a paragraph break: past token i (j only
         * grows), asked by a mask, not by j > i, which is whether the name
         * goes on, the text's coin toss */
        if (t->flags & para)
            break;
        para = TF_PARA;
        /* "Associated Press": a medium or organisation the lists name
         * keeps its words, a title's among them ("press secretary"); the
         * flag first, which few words have */
        if ((t->lex & LX_PHRASE_HEAD) && j >= listed_end && name_word(t)) {
            size_t np_ = 0;
            if ((ws_lexicon_phrase(d->lx, d, j, &np_) & (LX_MEDIUM | LX_ORG)) && np_ > 1)
                listed_end = j + (uint32_t)np_;
        }
        /* "Jill A. Martin", "J. K. Rowling": an initial with its period */
        int initial = (t->flags & TF_INITIAL) && abbrev_period(d, j + 1) &&
                      j + 2 < d->ntok && (name_word(&d->tok[j + 2]) ||
                                          (d->tok[j + 2].flags & TF_INITIAL));
        /* at i, what the caller found is not asked again; but for the
         * initial, each reading below is of a capitalised word, which the
         * token is not as often as it is (a name's end): asked once here,
         * not by each of them in turn */
        int capitalised = is_word(t) & ((t->flags & TF_CAP) != 0);
        if (((capitalised &&
              ((j == i ? named : name_word(t)) || month_as_name(d, j) ||
               (any_name && n1 == j && name_goes_on(d, j, headline)) ||
               (any_name && n1 == j && function_surname(d, j, headline)) ||
               (j == i && surname_gate(d, j) && surname_alone(d, j, headline, ix)) ||
               (n1 != j && ampersand_joined(d, j)))) || initial) &&
            (j == i || !letter_compound(d, j)) &&
            (!(t->lex & LX_TITLE) || j < listed_end) && (any_name || !role_before_given(d, j)) &&
            !(j > i && headline_stop(d, j, headline))) {
            if (n0 == UINT32_MAX || (n1 != j && !abbrev_period(d, j - 1) &&
                                     !(d->tok[j - 1].lex & LX_PARTICLE) &&
                                     !ampersand(d, j - 1)))
                n0 = j;
            n1 = j + 1;
            any_name = 1;
            j++;
            continue;
        }
        /* the tests below by the stop token's type, asked once: each of
         * them asked it in turn (a word, a period, a possessive, an
         * ampersand), and it is whether the name goes on */
        if (t->type == TK_WORD) {
            /* "Democratic presidential nominee Hillary Clinton": describing
             * words between a name and a title; the title decides below */
            if (any_name && n1 == j &&
                /* a title must follow within two words, and it has a title's
                 * or a role's flag: asked first, as few words after a name
                 * have one, where whether the word describes was a coin toss
                 * (the clamped indices read a word of the text again) */
                ((d->tok[j + 1 < d->ntok ? j + 1 : j].lex |
                  d->tok[j + 2 < d->ntok ? j + 2 : j].lex) & (LX_TITLE | LX_ROLE)) &&
                describing(d, j)) {
                uint32_t k = j;
                while (k < j + 2 && k < d->ntok && describing(d, k))
                    k++;
                if (k < d->ntok && title_word(&d->tok[k]) && !(d->tok[k].flags & TF_CAP)) {
                    j = k;
                    continue;
                }
            }
            if (title_word(t) && (t->flags & TF_CAP || j > i || 1)) {
                /* a title is part of the mention only when a name follows */
                uint32_t k = j + 1;
                while (k < d->ntok && (title_word(&d->tok[k]) ||
                       abbrev_period(d, k) || ws_tok_is(d, k, "of")))
                    k++;
                /* "Secretary of State John Kerry", "Chief of Staff Katie
                 * Walsh": the office the title is of, before a given name */
                if (k > j + 1 && ws_tok_is(d, k - 1, "of") && k + 1 < d->ntok &&
                    name_word(&d->tok[k]) && !(d->tok[k].lex & LX_FIRSTNAME) &&
                    name_word(&d->tok[k + 1]) && (d->tok[k + 1].lex & LX_FIRSTNAME))
                    k++;
                if (k < d->ntok && (name_word(&d->tok[k]) || month_as_name(d, k)) &&
                    !(d->tok[k].lex & LX_TITLE)) {
                    uint32_t m;
                    for (m = j; m < k; m++) {
                        if (d->tok[m].lex & LX_MALE) gender = G_MALE;
                        if (d->tok[m].lex & LX_FEMALE) gender = G_FEMALE;
                        if (is_word(&d->tok[m]) && (d->tok[m].lex & LX_ROLE))
                            role_hash = ws_tok_hash(d, m);
                    }
                    titled = 1;
                    last_title = k - 1;
                    n0 = UINT32_MAX;
                    j = k;
                    continue;
                }
                /* "Mr. King", "Judge Judge": a name that is also a title */
                if (k - 1 > j && is_word(&d->tok[k - 1]) && (d->tok[k - 1].flags & TF_CAP)) {
                    uint32_t m;
                    for (m = j; m < k - 1; m++) {
                        if (d->tok[m].lex & LX_MALE) gender = G_MALE;
                        if (d->tok[m].lex & LX_FEMALE) gender = G_FEMALE;
                    }
                    titled = 1;
                    any_name = 1;
                    n0 = k - 1;
                    n1 = k;
                    j = k;
                    continue;
                }
                /* "the former Mexican president said", "an Arizona official":
                 * a name before a role that names nobody describes the role */
                if (any_name && n0 != UINT32_MAX && !(t->flags & TF_CAP))
                    modifier = 1;
                break;
            }
            if (any_name && (t->lex & LX_PARTICLE) &&
                j + 1 < d->ntok && name_word(&d->tok[j + 1]) && n1 == j) {
                j++;
                continue;
            }
            /* "of" inside an organisation's or title's name: Department of
             * State (the word before by its flags first: few are either) */
            if (any_name && (d->tok[j - 1].lex & (LX_ORG | LX_TITLE)) && ws_tok_is(d, j, "of") &&
                j + 1 < d->ntok && name_word(&d->tok[j + 1])) {
                j++;
                continue;
            }
        } else {
            if (any_name && abbrev_period(d, j) && j + 1 < d->ntok &&
                name_word(&d->tok[j + 1])) {
                j++;
                continue;
            }
            /* "North Korea's leader Kim": a possessor before a titled name */
            if (any_name && t->type == TK_POSS && j + 1 < d->ntok) {
                uint32_t k = j + 1, mods = 0;
                /* "Westland's harbor chief Lena Ost": three describing words
                 * at most before the title */
                while (mods < 3 && k < d->ntok && is_word(&d->tok[k]) &&
                       !title_word(&d->tok[k]) && !(d->tok[k].flags & TF_CAP) &&
                       !(d->tok[k].lex & (LX_FUNCTION | LX_CUE | LX_PREP | LX_AUX))) {
                    k++;
                    mods++;
                }
                if (k >= d->ntok || !title_word(&d->tok[k]))
                    break;
                {
                    uint32_t title = k;
                    while (k < d->ntok && title_word(&d->tok[k]))
                        k++;
                    if (k < d->ntok && name_word(&d->tok[k])) {
                        n0 = UINT32_MAX;
                        j = title;   /* the title branch reads on from here */
                        continue;
                    }
                }
            }
            /* "AT&T", "Procter & Gamble": an ampersand joins the words of a
             * firm's name */
            if (any_name && n1 == j && ampersand(d, j) && j + 1 < d->ntok &&
                name_word(&d->tok[j + 1]) && !(d->tok[j + 1].flags & TF_SENT)) {
                j++;
                continue;
            }
        }
        break;
    }
    if (!any_name || n0 == UINT32_MAX)
        return i + 1;
    /* "Former Mexican presidents Vicente Fox and ...", "Republican
     * senators": a plural role too */
    if (n1 == j && j < d->ntok && plural_role(d, j))
        modifier = 1;
    if (modifier && run_kind(d, i, n1, n0, 0) == EK_PERSON)
        return j;
    /* a name of one word or more is the text's coin toss: asked once
     * here for every test below that needs two words, where each asked it
     * again (a mispredict at each, far from the others) */
    if (n1 - n0 >= 2) {
        /* "FULL TEXT.", "LOS ANGELES --": words in capitals, a heading or
         * a dateline, name nobody; a transcript's "JOHN DICKERSON:" does */
        if (all_caps(d, n0, n1) && !titled &&
            !(j < d->ntok && d->tok[j].type == TK_PUNCT && d->tok[j].ch == ':'))
            return j;
        /* "Trump's Running Mate" after a possessive in a title-case
         * headline: capitalised common words, no name */
        if (!titled && n0 > 0 && d->tok[n0 - 1].type == TK_POSS &&
            headline[ws_tok_para(d, n0)] && common_words_only(d, n0, n1, ix))
            return j;
        /* "Interestingly Blocher": the sentence's opening word is no part
         * of the name, which is one word then */
        if (n1 - n0 == 2 && n0 == i && n0 >= listed_end && opener_not_name(d, n0, ix)) {
            i = ++n0;
        } else {
            if (!gender && (d->tok[n0].lex & LX_FIRSTNAME))
                gender = given_gender(&d->tok[n0]);
            /* somebody, not some place, by a given name, or unless a
             * possessive follows or a preposition comes before (the rest
             * of the test below) */
            strong = (d->tok[n0].lex & LX_FIRSTNAME) ||
                     (!(j < d->ntok && d->tok[j].type == TK_POSS) &&
                      !(i > 0 && is_word(&d->tok[i - 1]) &&
                        (d->tok[i - 1].lex & (LX_PREP | LX_FUNCTION))));
        }
    }
    {
        int kind = run_kind(d, i, j, n0, 1);
        size_t np_ = 0;
        /* "the state news agency NorPress": a name a medium phrase
         * introduces is a medium */
        if (kind == EK_PERSON && i >= 2 && !titled) {
            uint32_t k, from = i >= 4 ? i - 4 : 0;
            /* few of the words before a name head a phrase: their flags
             * or'ed with no loop, one test for all, before each is asked
             * (i is 2 or more; below 4, token 0 is read twice) */
            uint32_t heads = d->tok[from].lex | d->tok[i - 1].lex | d->tok[i - 2].lex |
                             d->tok[i >= 3 ? i - 3 : from].lex;
            if (heads & LX_PHRASE_HEAD)
                for (k = from; k < i; k++)
                    if ((ws_lexicon_phrase(d->lx, d, k, &np_) & LX_MEDIUM) &&
                        k + np_ == i)
                        kind = EK_MEDIUM;
        }
        int e, mrc;
        e = link_name(d, ix, kind, n0, n1 - n0, gender);
        if (e < 0) {
            *rc = WS_ENOMEM;
            return j;
        }
        /* somebody, not some place: a title, a given name, or an
         * organisation; a speaker becomes strong in attribute.c.  An or
         * with no branch: which of them holds is a coin toss */
        d->ent[e].strong |= (uint8_t)((unsigned)titled | (unsigned)(kind != EK_PERSON) |
                                      (unsigned)strong);
        /* a given name's gender is in gender already (above); kept, not
         * replaced, where the entity has one: a select, no branch, since
         * whether either is known is a coin toss */
        d->ent[e].gender = (uint8_t)(d->ent[e].gender ? d->ent[e].gender : gender);
        if (role_hash)
            add_role(&d->ent[e], role_hash);
        if (n1 - n0 > d->ent[e].name_ntok && kind == d->ent[e].kind) {
            d->ent[e].name_tok = n0;
            d->ent[e].name_ntok = n1 - n0;
            d->ent[e].article = 0;
            d->ent[e].first_hash = ws_tok_hash(d, n0);
            d->ent[e].last_hash = ws_tok_hash(d, n1 - 1);
            if (index_entity(ix, d, e, norm_hash(d, n0, n1 - n0))) {
                *rc = WS_ENOMEM;
                return j;
            }
        }
        (void)last_title;
        /* an organisation keeps its article: "the Kremlin" */
        if (kind == EK_ORG && n0 > 0 && ws_tok_is(d, n0 - 1, "the") &&
            d->ent[e].name_tok == n0)
            d->ent[e].article = 1;
        mrc = add_mention(d, i, j, n0, n1, e);
        if (!mrc && n1 - n0 == 1)
            index_alone(ix, d, (uint32_t)(d->nmen - 1), e);
        if (mrc)
            *rc = mrc;
        /* a role before the name: "the plant's director, Hiroshi Sato" */
        if (i >= 2 && d->tok[i - 1].ch == ',' && d->tok[i - 1].type == TK_PUNCT &&
            is_word(&d->tok[i - 2]) && (d->tok[i - 2].lex & LX_ROLE) &&
            !(d->tok[i - 2].lex & LX_PLURAL)) {
            const ws_token *r = &d->tok[i - 2];
            add_role(&d->ent[e], ws_tok_hash(d, i - 2));
            if (!d->ent[e].gender && (r->lex & (LX_MALE | LX_FEMALE)))
                d->ent[e].gender = (r->lex & LX_MALE) ? G_MALE : G_FEMALE;
            /* "Trump's wife, Melania,", "Her father, Brad, 39,": a name a
             * role introduces is somebody */
            if (kind == EK_PERSON && j < d->ntok && d->tok[j].type == TK_PUNCT &&
                d->tok[j].ch == ',')
                d->ent[e].strong = 1;
        }
        /* an apposition names a role: "Ana Ruiz, a spokeswoman for".  The
         * comma and the next word's flag as one test (each of the three is
         * LX_DETERMINER in the built-in lexicon, which every lexicon
         * holds): a comma after a name is a coin toss, one before a
         * determiner rare */
        if (j + 2 < d->ntok &&
            ((d->tok[j].ch == ',') & ((d->tok[j + 1].lex & LX_DETERMINER) != 0)) &&
            (ws_tok_is(d, j + 1, "a") || ws_tok_is(d, j + 1, "an") ||
             ws_tok_is(d, j + 1, "the"))) {
            uint32_t k;
            for (k = j + 2; k < j + 6 && k < d->ntok && is_word(&d->tok[k]); k++)
                if (d->tok[k].lex & LX_ROLE) {
                    add_role(&d->ent[e], ws_tok_hash(d, k));
                    if (!d->ent[e].gender && (d->tok[k].lex & (LX_MALE | LX_FEMALE)))
                        d->ent[e].gender = (d->tok[k].lex & LX_MALE) ? G_MALE : G_FEMALE;
                    break;
                }
        }
    }
    return j;
}

/* Whether mention m is joined to another name by "and" or "or": "Clinton
 * and Sanders", "Cruz or Rubio". */
/* Whether token k (< ntok) is "and" or "or": both are LX_CLAUSE_JOIN in
 * the built-in lexicon, which every lexicon holds, so a word without the
 * flag is compared with neither (conjunct asks at every mention). */
static int and_or(const ws_doc *d, uint32_t k)
{
    return (d->tok[k].lex & LX_CLAUSE_JOIN) &&
           (ws_tok_is(d, k, "and") || ws_tok_is(d, k, "or"));
}

static int conjunct(const ws_doc *d, const ws_mention *m)
{
    uint32_t e = m->tok_end, s = m->tok_start;
    if (e + 1 < d->ntok && and_or(d, e) && ws_mention_at(d, e + 1) >= 0)
        return 1;
    return s >= 2 && and_or(d, s - 1) && ws_mention_at(d, s - 2) >= 0;
}

/* The people named in full (two words or more, not merged into another),
 * by the hash of their last word: open addressing, -1 in an empty slot.
 * shared_surname asks it once a mention; a walk over every entity for each
 * was quadratic in a document's people, and its tests of kind, alias and
 * length were coin tosses for the branch predictor. */
typedef struct surname_table {
    int *slot;
    size_t mask;
} surname_table;

static unsigned surname_person(const ws_entity *en)
{
    return (unsigned)(en->alias < 0) & (unsigned)(en->kind == EK_PERSON) &
           (unsigned)(en->name_ntok >= 2);
}

/* Slots for n entities: a power of two, twice n at least. */
static size_t surname_slots(size_t n)
{
    size_t k = 16;
    while (k < 2 * n)
        k *= 2;
    return k;
}

static void surname_fill(surname_table *st, const ws_doc *d)
{
    size_t e, j;
    for (j = 0; j <= st->mask; j++)
        st->slot[j] = -1;
    /* every entity finds its empty slot, and only a person named in full
     * fills it, by a mask: whether one is was a coin toss at each */
    for (e = 0; e < d->nent; e++) {
        for (j = d->ent[e].last_hash & st->mask; st->slot[j] >= 0; j = (j + 1) & st->mask)
            ;
        st->slot[j] = (int)(((unsigned)e + 1) & -surname_person(&d->ent[e])) - 1;
    }
}

/* Whether mention m is a surname alone that two people named in full
 * share (Keith Lamont Scott and Rakeyia Scott): whose it is is a guess,
 * so its pronouns tell neither's gender. */
static int shared_surname(const ws_doc *d, const surname_table *st, const ws_mention *m)
{
    uint32_t h;
    size_t j;
    int n = 0;
    if (m->name_end - m->name_tok != 1)
        return 0;
    h = ws_tok_hash(d, m->name_tok);
    for (j = h & st->mask; st->slot[j] >= 0; j = (j + 1) & st->mask) {
        const ws_entity *en = &d->ent[st->slot[j]];
        if (en->last_hash == h && same_word(d, m->name_tok, en->name_tok + en->name_ntok - 1) &&
            ++n >= 2)
            return 1;
    }
    return 0;
}

/* Gender from the pronouns that follow a person's name in its sentence
 * before anyone else is named: "Sanders said he would", "Khan and his".
 * The mentions name their roots already (ws_mentions). */
static void infer_gender(ws_doc *d)
{
    size_t m, r, nread;
    int *votes, *read, surnames_filled = 0;
    size_t n = d->nent, nslots = surname_slots(n), nmen = d->nmen;
    surname_table st;
    if (!n)
        return;
    /* the votes, the surname table and the mentions read in one block */
    if (nslots > ((size_t)-1) / sizeof *votes - n ||
        nmen > ((size_t)-1) / sizeof *votes - n - nslots)
        return;
    votes = ws_alloc(d->mem, (n + nslots + nmen) * sizeof *votes);
    if (!votes)
        return;     /* the genders stay unknown; nothing else depends on it */
    memset(votes, 0, n * sizeof *votes);
    st.slot = votes + n;
    st.mask = nslots - 1;
    read = st.slot + nslots;
    /* the votes decide only a gender still unknown: a person whose title
     * or given name told it is not read for pronouns, nor a mention in a
     * quote.  Which mentions are read is listed first, with no branch a
     * mention (whether one is read is the coin toss), and the genders
     * stay as they are until every vote is in */
    for (m = nread = 0; m < nmen; m++) {
        const ws_mention *mm = &d->men[m];
        const ws_entity *en = &d->ent[mm->entity];
        read[nread] = (int)m;
        nread += (en->kind == EK_PERSON) & (en->gender == G_UNKNOWN) &
                 !(d->tok[mm->tok_start].flags & TF_QUOTED);
    }
    for (r = 0; r < nread; r++) {
        const ws_mention *mm = &d->men[m = (size_t)read[r]];
        uint32_t k, end = mm->tok_end + 12, sent;
        int e = mm->entity, vote;
        if (m + 1 < d->nmen && d->men[m + 1].tok_start < end)
            end = d->men[m + 1].tok_start;
        /* and no further than the mention's sentence (sent_first holds
         * nsent + 1 entries, the last ntok): one test a token, where the
         * sentence's end was a second way out of the loop */
        sent = d->tok[mm->tok_start].sent;
        if (end > d->sent_first[sent + 1])
            end = d->sent_first[sent + 1];
        vote = 0;
        for (k = mm->tok_end; k < end; k++) {
            const ws_token *t = &d->tok[k];
            /* most words are no role, title or pronoun: passed by their
             * flags before their type is asked */
            if (!(t->lex & (LX_ROLE | LX_TITLE | LX_PRONOUN)) || t->type != TK_WORD ||
                (t->flags & TF_QUOTED))
                continue;
            if (t->lex & (LX_ROLE | LX_TITLE))
                break;  /* "Khan met the senator, who said she": somebody
                           else, named by a role, comes between */
            if (!(t->lex & LX_PRONOUN))
                continue;
            /* not an object ("Sanders endorsed her challenger", "Trump
             * thanked him"): that is somebody else */
            if (ws_tok_is(d, k, "her") || ws_tok_is(d, k, "him"))
                continue;
            if (t->lex & LX_MALE) { vote = 1; break; }
            if (t->lex & LX_FEMALE) { vote = -1; break; }
        }
        /* "Supporters of Hillary Clinton and Bernie Sanders ... her
         * status": a pronoun after two people joined is either's.  Asked
         * once a pronoun votes: most mentions have none */
        if (vote && !conjunct(d, mm)) {
            /* the surname table made when a one-word name's vote first
             * asks it, not for every text (few have such a vote); nothing
             * it is made of changes in this loop */
            if (!surnames_filled && mm->name_end - mm->name_tok == 1) {
                surname_fill(&st, d);
                surnames_filled = 1;
            }
            if (!shared_surname(d, &st, mm))
                votes[e] += vote;
        }
    }
    /* as a sum, no branch (G_MALE 1, G_FEMALE 2): whether an entity has
     * a gender, and whether it got votes, are coin tosses */
    for (m = 0; m < n; m++) {
        unsigned had = d->ent[m].gender;
        unsigned got = (unsigned)(votes[m] > 0) | (unsigned)(votes[m] < 0) << 1;
        d->ent[m].gender = (uint8_t)(had | (got & -(unsigned)(had == 0)));
    }
    ws_release(d->mem, votes, (n + nslots + nmen) * sizeof *votes);
}

static int verb_follows(const ws_doc *d, const ws_mention *m);

/* Whether mention b follows mention a in a list: "A, B," "A, B and", "A
 * and B", "A, and B"; not "In El Paso, Mendoza saw". */
static int list_next(const ws_doc *d, const ws_mention *a, const ws_mention *b)
{
    uint32_t k = a->tok_end, e = b->tok_end;
    int joined = 0;
    if (k < d->ntok && d->tok[k].type == TK_PUNCT && d->tok[k].ch == ',')
        k++;
    if (k < d->ntok && (ws_tok_is(d, k, "and") || ws_tok_is(d, k, "or"))) {
        k++;
        joined = 1;
    }
    if (k != b->tok_start || k == a->tok_end)
        return 0;
    return joined || (e < d->ntok && ((d->tok[e].type == TK_PUNCT && d->tok[e].ch == ',') ||
                                      ws_tok_is(d, e, "and") || ws_tok_is(d, e, "or")));
}

/* Marks the person entities that are places: named after "in", "at",
 * "across" or "throughout" (a describing word may come between: "in
 * downtown San Francisco"), never with a title or a given name, and never
 * followed by a verb. */
static void find_places(ws_doc *d)
{
    size_t m;
    for (m = 0; m < d->nmen; m++) {
        const ws_mention *mm = &d->men[m];
        ws_entity *e = &d->ent[mm->entity];
        uint32_t p = mm->tok_start;
        /* somebody already: nothing below makes a place of it again (one
         * test of the two, each a coin toss at a mention) */
        if ((e->kind != EK_PERSON) | (e->place < 0))
            continue;
        /* "in California, New Jersey and South Dakota": the places of a
         * list go on */
        int verb = -1;  /* verb_follows(d, mm) once asked, which the
                           tests below would ask again */
        if (m > 0 && d->ent[d->men[m - 1].entity].place == 1 && e->place >= 0 &&
            mm->name_tok == mm->tok_start && !(d->tok[mm->name_tok].lex & LX_FIRSTNAME) &&
            !(verb = verb_follows(d, mm)) && list_next(d, &d->men[m - 1], mm)) {
            e->place = 1;
            continue;
        }
        /* the title and the given name before the verb: no call */
        if (mm->name_tok > mm->tok_start || (d->tok[mm->name_tok].lex & LX_FIRSTNAME) ||
            (verb >= 0 ? verb : verb_follows(d, mm))) {
            e->place = -1;      /* somebody: never a place */
            continue;
        }
        if (e->place < 0 || p == 0)
            continue;
        /* "downtown", "northern": a step back by a sum, no branch (p is
         * 1 or more), whether a lower-case word stands before a name
         * being a coin toss */
        p -= (uint32_t)is_word(&d->tok[p - 1]) & (uint32_t)!(d->tok[p - 1].flags & TF_CAP) &
             (uint32_t)!(d->tok[p - 1].lex & (LX_PREP | LX_FUNCTION)) & (uint32_t)(p >= 2);
        {
            /* the four words' lengths (2, 6, 10) and first letters (a, i,
             * t: ch in either case, as ws_tok_is reads it) in one test,
             * before any is compared: whether the word is "in" was a coin
             * toss at each of ws_tok_is' first tests */
            const ws_token *w = &d->tok[p - 1];
            uint32_t l = w->end - w->start - 2, c = (w->ch | 32u) - 'a';
            if ((l <= 8) & ((l & 3) == 0) & ((0x80101u >> (c & 31)) & 1) &&
                (ws_tok_is(d, p - 1, "in") || ws_tok_is(d, p - 1, "at") ||
                 ws_tok_is(d, p - 1, "across") || ws_tok_is(d, p - 1, "throughout")))
                e->place = 1;
        }
    }
}

/* A sentence's first word ending in -ing before a determiner or a
 * preposition is a participle, not a name: "Regarding the speech, ...",
 * "Speaking to reporters, ..."; but "Manning said". */
static int opening_participle(const ws_doc *d, uint32_t k)
{
    const ws_token *t = &d->tok[k];
    size_t n = t->end - t->start;
    /* its last byte before the sentence flag (a token is never empty):
     * few listed words end in a "g", where whether one opens a sentence is
     * a coin toss */
    return is_word(t) && d->text[t->end - 1] == 'g' && (t->flags & TF_SENT) && n > 4 &&
           memcmp(d->text + t->end - 3, "ing", 3) == 0 && k + 1 < d->ntok &&
           is_word(&d->tok[k + 1]) && !(d->tok[k + 1].flags & TF_CAP) &&
           (d->tok[k + 1].lex & (LX_FUNCTION | LX_PREP));
}

/* Whether token t is a word of four bytes or more in lower case (one the
 * headline test counts against its capitals), as 0 or 1 with no branch. */
static WS_HOT_INLINE uint32_t lower_long_word(const ws_token *t)
{
    return (uint32_t)(t->type == TK_WORD) & (uint32_t)(t->end - t->start >= 4) &
           (uint32_t)!(t->flags & TF_CAP);
}

/*
 * Marks the paragraphs written in title case, as headlines are: of their
 * words of four bytes or more, three at least and seven in ten
 * capitalised.  The capitalised ones are counted on the scanner's list of
 * names (every capitalised word is on it, in text order); only a
 * paragraph with three or more is walked, and only until it has more
 * words in lower case than 3/7 of its capitals allow, which in prose is a
 * few words in; & not &&, since which words count is a coin toss for the
 * branch predictor.  The scanner counted every word until the fourteenth
 * round (bench/NOTES.md): two counters more in its word loop cost it
 * 6.5 M instructions over PolNeAR, where this costs 4.9 M.
 */
static uint8_t *find_headlines(ws_doc *d)
{
    size_t np = d->npara ? d->npara : 1, c;
    uint8_t *h = ws_alloc(d->mem, np);
    uint32_t *caps = ws_alloc(d->mem, np * sizeof *caps), p, k;
    if (!h || !caps) {
        ws_release(d->mem, h, np);
        ws_release(d->mem, caps, np * sizeof *caps);
        return NULL;
    }
    memset(caps, 0, np * sizeof *caps);
    for (c = 0; c < d->names.n; c++) {
        const ws_token *t = &d->tok[d->names.v[c]];
        caps[ws_tok_para(d, d->names.v[c])] += (uint32_t)((t->flags & TF_CAP) != 0) &
                                               (uint32_t)(t->end - t->start >= 4);
    }
    for (p = 0; p < d->npara; p++) {
        uint32_t lower = 0, most = caps[p] * 3 / 7, end = d->para_first[p + 1];
        h[p] = 0;
        if (caps[p] < 3)
            continue;
        /* eight tokens at a time, into a count that only grows (so the
         * answer is the same past the word that decided it): a paragraph
         * of prose is decided within a block or two, where the walk's end
         * was a mispredict at nearly every paragraph */
        for (k = d->para_first[p]; k + 8 <= end && lower <= most; k += 8) {
            const ws_token *t = &d->tok[k];
            lower += lower_long_word(t) + lower_long_word(t + 1) + lower_long_word(t + 2) +
                     lower_long_word(t + 3) + lower_long_word(t + 4) + lower_long_word(t + 5) +
                     lower_long_word(t + 6) + lower_long_word(t + 7);
        }
        for (; k < end && lower <= most; k++)
            lower += lower_long_word(&d->tok[k]);
        h[p] = lower <= most;
    }
    ws_release(d->mem, caps, np * sizeof *caps);
    return h;
}

int ws_mentions(ws_doc *d)
{
    size_t c, men, ent;
    uint8_t *headline;
    name_index ix;
    int rc;
    d->cmen_block = (d->ntok >> WS_MENTION_SHIFT) + 1;
    d->men_block = ws_alloc(d->mem, d->cmen_block * sizeof *d->men_block);
    if (!d->men_block)
        return WS_ENOMEM;
    d->mentions_read = 1;
    headline = d->headline = find_headlines(d);
    if (!headline)
        return WS_ENOMEM;
    if (index_init(&ix, d->mem, d->ntok / 16))
        return WS_ENOMEM;
    /* about what news needs (more grows, at the rate so far), and no more
     * than the listed words make: one mention at most each, one entity
     * at most a mention, three nodes an entity.  PolNeAR's documents make
     * a mention for 56 bytes or more in nine in ten: reserved at one for
     * 48 bytes and sixteen more, a 1 KB text held two in five of its
     * mentions unused through its peak */
    men = d->len / 56 + 4 < d->names.n ? d->len / 56 + 4 : d->names.n + 1;
    ent = d->len / 256 + 16 < men ? d->len / 256 + 16 : men;
    if (ws_reserve(d->mem, (void **)&d->men, &d->cmen, men, sizeof *d->men) ||
        ws_reserve(d->mem, (void **)&d->ent, &d->cent, ent, sizeof *d->ent) ||
        ws_reserve(ix.mem, (void **)&ix.nodes, &ix.cnodes, 3 * ent, sizeof *ix.nodes) ||
        ws_reserve(d->mem, (void **)&d->names.v, &d->names.cap, d->names.n + 1,
                   sizeof *d->names.v)) {
        index_free(&ix);
        return WS_ENOMEM;
    }
    /* an entry past the list's end that no mention reaches, so that the
     * skip past a mention's own listed words (below) needs no bound test */
    d->names.v[d->names.n] = UINT32_MAX;
    /* the words the scanner listed, from the end of the last mention on */
    for (c = 0; c < d->names.n; c++) {
        uint32_t k = d->names.v[c];
        const ws_token *t = &d->tok[k];
        int named;
        rc = WS_OK;
        if (opening_participle(d, k) || letter_compound(d, k))
            continue;
        named = name_word(t);
        if (named || month_as_name(d, k) || (title_word(t) && k + 1 < d->ntok) ||
            (surname_gate(d, k) && surname_alone(d, k, headline, &ix)) ||
            ((t->lex & (LX_FUNCTION | LX_PREP)) && ampersand_joined(d, k))) {
            uint32_t next = read_mention(d, k, named, &rc, headline, &ix);
            if (rc) {
                index_free(&ix);
                return rc;
            }
            /* the listed words inside the mention skipped here, once a
             * mention, where every listed word asked whether the last
             * mention reached it (the list is in text order, and past k: a
             * next at or before k skips none) */
            while (d->names.v[c + 1] < next)
                c++;
        }
    }
    /* names first: "Clinton" is the Hillary Clinton named before it,
     * whatever pronouns stand near it.  The listed words are done with,
     * and hold an index an entity: each entity was made at one of them */
    ws_index_mentions(d);
    merge_short_names(d, &ix, d->names.v);
    ws_toklist_release(d->mem, &d->names);
    /* the index is done with: freed before infer_gender's table is made */
    index_free(&ix);
    {
        /* each mention's root in one step, with no branch: only a
         * one-word person is made an alias (merge_short_names), and only
         * of a longer name, which is none (ws_entity_root's walk asked at
         * each mention whether its entity was merged, a coin toss) */
        size_t m;
        for (m = 0; m < d->nmen; m++) {
            int e = d->men[m].entity, a = d->ent[e].alias;
            int merged = -(int)((unsigned)~a >> 31);   /* -1 for an alias */
            d->men[m].entity = (e & ~merged) | (a & merged);
        }
    }
    infer_gender(d);
    find_places(d);
    ws_shrink(d->mem, (void **)&d->men, &d->cmen, d->nmen, sizeof *d->men);
    (void)is_group_word;
    return WS_OK;
}

int ws_entity_group(ws_doc *d, const int *members, int n)
{
    ws_entity *e;
    int k;
    if (n < 2)
        return -1;
    /* a sixteenth more when full (the text is read), not twice as many */
    if (d->nent + 1 > d->cent &&
        ws_grow_part(d->mem, (void **)&d->ent, &d->cent, d->nent + 1, sizeof *e, 1, 1))
        return -1;
    e = &d->ent[d->nent];
    memset(e, 0, sizeof *e);
    e->kind = EK_GROUP;
    e->alias = -1;
    e->strong = 1;
    for (k = 0; k < n && k < 4; k++)
        e->u.members[k] = members[k];
    e->nmembers = k;
    return (int)d->nent++;
}

/* Whether a possessor starts at token k: a name with its "'s" ("Clinton's
 * campaign manager"). */
static int possessor_at(const ws_doc *d, uint32_t k)
{
    long m = ws_mention_at(d, k);
    return m >= 0 && d->men[m].tok_start == k && d->men[m].possessive;
}

static int finite_aux(const ws_doc *d, uint32_t k);

/* Whether a verb follows mention m ("Canova said", "Khan has"), which
 * makes a lone capitalised word a person rather than a place. */
static int verb_follows(const ws_doc *d, const ws_mention *m)
{
    uint32_t k = m->tok_end;
    const ws_token *t;
    /* "Christie, who has campaigned for Trump, blasted": a relative
     * clause says the name is somebody */
    if (k + 1 < d->ntok && d->tok[k].ch == ',' && ws_tok_is(d, k + 1, "who"))
        return 1;
    /* "Akhil Johri, the chief financial officer, noted", "Robby Mook,
     * Clinton's campaign manager, was asked": past an apposition; one
     * whose closing comma the writer left out ends at its role before a
     * verb ("Robby Mook, Clinton's campaign manager was asked") */
    if (k + 2 < d->ntok && d->tok[k].ch == ',' && d->tok[k].type == TK_PUNCT &&
        (ws_tok_is(d, k + 1, "the") || ws_tok_is(d, k + 1, "a") || ws_tok_is(d, k + 1, "an") ||
         ws_tok_is(d, k + 1, "his") || ws_tok_is(d, k + 1, "her") ||
         possessor_at(d, k + 1))) {
        uint32_t j;
        for (j = k + 2; j < d->ntok && j < k + 14 && !ws_tok_mark(&d->tok[j]); j++) {
            const ws_token *r = &d->tok[j];
            if (r->type == TK_PUNCT) {
                if (r->ch == ',')
                    k = j + 1;
                break;
            }
            if (r->type == TK_WORD && (r->lex & (LX_ROLE | LX_PLURAL)) == LX_ROLE &&
                !(r->flags & TF_CAP) && j + 1 < d->ntok && finite_aux(d, j + 1)) {
                k = j + 1;
                break;
            }
        }
    }
    /* the flag before the type: after a name, whether a word or a mark
     * comes was the coin toss */
    if (k < d->ntok && (d->tok[k].lex & LX_AUX) && d->tok[k].type == TK_WORD &&
        !(d->tok[k].lex & LX_PREP))
        k++;
    if (k >= d->ntok)
        return 0;
    t = &d->tok[k];
    /* a verb's flags or its last byte (a token is never empty) before the
     * token's type: after a name, whether a word comes was the coin toss,
     * and a mark's flags are 0 */
    if (!(t->lex & (LX_CUE | LX_AUX | LX_PAST)) && d->text[t->end - 1] != 'd')
        return 0;
    if (t->type != TK_WORD || (t->flags & TF_CAP))
        return 0;
    if (t->lex & (LX_CUE | LX_AUX | LX_PAST))
        return 1;
    return t->end - t->start > 3 && d->text[t->end - 2] == 'e';
}

/* Whether token k is a finite auxiliary: "is", "has", "will". */
static int finite_aux(const ws_doc *d, uint32_t k)
{
    static const char *const finite[] = {"is", "was", "are", "were", "has",
        "have", "had", "will", "would", "can", "could", "did", "does", "may",
        "might", "must", "should", NULL};
    const char *const *w;
    /* each of them is an LX_AUX word of the built-in lexicon, which every
     * lexicon holds (user words only add flags): a token without the flag
     * is none of them, and most tokens asked here are not, so the walk of
     * seventeen compares is left for the few that are */
    if (k >= d->ntok || d->tok[k].type != TK_WORD || !(d->tok[k].lex & LX_AUX))
        return 0;
    for (w = finite; *w; w++)
        if (ws_tok_is(d, k, *w))
            return 1;
    return 0;
}

/* Whether a finite auxiliary follows mention m: "Olivieri has spent",
 * "Ham was". */
static int aux_follows(const ws_doc *d, const ws_mention *m)
{
    return m->tok_end < d->ntok && finite_aux(d, m->tok_end);
}

/* Whether token k reads as a verb: a cue, a finite auxiliary, a past in
 * -ed. */
static int verb_at(const ws_doc *d, uint32_t k)
{
    const ws_token *t = &d->tok[k];
    if (!is_word(t) || (t->flags & TF_CAP) || (t->lex & LX_PRONOUN))
        return 0;
    if ((t->lex & (LX_CUE | LX_PAST)) || finite_aux(d, k))
        return 1;
    return t->end - t->start > 3 && d->text[t->end - 2] == 'e' && d->text[t->end - 1] == 'd';
}

/* Whether mention m stands where a subject stands: not after a
 * preposition, not a possessor. */
static int subject_like(const ws_doc *d, const ws_mention *m)
{
    if (m->possessive)
        return 0;
    /* what ends the sentence before ("... Believe In\n\nJohn Kasich
     * said") is no preposition of this one */
    if (m->tok_start > 0 && d->tok[m->tok_start - 1].sent == d->tok[m->tok_start].sent) {
        const ws_token *p = &d->tok[m->tok_start - 1];
        /* "As for Trump, he said": the topic, whom the sentence is about */
        if (m->tok_start >= 2 && ws_tok_is(d, m->tok_start - 1, "for") &&
            ws_tok_is(d, m->tok_start - 2, "as") && (d->tok[m->tok_start - 2].flags & TF_SENT))
            return 1;
        if (is_word(p) && (p->lex & LX_PREP))
            return 0;
        /* "the Trump release": a name that describes what follows */
        if (m->name_tok == m->tok_start &&
            (ws_tok_is(d, m->tok_start - 1, "the") || ws_tok_is(d, m->tok_start - 1, "a") ||
             ws_tok_is(d, m->tok_start - 1, "an")) &&
            m->tok_end < d->ntok && is_word(&d->tok[m->tok_end]) &&
            !(d->tok[m->tok_end].flags & TF_CAP) && !(d->tok[m->tok_end].lex & (LX_AUX | LX_CUE)))
            return 0;
    }
    return 1;
}

static int gender_fits(int have, int want)
{
    return !want || !have || have == want;
}

/* Whether e was introduced with the role word whose hash is role_hash,
 * never 0: its four slots compared at once, with no branch, where a walk
 * of its nroles mispredicted at its end.  A slot past nroles is 0 (an
 * entity starts zeroed, add_role and speakers.c's merge fill them in
 * order); a group's slots are its members, which the callers' kind test
 * sends away. */
static int has_role(const ws_entity *e, uint32_t role_hash)
{
    const uint32_t *r = e->u.roles;
    return (r[0] == role_hash) | (r[1] == role_hash) | (r[2] == role_hash) |
           (r[3] == role_hash);
}

/* A subject pronoun of the wanted gender at token k, outside quotes. */
static int pronoun_at(const ws_doc *d, uint32_t k, int want)
{
    const ws_token *t = &d->tok[k];
    /* the flag first: few tokens are pronouns, where whether one is a
     * word was the coin toss (every token's lex is set, 0 but a word's
     * or a number's) */
    if (!(t->lex & LX_PRONOUN) || t->type != TK_WORD || (t->flags & TF_QUOTED))
        return 0;
    if (want == G_MALE)
        return ws_tok_is(d, k, "he");
    if (want == G_FEMALE)
        return ws_tok_is(d, k, "she");
    return 0;
}

static int resolve(ws_doc *d, uint32_t i, int want, uint32_t role_hash,
                   int depth, int exclude);

/* Whether mention m, outside quotes, can be a "he" or "she" of gender
 * want. */
static int en_fits(const ws_doc *d, const ws_mention *m, int want)
{
    const ws_entity *en = &d->ent[m->entity];
    return !(d->tok[m->tok_start].flags & TF_QUOTED) && en->kind == EK_PERSON && en->place != 1 &&
           gender_fits(en->gender, want);
}

/* Whether a quote mark stands in tokens [from, to). */
static int quote_between(const ws_doc *d, uint32_t from, uint32_t to)
{
    uint32_t k;
    for (k = from; k < to; k++)
        if (ws_tok_mark(&d->tok[k]))
            return 1;
    return 0;
}

/* Whether token k, after token from, stands inside a relative clause set
 * off by commas ("Gray, who served under Mr. Bush's father, George Bush,
 * ticked"): a ", who" or ", which" before it that no ", <verb>" closed. */
static int in_relative(const ws_doc *d, uint32_t k, uint32_t from)
{
    uint32_t j;
    for (j = k; j-- > from + 1;) {
        const ws_token *t = &d->tok[j];
        if (t->type == TK_PUNCT && t->ch == ',' && j + 1 < k && verb_at(d, j + 1))
            return 0;
        if ((ws_tok_is(d, j, "who") || ws_tok_is(d, j, "which") || ws_tok_is(d, j, "whose")) &&
            d->tok[j - 1].type == TK_PUNCT && d->tok[j - 1].ch == ',')
            return 1;
    }
    return 0;
}

/* Whether a definite role phrase that acts as a subject starts at token k
 * ("The former New Mexico governor is ...", "The radio talker has"):
 * its head word goes to *head. */
static int role_subject(const ws_doc *d, uint32_t k, uint32_t to, uint32_t *head)
{
    uint32_t j = k + 1, n = 0;
    /* "the" is LX_DETERMINER in the built-in lexicon, which every lexicon
     * holds: the flag sends most tokens away, where the type's test and
     * the first letter's were coin tosses */
    if (!ws_tok_is_flagged(d, k, LX_DETERMINER, "the") || (d->tok[k].flags & TF_QUOTED) ||
        !((d->tok[k].flags & TF_SENT) ||
          (k > 0 && d->tok[k - 1].type == TK_PUNCT && d->tok[k - 1].ch == ',')))
        return 0;
    while (j < to && n < 4 && is_word(&d->tok[j]) && !(d->tok[j].lex & LX_ROLE) &&
           !(d->tok[j].lex & (LX_FUNCTION | LX_CUE | LX_AUX | LX_PREP | LX_PRONOUN))) {
        j++;
        n++;
    }
    if (j + 1 >= to || !is_word(&d->tok[j]) || (d->tok[j].flags & TF_CAP) ||
        (d->tok[j].lex & (LX_ROLE | LX_PLURAL)) != LX_ROLE || ws_mention_at(d, j) >= 0 ||
        !verb_at(d, j + 1))
        return 0;
    *head = j;
    return 1;
}

/* The person a role phrase that is a subject at token k stands for: the
 * one introduced with the role, else the nearest person named with a
 * title or in full before it, in its sentence or the one before ("Gary
 * Johnson's doctor calls him fit. The former New Mexico governor is a
 * triathlete"); -1 when none. */
static int role_person(ws_doc *d, uint32_t k, uint32_t head, int want, int depth)
{
    uint32_t s = d->tok[k].sent, from = d->sent_first[s > 0 ? s - 1 : 0];
    int g = (d->tok[head].lex & LX_MALE) ? G_MALE : (d->tok[head].lex & LX_FEMALE) ? G_FEMALE : 0;
    size_t m;
    if (!gender_fits(g, want))
        return -1;
    (void)depth;
    /* the person named with the role as a title before it, written out
     * or short ("Ohio Gov. John Kasich ... The Ohio governor said") */
    {
        uint32_t role = ws_tok_hash(d, head), lo = d->sent_first[s > 6 ? s - 6 : 0], t;
        for (m = ws_mention_from(d, k); m-- > 0 && d->men[m].tok_start >= lo;) {
            const ws_mention *mm = &d->men[m];
            if (!en_fits(d, mm, want))
                continue;
            for (t = mm->tok_start; t < mm->name_tok; t++)
                if (ws_tok_hash(d, t) == role || abbreviated_role(d, t) == role)
                    return mm->entity;
        }
    }
    /* in its own sentence, then in the one before: the first subject,
     * else the nearest person ("Gary Johnson's doctor calls him fit. The
     * former New Mexico governor is ...") */
    {
        uint32_t lo = d->sent_first[s], hi = k, pass;
        for (pass = 0; pass < 2; pass++) {
            for (m = ws_mention_from(d, lo); m < d->nmen && d->men[m].tok_start < hi; m++) {
                const ws_mention *mm = &d->men[m];
                if (en_fits(d, mm, want) && d->ent[mm->entity].strong && subject_like(d, mm) &&
                    !in_relative(d, mm->tok_start, lo))
                    return mm->entity;
            }
            for (m = ws_mention_from(d, hi); m-- > 0 && d->men[m].tok_start >= lo;) {
                const ws_mention *mm = &d->men[m];
                if (en_fits(d, mm, want) && d->ent[mm->entity].strong &&
                    !in_relative(d, mm->tok_start, lo))
                    return mm->entity;
            }
            hi = lo;
            lo = from;
        }
    }
    return -1;
}

/* What a scan of part of a sentence found. */
typedef struct scan_found {
    int best;           /* a subject, or -1 */
    int possessor;      /* a possessor in the pronoun's own sentence */
} scan_found;

/* Mention mm at token k of sentence s as scan_range's candidate for a
 * pronoun or role at token i: its entity, or -1 when it is passed over
 * (f->possessor may be set then). */
static WS_HOT_INLINE int mention_candidate(ws_doc *d, const ws_mention *mm, uint32_t k,
                                           uint32_t s, uint32_t i, int want,
                                           uint32_t role_hash, int exclude,
                                           uint32_t sent_from, scan_found *f)
{
    const ws_entity *en = &d->ent[mm->entity];
    if ((d->tok[k].flags & TF_QUOTED) || en->kind != EK_PERSON || en->place == 1 ||
        !gender_fits(en->gender, want))
        return -1;
    if (role_hash) {
        if (!has_role(en, role_hash))
            return -1;
    } else {
        int verb = verb_follows(d, mm);
        /* "she drew Trump's ire - he called her": in the pronoun's
         * own sentence a possessor is a candidate too */
        int own_possessor = s == d->tok[i].sent && mm->possessive && en->strong;
        if (!own_possessor && (!subject_like(d, mm) || (!en->strong && !verb)))
            return -1;
        if (s == d->tok[i].sent && !verb && !own_possessor &&
            !(d->tok[k].flags & TF_SENT) &&
            !(en->strong && aux_follows(d, mm) && !conjunct(d, mm)) &&
            !(k > 0 && d->tok[k - 1].ch == ',' && mm->tok_end < d->ntok &&
              d->tok[mm->tok_end].ch == ','))
            return -1;  /* "In his parents' Dominican Republic, ..."
                           but "A mediator, Paul Okafor, told" */
        if (s == d->tok[i].sent && in_relative(d, k, sent_from))
            return -1;  /* "Gray, who served under Mr. Bush's father,
                           George Bush, ticked ...: "Q," he said" */
        if (s == d->tok[i].sent && quote_between(d, sent_from, k) &&
            quote_between(d, mm->tok_end, i))
            return -1;  /* ""Q1" -- that Bloomberg is a liberal -- "Q2,"
                           he says": an aside inside the quote is not who
                           speaks it */
        if (own_possessor) {
            if (mm->entity != exclude)
                f->possessor = mm->entity;  /* a subject comes first:
                                               "Manafort acknowledged
                                               Trump's negatives, he
                                               called them" */
            return -1;
        }
    }
    return mm->entity;
}

/* Scans tokens [from, to) of sentence s for the candidate of a pronoun or
 * role at token i (see candidate_in). */
static void scan_range(ws_doc *d, uint32_t s, uint32_t i, int want,
                       uint32_t role_hash, int depth, int exclude, uint32_t from,
                       uint32_t to, uint32_t sent_from, scan_found *f)
{
    uint32_t k, head;
    size_t m = ws_mention_from(d, from);
    if (role_hash || depth >= 3) {
        /* only a mention can be the candidate here (the pronouns and
         * roles of the loop below are not asked): from one to the next,
         * asked once a call where the loop over the tokens asked it at
         * each.  A mention starting where the one before did (before k)
         * is never met by the token loop, nor any after it: none is. */
        for (k = from; m < d->nmen; m++) {
            uint32_t at = d->men[m].tok_start;
            int e;
            if (at >= to || at < k)
                break;
            e = mention_candidate(d, &d->men[m], at, s, i, want, role_hash, exclude,
                                  sent_from, f);
            k = at + 1;
            if (e < 0 || e == exclude)
                continue;
            f->best = e;
            if (s != d->tok[i].sent)
                break;      /* the first subject of an earlier sentence */
        }
        return;
    }
    for (k = from; k < to; k++) {
        int e = -1;
        if (m < d->nmen && d->men[m].tok_start == k) {
            e = mention_candidate(d, &d->men[m], k, s, i, want, 0, exclude, sent_from, f);
            m++;
        } else if (pronoun_at(d, k, want)) {
            /* "he" and "she" are subjects wherever they stand: "Then he
             * turned to Rubio" */
            e = resolve(d, k, want, 0, depth + 1, -1);
        } else if (s != d->tok[i].sent && role_subject(d, k, to, &head)) {
            /* a role that is the subject: whom it stands for */
            e = role_person(d, k, head, want, depth);
        }
        if (e < 0 || e == exclude)
            continue;
        f->best = e;
        if (s != d->tok[i].sent)
            break;          /* the first subject of an earlier sentence */
    }
}

/* Where the main clause of the sentence starting at token from begins,
 * when a clause or a phrase leads it ("Despite the attacks in Benghazi,
 * Groberg says", "Noting that both Reagan and Trump ..., Schlafly put",
 * "Asked about Clinton, Trump said"): past the first comma outside
 * quotes, before token to.  Returns from when nothing leads. */
static uint32_t main_clause(const ws_doc *d, uint32_t from, uint32_t to)
{
    /* by their lengths, two to nine: a word is compared only with the
     * openers of its own length (a sentence's first word is asked), where
     * the loop over all eighteen tested each one's length */
    static const char *const openers[8][5] = {
        {"if", "as", NULL}, {NULL}, {"when", "once", NULL},
        {"while", "until", "since", "given", NULL}, {"though", "unless", "unlike", NULL},
        {"because", "whereas", "despite", NULL}, {"although", "whenever", NULL},
        {"following", "regarding", NULL}};
    const ws_token *t = &d->tok[from];
    uint32_t k;
    size_t n;
    int opens = 0;
    if (!is_word(t) || ws_mention_at(d, from) >= 0)
        return from;
    n = t->end - t->start;
    if (t->lex & LX_PREP)
        opens = 1;
    else if (n > 4 && (memcmp(d->text + t->end - 3, "ing", 3) == 0 ||
                       memcmp(d->text + t->end - 2, "ed", 2) == 0) && !(t->lex & LX_AUX))
        opens = 1;     /* "Speaking in Ohio, ...", "Asked about it, ..." */
    else if (n - 2 < 8) {
        /* the first letter in either case, then the word (lower-case) */
        const char *const *w;
        unsigned first = (unsigned char)d->text[t->start] | 32;
        for (w = openers[n - 2]; *w && !opens; w++)
            opens = first == (unsigned char)**w && ws_same_lower(d->text + t->start, *w, n);
    }
    if (!opens)
        return from;
    /* "As for Trump, he said": the topic is whom the sentence is about */
    if (ws_tok_is(d, from, "as") && ws_tok_is(d, from + 1, "for"))
        return from;
    for (k = from + 1; k < to; k++)
        if (d->tok[k].type == TK_PUNCT && d->tok[k].ch == ',' && !(d->tok[k].flags & TF_QUOTED))
            return k + 1 < to ? k + 1 : from;
    return from;
}

/* The speaker of a sentence that reports what somebody said, named after
 * it: "Cruz electrified the crowds, Stovall said.", "..., said Larry
 * Sabato, director of ...": the mention's index, or -1. */
static int comma_before(const ws_doc *d, uint32_t k, uint32_t from)
{
    /* ", said" and ",” said": a comma, then maybe the closing mark */
    if (k > from && ws_tok_mark(&d->tok[k - 1]))
        k--;
    return k > from && d->tok[k - 1].type == TK_PUNCT && d->tok[k - 1].ch == ',';
}

static long reporter_of(const ws_doc *d, uint32_t from, uint32_t to)
{
    uint32_t k;
    for (k = from + 2; k < to; k++) {
        const ws_token *t = &d->tok[k];
        uint32_t after = k + 1;
        long m;
        /* the flag first: few tokens are cues */
        if (!(t->lex & LX_CUE) || !is_word(t) || (t->flags & (TF_QUOTED | TF_CAP)))
            continue;
        /* ", Stovall said." */
        m = ws_mention_at(d, k - 1);
        if (m >= 0 && d->men[m].tok_end == k && comma_before(d, d->men[m].tok_start, from) &&
            (after >= to || (d->tok[after].type == TK_PUNCT &&
                             (d->tok[after].ch == '.' || d->tok[after].ch == ','))))
            return m;
        /* ", said Larry Sabato." */
        if (comma_before(d, k, from) && after < to &&
            (m = ws_mention_at(d, after)) >= 0 && d->men[m].tok_start == after) {
            uint32_t e = d->men[m].tok_end;
            if (e >= to || (d->tok[e].type == TK_PUNCT && (d->tok[e].ch == '.' || d->tok[e].ch == ',')))
                return m;
        }
    }
    return -1;
}

/* The candidate of sentence s for a pronoun or role at token i: in the
 * pronoun's own sentence the nearest before it that acts as a subject, in
 * an earlier sentence the first subject.  A pronoun met on the way is
 * resolved in its turn, so "As for Trump, he said ... "Q," he said" chains
 * back to Trump. */
static int candidate_in(ws_doc *d, uint32_t s, uint32_t i, int want,
                        uint32_t role_hash, int depth, int exclude)
{
    uint32_t from = d->sent_first[s], to = d->sent_first[s + 1], sent_from, all_to;
    scan_found f = {-1, -1};
    size_t m;
    if (to > i)
        to = i;
    /* a bounded look: the end of the pronoun's own sentence, the start of
     * an earlier one, so that a sentence of any length costs the same */
    if (s == d->tok[i].sent && to > from + 80)
        from = to - 80;
    else if (s != d->tok[i].sent && to > from + 60)
        to = from + 60;
    sent_from = from;
    all_to = to;
    if (s != d->tok[i].sent && !role_hash) {
        /* "Cruz electrified the crowds, Stovall said. "He was very
         * articulate," he said.": who reports the sentence is whom the
         * next one goes on with */
        long r = reporter_of(d, from, d->sent_first[s + 1] < i ? d->sent_first[s + 1] : i);
        if (r >= 0 && en_fits(d, &d->men[r], want) && subject_like(d, &d->men[r]) &&
            d->men[r].entity != exclude)
            return d->men[r].entity;
    }
    if (s != d->tok[i].sent) {
        /* an earlier sentence's main clause first, then what leads it */
        uint32_t main = main_clause(d, from, to), next;
        /* "On Tuesday, even as shares fell, Ackman wrote" */
        while ((next = main_clause(d, main, to)) > main)
            main = next;
        if (main > from) {
            /* its subject stands at its start, before its verb: "...,
             * Groberg says", "..., the network's anchor Ilia Calderon
             * reacted"; not "When Trump held rallies he was met by
             * protesters, some of whom carried Mexican flags" */
            uint32_t end = main;
            while (end < to && end < main + 8 && !verb_at(d, end))
                end++;
            scan_range(d, s, i, want, role_hash, depth, exclude, main, end, sent_from, &f);
        }
    }
    if (f.best < 0)
        scan_range(d, s, i, want, role_hash, depth, exclude, from, to, sent_from, &f);
    if (f.best < 0)
        f.best = f.possessor;
    if (f.best >= 0 || role_hash || s + 1 != d->tok[i].sent)
        return f.best;
    /* "Just look at House Speaker Paul Ryan. "Q," he said": with no
     * subject, the sentence just before names whom it is about */
    for (m = ws_mention_from(d, sent_from); m < d->nmen && d->men[m].tok_start < all_to; m++)
        if (en_fits(d, &d->men[m], want) && d->ent[d->men[m].entity].strong &&
            d->men[m].entity != exclude)
            return d->men[m].entity;
    return -1;
}

/* The memo's slot for pronoun token i: the one holding it, or the empty
 * one where it goes (the table always has one: attribute.c). */
static struct ws_pron_slot *pron_slot(const ws_doc *d, uint32_t i)
{
    size_t mask = d->cpron - 1, j = ((uint32_t)(i * 0x9E3779B1u) >> 7) & mask;
    while (d->pron[j].tok1 && d->pron[j].tok1 != i + 1)
        j = (j + 1) & mask;
    return &d->pron[j];
}

/* Keeps what pronoun i resolved to, in a table twice as large when this
 * one would be more than half full (out of memory: d->nomem, and the
 * stage fails).  Its slot is found again: the chain followed since it was
 * looked up may have filled the empty one. */
static void pron_keep(ws_doc *d, uint32_t i, int e)
{
    struct ws_pron_slot *slot;
    if (2 * (d->npron + 1) > d->cpron) {
        struct ws_pron_slot *old = d->pron;
        size_t n = d->cpron, k;
        d->pron = ws_alloc(d->mem, 2 * n * sizeof *d->pron);
        if (!d->pron) {
            d->pron = old;
            d->nomem = 1;
            return;
        }
        d->cpron = 2 * n;
        memset(d->pron, 0, d->cpron * sizeof *d->pron);
        for (k = 0; k < n; k++)
            if (old[k].tok1)
                *pron_slot(d, old[k].tok1 - 1) = old[k];
        ws_release(d->mem, old, n * sizeof *old);
    }
    slot = pron_slot(d, i);
    d->npron += !slot->tok1;
    slot->tok1 = i + 1;
    slot->entity = e;
}

static int resolve(ws_doc *d, uint32_t i, int want, uint32_t role_hash,
                   int depth, int exclude)
{
    uint32_t sent = d->tok[i].sent, s;
    uint32_t lo = sent > 6 ? sent - 6 : 0;
    size_t m;
    /* a pronoun is resolved once: chains of them ("he ... he ... he said")
     * would otherwise be walked again for every link */
    int memo = !role_hash && want && d->pron != NULL && exclude < 0 &&
               (d->tok[i].lex & LX_PRONOUN);
    if (memo) {
        const struct ws_pron_slot *slot = pron_slot(d, i);
        if (slot->tok1)
            return slot->entity;
    }
    /* what a link of a chain finds is kept only when it found someone: a
     * link three deep reads no pronoun, so its "nobody" is no answer */
    if (depth > 0)
        memo = 0;
    for (s = sent + 1; s-- > lo;) {
        int e = candidate_in(d, s, i, want, role_hash, depth, exclude);
        if (e >= 0) {
            if (memo)
                pron_keep(d, i, e);
            return e;
        }
    }
    if (memo)
        pron_keep(d, i, -1);
    if (role_hash) {
        /* a role named before the name is introduced: a headline's
         * "North Korean leader" is the text's "leader Kim Jong-un" */
        size_t stop;
        m = ws_mention_from(d, i + 1);
        for (stop = m + 300; m < d->nmen && m < stop; m++) {
            const ws_entity *e = &d->ent[d->men[m].entity];
            if ((e->kind == EK_PERSON) & has_role(e, role_hash))
                return d->men[m].entity;
        }
    }
    return -1;
}

int ws_resolve(ws_doc *d, uint32_t i, uint32_t lex, uint32_t role_hash)
{
    int want = (lex & LX_MALE) ? G_MALE : (lex & LX_FEMALE) ? G_FEMALE : 0;
    return resolve(d, i, want, role_hash, 0, -1);
}

int ws_resolve_other(ws_doc *d, uint32_t i, uint32_t lex, int exclude)
{
    int want = (lex & LX_MALE) ? G_MALE : (lex & LX_FEMALE) ? G_FEMALE : 0;
    return resolve(d, i, want, 0, 0, exclude);
}
