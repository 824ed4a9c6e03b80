/*
 * html.c -- HTML input: the visible text of an HTML document and, for every
 * byte of it, where it came from in the HTML.
 *
 * The stages read the visible text; core.c maps what they found back to
 * HTML offsets with ws_html_span().  What is visible is what a browser
 * shows, for the cases news markup needs:
 *   - tags are skipped; an attribute value in quotes may hold '>';
 *   - character references are decoded: the common named ones (&ldquo;
 *     &amp; &nbsp; &eacute; ...), &amp; &lt; &gt; &quot; &nbsp; &copy; &reg;
 *     even without their ';', and every numeric one (&#8221; &#x201D;; 0,
 *     surrogates and values past U+10FFFF become U+FFFD, 0x80-0x9F are read
 *     as Windows-1252, as browsers do); an unknown one stays as written;
 *   - runs of white space become one space, none at a paragraph's ends;
 *   - block elements (p, br, li, div, h1-h6, blockquote, tr, ul, table,
 *     section ...) end the paragraph: the visible text gets "\n\n", which
 *     scan.c reads as a paragraph break; td and th are a space;
 *   - <q> is a quote: its content gets curly double marks (single ones in
 *     a <q> inside a <q>) unless it brings its own marks; a paragraph break
 *     closes the <q> elements still open, as </p> does in a browser;
 *   - <blockquote> is a quote too: a mark opens its first paragraph and
 *     each later one (the newspaper convention for a quote carried over
 *     paragraphs), a mark closes its last, unless it brings its own marks;
 *   - script, style, noscript, template, title, textarea, iframe, xmp,
 *     noembed and noframes are skipped with their content (up to their end
 *     tag, or the end of the input), and so are comments (an unterminated
 *     one runs to the end, as in a browser), <!DOCTYPE ...> and <?...>;
 *   - a '<' that starts no tag ("a < b", "<3") is text; a tag cut off by
 *     the end of the input is dropped.
 *
 * The map is a list of runs over the visible text: an exact run copies
 * bytes one for one (visible byte v came from HTML byte src + v - vis); any
 * other run (a reference, a collapsed space, a mark made for <q>, a
 * paragraph break) comes as a whole from its HTML span [src, src + srclen).
 */
#include <string.h>
#include "internal.h"

enum { QMAX = 32 };   /* <q> nesting followed; deeper ones are plain */

typedef struct conv {
    ws_html *h;
    const unsigned char *s;
    size_t len;
    /* white space and a paragraph break waiting for the next character */
    int pend_space, pend_break;
    size_t space_src, space_end, break_src, break_end;
    int para_start;        /* nothing visible since the last break */
    unsigned long last;    /* last visible code point (not white space) */
    /* open <q> elements: 0 no mark made, 1 open mark made, 2 pending */
    int qdepth;
    unsigned char qstate[QMAX];
    size_t qsrc[QMAX], qend[QMAX];   /* the <q> tag of a pending mark */
    /* <blockquote>: depth; -1 undecided, 0 own marks, 1 marks made */
    int bq, bq_marks;
    size_t bq_src, bq_end;
    int pre;               /* inside <pre>: newlines break paragraphs */
} conv;

static int put(conv *c, const char *bytes, size_t n, size_t src,
               size_t srclen, int exact)
{
    ws_html *h = c->h;
    ws_html_run *r;
    if (n == 0)
        return WS_OK;
    if (ws_grow(h->mem, (void **)&h->text, &h->cap, h->len + n + 1, 1))
        return WS_ENOMEM;
    memcpy(h->text + h->len, bytes, n);
    r = h->nrun ? &h->run[h->nrun - 1] : NULL;
    if (exact && r && r->exact && r->src + r->srclen == src &&
        r->vis + r->srclen == h->len) {
        r->srclen += n;
    } else {
        if (ws_grow(h->mem, (void **)&h->run, &h->crun, h->nrun + 1,
                    sizeof *h->run))
            return WS_ENOMEM;
        r = &h->run[h->nrun++];
        r->vis = h->len;
        r->src = src;
        r->srclen = srclen;
        r->exact = exact;
    }
    h->len += n;
    h->text[h->len] = '\0';
    return WS_OK;
}

static size_t utf8_put(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int put_cp(conv *c, unsigned long cp, size_t src, size_t srclen)
{
    char buf[4];
    return put(c, buf, utf8_put(buf, cp), src, srclen, 0);
}

static int opens_itself(unsigned long cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201E || cp == 0x201F ||
           cp == 0xAB;
}

static int closes_itself(unsigned long cp)
{
    return cp == '"' || cp == 0x201D || cp == 0xBB;
}

/* A closing mark made for the end tag at [src, end): it goes right after
 * the text it closes, before the space or break still pending, which then
 * come from after the tag (the map stays in HTML order). */
static int put_close(conv *c, unsigned long cp, size_t src, size_t end)
{
    c->last = cp;
    if (c->pend_break && c->break_src < end) {
        c->break_src = end;
        if (c->break_end < end)
            c->break_end = end;
    }
    if (c->pend_space && c->space_src < end) {
        c->space_src = end;
        if (c->space_end < end)
            c->space_end = end;
    }
    return put_cp(c, cp, src, end - src);
}

/* The marks of the <q> at nesting level k: “ ” outside, ‘ ’ inside. */
static unsigned long q_open(int k) { return (k & 1) ? 0x2018 : 0x201C; }
static unsigned long q_close(int k) { return (k & 1) ? 0x2019 : 0x201D; }

/* Before a visible character cp that comes from HTML offset at: the
 * pending paragraph break or space, then the pending marks. */
static int flush(conv *c, unsigned long cp, size_t at)
{
    int rc, k, newpara = 0;
    size_t lo = WS_NOPOS;
    /* marks that open here whose tags came before the pending break or
     * space ("<q> x"): the break or space is put where they start, so
     * that the map stays in HTML order */
    if (!opens_itself(cp)) {
        if (c->bq && c->bq_marks < 0)
            lo = c->bq_src;
        for (k = 0; k < c->qdepth && k < QMAX; k++)
            if (c->qstate[k] == 2 && c->qsrc[k] < lo)
                lo = c->qsrc[k];
    }
    if (c->pend_break && c->break_src > lo)
        c->break_src = c->break_end = lo;
    if (c->pend_space && c->space_src > lo)
        c->space_src = c->space_end = lo;
    if (c->pend_break && !c->para_start) {
        rc = put(c, "\n\n", 2, c->break_src, c->break_end - c->break_src, 0);
        if (rc)
            return rc;
        newpara = 1;
    } else if (c->pend_space && !c->para_start) {
        rc = put(c, " ", 1, c->space_src, c->space_end - c->space_src, 0);
        if (rc)
            return rc;
    }
    if (c->pend_break)
        newpara = 1;
    c->pend_break = c->pend_space = 0;
    c->para_start = 0;
    if (c->bq) {
        if (c->bq_marks < 0) {
            c->bq_marks = opens_itself(cp) ? 0 : 1;
            if (c->bq_marks &&
                (rc = put_cp(c, 0x201C, c->bq_src, c->bq_end - c->bq_src)))
                return rc;
        } else if (c->bq_marks == 1 && newpara && !opens_itself(cp)) {
            /* a later paragraph of the quote opens with a mark of its own */
            if ((rc = put_cp(c, 0x201C, lo < at ? lo : at, 0)))
                return rc;
        }
    }
    for (k = 0; k < c->qdepth && k < QMAX; k++) {
        if (c->qstate[k] != 2)
            continue;
        if (opens_itself(cp)) {
            c->qstate[k] = 0;
            continue;
        }
        c->qstate[k] = 1;
        if ((rc = put_cp(c, q_open(k), c->qsrc[k], c->qend[k] - c->qsrc[k])))
            return rc;
    }
    c->last = cp;
    return WS_OK;
}

/* Closes the <q> at level k (the innermost open one) with its tag at
 * [src, end). */
static int close_q(conv *c, size_t src, size_t end)
{
    int k = --c->qdepth;
    if (k >= QMAX || c->qstate[k] != 1 || closes_itself(c->last))
        return WS_OK;
    return put_close(c, q_close(k), src, end);
}

/* A paragraph break from the tag at [src, end). */
static int para_break(conv *c, size_t src, size_t end)
{
    int rc;
    while (c->qdepth > 0)
        if ((rc = close_q(c, src, src)))
            return rc;
    if (!c->pend_break) {
        c->pend_break = 1;
        c->break_src = src;
        c->break_end = end;
    }
    return WS_OK;
}

static void space(conv *c, size_t src, size_t end)
{
    if (!c->pend_space) {
        c->pend_space = 1;
        c->space_src = src;
        c->space_end = end;
    }
}

static int is_ws(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

static int is_alpha(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_alnum(unsigned char ch)
{
    return is_alpha(ch) || (ch >= '0' && ch <= '9');
}

static unsigned char lower(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') ? (unsigned char)(ch + 32) : ch;
}

/* ---- character references ------------------------------------------- */

typedef struct named_ref {
    const char *name;
    unsigned long cp;   /* 0: nothing visible (&shy;) */
} named_ref;

static const named_ref named[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"nbsp", 0xA0}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"bdquo", 0x201E}, {"laquo", 0xAB}, {"raquo", 0xBB},
    {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"ndash", 0x2013},
    {"mdash", 0x2014}, {"hellip", 0x2026}, {"bull", 0x2022},
    {"middot", 0xB7}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122},
    {"deg", 0xB0}, {"plusmn", 0xB1}, {"times", 0xD7}, {"divide", 0xF7},
    {"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE}, {"sup1", 0xB9},
    {"sup2", 0xB2}, {"sup3", 0xB3}, {"euro", 0x20AC}, {"pound", 0xA3},
    {"yen", 0xA5}, {"cent", 0xA2}, {"curren", 0xA4}, {"sect", 0xA7},
    {"para", 0xB6}, {"shy", 0}, {"zwnj", 0}, {"zwj", 0}, {"lrm", 0},
    {"rlm", 0}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009},
    {"iexcl", 0xA1}, {"iquest", 0xBF}, {"prime", 0x2032},
    {"Prime", 0x2033}, {"dagger", 0x2020}, {"Dagger", 0x2021},
    {"permil", 0x2030}, {"larr", 0x2190}, {"rarr", 0x2192},
    {"uarr", 0x2191}, {"darr", 0x2193}, {"harr", 0x2194}, {"le", 0x2264},
    {"ge", 0x2265}, {"ne", 0x2260}, {"asymp", 0x2248}, {"infin", 0x221E},
    {"minus", 0x2212}, {"ordf", 0xAA}, {"ordm", 0xBA}, {"macr", 0xAF},
    {"acute", 0xB4}, {"cedil", 0xB8}, {"uml", 0xA8}, {"not", 0xAC},
    {"micro", 0xB5}, {"brvbar", 0xA6},
    {"Agrave", 0xC0}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Atilde", 0xC3},
    {"Auml", 0xC4}, {"Aring", 0xC5}, {"AElig", 0xC6}, {"Ccedil", 0xC7},
    {"Egrave", 0xC8}, {"Eacute", 0xC9}, {"Ecirc", 0xCA}, {"Euml", 0xCB},
    {"Igrave", 0xCC}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Iuml", 0xCF},
    {"ETH", 0xD0}, {"Ntilde", 0xD1}, {"Ograve", 0xD2}, {"Oacute", 0xD3},
    {"Ocirc", 0xD4}, {"Otilde", 0xD5}, {"Ouml", 0xD6}, {"Oslash", 0xD8},
    {"Ugrave", 0xD9}, {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Uuml", 0xDC},
    {"Yacute", 0xDD}, {"THORN", 0xDE}, {"szlig", 0xDF},
    {"agrave", 0xE0}, {"aacute", 0xE1}, {"acirc", 0xE2}, {"atilde", 0xE3},
    {"auml", 0xE4}, {"aring", 0xE5}, {"aelig", 0xE6}, {"ccedil", 0xE7},
    {"egrave", 0xE8}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"euml", 0xEB},
    {"igrave", 0xEC}, {"iacute", 0xED}, {"icirc", 0xEE}, {"iuml", 0xEF},
    {"eth", 0xF0}, {"ntilde", 0xF1}, {"ograve", 0xF2}, {"oacute", 0xF3},
    {"ocirc", 0xF4}, {"otilde", 0xF5}, {"ouml", 0xF6}, {"oslash", 0xF8},
    {"ugrave", 0xF9}, {"uacute", 0xFA}, {"ucirc", 0xFB}, {"uuml", 0xFC},
    {"yacute", 0xFD}, {"thorn", 0xFE}, {"yuml", 0xFF},
    {"OElig", 0x152}, {"oelig", 0x153}, {"Scaron", 0x160},
    {"scaron", 0x161}, {"Yuml", 0x178}, {"Zcaron", 0x17D},
    {"zcaron", 0x17E}, {"fnof", 0x192}, {"circ", 0x2C6}, {"tilde", 0x2DC},
    {"Alpha", 0x391}, {"Beta", 0x392}, {"Gamma", 0x393}, {"Delta", 0x394},
    {"Omega", 0x3A9}, {"alpha", 0x3B1}, {"beta", 0x3B2}, {"gamma", 0x3B3},
    {"delta", 0x3B4}, {"pi", 0x3C0}, {"mu", 0x3BC}, {"omega", 0x3C9},
    {"hearts", 0x2665}, {"check", 0x2713}, {"star", 0x2606},
    {NULL, 0}
};

/* Decoded without their ';' too (in text, as browsers do). */
static const char *const legacy[] = {"amp", "lt", "gt", "quot", "nbsp",
                                     "copy", "reg", NULL};

/* Windows-1252 for the C1 range, which numeric references mean. */
static const unsigned short cp1252[32] = {
    0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178
};

/* The reference at s[i] == '&': its code point in *cp (0 for an invisible
 * one) and its end, or 0 when it is none and the '&' is text. */
static size_t reference(const conv *c, size_t i, unsigned long *cp)
{
    const unsigned char *s = c->s;
    size_t j = i + 1, n, k;
    if (j < c->len && s[j] == '#') {
        unsigned long v = 0;
        int hex = 0, digits = 0;
        j++;
        if (j < c->len && (s[j] == 'x' || s[j] == 'X')) {
            hex = 1;
            j++;
        }
        for (; j < c->len; j++) {
            unsigned d;
            unsigned char ch = s[j];
            if (ch >= '0' && ch <= '9')
                d = ch - '0';
            else if (hex && lower(ch) >= 'a' && lower(ch) <= 'f')
                d = (unsigned)(lower(ch) - 'a' + 10);
            else
                break;
            digits++;
            v = v * (hex ? 16 : 10) + d;
            if (v > 0x10FFFF)
                v = 0x110000;
        }
        if (!digits)
            return 0;
        if (j < c->len && s[j] == ';')
            j++;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F)
            v = cp1252[v - 0x80];
        *cp = v;
        return j;
    }
    while (j < c->len && j - i <= 32 && is_alnum(s[j]))
        j++;
    n = j - i - 1;
    if (n && j < c->len && s[j] == ';') {
        for (k = 0; named[k].name; k++)
            if (strlen(named[k].name) == n &&
                memcmp(named[k].name, s + i + 1, n) == 0) {
                *cp = named[k].cp;
                return j + 1;
            }
    }
    for (k = 0; legacy[k]; k++) {
        size_t m = strlen(legacy[k]);
        if (m <= n && memcmp(legacy[k], s + i + 1, m) == 0) {
            size_t e;
            for (e = 0; strcmp(named[e].name, legacy[k]) != 0; e++)
                ;
            *cp = named[e].cp;
            return i + 1 + m;
        }
    }
    return 0;
}

/* ---- tags ------------------------------------------------------------- */

/* Whether the tag name s[0..n) is word, case-insensitively. */
static int name_is(const unsigned char *s, size_t n, const char *word)
{
    size_t k;
    if (strlen(word) != n)
        return 0;
    for (k = 0; k < n; k++)
        if (lower(s[k]) != (unsigned char)word[k])
            return 0;
    return 1;
}

static int name_in(const unsigned char *s, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (name_is(s, n, *list))
            return 1;
    return 0;
}

static const char *const block_tags[] = {
    "p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "blockquote", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "caption", "section", "article", "aside", "header", "footer",
    "nav", "main", "figure", "figcaption", "hr", "pre", "address",
    "fieldset", "legend", "form", "details", "summary", "dialog", "center",
    "hgroup", "menu", "dir", "listing", "html", "head", "body", "option",
    NULL
};

static const char *const skipped_tags[] = {
    "script", "style", "noscript", "template", "title", "textarea",
    "iframe", "xmp", "noembed", "noframes", NULL
};

/* The end of the tag whose name ends at j (after its '>'), or 0 when the
 * input ends first: attribute values in quotes may hold '>'. */
static size_t tag_end(const conv *c, size_t j)
{
    const unsigned char *s = c->s;
    size_t len = c->len;
    for (;;) {
        while (j < len && (is_ws(s[j]) || s[j] == '/'))
            j++;
        if (j >= len)
            return 0;
        if (s[j] == '>')
            return j + 1;
        j++;   /* the first character of a name may be anything, '=' too */
        while (j < len && !is_ws(s[j]) && s[j] != '/' && s[j] != '>' &&
               s[j] != '=')
            j++;
        while (j < len && is_ws(s[j]))
            j++;
        if (j < len && s[j] == '=') {
            j++;
            while (j < len && is_ws(s[j]))
                j++;
            if (j < len && (s[j] == '"' || s[j] == '\'')) {
                const unsigned char *e = memchr(s + j + 1, s[j], len - j - 1);
                if (!e)
                    return 0;
                j = (size_t)(e - s) + 1;
            } else {
                while (j < len && !is_ws(s[j]) && s[j] != '>')
                    j++;
            }
        }
    }
}

/* Where the end tag </name ...> of a skipped element ends, from j on (a
 * <template> counts its nested ones); len when there is none. */
static size_t skip_content(const conv *c, size_t j, const unsigned char *name,
                           size_t n)
{
    const unsigned char *s = c->s;
    int depth = 1, nests = name_is(name, n, "template");
    while (j < c->len) {
        const unsigned char *lt = memchr(s + j, '<', c->len - j);
        size_t k, at;
        int end;
        if (!lt)
            return c->len;
        at = (size_t)(lt - s);
        end = at + 1 < c->len && s[at + 1] == '/';
        k = at + 1 + (size_t)end;
        j = at + 1;
        if (k + n > c->len || (!end && !nests))
            continue;
        {
            size_t m;
            for (m = 0; m < n && lower(s[k + m]) == lower(name[m]); m++)
                ;
            if (m < n)
                continue;
        }
        if (k + n < c->len && !is_ws(s[k + n]) && s[k + n] != '/' &&
            s[k + n] != '>')
            continue;
        if (!end) {
            depth++;
            continue;
        }
        if (--depth == 0) {
            size_t e = tag_end(c, k + n);
            return e ? e : c->len;
        }
    }
    return c->len;
}

/* A start or end tag at [at, end) named s[nm..nm+n). */
static int tag(conv *c, size_t at, size_t end, size_t nm, size_t n,
               int is_end)
{
    const unsigned char *name = c->s + nm;
    int rc;
    if (name_is(name, n, "q")) {
        if (is_end) {
            if (c->qdepth > 0)
                return close_q(c, at, end);
            return WS_OK;
        }
        if (c->qdepth < QMAX) {
            c->qstate[c->qdepth] = 2;
            c->qsrc[c->qdepth] = at;
            c->qend[c->qdepth] = end;
        }
        c->qdepth++;
        return WS_OK;
    }
    if (name_is(name, n, "td") || name_is(name, n, "th")) {
        space(c, at, end);
        return WS_OK;
    }
    if (!name_in(name, n, block_tags))
        return WS_OK;
    if ((rc = para_break(c, at, end)))
        return rc;
    if (name_is(name, n, "pre"))
        c->pre = is_end ? 0 : 1;
    if (!name_is(name, n, "blockquote"))
        return WS_OK;
    if (!is_end) {
        if (c->bq++ == 0) {
            c->bq_marks = -1;
            c->bq_src = at;
            c->bq_end = end;
        }
        return WS_OK;
    }
    if (c->bq == 0 || --c->bq > 0)
        return WS_OK;
    if (c->bq_marks == 1 && !closes_itself(c->last))
        return put_close(c, 0x201D, at, end);
    return WS_OK;
}

/* The markup at s[i] == '<': handles it and returns where it ends, or 0
 * when the '<' is text. */
static size_t markup(conv *c, size_t i, int *rc)
{
    const unsigned char *s = c->s;
    size_t len = c->len, j;
    *rc = WS_OK;
    if (i + 1 >= len)
        return 0;
    if (s[i + 1] == '!') {
        if (i + 3 < len && s[i + 2] == '-' && s[i + 3] == '-') {
            /* <!-- ... -->, <!-->, <!--->, --!> also ends one */
            j = i + 4;
            if (j < len && s[j] == '>')
                return j + 1;
            if (j + 1 < len && s[j] == '-' && s[j + 1] == '>')
                return j + 2;
            for (; j + 2 < len; j++)
                if (s[j] == '-' && s[j + 1] == '-') {
                    if (s[j + 2] == '>')
                        return j + 3;
                    if (s[j + 2] == '!' && j + 3 < len && s[j + 3] == '>')
                        return j + 4;
                }
            return len;
        }
        j = i + 2;   /* <!DOCTYPE ...>, <![CDATA[ ...>: a bogus comment */
        while (j < len && s[j] != '>')
            j++;
        return j < len ? j + 1 : len;
    }
    if (s[i + 1] == '?') {
        j = i + 2;
        while (j < len && s[j] != '>')
            j++;
        return j < len ? j + 1 : len;
    }
    if (s[i + 1] == '/') {
        size_t nm = i + 2;
        if (nm >= len)
            return 0;
        if (s[nm] == '>')
            return nm + 1;           /* </> */
        if (!is_alpha(s[nm])) {      /* </3 ...>: a bogus comment */
            j = nm;
            while (j < len && s[j] != '>')
                j++;
            return j < len ? j + 1 : len;
        }
        j = nm;
        while (j < len && !is_ws(s[j]) && s[j] != '/' && s[j] != '>')
            j++;
        {
            size_t n = j - nm;
            j = tag_end(c, j);
            if (!j)
                return len;          /* cut off: dropped */
            *rc = tag(c, i, j, nm, n, 1);
        }
        return j;
    }
    if (is_alpha(s[i + 1])) {
        size_t nm = i + 1, n;
        j = nm;
        while (j < len && !is_ws(s[j]) && s[j] != '/' && s[j] != '>')
            j++;
        n = j - nm;
        j = tag_end(c, j);
        if (!j)
            return len;
        if (name_in(s + nm, n, skipped_tags))
            return skip_content(c, j, s + nm, n);
        *rc = tag(c, i, j, nm, n, 0);
        return j;
    }
    return 0;
}

/* ---- the conversion ---------------------------------------------------- */

/* The code point at s[i] (for the mark tests; invalid bytes as themselves). */
static unsigned long cp_at(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    if (c >= 0xE0 && c <= 0xEF && i + 2 < len)
        return ((unsigned long)(c & 0x0F) << 12) |
               ((unsigned long)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (c >= 0xC2 && c <= 0xDF && i + 1 < len)
        return ((unsigned long)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    return c;
}

static int convert(conv *c)
{
    const unsigned char *s = c->s;
    size_t len = c->len, i = 0;
    int rc;
    while (i < len) {
        unsigned char ch = s[i];
        if (ch == '<') {
            size_t e = markup(c, i, &rc);
            if (rc)
                return rc;
            if (e) {
                i = e;
                continue;
            }
        } else if (ch == '&') {
            unsigned long cp = 0;
            size_t e = reference(c, i, &cp);
            if (e) {
                if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
                    cp == '\f') {
                    if (c->pre && cp == '\n')
                        rc = para_break(c, i, e);
                    else
                        space(c, i, e), rc = WS_OK;
                } else if (cp) {
                    rc = flush(c, cp, i);
                    if (!rc)
                        rc = put_cp(c, cp, i, e - i);
                } else
                    rc = WS_OK;
                if (rc)
                    return rc;
                i = e;
                continue;
            }
        } else if (is_ws(ch)) {
            size_t e = i;
            while (e < len && is_ws(s[e])) {
                if (c->pre && s[e] == '\n' && (rc = para_break(c, e, e + 1)))
                    return rc;
                e++;
            }
            space(c, i, e);
            i = e;
            continue;
        }
        {
            /* text up to the next markup, reference or white space */
            size_t e = i + 1, k;
            while (e < len && s[e] != '<' && s[e] != '&' && !is_ws(s[e]))
                e++;
            if ((rc = flush(c, cp_at(s, len, i), i)))
                return rc;
            if ((rc = put(c, (const char *)s + i, e - i, i, e - i, 1)))
                return rc;
            for (k = e - 1; k > i && (s[k] & 0xC0) == 0x80 && e - k < 4; k--)
                ;
            c->last = cp_at(s, len, k);
            i = e;
        }
    }
    /* the end of the input closes what is open */
    while (c->qdepth > 0)
        if ((rc = close_q(c, len, len)))
            return rc;
    if (c->bq && c->bq_marks == 1 && !closes_itself(c->last))
        return put_cp(c, 0x201D, len, 0);
    return WS_OK;
}

int ws_html_convert(ws_html *h, const ws_mem *m, const char *html, size_t len)
{
    conv c;
    int rc;
    memset(h, 0, sizeof *h);
    h->mem = m;
    h->srclen = len;
    memset(&c, 0, sizeof c);
    c.h = h;
    c.s = (const unsigned char *)(html ? html : "");
    c.len = len;
    c.para_start = 1;
    rc = convert(&c);
    if (!rc && !h->text) {
        /* nothing visible: still a NUL-terminated text */
        rc = ws_grow(m, (void **)&h->text, &h->cap, 1, 1);
        if (!rc)
            h->text[0] = '\0';
    }
    if (rc)
        ws_html_free(h);
    return rc;
}

void ws_html_free(ws_html *h)
{
    if (!h->mem)
        return;
    ws_release(h->mem, h->text, h->cap);
    ws_release(h->mem, h->run, h->crun * sizeof *h->run);
    h->text = NULL;
    h->run = NULL;
    h->len = h->cap = h->nrun = h->crun = 0;
}

/* The run holding visible byte v (v < h->len). */
static const ws_html_run *run_of(const ws_html *h, size_t v)
{
    size_t lo = 0, hi = h->nrun;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->run[mid].vis <= v)
            lo = mid;
        else
            hi = mid;
    }
    return &h->run[lo];
}

size_t ws_html_start(const ws_html *h, size_t v)
{
    const ws_html_run *r;
    if (v >= h->len)
        return h->nrun ? ws_html_end(h, h->len) : 0;
    r = run_of(h, v);
    return r->exact ? r->src + (v - r->vis) : r->src;
}

size_t ws_html_end(const ws_html *h, size_t v)
{
    const ws_html_run *r;
    if (v == 0 || !h->nrun)
        return h->nrun ? h->run[0].src : 0;
    if (v > h->len)
        v = h->len;
    r = run_of(h, v - 1);
    return r->exact ? r->src + (v - r->vis) : r->src + r->srclen;
}

ws_span ws_html_span(const ws_html *h, size_t start, size_t end)
{
    ws_span out;
    if (start == WS_NOPOS) {
        out.start = out.end = WS_NOPOS;
    } else if (start < end) {
        out.start = ws_html_start(h, start);
        out.end = ws_html_end(h, end);
    } else {
        out.start = out.end = start ? ws_html_end(h, start)
                                    : ws_html_start(h, 0);
    }
    return out;
}
