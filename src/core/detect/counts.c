/* counts.c: incidents of an archive of server logs only, by count: error entries (and,
 * apart, warning entries) per bucket against their own usual rate, with a minimum count and a Poisson test on
 * each window (docs/design.md "Server logs only"). A sparse log's scattered errors
 * and a steady background of errors are no incident; a burst far above the usual
 * rate is one, however few entries the rest of the log holds. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"

double fl_poisson_tail(uint64_t k, double mu)
{
    if (k == 0)
        return 1.0;
    if (!(mu > 0))
        return 0.0;
    double kd = (double)k;
    if (kd <= mu) { /* the tail is large: 1 minus the (few-term) lower sum */
        double term = exp(-mu), sum = 0;
        for (uint64_t j = 0; j < k; j++) {
            sum += term;
            term *= mu / (double)(j + 1);
        }
        return sum >= 1.0 ? 0.0 : 1.0 - sum;
    }
    /* Above the mean the terms fall: sum them from k on, in logs for the first. */
    double term = exp(-mu + kd * log(mu) - lgamma(kd + 1.0)), sum = 0;
    for (uint64_t j = k; term > sum * 1e-17 && j < k + 100000; j++) {
        sum += term;
        term *= mu / (double)(j + 1);
    }
    return sum > 1.0 ? 1.0 : sum;
}

/* Mean F per bucket outside the incidents found so far (0 when none is outside). */
static double usual_rate(const uint32_t *F, size_t n, const fl_detection *d)
{
    uint64_t sum = 0;
    size_t m = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        while (k < d->n_incidents && d->incidents[k].end <= i)
            k++;
        if (k < d->n_incidents && d->incidents[k].onset <= i)
            continue;
        sum += F[i];
        m++;
    }
    return m ? (double)sum / (double)m : 0.0;
}

/* A bucket is bad when its own count is unlikely at the usual rate: a chance of at
 * most the square root of the window's significance (1e-3 for 1e-6), so that a
 * window is made of buckets each well above the usual, not of the usual's noise. */
static int bucket_bad(uint32_t f, double usual, const fl_detect_opts *o)
{
    if (f == 0 || (double)f <= usual)
        return 0;
    return fl_poisson_tail(f, usual) <= sqrt(o->significance);
}

/* The window that opens at bad bucket on: bad buckets less than recovery_buckets
 * apart; *end is the first good bucket after the last bad one (n when fewer than
 * recovery_buckets good ones follow: unrecovered). Returns the index to go on at. */
static size_t window_at(const uint32_t *F, size_t n, size_t on, double usual, const fl_detect_opts *o,
                        fl_incident *inc)
{
    size_t last = on, j = on + 1, need = o->recovery_buckets ? o->recovery_buckets : 1;
    for (; j < n && j - last <= need; j++)
        if (bucket_bad(F[j], usual, o))
            last = j;
    inc->onset = on;
    inc->recovered = j - last > need;
    inc->end = inc->recovered ? last + 1 : n;
    return last + 1;
}

/* Totals, peak and the Poisson test of inc's window; 1 when it is an incident. */
static int window_test(const uint32_t *R, const uint32_t *F, double usual, const fl_detect_opts *o,
                       fl_incident *inc)
{
    inc->kind = FL_INCIDENT_ERRORS;
    inc->peak = inc->onset;
    inc->traffic_back = SIZE_MAX;
    inc->expected = usual;
    inc->requests = inc->failed = 0;
    inc->peak_impact = -1;
    for (size_t i = inc->onset; i < inc->end; i++) { /* peak: the highest share of errors */
        double share = R[i] ? (double)F[i] / R[i] : 0.0;
        inc->requests += R[i];
        inc->failed += F[i];
        if (share > inc->peak_impact) {
            inc->peak_impact = share;
            inc->peak = i;
        }
    }
    inc->peak_error_rate = inc->peak_impact;
    double mu = usual * (double)(inc->end - inc->onset);
    inc->p_value = (double)inc->failed > mu ? fl_poisson_tail(inc->failed, mu) : 1.0;
    return inc->failed >= o->min_error_entries && (double)inc->failed > usual * (double)(inc->end - inc->onset) &&
           inc->p_value <= o->significance;
}

/* One pass at usual rate `usual`: d's incidents replaced by the windows that pass. */
static fl_status find_windows(const uint32_t *R, const uint32_t *F, size_t n, double usual,
                              const fl_detect_opts *o, fl_detection *d)
{
    d->n_incidents = 0;
    for (size_t i = 0; i < n;) {
        fl_incident inc = {0};
        if (!bucket_bad(F[i], usual, o)) {
            i++;
            continue;
        }
        i = window_at(F, n, i, usual, o, &inc);
        if (window_test(R, F, usual, o, &inc)) {
            if (fl_detection_add(d, &inc) != FL_OK)
                return FL_ERR_NOMEM;
            i = inc.end;
        }
    }
    return FL_OK;
}

fl_status fl_detect_counts(const uint32_t *R, const uint32_t *F, size_t n, const fl_detect_opts *o,
                           fl_detection *d)
{
    memset(d, 0, sizeof *d);
    d->n = n;
    d->count_rule = 1;
    d->expected = calloc(n ? n : 1, sizeof *d->expected);
    d->impact = calloc(n ? n : 1, sizeof *d->impact);
    d->bad = calloc(n ? n : 1, 1);
    if (!d->expected || !d->impact || !d->bad) {
        fl_detection_free(d);
        return FL_ERR_NOMEM;
    }
    double usual = usual_rate(F, n, d); /* no incident yet: all buckets */
    fl_status st = find_windows(R, F, n, usual, o, d);
    if (st == FL_OK) { /* again, at the rate outside the first pass's incidents */
        usual = usual_rate(F, n, d);
        st = find_windows(R, F, n, usual, o, d);
    }
    if (st != FL_OK) {
        fl_detection_free(d);
        return st;
    }
    uint64_t sum_r = 0, sum_f = 0;
    for (size_t i = 0; i < n; i++) {
        d->expected[i] = usual;
        d->impact[i] = R[i] ? (double)F[i] / R[i] : 0.0;
        d->bad[i] = (unsigned char)bucket_bad(F[i], usual, o);
        sum_r += R[i];
        sum_f += F[i];
    }
    d->usual_failed = usual;
    d->healthy_error = d->baseline_error = sum_r ? (double)sum_f / (double)sum_r : 0.0;
    return FL_OK;
}

fl_status fl_detect_add_warnings(fl_detection *d, const uint32_t *R, const uint32_t *W, size_t n, size_t lo,
                                 size_t hi, const fl_detect_opts *o)
{
    fl_detection w;
    fl_status st = fl_detect_within(R, W, n, lo, hi, o, &w);
    if (st != FL_OK)
        return st;
    d->usual_warned = w.usual_failed;
    for (size_t k = 0; k < w.n_incidents && st == FL_OK; k++) {
        w.incidents[k].kind = FL_INCIDENT_WARNINGS;
        st = fl_detection_add(d, &w.incidents[k]);
    }
    fl_detection_free(&w);
    fl_detection_sort(d);
    return st;
}
