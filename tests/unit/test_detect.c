/* test_detect.c: the detection rules of docs/design.md on hand-built series whose
 * answers follow from the rules directly. */
#include <stdint.h>
#include <stdlib.h>

#include "detect/detect.h"
#include "fl_test.h"

#define N 200

typedef struct series {
    uint32_t R[N], F[N];
} series;

/* Healthy traffic of `rate` requests per bucket with 0 failures. */
static void healthy(series *s, uint32_t rate)
{
    for (size_t i = 0; i < N; i++) {
        s->R[i] = rate + (uint32_t)(i % 5); /* small deterministic wobble */
        s->F[i] = 0;
    }
}

static fl_detection run(const series *s, size_t n)
{
    fl_detect_opts o;
    fl_detection d;
    fl_detect_defaults(&o);
    fl_status st = fl_detect(s->R, s->F, n, &o, &d);
    CHECK_INT(st, FL_OK);
    return d;
}

static void test_healthy(void)
{
    series s;
    healthy(&s, 100);
    s.F[50] = 60; /* one bad bucket alone is not an incident */
    fl_detection d = run(&s, N);
    CHECK_INT(d.n_incidents, 0);
    CHECK(d.bad[50]);
    CHECK(d.threshold > 0.0499 && d.threshold < 0.0501);
    fl_detection_free(&d);
}

static void test_error_incident(void)
{
    series s;
    healthy(&s, 100);
    for (size_t i = 80; i < 110; i++)
        s.F[i] = s.R[i] / 2;     /* 50% failing */
    for (size_t i = 90; i < 95; i++)
        s.F[i] = s.R[i];         /* 100% failing: the peak starts at 90 */
    s.F[115] = s.R[115];         /* a bad bucket 5 after the end: same incident */
    fl_detection d = run(&s, N);
    CHECK_INT(d.n_incidents, 1);
    CHECK_INT(d.incidents[0].onset, 80);
    CHECK_INT(d.incidents[0].peak, 90);
    CHECK_INT(d.incidents[0].end, 116);
    CHECK(d.incidents[0].recovered);
    CHECK(d.incidents[0].peak_impact > 0.999);
    CHECK(d.incidents[0].peak_error_rate > 0.999);
    uint64_t req = 0, fail = 0;
    for (size_t i = 80; i < 116; i++)
        req += s.R[i], fail += s.F[i];
    CHECK_INT(d.incidents[0].requests, req);
    CHECK_INT(d.incidents[0].failed, fail);
    fl_detection_free(&d);
}

static void test_silence_and_trickle(void)
{
    series s;
    healthy(&s, 100);
    for (size_t i = 100; i < 140; i++)
        s.R[i] = 0;              /* silence: no lines at all */
    for (size_t i = 140; i < 150; i++)
        s.R[i] = 3;              /* health checks trickle back, below 10% of X */
    fl_detection d = run(&s, N);
    CHECK_INT(d.n_incidents, 1);
    CHECK_INT(d.incidents[0].onset, 100);
    CHECK_INT(d.incidents[0].peak, 100);
    CHECK_INT(d.incidents[0].end, 150);
    CHECK_INT(d.incidents[0].traffic_back, 140);
    CHECK(d.incidents[0].peak_impact > 0.999);
    /* X is frozen at its onset value (median of the last 60 healthy buckets). */
    CHECK(d.expected[145] > 101 && d.expected[145] < 103);
    fl_detection_free(&d);
}

static void test_unrecovered_and_two(void)
{
    series s;
    healthy(&s, 50);
    for (size_t i = 30; i < 40; i++)
        s.F[i] = s.R[i];
    for (size_t i = 190; i < N; i++)
        s.F[i] = s.R[i] / 4;     /* 25% failing until the logs end */
    fl_detection d = run(&s, N);
    CHECK_INT(d.n_incidents, 2);
    CHECK_INT(d.incidents[0].onset, 30);
    CHECK_INT(d.incidents[0].end, 40);
    CHECK_INT(d.incidents[1].onset, 190);
    CHECK_INT(d.incidents[1].end, N);
    CHECK(!d.incidents[1].recovered);
    fl_detection_free(&d);
    /* Logs end 5 good buckets after the last bad one: still not recovered. */
    healthy(&s, 50);
    for (size_t i = 100; i < 120; i++)
        s.F[i] = s.R[i];
    d = run(&s, 125);
    CHECK_INT(d.n_incidents, 1);
    CHECK(!d.incidents[0].recovered);
    fl_detection_free(&d);
}

static void test_baseline_when_outage_dominates(void)
{
    /* 70% of the archive is failing; B comes from the healthy 30% only. */
    series s;
    healthy(&s, 100);
    for (size_t i = 0; i < N; i++)
        s.F[i] = i % 10 == 0 ? 2 : 1; /* ~1% baseline */
    for (size_t i = 60; i < N; i++)
        s.F[i] = s.R[i] * 9 / 10;
    fl_detection d = run(&s, N);
    CHECK(d.baseline_error > 0.009 && d.baseline_error < 0.011);
    CHECK(d.threshold > 0.0499 && d.threshold < 0.0501); /* max(5%, 3 x ~1%) */
    CHECK_INT(d.n_incidents, 1);
    CHECK_INT(d.incidents[0].onset, 60);
    fl_detection_free(&d);
    /* A noisy service: baseline 3% -> threshold 9%; 8% failing is not an outage. */
    healthy(&s, 100);
    for (size_t i = 0; i < N; i++)
        s.F[i] = s.R[i] * 3 / 100;
    for (size_t i = 100; i < 110; i++)
        s.F[i] = s.R[i] * 8 / 100;
    d = run(&s, N);
    CHECK_INT(d.n_incidents, 0);
    fl_detection_free(&d);
}

static void test_early_traffic_drop(void)
{
    /* Traffic collapses at bucket 5, before 10 healthy buckets were seen: X is the
     * median of the first 60 buckets. */
    series s;
    healthy(&s, 100);
    for (size_t i = 5; i < 20; i++)
        s.R[i] = 2;
    fl_detection d = run(&s, 100);
    CHECK_INT(d.n_incidents, 1);
    CHECK_INT(d.incidents[0].onset, 5);
    CHECK_INT(d.incidents[0].end, 20);
    fl_detection_free(&d);
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_median(void)
{
    double a[] = {5, 1, 3}, b[] = {4, 1, 3, 2};
    CHECK(fl_median(a, 3) == 3.0);
    CHECK(fl_median(b, 4) == 2.5);
    CHECK(fl_median(NULL, 0) == 0.0);
    /* Against the middle of a sort: random sizes, few distinct values (ties), runs
     * already sorted or reversed, and sizes past the selection limit (sorted then). */
    static double v[9000], w[9000];
    uint64_t x = 0x9E3779B97F4A7C15u;
    int bad = 0;
    for (int t = 0; t < 3000; t++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n = t < 2900 ? 1 + x % 200 : 4000 + x % 5000;
        unsigned kind = (unsigned)(x >> 32) % 4, range = kind == 0 ? 3 : 1000;
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            v[i] = kind == 2 ? (double)i : kind == 3 ? (double)(n - i) : (double)(x % range) / 7.0;
            w[i] = v[i];
        }
        qsort(w, n, sizeof *w, cmp_dbl);
        double want = n % 2 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2.0;
        bad += fl_median(v, n) != want;
    }
    CHECK_INT(bad, 0);
}

/* Only the measured span counts: traffic ends at 100 while the series (server logs)
 * runs to 150; the end of traffic is no outage there, and indices stay the series'. */
static void test_within(void)
{
    series s;
    healthy(&s, 100);
    for (size_t i = 100; i < 150; i++)
        s.R[i] = 0;
    for (size_t i = 60; i < 64; i++)
        s.F[i] = s.R[i]; /* an error incident inside the span */
    fl_detect_opts o;
    fl_detection d;
    fl_detect_defaults(&o);
    CHECK_INT(fl_detect(s.R, s.F, 150, &o, &d), FL_OK);
    CHECK_INT(d.n_incidents, 2); /* the whole series: a silence from 100 */
    fl_detection_free(&d);
    CHECK_INT(fl_detect_within(s.R, s.F, 150, 10, 100, &o, &d), FL_OK);
    CHECK_INT(d.n, 150);
    CHECK_INT(d.n_incidents, 1);
    CHECK_INT(d.incidents[0].onset, 60);
    CHECK_INT(d.incidents[0].end, 64);
    CHECK_INT(d.bad[120], 0);
    CHECK(d.expected[5] == 0 && d.expected[50] > 99);
    fl_detection_free(&d);
}

/* Three days of hourly buckets, ten times fewer requests from 20:00 to 08:00, and an
 * outage on day 2 from 02:00 to 05:00: expected traffic is the other days' at that
 * hour, the outage on day 2 left out of day 1's and day 3's. */
static void test_daily(void)
{
    enum { DAYS = 3, H = 24 * DAYS };
    uint32_t R[H], F[H] = {0};
    double x[H];
    for (size_t i = 0; i < H; i++)
        R[i] = i % 24 >= 8 && i % 24 < 20 ? 1000 : 100;
    for (size_t i = 24 + 2; i < 24 + 5; i++)
        R[i] = 0;
    fl_detect_opts o;
    fl_detect_defaults(&o);
    o.bucket_ms = 3600000; /* the 1-hour window is the bucket alone */
    o.recovery_buckets = 2;
    CHECK_INT(fl_daily_days(H, &o), 3);
    CHECK_INT(fl_daily_days(47, &o), 0); /* under 2 days: the last healthy buckets */
    CHECK_INT(fl_daily_expected(R, H, &o, x), FL_OK);
    CHECK(x[3] == 100 && x[24 + 3] == 100 && x[48 + 3] == 100); /* not (0 + 100) / 2 */
    CHECK(x[12] == 1000 && x[20] == 100 && x[24 + 7] == 100 && x[24 + 8] == 1000);
    fl_detection d;
    CHECK_INT(fl_detect(R, F, H, &o, &d), FL_OK);
    CHECK_INT(d.daily_days, 3);
    CHECK_INT(d.n_incidents, 1);
    CHECK_INT(d.incidents[0].onset, 24 + 2);
    CHECK_INT(d.incidents[0].end, 24 + 5);
    for (size_t i = 0; i < H; i++) /* every evening's fall to a tenth: no impact */
        CHECK(d.impact[i] == (i >= 24 + 2 && i < 24 + 5 ? 1.0 : 0.0));
    fl_detection_free(&d);
    o.daily_days = 0; /* the last healthy buckets read each evening as 90% impact */
    CHECK_INT(fl_detect(R, F, H, &o, &d), FL_OK);
    CHECK(d.impact[20] > 0.89);
    fl_detection_free(&d);
}

int main(void)
{
    test_daily();
    test_within();
    test_healthy();
    test_error_incident();
    test_silence_and_trickle();
    test_unrecovered_and_two();
    test_baseline_when_outage_dominates();
    test_early_traffic_drop();
    test_median();
    return fl_test_result("test_detect");
}
