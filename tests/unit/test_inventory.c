/* test_inventory.c: folding many inputs: the inventory keeps the first
 * FL_INVENTORY_CAP inputs and every one with something to say, sums the others
 * (fl_input_other) whatever the order the results come in, follows at most
 * FL_SOURCE_CAP sources, and the zone guess of
 * offset-less logs works from per-source tallies over many sources. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "fl_test.h"

#define MIN 60000LL
#define T0 1665573240000LL /* 2022-10-12 11:14 UTC, a bucket start */
#define N 1300

/* Result i: "d/fNNNN.log", one record at T0 + i s, written with offset off
 * (local time, no offset, when !has_off); skipped lines when bad. */
static void make(fl_result *r, const char *path, int64_t ms, int has_off, int32_t off, int bad)
{
    memset(r, 0, sizeof *r);
    r->in.path = strdup(path);
    const char *slash = strrchr(path, '/');
    r->in.source_len = slash ? (size_t)(slash - path) : 0;
    r->in.format = "combined";
    r->in.lines = r->in.records = r->in.access_records = 1;
    r->in.first_ms = r->in.last_ms = ms;
    r->in.skipped[FL_SKIP_UNPARSEABLE] = (uint64_t)bad;
    if (has_off) {
        r->in.offsets[0] = off;
        r->in.offset_count[0] = 1;
        r->in.n_offsets = 1;
    } else {
        r->in.local_time_records = 1;
    }
    fl_buckets_init(&r->buckets, MIN, FL_INPUT_MAX_SPAN);
    fl_bucket *b = fl_buckets_at(&r->buckets, ms);
    if (b)
        b->requests = 1;
}

/* The analysis of the N inputs, given in the order of step (coprime with N). */
static void fold(fl_analysis *a, const fl_config *cfg, size_t step)
{
    fl_result *res = malloc(N * sizeof *res);
    for (size_t k = 0; k < N; k++) {
        size_t i = k * step % N;
        char path[32];
        snprintf(path, sizeof path, "d/f%04zu.log", i);
        make(&res[k], path, T0 + (int64_t)i * 1000, 1, 0, i == 1200);
    }
    fl_analysis_init(a, cfg);
    CHECK_INT(fl_analysis_add_results(a, res, N), FL_OK);
    free(res);
}

static void test_cap(void)
{
    fl_config cfg;
    fl_config_defaults(&cfg);
    fl_analysis a, b;
    fold(&a, &cfg, 1);
    fold(&b, &cfg, 7);
    CHECK_INT(a.n_inputs, FL_INVENTORY_CAP + 1); /* the first 1000, and f1200 (skipped lines) */
    CHECK_STR(a.inputs[0].path, "d/f0000.log");
    CHECK_STR(a.inputs[FL_INVENTORY_CAP - 1].path, "d/f0999.log");
    CHECK_STR(a.inputs[FL_INVENTORY_CAP].path, "d/f1200.log");
    CHECK_INT(a.other.count, N - FL_INVENTORY_CAP - 1);
    CHECK_INT(a.other.lines, N - FL_INVENTORY_CAP - 1);
    CHECK_INT(a.other.first_ms, T0 + 1000 * 1000);
    CHECK_INT(a.other.last_ms, T0 + (N - 1) * 1000);
    CHECK_INT(a.other.n_offsets, 1);
    CHECK_INT(a.records, N);
    CHECK_INT(a.n_sources, 1);
    /* The same whatever order the results came in. */
    CHECK_INT(b.n_inputs, a.n_inputs);
    for (size_t i = 0; i < a.n_inputs && i < b.n_inputs; i++)
        CHECK_STR(b.inputs[i].path, a.inputs[i].path);
    CHECK(memcmp(&a.other, &b.other, sizeof a.other) == 0);
    uint32_t *ra, *fa, *rb, *fb;
    size_t na, nb;
    CHECK_INT(fl_analysis_series(&a, &ra, &fa, &na), FL_OK);
    CHECK_INT(fl_analysis_series(&b, &rb, &fb, &nb), FL_OK);
    CHECK_INT(na, nb);
    CHECK(na == nb && memcmp(ra, rb, na * sizeof *ra) == 0);
    free(ra), free(fa), free(rb), free(fb);
    fl_analysis_free(&a);
    fl_analysis_free(&b);
    /* Kept for a partial: every input, none summed. */
    cfg.keep_inputs = 1;
    fold(&a, &cfg, 1);
    CHECK_INT(a.n_inputs, N);
    CHECK_INT(a.other.count, 0);
    fl_analysis_free(&a);
}

/* 700 sources, each with a log writing an offset (+01:00 in the even ones, -02:00
 * in the odd ones) and one writing none: more groups than a tally holds before it
 * is first folded, so the guess works from the folded tallies. */
static void test_zones_many_sources(void)
{
    enum { S = 700 };
    fl_config cfg;
    fl_config_defaults(&cfg);
    fl_result *res = malloc(2 * S * sizeof *res);
    for (size_t s = 0; s < S; s++) {
        char a[48], b[48];
        snprintf(a, sizeof a, "host%03zu/access.log", s);
        snprintf(b, sizeof b, "host%03zu/error.log", s);
        make(&res[2 * s], a, T0, 1, s % 2 ? -7200 : 3600, 0);
        make(&res[2 * s + 1], b, T0, 0, 0, 0);
    }
    fl_analysis an;
    fl_analysis_init(&an, &cfg);
    CHECK_INT(fl_analysis_add_results(&an, res, 2 * S), FL_OK);
    free(res);
    size_t seen = 0;
    for (size_t i = 0; i < an.n_inputs; i++) {
        const fl_input *in = &an.inputs[i];
        if (!strstr(in->path, "error.log"))
            continue;
        int odd = atoi(in->path + 4) % 2;
        CHECK_INT(in->zone_guess, FL_ZONE_SOURCE);
        CHECK_INT(in->zone_offset, odd ? -7200 : 3600);
        CHECK_INT(in->first_ms, T0 - (odd ? -7200 : 3600) * 1000LL);
        seen++;
    }
    CHECK_INT(seen, S); /* offset-less logs are kept one by one (their zone is told) */
    fl_analysis_free(&an);
}

/* 1,100 directories of one log each: the first 1,000 are followed as sources, the
 * inputs of the others counted as not followed, their records still in the totals. */
static void test_source_cap(void)
{
    enum { S = FL_SOURCE_CAP + 100 };
    fl_config cfg;
    fl_config_defaults(&cfg);
    fl_result *res = malloc(S * sizeof *res);
    for (size_t s = 0; s < S; s++) {
        char a[48];
        snprintf(a, sizeof a, "host%04zu/access.log", S - 1 - s); /* any order */
        make(&res[s], a, T0, 1, 0, 0);
    }
    fl_analysis an;
    fl_analysis_init(&an, &cfg);
    CHECK_INT(fl_analysis_add_results(&an, res, S), FL_OK);
    free(res);
    CHECK_INT(an.n_sources, FL_SOURCE_CAP);
    CHECK_STR(an.sources[FL_SOURCE_CAP - 1].name, "host0999");
    CHECK_INT(an.unfollowed_inputs, 100);
    CHECK_INT(an.unfollowed_records, 100);
    CHECK_INT(an.records, S);
    CHECK_INT(an.inputs[0].source, 0);
    fl_analysis_free(&an);
}

int main(void)
{
    test_cap();
    test_source_cap();
    test_zones_many_sources();
    return fl_test_result("test_inventory");
}
