/* detect.c: one forward pass over the buckets (docs/design.md "Detection rules"). */
#include "detect/detect.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void fl_detect_defaults(fl_detect_opts *o)
{
    o->error_floor = 0.05;
    o->healthy_max = 0.05;
    o->baseline_mult = 3.0;
    o->history = 60;
    o->history_min = 10;
    o->min_expected = 10.0;
    o->collapse = 0.10;
    o->onset_buckets = 2;
    o->recovery_buckets = 10;
    o->min_failed = 1;
    o->min_error_entries = 5;
    o->significance = 1e-6;
    o->count_rule = 0;
    o->silence_min_rate = 1.0;
    o->silence_window = 60;
    o->silence_gap_mult = 3.0;
    o->silence_min_gap = 10;
}

void fl_detect_server_opts(const fl_detect_opts *o, fl_detect_opts *out)
{
    *out = *o;
    out->min_failed = o->min_error_entries;
    out->min_expected = HUGE_VAL;
    out->count_rule = 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Above this many values fl_median sorts: quickselect's worst case is quadratic. */
#define FL_SELECT_MAX 4096

/* Rearrange v[0..n) so that v[k] holds the k-th smallest value, none greater before
 * it and none smaller after it (Hoare's FIND, as in Wirth's "Algorithms + Data
 * Structures"): linear on average, where a sort of the 60-bucket history at every
 * bucket was a fifth of a report's fixed cost. */
static void select_kth(double *v, size_t n, size_t k)
{
    ptrdiff_t l = 0, r = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;
    while (l < r) {
        double x = v[kk];
        ptrdiff_t i = l, j = r;
        do {
            while (v[i] < x)
                i++;
            while (x < v[j])
                j--;
            if (i <= j) {
                double t = v[i];
                v[i++] = v[j];
                v[j--] = t;
            }
        } while (i <= j);
        if (j < kk)
            l = i;
        if (kk < i)
            r = j;
    }
}

/* The median of v[0..n) in ascending order (n > 0). */
static double sorted_median(const double *v, size_t n)
{
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double fl_median(double *v, size_t n)
{
    if (n == 0)
        return 0.0;
    if (n > FL_SELECT_MAX) {
        qsort(v, n, sizeof *v, cmp_double);
        return sorted_median(v, n);
    }
    select_kth(v, n, n / 2);
    if (n % 2)
        return v[n / 2];
    double below = v[0]; /* the largest of v[0..n/2): the (n/2 - 1)-th smallest */
    for (size_t i = 1; i < n / 2; i++)
        below = v[i] > below ? v[i] : below;
    return (below + v[n / 2]) / 2.0;
}

/* Ring of the last healthy buckets' request counts, and the same values kept sorted,
 * so that the median asked for at every bucket is read off the middle instead of
 * selected anew (a day of buckets: 9 million instructions down to a few hundred
 * thousand). */
typedef struct traffic_history {
    double *ring;
    size_t cap, len, next;
    double *sorted;  /* ring's values, ascending (before the first push: scratch for
                      * the fallback's median) */
    double fallback; /* median R of the first `cap` buckets */
} traffic_history;

/* First index of sorted[0..n) whose value is not below v (above v when after). */
static size_t sorted_bound(const double *sorted, size_t n, double v, int after)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < v || (after && sorted[mid] == v))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void history_push(traffic_history *h, double r)
{
    double *sorted = h->sorted;
    if (h->len == h->cap) { /* the oldest value leaves */
        size_t at = sorted_bound(sorted, h->len, h->ring[h->next], 0);
        memmove(sorted + at, sorted + at + 1, (h->len - at - 1) * sizeof *sorted);
        h->len--;
    }
    size_t at = sorted_bound(sorted, h->len, r, 1);
    memmove(sorted + at + 1, sorted + at, (h->len - at) * sizeof *sorted);
    sorted[at] = r;
    h->len++;
    h->ring[h->next] = r;
    h->next = (h->next + 1) % h->cap;
}

static double history_expected(const traffic_history *h, size_t min)
{
    if (h->len < min)
        return h->fallback;
    return sorted_median(h->sorted, h->len);
}

static double error_rate(uint32_t r, uint32_t f) { return r ? (double)f / r : 0.0; }

static double impact_of(uint32_t r, uint32_t f, double x)
{
    double denom = (double)r > x ? (double)r : x;
    if (denom <= 0)
        return 0.0;
    double v = 1.0 - ((double)r - f) / denom;
    return v < 0 ? 0 : v;
}

/* B and the healthy median R, from all buckets with R > 0 and E < healthy_max. */
static fl_status baseline(const uint32_t *R, const uint32_t *F, size_t n, const fl_detect_opts *o,
                          fl_detection *d)
{
    double *e = malloc((n ? n : 1) * sizeof *e), *r = malloc((n ? n : 1) * sizeof *r);
    size_t k = 0;
    uint64_t sum_r = 0, sum_f = 0;
    if (!e || !r) {
        free(e);
        free(r);
        return FL_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        double E = error_rate(R[i], F[i]);
        if (R[i] > 0 && E < o->healthy_max) {
            e[k] = E;
            r[k++] = R[i];
            sum_r += R[i];
            sum_f += F[i];
        }
    }
    d->baseline_error = fl_median(e, k);
    d->healthy_error = sum_r ? (double)sum_f / (double)sum_r : 0.0;
    d->baseline_requests = fl_median(r, k);
    double t = o->baseline_mult * d->baseline_error;
    d->threshold = t > o->error_floor ? t : o->error_floor;
    free(e);
    free(r);
    return FL_OK;
}

fl_status fl_detection_add(fl_detection *d, const fl_incident *inc)
{
    fl_incident *p = realloc(d->incidents, (d->n_incidents + 1) * sizeof *p);
    if (!p)
        return FL_ERR_NOMEM;
    d->incidents = p;
    d->incidents[d->n_incidents++] = *inc;
    return FL_OK;
}

/* Peak, totals and the return of traffic after silence, for [onset, end). */
static void summarise(const uint32_t *R, const uint32_t *F, fl_detection *d, fl_incident *inc)
{
    int silent = 0;
    inc->peak = inc->onset;
    inc->peak_impact = -1;
    inc->traffic_back = SIZE_MAX;
    inc->requests = inc->failed = 0;
    for (size_t i = inc->onset; i < inc->end; i++) {
        if (d->impact[i] > inc->peak_impact) {
            inc->peak_impact = d->impact[i];
            inc->peak = i;
        }
        inc->requests += R[i];
        inc->failed += F[i];
        if (R[i] == 0)
            silent = 1;
        else if (silent && inc->traffic_back == SIZE_MAX)
            inc->traffic_back = i;
    }
    inc->peak_error_rate = error_rate(R[inc->peak], F[inc->peak]);
}

fl_status fl_detect(const uint32_t *R, const uint32_t *F, size_t n, const fl_detect_opts *o,
                    fl_detection *d)
{
    if (o->count_rule)
        return fl_detect_counts(R, F, n, o, d);
    memset(d, 0, sizeof *d);
    d->n = n;
    size_t cap = o->history ? o->history : 1;
    traffic_history h = {.cap = cap};
    d->expected = calloc(n ? n : 1, sizeof *d->expected);
    d->impact = calloc(n ? n : 1, sizeof *d->impact);
    d->bad = calloc(n ? n : 1, 1);
    h.ring = calloc(cap, sizeof *h.ring);
    h.sorted = calloc(cap, sizeof *h.sorted);
    fl_status st = FL_ERR_NOMEM;
    if (!d->expected || !d->impact || !d->bad || !h.ring || !h.sorted)
        goto out;
    if ((st = baseline(R, F, n, o, d)) != FL_OK)
        goto out;
    size_t first = n < cap ? n : cap;
    for (size_t i = 0; i < first; i++)
        h.sorted[i] = R[i];
    h.fallback = fl_median(h.sorted, first);

    int open = 0;              /* an incident is open */
    size_t bad_run = 0, good_run = 0, run_start = 0;
    double run_x = 0;          /* X when the current bad run began */
    fl_incident inc = {0};
    for (size_t i = 0; i < n; i++) {
        double x = open ? inc.expected : (bad_run ? run_x : history_expected(&h, o->history_min));
        int bad = (R[i] > 0 && F[i] >= o->min_failed && error_rate(R[i], F[i]) >= d->threshold) ||
                  (x >= o->min_expected && R[i] < o->collapse * x);
        d->expected[i] = x;
        d->impact[i] = impact_of(R[i], F[i], x);
        d->bad[i] = (unsigned char)bad;
        if (!open) {
            if (!bad) {
                bad_run = 0;
                history_push(&h, R[i]);
                continue;
            }
            if (bad_run++ == 0) {
                run_start = i;
                run_x = x;
            }
            if (bad_run >= (o->onset_buckets ? o->onset_buckets : 1)) {
                open = 1;
                good_run = 0;
                memset(&inc, 0, sizeof inc);
                inc.onset = run_start;
                inc.expected = run_x;
            }
            continue;
        }
        if (bad) {
            good_run = 0;
            continue;
        }
        if (good_run++ == 0)
            inc.end = i;
        if (good_run >= o->recovery_buckets) {
            inc.recovered = 1;
            summarise(R, F, d, &inc);
            if ((st = fl_detection_add(d, &inc)) != FL_OK)
                goto out;
            for (size_t k = inc.end; k <= i; k++) /* the recovery run is healthy history */
                history_push(&h, R[k]);
            open = 0;
            bad_run = 0;
        }
    }
    if (open) {
        inc.end = n;
        inc.recovered = 0;
        summarise(R, F, d, &inc);
        if ((st = fl_detection_add(d, &inc)) != FL_OK)
            goto out;
    }
    st = FL_OK;
out:
    free(h.ring);
    free(h.sorted);
    if (st != FL_OK)
        fl_detection_free(d);
    return st;
}

/* Move an array of m values into a zeroed one of n at lo; NULL when out of memory
 * (then the old one is freed too). */
static void *widen(void *old, size_t size, size_t m, size_t n, size_t lo)
{
    unsigned char *p = calloc(n ? n : 1, size);
    if (p && m)
        memcpy(p + lo * size, old, m * size);
    free(old);
    return p;
}

fl_status fl_detect_within(const uint32_t *R, const uint32_t *F, size_t n, size_t lo, size_t hi,
                           const fl_detect_opts *o, fl_detection *d)
{
    if (hi > n || lo >= hi) {
        lo = 0;
        hi = n;
    }
    fl_status st = fl_detect(R + lo, F + lo, hi - lo, o, d);
    if (st != FL_OK || (lo == 0 && hi == n))
        return st;
    size_t m = hi - lo;
    d->expected = widen(d->expected, sizeof *d->expected, m, n, lo);
    d->impact = widen(d->impact, sizeof *d->impact, m, n, lo);
    d->bad = widen(d->bad, 1, m, n, lo);
    d->n = n;
    if (!d->expected || !d->impact || !d->bad) {
        fl_detection_free(d);
        return FL_ERR_NOMEM;
    }
    for (size_t k = 0; k < d->n_incidents; k++) {
        fl_incident *inc = &d->incidents[k];
        inc->onset += lo;
        inc->peak += lo;
        inc->end += lo;
        if (inc->traffic_back != SIZE_MAX)
            inc->traffic_back += lo;
    }
    return FL_OK;
}

static int cmp_onset(const void *a, const void *b)
{
    const fl_incident *x = a, *y = b;
    if (x->onset != y->onset)
        return x->onset < y->onset ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

void fl_detection_sort(fl_detection *d)
{
    if (d->n_incidents) /* incidents is NULL when there are none, which qsort may not take */
        qsort(d->incidents, d->n_incidents, sizeof *d->incidents, cmp_onset);
}

void fl_detection_free(fl_detection *d)
{
    free(d->expected);
    free(d->impact);
    free(d->bad);
    free(d->incidents);
    memset(d, 0, sizeof *d);
}
