/* layouts.h: the timestamp layouts the generic server-log reader (formats/generic.c)
 * chooses from, one row each: a name in the notation of Java's DateTimeFormatter
 * ("yyMMdd HHmmss"), an example, and a parser. The generic reader tries the rows at
 * the first few token positions of a file's first lines and keeps the first that
 * fits; earlier rows win ties at one position.
 * Layouts without a year take it from a fl_year_ref (timestamp.h: fl_year_pick). */
#ifndef FL_LAYOUTS_H
#define FL_LAYOUTS_H

#include <stddef.h>
#include <stdint.h>

#include "time/timestamp.h"

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

#endif
