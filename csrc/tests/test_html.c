/* test_html.c -- HTML input (html.c): the visible text, the map back to
 * HTML offsets, ws_extract with ws_options.html, and allocation failure at
 * every allocation. */
#include "check.h"

/* The visible text of html, in a static buffer. */
static const char *visible(const char *html)
{
    static char buf[2048];
    ws_html h;
    int rc = ws_html_convert(&h, &test_mem, html, strlen(html));
    if (rc) {
        fprintf(stderr, "ws_html_convert: %d\n", rc);
        exit(2);
    }
    if (h.len >= sizeof buf) {
        fprintf(stderr, "visible text too long\n");
        exit(2);
    }
    memcpy(buf, h.text, h.len + 1);
    /* the map covers every visible byte, in order */
    {
        size_t k;
        int ok = h.len == 0 || (h.nrun > 0 && h.run[0].vis == 0);
        for (k = 1; k < h.nrun; k++)
            if (h.run[k].vis <= h.run[k - 1].vis ||
                h.run[k].src < h.run[k - 1].src)
                ok = 0;
        for (k = 0; k < h.nrun; k++)
            if (h.run[k].src + h.run[k].srclen > h.srclen)
                ok = 0;
        if (!ok)
            fprintf(stderr, "bad map for: %s\n", html);
        CHECK(ok);
    }
    ws_html_free(&h);
    return buf;
}

static void references(void)
{
    CHECK_STR(visible("&ldquo;Yes&rdquo; &amp; &lt;no&gt; &quot;x&quot;"),
              "\xE2\x80\x9CYes\xE2\x80\x9D & <no> \"x\"");
    CHECK_STR(visible("&#8220;a&#8221; &#x201C;b&#x201D; &#X201c;c&#x201d;"),
              "\xE2\x80\x9C" "a\xE2\x80\x9D \xE2\x80\x9C" "b\xE2\x80\x9D "
              "\xE2\x80\x9C" "c\xE2\x80\x9D");
    /* Windows-1252 in the C1 range, as browsers read it */
    CHECK_STR(visible("&#147;hi&#148;"), "\xE2\x80\x9Chi\xE2\x80\x9D");
    /* 0, surrogates, past U+10FFFF: U+FFFD */
    CHECK_STR(visible("a&#0;b&#xD800;c&#x110000;d&#99999999999999;e"),
              "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e");
    CHECK_STR(visible("Tom&nbsp;Berg caf&eacute; na&iuml;ve &mdash; &hellip;"),
              "Tom\xC2\xA0" "Berg caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x94 "
              "\xE2\x80\xA6");
    /* unknown, bare and semicolon-less references */
    CHECK_STR(visible("AT&T &bogus; & x &amp y &#; &#x;"),
              "AT&T &bogus; & x & y &#; &#x;");
    CHECK_STR(visible("&#8221"), "\xE2\x80\x9D");
    /* invisible ones; a reference to white space is white space */
    CHECK_STR(visible("cam&shy;paign a&#32;&#10;&#9;b"), "campaign a b");
    CHECK_STR(visible("it&rsquo;s &lsquo;x&rsquo; &laquo;y&raquo;"),
              "it\xE2\x80\x99s \xE2\x80\x98x\xE2\x80\x99 \xC2\xAB" "y\xC2\xBB");
}

static void tags(void)
{
    CHECK_STR(visible("said <b>Ana</b> <a href=\"/x\">Ruiz</a>."),
              "said Ana Ruiz.");
    CHECK_STR(visible("Ana<span class=x>Ruiz</span>"), "AnaRuiz");
    /* white space collapses, none at a paragraph's ends */
    CHECK_STR(visible("  <p>  a \n\n  b  </p>  \n "), "a b");
    CHECK_STR(visible("<p>one<p>two</p><div>three</div>four<br>five<br/>six"),
              "one\n\ntwo\n\nthree\n\nfour\n\nfive\n\nsix");
    CHECK_STR(visible("<ul><li>a</li><li>b</li></ul><h2>c</h2><h6>d</h6>"),
              "a\n\nb\n\nc\n\nd");
    CHECK_STR(visible("<table><tr><td>x</td><td>y</td></tr><tr><th>z</th></tr></table>"),
              "x y\n\nz");
    CHECK_STR(visible("<P>Upper<BR>case</P>"), "Upper\n\ncase");
    CHECK_STR(visible("<pre>line one\nline two</pre>"), "line one\n\nline two");
}

static void ignored(void)
{
    CHECK_STR(visible("a<script>if (a < b) x = \"</p>\";</script>b"), "ab");
    CHECK_STR(visible("a<SCRIPT type=x>y</ScRiPt >b"), "ab");
    CHECK_STR(visible("a<style>p { }</style><noscript>no</noscript>b"), "ab");
    CHECK_STR(visible("a<template><p>t<template>u</template>v</p></template>b"),
              "ab");
    CHECK_STR(visible("<title>T</title>a<textarea>x</textarea>"), "a");
    CHECK_STR(visible("a<!-- \"said\" -->b<!---->c<!-->d<!--->e"), "abcde");
    CHECK_STR(visible("a<!-- x --!>b"), "ab");
    CHECK_STR(visible("<!DOCTYPE html><?xml version=\"1.0\"?>a<![CDATA[x]]>b"),
              "ab");
    /* an unterminated comment or raw text element runs to the end */
    CHECK_STR(visible("a<!-- b <p>c"), "a");
    CHECK_STR(visible("a<script>b"), "a");
}

static void quotes(void)
{
    CHECK_STR(visible("He called it <q>reckless</q>."),
              "He called it \xE2\x80\x9Creckless\xE2\x80\x9D.");
    /* a <q> that brings its own marks gets none */
    CHECK_STR(visible("<q>\xE2\x80\x9Cyes\xE2\x80\x9D</q>"),
              "\xE2\x80\x9Cyes\xE2\x80\x9D");
    CHECK_STR(visible("<q>&ldquo;yes&rdquo;</q>"),
              "\xE2\x80\x9Cyes\xE2\x80\x9D");
    /* nested: single marks inside */
    CHECK_STR(visible("<q>a <q>b</q> c</q>"),
              "\xE2\x80\x9C" "a \xE2\x80\x98" "b\xE2\x80\x99 c\xE2\x80\x9D");
    /* a paragraph break closes an open <q>; a stray </q> is nothing */
    CHECK_STR(visible("<p><q>open</p><p>next</q>"),
              "\xE2\x80\x9Copen\xE2\x80\x9D\n\nnext");
    CHECK_STR(visible("<q></q>x"), "x");
    CHECK_STR(visible("said<q> x </q> y"),
              "said \xE2\x80\x9C" "x\xE2\x80\x9D y");
    /* blockquote: a mark opens each paragraph, one closes the last */
    CHECK_STR(visible("<p>She said:</p><blockquote><p>One.</p><p>Two.</p></blockquote><p>After.</p>"),
              "She said:\n\n\xE2\x80\x9COne.\n\n\xE2\x80\x9CTwo.\xE2\x80\x9D\n\nAfter.");
    CHECK_STR(visible("<blockquote>\xE2\x80\x9CMine.\xE2\x80\x9D</blockquote>"),
              "\xE2\x80\x9CMine.\xE2\x80\x9D");
    CHECK_STR(visible("<blockquote>Unclosed"),
              "\xE2\x80\x9CUnclosed\xE2\x80\x9D");
}

static void malformed(void)
{
    CHECK_STR(visible("a < b and <3 and 1<2"), "a < b and <3 and 1<2");
    CHECK_STR(visible("x <"), "x <");
    CHECK_STR(visible("<a title=\"a > b\" data-x='>'>link</a>"), "link");
    CHECK_STR(visible("a</>b</3 x>c"), "abc");
    /* a tag cut off by the end of the input is dropped */
    CHECK_STR(visible("text<a href=\"x"), "text");
    CHECK_STR(visible("text<b"), "text");
    CHECK_STR(visible("<p>unclosed<p>paragraphs"), "unclosed\n\nparagraphs");
    CHECK_STR(visible(""), "");
    CHECK_STR(visible("<p></p><br>"), "");
}

static void offsets_map_back(void)
{
    const char *html = "<p>A &amp; <b>B</b>&#8221;</p>";
    ws_html h;
    ws_span sp;
    CHECK(ws_html_convert(&h, &test_mem, html, strlen(html)) == WS_OK);
    CHECK_STR(h.text, "A & B\xE2\x80\x9D");
    CHECK(ws_html_start(&h, 0) == 3);            /* A */
    CHECK(ws_html_start(&h, 2) == 5);            /* & from &amp; */
    CHECK(ws_html_end(&h, 3) == 10);             /* after &amp; */
    CHECK(ws_html_start(&h, 4) == 14);           /* B inside <b> */
    CHECK(ws_html_end(&h, 5) == 15);
    sp = ws_html_span(&h, 5, 8);                 /* the mark: &#8221; */
    CHECK(sp.start == 19 && sp.end == 26);
    sp = ws_html_span(&h, 0, 5);                 /* A & B: the source */
    CHECK(sp.start == 3 && sp.end == 15);
    sp = ws_html_span(&h, 4, 4);                 /* empty stays empty */
    CHECK(sp.start == sp.end);
    sp = ws_html_span(&h, WS_NOPOS, WS_NOPOS);
    CHECK(sp.start == WS_NOPOS && sp.end == WS_NOPOS);
    ws_html_free(&h);
}

static const char article[] =
    "<!DOCTYPE html><html><head><title>Strike</title>"
    "<script>var s = \"said nobody\";</script></head><body>\n"
    "<h1>Harbor workers walk out</h1>\n"
    "<p>Harbor workers walked out on Monday.\n"
    "<p>&ldquo;We are not going back without a contract,&rdquo; said "
    "<a href=\"/ana\" title=\"a > b\">Ana Ruiz</a>, a spokeswoman for the "
    "dockworkers&#8217; union. &#x201C;Not one ship.&#x201D;</p>\n"
    "<!-- \"We will strike forever,\" said Nobody -->\n"
    "<p>Mayor Tom&nbsp;Berg called the strike <q>reckless</q> and said the "
    "city would &quot;do everything it can&quot; to reopen the port.</p>\n"
    "</body></html>\n";

static const char plain[] =
    "Harbor workers walk out\n\n"
    "Harbor workers walked out on Monday.\n\n"
    "\xE2\x80\x9CWe are not going back without a contract,\xE2\x80\x9D said "
    "Ana Ruiz, a spokeswoman for the dockworkers\xE2\x80\x99 union. "
    "\xE2\x80\x9CNot one ship.\xE2\x80\x9D\n\n"
    "Mayor Tom\xC2\xA0" "Berg called the strike \xE2\x80\x9Creckless\xE2\x80\x9D "
    "and said the city would \"do everything it can\" to reopen the port.";

/* The HTML source of span sp, in a static buffer. */
static const char *source(const char *html, ws_span sp)
{
    static char buf[512];
    size_t n = sp.end - sp.start;
    if (sp.start == WS_NOPOS || n >= sizeof buf)
        return "(none)";
    memcpy(buf, html + sp.start, n);
    buf[n] = '\0';
    return buf;
}

static void extract_html(void)
{
    ws_options opt;
    ws_extractor *ex, *px;
    ws_result *res = NULL, *pres = NULL;
    const char *vis;
    size_t vlen, i, n;
    ws_options_init(&opt);
    CHECK(opt.html == 0);
    opt.html = 1;
    ex = ws_extractor_create(&opt, NULL, NULL, NULL);
    px = ws_extractor_create(NULL, NULL, NULL, NULL);
    CHECK(ws_extract(ex, article, strlen(article), &res, NULL) == WS_OK);
    CHECK(ws_extract(px, plain, strlen(plain), &pres, NULL) == WS_OK);
    vis = ws_result_text(res, &vlen);
    CHECK(vis != NULL);
    CHECK_STR(vis, plain);
    CHECK(vlen == strlen(plain));
    CHECK(ws_result_text(pres, &vlen) == NULL && vlen == 0);
    CHECK(ws_result_text(NULL, NULL) == NULL);
    n = ws_result_count(res);
    CHECK(n == 4);
    CHECK(n == ws_result_count(pres));
    for (i = 0; i < n && i < ws_result_count(pres); i++) {
        const ws_quote *q = ws_result_quote(res, i);
        const ws_quote *p = ws_result_quote(pres, i);
        ws_span whole;
        /* the same quotes as the plain text, the same speakers */
        CHECK(q->visible.start == p->start && q->visible.end == p->end);
        CHECK(q->kind == p->kind);
        CHECK(q->paragraph == p->paragraph);
        CHECK((q->speaker == NULL) == (p->speaker == NULL));
        if (q->speaker && p->speaker)
            CHECK_STR(q->speaker, p->speaker);
        CHECK(q->visible_mention.start == p->mention.start);
        CHECK(q->visible_cue.start == p->cue.start);
        /* and the HTML offsets hold the quote */
        CHECK(q->open <= q->start && q->start <= q->end && q->end <= q->close);
        CHECK(q->close <= strlen(article));
        /* plain text: the visible spans are the spans */
        CHECK(p->visible.start == p->start && p->visible.end == p->end);
        CHECK(p->visible_mention.start == p->mention.start &&
              p->visible_cue.end == p->cue.end);
        whole.start = q->open;
        whole.end = q->close;
        (void)whole;
    }
    if (n == 4) {
        const ws_quote *q = ws_result_quote(res, 0);
        ws_span sp;
        sp.start = q->start;
        sp.end = q->end;
        CHECK_STR(source(article, sp), "We are not going back without a contract,");
        sp.start = q->open;
        CHECK_STR(source(article, sp), "&ldquo;We are not going back without a contract,");
        sp.start = q->end;
        sp.end = q->close;
        CHECK_STR(source(article, sp), "&rdquo;");
        CHECK_STR(source(article, q->mention), "Ana Ruiz");
        CHECK_STR(source(article, q->cue), "said");
        CHECK_STR(q->speaker, "Ana Ruiz");
        q = ws_result_quote(res, 2);
        sp.start = q->open;
        sp.end = q->close;
        CHECK_STR(source(article, sp), "<q>reckless</q>");
        CHECK_STR(source(article, q->mention), "Mayor Tom&nbsp;Berg");
        q = ws_result_quote(res, 3);
        sp.start = q->start;
        sp.end = q->end;
        CHECK_STR(source(article, sp), "do everything it can");
        sp.start = q->open;
        sp.end = q->close;
        CHECK_STR(source(article, sp), "&quot;do everything it can&quot;");
    }
    ws_result_free(res);
    ws_result_free(pres);
    /* max_input and strict_utf8 apply to the HTML */
    opt.max_input = 10;
    ws_extractor_free(ex);
    ex = ws_extractor_create(&opt, NULL, NULL, NULL);
    CHECK(ws_extract(ex, "<p>0123456789</p>", 17, &res, NULL) == WS_ETOOBIG);
    CHECK(res == NULL);
    ws_extractor_free(ex);
    ws_options_init(&opt);
    opt.html = 1;
    opt.strict_utf8 = 1;
    ex = ws_extractor_create(&opt, NULL, NULL, NULL);
    {
        ws_error_detail d;
        CHECK(ws_extract(ex, "<b>\xFF</b>", 8, &res, &d) == WS_EUTF8);
        CHECK(d.offset == 3);
        /* a reference past U+10FFFF becomes U+FFFD, valid UTF-8 */
        CHECK(ws_extract(ex, "&#x110000;", 10, &res, &d) == WS_OK);
        ws_result_free(res);
    }
    CHECK(ws_extract(ex, "", 0, &res, NULL) == WS_OK);
    CHECK(ws_result_count(res) == 0);
    ws_result_free(res);
    ws_extractor_free(ex);
    ws_extractor_free(px);
}

static void allocation_failure_everywhere(void)
{
    long n;
    int failures = 0, finished = 0;
    ws_options opt;
    ws_options_init(&opt);
    opt.html = 1;
    /* the conversion alone */
    for (n = 0; !finished && n < 10000; n++) {
        failing f = {n, 0};
        ws_mem m;
        ws_html h;
        int rc;
        m.fn = failing_alloc;
        m.ud = &f;
        rc = ws_html_convert(&h, &m, article, strlen(article));
        if (rc == WS_OK) {
            finished = f.countdown >= 0;
            CHECK_STR(h.text, plain);
            ws_html_free(&h);
        } else {
            CHECK(rc == WS_ENOMEM);
            CHECK(h.text == NULL && h.run == NULL);
            failures++;
        }
        if (f.live != 0) {
            fprintf(stderr, "leak after failing allocation %ld (convert)\n", n);
            checks_failed++;
        }
    }
    CHECK(finished);
    CHECK(failures >= 2);
    /* a whole extraction */
    failures = finished = 0;
    for (n = 0; !finished && n < 100000; n++) {
        failing f = {n, 0};
        int err = WS_OK, rc;
        ws_result *res = NULL;
        ws_extractor *ex = ws_extractor_create(&opt, failing_alloc, &f, &err);
        if (!ex) {
            CHECK(err == WS_ENOMEM);
            CHECK(f.live == 0);
            failures++;
            continue;
        }
        rc = ws_extract(ex, article, strlen(article), &res, NULL);
        if (rc == WS_OK) {
            CHECK(ws_result_count(res) == 4);
            finished = f.countdown >= 0;
        } else {
            CHECK(rc == WS_ENOMEM);
            CHECK(res == NULL);
            failures++;
        }
        ws_result_free(res);
        ws_extractor_free(ex);
        if (f.live != 0) {
            fprintf(stderr, "leak after failing allocation %ld\n", n);
            checks_failed++;
        }
    }
    CHECK(finished);
    CHECK(failures > 10);
}

int main(void)
{
    references();
    tags();
    ignored();
    quotes();
    malformed();
    offsets_map_back();
    extract_html();
    allocation_failure_everywhere();
    return check_summary();
}
