/* mined.h: the templates mined from an input's messages (match/miner.h) and what is
 * known of each beyond its count: level, first and last sighting, sources. One per
 * input while reading; fl_mined_merge unifies the inputs' templates into the run's. */
#ifndef FL_MINED_H
#define FL_MINED_H

#include <stddef.h>
#include <stdint.h>

#include "fl_status.h"
#include "match/miner.h"

#define FL_TMPL_SOURCES 4 /* inputs named per template (the first ones in time) */

/* What is known of one template (indexed by miner slot). */
typedef struct fl_tmpl_info {
    int64_t first_ms, last_ms;    /* UTC ms of messages with a time (has_time) */
    uint64_t first_line;          /* 1-based line of the first sighting in its input */
    uint32_t first_input;         /* after a merge: the input of the first sighting */
    uint8_t level;                /* most severe fl_level seen */
    uint8_t has_time;             /* some message had a time */
    uint8_t n_inputs;             /* inputs[] used */
    uint32_t inputs[FL_TMPL_SOURCES]; /* after a merge: inputs seen in, in canonical order */
} fl_tmpl_info;

typedef struct fl_mined {
    fl_miner *miner;
    fl_tmpl_info *info;           /* one per miner slot */
    size_t info_cap;
} fl_mined;

/* Mine one message of level at ms (has_time 0: no time) found at lineno; *pm is
 * created at the first. FL_OK or FL_ERR_NOMEM. */
fl_status fl_mined_add(fl_mined **pm, const char *msg, size_t len, int64_t ms, int has_time,
                       int level, uint64_t lineno);

void fl_mined_free(fl_mined *m);

/* Unify parts[0..n) (NULL entries skipped; part k is input k in canonical order)
 * into a new *out (fl_miner_merge's rule, then the cap); first sightings and sources
 * combine. FL_OK or FL_ERR_NOMEM. */
fl_status fl_mined_merge(fl_mined **out, fl_mined *const *parts, size_t n);

#endif
