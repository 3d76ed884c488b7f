/* json_scan.h: an allocation-free scanner over one JSON object per line (RFC 8259),
 * for the JSON-lines formats' fast path. It walks the top-level members and hands
 * out raw slices; nested objects and arrays come back whole (use fl_json_next on the
 * slice to descend). String values keep their escapes (fl_json_unescape copies). */
#ifndef FL_JSON_SCAN_H
#define FL_JSON_SCAN_H

#include <stddef.h>
#include <stdint.h>

typedef struct fl_json_field {
    const char *key;   /* member name without quotes, escapes kept */
    size_t key_len;
    const char *val;   /* string: contents without quotes; other: the raw token */
    size_t val_len;
    int is_string;
} fl_json_field;

/* Next member of the object in s[0..len) (leading/trailing blanks allowed); *pos
 * starts at 0. Returns 1 for a member, 0 after the last, -1 when malformed. */
int fl_json_next(const char *s, size_t len, size_t *pos, fl_json_field *f);

/* First member named key; returns 1 when found, 0 if absent, -1 malformed. */
int fl_json_get(const char *s, size_t len, const char *key, fl_json_field *f);

/* A member's value as an integer (a JSON number, or a string holding one, like
 * "503": an optional '-' and 1 to 18 digits, nothing else); returns 1 on success.
 * Inline: statuses and sizes are read once per JSON line. */
static inline int fl_json_int(const fl_json_field *f, int64_t *v)
{
    int64_t x = 0;
    size_t i = 0;
    int neg = 0;
    if (f->val_len && f->val[0] == '-')
        neg = 1, i = 1;
    if (i >= f->val_len || f->val_len - i > 18)
        return 0;
    for (; i < f->val_len; i++) {
        if (f->val[i] < '0' || f->val[i] > '9')
            return 0;
        x = x * 10 + (f->val[i] - '0');
    }
    *v = neg ? -x : x;
    return 1;
}

/* fl_json_double for what its fast path leaves: strtod on a copy of the value. */
int fl_json_double_strtod(const fl_json_field *f, double *v);

/* As a double (number or numeric string, anything strtod reads whole); returns 1 on
 * success, with the value strtod gives. Inline fast path for [-]digits[.digits] with
 * at most 15 digits: the digits make an exact integer m (< 2^53) and 10^k (k <= 15) is exact,
 * so m / 10^k is the correctly rounded value, the same double strtod returns
 * (Clinger's fast path); request times ("0.030") never reach strtod. */
static inline int fl_json_double(const fl_json_field *f, double *v)
{
    static const double pow10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *s = f->val;
    size_t n = f->val_len, i = s && n && s[0] == '-', start = i, frac = 0;
    uint64_t m = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        m = m * 10 + (uint64_t)(s[i] - '0');
    size_t digits = i - start;
    if (digits && i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        size_t f0 = ++i;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            m = m * 10 + (uint64_t)(s[i] - '0');
        frac = i - f0;
        digits += frac;
    }
    if (digits && digits <= 15 && i == n) {
        double x = (double)m / pow10[frac];
        *v = start ? -x : x;
        return 1;
    }
    return fl_json_double_strtod(f, v);
}

/* Copy a string value into out (NUL-terminated, truncated to out_len-1), decoding
 * \" \\ \/ \b \f \n \r \t and \uXXXX (as UTF-8; lone surrogates become '?').
 * Returns the decoded length. */
size_t fl_json_unescape(const char *s, size_t len, char *out, size_t out_len);

#endif
