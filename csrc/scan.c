/*
 * scan.c -- one pass over the bytes: words, punctuation and candidate quote
 * marks as tokens, with paragraph and sentence boundaries.
 *
 * Apostrophes are settled here where the bytes alone tell (Korea's, don't,
 * '60s, rock 'n' roll, and Trump‘s with the opening mark typed for one); a
 * trailing apostrophe after an s (countries') stays a candidate closing mark
 * that segment.c turns back into a possessive when no single quote is open.  Invalid UTF-8 bytes become punctuation tokens of
 * their own, so they never start or end a quote.
 *
 * Speed (bench/NOTES.md): this stage sees every byte, so it looks at most
 * bytes once and branches little.  ws_scan's loop reads white space, ASCII
 * punctuation and words of ASCII letters and digits itself (the last from
 * bit masks of one 16-byte SSE2 load, or eight bytes at a time: end, lower
 * case, lexicon key and capitals with no branch per byte), lex_other
 * the rest; only bytes >= 0x80 are decoded.
 * The one space after a token is read with it, and the space-after flag
 * is set when white space is met, not by looking ahead.  Neighbours are
 * read (cls_at, cls_before) where the rules ask about them, at the few
 * bytes that are not letters.  On the way it lists what later stages start
 * at (ws_doc's marks, names, cues) and counts what headlines are told by,
 * so that no later stage reads every token to find them.
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
    /* U+2000-U+203F (’ “ ” — …, most of what news has above ASCII) with
     * no loop over its bytes: always valid */
    if (c == 0xE2 && len - i > 2 && s[i + 1] == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
        cp = 0x2000 | (s[i + 2] & 0x3Fu);
        n = 2;
        goto decoded;
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
decoded:
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

/* What the lexers below read: the text (the scanner's state lives in
 * ws_scan's locals, where the compiler keeps it in registers). */
typedef struct scanner {
    const unsigned char *s;
    size_t len;
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

/* ASCII letters and digits in lower case, 0 for every other byte: the
 * loop over a word's run of them tests and lowers a byte in one look-up. */
static const unsigned char word_lower[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0
    /* 0x80-0xFF: 0 */
};

/* Whether the code point c at i stands for an apostrophe when letters are
 * on both sides of it: ’, and ‘ typed for it (Trump‘s, don‘t), which after
 * a letter opens no quote and would close one far away. */
static int apostrophe_like(const scanner *sc, size_t i, cp_info c)
{
    return c.cls == C_APOS ||
           (c.cls == C_MARK && c.family == MF_SINGLE && sc->s[i] == 0xE2 &&
            sc->s[i + 1] == 0x80 && sc->s[i + 2] == 0x98);
}

/* Whether the apostrophe-like mark at [i, end) makes a possessive 's with
 * the word before it: Korea's. */
static int possessive_s(const scanner *sc, size_t i, size_t end)
{
    return is_alpha(cls_before(sc, i)) && end < sc->len &&
           (sc->s[end] == 's' || sc->s[end] == 'S') &&
           !is_wordchar(cls_at(sc, end + 1));
}

/* Reads a word from i on, seg letters after its start; returns its end. */
static size_t word_end(const scanner *sc, size_t i, size_t seg)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len;
    int dotted = 0;   /* seg counts letters since the last period, for U.S. */
    while (i < len) {
        size_t run = i;
        unsigned b;
        cp_info c;
        /* most of a word is a run of ASCII letters and digits */
        while (i < len && word_lower[s[i]])
            i++;
        seg += i - run;
        if (i >= len)
            break;
        b = s[i];
        if (b < 0x80) {
            c = classify(s, len, i);
        } else {
            c = classify_high(s, len, i);
            if (is_wordchar(c.cls)) {
                i += (size_t)c.len;
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
                i++;
                continue;
            }
        }
        if (b == '.' && dotted && seg == 1) {
            i++; /* the closing period of U.S. */
            break;
        }
        if (apostrophe_like(sc, i, c)) {
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

/* Whether the digits at j are an elided year: two of them, with no letter
 * after but the s of a decade ('16, '60s), not an ordinal ('2nd Amendment
 * people', a quote that opens before a number). */
static int elided_year(const scanner *sc, size_t j)
{
    size_t k = j + 2;
    if (k > sc->len || cls_at(sc, j + 1) != C_DIGIT)
        return 0;
    if (k < sc->len && (sc->s[k] == 's' || sc->s[k] == 'S'))
        k++;
    return !is_wordchar(cls_at(sc, k));
}

/* An apostrophe at i that is part of a word before a year or a lone n:
 * '60s, 'n'.  Returns the end of that word, or 0. */
static size_t apostrophe_word(const scanner *sc, size_t i, int alen)
{
    size_t j = i + (size_t)alen;
    if (j < sc->len && cls_at(sc, j) == C_DIGIT && elided_year(sc, j))
        return word_end(sc, j, 0);
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
    /* ( [ { dashes and slashes stand before an opening mark (and a NUL,
     * which the strchr of these this replaced found as its end) */
    switch (sc->s[j]) {
    case '(': case '[': case '{': case '/': case '-': case ':': case '\0':
        return 1;
    default:
        return sc->s[j] >= 0x80;
    }
}

/* Whether the character class after a mark lets it close a quote. */
static int closes_before(const scanner *sc, size_t end)
{
    int c = cls_at(sc, end);
    return c == C_SPACE || c == C_NEWLINE || c == C_PUNCT || c == C_MARK ||
           c == C_APOS || c == C_INVALID;
}

/* A token as a lexer finds it, before ws_scan emits it. */
typedef struct lexeme {
    size_t end;
    int type;          /* TK_*, a mark's with its family and roles
                          (ws_mark_type); 0 for white space, which is no
                          token */
    int cls;           /* white space: C_SPACE or C_NEWLINE; a word: the
                          class of its first code point */
    unsigned flags;    /* TF_SPACE_BEFORE for a mark that may open */
    uint64_t tag;      /* words: ws_lex_tag */
    unsigned caps;     /* words: TF_CAP, TF_ALLCAPS, TF_INITIAL, CAPS_LONGER */
} lexeme;

/* A word of more than eight bytes, in a lexeme's caps, for word_lex's
 * probe: the readers know the length in a register, where the probe read
 * it from the stack.  Above the token's 16 bits of flags, which drop it. */
#define CAPS_LONGER (1u << 31)

/* Whether a markup attribute starts after the space at i: ' id="'. */
static int attribute_follows(const scanner *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t k = i + 1;
    if (i >= sc->len || s[i] != ' ' || k >= sc->len || !is_alpha(byte_class[s[k]]))
        return 0;
#ifdef WS_LEX_SSE2
    /* The name's run of letters, digits, - and _ ends at the first byte
     * below '-' (a space, most punctuation, and as signed a byte >= 0x80)
     * or before: with no '=' ahead of that byte it ends at none.  So the
     * word after nearly every mark is told from one load, with no loop
     * over it whose exit the predictor lost (9.5 k over PolNeAR train). */
    if (k + 16 <= sc->len) {
        __m128i v = _mm_loadu_si128((const void *)(s + k));
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8('-')));
        unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('=')));
        if (stop && !(eq & ((stop & (0u - stop)) - 1)))
            return 0;
    }
#endif
    while (k < sc->len && (word_lower[s[k]] || s[k] == '-' || s[k] == '_'))
        k++;
    return k + 1 < sc->len && s[k] == '=' && (s[k + 1] == '"' || s[k + 1] == '\'');
}

/* A quote mark of a family at [i, end) whose roles its neighbours decide. */
static void mark_lexeme(const scanner *sc, size_t i, size_t end, int family,
                        int role, lexeme *x)
{
    int before_open = opens_after(sc, i);
    int after_close = closes_before(sc, end);
    x->end = end;
    /* author="x": the value of a markup attribute is no quote, and the
     * mark that closes one (pic="" id=, src="a/" alt=) opens none */
    if ((i > 0 && sc->s[i - 1] == '=') ||
        (i > 1 && sc->s[i - 1] == '"' && sc->s[i - 2] == '=') ||
        attribute_follows(sc, end)) {
        x->type = TK_PUNCT;
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
    x->type = ws_mark_type((unsigned)family, (unsigned)role);
    if (before_open)
        x->flags = TF_SPACE_BEFORE;
}

/* TF_CAP, TF_ALLCAPS and TF_INITIAL of the word w[0..n) whose first code
 * point is of class first. */
static unsigned word_case(const unsigned char *w, size_t n, int first)
{
    unsigned flags = first == C_UPPER ? TF_CAP : 0;
    /* two capitals or more and no small ASCII letter (UN, NASA, I), which
     * a word that starts with one never is */
    if (byte_class[w[0]] != C_LETTER) {
        unsigned seen = 0;
        size_t k, upper = 0;
        for (k = 0; k < n; k++) {
            int cls = byte_class[w[k]];
            if (is_wordchar(cls))
                seen |= (unsigned)cls;
            upper += cls == C_UPPER;
        }
        if ((seen & (C_LETTER | C_UPPER)) == C_UPPER && upper >= 2)
            flags |= TF_ALLCAPS;
    }
    if (n == 1 && (flags & TF_CAP))
        flags |= TF_INITIAL;
    return flags;
}

/* The end, tag and case of the word s[i..end) whose first code
 * point is of class first, read from its bytes again: for the words that
 * are more than one run of ASCII letters and digits. */
static void word_info(const scanner *sc, size_t i, size_t end, int first,
                      lexeme *x)
{
    const char *w = (const char *)sc->s + i;
    size_t n = end - i;
    x->end = end;
#ifdef WS_CHUNK_LOADS
    /* one load where eight bytes are there to read, not loops of a byte
     * at a time (don't, U.S., the hyphens sse2_word does not join: 7 k
     * words over PolNeAR train):
     * the key lowered, and the case of a word of eight bytes or fewer
     * from its lanes of A-Z (ws_caps8) and a-z (the same test shifted by
     * 0x20) */
    if (i + 8 <= sc->len) {
        uint64_t c = ws_load8(w), up, small;
        if (n < 8)
            c &= ((uint64_t)1 << (8 * n)) - 1;
        up = ws_caps8(c);
        x->tag = ws_lex_tag(c | (up >> 2), n);
        if (n <= 8) {
            uint64_t t = c & 0x7F7F7F7F7F7F7F7Fu;
            small = (t + 0x1F1F1F1F1F1F1F1Fu) & ~(t + 0x0505050505050505u) & ~c &
                    0x8080808080808080u;
            x->caps = first == C_UPPER ? TF_CAP : 0;
            if (!small && (up & (up - 1)))
                x->caps |= TF_ALLCAPS;   /* as word_case: UN, NASA */
            if (n == 1 && first == C_UPPER)
                x->caps |= TF_INITIAL;
            return;
        }
    } else
#endif
        x->tag = ws_lex_tag(ws_lex_key(w, n), n);
    x->caps = word_case(sc->s + i, n, first) | (unsigned)(n > 8) * CAPS_LONGER;
}

/*
 * Words of ASCII letters and digits, most words, are read eight bytes at a
 * time where the compiler and the byte order allow (GCC and Clang, little
 * endian): the bytes of a chunk are tested and lowered together, and a
 * word's end, key and case come with no branch per byte, which is
 * what the scanner's time went to (bench/NOTES.md).  Elsewhere, and for the
 * last bytes of a text, a byte at a time, with the same results (build
 * with -DWS_BYTEWISE_WORDS to run that way everywhere).
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(WS_BYTEWISE_WORDS)
#define CHUNKED_WORDS 1
#define LANES_HI 0x8080808080808080u
#define LANES_20 0x2020202020202020u

/* 0x80 in each byte ("lane") of x that is an ASCII letter or digit; the
 * lanes that are letters in *letters. */
static inline uint64_t alnum_lanes(uint64_t x, uint64_t *letters)
{
    uint64_t a = x & 0x7F7F7F7F7F7F7F7Fu, y = a | LANES_20;
    uint64_t l = ((y | LANES_HI) - 0x6161616161616161u) &
                 ((0x7A7A7A7A7A7A7A7Au | LANES_HI) - y);
    uint64_t dg = ((a | LANES_HI) - 0x3030303030303030u) &
                  ((0x3939393939393939u | LANES_HI) - a);
    uint64_t ascii = ~x & LANES_HI;
    *letters = l & ascii;
    return (l | dg) & ascii;
}
#endif

/*
 * With SSE2 (every x86-64), a word of fewer than fifteen bytes, most
 * words, is read from one 16-byte load classified into bit masks, one bit
 * a byte (as simdjson reads JSON): its end is the first clear bit of the
 * mask of letters and digits, its case two masks' bits below the end, and
 * whether word_end must go on after it (a byte >= 0x80, or - . , ' before
 * a letter, a digit or a byte >= 0x80) two more masks' bits at the end,
 * with no branch.  Longer words, and the last bytes of a text, take the
 * path above (with -DWS_PORTABLE_SCAN, every word does), with the same
 * results: test_scan holds the two to each other on random texts.
 */
#if defined(CHUNKED_WORDS) && defined(__SSE2__) && defined(__x86_64__) && \
    !defined(WS_PORTABLE_SCAN)
#include <emmintrin.h>
#define SSE2_WORDS 1

/* Bit k set where byte k of v is in [lo, hi] (0 < lo <= hi < 0x80): v - lo,
 * moved by 0x80, is below -128 + hi - lo + 1 as signed where v - lo is at
 * most hi - lo as unsigned (a byte >= 0x80 is in no such range).  One add
 * and one compare, not two compares and an and. */
static inline __m128i in_range(__m128i v, char lo, char hi)
{
    return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo))),
                          _mm_set1_epi8((char)(-128 + (hi - lo) + 1)));
}

/* ws_lex_tag of a word of n bytes (n < 15) from the eight bytes at its
 * start, lowered: (bytes & lanes) ^ length.  A word of eight bytes or
 * fewer keeps its own lanes and has n in the top byte; a longer one loses
 * the top half of its eighth byte and has 0x10 | n's low half there
 * (internal.h).  Two operands by n, where the mask of first lanes, the
 * length shifted into place and ws_lex_tag's mask for a longer word took
 * some fifteen instructions a word. */
#define TAG_SHORT(n) {~(uint64_t)0 >> (64 - 8 * (n)), (uint64_t)(n) << 56, 0}
#define TAG_LONGER(n) {0x0FFFFFFFFFFFFFFFu, (uint64_t)(0x10 | ((n) & 0x0F)) << 56, \
                       CAPS_LONGER}
static const struct word_tag_of_length {
    uint64_t lanes, length;
    unsigned longer;
} word_tag[15] = {
    {0, 0, 0}, TAG_SHORT(1), TAG_SHORT(2), TAG_SHORT(3), TAG_SHORT(4),
    TAG_SHORT(5), TAG_SHORT(6), TAG_SHORT(7), TAG_SHORT(8), TAG_LONGER(9),
    TAG_LONGER(10), TAG_LONGER(11), TAG_LONGER(12), TAG_LONGER(13), TAG_LONGER(14)
};
#undef TAG_SHORT
#undef TAG_LONGER

/* The word at i as ascii_word reads it, from the 16 bytes at i (i + 16 <=
 * len); 0 for a word of fifteen bytes or more, which it leaves to the
 * chunk loop.  *joins: whether word_end must read on after it. */
static WS_HOT_INLINE int sse2_word(const unsigned char *s, size_t i, int first,
                                   lexeme *x, int *joins)
{
    __m128i v = _mm_loadu_si128((const void *)(s + i));
    __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = in_range(folded, 'a', 'z');
    __m128i small = in_range(v, 'a', 'z');
    __m128i word = _mm_or_si128(letter, in_range(v, '0', '9'));
    /* , - . are 0x2C-0x2E */
    __m128i joiner = _mm_or_si128(in_range(v, ',', '.'),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
    unsigned wm = (unsigned)_mm_movemask_epi8(word);
    unsigned hm = (unsigned)_mm_movemask_epi8(v);
    unsigned n = (unsigned)__builtin_ctz(~wm), below, up, goes_on;
    uint64_t c8;
    if (n >= 15)
        return 0;
    /* - . , ' at the end joins only before a letter, digit or byte >= 0x80:
     * the lanes where word_end would read on, found before the end is
     * known (not shifted by n, then by n + 1) */
    goes_on = hm | ((unsigned)_mm_movemask_epi8(joiner) & (wm | hm) >> 1);
    *joins = (int)(goes_on >> n & 1);
    /* Jong-un, well-known (4.4 k of the 11.4 k words word_end went on
     * with over PolNeAR train): a hyphen between two runs joins them, and
     * where the second ends in these lanes with nothing to go on with,
     * that is the word's end, as word_end would find it, with no call (a
     * second join is left to word_end, which counts the letters since the
     * hyphen for U.S.) */
    if (*joins && s[i + n] == '-' && (wm >> (n + 1) & 1)) {
        unsigned e = n + 1 + (unsigned)__builtin_ctz(~(wm >> (n + 1)));
        if (e < 15 && !(goes_on >> e & 1)) {
            n = e;
            *joins = 0;
        }
    }
    below = (1u << n) - 1;
    up = (unsigned)_mm_movemask_epi8(letter) & ~(unsigned)_mm_movemask_epi8(small) & below;
    c8 = (uint64_t)_mm_cvtsi128_si64(folded);
    x->tag = (c8 & word_tag[n].lanes) ^ word_tag[n].length;
    x->end = i + n;
    /* a capital alone as a product, not a branch: Clang made the test one,
     * and whether a word is that is the text's coin toss */
    x->caps = (unsigned)(first == C_UPPER) * (TF_CAP | (unsigned)(n == 1) * TF_INITIAL) |
              word_tag[n].longer;
    /* two capitals or more and no small letter: UN, NASA */
    if (!((unsigned)_mm_movemask_epi8(small) & below) && (up & (up - 1)))
        x->caps |= TF_ALLCAPS;
    return 1;
}
#endif

/* Whether word_end must read on after the run of ASCII letters and digits
 * that ends at e: it joins at - . , ' only before a letter or digit, or a
 * byte >= 0x80, which it decodes. */
static inline int word_joins(const unsigned char *s, size_t len, size_t e)
{
    return e < len && (s[e] >= 0x80 ||
                       ((s[e] == '-' || s[e] == '.' || s[e] == ',' ||
                         s[e] == '\'') && e + 1 < len &&
                        (s[e + 1] >= 0x80 || word_lower[s[e + 1]])));
}

/* The run of ASCII letters and digits at i, whose first byte is of class
 * first, as a word: its end, key and case in *x; returns whether
 * word_end must read on after it (word_joins). */
static WS_HOT_INLINE int ascii_word(const unsigned char *s, size_t len, size_t i,
                                    int first, lexeme *x)
{
    size_t e = i, k = 0, nupper = 0;
    uint64_t chunk = 0, key = 0;
    unsigned lower = 0, v;
#ifdef SSE2_WORDS
    int joins;
    if (i + 16 <= len && sse2_word(s, i, first, x, &joins))
        return joins;
#endif
#ifdef CHUNKED_WORDS
    while (e + 8 <= len) {
        uint64_t c8, letters, w, z, m, up, lo;
        unsigned n;
        memcpy(&c8, s + e, 8);
        w = alnum_lanes(c8, &letters);
        z = ~w & LANES_HI;
        n = z ? (unsigned)__builtin_ctzll(z) >> 3 : 8;
        m = n == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
        /* bit 5 of a letter, shifted to bit 7, is set in lower case */
        up = letters & ~(c8 << 2) & m;
        lo = letters & (c8 << 2) & m;
        /* min(capitals, 2): the test below asks for two */
        nupper += (up != 0) + ((up & (up - 1)) != 0);
        lower |= lo != 0;
        if (n) {
            uint64_t lowered = (c8 | LANES_20) & m;
            if (e == i)
                key = lowered;
        }
        e += n;
        if (n < 8)
            goto done;
    }
#endif
    /* a byte at a time, chunk by chunk */
    while (e < len && (v = word_lower[s[e]]) != 0) {
        chunk |= (uint64_t)v << (8 * k);
        nupper += byte_class[s[e]] == C_UPPER;
        lower |= byte_class[s[e]] == C_LETTER;
        e++;
        if (++k == 8 || e == len || !word_lower[s[e]]) {
            if (e - k == i)
                key = chunk;
            chunk = 0;
            k = 0;
        }
    }
#ifdef CHUNKED_WORDS
done:
#endif
    x->end = e;
    x->tag = ws_lex_tag(key, e - i);
    x->caps = (first == C_UPPER ? TF_CAP : 0) | (unsigned)(e - i > 8) * CAPS_LONGER;
    if (!lower && nupper >= 2)
        x->caps |= TF_ALLCAPS;   /* UN, NASA: two capitals, no small letter */
    if (e - i == 1 && first == C_UPPER)
        x->caps |= TF_INITIAL;
    return word_joins(s, len, e);
}

/* The lexeme at i for what ws_scan's loop does not read itself: bytes
 * >= 0x80, apostrophes, quote marks, ` and -. */
static lexeme lex_other(const scanner *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len, end;
    unsigned b = s[i];
    cp_info c = classify(s, len, i);
    lexeme x;
    memset(&x, 0, sizeof x);
    x.cls = c.cls;
    end = i + (size_t)c.len;
    x.end = end;
    if (c.cls == C_SPACE || c.cls == C_NEWLINE)
        return x;
    if (is_wordchar(c.cls)) {
        /* a word that starts with a letter >= 0x80 */
        x.type = TK_WORD;
        word_info(sc, i, word_end(sc, i, 0), c.cls, &x);
    } else if (c.cls == C_APOS) {
        size_t w = apostrophe_word(sc, i, c.len);
        if (w) {
            x.type = TK_WORD;
            word_info(sc, i, w, C_APOS, &x);
        } else if (b == '\'' && end < len && s[end] == '\'') {
            /* '' stands for a double mark */
            mark_lexeme(sc, i, end + 1, MF_DOUBLE, MR_OPEN | MR_CLOSE, &x);
        } else if (possessive_s(sc, i, end)) {
            x.end = end + 1;  /* the 's of Korea's */
            x.type = TK_POSS;
        } else {
            mark_lexeme(sc, i, end, MF_SINGLE,
                        b == '\'' ? MR_OPEN | MR_CLOSE : MR_CLOSE, &x);
        }
    } else if (c.cls == C_MARK && apostrophe_like(sc, i, c) && possessive_s(sc, i, end)) {
        x.end = end + 1;  /* Trump‘s */
        x.type = TK_POSS;
    } else if (c.cls == C_MARK) {
        mark_lexeme(sc, i, end, c.family, c.role, &x);
    } else if (b == '`' && end < len && s[end] == '`') {
        mark_lexeme(sc, i, end + 1, MF_DOUBLE, MR_OPEN, &x);
    } else {
        while (b == '-' && x.end < len && s[x.end] == '-')
            x.end++;  /* -- and longer runs are one dash */
        x.type = TK_PUNCT;
    }
    return x;
}

/* Grows the full token array, which held the estimate ws_scan reserved,
 * to what the density of tokens so far (up to byte i) predicts for the
 * whole text, by half at least: dense text (a megabyte of marks) then
 * takes one copy or two, not one per doubling. */
static int grow_tokens(ws_doc *d, size_t i)
{
    size_t per = d->ntok ? i / d->ntok : 1, want, max;
    void *p;
    if (per < 1)
        per = 1;
    want = d->len / per + 16;
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

static int list_add(const ws_mem *m, ws_toklist *l, size_t k)
{
    if (ws_grow(m, (void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return WS_ENOMEM;
    l->v[l->n++] = (uint32_t)k;
    return WS_OK;
}

/* Makes room for one token more in d->tok and in both of ws_doc's word
 * lists (names, cues), whose counts d holds; returns how many tokens more
 * fit in all three (at least one), or 0 when out of memory.  ws_scan
 * tests its count of tokens against the end of that room, one test a
 * token where it tested the three (a word is listed in each list at most
 * once). */
static size_t make_room(ws_doc *d, size_t i)
{
    size_t room;
    if ((d->ntok == d->ctok && grow_tokens(d, i)) ||
        ws_grow(d->mem, (void **)&d->names.v, &d->names.cap, d->names.n + 1,
                sizeof *d->names.v) ||
        ws_grow(d->mem, (void **)&d->cues.v, &d->cues.cap, d->cues.n + 1,
                sizeof *d->cues.v))
        return 0;
    room = d->ctok - d->ntok;
    if (room > d->names.cap - d->names.n)
        room = d->names.cap - d->names.n;
    if (room > d->cues.cap - d->cues.n)
        room = d->cues.cap - d->cues.n;
    return room;
}

/* Whether the run of ASCII letters and digits s[i..e) that ascii_word
 * says may join what follows (word_joins) ends at e after all, as word_end
 * would find: the common cases at a glance, for 14 k of the 26 k words
 * that ask over PolNeAR train (said,” and said.” , Trump’s and Korea's,
 * a mark or space of U+2000-U+203F but ‘ ’, a no-break space); 0 leaves
 * the word to word_end. */
static inline int ends_after_all(const unsigned char *s, size_t len, size_t i, size_t e)
{
    size_t k = e + 1;
    switch (s[e]) {
    case ',':   /* joins digits only: 1,000 */
        return !(k < len && (unsigned)(s[e - 1] - '0') < 10u &&
                 (unsigned)(s[k] - '0') < 10u);
    case '.':   /* after two letters or more, joins digits only: 3.5 */
        return e - i >= 2 && !(k < len && (unsigned)(s[k] - '0') < 10u);
    case 0xC2:
        return k < len && s[k] == 0xA0;
    case 0xE2:
        if (k + 1 >= len || s[k] != 0x80)
            return 0;
        if ((s[k + 1] | 1) != 0x99)
            return 1;
        k += 2;   /* ‘ or ’: a possessive? */
        break;
    case '\'':
        break;
    default:
        return 0;
    }
    /* an apostrophe before s and no letter or digit is a possessive, a
     * token of its own */
    return k < len && (s[k] | 32) == 's' &&
           (k + 1 >= len || (s[k + 1] < 0x80 && !word_lower[s[k + 1]]));
}

/* The word at i, whose first byte (ASCII, a letter or digit) is of class
 * cls: most words are one run of ASCII letters and digits, ended by a byte
 * that cannot go on with the word, which ascii_word reads; word_end reads
 * the rest of the others. */
static WS_HOT_INLINE void read_word(const unsigned char *s, size_t len,
                                    const scanner *sc, size_t i, int cls, lexeme *x)
{
    if (ascii_word(s, len, i, cls, x) && !ends_after_all(s, len, i, x->end)) {
        size_t e = word_end(sc, x->end, x->end - i);
        /* read again only when it goes on (don't, U.S.), not where it
         * ends after all (said,” or Trump’s): ascii_word's end, key and
         * case are word_info's for the same bytes.
         * Through y: x's address is taken nowhere once this is inlined,
         * the compiler can keep its fields in registers. */
        if (e != x->end) {
            lexeme y;
            word_info(sc, i, e, cls, &y);
            x->end = y.end;
            x->tag = y.tag;
            x->caps = y.caps;
        }
    }
}

/* The lexicon flags of the word s[i..x->end) whose token's flags are
 * flags: an acronym's (the orgs' and media's) only in capitals. */
static WS_HOT_INLINE uint32_t word_lex(const ws_lexicon *lx, const unsigned char *s,
                                       size_t i, const lexeme *x, unsigned flags)
{
    uint32_t lex = ws_lexicon_tag_word_longer(lx, (const char *)s + i, x->end - i, x->tag,
                                              0u - x->caps / CAPS_LONGER);
    if ((lex & LX_ACRONYM) && !(flags & TF_ALLCAPS))
        lex &= ~(uint32_t)(LX_ACRONYM | LX_ORG | LX_MEDIUM);
    return lex;
}

/* The counts of ws_doc's names and cues lists from ws_scan's ends. */
static inline void lists_count(ws_doc *d, const uint32_t *name_at, const uint32_t *cue_at)
{
    d->names.n = (size_t)(name_at - d->names.v);
    d->cues.n = (size_t)(cue_at - d->cues.v);
}

/*
 * One pass over the bytes.  The loop reads white space, words of ASCII
 * letters and digits, and ASCII punctuation itself, the rest through
 * lex_other; then emits the token: its flags, its lexicon entry, its
 * sentence and paragraph, and the first token of each new sentence and
 * paragraph in d->sent_first and d->para_first.
 */
int ws_scan(ws_doc *d)
{
    scanner sc;
    const unsigned char *s = (const unsigned char *)d->text;
    const ws_lexicon *lx = d->lx;
    size_t len = d->len, i = 0, ntok = 0, csf = 0, cpf = 0;
    size_t room_end = 0;   /* the token make_room's room ends before */
    ws_token *tok;
    /* the next entries of ws_doc's names and cues lists: in locals, since
     * the token's byte stores may alias d's fields as far as the compiler
     * knows (it read and wrote d->names and d->cues again at every word,
     * bench/NOTES.md, "Fifth round"); their counts go back into d at the
     * end and before each exit */
    uint32_t *name_at, *cue_at;
    /* TF_PARA, TF_SENT and TF_SPACE_BEFORE for the next token: the first
     * starts a paragraph */
    unsigned pending = TF_SPACE_BEFORE | TF_PARA | TF_SENT;
    int sent_end = 0;   /* the last sentence may end before the next word */
    uint32_t sent = 0, para = 0;
    sc.s = s;
    sc.len = len;
    /* News has a little under one token per five bytes: reserving len/5
     * up front spares the copies of growing by doubling, and the moments
     * when an old and a new array are both live.  Denser text grows in
     * grow_tokens; the rest is given back at the end. */
    if (len && !d->ctok) {
        size_t est = len / 5 + 16;
        if (est <= ((size_t)-1) / sizeof *d->tok) {
            d->tok = ws_alloc(d->mem, est * sizeof *d->tok);
            if (!d->tok)
                return WS_ENOMEM;
            d->ctok = est;
        }
    }
    /* the lists and the sentences and paragraphs at about the sizes news
     * needs (they grow for more): a document is read with few copies; the
     * names and cues, live through the mention stage's peak, exactly at
     * the estimate, not rounded up to a power of two */
    if (ws_grow(d->mem, (void **)&d->sent_first, &csf, len / 96 + 16,
                sizeof *d->sent_first) ||
        ws_grow(d->mem, (void **)&d->para_first, &cpf, len / 192 + 16,
                sizeof *d->para_first) ||
        ws_reserve(d->mem, (void **)&d->names.v, &d->names.cap, len / 24 + 16,
                   sizeof *d->names.v) ||
        ws_reserve(d->mem, (void **)&d->cues.v, &d->cues.cap, len / 96 + 16,
                   sizeof *d->cues.v) ||
        ws_grow(d->mem, (void **)&d->marks.v, &d->marks.cap, len / 128 + 16,
                sizeof *d->marks.v))
        goto nomem_counted;
    tok = d->tok;
    name_at = d->names.v;
    cue_at = d->cues.v;
    d->sent_first[0] = d->para_first[0] = 0;
    while (i < len) {
        unsigned b = s[i], flags;
        int cls = byte_class[b], period = 0;
        lexeme x;
        ws_token *t;
        if (cls == C_SPACE || cls == C_NEWLINE) {
            x.type = 0;
            x.cls = cls;
            x.end = i + 1;
        } else if (is_wordchar(cls)) {
            read_word(s, len, &sc, i, cls, &x);
            x.type = cls == C_DIGIT ? TK_NUMBER : TK_WORD;
            x.cls = cls;
            x.flags = 0;
        } else if (cls == C_PUNCT && b != '`' && b != '-') {
            x.end = i + 1;
            x.type = TK_PUNCT;
            x.cls = cls;
            x.flags = 0;
            x.tag = 0;
            x.caps = 0;
            period = b == '.';
        } else {
            x = lex_other(&sc, i);
        }
        if (!x.type) {
            /* white space: the token before it, if it ends here, has a
             * space after it */
            if (!(pending & TF_SPACE_BEFORE) && ntok)
                tok[ntok - 1].flags |= TF_SPACE_AFTER;
            pending |= TF_SPACE_BEFORE;
            if (x.cls == C_NEWLINE && !(pending & TF_PARA)) {
                /* the next token starts a paragraph and a sentence: they
                 * are counted here, at the line's first break after a
                 * token, and not tested at every token (undone at the end
                 * when no token follows) */
                pending |= TF_PARA | TF_SENT;
                sent_end = 0;
                para++;
                sent++;
                if (ws_grow(d->mem, (void **)&d->sent_first, &csf, sent + 2,
                            sizeof *d->sent_first) ||
                    ws_grow(d->mem, (void **)&d->para_first, &cpf, para + 2,
                            sizeof *d->para_first))
                    goto nomem;
                d->sent_first[sent] = (uint32_t)ntok;
                d->para_first[para] = (uint32_t)ntok;
            }
            i = x.end;
            continue;
        }
        if (ntok == room_end) {
            size_t room;
            d->ntok = ntok;
            lists_count(d, name_at, cue_at);
            room = make_room(d, i);
            tok = d->tok;
            name_at = d->names.v + d->names.n;
            cue_at = d->cues.v + d->cues.n;
            if (!room)
                goto nomem;
            room_end = ntok + room;
        }
        t = &tok[ntok++];
        flags = pending | x.flags;
        pending = 0;
        t->start = (uint32_t)i;
        t->end = (uint32_t)x.end;
        t->type = (uint8_t)x.type;
        t->ch = (uint8_t)b;
        t->lex = 0;
        if (x.type == TK_WORD || x.type == TK_NUMBER) {
            int word;
            flags |= x.caps;
            t->lex = word_lex(lx, s, i, &x, flags);
            /* for the stages that start at such words: whether a word is
             * listed is a coin toss for the branch predictor, so the token
             * is written past the end of both lists (make_room made room
             * for it) and each end moves by whether it is listed there */
            word = x.type == TK_WORD;
            *name_at = (uint32_t)(ntok - 1);
            name_at += word & (((flags & TF_CAP) != 0) |
                               ((t->lex & (LX_TITLE | LX_ROLE)) != 0));
            *cue_at = (uint32_t)(ntok - 1);
            cue_at += word & ((t->lex & (LX_CUE | LX_PHRASE_HEAD | LX_CHANNEL)) != 0);
        } else if (ws_type_is_mark((unsigned)x.type) && list_add(d->mem, &d->marks, ntok - 1)) {
            goto nomem;
        }
        /* sentences: a paragraph starts one; after its end, a capitalised
         * word, a number or an opening mark starts the next.  The first
         * token of each goes into d->sent_first and d->para_first here,
         * where it is known to start one, so that the other tokens test
         * nothing for them (sent_first[k] is sentence k's, para_first
         * likewise). */
        if (sent_end) {
            if ((x.type == TK_WORD && (flags & TF_CAP)) || x.type == TK_NUMBER ||
                (ws_type_is_mark((unsigned)x.type) &&
                 ws_type_mark_role((unsigned)x.type) == MR_OPEN)) {
                flags |= TF_SENT;
                sent++;
                sent_end = 0;
                if (ws_grow(d->mem, (void **)&d->sent_first, &csf, sent + 2,
                            sizeof *d->sent_first))
                    goto nomem;
                d->sent_first[sent] = (uint32_t)(ntok - 1);
            } else if (x.type == TK_WORD || x.type == TK_NUMBER)
                sent_end = 0;
        }
        t->flags = (uint16_t)flags;
        t->sent = sent;
        if (x.type == TK_PUNCT) {
            /* a period after an abbreviation or an initial ends nothing */
            if (period)
                sent_end = !(ntok > 1 && tok[ntok - 2].type == TK_WORD &&
                             tok[ntok - 2].end == i &&
                             ((tok[ntok - 2].lex & LX_ABBREV) ||
                              (tok[ntok - 2].flags & TF_INITIAL))) || sent_end;
            else if (b == '!' || b == '?' ||
                     (b == 0xE2 && x.end - i == 3 && s[i + 1] == 0x80 &&
                      s[i + 2] == 0xA6))   /* ... */
                sent_end = 1;
        }
        i = x.end;
        /* the one space that follows most tokens, read here */
        if (i < len && s[i] == ' ') {
            t->flags |= TF_SPACE_AFTER;
            pending = TF_SPACE_BEFORE;
            i++;
            /* Then the words of ASCII letters and digits that follow,
             * each after one space, while no sentence is to start: most of
             * a text.  A loop of their own, which uses a few of the
             * scanner's variables only, so that the compiler keeps those
             * in registers here (in the loop above, which holds more than
             * x86-64 has, it reloaded them at every token).  A word here
             * has no TF_PARA, and after it sent_end is 0 as it was.  Its
             * listing and counting of a word are the loop above's, written
             * again: as shared inline helpers they cost 0.3-0.6 M Ir over
             * PolNeAR train (callgrind; GCC allocated the registers worse). */
            while (!sent_end && i < len && ntok < room_end) {
                unsigned wb = s[i];
                int wcls = byte_class[wb];
                uint32_t lex;
                int word = wcls != C_DIGIT;
                if (!is_wordchar(wcls))
                    break;
                read_word(s, len, &sc, i, wcls, &x);
                t = &tok[ntok++];
                flags = TF_SPACE_BEFORE | x.caps;
                t->start = (uint32_t)i;
                t->end = (uint32_t)x.end;
                /* TK_WORD is TK_NUMBER - 1 (internal.h): no select */
                t->type = (uint8_t)(TK_NUMBER - word);
                t->ch = (uint8_t)wb;
                lex = word_lex(lx, s, i, &x, flags);
                t->lex = lex;
                *name_at = (uint32_t)(ntok - 1);
                name_at += word & (((flags & TF_CAP) != 0) |
                                   ((lex & (LX_TITLE | LX_ROLE)) != 0));
                *cue_at = (uint32_t)(ntok - 1);
                cue_at += word & ((lex & (LX_CUE | LX_PHRASE_HEAD | LX_CHANNEL)) != 0);
                t->sent = sent;
                i = x.end;
                if (i < len && s[i] == ' ') {
                    t->flags = (uint16_t)(flags | TF_SPACE_AFTER);
                    i++;
                } else {
                    t->flags = (uint16_t)flags;
                    pending = 0;
                    break;
                }
            }
        }
    }
    d->ntok = ntok;
    lists_count(d, name_at, cue_at);
    if ((pending & TF_PARA) && ntok) {
        para--;   /* line breaks at the end: no paragraph after them */
        sent--;
    }
    /* the end of the text counts as a space after the last token */
    if (ntok && !(pending & TF_SPACE_BEFORE))
        tok[ntok - 1].flags |= TF_SPACE_AFTER;
    /* The array lives through every later stage: give back what the
     * estimate reserved beyond the tokens. */
    ws_shrink(d->mem, (void **)&d->tok, &d->ctok, ntok, sizeof *d->tok);
    d->nsent = ntok ? sent + 1 : 0;
    d->npara = ntok ? para + 1 : 0;
    /* each array ends with ntok (0 words), and holds nsent + 1 (npara + 1)
     * entries, the sizes ws_doc_free releases */
    if (ws_grow(d->mem, (void **)&d->sent_first, &csf, d->nsent + 1,
                sizeof *d->sent_first) ||
        ws_grow(d->mem, (void **)&d->para_first, &cpf, d->npara + 1,
                sizeof *d->para_first))
        goto nomem;
    d->sent_first[d->nsent] = (uint32_t)ntok;
    d->para_first[d->npara] = (uint32_t)ntok;
    ws_shrink(d->mem, (void **)&d->sent_first, &csf, d->nsent + 1,
              sizeof *d->sent_first);
    ws_shrink(d->mem, (void **)&d->para_first, &cpf, d->npara + 1,
              sizeof *d->para_first);
    return ws_sent_paras(d);
nomem:
    /* the boundary arrays are not yet of the sizes ws_doc_free assumes */
    d->ntok = ntok;
    lists_count(d, name_at, cue_at);
nomem_counted:
    ws_release(d->mem, d->sent_first, csf * sizeof *d->sent_first);
    ws_release(d->mem, d->para_first, cpf * sizeof *d->para_first);
    d->sent_first = d->para_first = NULL;
    return WS_ENOMEM;
}
