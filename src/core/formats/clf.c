/* clf.c: NCSA Common Log Format and Combined Log Format.
 * Apache mod_log_config: common = "%h %l %u %t \"%r\" %>s %b",
 * combined = common + " \"%{Referer}i\" \"%{User-agent}i\""; nginx's default
 * log_format "combined" is the same ($remote_addr - $remote_user [$time_local]
 * "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent").
 * %t / $time_local is "[10/Oct/2000:13:55:36 -0700]". Inside quoted fields nginx and
 * Apache escape '"' as \" (and '\' as \\), so quoted fields are scanned with escapes. */
#include <string.h>

#include "format.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Scan a quoted field starting at s[i] == '"'; returns the index just past the
 * closing quote, or 0 if it is not closed. */
static size_t skip_quoted(const char *s, size_t len, size_t i)
{
    /* memchr to each quote, then count the backslashes before it: an odd number
     * escapes it. Much faster than a byte loop on long request lines. */
    for (i++; i < len;) {
        const char *q = memchr(s + i, '"', len - i);
        if (!q)
            return 0;
        size_t at = (size_t)(q - s), bs = 0;
        while (at - bs > i && s[at - bs - 1] == '\\')
            bs++;
        if (bs % 2 == 0)
            return at + 1;
        i = at + 1;
    }
    return 0;
}

/* Split "METHOD target PROTO" into method and target. */
static void split_request(const char *r, size_t len, fl_record *rec)
{
    const char *sp = memchr(r, ' ', len);
    rec->method = r;
    rec->method_len = 0;
    rec->path = r;
    rec->path_len = 0;
    if (!sp || len == 1)
        return;
    rec->method_len = (size_t)(sp - r);
    const char *t = sp + 1, *end = r + len;
    const char *sp2 = memchr(t, ' ', (size_t)(end - t));
    rec->path = t;
    rec->path_len = (size_t)((sp2 ? sp2 : end) - t);
}

int fl_clf_is_vhost_port(const char *s, size_t n)
{
    const char *c = memchr(s, ':', n);
    if (!c || c == s || memchr(c + 1, ':', n - (size_t)(c - s) - 1))
        return 0;
    size_t digits = n - (size_t)(c - s) - 1;
    if (digits < 1 || digits > 5)
        return 0;
    for (size_t i = 1; i <= digits; i++)
        if (!is_digit(c[i]))
            return 0;
    return 1;
}

/* Shared scan. Returns FL_PARSE_OK with *after set to the index after the bytes
 * field. */
static fl_parse_result scan(fl_parse_state *st, const char *s, size_t len, fl_record *rec,
                            size_t *after)
{
    const char *sp = memchr(s, ' ', len);
    if (!sp || sp == s)
        return FL_PARSE_UNPARSEABLE;
    rec->host = s;
    rec->host_len = (size_t)(sp - s);
    if (fl_clf_is_vhost_port(s, rec->host_len)) /* "%v:%p": a vhost_combined line */
        return FL_PARSE_UNPARSEABLE;
    const char *lb = memchr(sp, '[', len - (size_t)(sp - s));
    if (!lb)
        return FL_PARSE_UNPARSEABLE;
    size_t i = (size_t)(lb - s) + 1;
    /* The time is nearly always the 26 bytes "10/Oct/2000:13:55:36 -0700". */
    const char *rb = i + 26 < len && s[i + 26] == ']' ? s + i + 26 : memchr(s + i, ']', len - i);
    if (!rb)
        return FL_PARSE_UNPARSEABLE;
    size_t ts_start = i, ts_len = (size_t)(rb - s) - i;
    i = (size_t)(rb - s) + 1;
    if (i + 2 > len || s[i] != ' ' || s[i + 1] != '"')
        return FL_PARSE_UNPARSEABLE;
    size_t q = skip_quoted(s, len, i + 1);
    if (!q || q + 1 >= len || s[q] != ' ')
        return FL_PARSE_UNPARSEABLE;
    split_request(s + i + 2, q - i - 3, rec);
    i = q + 1;
    if (i + 3 > len || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
        (i + 3 < len && s[i + 3] != ' '))
        return FL_PARSE_UNPARSEABLE;
    rec->status = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    i += 4;
    rec->bytes = -1;
    if (i < len && s[i] == '-') {
        i++;
    } else if (i < len && is_digit(s[i])) {
        int64_t b = 0;
        for (; i < len && is_digit(s[i]); i++)
            b = b < INT64_MAX / 10 - 9 ? b * 10 + (s[i] - '0') : b;
        rec->bytes = b;
    } else {
        return FL_PARSE_UNPARSEABLE;
    }
    if (i < len && s[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    *after = i;
    rec->kind = FL_KIND_ACCESS;
    rec->level = FL_LEVEL_NONE;
    rec->message_len = 0;
    rec->duration_ms = -1;
    if (fl_ts_clf(&st->ts, s + ts_start, ts_len, &rec->time) != ts_len || ts_len == 0)
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

fl_parse_result fl_clf_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    size_t after;
    return scan(st, line, len, rec, &after);
}

/* Combined = common followed by two quoted fields (referer, user agent). */
static fl_parse_result parse_combined(fl_parse_state *st, const char *line, size_t len,
                                      fl_record *rec)
{
    size_t i;
    fl_parse_result r = scan(st, line, len, rec, &i);
    if (r != FL_PARSE_OK)
        return r;
    if (i + 1 >= len || line[i + 1] != '"')
        return FL_PARSE_UNPARSEABLE;
    size_t q = skip_quoted(line, len, i + 1);
    if (!q || q + 1 >= len || line[q] != ' ' || line[q + 1] != '"' || !skip_quoted(line, len, q + 1))
        return FL_PARSE_UNPARSEABLE;
    return FL_PARSE_OK;
}

int fl_clf_sniff_common(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_clf_parse, lines, lens, n);
}

int fl_clf_sniff_combined(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(parse_combined, lines, lens, n);
}
