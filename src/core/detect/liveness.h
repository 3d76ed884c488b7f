/* liveness.h: silences of one source (a host's logs). A source that usually logs and
 * then writes nothing for much longer than its usual gaps has stopped; when it
 * writes again it has resumed. For one source's records per bucket (zeros where it
 * wrote nothing, over the whole report span):
 * - a gap is a run of buckets without records, after the source's first record;
 * - its surroundings: the `window` buckets before the gap and the `window` after it
 *   (both within the series, from the source's first record on);
 * - usual rate: the mean records per bucket over the surroundings; the source is
 *   "usually logging" when that is >= min_rate;
 * - usual gap: the longest run of empty buckets in the surroundings;
 * - the gap is a silence when the source is usually logging and the gap lasts at
 *   least min_gap buckets and more than gap_mult x the usual gap;
 * - a silence followed by fewer than recovery_buckets buckets of logging and then
 *   another gap of at least min_gap buckets goes on through that gap (the recovery
 *   discipline of detect.h: a few lines in between are not a return).
 * A naturally bursty source has long usual gaps in its surroundings (the quiet hours
 * of the day before and after), so a quiet hour like them is not a silence. */
#ifndef FL_LIVENESS_H
#define FL_LIVENESS_H

#include <stddef.h>
#include <stdint.h>

#include "detect/detect.h"
#include "fl_status.h"

typedef struct fl_source_silence {
    size_t source;     /* index of the source, as the caller numbers them */
    size_t from;       /* first silent bucket (series index) */
    size_t to;         /* first bucket with records again, or n when the series ends first */
    int resumed;       /* to < n */
    size_t first_back; /* first bucket with records after `from` (== to unless lines
                        * trickled in between two gaps), n when none */
    double usual;      /* median records per bucket in the window */
    size_t usual_gap;  /* longest empty run in the window, buckets */
} fl_source_silence;

typedef struct fl_liveness {
    fl_source_silence *items; /* in order of source, then time */
    size_t n;
} fl_liveness;

/* Append the silences of series rec[0..n) (records per bucket of one source) to out,
 * with the rules above (o's silence_* fields and recovery_buckets). FL_OK or
 * FL_ERR_NOMEM (out keeps what it had). */
fl_status fl_liveness_scan(const uint32_t *rec, size_t n, size_t source, const fl_detect_opts *o,
                           fl_liveness *out);

void fl_liveness_free(fl_liveness *l);

/* Incidents of kind FL_INCIDENT_SILENCE from the silences: overlapping ones (several
 * hosts at once) become one incident from the first silent bucket to the last
 * return (unrecovered when a source never returns). Added to d, whose incidents are
 * then ordered by onset. R/F: the archive's series, for the incident's totals. */
fl_status fl_detect_add_silences(fl_detection *d, const fl_liveness *l, const uint32_t *R,
                                 const uint32_t *F);

#endif
