/* timestamp.c: timestamp parsers shared by the formats (see timestamp.h). */
#include "time/timestamp.h"

#include <string.h>

#include "fl_chars.h"
#include "time/fl_time.h"

static int leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int fl_ts_civil_ms(int64_t y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s,
                   int64_t *ms)
{
    static const unsigned mdays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60)
        return 0;
    if (d > mdays[mo] + (mo == 2 && leap(y)))
        return 0;
    *ms = (((fl_days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60 + s) * 1000;
    return 1;
}

/* Seconds, optional fraction (any digits; '.' or ','), at s; returns bytes used. */
static size_t seconds(const char *s, size_t len, int64_t *ms)
{
    static const int scale[3] = {100, 10, 1}; /* digits after the third are dropped */
    int sec = len < 2 ? -1 : fl_digits_value(s, 2);
    if (sec < 0 || sec > 60)
        return 0;
    *ms = sec * 1000;
    size_t p = 2;
    if (p + 1 < len && (s[p] == '.' || s[p] == ',') && fl_is_digit(s[p + 1])) {
        size_t k = 0;
        for (p++; p < len && fl_is_digit(s[p]); p++, k++)
            if (k < 3)
                *ms += (s[p] - '0') * scale[k];
    }
    return p;
}

size_t fl_ts_offset(const char *s, size_t len, int32_t *offset_s)
{
    if (len >= 1 && (s[0] == 'Z' || s[0] == 'z')) {
        *offset_s = 0;
        return 1;
    }
    if (len < 3 || (s[0] != '+' && s[0] != '-') || fl_digits_value(s + 1, 2) < 0)
        return 0;
    int h = fl_digits_value(s + 1, 2), m = 0;
    size_t p = 3;
    if (p + 3 <= len && s[p] == ':' && fl_digits_value(s + p + 1, 2) >= 0) {
        m = fl_digits_value(s + p + 1, 2);
        p += 3;
    } else if (p + 2 <= len && fl_digits_value(s + p, 2) >= 0) {
        m = fl_digits_value(s + p, 2);
        p += 2;
    }
    if (h > 14 || m > 59)
        return 0;
    *offset_s = (h * 3600 + m * 60) * (s[0] == '-' ? -1 : 1);
    return p;
}

/* a[0..n) == b[0..n) for the cache keys (8 <= n <= 24): two or three 8-byte loads
 * per side (the last one overlaps), no call. */
static int same_key(const char *a, const char *b, size_t n)
{
    uint64_t a0, a1, a2 = 0, b0, b1, b2 = 0;
    memcpy(&a0, a, 8);
    memcpy(&b0, b, 8);
    memcpy(&a1, a + n - 8, 8);
    memcpy(&b1, b + n - 8, 8);
    if (n > 16) {
        memcpy(&a2, a + 8, 8);
        memcpy(&b2, b + 8, 8);
    }
    return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2)) == 0;
}

/* Look up or compute the wall minute of a key; returns 0 when compute fails. */
static int cached_minute(fl_ts_cache *c, const char *key, size_t n, int64_t *minute,
                         int (*compute)(const char *, int64_t *, const void *), const void *arg)
{
    if (c && c->key_len == n && (n >= 8 ? same_key(c->key, key, n) : memcmp(c->key, key, n) == 0)) {
        *minute = c->minute_ms;
        return 1;
    }
    if (!compute(key, minute, arg))
        return 0;
    if (c && n <= sizeof c->key) {
        memcpy(c->key, key, n);
        c->key_len = n;
        c->minute_ms = *minute;
    }
    return 1;
}

/* "2026-11-23T12:20" (or '/' dates, ' ' separator). */
static int iso_minute(const char *s, int64_t *ms, const void *arg)
{
    (void)arg;
    int y = fl_digits_value(s, 4), mo = fl_digits_value(s + 5, 2), d = fl_digits_value(s + 8, 2), h = fl_digits_value(s + 11, 2), mi = fl_digits_value(s + 14, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s[13] != ':')
        return 0;
    return fl_ts_civil_ms(y, (unsigned)mo, (unsigned)d, (unsigned)h, (unsigned)mi, 0, ms);
}

/* Seconds, fraction and optional offset after a cached minute. */
static size_t finish(const char *s, size_t len, size_t p, int64_t minute, int allow_space_offset,
                     fl_time *t)
{
    int64_t sec_ms;
    size_t n = seconds(s + p, len - p, &sec_ms);
    if (!n)
        return 0;
    p += n;
    t->ms = minute + sec_ms;
    t->has_offset = 0;
    t->offset_s = 0;
    size_t q = p + (allow_space_offset && p < len && s[p] == ' ');
    /* (fl_ts_offset reads nothing that does not start with one of these) */
    size_t o = q < len && (s[q] == 'Z' || s[q] == 'z' || s[q] == '+' || s[q] == '-')
                   ? fl_ts_offset(s + q, len - q, &t->offset_s)
                   : 0;
    if (o) {
        t->has_offset = 1;
        t->ms -= (int64_t)t->offset_s * 1000;
        p = q + o;
    }
    return p;
}

/* Where the seconds (and fraction) of an ISO time end: its zone text starts there. */
static size_t iso_seconds_end(const char *s, size_t len)
{
    size_t p = 19;
    if (p + 1 < len && (s[p] == '.' || s[p] == ',') && fl_is_digit(s[p + 1]))
        for (p++; p < len && fl_is_digit(s[p]);)
            p++;
    return p;
}

size_t fl_ts_iso_parse(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    size_t used;
    if (len < 19 || !(s[4] == '-' || s[4] == '/') || s[7] != s[4] ||
        !(s[10] == 'T' || s[10] == ' ' || s[10] == 't') || s[16] != ':')
        return 0;
    int64_t minute;
    if (!cached_minute(c, s, 16, &minute, iso_minute, NULL))
        return 0;
    used = finish(s, len, 17, minute, 0, t);
    if (c && used && used < len) { /* remember the zone text for iso_cached */
        size_t p = iso_seconds_end(s, len), z = used - p;
        /* "+01" alone: what follows it could have extended it (":30", "30") */
        c->zone_valid = z != 3 && z <= 8;
        c->zone_len = z;
        c->zone_word = c->zone_mask = 0;
        memcpy(&c->zone_word, s + p, z <= 8 ? z : 0);
        memset(&c->zone_mask, 0xff, z <= 8 ? z : 0);
        c->zone_off_s = t->has_offset ? t->offset_s : 0;
        c->zone_has_offset = t->has_offset;
    }
    if (c && used == len) { /* remember the zone text for fl_ts_iso_whole */
        size_t p = 19;
        if (p + 1 < len && (s[p] == '.' || s[p] == ',') && fl_is_digit(s[p + 1]))
            for (p++; p < len && fl_is_digit(s[p]);)
                p++;
        c->iso_valid = len - p <= 8;
        c->iso_zone_len = len - p;
        memcpy(&c->iso_tail, s + len - 8, 8);
        c->iso_mask = 0;
        if (len - p > 0) /* the zone is the last len - p of the 8 bytes */
            memset((char *)&c->iso_mask + 8 - (len - p), 0xff, len - p);
        c->iso_off_s = t->has_offset ? t->offset_s : 0;
        c->iso_has_offset = t->has_offset;
    }
    return used;
}

/* "10/Oct/2000:13:55" */
static int clf_minute(const char *s, int64_t *ms, const void *arg)
{
    (void)arg;
    int d = fl_digits_value(s, 2), y = fl_digits_value(s + 7, 4), h = fl_digits_value(s + 12, 2), mi = fl_digits_value(s + 15, 2);
    unsigned mo = fl_month_from_abbr(s + 3);
    if (d < 0 || y < 0 || h < 0 || mi < 0 || !mo || s[2] != '/' || s[6] != '/' || s[11] != ':' ||
        s[14] != ':')
        return 0;
    return fl_ts_civil_ms(y, mo, (unsigned)d, (unsigned)h, (unsigned)mi, 0, ms);
}

size_t fl_ts_clf(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    if (len < 20 || s[17] != ':')
        return 0;
    /* Fast path: the minute and zone of the line before (timestamp.h). */
    if (c && len >= 26 && (len == 26 || !fl_is_digit(s[26])) && fl_ts_clf_cached(c, s, t))
        return 26;
    int64_t minute;
    if (!cached_minute(c, s, 17, &minute, clf_minute, NULL))
        return 0;
    size_t used = finish(s, len, 18, minute, 1, t);
    if (c && used == 26 && t->has_offset && s[20] == ' ') { /* remember the zone text */
        memcpy(&c->off_word, s + 18, 8);
        memset(&c->off_mask, 0xff, sizeof c->off_mask);
        memset(&c->off_mask, 0, 2); /* bytes 0 and 1 are the seconds */
        c->off_s = t->offset_s;
        c->off_valid = 1;
    }
    return used;
}

int fl_year_pick(const fl_year_ref *y, unsigned month, unsigned day, unsigned h, unsigned mi)
{
    int64_t ms;
    if (y->ref_ms)
        return fl_ts_civil_ms(y->year, month, day ? day : 1, h, mi, 0, &ms) &&
                       ms > y->ref_ms + 86400000LL
                   ? y->year - 1
                   : y->year;
    return y->ref_month && (int)month > y->ref_month + 1 ? y->year - 1 : y->year;
}

/* "Nov 23 12:20" or "Nov  3 12:20" */
static int syslog_minute(const char *s, int64_t *ms, const void *arg)
{
    unsigned mo = fl_month_from_abbr(s);
    int d = s[4] == ' ' ? fl_digits_value(s + 5, 1) : fl_digits_value(s + 4, 2), h = fl_digits_value(s + 7, 2), mi = fl_digits_value(s + 10, 2);
    if (!mo || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || d < 0 || h < 0 || mi < 0)
        return 0;
    int year = fl_year_pick(arg, mo, (unsigned)d, (unsigned)h, (unsigned)mi);
    return fl_ts_civil_ms(year, mo, (unsigned)d, (unsigned)h, (unsigned)mi, 0, ms);
}

size_t fl_ts_syslog(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y, fl_time *t)
{
    int64_t minute;
    if (len < 15 || s[12] != ':')
        return 0;
    if (!cached_minute(c, s, 12, &minute, syslog_minute, y))
        return 0;
    return finish(s, len, 13, minute, 0, t);
}

size_t fl_ts_epoch(const char *s, size_t len, fl_time *t)
{
    size_t p = 0;
    uint64_t v = 0; /* 19 digits fit in 64 bits unsigned, not signed */
    while (p < len && fl_is_digit(s[p]) && p < 19)
        v = v * 10 + (uint64_t)(s[p++] - '0');
    if (p < 9 || (p < len && fl_is_digit(s[p])))
        return 0;
    int64_t ms;
    if (p <= 11)
        ms = (int64_t)v * 1000;
    else if (p <= 14)
        ms = (int64_t)v;
    else if (p <= 17)
        ms = (int64_t)(v / 1000);
    else
        ms = (int64_t)(v / 1000000);
    if (p < len && s[p] == '.' && p <= 14) {
        int64_t scale = p <= 11 ? 100 : 0; /* fraction of a second, or of a ms (dropped) */
        for (p++; p < len && fl_is_digit(s[p]); p++, scale /= 10)
            ms += (s[p] - '0') * scale;
    }
    t->ms = ms;
    t->offset_s = 0;
    t->has_offset = 1;
    return p;
}
