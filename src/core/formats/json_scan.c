/* json_scan.c: see json_scan.h. Validation is structural (balanced quotes and
 * brackets), enough to find members reliably without building a tree. */
#include "formats/json_scan.h"

#include <stdlib.h>
#include <string.h>

#include "formats/access_util.h"

static size_t skip_ws(const char *s, size_t len, size_t p)
{
    /* Bytes above ' ' end it at once: the common case is no whitespace at all. */
    while (p < len && (unsigned char)s[p] <= ' ' &&
           (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' || s[p] == '\n'))
        p++;
    return p;
}

/* s[p] == '"': index of the closing quote, or len when unterminated. Jumps from
 * quote or backslash to the next one (an escape covers the byte after it). */
static size_t string_end(const char *s, size_t len, size_t p)
{
    for (p++; p < len;) {
        const char *q = fl_acc_find2(s + p, s + len, s + len, '"', '\\');
        if (!q)
            return len;
        p = (size_t)(q - s);
        if (*q == '"')
            return p;
        p += 2;
    }
    return len;
}

/* Index of the first '"', '{', '}', '[' or ']' in s[p..len), or len. ('[' and '{',
 * ']' and '}' differ only in bit 0x20.) */
static size_t next_structural(const char *s, size_t len, size_t p)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
    const __m128i bit = _mm_set1_epi8(0x20);
    for (; len - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + p));
        __m128i y = _mm_or_si128(x, bit);
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, quote),
                                   _mm_or_si128(_mm_cmpeq_epi8(y, open), _mm_cmpeq_epi8(y, close)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return p + (size_t)__builtin_ctz(m);
    }
#endif
    for (; p < len; p++)
        if (s[p] == '"' || (s[p] | 0x20) == '{' || (s[p] | 0x20) == '}')
            return p;
    return len;
}

/* ',' '}' ']' ' ' or tab: the end of a number or literal (true, false, null); one
 * table lookup per byte instead of five compares. */
static int ends_bare_value(char c)
{
    static const unsigned char ends[256] = {[','] = 1, ['}'] = 1, [']'] = 1, [' '] = 1, ['\t'] = 1};
    return ends[(unsigned char)c];
}

/* End (exclusive) of the value starting at p, or 0 when malformed. */
static size_t value_end(const char *s, size_t len, size_t p)
{
    if (p >= len)
        return 0;
    if (s[p] == '"') {
        size_t e = string_end(s, len, p);
        return e < len ? e + 1 : 0;
    }
    if (s[p] == '{' || s[p] == '[') {
        int depth = 0;
        for (; (p = next_structural(s, len, p)) < len; p++) {
            if (s[p] == '"') {
                p = string_end(s, len, p);
                if (p >= len)
                    return 0;
            } else if (s[p] == '{' || s[p] == '[') {
                depth++;
            } else if (--depth == 0) { /* '}' or ']' */
                return p + 1;
            }
        }
        return 0;
    }
    size_t start = p;
    while (p < len && !ends_bare_value(s[p]))
        p++;
    return p > start ? p : 0;
}

int fl_json_next(const char *s, size_t len, size_t *pos, fl_json_field *f)
{
    size_t p = skip_ws(s, len, *pos);
    if (*pos == 0) {
        if (p >= len || s[p] != '{')
            return -1;
        p = skip_ws(s, len, p + 1);
        if (p < len && s[p] == '}') {
            *pos = len;
            return 0;
        }
    } else {
        if (p < len && s[p] == '}')
            return 0;
        if (p >= len || s[p] != ',')
            return p >= len ? 0 : -1;
        p = skip_ws(s, len, p + 1);
    }
    if (p >= len || s[p] != '"')
        return -1;
    size_t ke = string_end(s, len, p);
    if (ke >= len)
        return -1;
    f->key = s + p + 1;
    f->key_len = ke - p - 1;
    p = skip_ws(s, len, ke + 1);
    if (p >= len || s[p] != ':')
        return -1;
    p = skip_ws(s, len, p + 1);
    size_t ve = value_end(s, len, p);
    if (!ve)
        return -1;
    f->is_string = s[p] == '"';
    f->val = s + p + f->is_string;
    f->val_len = ve - p - 2 * (size_t)f->is_string;
    *pos = ve;
    return 1;
}

int fl_json_get(const char *s, size_t len, const char *key, fl_json_field *f)
{
    size_t pos = 0, klen = strlen(key);
    int r;
    while ((r = fl_json_next(s, len, &pos, f)) == 1)
        if (f->key_len == klen && memcmp(f->key, key, klen) == 0)
            return 1;
    return r;
}

int fl_json_double_strtod(const fl_json_field *f, double *v)
{
    char buf[64];
    char *end;
    if (f->val_len == 0 || f->val_len >= sizeof buf)
        return 0;
    memcpy(buf, f->val, f->val_len);
    buf[f->val_len] = 0;
    *v = strtod(buf, &end);
    return *end == 0 && end != buf;
}

static int hex4(const char *s, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                     : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (unsigned)((c | 0x20) - 'a' + 10)
                                                              : 16;
        if (d == 16)
            return 0;
        *v = *v * 16 + d;
    }
    return 1;
}

/* Append code point cp as UTF-8; returns bytes written (0 if no room). */
static size_t put_utf8(unsigned cp, char *out, size_t room)
{
    unsigned char b[4];
    size_t n;
    if (cp < 0x80)
        b[0] = (unsigned char)cp, n = 1;
    else if (cp < 0x800)
        b[0] = (unsigned char)(0xc0 | cp >> 6), b[1] = (unsigned char)(0x80 | (cp & 0x3f)), n = 2;
    else if (cp < 0x10000)
        b[0] = (unsigned char)(0xe0 | cp >> 12), b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f)),
        b[2] = (unsigned char)(0x80 | (cp & 0x3f)), n = 3;
    else
        b[0] = (unsigned char)(0xf0 | cp >> 18), b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f)),
        b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f)), b[3] = (unsigned char)(0x80 | (cp & 0x3f)), n = 4;
    if (n > room)
        return 0;
    memcpy(out, b, n);
    return n;
}

size_t fl_json_unescape(const char *s, size_t len, char *out, size_t out_len)
{
    size_t o = 0;
    if (out_len == 0)
        return 0;
    for (size_t i = 0; i < len && o + 1 < out_len; i++) {
        if (s[i] != '\\' || i + 1 >= len) {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        unsigned cp;
        switch (c) {
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u':
            if (i + 4 < len && hex4(s + i + 1, &cp)) {
                i += 4;
                if (cp >= 0xd800 && cp < 0xdc00 && i + 6 < len && s[i + 1] == '\\' && s[i + 2] == 'u') {
                    unsigned lo;
                    if (hex4(s + i + 3, &lo) && lo >= 0xdc00 && lo < 0xe000) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                        i += 6;
                    }
                }
                if (cp >= 0xd800 && cp < 0xe000)
                    cp = '?';
                size_t n = put_utf8(cp, out + o, out_len - 1 - o);
                if (!n)
                    goto done;
                o += n;
            } else {
                out[o++] = '?';
            }
            break;
        default: out[o++] = c; break; /* \" \\ \/ */
        }
    }
done:
    out[o] = 0;
    return o;
}
