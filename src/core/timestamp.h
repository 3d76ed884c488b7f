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

typedef struct fl_time {
    int64_t ms;        /* UTC ms when has_offset; otherwise wall-clock ms as if UTC */
    int32_t offset_s;  /* offset written in the log (valid when has_offset) */
    int has_offset;
} fl_time;

typedef struct fl_ts_cache {
    char key[20];      /* date-hour-minute text last parsed */
    size_t key_len;
    int64_t minute_ms; /* its wall-clock minute */
    char off_key[6];   /* CLF: the " +0100" text last parsed ... */
    int32_t off_s;     /* ... and its value, so a line in a known minute and zone */
    int off_valid;     /*     costs a compare and two digits */
} fl_ts_cache;

/* Each parser reads a timestamp at the start of s (len bytes) and returns the bytes
 * it used, or 0 when s does not start with a valid one (impossible dates included). */
size_t fl_ts_iso(fl_ts_cache *c, const char *s, size_t len, fl_time *t);
size_t fl_ts_clf(fl_ts_cache *c, const char *s, size_t len, fl_time *t);

/* year: the year to assume; ref_month (1..12, 0 unknown): month of a reference time
 * in that year (the file's mtime). A month more than one ahead of ref_month belongs
 * to the previous year (December lines in a file last written in January). */
size_t fl_ts_syslog(fl_ts_cache *c, const char *s, size_t len, int year, int ref_month,
                    fl_time *t);

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
