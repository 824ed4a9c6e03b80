/*
 * scan.c -- one pass over the bytes: words, punctuation and candidate quote
 * marks as tokens, with paragraph and sentence boundaries.
 *
 * Apostrophes are settled here where the bytes alone tell (Korea's, don't,
 * '60s, rock 'n' roll); a trailing apostrophe after an s (countries') stays a
 * candidate closing mark that segment.c turns back into a possessive when no
 * single quote is open.  Invalid UTF-8 bytes become punctuation tokens of
 * their own, so they never start or end a quote.
 */
#include <string.h>
#include "internal.h"

enum { C_SPACE, C_NEWLINE, C_LETTER, C_UPPER, C_DIGIT, C_PUNCT, C_MARK,
       C_APOS, C_INVALID };

typedef struct cp_info {
    int cls;
    int len;       /* bytes */
    int family;    /* for C_MARK */
    int role;      /* default role for C_MARK */
} cp_info;

/* Decodes the code point at s[i] and classifies it.  Invalid sequences come
 * back as one C_INVALID byte. */
static cp_info classify(const unsigned char *s, size_t len, size_t i)
{
    cp_info r = {C_PUNCT, 1, 0, 0};
    unsigned c = s[i], cp;
    size_t n, k;
    if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            r.cls = C_SPACE;
        else if (c == '\n')
            r.cls = C_NEWLINE;
        else if (c >= 'a' && c <= 'z')
            r.cls = C_LETTER;
        else if (c >= 'A' && c <= 'Z')
            r.cls = C_UPPER;
        else if (c >= '0' && c <= '9')
            r.cls = C_DIGIT;
        else if (c == '"') {
            r.cls = C_MARK;
            r.family = MF_DOUBLE;
            r.role = MR_OPEN | MR_CLOSE;
        } else if (c == '\'')
            r.cls = C_APOS;
        return r;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = c & 0x07;
    } else {
        r.cls = C_INVALID;
        return r;
    }
    if (len - i <= n) {
        r.cls = C_INVALID;
        return r;
    }
    for (k = 1; k <= n; k++) {
        unsigned b = s[i + k];
        if ((b & 0xC0) != 0x80) {
            r.cls = C_INVALID;
            return r;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        r.cls = C_INVALID;
        return r;
    }
    r.len = (int)n + 1;
    switch (cp) {
    case 0x201C: r.cls = C_MARK; r.family = MF_DOUBLE; r.role = MR_OPEN; return r;
    case 0x201D: r.cls = C_MARK; r.family = MF_DOUBLE; r.role = MR_CLOSE; return r;
    case 0x201E: case 0x201F:
        r.cls = C_MARK; r.family = MF_DOUBLE; r.role = MR_OPEN; return r;
    case 0x2018: case 0x201A: case 0x201B:
        r.cls = C_MARK; r.family = MF_SINGLE; r.role = MR_OPEN; return r;
    case 0x2019: r.cls = C_APOS; return r;
    case 0x00AB: r.cls = C_MARK; r.family = MF_GUILLEMET; r.role = MR_OPEN; return r;
    case 0x00BB: r.cls = C_MARK; r.family = MF_GUILLEMET; r.role = MR_CLOSE; return r;
    case 0x2039: r.cls = C_MARK; r.family = MF_SGUILLEMET; r.role = MR_OPEN; return r;
    case 0x203A: r.cls = C_MARK; r.family = MF_SGUILLEMET; r.role = MR_CLOSE; return r;
    case 0x300C: r.cls = C_MARK; r.family = MF_CORNER; r.role = MR_OPEN; return r;
    case 0x300D: r.cls = C_MARK; r.family = MF_CORNER; r.role = MR_CLOSE; return r;
    case 0x300E: r.cls = C_MARK; r.family = MF_WCORNER; r.role = MR_OPEN; return r;
    case 0x300F: r.cls = C_MARK; r.family = MF_WCORNER; r.role = MR_CLOSE; return r;
    case 0x00A0: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        r.cls = C_SPACE; return r;
    case 0x2028: case 0x2029: case 0x0085:
        r.cls = C_NEWLINE; return r;
    default: break;
    }
    if ((cp >= 0x2000 && cp <= 0x200B))
        r.cls = C_SPACE;
    else if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
             (cp >= 0x00A1 && cp <= 0x00BF && cp != 0x00AA && cp != 0x00B5 &&
              cp != 0x00BA) || cp == 0x00D7 || cp == 0x00F7 ||
             (cp >= 0xFF01 && cp <= 0xFF0F) || cp < 0xA0)
        r.cls = C_PUNCT;
    else if ((cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x391 && cp <= 0x3A9) ||
             (cp >= 0x410 && cp <= 0x42F) ||
             (cp >= 0x100 && cp <= 0x17F && !(cp & 1)))
        r.cls = C_UPPER;
    else
        r.cls = C_LETTER;
    return r;
}

static int is_wordchar(int cls)
{
    return cls == C_LETTER || cls == C_UPPER || cls == C_DIGIT;
}

static int is_alpha(int cls)
{
    return cls == C_LETTER || cls == C_UPPER;
}

typedef struct scanner {
    ws_doc *d;
    const unsigned char *s;
    size_t len;
    uint16_t pending;      /* TF_PARA / TF_SPACE_BEFORE for the next token */
    int sent_end;          /* the last sentence may end before the next word */
    uint32_t para, sent;
} scanner;

static int cls_at(const scanner *sc, size_t i)
{
    if (i >= sc->len)
        return C_SPACE;
    return classify(sc->s, sc->len, i).cls;
}

/* Class of the code point that ends just before i. */
static int cls_before(const scanner *sc, size_t i)
{
    size_t j;
    if (i == 0)
        return C_SPACE;
    j = i - 1;
    while (j > 0 && (sc->s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    return classify(sc->s, sc->len, j).cls;
}

static int emit(scanner *sc, size_t start, size_t end, int type)
{
    ws_doc *d = sc->d;
    ws_token *t;
    if (ws_grow(d->mem, (void **)&d->tok, &d->ctok, d->ntok + 1, sizeof *t))
        return WS_ENOMEM;
    t = &d->tok[d->ntok++];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->type = (uint8_t)type;
    t->quote = -1;
    t->ch = sc->s[start];
    t->flags = sc->pending;
    if (sc->pending & TF_PARA) {
        t->flags |= TF_SENT;
        sc->sent_end = 0;
    }
    sc->pending = 0;
    return WS_OK;
}

static void finish_word(scanner *sc, ws_token *t)
{
    const unsigned char *w = sc->s + t->start;
    size_t n = t->end - t->start, i;
    int upper = 0, letters = 0;
    cp_info first = classify(sc->s, sc->len, t->start);
    if (first.cls == C_UPPER)
        t->flags |= TF_CAP;
    for (i = 0; i < n; i++) {
        if (w[i] >= 'a' && w[i] <= 'z')
            letters++;
        else if (w[i] >= 'A' && w[i] <= 'Z') {
            letters++;
            upper++;
        }
    }
    if (letters >= 2 && upper == letters)
        t->flags |= TF_ALLCAPS;
    if (n == 1 && (t->flags & TF_CAP))
        t->flags |= TF_INITIAL;
    t->hash = ws_hash_lower((const char *)w, n);
    t->lex = ws_lexicon_word(sc->d->lx, (const char *)w, n, t->hash);
    if ((t->lex & LX_ACRONYM) && !(t->flags & TF_ALLCAPS))
        t->lex &= ~(uint32_t)(LX_ACRONYM | LX_ORG | LX_MEDIUM);
}

/* Reads a word starting at i; returns its end. */
static size_t word_end(const scanner *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len;
    size_t seg = 0;   /* letters since the last period, for U.S. */
    int dotted = 0;
    while (i < len) {
        cp_info c = classify(s, len, i);
        if (is_wordchar(c.cls)) {
            i += (size_t)c.len;
            seg++;
            continue;
        }
        if ((s[i] == '-' || s[i] == '.' || s[i] == ',') && i + 1 < len) {
            int prev = cls_before(sc, i), next = cls_at(sc, i + 1);
            if (s[i] == '-' && is_wordchar(prev) && is_wordchar(next)) {
                i++;
                seg = 0;
                continue;
            }
            if (s[i] == ',' && prev == C_DIGIT && next == C_DIGIT) {
                i++;
                continue;
            }
            if (s[i] == '.' && prev == C_DIGIT && next == C_DIGIT) {
                i++;
                continue;
            }
            /* U.S., D.C., a.m.: single letters joined by periods */
            if (s[i] == '.' && seg == 1 && is_alpha(prev) && is_alpha(next) &&
                (i + 2 >= len || s[i + 2] == '.')) {
                i++;
                seg = 0;
                dotted = 1;
                continue;
            }
        }
        if (s[i] == '.' && dotted && seg == 1) {
            i++; /* the closing period of U.S. */
            break;
        }
        if (c.cls == C_APOS) {
            /* don't, O'Brien, we're: an apostrophe between letters, except
             * a possessive 's, which becomes its own token */
            size_t j = i + (size_t)c.len;
            int next = cls_at(sc, j);
            if (is_alpha(next) && is_alpha(cls_before(sc, i))) {
                if ((s[j] == 's' || s[j] == 'S') && !is_wordchar(cls_at(sc, j + 1)))
                    break;
                i = j;
                continue;
            }
        }
        break;
    }
    return i;
}

/* An apostrophe at i that is part of a word before a digit or a lone n:
 * '60s, 'n'.  Returns the end of that word, or 0. */
static size_t apostrophe_word(const scanner *sc, size_t i, int alen)
{
    size_t j = i + (size_t)alen;
    if (j < sc->len && cls_at(sc, j) == C_DIGIT)
        return word_end(sc, j);
    if (j + 1 < sc->len && (sc->s[j] == 'n' || sc->s[j] == 'N')) {
        cp_info c = classify(sc->s, sc->len, j + 1);
        if (c.cls == C_APOS && !is_wordchar(cls_at(sc, j + 1 + (size_t)c.len)) &&
            !is_wordchar(cls_before(sc, i)))
            return j + 1 + (size_t)c.len;
    }
    return 0;
}

/* Whether the character class before a mark lets it open a quote. */
static int opens_after(const scanner *sc, size_t i)
{
    size_t j;
    int c = cls_before(sc, i);
    if (c == C_SPACE || c == C_NEWLINE || c == C_MARK)
        return 1;
    if (c != C_PUNCT)
        return 0;
    j = i - 1;
    while (j > 0 && (sc->s[j] & 0xC0) == 0x80)
        j--;
    /* ( [ { dashes and slashes stand before an opening mark */
    return strchr("([{/-:", sc->s[j]) != NULL || sc->s[j] >= 0x80;
}

/* Whether the character class after a mark lets it close a quote. */
static int closes_before(const scanner *sc, size_t end)
{
    int c = cls_at(sc, end);
    return c == C_SPACE || c == C_NEWLINE || c == C_PUNCT || c == C_MARK ||
           c == C_APOS || c == C_INVALID;
}

static int emit_mark(scanner *sc, size_t i, size_t end, int family, int role)
{
    int before_open = opens_after(sc, i);
    int after_close = closes_before(sc, end);
    ws_token *t;
    /* author="x": the value of a markup attribute is no quote */
    if (i > 0 && sc->s[i - 1] == '=')
        return emit(sc, i, end, TK_PUNCT);
    if (role == (MR_OPEN | MR_CLOSE)) {
        if (before_open && !after_close)
            role = MR_OPEN;
        else if (!before_open && after_close)
            role = MR_CLOSE;
    } else if (role == MR_OPEN && !before_open && after_close) {
        role = MR_OPEN | MR_CLOSE;   /* a German closing mark, or a typo */
    } else if (role == MR_CLOSE && before_open && !after_close) {
        role = MR_OPEN | MR_CLOSE;   /* a closing mark used to open */
    }
    if (emit(sc, i, end, TK_MARK))
        return WS_ENOMEM;
    t = &sc->d->tok[sc->d->ntok - 1];
    t->mark = (uint8_t)family;
    t->role = (uint8_t)role;
    if (before_open)
        t->flags |= TF_SPACE_BEFORE;
    return WS_OK;
}

/* Sentence bookkeeping for a token just emitted. */
static void sentence(scanner *sc, ws_token *t, int is_abbrev_period)
{
    if (t->flags & TF_PARA) {
        if (sc->d->ntok > 1) {
            sc->para++;
            sc->sent++;
        }
    } else if (sc->sent_end) {
        int starts = (t->type == TK_WORD && (t->flags & TF_CAP)) ||
                     t->type == TK_NUMBER ||
                     (t->type == TK_MARK && (t->role & MR_OPEN) &&
                      !(t->role & MR_CLOSE));
        if (starts) {
            t->flags |= TF_SENT;
            sc->sent++;
            sc->sent_end = 0;
        } else if (t->type == TK_WORD || t->type == TK_NUMBER)
            sc->sent_end = 0;
    }
    if (sc->d->ntok == 1)
        t->flags |= TF_SENT | TF_PARA;
    t->para = sc->para;
    t->sent = sc->sent;
    if (t->type == TK_PUNCT && (t->ch == '!' || t->ch == '?' ||
        (t->ch == '.' && !is_abbrev_period) ||
        (t->ch == 0xE2 && t->end - t->start == 3 &&
         sc->s[t->start + 1] == 0x80 && sc->s[t->start + 2] == 0xA6)))
        sc->sent_end = 1;
}

static int is_abbrev_before(const ws_doc *d)
{
    const ws_token *p;
    if (d->ntok < 2)
        return 0;
    p = &d->tok[d->ntok - 2];
    if (p->type != TK_WORD || p->end != d->tok[d->ntok - 1].start)
        return 0;
    return (p->lex & LX_ABBREV) || (p->flags & TF_INITIAL);
}

int ws_scan(ws_doc *d)
{
    scanner sc;
    size_t i = 0;
    uint32_t k;
    memset(&sc, 0, sizeof sc);
    sc.d = d;
    sc.s = (const unsigned char *)d->text;
    sc.len = d->len;
    sc.pending = TF_SPACE_BEFORE;
    while (i < sc.len) {
        cp_info c = classify(sc.s, sc.len, i);
        size_t end;
        int rc = WS_OK, abbrev = 0;
        if (c.cls == C_SPACE) {
            sc.pending |= TF_SPACE_BEFORE;
            i += (size_t)c.len;
            continue;
        }
        if (c.cls == C_NEWLINE) {
            sc.pending |= TF_SPACE_BEFORE | TF_PARA;
            i += (size_t)c.len;
            continue;
        }
        if (is_wordchar(c.cls)) {
            end = word_end(&sc, i);
            rc = emit(&sc, i, end, c.cls == C_DIGIT ? TK_NUMBER : TK_WORD);
            if (!rc)
                finish_word(&sc, &d->tok[d->ntok - 1]);
        } else if (c.cls == C_APOS) {
            size_t w = apostrophe_word(&sc, i, c.len);
            int prev = cls_before(&sc, i);
            end = i + (size_t)c.len;
            if (w) {
                end = w;
                rc = emit(&sc, i, end, TK_WORD);
                if (!rc)
                    finish_word(&sc, &d->tok[d->ntok - 1]);
            } else if (sc.s[i] == '\'' && end < sc.len && sc.s[end] == '\'') {
                end++;  /* '' stands for a double mark */
                rc = emit_mark(&sc, i, end, MF_DOUBLE, MR_OPEN | MR_CLOSE);
            } else if (is_alpha(prev) && end < sc.len &&
                       (sc.s[end] == 's' || sc.s[end] == 'S') &&
                       !is_wordchar(cls_at(&sc, end + 1))) {
                end++;  /* the 's of Korea's */
                rc = emit(&sc, i, end, TK_POSS);
            } else {
                rc = emit_mark(&sc, i, end, MF_SINGLE,
                               sc.s[i] == '\'' ? MR_OPEN | MR_CLOSE : MR_CLOSE);
            }
        } else if (c.cls == C_MARK) {
            end = i + (size_t)c.len;
            if (sc.s[i] == '`' && end < sc.len && sc.s[end] == '`')
                end++;
            rc = emit_mark(&sc, i, end, c.family, c.role);
        } else {
            end = i + (size_t)c.len;
            if (sc.s[i] == '`' && end < sc.len && sc.s[end] == '`') {
                end++;
                rc = emit_mark(&sc, i, end, MF_DOUBLE, MR_OPEN);
            } else if (sc.s[i] == '-' && end < sc.len && sc.s[end] == '-') {
                while (end < sc.len && sc.s[end] == '-')
                    end++;
                rc = emit(&sc, i, end, TK_PUNCT);
            } else {
                rc = emit(&sc, i, end, TK_PUNCT);
                abbrev = sc.s[i] == '.' && is_abbrev_before(d);
            }
        }
        if (rc)
            return rc;
        if (cls_at(&sc, end) == C_SPACE || cls_at(&sc, end) == C_NEWLINE)
            d->tok[d->ntok - 1].flags |= TF_SPACE_AFTER;
        sentence(&sc, &d->tok[d->ntok - 1], abbrev);
        i = end;
    }
    d->nsent = d->ntok ? sc.sent + 1 : 0;
    d->npara = d->ntok ? sc.para + 1 : 0;
    d->sent_first = ws_alloc(d->mem, (d->nsent + 1) * sizeof *d->sent_first);
    d->para_first = ws_alloc(d->mem, (d->npara + 1) * sizeof *d->para_first);
    if (!d->sent_first || !d->para_first)
        return WS_ENOMEM;
    for (k = 0; k < d->ntok; k++) {
        const ws_token *t = &d->tok[k];
        if (k == 0 || t->sent != d->tok[k - 1].sent)
            d->sent_first[t->sent] = k;
        if (k == 0 || t->para != d->tok[k - 1].para)
            d->para_first[t->para] = k;
    }
    d->sent_first[d->nsent] = (uint32_t)d->ntok;
    d->para_first[d->npara] = (uint32_t)d->ntok;
    return WS_OK;
}
