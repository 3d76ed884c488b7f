/* classify.h (internal to analysis/): the per-file reading context and the one-line
 * step: parse, convert the time, match, count into the bucket. */
#ifndef FL_CLASSIFY_H
#define FL_CLASSIFY_H

#include "analysis/analysis.h"
#include "analysis/client.h"
#include "detect/buckets.h"
#include "formats/format.h"
#include "match/patterns.h"

/* Per-file reading context: a file is read on its own (possibly in its own thread)
 * into its own buckets, merged into the analysis afterwards. */
typedef struct file_ctx {
    const fl_config *cfg;
    fl_buckets *buckets;
    fl_input *in;
    const fl_format *fmt;
    fl_parse_state ps;
    int64_t anchor_ms;     /* median time of the sample lines; 0 = none */
    int64_t last_utc_ms;   /* latest converted wall-clock time, for repeated hours */
    fl_matcher *matcher;   /* this thread's signature matcher, NULL without patterns */
    int32_t *slot;         /* signature -> index in in->sightings, -1 before its first match */
    int64_t entry_ms;      /* time of the last server-log entry, for its continuation lines */
    char entry_host[48];
    fl_bucket *cur;        /* bucket of the previous record: [cur_start, cur_end) */
    int64_t cur_start, cur_end;
    int64_t local_minute;  /* last wall-clock minute converted with input_tz ... */
    int64_t utc_minute;    /* ... and its UTC minute */
    fl_lat_cache lat;      /* request time -> sketch bin */
    int64_t prev_ms;       /* the previous record (file order): its time and line, */
    uint64_t prev_line;    /* valid when in->records > 0 */
} file_ctx;

/* Parse and classify one line (lineno: 1-based in its input) with fc's format.
 * Problems with the line are counted in fc->in; returns FL_ERR_NOMEM or FL_OK. */
fl_status fl_classify_line(file_ctx *fc, const char *line, size_t len, uint64_t lineno);

/* Keep the gap g in in->gaps when it is among the FL_INPUT_GAPS longest (ties: the
 * earlier kept). */
void fl_input_note_gap(fl_input *in, const fl_gap *g);

/* Count n records of in written with UTC offset off (the offsets an input shows).
 * Inline: it runs on every record with an offset, usually the first one's. */
static inline void fl_input_add_offset(fl_input *in, int32_t off, uint64_t n)
{
    for (size_t i = 0; i < in->n_offsets; i++)
        if (in->offsets[i] == off) {
            in->offset_count[i] += n;
            return;
        }
    if (in->n_offsets < FL_MAX_OFFSETS) {
        in->offsets[in->n_offsets] = off;
        in->offset_count[in->n_offsets++] = n;
    }
}

#endif
