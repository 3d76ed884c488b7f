/* events.h: human events (--events FILE) merged into the timeline.
 * One event a line: "YYYY-MM-DD HH:MM[:SS] text" or ISO 8601 with 'T' and an optional
 * offset ("2022-10-12T13:30:00+01:00 text"). Times without an offset are wall-clock
 * times in the report's zone. Blank lines and lines starting with '#' are ignored. */
#ifndef FL_EVENTS_H
#define FL_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "fl_status.h"
#include "time/tz.h"

typedef struct fl_event {
    int64_t utc_s;  /* when it happened */
    char *text;     /* what happened (malloc'd) */
} fl_event;

typedef struct fl_events {
    fl_event *items; /* sorted by time, stable for equal times */
    size_t n;
} fl_events;

/* Load path into ev. On a malformed line returns FL_ERR_PARSE with "file:line: reason"
 * in err; FL_ERR_OPEN if the file cannot be read. Free with fl_events_free. */
fl_status fl_events_load(const char *path, const fl_tz *tz, fl_events *ev, char *err,
                         size_t errlen);

void fl_events_free(fl_events *ev);

/* Parse the whole of s as an event's time ("YYYY-MM-DD HH:MM[:SS]", 'T' for the
 * space, an optional offset) or a date alone (its midnight), wall-clock in tz when
 * no offset is written; tz NULL: the offset is required. 1 and *utc_s on success. */
int fl_when_parse(const char *s, const fl_tz *tz, int64_t *utc_s);

#endif
