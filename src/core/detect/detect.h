/* detect.h: outage detection over a bucket series, as docs/design.md defines it.
 * For bucket b: R requests, F failed, E = F/R.
 * - threshold T = max(error_floor, baseline_mult * B); B = median E over buckets
 *   with R > 0 and E < healthy_max (the healthy ones).
 * - expected traffic X: median R of the last `history` healthy buckets seen so far
 *   (fewer than history_min seen: median R of the first `history` buckets); frozen
 *   at its onset value while an incident is open; incident buckets never enter it.
 * - bad: (R > 0 and F >= min_failed and E >= T) or (X >= min_expected and R < collapse * X).
 * - onset: first of >= onset_buckets consecutive bad buckets; recovery: first bucket
 *   starting >= recovery_buckets good ones (none if the series ends first).
 * - impact = 1 - (R - F) / max(R, X); peak: highest impact, earliest on ties. */
#ifndef FL_DETECT_H
#define FL_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "fl_status.h"

typedef struct fl_detect_opts {
    double error_floor;       /* minimum threshold, fraction (0.05) */
    double healthy_max;       /* E below this counts for the baseline (0.05) */
    double baseline_mult;     /* threshold multiple of baseline (3) */
    unsigned history;         /* healthy buckets in the expected-traffic median (60) */
    unsigned history_min;     /* below this many, use the first buckets (10) */
    double min_expected;      /* collapse rule needs X >= this (10 requests) */
    double collapse;          /* R below this share of X is bad (0.10) */
    unsigned onset_buckets;   /* consecutive bad buckets that open an incident (2) */
    unsigned recovery_buckets;/* consecutive good buckets that close it (10) */
    unsigned min_failed;      /* the error rule needs F >= this (1; for server logs
                               * only, fl_detect_server_opts makes it min_error_entries) */
    unsigned min_error_entries; /* error entries a server-log incident needs at least (5) */
    double significance;      /* server logs only: a window's count is an incident when a
                               * count this high at the usual rate is less likely (1e-6) */
    int count_rule;           /* set by fl_detect_server_opts: fl_detect runs the count
                               * rule of counts.c instead of the failure-rate rule */
    /* liveness.h: a source's silence */
    double silence_min_rate;  /* median records per bucket of a source usually logging (1) */
    unsigned silence_window;  /* buckets before a gap that the usual rate comes from (60) */
    double silence_gap_mult;  /* a silence is longer than this many usual gaps (3) */
    unsigned silence_min_gap; /* and at least this many buckets (10) */
} fl_detect_opts;

/* The defaults above. */
void fl_detect_defaults(fl_detect_opts *o);

/* The rules for an archive of server logs only, from o: the count rule (counts.c:
 * error entries against their own usual rate, with min_error_entries and a Poisson
 * test at significance), and no traffic-collapse rule (a source that stops logging is
 * a silence, found per source by liveness.h, not a collapse of the archive's entries). */
void fl_detect_server_opts(const fl_detect_opts *o, fl_detect_opts *out);

/* What an incident measures. */
typedef enum fl_incident_kind {
    FL_INCIDENT_RATE = 0,     /* failed requests, or error entries of server logs */
    FL_INCIDENT_SILENCE,      /* server logs only: sources that stopped logging */
    FL_INCIDENT_ERRORS,       /* server logs only: error entries far above their usual rate */
    FL_INCIDENT_WARNINGS      /* server logs only: warning entries far above their usual
                               * rate (the count rule on the warning series) */
} fl_incident_kind;

/* Whether incidents of kind k are counts of entries at one level against their usual
 * rate (errors or warnings): incident.failed holds the count, expected the usual. */
static inline int fl_incident_counted(fl_incident_kind k)
{
    return k == FL_INCIDENT_ERRORS || k == FL_INCIDENT_WARNINGS;
}

typedef struct fl_incident {
    fl_incident_kind kind;
    size_t onset;             /* bucket index in the series */
    size_t peak;
    size_t end;               /* recovery bucket, or series length when unrecovered */
    int recovered;            /* end is a recovery bucket */
    size_t traffic_back;      /* first bucket with R > 0 after silence inside, or SIZE_MAX */
    double expected;          /* X at onset */
    double peak_impact;       /* fraction */
    double peak_error_rate;   /* E at the peak, fraction */
    uint64_t requests;        /* sum R over [onset, end) */
    uint64_t failed;          /* sum F over [onset, end) */
    double p_value;           /* FL_INCIDENT_ERRORS: P(Poisson(expected x buckets) >= failed) */
} fl_incident;

typedef struct fl_detection {
    double baseline_error;    /* B (median E of healthy buckets), fraction */
    double healthy_error;     /* sum F / sum R over healthy buckets: the "usual" rate */
    double threshold;         /* T, fraction */
    double baseline_requests; /* median R over healthy buckets */
    int count_rule;           /* detected by counts.c: expected is the usual F per bucket */
    double usual_failed;      /* count rule: mean F per bucket outside incidents */
    double usual_warned;      /* fl_detect_add_warnings: mean warning entries per bucket
                               * outside warning bursts (0 until it runs) */
    size_t n;                 /* series length */
    double *expected;         /* X per bucket */
    double *impact;           /* impact per bucket, fraction */
    unsigned char *bad;       /* 1 when the bucket is bad */
    fl_incident *incidents;
    size_t n_incidents;
} fl_detection;

/* Run detection over n buckets (R in requests, F in failed). Fills *out, which the
 * caller frees with fl_detection_free. FL_ERR_NOMEM on allocation failure. */
fl_status fl_detect(const uint32_t *requests, const uint32_t *failed, size_t n,
                    const fl_detect_opts *opts, fl_detection *out);

/* fl_detect over the buckets [lo, hi) of a series of n (lo < hi <= n): the span the
 * series is measured on (the access logs' own span, not the server logs that run
 * on before or after them). Outside it buckets are neither bad nor expected; an
 * incident still open at hi ends there unrecovered. Indices are the series'. */
fl_status fl_detect_within(const uint32_t *requests, const uint32_t *failed, size_t n, size_t lo,
                           size_t hi, const fl_detect_opts *opts, fl_detection *out);

void fl_detection_free(fl_detection *d);

/* Append a copy of inc to d's incidents; FL_ERR_NOMEM leaves d as it was. */
fl_status fl_detection_add(fl_detection *d, const fl_incident *inc);

/* The count rule of an archive of server logs only (docs/design.md "Server logs
 * only"), over n buckets of R entries of which F are errors. The usual rate L is the
 * mean F per bucket outside incidents (measured twice: over all buckets, then over
 * those outside the first pass's incidents). A bucket is bad when F > L and
 * P(Poisson(L) >= F) <= sqrt(significance); bad buckets less than recovery_buckets apart form one
 * window, which ends at the first of recovery_buckets good buckets (or at n,
 * unrecovered). A window is an incident of kind FL_INCIDENT_ERRORS when its count K
 * is >= min_error_entries and P(Poisson(L x its buckets) >= K) <= significance.
 * expected[i] is L, impact[i] the share F/R. Fills *out (freed by fl_detection_free);
 * FL_ERR_NOMEM on allocation failure. */
fl_status fl_detect_counts(const uint32_t *R, const uint32_t *F, size_t n, const fl_detect_opts *opts,
                           fl_detection *out);

/* Warning bursts of an archive of server logs only: the count rule of
 * fl_detect_counts on W (warning entries per bucket) over [lo, hi) as
 * fl_detect_within takes it, with o's min_error_entries and significance (o must be
 * fl_detect_server_opts' rules). Each window that passes is added to d as an incident
 * of kind FL_INCIDENT_WARNINGS (failed = its warning entries, expected = their usual
 * rate per bucket); d's incidents are then ordered by onset and d->usual_warned is set.
 * Error bursts and warning bursts are measured apart: a steady background of
 * warnings is no burst, whatever the errors do. FL_ERR_NOMEM leaves d's incidents
 * valid (some bursts may be missing). */
fl_status fl_detect_add_warnings(fl_detection *d, const uint32_t *R, const uint32_t *W, size_t n, size_t lo,
                                 size_t hi, const fl_detect_opts *o);

/* Order d's incidents by onset (kinds in enum order on ties). */
void fl_detection_sort(fl_detection *d);

/* P(X >= k) for X ~ Poisson(mu), mu >= 0, accurate far into the tail (no 1 - CDF). */
double fl_poisson_tail(uint64_t k, double mu);

/* Median of n doubles, none NaN (v is rearranged); 0 for n == 0. The same value as
 * the middle of the sorted values (the mean of the two middle ones for even n). */
double fl_median(double *v, size_t n);

#endif
