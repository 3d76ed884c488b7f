/* test_changes.c: "what changed at onset" against known answers: Poisson tail scores
 * computed independently (the pmf summed from k upward, in Python), and a ranking over a generated hour
 * where the truth is known: a new error kind in the window, an INFO kind whose rate
 * rose tenfold, a steady background error, and a warning seen 3 times in the window
 * after once in the baseline (no surge). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/mined.h"
#include "detect/changes.h"
#include "fl_test.h"
#include "formats/format.h"

#define MIN 60000LL

static void near(double got, double want)
{
    CHECK(fabs(got - want) < 1e-6 * (want > 1 ? want : 1));
    if (fabs(got - want) >= 1e-6 * (want > 1 ? want : 1))
        fprintf(stderr, "  got %.9f, want %.9f\n", got, want);
}

static void test_poisson(void)
{
    near(fl_poisson_score(1, 1.0), 0.199200085);   /* -log10(1 - e^-1) */
    near(fl_poisson_score(3, 0.25), 2.665245425);
    near(fl_poisson_score(10, 2.0), 4.332565026);
    near(fl_poisson_score(3, 0.125), 3.528008200);
    CHECK(fl_poisson_score(2, 5.0) < 0.02);        /* fewer than expected: P near 1 */
    CHECK(fl_poisson_score(5000, 10.0) > 100);     /* huge counts stay finite */
    CHECK(isfinite(fl_poisson_score(5000, 10.0)));
}

static void add(fl_mined **m, const char *msg, int64_t ms, int level)
{
    CHECK(fl_mined_add(m, MIN, msg, strlen(msg), ms, 1, level, 1) == FL_OK);
}

static void test_rank(void)
{
    fl_mined *m = NULL;
    char msg[128];
    for (int64_t b = 0; b < 75; b++) { /* an hour of baseline, 15 minutes of window */
        for (int k = 0; k < 3; k++) { /* steady background: 3 errors a minute */
            snprintf(msg, sizeof msg, "Disk quota check failed for volume %d", k);
            add(&m, msg, b * MIN + k * 1000, FL_LEVEL_ERROR);
        }
        for (int k = 0; k < (b >= 60 ? 10 : 1); k++) {
            snprintf(msg, sizeof msg, "Rebalancing partition %d of topic orders", (int)(b * 7 + k));
            add(&m, msg, b * MIN + 5000 + k, FL_LEVEL_INFO);
        }
    }
    add(&m, "Cache eviction slow on shard 4", 10 * MIN, FL_LEVEL_WARN);
    for (int k = 0; k < 3; k++)
        add(&m, "Cache eviction slow on shard 9", (62 + k) * MIN, FL_LEVEL_WARN);
    for (int k = 0; k < 40; k++) {
        snprintf(msg, sizeof msg, "Connection refused: db-1.internal:%d", 5432 + k % 2);
        add(&m, msg, 63 * MIN + k * 1000, FL_LEVEL_ERROR);
    }
    fl_change *c;
    size_t n;
    CHECK(fl_changes_rank(m, 0, 60, 75, 10, &c, &n) == FL_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        /* (how host:port is masked is the miner's business) */
        CHECK(strncmp(fl_miner_text(m->miner, c[0].slot), "Connection refused: <*>", 23) == 0);
        CHECK_INT(c[0].is_new, 1);
        CHECK_INT(c[0].window, 40);
        CHECK_INT(c[0].base, 0);
        CHECK_STR(fl_miner_text(m->miner, c[1].slot), "Rebalancing partition <*> of topic orders");
        CHECK_INT(c[1].is_new, 0);
        CHECK_INT(c[1].window, 150);
        CHECK_INT(c[1].base, 60);
        near(c[1].base_rate, 1.0);
        near(c[1].expected, 15.0);
        near(c[1].score, fl_poisson_score(150, 15.0));
    }
    free(c);
    /* Too short a baseline: nothing can be told. */
    CHECK(fl_changes_rank(m, 58, 60, 75, 10, &c, &n) == FL_OK);
    CHECK_INT(n, 0);
    /* max keeps the first of the order. */
    CHECK(fl_changes_rank(m, 0, 60, 75, 1, &c, &n) == FL_OK);
    CHECK_INT(n, 1);
    free(c);
    fl_mined_free(m);
}

int main(void)
{
    test_poisson();
    test_rank();
    return fl_test_result("test_changes");
}
