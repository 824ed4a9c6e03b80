/*
 * scan.c -- one pass over the bytes: words, punctuation and candidate quote
 * marks as tokens, with paragraph and sentence boundaries.
 *
 * Apostrophes are settled here where the bytes alone tell (Korea's, don't,
 * '60s, rock 'n' roll); a trailing apostrophe after an s (countries') stays a
 * candidate closing mark that segment.c turns back into a possessive when no
 * single quote is open.  Invalid UTF-8 bytes become punctuation tokens of
 * their own, so they never start or end a quote.
 *
 * Speed (bench/NOTES.md): this stage sees every byte, so it looks at most
 * bytes once.  ASCII bytes are classified by a table and only bytes >= 0x80
 * are decoded; the loop that finds a word's end also gathers its case and
 * its lower-case hash; the class of the code point after a token is carried
 * to the next one.  Neighbours are still read (cls_at, cls_before) where the
 * rules ask about them, which is at the few bytes that are not letters.
 */
#include <string.h>
#include "internal.h"

/* C_PUNCT is 0 so that the table below shows only its exceptions.  The
 * word classes are single bits (3 is no class), so that is_wordchar is one
 * comparison and a word's loop can OR the classes of its bytes together.
 * C_HIGH (a byte >= 0x80, to be decoded) is only ever in the table, never
 * a class that classify returns. */
enum { C_PUNCT, C_LETTER = 1, C_UPPER = 2, C_DIGIT = 4, C_SPACE, C_NEWLINE,
       C_MARK, C_APOS, C_INVALID, C_HIGH };

#define P_ C_PUNCT
#define L_ C_LETTER
#define U_ C_UPPER
#define D_ C_DIGIT
#define S_ C_SPACE
#define N_ C_NEWLINE
#define Q_ C_MARK
#define A_ C_APOS
#define H_ C_HIGH
static const unsigned char byte_class[256] = {
    /* 0x00: \t \v \f \r are space, \n a newline, the other controls punct */
    P_, P_, P_, P_, P_, P_, P_, P_, P_, S_, N_, S_, S_, S_, P_, P_,
    P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_,
    /* 0x20: space ! " # $ % & ' ( ) * + , - . / */
    S_, P_, Q_, P_, P_, P_, P_, A_, P_, P_, P_, P_, P_, P_, P_, P_,
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, P_, P_, P_, P_,
    /* 0x40: @ A-Z [ \ ] ^ _ */
    P_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, P_, P_, P_, P_, P_,
    /* 0x60: ` a-z { | } ~ DEL */
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_, P_, P_,
    /* 0x80-0xFF: UTF-8, decoded by classify_high */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_
};
#undef P_
#undef L_
#undef U_
#undef D_
#undef S_
#undef N_
#undef Q_
#undef A_
#undef H_

typedef struct cp_info {
    int cls;
    int len;       /* bytes */
    int family;    /* for C_MARK */
    int role;      /* default role for C_MARK */
} cp_info;

/* Decodes the code point at s[i], whose first byte is >= 0x80, and
 * classifies it.  Invalid sequences come back as one C_INVALID byte. */
static cp_info classify_high(const unsigned char *s, size_t len, size_t i)
{
    cp_info r = {C_PUNCT, 1, 0, 0};
    unsigned c = s[i], cp;
    size_t n, k;
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


/* Classifies the code point at s[i] (i < len). */
static cp_info classify(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    cp_info r = {C_PUNCT, 1, 0, 0};
    if (c >= 0x80)
        return classify_high(s, len, i);
    r.cls = byte_class[c];
    if (c == '"') {
        r.family = MF_DOUBLE;
        r.role = MR_OPEN | MR_CLOSE;
    }
    return r;
}

static int is_wordchar(int cls)
{
    return (unsigned)(cls - C_LETTER) <= C_DIGIT - C_LETTER;
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
    if (sc->s[i] < 0x80)
        return byte_class[sc->s[i]];
    return classify_high(sc->s, sc->len, i).cls;
}

/* Class of the code point that ends just before i.  Past an invalid byte
 * this is what stands before it (up to three continuation bytes back), as
 * it always was: keep it so, the marks' roles depend on it. */
static int cls_before(const scanner *sc, size_t i)
{
    size_t j;
    if (i == 0)
        return C_SPACE;
    if (sc->s[i - 1] < 0x80)
        return byte_class[sc->s[i - 1]];
    j = i - 1;
    while (j > 0 && (sc->s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    return classify(sc->s, sc->len, j).cls;
}

/* A word's lower-case hash and letter case, gathered while its end is
 * found.  The hash is ws_hash_lower's (lexicon.c) FNV-1a, one byte at a
 * time; the lexicon is keyed by ws_hash_lower, so any difference would
 * make every look-up miss (and test_scan, test_mentions fail). */
typedef struct word_acc {
    uint32_t hash;
    unsigned seen;   /* the classes of its ASCII letters and digits, ORed */
} word_acc;

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

static void acc_init(word_acc *a)
{
    a->hash = FNV_BASIS;
    a->seen = 0;
}

static void acc_byte(word_acc *a, unsigned b)
{
    int k = byte_class[b];
    a->hash = (a->hash ^ (k == C_UPPER ? b + 32 : b)) * FNV_PRIME;
    if (is_wordchar(k))
        a->seen |= (unsigned)k;
}

static void acc_bytes(word_acc *a, const unsigned char *w, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        acc_byte(a, w[i]);
}

/* Grows the full token array, which held the estimate ws_scan reserved,
 * to what the density of tokens so far (up to byte i) predicts for the
 * whole text, by half at least: dense text (a megabyte of marks) then
 * takes one copy or two, not one per doubling. */
static int grow_tokens(scanner *sc, size_t i)
{
    ws_doc *d = sc->d;
    size_t per = d->ntok ? i / d->ntok : 1, want, max;
    void *p;
    if (per < 1)
        per = 1;
    want = sc->len / per + 16;
    max = ((size_t)-1) / sizeof *d->tok;
    if (d->ctok >= max / 3 * 2)   /* ctok * 3/2 would overflow */
        return WS_ENOMEM;
    if (want < d->ctok + d->ctok / 2)
        want = d->ctok + d->ctok / 2;
    if (want > max)
        want = max;
    p = ws_realloc(d->mem, d->tok, d->ctok * sizeof *d->tok,
                   want * sizeof *d->tok);
    if (!p)
        return WS_ENOMEM;
    d->tok = p;
    d->ctok = want;
    return WS_OK;
}

/* Appends a token; ws_scan has made room for it (one a round). */
static inline void emit(scanner *sc, size_t start, size_t end, int type)
{
    ws_doc *d = sc->d;
    ws_token *t = &d->tok[d->ntok++];
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
}

/* Case flags, hash and lexicon flags of a word token; first is the class
 * of its first code point. */
static inline void finish_word(scanner *sc, ws_token *t, int first,
                               const word_acc *a)
{
    const unsigned char *w = sc->s + t->start;
    size_t n = t->end - t->start;
    if (first == C_UPPER)
        t->flags |= TF_CAP;
    /* two capitals or more and no small letter (only words in capitals
     * are counted again: UN, NASA, I) */
    if ((a->seen & (C_LETTER | C_UPPER)) == C_UPPER) {
        size_t i, upper = 0;
        for (i = 0; i < n && upper < 2; i++)
            upper += w[i] >= 'A' && w[i] <= 'Z';
        if (upper >= 2)
            t->flags |= TF_ALLCAPS;
    }
    if (n == 1 && (t->flags & TF_CAP))
        t->flags |= TF_INITIAL;
    t->hash = a->hash ? a->hash : 1; /* as ws_hash_lower: 0 marks an empty
                                        lexicon slot */
    t->lex = ws_lexicon_word(sc->d->lx, (const char *)w, n, t->hash);
    if ((t->lex & LX_ACRONYM) && !(t->flags & TF_ALLCAPS))
        t->lex &= ~(uint32_t)(LX_ACRONYM | LX_ORG | LX_MEDIUM);
}

/* Reads a word from i on, seg letters after its start; returns its end.
 * Every byte it takes goes into *acc. */
static size_t word_end(const scanner *sc, size_t i, size_t seg,
                       word_acc *acc)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len;
    int dotted = 0;   /* seg counts letters since the last period, for U.S. */
    uint32_t h = acc->hash;
    unsigned seen = acc->seen;
    while (i < len) {
        size_t run = i;
        unsigned b;
        cp_info c;
        /* Most of a word is a run of ASCII letters and digits: for them,
         * b | 0x20 is the lower case. */
        while (i < len) {
            int k;
            b = s[i];
            k = byte_class[b];
            if (!is_wordchar(k))
                break;
            h = (h ^ (b | 0x20)) * FNV_PRIME;
            seen |= (unsigned)k;
            i++;
        }
        seg += i - run;
        if (i >= len)
            break;
        b = s[i];
        if (b < 0x80) {
            c = classify(s, len, i);
        } else {
            c = classify_high(s, len, i);
            if (is_wordchar(c.cls)) {
                for (run = i + (size_t)c.len; i < run; i++)
                    h = (h ^ s[i]) * FNV_PRIME;
                seg++;
                continue;
            }
        }
        if ((b == '-' || b == '.' || b == ',') && i + 1 < len) {
            int prev = cls_before(sc, i), next = cls_at(sc, i + 1);
            int join = 0;
            if (b == '-' && is_wordchar(prev) && is_wordchar(next)) {
                join = 1;
                seg = 0;
            } else if (b == ',' && prev == C_DIGIT && next == C_DIGIT) {
                join = 1;
            } else if (b == '.' && prev == C_DIGIT && next == C_DIGIT) {
                join = 1;
            } else if (b == '.' && seg == 1 && is_alpha(prev) &&
                       is_alpha(next) && (i + 2 >= len || s[i + 2] == '.')) {
                /* U.S., D.C., a.m.: single letters joined by periods */
                join = 1;
                seg = 0;
                dotted = 1;
            }
            if (join) {
                h = (h ^ b) * FNV_PRIME;
                i++;
                continue;
            }
        }
        if (b == '.' && dotted && seg == 1) {
            h = (h ^ b) * FNV_PRIME;
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
                for (; i < j; i++)
                    h = (h ^ s[i]) * FNV_PRIME;
                continue;
            }
        }
        break;
    }
    acc->hash = h;
    acc->seen = seen;
    return i;
}

/* An apostrophe at i that is part of a word before a digit or a lone n:
 * '60s, 'n'.  Returns the end of that word, or 0. */
static size_t apostrophe_word(const scanner *sc, size_t i, int alen)
{
    size_t j = i + (size_t)alen;
    if (j < sc->len && cls_at(sc, j) == C_DIGIT) {
        word_acc unused;
        acc_init(&unused);
        return word_end(sc, j, 0, &unused);
    }
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

static void emit_mark(scanner *sc, size_t i, size_t end, int family, int role)
{
    int before_open = opens_after(sc, i);
    int after_close = closes_before(sc, end);
    ws_token *t;
    /* author="x": the value of a markup attribute is no quote */
    if (i > 0 && sc->s[i - 1] == '=') {
        emit(sc, i, end, TK_PUNCT);
        return;
    }
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
    emit(sc, i, end, TK_MARK);
    t = &sc->d->tok[sc->d->ntok - 1];
    t->mark = (uint8_t)family;
    t->role = (uint8_t)role;
    if (before_open)
        t->flags |= TF_SPACE_BEFORE;
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
    /* News has about one token per five bytes: reserving len/4 up front
     * spares the copies of growing by doubling, and the moments when an old
     * and a new array are both live.  Denser text grows in grow_tokens; the
     * rest is given back at the end. */
    if (sc.len && !d->ctok) {
        size_t est = sc.len / 4 + 16;
        if (est <= ((size_t)-1) / sizeof *d->tok) {
            d->tok = ws_alloc(d->mem, est * sizeof *d->tok);
            if (!d->tok)
                return WS_ENOMEM;
            d->ctok = est;
        }
    }
    while (i < sc.len) {
        unsigned b = sc.s[i];
        cp_info c = {C_PUNCT, 1, 0, 0};
        size_t end;
        int abbrev = 0, next;
        if (b < 0x80)
            c.cls = byte_class[b];   /* '"' gets its family below */
        else
            c = classify_high(sc.s, sc.len, i);
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
        /* every other round emits exactly one token */
        if (d->ntok == d->ctok && grow_tokens(&sc, i))
            return WS_ENOMEM;
        if (is_wordchar(c.cls)) {
            /* Most words are one run of ASCII letters and digits, ended by
             * a byte that cannot go on with the word: read that run here,
             * word_end reads the rest of the others. */
            word_acc a;
            unsigned h = FNV_BASIS, seen = 0;
            end = i;
            while (end < sc.len) {
                unsigned e = sc.s[end];
                int k = byte_class[e];
                if (!is_wordchar(k))
                    break;
                h = (h ^ (e | 0x20)) * FNV_PRIME;
                seen |= (unsigned)k;
                end++;
            }
            a.hash = h;
            a.seen = seen;
            if (end < sc.len && (sc.s[end] >= 0x80 || sc.s[end] == '-' ||
                                 sc.s[end] == '.' || sc.s[end] == ',' ||
                                 sc.s[end] == '\''))
                end = word_end(&sc, end, end - i, &a);
            emit(&sc, i, end, c.cls == C_DIGIT ? TK_NUMBER : TK_WORD);
            finish_word(&sc, &d->tok[d->ntok - 1], c.cls, &a);
        } else if (c.cls == C_APOS) {
            size_t w = apostrophe_word(&sc, i, c.len);
            int prev = cls_before(&sc, i);
            end = i + (size_t)c.len;
            if (w) {
                word_acc a;
                end = w;
                acc_init(&a);
                acc_bytes(&a, sc.s + i, end - i);
                emit(&sc, i, end, TK_WORD);
                finish_word(&sc, &d->tok[d->ntok - 1], C_APOS, &a);
            } else if (b == '\'' && end < sc.len && sc.s[end] == '\'') {
                end++;  /* '' stands for a double mark */
                emit_mark(&sc, i, end, MF_DOUBLE, MR_OPEN | MR_CLOSE);
            } else if (is_alpha(prev) && end < sc.len &&
                       (sc.s[end] == 's' || sc.s[end] == 'S') &&
                       !is_wordchar(cls_at(&sc, end + 1))) {
                end++;  /* the 's of Korea's */
                emit(&sc, i, end, TK_POSS);
            } else {
                emit_mark(&sc, i, end, MF_SINGLE,
                          b == '\'' ? MR_OPEN | MR_CLOSE : MR_CLOSE);
            }
        } else if (c.cls == C_MARK) {
            end = i + (size_t)c.len;
            if (b == '"') {
                c.family = MF_DOUBLE;
                c.role = MR_OPEN | MR_CLOSE;
            }
            emit_mark(&sc, i, end, c.family, c.role);
        } else {
            end = i + (size_t)c.len;
            if (b == '`' && end < sc.len && sc.s[end] == '`') {
                end++;
                emit_mark(&sc, i, end, MF_DOUBLE, MR_OPEN);
            } else if (b == '-' && end < sc.len && sc.s[end] == '-') {
                while (end < sc.len && sc.s[end] == '-')
                    end++;
                emit(&sc, i, end, TK_PUNCT);
            } else {
                emit(&sc, i, end, TK_PUNCT);
                abbrev = b == '.' && is_abbrev_before(d);
            }
        }
        next = cls_at(&sc, end);
        if (next == C_SPACE || next == C_NEWLINE)
            d->tok[d->ntok - 1].flags |= TF_SPACE_AFTER;
        sentence(&sc, &d->tok[d->ntok - 1], abbrev);
        i = end;
    }
    /* The array lives through every later stage: give back what the
     * estimate reserved beyond the tokens.  A shrink that fails (the
     * allocator contract says it does not) keeps the larger array. */
    if (d->ctok > d->ntok) {
        if (!d->ntok) {
            ws_release(d->mem, d->tok, d->ctok * sizeof *d->tok);
            d->tok = NULL;
            d->ctok = 0;
        } else {
            void *p = ws_realloc(d->mem, d->tok, d->ctok * sizeof *d->tok,
                                 d->ntok * sizeof *d->tok);
            if (p) {
                d->tok = p;
                d->ctok = d->ntok;
            }
        }
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
