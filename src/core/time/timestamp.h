/* timestamp.h: the timestamp forms found in logs, parsed without allocation and with
 * a per-minute cache (a file's lines share their date-hour-minute prefix, so the
 * calendar arithmetic runs once a minute, not once a line).
 * - ISO 8601 / RFC 3339: 2026-11-23T12:20:01.123456789Z, 2026-11-23 12:20:01,123,
 *   2026-11-23T12:20:01+01:00, +0100, 2026/11/23 12:20:01 (nginx error log)
 * - CLF / Apache %t: 10/Oct/2000:13:55:36 -0700 (fraction and offset optional)
 * - BSD syslog (RFC 3164): Nov 23 12:20:01, no year
 * - Unix epoch: seconds, milliseconds, microseconds, nanoseconds, with fraction */
#ifndef FL_TIMESTAMP_H
#define FL_TIMESTAMP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct fl_time {
    int64_t ms;        /* UTC ms when has_offset; otherwise wall-clock ms as if UTC */
    int32_t offset_s;  /* offset written in the log (valid when has_offset) */
    int has_offset;
} fl_time;

typedef struct fl_ts_cache {
    char key[20];      /* date-hour-minute text last parsed */
    size_t key_len;
    int64_t minute_ms; /* its wall-clock minute */
    uint64_t off_word; /* CLF: the 8 bytes "ss +0100" last parsed, as one load ... */
    uint64_t off_mask; /* ... the mask that keeps their zone bytes " +0100" ... */
    int32_t off_s;     /* ... and the zone's value, so a line in a known minute and */
    int off_valid;     /*     zone costs four loads, a compare and two digits */
    uint64_t iso_tail; /* ISO read whole: the last 8 bytes of the time last parsed ... */
    uint64_t iso_mask; /* ... the mask that keeps its zone text ("+01:00", "Z") ... */
    size_t iso_zone_len; /* ... the zone text's length (0: no zone) ... */
    int32_t iso_off_s; /* ... and its meaning: a time in the cached minute with the */
    int iso_has_offset; /* same zone text costs two 8-byte compares and its seconds */
    int iso_valid;
    uint64_t zone_word; /* ISO followed by more text: the zone text after the seconds */
    uint64_t zone_mask; /* last read ("Z", "+01:00", "+0100"; none), its bytes' mask, */
    size_t zone_len;    /* length (0: no zone) and meaning, so a line in the cached */
    int32_t zone_off_s; /* minute with the same zone skips the offset parser */
    int zone_has_offset;
    int zone_valid;
    uint32_t sec_text;  /* fl_ts_iso_cached: the bytes ":SS?" of the second last read, */
    int64_t sec_minute; /* the minute_ms it was read in and its wall-clock ms (minute */
    int64_t sec_ms;     /* plus seconds): lines of one second skip the digit checks */
} fl_ts_cache;

/* Each parser reads a timestamp at the start of s (len bytes) and returns the bytes
 * it used, or 0 when s does not start with a valid one (impossible dates included). */
size_t fl_ts_clf(fl_ts_cache *c, const char *s, size_t len, fl_time *t);

/* fl_ts_iso without its inline fast path. */
size_t fl_ts_iso_parse(fl_ts_cache *c, const char *s, size_t len, fl_time *t);

/* fl_ts_iso's usual case, a time followed by more text: the cached minute (s[0..16)
 * equal to the key; a 16-byte key is stored only by fl_ts_iso_parse, after its shape
 * checks passed, so s passes them too) and the zone text last read, or none again.
 * Returns the bytes used, as fl_ts_iso_parse would, or 0 when that must decide. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* (GCC outlined it: a call on every line) */
#endif
static inline size_t fl_ts_iso_cached(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    uint64_t a0, a1, k0, k1;
    uint32_t sec_text;
    if (!c->zone_valid || c->key_len != 16 || len < 24 || s[16] != ':')
        return 0;
    memcpy(&a0, s, 8);
    memcpy(&a1, s + 8, 8);
    memcpy(&k0, c->key, 8);
    memcpy(&k1, c->key + 8, 8);
    memcpy(&sec_text, s + 16, 4);
    if (((a0 ^ k0) | (a1 ^ k1)) != 0)
        return 0;
    int64_t ms;
    if (sec_text == c->sec_text && c->sec_minute == c->minute_ms) {
        ms = c->sec_ms; /* the second of the line before (s[16] is ':': never the zeroed text) */
    } else {
        unsigned d0 = (unsigned char)s[17] - '0', d1 = (unsigned char)s[18] - '0';
        if (d0 > 6 || d1 > 9 || d0 * 10 + d1 > 60)
            return 0;
        ms = c->minute_ms + (int64_t)(d0 * 10 + d1) * 1000;
        c->sec_text = sec_text;
        c->sec_minute = c->minute_ms;
        c->sec_ms = ms;
    }
    size_t p = 19;
    if ((s[p] == '.' || s[p] == ',') && (unsigned)(s[p + 1] - '0') <= 9u) {
        if ((unsigned)(s[21] - '0') <= 9u && (unsigned)(s[22] - '0') <= 9u &&
            (unsigned)(s[23] - '0') > 9u) {
            /* milliseconds, the usual fraction (len >= 24: s[23] is there) */
            ms += (s[20] - '0') * 100 + (s[21] - '0') * 10 + (s[22] - '0');
            p = 23;
        } else {
            static const int scale[3] = {100, 10, 1}; /* digits after the third are dropped */
            size_t k = 0;
            for (p++; p < len && (unsigned)(s[p] - '0') <= 9u; p++, k++)
                if (k < 3)
                    ms += (s[p] - '0') * scale[k];
        }
    }
    if (c->zone_len == 0) {
        /* fl_ts_offset reads nothing that does not start with one of these */
        if (p < len && (s[p] == 'Z' || s[p] == 'z' || s[p] == '+' || s[p] == '-'))
            return 0;
    } else {
        uint64_t w;
        if (p + 8 > len)
            return 0;
        memcpy(&w, s + p, 8);
        if (((w ^ c->zone_word) & c->zone_mask) != 0)
            return 0;
        p += c->zone_len;
    }
    if (p >= len)
        return 0; /* a time alone: fl_ts_iso_parse also keeps fl_ts_iso_whole's cache */
    t->ms = ms - (int64_t)c->zone_off_s * 1000;
    t->offset_s = c->zone_off_s;
    t->has_offset = c->zone_has_offset;
    return p;
}

/* ISO 8601 time at the start of s (see above); the usual case inline. */
static inline size_t fl_ts_iso(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    size_t used = c ? fl_ts_iso_cached(c, s, len, t) : 0;
    return used ? used : fl_ts_iso_parse(c, s, len, t);
}

/* The common CLF case in the minute and zone of the line before: when s[0..26) is
 * "10/Oct/2000:13:55:36 -0700" with the cached minute text (bytes 0..16, compared as
 * three 8-byte loads, the last two overlapping), ':' and the cached zone " -0700"
 * (bytes 20..25, in the load of bytes 18..25 with the seconds), sets *t and returns
 * 1; otherwise 0. s must have 26 bytes; c not NULL. */
static inline int fl_ts_clf_cached(const fl_ts_cache *c, const char *s, fl_time *t)
{
    if (!c->off_valid || c->key_len != 17 || s[17] != ':')
        return 0;
    uint64_t a0, a1, a2, k0, k1, k2, z;
    memcpy(&a0, s, 8);
    memcpy(&a1, s + 8, 8);
    memcpy(&a2, s + 9, 8);
    memcpy(&k0, c->key, 8);
    memcpy(&k1, c->key + 8, 8);
    memcpy(&k2, c->key + 9, 8);
    memcpy(&z, s + 18, 8);
    unsigned d0 = (unsigned char)s[18] - '0', d1 = (unsigned char)s[19] - '0';
    if (((a0 ^ k0) | (a1 ^ k1) | (a2 ^ k2) | ((z ^ c->off_word) & c->off_mask)) != 0 || d0 > 6 ||
        d1 > 9 || d0 * 10 + d1 > 60)
        return 0;
    t->ms = c->minute_ms + (int64_t)(d0 * 10 + d1) * 1000 - (int64_t)c->off_s * 1000;
    t->offset_s = c->off_s;
    t->has_offset = 1;
    return 1;
}

/* fl_ts_clf for the usual 26-byte CLF time, with the cached case inline (c not NULL). */
static inline size_t fl_ts_clf_fast(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    if (len == 26 && fl_ts_clf_cached(c, s, t))
        return 26;
    return fl_ts_clf(c, s, len, t);
}

/* fl_ts_iso(c, s, len, t) == len: s[0..len) is one ISO 8601 time and nothing else.
 * The usual case, a time in the cached minute whose zone text (after the seconds and
 * fraction) is the one parsed last, is read inline: the zone's meaning depends on
 * its bytes only. c not NULL. */
static inline int fl_ts_iso_whole(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    if (c->iso_valid && c->key_len == 16 && len >= 19 && s[16] == ':') {
        uint64_t a0, a1, k0, k1, tail;
        memcpy(&a0, s, 8);
        memcpy(&a1, s + 8, 8);
        memcpy(&k0, c->key, 8);
        memcpy(&k1, c->key + 8, 8);
        memcpy(&tail, s + len - 8, 8);
        unsigned d0 = (unsigned char)s[17] - '0', d1 = (unsigned char)s[18] - '0';
        int64_t ms = c->minute_ms + (int64_t)(d0 * 10 + d1) * 1000;
        size_t p = 19;
        if (p + 1 < len && (s[p] == '.' || s[p] == ',') && (unsigned)(s[p + 1] - '0') <= 9u) {
            static const int scale[3] = {100, 10, 1}; /* digits after the third are dropped */
            size_t k = 0;
            for (p++; p < len && (unsigned)(s[p] - '0') <= 9u; p++, k++)
                if (k < 3)
                    ms += (s[p] - '0') * scale[k];
        }
        if (((a0 ^ k0) | (a1 ^ k1)) == 0 && d0 <= 6 && d1 <= 9 && d0 * 10 + d1 <= 60 &&
            len - p == c->iso_zone_len && ((tail ^ c->iso_tail) & c->iso_mask) == 0) {
            t->has_offset = c->iso_has_offset;
            t->offset_s = c->iso_off_s;
            t->ms = ms - (int64_t)c->iso_off_s * 1000;
            return 1;
        }
    }
    return fl_ts_iso(c, s, len, t) == len;
}

/* The year a year-less timestamp belongs to: year (from --year, or the year of the
 * file's modification time) and a reference point in it: ref_ms, the wall-clock ms
 * of the modification time (0: unknown), else ref_month (1..12, 0: unknown). */
typedef struct fl_year_ref {
    int year;
    int ref_month;
    int64_t ref_ms;
} fl_year_ref;

/* Year of a year-less date (month, day, hour, minute): y->year, or the year before
 * when the date would be more than a day after y->ref_ms (a line is never later than
 * its file was written: "Dec 10" in a file last written on Dec 5 is last year's, and
 * a file running Dec -> Jan written in January wraps; the day of slack covers the
 * zone difference between the UTC mtime and local times). Without ref_ms: the year
 * before when the month is more than one ahead of ref_month. */
int fl_year_pick(const fl_year_ref *y, unsigned month, unsigned day, unsigned h, unsigned mi);

/* BSD syslog "Nov 23 12:20:01" (or "Nov  3"), the year from y (fl_year_pick). */
size_t fl_ts_syslog(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y, fl_time *t);

/* Epoch number; the unit follows the digits of the integer part (<= 11 seconds,
 * 12-14 ms, 15-17 us, 18-19 ns). Always has_offset (UTC). */
size_t fl_ts_epoch(const char *s, size_t len, fl_time *t);

/* Optional UTC offset at s: "Z", "+01:00", "+0100", "+01"; returns bytes used (0 if
 * none) and sets *offset_s. */
size_t fl_ts_offset(const char *s, size_t len, int32_t *offset_s);

/* Wall-clock ms of a civil time; 0 when a field is out of range (31 February,
 * 24:00, years outside 1900..9999). Leap second 60 is accepted. */
int fl_ts_civil_ms(int64_t y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s,
                   int64_t *ms);

#endif
