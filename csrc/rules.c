/*
 * rules.c -- the extractor's own attribution rules: PCRE2 patterns with the
 * named groups "speaker", "cue" and "via", matched around each quote before
 * the built-in sieves.
 *
 * A rule is compiled once (JIT-compiled when PCRE2 has a JIT) when it is
 * added; the compiled code, the contexts and the limits are read-only from
 * then on.  Matching needs match data, which is mutable: it is allocated per
 * ws_extract call and kept in the ws_doc, so several threads may extract
 * with one extractor at once.  All of PCRE2's memory goes through the
 * extractor's allocator hook.
 */
#include <string.h>
#include "internal.h"
#include <pcre2.h>

typedef struct ws_rule {
    char *name;
    size_t name_size;
    char *speaker;          /* fixed speaker, or NULL */
    size_t speaker_size;
    pcre2_code *code;
    int g_speaker, g_cue, g_via;   /* group numbers, 0 when absent */
} ws_rule;

struct ws_rules {
    const ws_mem *mem;
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
    int jit;                /* PCRE2 was built with a JIT */
    ws_rule *v;
    size_t n, cap;
    uint32_t ovec_pairs;    /* the most any rule needs */
};

/* PCRE2 frees without a size; the hook wants one, so each block carries
 * its size in front, in a header that keeps what follows aligned. */
typedef union rx_header {
    size_t size;
    long double ld;
    void *p;
    long long ll;
} rx_header;

static void *rx_malloc(PCRE2_SIZE n, void *ud)
{
    const ws_mem *m = ud;
    rx_header *h;
    if (n > (size_t)-1 - sizeof *h)
        return NULL;
    h = ws_alloc(m, sizeof *h + n);
    if (!h)
        return NULL;
    h->size = n;
    return h + 1;
}

static void rx_free(void *p, void *ud)
{
    rx_header *h;
    if (!p)
        return;
    h = (rx_header *)p - 1;
    ws_release(ud, h, sizeof *h + h->size);
}

static void set_message(ws_error_detail *detail, const char *fmt1,
                        const char *name, const char *rest)
{
    /* "rule '<name>': <rest>", cut to fit; fmt1 is the prefix */
    size_t cap = sizeof detail->message, o = 0, k;
    const char *parts[5];
    parts[0] = fmt1;
    parts[1] = name;
    parts[2] = "': ";
    parts[3] = rest;
    parts[4] = NULL;
    for (k = 0; parts[k]; k++) {
        size_t n = strlen(parts[k]);
        if (n > cap - 1 - o)
            n = cap - 1 - o;
        memcpy(detail->message + o, parts[k], n);
        o += n;
    }
    detail->message[o] = '\0';
}

ws_rules *ws_rules_create(const ws_mem *m, uint32_t match_limit,
                          uint32_t depth_limit, int jit_wanted)
{
    ws_rules *r = ws_alloc(m, sizeof *r);
    uint32_t jit = 0;
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->mem = m;
    r->gctx = pcre2_general_context_create(rx_malloc, rx_free, (void *)m);
    if (r->gctx) {
        r->cctx = pcre2_compile_context_create(r->gctx);
        r->mctx = pcre2_match_context_create(r->gctx);
    }
    if (!r->gctx || !r->cctx || !r->mctx) {
        ws_rules_free(r);
        return NULL;
    }
    pcre2_set_match_limit(r->mctx, match_limit ? match_limit : WS_MATCH_LIMIT);
    pcre2_set_depth_limit(r->mctx, depth_limit ? depth_limit : WS_DEPTH_LIMIT);
    if (jit_wanted && pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0)
        r->jit = jit != 0;
    return r;
}

static void rule_free(const ws_mem *m, ws_rule *rule)
{
    pcre2_code_free(rule->code);
    ws_release(m, rule->name, rule->name_size);
    ws_release(m, rule->speaker, rule->speaker_size);
}

void ws_rules_free(ws_rules *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->n; i++)
        rule_free(r->mem, &r->v[i]);
    ws_release(r->mem, r->v, r->cap * sizeof *r->v);
    pcre2_match_context_free(r->mctx);
    pcre2_compile_context_free(r->cctx);
    pcre2_general_context_free(r->gctx);
    ws_release(r->mem, r, sizeof *r);
}

static char *dup_str(const ws_mem *m, const char *s, size_t *size)
{
    size_t n = strlen(s) + 1;
    char *out = ws_alloc(m, n);
    if (out)
        memcpy(out, s, n);
    *size = n;
    return out;
}

/* The number of a named group, 0 when the pattern has none of that name. */
static int group(const pcre2_code *code, const char *name)
{
    int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
    return n > 0 ? n : 0;
}

int ws_rules_add(ws_rules *r, const char *name, const char *pattern,
                 size_t len, const char *speaker, ws_error_detail *detail)
{
    ws_rule rule;
    int errcode = 0;
    PCRE2_SIZE erroff = 0;
    uint32_t captures = 0;
    size_t i;
    memset(&rule, 0, sizeof rule);
    for (i = 0; i < r->n; i++)
        if (strcmp(r->v[i].name, name) == 0) {
            detail->offset = WS_NOPOS;
            set_message(detail, "rule '", name, "a rule of that name exists already");
            return WS_ERULE;
        }
    rule.code = pcre2_compile((PCRE2_SPTR)pattern, len,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
                              &errcode, &erroff, r->cctx);
    if (!rule.code) {
        char msg[120];
        if (errcode == PCRE2_ERROR_NOMEMORY || errcode == PCRE2_ERROR_HEAP_FAILED)
            return WS_ENOMEM;
        if (pcre2_get_error_message(errcode, (PCRE2_UCHAR *)msg, sizeof msg) ==
            PCRE2_ERROR_BADDATA)
            strcpy(msg, "invalid pattern");
        detail->offset = erroff;
        set_message(detail, "rule '", name, msg);
        return WS_ERULE;
    }
    rule.g_speaker = group(rule.code, "speaker");
    rule.g_cue = group(rule.code, "cue");
    rule.g_via = group(rule.code, "via");
    if (!rule.g_speaker && !speaker) {
        pcre2_code_free(rule.code);
        detail->offset = WS_NOPOS;
        set_message(detail, "rule '", name,
                    "no (?<speaker>...) group and no fixed speaker");
        return WS_ERULE;
    }
    /* A pattern the JIT cannot take runs in the interpreter. */
    if (r->jit)
        (void)pcre2_jit_compile(rule.code, PCRE2_JIT_COMPLETE);
    pcre2_pattern_info(rule.code, PCRE2_INFO_CAPTURECOUNT, &captures);
    rule.name = dup_str(r->mem, name, &rule.name_size);
    if (speaker)
        rule.speaker = dup_str(r->mem, speaker, &rule.speaker_size);
    if (!rule.name || (speaker && !rule.speaker) ||
        ws_grow(r->mem, (void **)&r->v, &r->cap, r->n + 1, sizeof *r->v)) {
        rule_free(r->mem, &rule);
        return WS_ENOMEM;
    }
    r->v[r->n++] = rule;
    if (captures + 1 > r->ovec_pairs)
        r->ovec_pairs = captures + 1;
    return WS_OK;
}

int ws_rules_begin(const ws_rules *r, ws_doc *d)
{
    d->rules = r;
    if (!r || !r->n)
        return WS_OK;
    d->match_data = pcre2_match_data_create(r->ovec_pairs, r->gctx);
    return d->match_data ? WS_OK : WS_ENOMEM;
}

void ws_rules_end(ws_doc *d)
{
    pcre2_match_data_free(d->match_data);
    d->match_data = NULL;
}

/* The token that holds byte offset off (the last starting at or before
 * it). */
static uint32_t tok_at(const ws_doc *d, size_t off)
{
    size_t lo = 0, hi = d->ntok;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tok[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? (uint32_t)(lo - 1) : 0;
}

/* The entity a mention inside bytes [s, e) names, else -1; a lone pronoun
 * there is resolved.  *pronoun tells that the span held one that did not
 * resolve. */
static int entity_in(ws_doc *d, size_t s, size_t e, int *pronoun)
{
    uint32_t k = tok_at(d, s);
    int words = 0, pron = -1;
    *pronoun = 0;
    if (!d->mentions_read)
        return -1;
    for (; k < d->ntok && d->tok[k].start < e; k++) {
        if (d->tok[k].end <= s)
            continue;
        if (ws_mention_at(d, k) >= 0)
            return ws_entity_root(d, d->men[ws_mention_at(d, k)].entity);
        if (d->tok[k].type == TK_WORD) {
            words++;
            if (d->tok[k].lex & LX_PRONOUN)
                pron = (int)k;
        }
    }
    if (words == 1 && pron >= 0) {
        int ent = ws_resolve(d, (uint32_t)pron, d->tok[pron].lex, 0);
        if (ent < 0)
            *pronoun = 1;
        return ent;
    }
    return -1;
}

/* The span of group g of the last match, shifted by base; 0 when the group
 * did not take part. */
static int group_span(const ws_doc *d, int g, size_t base, ws_span *sp)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->match_data);
    if (g <= 0 || ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] < ov[2 * g])
        return 0;
    sp->start = base + ov[2 * g];
    sp->end = base + ov[2 * g + 1];
    return 1;
}

/* Fills q from the match of rule; 0 when it names no speaker after all (an
 * empty or absent speaker group, a pronoun that resolves to nobody). */
static int fill(ws_doc *d, const ws_rule *rule, unsigned index, size_t base,
                ws_iquote *q)
{
    ws_span who = {WS_NOPOS, WS_NOPOS}, cue = {WS_NOPOS, WS_NOPOS};
    ws_span via = {WS_NOPOS, WS_NOPOS};
    int entity = -1, via_entity = -1, pronoun = 0;
    int have_who = group_span(d, rule->g_speaker, base, &who) &&
                   who.end > who.start;
    if (have_who)
        entity = entity_in(d, who.start, who.end, &pronoun);
    if (!rule->speaker && (!have_who || pronoun))
        return 0;
    if (group_span(d, rule->g_cue, base, &cue) && cue.end == cue.start)
        cue.start = cue.end = WS_NOPOS;
    if (group_span(d, rule->g_via, base, &via)) {
        if (via.end == via.start)
            via.start = via.end = WS_NOPOS;
        else
            via_entity = entity_in(d, via.start, via.end, &pronoun);
    }
    q->rule = rule->name;
    q->confidence = 0.9;
    q->mention = have_who ? who : (ws_span){WS_NOPOS, WS_NOPOS};
    q->cue = cue;
    if (rule->speaker) {
        q->entity = -1;
        q->speaker_text = rule->speaker;
        q->speaker_len = rule->speaker_size - 1;
    } else if (entity >= 0) {
        q->entity = entity;
        q->speaker_text = NULL;
        d->ent[entity].strong = 1;      /* a speaker is somebody */
    } else {
        q->entity = -1;
        q->speaker_text = d->text + who.start;
        q->speaker_len = who.end - who.start;
    }
    q->via = via_entity;
    q->via_span = via_entity >= 0 ? (ws_span){WS_NOPOS, WS_NOPOS} : via;
    q->user_rule = index + 1;
    q->user_via = q->via;
    q->user_via_span = q->via_span;
    return 1;
}

int ws_rules_apply(const ws_rules *r, ws_doc *d, ws_iquote *q)
{
    size_t i, base, end;
    uint32_t s0, s1, last;
    if (!r || !r->n || !d->match_data || !d->ntok)
        return 0;
    s0 = d->tok[q->open_tok].sent;
    s1 = d->tok[q->close_tok].sent;
    last = d->sent_first[s1 + 1];
    base = d->tok[d->sent_first[s0]].start;
    end = d->tok[last - 1].end;
    for (i = 0; i < r->n; i++) {
        const ws_rule *rule = &r->v[i];
        int rc = pcre2_match(rule->code, (PCRE2_SPTR)(d->text + base),
                             end - base, 0, 0, d->match_data, r->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            continue;
        if (rc == PCRE2_ERROR_NOMEMORY)
            return WS_ENOMEM;
        if (rc < 0) {
            /* a limit (match, depth, heap, JIT stack): name the rule */
            d->err_rule = rule->name;
            d->err_pcre2 = rc;
            return WS_ELIMIT;
        }
        if (fill(d, rule, (unsigned)i, base, q))
            return 1;
    }
    return 0;
}

void ws_rules_finish(ws_doc *d)
{
    size_t i;
    const ws_rules *r = d->rules;
    if (!r || !r->n)
        return;
    for (i = 0; i < d->nq; i++) {
        ws_iquote *q = &d->q[i];
        if (!q->user_rule || q->user_rule > r->n)
            continue;
        q->rule = r->v[q->user_rule - 1].name;
        if (q->user_via >= 0 || q->user_via_span.start != WS_NOPOS) {
            q->via = q->user_via;
            q->via_span = q->user_via_span;
        }
    }
}

void ws_rules_error(const ws_doc *d, ws_error_detail *detail)
{
    char msg[120];
    if (pcre2_get_error_message(d->err_pcre2, (PCRE2_UCHAR *)msg, sizeof msg) ==
        PCRE2_ERROR_BADDATA)
        strcpy(msg, "matching failed");
    detail->rule = d->err_rule;
    set_message(detail, "rule '", d->err_rule ? d->err_rule : "?", msg);
}
