/* access_util.c: field scanners shared by the access-log formats (see
 * access_util.h for the contracts). */
#include "formats/access_util.h"
#include "fl_chars.h"

#include <string.h>

void fl_acc_record_init(fl_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->kind = FL_KIND_ACCESS;
    rec->level = FL_LEVEL_NONE;
    rec->bytes = -1;
    rec->duration_ms = -1;
    rec->host = rec->method = rec->path = rec->message = rec->user_agent = rec->upstream = "";
}

int fl_acc_token(const char *s, size_t len, size_t *pos, char sep, int runs, const char **tok,
                 size_t *tok_len)
{
    size_t p = *pos;
    if (runs)
        while (p < len && s[p] == sep)
            p++;
    if (p >= len)
        return 0;
    const char *e = fl_acc_find(s + p, s + len, s + len, sep);
    size_t end = e ? (size_t)(e - s) : len;
    *tok = s + p;
    *tok_len = end - p;
    *pos = e ? end + 1 : len;
    return 1;
}

int fl_acc_uint(const char *s, size_t n, int64_t *v)
{
    int64_t x = 0;
    if (n == 0 || n > 18)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!fl_is_digit(s[i]))
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

int fl_acc_status(const char *s, size_t n, int zero_ok, int *status)
{
    if (n != 3 || !fl_is_digit(s[0]) || !fl_is_digit(s[1]) || !fl_is_digit(s[2]))
        return 0;
    int v = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
    if (v == 0 && zero_ok) {
        *status = 0;
        return 1;
    }
    if (v < 100 || v > 599)
        return 0;
    *status = v;
    return 1;
}

int fl_acc_decimal(const char *s, size_t n, double *v)
{
    size_t i = 0;
    int neg = 0;
    double x = 0, scale = 0.1;
    if (n && s[0] == '-')
        neg = 1, i = 1;
    size_t start = i;
    for (; i < n && fl_is_digit(s[i]); i++)
        x = x * 10 + (s[i] - '0');
    if (i == start || i - start > 15)
        return 0;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        for (; i < n && fl_is_digit(s[i]); i++, scale /= 10)
            x += (s[i] - '0') * scale;
        if (i == f)
            return 0;
    }
    if (i != n)
        return 0;
    *v = neg ? -x : x;
    return 1;
}

size_t fl_acc_skip_quoted(const char *s, size_t len, size_t i)
{
    /* From quote or backslash to the next one; a backslash covers the byte after it. */
    for (i++; i < len;) {
        const char *q = fl_acc_find2(s + i, s + len, s + len, '"', '\\');
        if (!q)
            return 0;
        i = (size_t)(q - s);
        if (*q == '"')
            return i + 1;
        i += 2;
    }
    return 0;
}

void fl_acc_split_request(const char *r, size_t len, fl_record *rec)
{
    rec->method = rec->path = r;
    rec->method_len = rec->path_len = 0;
    const char *sp = memchr(r, ' ', len);
    if (!sp || len < 2)
        return;
    rec->method_len = (size_t)(sp - r);
    const char *t = sp + 1, *end = r + len;
    const char *sp2 = memchr(t, ' ', (size_t)(end - t));
    rec->path = t;
    rec->path_len = (size_t)((sp2 ? sp2 : end) - t);
}

void fl_acc_strip_port(const char *s, size_t n, const char **addr, size_t *addr_len)
{
    *addr = s;
    *addr_len = n;
    if (n > 1 && s[0] == '[') {
        const char *rb = memchr(s, ']', n);
        if (rb) {
            *addr = s + 1;
            *addr_len = (size_t)(rb - s) - 1;
        }
        return;
    }
    const char *c = memchr(s, ':', n);
    if (c && !memchr(c + 1, ':', n - (size_t)(c - s) - 1))
        *addr_len = (size_t)(c - s);
}

void fl_acc_url_path(const char **p, size_t *n)
{
    const char *s = *p;
    size_t len = *n, i = 0;
    while (i < len && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        i++;
    if (i == 0 || i + 3 > len || memcmp(s + i, "://", 3) != 0)
        return;
    i += 3;
    const char *slash = memchr(s + i, '/', len - i);
    if (slash) {
        *p = slash;
        *n = len - (size_t)(slash - s);
    } else {
        *p = "/";
        *n = 1;
    }
}
