/* test_liveness.c: silences of a source (liveness.h) on hand-built series whose
 * answers follow from the rules: a source that stops for much longer than its usual
 * gaps is silent, a bursty source's quiet hours are not, a trickle of lines between
 * two gaps does not end a silence, and overlapping silences make one incident. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "detect/liveness.h"
#include "fl_test.h"

#define N 300

static fl_liveness scan(const uint32_t *rec, size_t n)
{
    fl_detect_opts o;
    fl_liveness l = {0};
    fl_detect_defaults(&o);
    CHECK_INT(fl_liveness_scan(rec, n, 7, &o, &l), FL_OK);
    return l;
}

/* Steady source (4 lines a bucket, a 1-bucket gap every 20) silent over [100, 173),
 * which joins the usual gap at 99. */
static void test_silence(void)
{
    uint32_t rec[N];
    for (size_t i = 0; i < N; i++)
        rec[i] = i % 20 == 19 ? 0 : 4;
    for (size_t i = 100; i < 173; i++)
        rec[i] = 0;
    fl_liveness l = scan(rec, N);
    CHECK_INT(l.n, 1);
    CHECK_INT(l.items[0].source, 7);
    CHECK_INT(l.items[0].from, 99);
    CHECK_INT(l.items[0].to, 173);
    CHECK_INT(l.items[0].first_back, 173);
    CHECK(l.items[0].resumed);
    CHECK_INT(l.items[0].usual_gap, 1);
    fl_liveness_free(&l);
}

/* A gap just at the limits: 9 buckets (under min_gap 10) is nothing; with usual
 * gaps of 4 buckets, a 12-bucket gap is not more than 3 x 4, a 13-bucket one is. */
static void test_limits(void)
{
    uint32_t rec[N];
    for (size_t i = 0; i < N; i++)
        rec[i] = 3;
    for (size_t i = 100; i < 109; i++)
        rec[i] = 0;
    fl_liveness l = scan(rec, N);
    CHECK_INT(l.n, 0);
    fl_liveness_free(&l);
    for (size_t i = 0; i < N; i++)
        rec[i] = i % 20 < 4 ? 0 : 3; /* gaps of 4 */
    for (size_t i = 120; i < 132; i++)
        rec[i] = 0; /* 120..131: 12 buckets (with the usual gap at 120..123) */
    l = scan(rec, N);
    CHECK_INT(l.n, 0);
    fl_liveness_free(&l);
    rec[132] = 0; /* 13 > 3 x 4 */
    l = scan(rec, N);
    CHECK_INT(l.n, 1);
    CHECK_INT(l.items[0].from, 120);
    CHECK_INT(l.items[0].to, 133);
    fl_liveness_free(&l);
}

/* A batch source: busy 20 buckets of every 60, quiet 40; one quiet spell of 80
 * (long enough and frequent enough by rate, but not 3 x its usual 40). A heartbeat
 * line in the middle of each quiet spell does not make the spells one silence. */
static void test_bursty(void)
{
    uint32_t rec[N];
    for (size_t i = 0; i < N; i++)
        rec[i] = i % 60 < 20 ? 5 : 0;
    for (size_t i = 120; i < 150; i++)
        rec[i] = 0; /* 100..179 quiet: 80 < 3 x 40 */
    fl_liveness l = scan(rec, N);
    CHECK_INT(l.n, 0);
    fl_liveness_free(&l);
    for (size_t i = 0; i < N; i++)
        rec[i] = i % 60 < 20 ? 5 : i % 60 == 40 ? 1 : 0;
    for (size_t i = 120; i < 150; i++)
        rec[i] = 0;
    l = scan(rec, N);
    CHECK_INT(l.n, 0);
    fl_liveness_free(&l);
}

/* A source that writes less than silence_min_rate on average is never silent. */
static void test_sparse(void)
{
    uint32_t rec[N] = {0};
    for (size_t i = 0; i < N; i += 3)
        rec[i] = 1; /* 0.33 per bucket */
    for (size_t i = 90; i < 200; i++)
        rec[i] = 0;
    fl_liveness l = scan(rec, N);
    CHECK_INT(l.n, 0);
    fl_liveness_free(&l);
}

/* Two lines in the middle of a long stop do not end it; a stop at the end has no
 * return; before the first line there is nothing to stop. */
static void test_trickle_and_end(void)
{
    uint32_t rec[N];
    for (size_t i = 0; i < N; i++)
        rec[i] = i < 30 ? 0 : 6;
    for (size_t i = 100; i < 200; i++)
        rec[i] = 0;
    rec[140] = 2; /* a trickle */
    for (size_t i = 260; i < N; i++)
        rec[i] = 0;
    fl_liveness l = scan(rec, N);
    CHECK_INT(l.n, 2);
    CHECK_INT(l.items[0].from, 100);
    CHECK_INT(l.items[0].first_back, 140);
    CHECK_INT(l.items[0].to, 200);
    CHECK(l.items[0].resumed);
    CHECK_INT(l.items[1].from, 260);
    CHECK_INT(l.items[1].to, N);
    CHECK(!l.items[1].resumed);
    fl_liveness_free(&l);
}

/* Overlapping silences of two sources are one incident; a later one is another. */
static void test_incidents(void)
{
    fl_source_silence s[3] = {{.source = 0, .from = 50, .to = 90, .resumed = 1, .first_back = 90},
                       {.source = 2, .from = 200, .to = N, .resumed = 0, .first_back = N},
                       {.source = 1, .from = 70, .to = 120, .resumed = 1, .first_back = 120}};
    fl_liveness l = {s, 3};
    uint32_t R[N], F[N] = {0};
    for (size_t i = 0; i < N; i++)
        R[i] = 10;
    fl_detection d;
    memset(&d, 0, sizeof d);
    CHECK_INT(fl_detect_add_silences(&d, &l, R, F), FL_OK);
    CHECK_INT(d.n_incidents, 2);
    CHECK_INT(d.incidents[0].kind, FL_INCIDENT_SILENCE);
    CHECK_INT(d.incidents[0].onset, 50);
    CHECK_INT(d.incidents[0].end, 120);
    CHECK(d.incidents[0].recovered);
    CHECK_INT(d.incidents[0].requests, 700);
    CHECK_INT(d.incidents[1].onset, 200);
    CHECK_INT(d.incidents[1].end, N);
    CHECK(!d.incidents[1].recovered);
    fl_detection_free(&d);
}

int main(void)
{
    test_silence();
    test_limits();
    test_bursty();
    test_sparse();
    test_trickle_and_end();
    test_incidents();
    return fl_test_result("test_liveness");
}
