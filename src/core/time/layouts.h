/* layouts.h: the timestamp layouts the generic server-log reader (formats/generic.c)
 * chooses from, one row each: a name in the notation of Java's DateTimeFormatter
 * ("yyMMdd HHmmss"), an example, and a parser. The generic reader tries the rows at
 * the first few token positions of a file's first lines and keeps the first that
 * fits; earlier rows win ties at one position.
 * Layouts without a year take it from a fl_year_ref (fl_year_pick below). */
#ifndef FL_LAYOUTS_H
#define FL_LAYOUTS_H

#include <stddef.h>
#include <stdint.h>

#include "time/timestamp.h"

/* The year a year-less timestamp belongs to: year (from --year, or the year of
 * ref_ms) and ref_ms, the wall-clock ms of the file's modification time (0:
 * unknown). */
typedef struct fl_year_ref {
    int year;
    int64_t ref_ms;
} fl_year_ref;

typedef struct fl_layout {
    const char *name;    /* "yyMMdd HHmmss" */
    const char *example; /* "081109 203615" */
    int64_t example_ms;  /* the example's time (UTC ms; wall clock when it has no zone;
                          * year 2026 when it has no year): the unit test reads it */
    int has_year;        /* 0: the year comes from a fl_year_ref */
    /* Reads a timestamp at the start of s; returns the bytes used, 0 when s does
     * not start with one (impossible dates included). c may be NULL. */
    size_t (*parse)(fl_ts_cache *c, const char *s, size_t len, const fl_year_ref *y, fl_time *t);
} fl_layout;

/* All layouts, in preference order. */
extern const fl_layout fl_layouts[];
extern const size_t fl_layouts_count;

/* Year of a date given as month, day and wall-clock ms within the year y->year:
 * y->year, or the year before when that would put the date more than a day after
 * y->ref_ms (a year-less line is never later than its file was written: "Dec 10"
 * in a file last written on Dec 5 is last year's; the day of slack covers the
 * zone difference between the file's UTC mtime and its local times). */
int fl_year_pick(const fl_year_ref *y, unsigned month, unsigned day, unsigned h, unsigned mi);

#endif
