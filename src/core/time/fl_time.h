/* fl_time.h: civil-date arithmetic and ISO 8601 formatting. Internal time is UTC
 * milliseconds since the Unix epoch (int64_t); days/civil conversions follow
 * Howard Hinnant's proleptic Gregorian algorithms. */
#ifndef FL_TIME_H
#define FL_TIME_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 for a proleptic Gregorian date (m 1..12, d 1..31). */
int64_t fl_days_from_civil(int64_t y, unsigned m, unsigned d);

/* Inverse of fl_days_from_civil. */
void fl_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* Broken-down time of a UTC instant shifted by offset_s seconds. */
typedef struct fl_civil {
    int64_t year;
    unsigned month, day, hour, minute, second, weekday; /* weekday 0 = Sunday */
} fl_civil;
void fl_civil_from_seconds(int64_t local_s, fl_civil *out);

/* Floor division that rounds toward negative infinity. */
int64_t fl_floor_div(int64_t a, int64_t b);

/* "2022-10-12T12:20:00+01:00" of
 * the UTC instant utc_s seen at offset_s. buf needs 32 bytes; returns buf. */
char *fl_time_iso(int64_t utc_s, int32_t offset_s, char *buf, size_t len);

/* "+01:00" for an offset in seconds; buf needs 8 bytes; returns buf. */
char *fl_offset_str(int32_t offset_s, char *buf, size_t len);

/* Month number 1..12 from a three-letter English abbreviation (case-insensitive),
 * 0 if it is not one. */
unsigned fl_month_from_abbr(const char *s);

#endif
