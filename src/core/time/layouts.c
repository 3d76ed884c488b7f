/* layouts.c: the timestamp layouts of the generic server-log reader (layouts.h).
 * Sources of the shapes: Hadoop/Spark log4j "yy/MM/dd HH:mm:ss", HDFS "yyMMdd
 * HHmmss", Android logcat threadtime "MM-dd HH:mm:ss.SSS", Blue Gene/L RAS
 * "yyyy-MM-dd-HH.mm.ss.ffffff", ctime "Www Mmm dd HH:mm:ss yyyy", java.util.logging
 * SimpleFormatter "Mmm dd, yyyy h:mm:ss AM", HealthApp "yyyyMMdd-HH:mm:ss:SSS",
 * Proxifier "MM.dd HH:mm:ss", plus ISO 8601, CLF, BSD syslog and epoch numbers
 * (timestamp.h). No layout allocates or reads past len. */
#include "time/layouts.h"

#include "time/fl_time.h"
#include "fl_chars.h"

/* n digits at s as a number, -1 if s is too short or any is not a digit. */
static int num_at(const char *s, size_t len, size_t at, size_t n)
{
    return at + n > len ? -1 : fl_digits_value(s + at, n);
}

/* Fraction digits at s[p] (after a separator already checked): adds ms, returns
 * the index after them. */
static size_t fraction(const char *s, size_t len, size_t p, int64_t *ms)
{
    static const int scale[3] = {100, 10, 1}; /* digits after the third are dropped */
    for (size_t k = 0; p < len && fl_is_digit(s[p]); p++, k++)
        if (k < 3)
            *ms += (s[p] - '0') * scale[k];
    return p;
}

/* Wall-clock time (no offset) from fields; 0 when they are not a valid time. */
static int set_civil(int64_t y, int mo, int d, int h, int mi, int sec, fl_time *t)
{
    int64_t ms;
    if (mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0 ||
        !fl_ts_civil_ms(y, (unsigned)mo, (unsigned)d, (unsigned)h, (unsigned)mi, (unsigned)sec, &ms))
        return 0;
    t->ms = ms;
    t->offset_s = 0;
    t->has_offset = 0;
    return 1;
}

static size_t lay_iso(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y, fl_time *t)
{
    (void)y;
    return fl_ts_iso(c, s, len, t);
}

/* "17/06/09 20:10:40": two-digit years are 2000..2099. */
static size_t lay_yy_slash(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                           fl_time *t)
{
    (void)c, (void)y;
    if (len < 17 || s[2] != '/' || s[5] != '/' || s[8] != ' ' || s[11] != ':' || s[14] != ':' ||
        num_at(s, len, 0, 2) < 0)
        return 0;
    return set_civil(2000 + num_at(s, len, 0, 2), num_at(s, len, 3, 2), num_at(s, len, 6, 2),
                     num_at(s, len, 9, 2), num_at(s, len, 12, 2), num_at(s, len, 15, 2), t)
               ? 17
               : 0;
}

/* "081109 203615" (HDFS). */
static size_t lay_yymmdd(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                         fl_time *t)
{
    (void)c, (void)y;
    if (len < 13 || s[6] != ' ' || num_at(s, len, 0, 2) < 0)
        return 0;
    return set_civil(2000 + num_at(s, len, 0, 2), num_at(s, len, 2, 2), num_at(s, len, 4, 2),
                     num_at(s, len, 7, 2), num_at(s, len, 9, 2), num_at(s, len, 11, 2), t)
               ? 13
               : 0;
}

/* "2005-06-03-15.42.50.675872" (Blue Gene/L). */
static size_t lay_bgl(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y, fl_time *t)
{
    (void)c, (void)y;
    if (len < 19 || s[4] != '-' || s[7] != '-' || s[10] != '-' || s[13] != '.' || s[16] != '.')
        return 0;
    if (!set_civil(num_at(s, len, 0, 4), num_at(s, len, 5, 2), num_at(s, len, 8, 2),
                   num_at(s, len, 11, 2), num_at(s, len, 14, 2), num_at(s, len, 17, 2), t))
        return 0;
    return len > 20 && s[19] == '.' && fl_is_digit(s[20]) ? fraction(s, len, 20, &t->ms) : 19;
}

/* "20171223-22:15:29:606" (HealthApp). */
static size_t lay_compact_colon(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                                fl_time *t)
{
    (void)c, (void)y;
    /* HealthApp writes the clock unpadded ("20171223-22:18:0:168"): one or two
     * digits a field. */
    int f[3];
    size_t p = 9;
    if (len < 14 || s[8] != '-')
        return 0;
    for (int k = 0; k < 3; k++) {
        size_t n = p + 1 < len && fl_is_digit(s[p + 1]) ? 2 : 1;
        f[k] = num_at(s, len, p, n);
        p += n;
        if (f[k] < 0 || (k < 2 && (p >= len || s[p++] != ':')))
            return 0;
    }
    if (!set_civil(num_at(s, len, 0, 4), num_at(s, len, 4, 2), num_at(s, len, 6, 2), f[0], f[1], f[2], t))
        return 0;
    return p + 1 < len && (s[p] == ':' || s[p] == '.') && fl_is_digit(s[p + 1]) ? fraction(s, len, p + 1, &t->ms)
                                                                                : p;
}

/* "Sun Dec 04 04:47:44 2005" (ctime, Apache, Java Date.toString without zone). */
static size_t lay_ctime(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                        fl_time *t)
{
    (void)c, (void)y;
    if (len < 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[13] != ':' || s[16] != ':' ||
        s[19] != ' ')
        return 0;
    int d = s[8] == ' ' ? num_at(s, len, 9, 1) : num_at(s, len, 8, 2);
    return set_civil(num_at(s, len, 20, 4), (int)fl_month_from_abbr(s + 4), d, num_at(s, len, 11, 2),
                     num_at(s, len, 14, 2), num_at(s, len, 17, 2), t)
               ? 24
               : 0;
}

/* "Nov 23, 2026 1:20:01 PM" (java.util.logging SimpleFormatter, Tomcat). */
static size_t lay_mdy_ampm(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                           fl_time *t)
{
    (void)c, (void)y;
    unsigned mo = len >= 4 ? fl_month_from_abbr(s) : 0;
    if (!mo || s[3] != ' ')
        return 0;
    size_t p = 4, dl = p < len && fl_is_digit(s[p]) && p + 1 < len && fl_is_digit(s[p + 1]) ? 2 : 1;
    int d = num_at(s, len, p, dl);
    p += dl;
    if (p + 8 > len || s[p] != ',' || s[p + 1] != ' ')
        return 0;
    int yr = num_at(s, len, p + 2, 4);
    p += 6;
    if (p >= len || s[p] != ' ')
        return 0;
    p++;
    size_t hl = p + 1 < len && fl_is_digit(s[p + 1]) ? 2 : 1;
    int h = num_at(s, len, p, hl);
    p += hl;
    if (p + 9 > len || s[p] != ':' || s[p + 3] != ':' || s[p + 6] != ' ' || s[p + 8] != 'M' ||
        (s[p + 7] != 'A' && s[p + 7] != 'P') || h < 1 || h > 12)
        return 0;
    h = h % 12 + (s[p + 7] == 'P' ? 12 : 0);
    if (!set_civil(yr, (int)mo, d, h, num_at(s, len, p + 1, 2), num_at(s, len, p + 4, 2), t))
        return 0;
    return p + 9;
}

static size_t lay_clf(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y, fl_time *t)
{
    (void)y;
    return fl_ts_clf(c, s, len, t);
}

/* Epoch seconds (10 digits, 2001-2286) or milliseconds (13), optional fraction. */
static size_t lay_epoch(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                        fl_time *t)
{
    (void)c, (void)y;
    size_t n = 0;
    while (n < len && fl_is_digit(s[n]))
        n++;
    if ((n != 10 && n != 13) || s[0] == '0')
        return 0;
    return fl_ts_epoch(s, len, t);
}

/* Year-less "MM-dd HH:mm:ss.SSS" (logcat) and "MM.dd HH:mm:ss" (Proxifier): sep is
 * the date separator. */
static size_t month_day(const char *s, size_t len, char sep, const fl_year_ref *y, fl_time *t)
{
    if (len < 14 || s[2] != sep || s[5] != ' ' || s[8] != ':' || s[11] != ':')
        return 0;
    int mo = num_at(s, len, 0, 2), d = num_at(s, len, 3, 2), h = num_at(s, len, 6, 2),
        mi = num_at(s, len, 9, 2);
    if (mo < 1 || mo > 12 || d < 1 || h < 0 || mi < 0)
        return 0;
    int yr = fl_year_pick(y, (unsigned)mo, (unsigned)d, (unsigned)h, (unsigned)mi);
    if (!set_civil(yr, mo, d, h, mi, num_at(s, len, 12, 2), t))
        return 0;
    return len > 15 && (s[14] == '.' || s[14] == ',') && fl_is_digit(s[15])
               ? fraction(s, len, 15, &t->ms)
               : 14;
}

static size_t lay_logcat(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                         fl_time *t)
{
    (void)c;
    return month_day(s, len, '-', y, t);
}

static size_t lay_month_dot(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                            fl_time *t)
{
    (void)c;
    return month_day(s, len, '.', y, t);
}

static size_t lay_syslog(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y,
                         fl_time *t)
{
    (void)c; /* the minute cache is the syslog format's; a layout parses afresh */
    fl_ts_cache own = {0};
    return fl_ts_syslog(&own, s, len, y, t);
}

const fl_layout fl_layouts[] = {
    {"yyyy-MM-dd'T'HH:mm:ss.SSSXXX (ISO 8601: 'T' or ' ', '.' or ',', zone optional)",
     "2026-11-23 12:20:01,123", 1795436401123LL, 1, lay_iso},
    {"yy/MM/dd HH:mm:ss", "17/06/09 20:10:40", 1497039040000LL, 1, lay_yy_slash},
    {"yyMMdd HHmmss", "081109 203615", 1226262975000LL, 1, lay_yymmdd},
    {"yyyy-MM-dd-HH.mm.ss.ffffff", "2005-06-03-15.42.50.675872", 1117813370675LL, 1, lay_bgl},
    {"yyyyMMdd-HH:mm:ss:SSS", "20171223-22:15:29:606", 1514067329606LL, 1, lay_compact_colon},
    {"EEE MMM dd HH:mm:ss yyyy", "Sun Dec 04 04:47:44 2005", 1133671664000LL, 1, lay_ctime},
    {"MMM dd, yyyy h:mm:ss a", "Nov 23, 2026 1:20:01 PM", 1795440001000LL, 1, lay_mdy_ampm},
    {"dd/MMM/yyyy:HH:mm:ss Z", "23/Nov/2026:12:20:01 +0000", 1795436401000LL, 1, lay_clf},
    {"epoch seconds or milliseconds", "1131566461", 1131566461000LL, 1, lay_epoch},
    {"MM-dd HH:mm:ss.SSS (no year)", "03-17 16:13:38.811", 1773764018811LL, 0, lay_logcat},
    {"MM.dd HH:mm:ss (no year)", "10.30 16:49:06", 1793378946000LL, 0, lay_month_dot},
    {"MMM d HH:mm:ss (no year)", "Nov  9 12:01:01", 1794225661000LL, 0, lay_syslog},
};
const size_t fl_layouts_count = sizeof fl_layouts / sizeof fl_layouts[0];
