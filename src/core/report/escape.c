/* escape.c: control bytes and markup in names and log text, escaped for the
 * terminal, Markdown (CommonMark/GFM: backslash escapes, code spans, table cells)
 * and, through report_html.c, HTML. */
#include "report/escape.h"

#include <stdio.h>
#include <string.h>

size_t fl_utf8_printable(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x20 || u[0] == 0x7f)
        return 0;
    if (u[0] < 0x80)
        return 1;
    size_t n = u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc2 && u[0] < 0xe0 ? 2 : 0;
    if (!n || (u[0] == 0xc2 && u[1] < 0xa0)) /* C1 controls are U+0080..U+009F */
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((u[i] & 0xc0) != 0x80)
            return 0;
    /* Overlong forms and surrogates are not valid UTF-8 either. */
    if ((u[0] == 0xe0 && u[1] < 0xa0) || (u[0] == 0xed && u[1] >= 0xa0) ||
        (u[0] == 0xf0 && u[1] < 0x90) || (u[0] == 0xf4 && u[1] >= 0x90))
        return 0;
    return n;
}

/* Append the n bytes at s, or nothing when they do not fit before cap (keeping one
 * byte for the NUL and three for "..."). Returns 0 when they did not fit. */
static int put(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
    if (*o + n + 4 > cap)
        return 0;
    memcpy(out + *o, s, n);
    *o += n;
    return 1;
}

/* The escape of a byte outside printable UTF-8: the text \xHH. */
static size_t hex_escape(unsigned char c, char buf[5])
{
    snprintf(buf, 5, "\\x%02x", c);
    return 4;
}

char *fl_esc_term(const char *s, char *buf, size_t len)
{
    size_t o = 0, i = 0;
    while (s[i]) {
        char tmp[5];
        size_t k = fl_utf8_printable(s + i), n = k;
        const char *from = s + i;
        if (!k) {
            n = hex_escape((unsigned char)s[i], tmp);
            from = tmp;
            k = 1;
        } else if (s[i] == '\\') {
            from = "\\\\";
            n = 2;
        }
        if (!put(buf, len, &o, from, n))
            break;
        i += k;
    }
    if (s[i])
        memcpy(buf + o, "...", 3), o += 3;
    buf[o] = 0;
    return buf;
}

static int is_word(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80);
}

/* The Markdown form of the character at s[i] (code: inside a code span). Sets *k
 * to the bytes of s it stands for; returns its length in buf or points *from. */
static size_t md_char(const char *s, size_t i, int code, char buf[8], const char **from, size_t *k)
{
    char c = s[i];
    *k = fl_utf8_printable(s + i);
    *from = s + i;
    if (!*k) {
        *k = 1;
        *from = buf;
        return hex_escape((unsigned char)c, buf);
    }
    if (code)
        return c == '|' ? (*from = "\\|", 2) : *k;
    if (c == '<' || c == '>' || c == '&') {
        *from = c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;";
        return strlen(*from);
    }
    int edge = c == '_' && !(i > 0 && is_word(s[i - 1]) && is_word(s[i + 1]));
    if (strchr("\\`*[]|#", c) || edge) {
        buf[0] = '\\';
        buf[1] = c;
        *from = buf;
        return 2;
    }
    return *k;
}

/* Append s (at most max bytes of it) escaped for Markdown text or a code span. */
static size_t md_append(char *out, size_t cap, size_t o, const char *s, size_t max, int code)
{
    size_t i = 0;
    while (s[i] && i < max) {
        char buf[8];
        const char *from;
        size_t k, n = md_char(s, i, code, buf, &from, &k);
        if (!put(out, cap, &o, from, n))
            break;
        i += k;
    }
    if (s[i] && o + 3 < cap)
        memcpy(out + o, "...", 3), o += 3;
    if (o < cap)
        out[o] = 0;
    return o;
}

size_t fl_md_text(char *out, size_t cap, size_t o, const char *s, size_t max)
{
    return md_append(out, cap, o, s, max, 0);
}

size_t fl_md_code(char *out, size_t cap, size_t o, const char *s, size_t max)
{
    size_t run = 0, longest = 0, len = strlen(s);
    for (size_t i = 0; i < len && i < max; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    char fence[8];
    size_t f = longest + 1 < sizeof fence - 1 ? longest + 1 : sizeof fence - 1;
    memset(fence, '`', f);
    size_t last = (len < max ? len : max);
    int pad = len && (s[0] == '`' || s[0] == ' ' || (last && (s[last - 1] == '`' || s[last - 1] == ' ')));
    if (!put(out, cap, &o, fence, f) || (pad && !put(out, cap, &o, " ", 1)))
        return o;
    o = md_append(out, cap - f - 1, o, s, max, 0 + 1);
    if (pad)
        out[o++] = ' ';
    memcpy(out + o, fence, f);
    o += f;
    out[o] = 0;
    return o;
}
