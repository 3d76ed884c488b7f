/* test_buckets.c: two-sided growth (unsorted input), span limit, sparse pages over a
 * wide span, shifting, merge by addition,
 * failure detail (codes, paths, upstreams, client classes) and path normalisation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/buckets.h"
#include "fl_test.h"

static void test_growth(void)
{
    fl_buckets b;
    fl_buckets_init(&b, 60000, 100000);
    int64_t t0 = 1665573600000LL; /* 2022-10-12T11:20:00Z */
    fl_buckets_at(&b, t0)->requests++;
    fl_buckets_at(&b, t0 + 59999)->requests++;          /* same minute */
    fl_buckets_at(&b, t0 - 3600 * 1000LL)->requests++;   /* an hour earlier: grows the front */
    fl_buckets_at(&b, t0 + 7200 * 1000LL)->requests++;   /* two hours later */
    CHECK_INT(fl_buckets_span(&b), 181);
    CHECK_INT(fl_buckets_first_index(&b), t0 / 60000 - 60);
    CHECK_INT(fl_buckets_get(&b, 60)->requests, 2);
    CHECK_INT(fl_buckets_get(&b, 0)->requests, 1);
    CHECK_INT(fl_buckets_get(&b, 180)->requests, 1);
    CHECK_INT(fl_buckets_get(&b, 100)->requests, 0);
    /* Beyond the span limit: refused, nothing changes. */
    CHECK(fl_buckets_at(&b, t0 + 100000 * 60000LL) == NULL);
    CHECK_INT(fl_buckets_span(&b), 181);
    /* Negative times floor correctly. */
    fl_buckets c;
    fl_buckets_init(&c, 60000, 10);
    fl_buckets_at(&c, -1)->requests++;
    CHECK_INT(fl_buckets_first_index(&c), -1);
    fl_buckets_free(&c);
    fl_buckets_free(&b);
}

/* Memory follows the buckets that hold data: two records ten years apart at 1 s
 * take two pages, not 315 million buckets; the span between reads as zeros. */
static void test_sparse(void)
{
    fl_buckets b, m;
    fl_buckets_init(&b, 1000, FL_INPUT_MAX_SPAN);
    int64_t t0 = 1530000000000LL, ten_years = 3652LL * 86400 * 1000;
    fl_buckets_at(&b, t0)->requests++;
    fl_buckets_at(&b, t0 + ten_years)->requests += 2;
    CHECK_INT(b.n_pages, 2);
    CHECK_INT(fl_buckets_span(&b), ten_years / 1000 + 1);
    CHECK_INT(fl_buckets_get(&b, 0)->requests, 1);
    CHECK_INT(fl_buckets_get(&b, (size_t)(ten_years / 2000))->requests, 0);
    CHECK_INT(fl_buckets_get(&b, (size_t)(ten_years / 1000))->requests, 2);
    /* Merged: still two pages. */
    fl_buckets_init(&m, 1000, FL_INPUT_MAX_SPAN);
    CHECK(fl_buckets_merge(&m, &b) == FL_OK);
    CHECK_INT(m.n_pages, 2);
    CHECK_INT(fl_buckets_get(&m, (size_t)(ten_years / 1000))->requests, 2);
    /* Shifted by a number of buckets that is no whole page: the counts move along. */
    CHECK(fl_buckets_shift(&b, -3) == FL_OK);
    CHECK_INT(fl_buckets_first_index(&b), t0 / 1000 - 3);
    CHECK_INT(fl_buckets_get(&b, 0)->requests, 1);
    CHECK_INT(fl_buckets_get(&b, (size_t)(ten_years / 1000))->requests, 2);
    CHECK(fl_buckets_at(&b, t0 - 3000)->requests == 1);
    /* A run's cap still refuses the span. */
    fl_buckets c;
    fl_buckets_init(&c, 1000, 65536);
    fl_buckets_at(&c, t0);
    CHECK(fl_buckets_at(&c, t0 + ten_years) == NULL);
    CHECK(!c.nomem);
    fl_buckets_free(&c);
    fl_buckets_free(&m);
    fl_buckets_free(&b);
}

static void test_merge(void)
{
    fl_buckets a, b;
    fl_buckets_init(&a, 60000, 100000);
    fl_buckets_init(&b, 60000, 100000);
    fl_bucket *x = fl_buckets_at(&a, 0);
    x->requests = 3, x->failed = 1, x->by_class[5] = 1;
    fl_bucket_add_failure(x, 503, "/a");
    fl_bucket *y = fl_buckets_at(&b, 0);
    y->requests = 2, y->failed = 2, y->by_class[5] = 2;
    fl_bucket_add_failure(y, 503, "/a");
    fl_bucket_add_failure(y, 502, "/b");
    fl_buckets_at(&b, 120000)->requests = 7;
    CHECK_INT(fl_buckets_merge(&a, &b), FL_OK);
    CHECK_INT(fl_buckets_span(&a), 3);
    const fl_bucket *m = fl_buckets_get(&a, 0);
    CHECK_INT(m->requests, 5);
    CHECK_INT(m->failed, 3);
    CHECK_INT(m->by_class[5], 3);
    CHECK_INT(m->detail->codes[0].code, 503);
    CHECK_INT(m->detail->codes[0].count, 2);
    CHECK_INT(m->detail->codes[1].code, 502);
    CHECK_STR(m->detail->paths[0].path, "/a");
    CHECK_INT(m->detail->paths[0].count, 2);
    CHECK_INT(fl_buckets_get(&a, 2)->requests, 7);
    fl_buckets_free(&a);
    fl_buckets_free(&b);
}

static void test_space_saving(void)
{
    fl_bucket bk = {0};
    char p[16];
    /* A heavy path among many one-off paths keeps its exact-or-over count. */
    for (int i = 0; i < 100; i++) {
        fl_bucket_add_failure(&bk, 500, "/heavy");
        snprintf(p, sizeof p, "/x%d", i);
        fl_bucket_add_failure(&bk, 500 + i % 20, p);
    }
    uint32_t heavy = 0;
    for (size_t k = 0; k < FL_TOP_PATHS; k++)
        if (strcmp(bk.detail->paths[k].path, "/heavy") == 0)
            heavy = bk.detail->paths[k].count;
    CHECK(heavy >= 100);
    uint32_t codes = bk.detail->codes_other;
    for (size_t k = 0; k < FL_TOP_CODES; k++)
        codes += bk.detail->codes[k].count;
    CHECK_INT(codes, 200); /* nothing lost: overflow lands in codes_other */
    free(bk.detail);
}

/* Upstreams: a space-saving summary per bucket, merged across threads. The heavy
 * upstream keeps a count within [true, true + err] however the failures are split
 * between two bucket sets; client classes add up exactly. */
static void test_upstream_merge(void)
{
    fl_buckets a, b, whole;
    fl_buckets_init(&a, 60000, 100);
    fl_buckets_init(&b, 60000, 100);
    fl_buckets_init(&whole, 60000, 100);
    char up[32];
    for (int i = 0; i < 300; i++) {
        fl_buckets *half = i % 2 ? &a : &b;
        fl_failure_extra heavy = {FL_CLIENT_MOBILE_APP, "10.0.1.12:8080"};
        fl_failure_extra none = {FL_CLIENT_BROWSER, "(none)"};
        snprintf(up, sizeof up, "10.9.%d.%d:80", i / 256, i % 256);
        fl_failure_extra once = {FL_CLIENT_SCRIPT, up};
        const fl_failure_extra *x = i % 3 == 0 ? &none : i % 3 == 1 ? &heavy : &once;
        CHECK_INT(fl_bucket_add_failure_ex(fl_buckets_at(half, 0), 502, "/", x), FL_OK);
        CHECK_INT(fl_bucket_add_failure_ex(fl_buckets_at(&whole, 0), 502, "/", x), FL_OK);
        if (i % 3 == 1) { /* the heavy upstream fails twice as often */
            CHECK_INT(fl_bucket_add_failure_ex(fl_buckets_at(half, 0), 502, "/", &heavy), FL_OK);
            CHECK_INT(fl_bucket_add_failure_ex(fl_buckets_at(&whole, 0), 502, "/", &heavy), FL_OK);
        }
    }
    /* No upstream logged (NULL): counted for its class only. */
    fl_failure_extra unlogged = {FL_CLIENT_UNKNOWN, NULL};
    CHECK_INT(fl_bucket_add_failure_ex(fl_buckets_at(&a, 0), 500, "/", &unlogged), FL_OK);
    CHECK_INT(fl_buckets_merge(&a, &b), FL_OK);
    const fl_bucket_detail *m = fl_buckets_get(&a, 0)->detail, *w = fl_buckets_get(&whole, 0)->detail;
    uint32_t heavy = 0, heavy_err = 0, none = 0, none_err = 0, slots = 0;
    for (size_t k = 0; k < FL_TOP_UPSTREAMS; k++) {
        slots += m->upstreams[k].count != 0;
        if (strcmp(m->upstreams[k].upstream, "10.0.1.12:8080") == 0)
            heavy = m->upstreams[k].count, heavy_err = m->upstreams[k].err;
        if (strcmp(m->upstreams[k].upstream, "(none)") == 0)
            none = m->upstreams[k].count, none_err = m->upstreams[k].err;
    }
    CHECK_INT(slots, FL_TOP_UPSTREAMS); /* bounded: 102 distinct upstreams in 8 slots */
    CHECK(heavy >= 200 && heavy - heavy_err <= 200);
    CHECK(none >= 100 && none - none_err <= 100);
    CHECK(heavy > none); /* the heavy hitter still ranks first */
    CHECK_INT(m->by_client[FL_CLIENT_MOBILE_APP], 200);
    CHECK_INT(m->by_client[FL_CLIENT_BROWSER], 100);
    CHECK_INT(m->by_client[FL_CLIENT_SCRIPT], 100);
    CHECK_INT(m->by_client[FL_CLIENT_UNKNOWN], 1);
    CHECK_INT(w->by_client[FL_CLIENT_MOBILE_APP], 200);
    /* Light per-source merge: sampled class counters add up too. */
    fl_buckets_at(&b, 0)->requests = 5; /* samples come with requests */
    fl_buckets_at(&b, 0)->client_sample[FL_CLIENT_BOT] = 3;
    fl_buckets src;
    fl_buckets_init(&src, 60000, 100);
    CHECK_INT(fl_buckets_merge_counts(&src, &b), FL_OK);
    CHECK_INT(fl_buckets_get(&src, 0)->client_sample[FL_CLIENT_BOT], 3);
    CHECK(fl_buckets_get(&src, 0)->detail == NULL);
    fl_buckets_free(&src);
    fl_buckets_free(&a);
    fl_buckets_free(&b);
    fl_buckets_free(&whole);
}

static void test_normalise(void)
{
    char out[FL_PATH_MAX];
    const char *cases[][2] = {
        {"/api/v1/users/123?x=1", "/api/v1/users/:id"},
        {"/api/v1/orders/550e8400-e29b-41d4-a716-446655440000/items", "/api/v1/orders/:id/items"},
        {"/static/app.js#frag", "/static/app.js"},
        {"/", "/"},
        {"", "-"},
        {"/v2/abc", "/v2/abc"},
        {"/cafe", "/cafe"}, /* hex letters alone are a word, not an id */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fl_path_normalise(cases[i][0], strlen(cases[i][0]), out, sizeof out);
        CHECK_STR(out, cases[i][1]);
    }
    char longp[300];
    memset(longp, 'a', sizeof longp);
    longp[0] = '/';
    fl_path_normalise(longp, sizeof longp, out, sizeof out);
    CHECK_INT(strlen(out), FL_PATH_MAX - 1);
}

static void test_latency(void)
{
    fl_bucket a = {0}, b = {0};
    for (int v = 1; v <= 1000; v++) /* 1..1000 ms, split over two buckets */
        fl_bucket_add_latency(v % 2 ? &a : &b, v);
    for (size_t k = 0; k < FL_LAT_BINS; k++) /* merge by adding bins */
        a.latency[k] += b.latency[k];
    double p50 = fl_latency_quantile(a.latency, 0.50), p99 = fl_latency_quantile(a.latency, 0.99);
    CHECK(p50 > 500 * (1 - FL_LAT_ALPHA) - 1 && p50 < 501 * (1 + FL_LAT_ALPHA));
    CHECK(p99 > 990 * (1 - FL_LAT_ALPHA) - 1 && p99 < 991 * (1 + FL_LAT_ALPHA));
    CHECK(fl_latency_quantile(a.latency, 1.0) < 1000 * (1 + FL_LAT_ALPHA));
    fl_bucket c = {0};
    fl_bucket_add_latency(&c, 0);      /* zero and huge values land in the end bins */
    fl_bucket_add_latency(&c, 1e12);
    CHECK(fl_latency_quantile(c.latency, 0) <= 0.01);
    CHECK(fl_latency_quantile(c.latency, 1) > 1e6);
    uint32_t empty[FL_LAT_BINS] = {0};
    CHECK(fl_latency_quantile(empty, 0.5) < 0);
    /* The cached path bins exactly like the direct one, colliding slots included
     * (20000 distinct values through 2048 slots, twice). */
    fl_lat_cache *cache = calloc(1, sizeof *cache);
    fl_bucket d = {0}, e = {0};
    for (int round = 0; round < 2; round++)
        for (int v = 0; v < 20000; v++) {
            double ms = v * 0.731;
            fl_bucket_add_latency(&d, ms);
            fl_bucket_add_latency_cached(&e, ms, cache);
        }
    CHECK(memcmp(d.latency, e.latency, FL_LAT_BINS * sizeof *d.latency) == 0);
    free(cache);
    free(d.latency);
    free(e.latency);
    free(a.latency);
    free(b.latency);
    free(c.latency);
}

int main(void)
{
    test_latency();
    test_growth();
    test_sparse();
    test_merge();
    test_space_saving();
    test_upstream_merge();
    test_normalise();
    return fl_test_result("test_buckets");
}
