/* test_zone_guess.c: inputs that write no UTC offset are placed in the offset of
 * their source, else archive, else run, else UTC, moved with their buckets. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "fl_test.h"

#define MIN 60000LL
#define HOUR (60 * MIN)

/* An input named path (source: its directory; archive_len as given) whose lines
 * write offset off (records n), or none (off_n == 0: local times, one at t_ms). */
static void make(fl_result *r, const char *path, size_t archive_len, int32_t off, uint64_t off_n, int64_t t_ms,
                 int64_t width)
{
    memset(r, 0, sizeof *r);
    r->in.path = strdup(path);
    const char *slash = strrchr(path, '/');
    r->in.source_len = slash ? (size_t)(slash - path) : 0;
    r->in.archive_len = archive_len;
    r->in.records = 1;
    r->in.first_ms = r->in.last_ms = t_ms;
    if (off_n) {
        r->in.offsets[0] = off;
        r->in.offset_count[0] = off_n;
        r->in.n_offsets = 1;
    } else {
        r->in.local_time_records = 1;
    }
    fl_buckets_init(&r->buckets, width, 100000);
    fl_bucket *b = fl_buckets_at(&r->buckets, t_ms);
    CHECK(b != NULL);
    if (b)
        b->entries = 1;
    r->in.markers = calloc(1, sizeof *r->in.markers);
    r->in.markers[0].ms = t_ms;
    r->in.n_markers = 1;
}

static void test_levels(void)
{
    fl_result r[6];
    const int64_t t = 1665573247000LL; /* 2022-10-12 11:14:07 read as UTC */
    make(&r[0], "lb-1/access.log", 0, 3600, 900, t, MIN);
    make(&r[1], "lb-1/error.log", 0, 0, 0, t, MIN);          /* its source: +01:00 */
    make(&r[2], "x.tar:db/pg.log", 5, 0, 0, t, MIN);         /* its archive: -05:00 */
    make(&r[3], "x.tar:web/access.log", 5, -18000, 10, t, MIN);
    make(&r[4], "api/app.log", 0, 0, 0, t, MIN);             /* the run: +01:00 (most lines) */
    make(&r[5], "api2/app.log", 0, 7200, 5, t, MIN);         /* offsets of its own: untouched */
    fl_results_guess_zones(r, 6, MIN);
    CHECK_INT(r[1].in.zone_guess, FL_ZONE_SOURCE);
    CHECK_INT(r[1].in.zone_offset, 3600);
    CHECK_INT(r[1].in.first_ms, t - HOUR);
    CHECK_INT(r[1].in.markers[0].ms, t - HOUR);
    CHECK_INT(fl_buckets_first_index(&r[1].buckets), (t - HOUR) / MIN);
    CHECK_INT(r[2].in.zone_guess, FL_ZONE_ARCHIVE);
    CHECK_INT(r[2].in.first_ms, t + 5 * HOUR);
    CHECK_INT(r[4].in.zone_guess, FL_ZONE_RUN);
    CHECK_INT(r[4].in.zone_offset, 3600);
    CHECK_INT(r[0].in.zone_guess, FL_ZONE_NONE);
    CHECK_INT(r[0].in.first_ms, t);
    CHECK_INT(r[5].in.zone_guess, FL_ZONE_NONE);
    for (size_t i = 0; i < 6; i++)
        fl_result_free(&r[i]);
}

static void test_utc_and_unaligned(void)
{
    fl_result r[2];
    const int64_t t = 1665573247000LL;
    make(&r[0], "a/error.log", 0, 0, 0, t, HOUR);
    fl_results_guess_zones(r, 1, HOUR);
    CHECK_INT(r[0].in.zone_guess, FL_ZONE_UTC);
    CHECK_INT(r[0].in.first_ms, t);
    fl_result_free(&r[0]);
    /* +05:30 is no whole number of 1 h buckets: left in UTC, and said so. */
    make(&r[0], "a/error.log", 0, 0, 0, t, HOUR);
    make(&r[1], "a/access.log", 0, 19800, 10, t, HOUR);
    fl_results_guess_zones(r, 2, HOUR);
    CHECK_INT(r[0].in.zone_guess, FL_ZONE_UNALIGNED);
    CHECK_INT(r[0].in.zone_offset, 19800);
    CHECK_INT(r[0].in.first_ms, t);
    for (size_t i = 0; i < 2; i++)
        fl_result_free(&r[i]);
}

int main(void)
{
    test_levels();
    test_utc_and_unaligned();
    return fl_test_result("test_zone_guess");
}
