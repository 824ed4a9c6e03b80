/*
 * speakers.c -- the extractor's known speakers (ws_extractor_add_speaker),
 * a stage run right after ws_mentions.
 *
 * A mention whose name part reads as a speaker's name or alias names that
 * speaker: its entity takes the canonical name, the kind and the gender
 * (several entities naming one speaker become one).  A speaker's name where
 * no mention covers it becomes a mention, so that the sieves and pronoun
 * resolution find it.
 *
 * Names are compared as written, letter for letter and case included, except
 * that a hyphen and a run of white space stand for each other and the letter
 * after a hyphen may differ in case ("Kim Jong Un" reads as "Kim Jong-un"),
 * and that a leading "the " may be left out ("Kremlin" for "the Kremlin").
 */
#include <string.h>
#include "internal.h"

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Writes s trimmed, with its runs of white space made one space, to out
 * (when not NULL); returns the length. */
static size_t normalise(const char *s, char *out)
{
    size_t n = 0;
    int gap = 0;
    for (; *s; s++) {
        if (space(*s)) {
            gap = 1;
            continue;
        }
        if (gap && n) {
            if (out)
                out[n] = ' ';
            n++;
        }
        gap = 0;
        if (out)
            out[n] = *s;
        n++;
    }
    return n;
}

int ws_speakers_add(ws_speakers *sp, const ws_mem *m, const char *name,
                    const char *const *aliases, size_t naliases, int kind,
                    int gender)
{
    size_t nforms, total, k;
    const char **forms;
    char *o;
    void *block;
    ws_speaker *s;
    if (!name || (naliases && !aliases) ||
        naliases > ((size_t)-1) / sizeof *forms / 2)
        return WS_EINVAL;
    nforms = naliases + 1;
    total = nforms * sizeof *forms;
    for (k = 0; k < nforms; k++) {
        const char *f = k ? aliases[k - 1] : name;
        size_t n;
        if (!f || (n = normalise(f, NULL)) == 0)
            return WS_EINVAL;
        if (n + 1 > ((size_t)-1) - total)
            return WS_ENOMEM;
        total += n + 1;
    }
    if (ws_grow(m, (void **)&sp->v, &sp->cap, sp->n + 1, sizeof *sp->v))
        return WS_ENOMEM;
    block = ws_alloc(m, total);
    if (!block)
        return WS_ENOMEM;
    forms = block;
    o = (char *)(forms + nforms);
    for (k = 0; k < nforms; k++) {
        size_t n = normalise(k ? aliases[k - 1] : name, o);
        o[n] = '\0';
        forms[k] = o;
        o += n + 1;
    }
    s = &sp->v[sp->n++];
    s->name = forms[0];
    s->forms = forms;
    s->nforms = nforms;
    s->kind = kind;
    s->gender = gender;
    s->size = total;
    return WS_OK;
}

void ws_speakers_free(ws_speakers *sp, const ws_mem *m)
{
    size_t i;
    for (i = 0; i < sp->n; i++)
        ws_release(m, (void *)sp->v[i].forms, sp->v[i].size);
    ws_release(m, sp->v, sp->cap * sizeof *sp->v);
    memset(sp, 0, sizeof *sp);
}

/* ---- matching ------------------------------------------------------------ */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Whether text[p, lim) begins with form f, read as the file comment says;
 * returns the end of the match, or WS_NOPOS. */
static size_t match_form(const char *t, size_t p, size_t lim, const char *f)
{
    int hyphen = 0;
    while (*f) {
        if (*f == ' ' || *f == '-') {
            int hy = 0;
            if (p >= lim || !(space(t[p]) || t[p] == '-'))
                return WS_NOPOS;
            for (; *f == ' ' || *f == '-'; f++)
                hy |= *f == '-';
            for (; p < lim && (space(t[p]) || t[p] == '-'); p++)
                hy |= t[p] == '-';
            hyphen = hy;
            continue;
        }
        if (p >= lim || (t[p] != *f && !(hyphen && lower(t[p]) == lower(*f))))
            return WS_NOPOS;
        hyphen = 0;
        p++;
        f++;
    }
    return p;
}

/* The form without its leading article, or NULL when it has none. */
static const char *bare(const char *f)
{
    if ((f[0] == 't' || f[0] == 'T') && f[1] == 'h' && f[2] == 'e' &&
        f[3] == ' ' && f[4])
        return f + 4;
    return NULL;
}

/* Every form, and every form without its article, by first byte, so that
 * a place in the text costs the forms that start with its byte: entries
 * [at[c], at[c + 1]) start with byte c, in the order the speakers were
 * added. */
typedef struct form_entry {
    const char *form;
    int speaker;
} form_entry;

typedef struct form_index {
    form_entry *e;
    size_t n;
    size_t at[257];
} form_index;

static int index_forms(const ws_doc *d, form_index *ix)
{
    const ws_speakers *sp = d->speakers;
    size_t i, k, c, fill[256];
    memset(ix, 0, sizeof *ix);
    for (i = 0; i < sp->n; i++)
        for (k = 0; k < sp->v[i].nforms; k++) {
            const char *b = bare(sp->v[i].forms[k]);
            ix->at[(unsigned char)sp->v[i].forms[k][0] + 1]++;
            if (b)
                ix->at[(unsigned char)b[0] + 1]++;
            ix->n += b ? 2 : 1;
        }
    for (c = 1; c <= 256; c++)
        ix->at[c] += ix->at[c - 1];
    ix->e = ws_alloc(d->mem, ix->n * sizeof *ix->e);
    if (!ix->e)
        return WS_ENOMEM;
    memcpy(fill, ix->at, sizeof fill);
    for (i = 0; i < sp->n; i++)
        for (k = 0; k < sp->v[i].nforms; k++) {
            const char *f = sp->v[i].forms[k], *b = bare(f);
            form_entry *e = &ix->e[fill[(unsigned char)f[0]]++];
            e->form = f;
            e->speaker = (int)i;
            if (b) {
                e = &ix->e[fill[(unsigned char)b[0]]++];
                e->form = b;
                e->speaker = (int)i;
            }
        }
    return WS_OK;
}

/* The first speaker a name in text[s, e) reads as, or -1. */
static int speaker_of(const ws_doc *d, const form_index *ix, size_t s, size_t e)
{
    unsigned char c = (unsigned char)d->text[s];
    size_t k;
    int best = -1;
    for (k = ix->at[c]; k < ix->at[c + 1]; k++)
        if ((best < 0 || ix->e[k].speaker < best) &&
            match_form(d->text, s, e, ix->e[k].form) == e)
            best = ix->e[k].speaker;
    return best;
}

/* ---- entities and mentions ------------------------------------------------ */

static int new_entity(ws_doc *d, uint32_t t0, uint32_t t1)
{
    ws_entity *e;
    /* a sixteenth more when full (the text is read), not twice as many */
    if (d->nent + 1 > d->cent &&
        ws_grow_part(d->mem, (void **)&d->ent, &d->cent, d->nent + 1, sizeof *e, 1, 1))
        return -1;
    e = &d->ent[d->nent];
    memset(e, 0, sizeof *e);
    e->kind = EK_PERSON;
    e->alias = -1;
    e->strong = 1;
    e->name_tok = t0;
    e->name_ntok = t1 - t0;
    e->first_hash = ws_tok_hash(d, t0);
    e->last_hash = ws_tok_hash(d, t1 - 1);
    return (int)d->nent++;
}

/* Makes entity a an alias of b. */
static void merge(ws_doc *d, int a, int b)
{
    ws_entity *ea = &d->ent[a], *eb = &d->ent[b];
    int k;
    ea->alias = b;
    if (!eb->gender)
        eb->gender = ea->gender;
    for (k = 0; k < ea->nroles && eb->nroles < 4; k++)
        eb->u.roles[eb->nroles++] = ea->u.roles[k];
}

/* The name part of mention m as bytes. */
static void name_bytes(const ws_doc *d, uint32_t t0, uint32_t t1, size_t *s,
                       size_t *e)
{
    *s = d->tok[t0].start;
    *e = d->tok[t1 - 1].end;
}

/* A form where no mention covers the text: the longest speaker name that
 * starts at token k and ends at the end of a token of k's paragraph, every
 * token of it uncovered.  Returns the token after it (0 when none) and the
 * speaker in *who. */
static uint32_t uncovered_at(const ws_doc *d, const form_index *ix,
                             uint32_t k, int *who)
{
    uint32_t para = ws_tok_para(d, k), best = 0, j;
    size_t lim = d->tok[d->para_first[para + 1] - 1].end, f;
    unsigned char c = (unsigned char)d->text[d->tok[k].start];
    for (f = ix->at[c]; f < ix->at[c + 1]; f++) {
        size_t end = match_form(d->text, d->tok[k].start, lim, ix->e[f].form);
        if (end == WS_NOPOS)
            continue;
        for (j = k; j < d->ntok && d->tok[j].end < end; j++)
            if (ws_mention_at(d, j) >= 0)
                break;
        if (j >= d->ntok || d->tok[j].end != end || ws_mention_at(d, j) >= 0)
            continue;
        /* the longest; the first speaker added among equals */
        if (j + 1 > best || (j + 1 == best && ix->e[f].speaker < *who)) {
            best = j + 1;
            *who = ix->e[f].speaker;
        }
    }
    return best;
}

/* Inserts the mentions nm[0..n) (sorted, over uncovered tokens) among
 * d->men, keeping them sorted by tok_start, flags their tokens
 * TF_MENTION (with every mention's new index) and indexes them anew
 * (ws_index_mentions). */
static int insert_mentions(ws_doc *d, const ws_mention *nm, size_t n)
{
    size_t total = d->nmen + n, a = 0, b = 0, o = 0, k;
    ws_mention *all;
    if (!n)
        return WS_OK;
    all = ws_alloc(d->mem, total * sizeof *all);
    if (!all)
        return WS_ENOMEM;
    while (a < d->nmen || b < n) {
        if (b >= n || (a < d->nmen && d->men[a].tok_start < nm[b].tok_start))
            all[o++] = d->men[a++];
        else
            all[o++] = nm[b++];
    }
    ws_release(d->mem, d->men, d->cmen * sizeof *d->men);
    d->men = all;
    d->nmen = d->cmen = total;
    /* every mention after an inserted one has a new index */
    for (o = 0; o < total; o++)
        for (k = all[o].tok_start; k < all[o].tok_end; k++) {
            d->tok[k].flags = (uint16_t)((d->tok[k].flags &
                                          ~(WS_MEN_LOW_MASK << WS_MEN_LOW_SHIFT)) |
                                         ws_mention_flags(o));
        }
    ws_index_mentions(d);
    return WS_OK;
}

int ws_speakers_apply(ws_doc *d)
{
    const ws_speakers *sp = d->speakers;
    int *ent_of;            /* per speaker: its entity, -1 none yet */
    ws_mention *nm = NULL;
    form_index ix;
    size_t i, nn = 0, cn = 0;
    uint32_t k;
    int rc = WS_ENOMEM;
    if (!sp || !sp->n || !d->ntok || !d->mentions_read)
        return WS_OK;
    if (index_forms(d, &ix))
        return WS_ENOMEM;
    ent_of = ws_alloc(d->mem, sp->n * sizeof *ent_of);
    if (!ent_of) {
        ws_release(d->mem, ix.e, ix.n * sizeof *ix.e);
        return WS_ENOMEM;
    }
    for (i = 0; i < sp->n; i++)
        ent_of[i] = -1;

    /* mentions that read as a speaker's name */
    for (i = 0; i < d->nmen; i++) {
        ws_mention *m = &d->men[i];
        size_t s, e;
        int who, ent, canon = 0;
        const ws_entity *en;
        name_bytes(d, m->name_tok, m->name_end, &s, &e);
        if ((who = speaker_of(d, &ix, s, e)) < 0)
            continue;
        ent = ws_entity_root(d, m->entity);
        en = &d->ent[ent];
        if (en->name_ntok && en->kind != EK_GROUP) {
            name_bytes(d, en->name_tok, en->name_tok + en->name_ntok, &s, &e);
            canon = speaker_of(d, &ix, s, e) == who;
        }
        if (canon) {
            /* the whole entity: "Kim" and "Kim Jong-un" alike */
            if (ent_of[who] < 0)
                ent_of[who] = ent;
            else if (ent_of[who] != ent)
                merge(d, ent, ent_of[who]);
        } else {
            /* the user's alias overrides the clustering: this mention only */
            if (ent_of[who] < 0 &&
                (ent_of[who] = new_entity(d, m->name_tok, m->name_end)) < 0)
                goto out;
            d->men[i].entity = ent_of[who];
        }
    }

    /* names no mention covers */
    for (k = 0; k < d->ntok;) {
        int who = -1;
        uint32_t end;
        if (d->tok[k].type != TK_WORD || ws_mention_at(d, k) >= 0 ||
            (end = uncovered_at(d, &ix, k, &who)) == 0) {
            k++;
            continue;
        }
        if (ent_of[who] < 0 && (ent_of[who] = new_entity(d, k, end)) < 0)
            goto out;
        if (ws_grow(d->mem, (void **)&nm, &cn, nn + 1, sizeof *nm))
            goto out;
        memset(&nm[nn], 0, sizeof *nm);
        nm[nn].tok_start = nm[nn].name_tok = k;
        nm[nn].tok_end = nm[nn].name_end = end;
        nm[nn].entity = ent_of[who];
        nm[nn].possessive = end < d->ntok && d->tok[end].type == TK_POSS;
        nn++;
        k = end;
    }
    if (insert_mentions(d, nm, nn))
        goto out;

    for (i = 0; i < sp->n; i++) {
        ws_entity *en;
        if (ent_of[i] < 0)
            continue;
        en = &d->ent[ent_of[i]];
        en->speaker = (uint32_t)i + 1;
        en->kind = sp->v[i].kind;
        if (sp->v[i].gender)
            en->gender = sp->v[i].gender;
        en->strong = 1;
    }
    for (i = 0; i < d->nmen; i++)
        d->men[i].entity = ws_entity_root(d, d->men[i].entity);
    rc = WS_OK;
out:
    ws_release(d->mem, ix.e, ix.n * sizeof *ix.e);
    ws_release(d->mem, nm, cn * sizeof *nm);
    ws_release(d->mem, ent_of, sp->n * sizeof *ent_of);
    return rc;
}
