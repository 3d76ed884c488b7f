/* test_mined.c: the per-template series of fl_mined_add (its cursor at the bucket last
 * added to and its cached bucket of the last message) against counts kept here, for
 * times that run forward, jump back and run forward again, cross zero, sit on bucket
 * edges and come at random. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/mined.h"
#include "fl_test.h"

#define KINDS 3
#define BUCKET 1000
#define LO_B (-50) /* buckets kept here: [LO_B, LO_B + SPAN) */
#define SPAN 200

static const char *const msgs[KINDS] = {"alpha service started", "beta cache flushed", "gamma queue drained"};

static uint64_t rng_state = 7;

static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* Mine n messages at times from next_ms, and check every template's series. */
static void run(const char *name, int64_t (*next_ms)(size_t i), size_t n)
{
    static uint64_t want[KINDS][SPAN];
    memset(want, 0, sizeof want);
    fl_mined *m = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t k = rnd() % KINDS;
        int64_t ms = next_ms(i), b = floor_div(ms, BUCKET);
        CHECK(b >= LO_B && b < LO_B + SPAN);
        want[k][b - LO_B]++;
        CHECK(fl_mined_add(&m, BUCKET, msgs[k], strlen(msgs[k]), ms, 1, 0, i + 1) == FL_OK);
    }
    for (uint32_t s = 0; m && s < fl_miner_slots(m->miner); s++) {
        size_t k = 0;
        while (k < KINDS && strcmp(fl_miner_text(m->miner, s), msgs[k]))
            k++;
        CHECK(k < KINDS);
        if (k == KINDS)
            continue;
        const fl_tmpl_series *sr = &m->series[s];
        size_t at = 0;
        for (int64_t b = 0; b < SPAN; b++) {
            if (!want[k][b])
                continue;
            CHECK(at < sr->n);
            if (at >= sr->n)
                break;
            if (sr->at[at].bucket != b + LO_B || sr->at[at].count != want[k][b])
                fprintf(stderr, "%s: kind %zu bucket %lld: %lld x%llu, expected x%llu\n", name, k,
                        (long long)(b + LO_B), (long long)sr->at[at].bucket,
                        (unsigned long long)sr->at[at].count, (unsigned long long)want[k][b]);
            CHECK_INT(sr->at[at].bucket, b + LO_B);
            CHECK_INT(sr->at[at].count, want[k][b]);
            at++;
        }
        CHECK_INT(sr->n, at);
    }
    fl_mined_free(m);
}

/* Forward in steps of 37 ms, going back 40 s every 2000 messages. */
static int64_t sawtooth(size_t i) { return (int64_t)(i % 2000) * 37 + (int64_t)(i / 2000) * 5000; }

/* Forward across zero from -40 s. */
static int64_t across_zero(size_t i) { return -40000 + (int64_t)i * 5; }

/* On and beside bucket edges, back and forth. */
static int64_t edges(size_t i)
{
    int64_t b = (int64_t)(rnd() % 120) - 40;
    static const int64_t off[] = {0, -1, 1, BUCKET - 1};
    return b * BUCKET + off[i % 4];
}

/* Anywhere, in no order. */
static int64_t anywhere(size_t i)
{
    (void)i;
    return (int64_t)(rnd() % (SPAN * BUCKET - 2 * BUCKET)) + (int64_t)LO_B * BUCKET + BUCKET;
}

/* fl_mined_done gives back the arrays' spare room (a run keeps every input's facts
 * until the fold); mining goes on after it with nothing lost: the same templates,
 * counts, series and first lines as without it. Kinds come in stages, so the arrays
 * grow again after each call. */
static void test_done_then_more(void)
{
    fl_mined *a = NULL, *b = NULL;
    char msg[64];
    uint32_t added = 0;
    for (uint32_t stage = 0; stage < 3; stage++) {
        for (uint32_t k = 0; k < 20 * (stage + 1); k++) {
            int n = snprintf(msg, sizeof msg, "%c%c%c worker finished its run", 'a' + k % 26, 'a' + k / 26,
                             'a' + stage);
            for (uint32_t rep = 0; rep <= k % 3; rep++, added++) {
                CHECK(fl_mined_add(&a, BUCKET, msg, (size_t)n, (int64_t)added * 10, 1, 0, added + 1) == FL_OK);
                CHECK(fl_mined_add(&b, BUCKET, msg, (size_t)n, (int64_t)added * 10, 1, 0, added + 1) == FL_OK);
            }
        }
        fl_mined_done(a);
        CHECK_INT(a->info_cap, fl_miner_slots(a->miner));
    }
    CHECK(fl_miner_slots(a->miner) > 20);
    CHECK_INT(fl_miner_slots(a->miner), fl_miner_slots(b->miner));
    uint64_t total = 0;
    for (uint32_t s = 0; s < fl_miner_slots(a->miner); s++) {
        CHECK_STR(fl_miner_text(a->miner, s), fl_miner_text(b->miner, s));
        CHECK_INT(fl_miner_count(a->miner, s), fl_miner_count(b->miner, s));
        CHECK_INT(a->info[s].first_line, b->info[s].first_line);
        CHECK_INT(a->series[s].n, b->series[s].n);
        uint64_t in_series = 0;
        for (size_t i = 0; i < a->series[s].n && i < b->series[s].n; i++) {
            CHECK_INT(a->series[s].at[i].bucket, b->series[s].at[i].bucket);
            in_series += a->series[s].at[i].count;
        }
        CHECK_INT(in_series, fl_miner_count(a->miner, s));
        total += fl_miner_count(a->miner, s);
    }
    CHECK_INT(total, added);
    fl_mined_free(a);
    fl_mined_free(b);
}

int main(void)
{
    test_done_then_more();
    run("sawtooth", sawtooth, 20000);
    run("across zero", across_zero, 20000);
    run("edges", edges, 20000);
    run("anywhere", anywhere, 20000);
    return fl_test_result("mined");
}
