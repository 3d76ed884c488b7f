/* daily.c: expected traffic from the same time of day on other days (docs/design.md
 * "Expected traffic over several days"). Traffic that is naturally ten times lower at
 * night is no outage: when the measured span covers a few days, the traffic a bucket
 * should have is what the other days had at that time of day, not what the last hour
 * had (which lags the evening fall by half an hour and reads a normal night as lost
 * traffic). */
#include <stdint.h>
#include <stdlib.h>

#include "detect/detect.h"

/* Days before and after a bucket that its expectation is taken from (a week each way:
 * enough for a weekly rhythm to average out, and it bounds the cost on long spans). */
#define FL_DAILY_MAX_DAYS 7
/* Values taken from one day's window at most (longer windows are sampled evenly). */
#define FL_DAILY_PER_DAY 61

/* The geometry of the rule over a series of n buckets. */
typedef struct daily_geom {
    size_t n;     /* series length */
    size_t day;   /* buckets in a day */
    size_t half;  /* half the window, in buckets */
    size_t step;  /* sampling step inside the window */
} daily_geom;

size_t fl_daily_days(size_t n, const fl_detect_opts *o)
{
    if (!o->daily_days || o->bucket_ms <= 0 || 86400000 % o->bucket_ms)
        return 0;
    size_t day = (size_t)(86400000 / o->bucket_ms);
    return n / day >= o->daily_days ? n / day : 0;
}

/* The values at the time of day of bucket b on the other days, into v (at most
 * 2 x FL_DAILY_MAX_DAYS x FL_DAILY_PER_DAY); with x0 set, a value whose bucket the
 * collapse rule would call bad against x0 (the first estimate) is left out. Returns
 * how many. */
static size_t window_values(const uint32_t *R, const daily_geom *g, size_t b, const double *x0,
                            const fl_detect_opts *o, double *v)
{
    size_t k = 0;
    for (int dd = -FL_DAILY_MAX_DAYS; dd <= FL_DAILY_MAX_DAYS; dd++) {
        int64_t centre = (int64_t)b + (int64_t)dd * (int64_t)g->day;
        if (dd == 0 || centre + (int64_t)g->half < 0 || centre - (int64_t)g->half >= (int64_t)g->n)
            continue;
        for (int64_t i = centre - (int64_t)g->half; i <= centre + (int64_t)g->half; i += (int64_t)g->step) {
            if (i < 0 || i >= (int64_t)g->n)
                continue;
            if (x0 && x0[i] >= o->min_expected && R[i] < o->collapse * x0[i])
                continue;
            v[k++] = R[i];
        }
    }
    return k;
}

fl_status fl_daily_expected(const uint32_t *R, size_t n, const fl_detect_opts *o, double *out)
{
    daily_geom g = {n, (size_t)(86400000 / o->bucket_ms), 0, 1};
    int64_t half_ms = o->daily_window_ms / 2;
    g.half = (size_t)(half_ms / o->bucket_ms);
    g.step = (2 * g.half + 1 + FL_DAILY_PER_DAY - 1) / FL_DAILY_PER_DAY;
    size_t cap = 2 * FL_DAILY_MAX_DAYS * (2 * g.half / g.step + 2);
    double *v = malloc(cap * sizeof *v), *x0 = malloc((n ? n : 1) * sizeof *x0);
    if (!v || !x0) {
        free(v);
        free(x0);
        return FL_ERR_NOMEM;
    }
    /* First estimate from every bucket; then again without the buckets that estimate
     * calls collapsed, so an outage on another day does not lower this day's
     * expectation (a shutdown can fill most of a short span). */
    for (size_t b = 0; b < n; b++)
        x0[b] = fl_median(v, window_values(R, &g, b, NULL, o, v));
    for (size_t b = 0; b < n; b++) {
        size_t k = window_values(R, &g, b, x0, o, v);
        out[b] = k ? fl_median(v, k) : x0[b];
    }
    free(v);
    free(x0);
    return FL_OK;
}
