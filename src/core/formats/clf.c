/* clf.c: NCSA Common Log Format and Combined Log Format.
 * Apache mod_log_config: common = "%h %l %u %t \"%r\" %>s %b",
 * combined = common + " \"%{Referer}i\" \"%{User-agent}i\""; nginx's default
 * log_format "combined" is the same ($remote_addr - $remote_user [$time_local]
 * "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent").
 * %t / $time_local is "[10/Oct/2000:13:55:36 -0700]". Inside quoted fields nginx and
 * Apache escape '"' as \" (and '\' as \\), so quoted fields are scanned with escapes. */
#include <string.h>

#include "../fl_time.h"
#include "format.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int two_digits(const char *s, unsigned *v)
{
    if (!is_digit(s[0]) || !is_digit(s[1]))
        return 0;
    *v = (unsigned)(s[0] - '0') * 10 + (unsigned)(s[1] - '0');
    return 1;
}

static const unsigned days_in_month[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* "+0100" / "-0700" at s, 5 bytes. */
static int parse_offset(const char *s, int32_t *off)
{
    unsigned hh, mm;
    if ((s[0] != '+' && s[0] != '-') || !two_digits(s + 1, &hh) || !two_digits(s + 3, &mm) ||
        hh > 23 || mm > 59)
        return 0;
    *off = (int32_t)(hh * 3600 + mm * 60) * (s[0] == '-' ? -1 : 1);
    return 1;
}

/* Parse "dd/Mon/yyyy:HH:MM" (17 bytes) and the offset into the UTC minute. */
static int parse_minute(const char *s, const char *off_s, int64_t *minute_ms, int32_t *off)
{
    unsigned d, mon, hh, mi, y1, y2;
    if (!two_digits(s, &d) || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':')
        return 0;
    mon = fl_month_from_abbr(s + 3);
    if (!mon || !two_digits(s + 7, &y1) || !two_digits(s + 9, &y2) ||
        !two_digits(s + 12, &hh) || !two_digits(s + 15, &mi))
        return 0;
    unsigned year = y1 * 100 + y2;
    if (d < 1 || d > days_in_month[mon] || hh > 23 || mi > 59 || !parse_offset(off_s, off))
        return 0;
    if (mon == 2 && d == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
        return 0;
    int64_t days = fl_days_from_civil(year, mon, d);
    *minute_ms = ((days * 24 + hh) * 60 + mi) * 60000 - (int64_t)*off * 1000;
    return 1;
}

int fl_clf_time(fl_parse_state *st, const char *s, size_t len, int64_t *ms, int32_t *offset_s)
{
    /* dd/Mon/yyyy:HH:MM:SS[.fff] +zzzz */
    unsigned sec;
    if (len < 26 || s[17] != ':' || !two_digits(s + 18, &sec) || sec > 60)
        return 0;
    size_t p = 20, frac_ms = 0, scale = 100;
    if (s[p] == '.') {
        for (p++; p < len && is_digit(s[p]); p++, scale /= 10)
            frac_ms += (size_t)(s[p] - '0') * scale;
    }
    if (p + 6 != len || s[p] != ' ')
        return 0;
    const char *off_s = s + p + 1;
    if (st->ts_key_len != 22 || memcmp(st->ts_key, s, 17) != 0 || memcmp(st->ts_key + 17, off_s, 5) != 0) {
        if (!parse_minute(s, off_s, &st->ts_minute_ms, &st->ts_offset_s)) {
            st->ts_key_len = 0;
            return 0;
        }
        memcpy(st->ts_key, s, 17);
        memcpy(st->ts_key + 17, off_s, 5);
        st->ts_key_len = 22;
    }
    *ms = st->ts_minute_ms + (int64_t)sec * 1000 + (int64_t)frac_ms;
    *offset_s = st->ts_offset_s;
    return 1;
}

/* Scan a quoted field starting at s[i] == '"'; returns the index just past the
 * closing quote, or 0 if it is not closed. */
static size_t skip_quoted(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
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

/* Shared scan. Returns FL_PARSE_OK with *after set to the index after the bytes
 * field; the time is parsed only when st is non-NULL. */
static fl_parse_result scan(fl_parse_state *st, const char *s, size_t len, fl_record *rec,
                            size_t *after)
{
    const char *sp = memchr(s, ' ', len);
    if (!sp || sp == s)
        return FL_PARSE_UNPARSEABLE;
    rec->host = s;
    rec->host_len = (size_t)(sp - s);
    const char *lb = memchr(sp, '[', len - (size_t)(sp - s));
    if (!lb)
        return FL_PARSE_UNPARSEABLE;
    size_t i = (size_t)(lb - s) + 1;
    const char *rb = memchr(s + i, ']', len - i);
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
    if (st && !fl_clf_time(st, s + ts_start, ts_len, &rec->ts_ms, &rec->utc_offset_s))
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

fl_parse_result fl_clf_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    size_t after;
    return scan(st, line, len, rec, &after);
}

int fl_clf_sniff_common(const char *line, size_t len)
{
    fl_record rec;
    fl_parse_state st = {0};
    size_t after;
    return scan(&st, line, len, &rec, &after) == FL_PARSE_OK;
}

int fl_clf_sniff_combined(const char *line, size_t len)
{
    fl_record rec;
    fl_parse_state st = {0};
    size_t i;
    if (scan(&st, line, len, &rec, &i) != FL_PARSE_OK || i + 1 >= len || line[i + 1] != '"')
        return 0;
    size_t q = skip_quoted(line, len, i + 1);
    return q && q + 1 < len && line[q] == ' ' && line[q + 1] == '"' && skip_quoted(line, len, q + 1);
}
