/* tz.h: time zones for output (--tz) and for logs without an offset.
 * A zone is either a fixed offset ("UTC", "Z", "+01:00", "+0100", "-05") or an IANA
 * name read from the compiled tz database (TZif, RFC 8536) under $TZDIR or
 * /usr/share/zoneinfo, including the POSIX TZ footer rule for instants after the
 * last listed transition. No process-wide state (no setenv("TZ"), no localtime). */
#ifndef FL_TZ_H
#define FL_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "fl_status.h"

typedef struct fl_tz fl_tz;

/* Load a zone from spec. On success *out is a new zone the caller frees with
 * fl_tz_free. On failure returns FL_ERR_TZ (unknown name, unreadable or malformed
 * file) and writes a one-line reason into err. */
fl_status fl_tz_load(const char *spec, fl_tz **out, char *err, size_t errlen);

/* A fixed-offset zone (seconds east of UTC); NULL only when out of memory. */
fl_tz *fl_tz_fixed(int32_t offset_s);

void fl_tz_free(fl_tz *tz);

/* Offset in seconds east of UTC in force at utc_s. If abbr is non-NULL it receives
 * the zone abbreviation then in force ("WAT", "EDT"; for fixed offsets "UTC" or
 * "UTC+01:00"), valid while tz lives. */
int32_t fl_tz_offset_at(const fl_tz *tz, int64_t utc_s, const char **abbr);

/* The first instant after utc_s at which the offset or the abbreviation in force
 * differs from those at utc_s; INT64_MAX when there is none (a fixed zone, a zone
 * whose last rule keeps one offset). Bounded work: a binary search of the listed
 * transitions, then at most 400 days of the footer rule. */
int64_t fl_tz_next_change(const fl_tz *tz, int64_t utc_s);

/* Convert local wall-clock seconds (as if UTC) to a UTC instant. In a DST gap the
 * earlier offset is used (the result lands after the gap); in an overlap the earlier
 * instant (first occurrence) is returned. */
int64_t fl_tz_local_to_utc(const fl_tz *tz, int64_t local_s);

/* The spec the zone was loaded from ("Africa/Lagos", "+01:00"). */
const char *fl_tz_name(const fl_tz *tz);

/* Nonzero when the zone is a single fixed offset. */
int fl_tz_is_fixed(const fl_tz *tz);

/* Parse "+01:00", "+0100", "-05", "Z", "UTC" at s (len bytes) into seconds east.
 * Returns 1 on success, 0 if s is not an offset. */
int fl_parse_offset(const char *s, size_t len, int32_t *offset_s);

/* A fixed offset as a user types it after --tz: "UTC", "UTC+1", "GMT-05:30", "+1",
 * "+01", "+0100", "+01:00" (case-insensitive prefix). "UTC+1" is one hour ahead of UTC
 * (ISO 8601), not the POSIX TZ reading. Returns 1 with *offset_s (seconds east), 0
 * when spec is not such an offset. (tz_spec.c) */
int fl_tz_user_offset(const char *spec, int32_t *offset_s);

/* When spec looks like a zone abbreviation ("WAT", "CET"), write into buf a one-line
 * hint naming zones that use it and return 1; else 0. */
int fl_tz_abbr_hint(const char *spec, char *buf, size_t len);

#endif
