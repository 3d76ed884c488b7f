/* changes.h: "what changed at onset": the mined templates ranked by how unusual
 * they are in a window (a little before onset through the peak) against the
 * baseline before it. A kind is new when it was never seen before the window, a
 * surge when its count in the window is improbable under its baseline rate
 * (Poisson upper tail) and at least FL_CHANGE_MIN_RATIO times what that rate
 * predicts. A steady background kind scores near 0 and is not ranked. */
#ifndef FL_CHANGES_H
#define FL_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/mined.h"
#include "fl_status.h"

#define FL_CHANGE_MIN_SCORE 3.0  /* -log10 p: a surge (or a new non-warning kind) needs
                                  * p <= 0.001 */
#define FL_CHANGE_MIN_RATIO 2.0  /* a surge at least doubles the expected count */
#define FL_CHANGE_MIN_BASE 5     /* baseline buckets needed to tell anything */
#define FL_CHANGE_LEAD 10        /* window starts this many buckets before onset */

typedef struct fl_change {
    uint32_t slot;          /* template slot in the mined set */
    uint8_t is_new;         /* never seen before the window */
    uint8_t level;          /* the template's most severe fl_level */
    uint64_t window;        /* messages in the window */
    uint64_t base;          /* messages in the baseline */
    double base_rate;       /* baseline messages per bucket */
    double expected;        /* what that rate predicts for the window (new: from a
                             * prior of half a message over the baseline) */
    double score;           /* -log10 P(X >= window | expected), X ~ Poisson */
} fl_change;

/* -log10 of the Poisson upper tail P(X >= k) for mean lambda (0 when k or lambda is 0). */
double fl_poisson_score(uint64_t k, double lambda);

/* Rank the templates of m in the window of buckets [w0, w1) against the baseline
 * [b0, w0): new kinds at warning level or above always, other kinds when their score
 * reaches FL_CHANGE_MIN_SCORE (and surges FL_CHANGE_MIN_RATIO). Order: error and
 * above first, then warnings, then the rest; within a level class by score, then
 * first sighting, then text. At most max entries into *out (malloc'd, *n set; NULL
 * and 0 when none, or when the baseline is shorter than FL_CHANGE_MIN_BASE).
 * FL_OK or FL_ERR_NOMEM. */
fl_status fl_changes_rank(const fl_mined *m, int64_t b0, int64_t w0, int64_t w1, size_t max,
                          fl_change **out, size_t *n);

#endif
