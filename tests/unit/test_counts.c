/* test_counts.c: the count rule of archives of server logs only (detect/counts.c) on
 * hand-built series whose answers follow from the rule and from Poisson's law. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "detect/detect.h"
#include "fl_test.h"

#define N 200

typedef struct series {
    uint32_t R[N], F[N];
} series;

/* 2, 3, 4, 3 error entries a bucket in turn (a usual 3), 6 other entries each. */
static void steady(series *s)
{
    static const uint32_t cycle[4] = {2, 3, 4, 3};
    for (size_t i = 0; i < N; i++) {
        s->F[i] = cycle[i % 4];
        s->R[i] = s->F[i] + 6;
    }
}

static void set_errors(series *s, size_t from, size_t to, uint32_t f)
{
    for (size_t i = from; i < to; i++) {
        s->F[i] = f;
        s->R[i] = f + 6;
    }
}

static fl_detection run(const series *s, size_t n, unsigned min_entries, double significance)
{
    fl_detect_opts o, srv;
    fl_detection d;
    fl_detect_defaults(&o);
    o.min_error_entries = min_entries;
    o.significance = significance;
    fl_detect_server_opts(&o, &srv); /* fl_detect runs the count rule */
    CHECK_INT(fl_detect(s->R, s->F, n, &srv, &d), FL_OK);
    CHECK_INT(d.count_rule, 1);
    return d;
}

static void test_poisson_tail(void)
{
    CHECK(fl_poisson_tail(0, 3.0) == 1.0);
    CHECK(fl_poisson_tail(1, 0.0) == 0.0);
    CHECK(fabs(fl_poisson_tail(1, 2.0) - (1 - exp(-2.0))) < 1e-12);
    CHECK(fabs(fl_poisson_tail(3, 1.0) - (1 - exp(-1.0) * 2.5)) < 1e-12);
    CHECK(fabs(fl_poisson_tail(10, 3.0) - 0.0011024881) < 1e-9);
    /* far in the tail: e^-30 30^200 / 200! (the first term) times about 1.18 */
    double first = exp(-30 + 200 * log(30.0) - lgamma(201.0)), p = fl_poisson_tail(200, 30.0);
    CHECK(p > first && p < first * 1.2 && p > 0);
}

static void test_steady_is_no_incident(void)
{
    series s;
    steady(&s);
    fl_detection d = run(&s, N, 5, 1e-6);
    CHECK_INT(d.n_incidents, 0);
    CHECK(fabs(d.usual_failed - 3.0) < 1e-9);
    fl_detection_free(&d);
}

static void test_burst(void)
{
    series s;
    steady(&s);
    set_errors(&s, 100, 110, 20); /* 200 in 10 buckets against a usual 3 */
    fl_detection d = run(&s, N, 5, 1e-6);
    CHECK_INT(d.n_incidents, 1);
    const fl_incident *inc = &d.incidents[0];
    CHECK_INT(inc->kind, FL_INCIDENT_ERRORS);
    CHECK_INT(inc->onset, 100);
    CHECK_INT(inc->end, 110);
    CHECK_INT(inc->recovered, 1);
    CHECK_INT(inc->failed, 200);
    CHECK(fabs(inc->expected - 571.0 / 190.0) < 1e-9); /* the mean outside the burst */
    CHECK(inc->p_value > 0 && inc->p_value < 1e-80);
    fl_detection_free(&d);
    d = run(&s, N, 5, 1e-100); /* stricter than the window's chance (about 1e-93) */
    CHECK_INT(d.n_incidents, 0);
    fl_detection_free(&d);
}

static void test_minimum_count(void)
{
    series s;
    set_errors(&s, 0, N, 0); /* usually no error at all */
    set_errors(&s, 50, 52, 2); /* 4 error entries: fewer than 5 */
    fl_detection d = run(&s, N, 5, 1e-6);
    CHECK_INT(d.n_incidents, 0);
    fl_detection_free(&d);
    d = run(&s, N, 4, 1e-6);
    CHECK_INT(d.n_incidents, 1);
    CHECK_INT(d.incidents[0].failed, 4);
    fl_detection_free(&d);
}

static void test_sparse_errors(void)
{
    series s;
    set_errors(&s, 0, N, 0);
    for (size_t i = 5; i < N; i += 17) /* 1 to 3 error entries here and there: 12 times */
        set_errors(&s, i, i + 1, 1 + (uint32_t)(i % 3));
    fl_detection d = run(&s, N, 5, 1e-6);
    CHECK_INT(d.n_incidents, 0);
    fl_detection_free(&d);
}

static void test_unrecovered_and_merged(void)
{
    series s;
    steady(&s);
    set_errors(&s, 150, 155, 30);
    set_errors(&s, 160, 162, 30); /* 5 good buckets apart: one window */
    set_errors(&s, 195, N, 25);   /* the logs end inside a burst */
    fl_detection d = run(&s, N, 5, 1e-6);
    CHECK_INT(d.n_incidents, 2);
    CHECK_INT(d.incidents[0].onset, 150);
    CHECK_INT(d.incidents[0].end, 162);
    CHECK_INT(d.incidents[1].onset, 195);
    CHECK_INT(d.incidents[1].end, N);
    CHECK_INT(d.incidents[1].recovered, 0);
    fl_detection_free(&d);
}

/* Warnings apart from errors: a warning storm (buckets 90-97, 40 a bucket against a
 * usual 2) before an error burst (100-109) is an incident of its own kind, listed
 * before the burst; the steady errors under the storm stay no incident, and a steady
 * background of warnings alone gives none. */
static void test_warnings_apart(void)
{
    series s;
    uint32_t W[N];
    steady(&s);
    set_errors(&s, 100, 110, 20);
    for (size_t i = 0; i < N; i++)
        W[i] = i >= 90 && i < 98 ? 40 : 2;
    fl_detection d = run(&s, N, 5, 1e-6);
    CHECK_INT(d.n_incidents, 1);
    double usual_errors = d.usual_failed;
    fl_detect_opts o, srv;
    fl_detect_defaults(&o);
    fl_detect_server_opts(&o, &srv);
    CHECK_INT(fl_detect_add_warnings(&d, s.R, W, N, 0, N, &srv), FL_OK);
    CHECK_INT(d.n_incidents, 2);
    CHECK_INT(d.incidents[0].kind, FL_INCIDENT_WARNINGS);
    CHECK_INT(d.incidents[0].onset, 90);
    CHECK_INT(d.incidents[0].end, 98);
    CHECK_INT(d.incidents[0].failed, 320);
    CHECK(fabs(d.incidents[0].expected - 2.0) < 1e-9);
    CHECK(fabs(d.usual_warned - 2.0) < 1e-9);
    CHECK_INT(d.incidents[1].kind, FL_INCIDENT_ERRORS);
    CHECK_INT(d.incidents[1].onset, 100);
    CHECK(d.usual_failed == usual_errors); /* the errors' own usual rate, untouched */
    fl_detection_free(&d);
    for (size_t i = 0; i < N; i++) /* 0 to 4 warnings a bucket, steady: no burst */
        W[i] = (uint32_t)(i * 7 % 5);
    steady(&s);
    d = run(&s, N, 5, 1e-6);
    CHECK_INT(fl_detect_add_warnings(&d, s.R, W, N, 0, N, &srv), FL_OK);
    CHECK_INT(d.n_incidents, 0);
    fl_detection_free(&d);
}

int main(void)
{
    test_poisson_tail();
    test_steady_is_no_incident();
    test_burst();
    test_minimum_count();
    test_sparse_errors();
    test_unrecovered_and_merged();
    test_warnings_apart();
    return fl_test_result("test_counts");
}
