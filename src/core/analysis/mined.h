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
#define FL_TMPL_SAMPLE 200 /* bytes of a first sighting kept */

/* What is known of one template (indexed by miner slot). */
typedef struct fl_tmpl_info {
    int64_t first_ms, last_ms;    /* UTC ms of messages with a time (has_time) */
    uint64_t first_line;          /* 1-based line of the first sighting in its input */
    uint32_t first_input;         /* after a merge: the input of the first sighting */
    uint8_t level;                /* most severe fl_level seen */
    uint8_t has_time;             /* some message had a time */
    uint8_t n_inputs;             /* inputs[] used */
    uint32_t inputs[FL_TMPL_SOURCES]; /* after a merge: the first inputs seen in, by the
                                   * time of their first sighting (then input order) */
    int64_t input_first[FL_TMPL_SOURCES]; /* ... that time (first_ms of the input's part) */
    char sample[FL_TMPL_SAMPLE];  /* the first sighting's message, control bytes as '?' */
} fl_tmpl_info;

/* One bucket's count of a template (bucket = floor(ms / bucket_ms)). */
typedef struct fl_tmpl_count {
    int64_t bucket;
    uint64_t count;
} fl_tmpl_count;

/* A template's messages per bucket, sorted by bucket, buckets with none left out. */
typedef struct fl_tmpl_series {
    fl_tmpl_count *at;
    size_t n, cap;
    size_t last;                  /* index of the bucket last added to (valid when < n) */
} fl_tmpl_series;

typedef struct fl_mined {
    fl_miner *miner;
    fl_tmpl_info *info;           /* one per miner slot */
    fl_tmpl_series *series;       /* one per miner slot: the timed messages per bucket */
    size_t info_cap;
    int64_t bucket_ms;            /* width of the series' buckets */
    int64_t cur_b, cur_lo;        /* a bucket of timed messages and its first ms, at
                                   * or after 0 (0 and 0 at first): the last message's
                                   * bucket, which most share (a division saved) */
    uint64_t other_read;          /* other count of templates read from a partial */
} fl_mined;

/* Messages whose templates were folded away for the cap (the "other" count). */
uint64_t fl_mined_other(const fl_mined *m);

/* A new empty set whose series count per bucket_ms; NULL when out of memory. */
fl_mined *fl_mined_new(int64_t bucket_ms);

/* Mine one message of level at ms (has_time 0: no time) found at lineno; *pm is
 * created at the first (series per bucket_ms). FL_OK or FL_ERR_NOMEM. Memory: at
 * most the miner's cap of templates, each with one count per bucket it occurs in. */
fl_status fl_mined_add(fl_mined **pm, int64_t bucket_ms, const char *msg, size_t len, int64_t ms,
                       int has_time, int level, uint64_t lineno);

/* The input m belongs to is read through: free what only speeds up mining. */
void fl_mined_done(fl_mined *m);

/* Put a template as a partial carries it: text and count through the miner (in the
 * order they were written, which reproduces a canonical miner), then its facts and
 * series (series sorted by bucket). *slot receives its slot. FL_OK or FL_ERR_NOMEM. */
fl_status fl_mined_put(fl_mined *m, const char *text, size_t len, uint64_t count,
                       const fl_tmpl_info *info, const fl_tmpl_count *series, size_t n,
                       uint32_t *slot);

/* Put m in canonical form (fl_miner_canonical): what a partial writes, so that a
 * partial read back merges as the original does. FL_OK or FL_ERR_NOMEM. */
fl_status fl_mined_canonical(fl_mined *m);

/* Move every time by delta_ms, a whole number of buckets (zone_guess). */
void fl_mined_shift(fl_mined *m, int64_t delta_ms);

/* Sort slots[0..n) most frequent first, ties by template text. FL_OK or FL_ERR_NOMEM. */
fl_status fl_sort_slots_by_count(const fl_mined *m, uint32_t *slots, size_t n);

/* Messages of slot in buckets [lo, hi). */
uint64_t fl_mined_count_in(const fl_mined *m, uint32_t slot, int64_t lo, int64_t hi);

void fl_mined_free(fl_mined *m);

/* Unify parts[0..n) (NULL entries skipped; part k is input k in canonical order)
 * into a new *out (fl_miner_merge's rule, then the cap); first sightings and sources
 * combine, series add up per bucket. The rule for templates mined on different
 * inputs or hosts: every part's templates are re-inserted into one miner in one
 * canonical order (token count, text, count), so two hosts' `conn <*> refused` and
 * `conn 10 refused` become one template whatever the order of the parts; what is
 * left beyond the cap (least seen first) goes to the other count. FL_OK or
 * FL_ERR_NOMEM. */
fl_status fl_mined_merge(fl_mined **out, fl_mined *const *parts, size_t n);

#endif
