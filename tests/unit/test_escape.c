/* test_escape.c: names and log text made safe for the terminal and for Markdown
 * (issue 14, defects 6 and 7): control bytes, C1 controls, invalid UTF-8, GFM
 * table pipes, backticks in code spans, HTML-significant characters. */
#include <stdint.h>
#include <string.h>

#include "fl_test.h"
#include "report/escape.h"

static const char *term(const char *s)
{
    static char buf[256];
    return fl_esc_term(s, buf, sizeof buf);
}

static const char *text(const char *s)
{
    static char buf[256];
    fl_md_text(buf, sizeof buf, 0, s, SIZE_MAX);
    return buf;
}

static const char *code(const char *s, size_t max)
{
    static char buf[256];
    fl_md_code(buf, sizeof buf, 0, s, max);
    return buf;
}

int main(void)
{
    /* Terminal: ESC, BEL, newline, DEL, C1 (raw and UTF-8), invalid UTF-8. */
    CHECK_STR(term("web-\x1b]0;pwned\x07.log"), "web-\\x1b]0;pwned\\x07.log");
    CHECK_STR(term("a\nb\x7f"), "a\\x0ab\\x7f");
    CHECK_STR(term("csi\xc2\x9b" "2J raw\x9b"), "csi\\xc2\\x9b2J raw\\x9b");
    CHECK_STR(term("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac"); /* UTF-8 stays */
    CHECK_STR(term("\xed\xa0\x80 \xc0\xaf"), "\\xed\\xa0\\x80 \\xc0\\xaf");  /* surrogate, overlong */
    CHECK_STR(term("C:\\x1b"), "C:\\\\x1b"); /* an escape cannot be faked */
    char small[12];
    CHECK_STR(fl_esc_term("0123456789abcdef", small, sizeof small), "01234567...");

    /* Markdown text: pipes, markup, entities, controls; '_' inside a word stays. */
    CHECK_STR(text("lb|1/access_log"), "lb\\|1/access_log");
    CHECK_STR(text("<script>alert(1)</script> & *x* `y` [z] #1 _a_"),
              "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*x\\* \\`y\\` \\[z\\] \\#1 \\_a\\_");
    CHECK_STR(text("two\nlines\r"), "two\\x0alines\\x0d");

    /* Code spans: a fence longer than any backtick run inside, padding where the
     * text starts or ends with a backtick, \| for a table, no entities. */
    CHECK_STR(code("/a|b", SIZE_MAX), "`/a\\|b`");
    CHECK_STR(code("/x`y", SIZE_MAX), "``/x`y``");
    CHECK_STR(code("`x``", SIZE_MAX), "``` `x`` ```");
    CHECK_STR(code("<script>", SIZE_MAX), "`<script>`");
    CHECK_STR(code("a\x1b[2Jb", SIZE_MAX), "`a\\x1b[2Jb`");
    CHECK_STR(code("0123456789", 4), "`0123...`");
    return fl_test_result("test_escape");
}
