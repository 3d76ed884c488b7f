/* test_pack.c: results packed while they wait for the fold (detect/pack.h,
 * analysis/result_pack.c) come back exactly as they were, and take a fraction of
 * the memory. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "detect/pack.h"
#include "fl_test.h"

#define MIN 60000LL

static void test_bytes(void)
{
    unsigned char src[3000], back[3000];
    for (size_t i = 0; i < sizeof src; i++) /* zero runs of every length, and literals */
        src[i] = (unsigned char)(i % 7 == 0 || (i / 100) % 3 == 1 ? 0 : i * 31 + 1);
    src[0] = 9;
    src[sizeof src - 1] = 0;
    fl_packbuf b = {0};
    fl_pack_bytes(&b, src, sizeof src);
    CHECK(!b.nomem);
    CHECK(b.n < sizeof src);
    const unsigned char *p = b.p;
    memset(back, 0xaa, sizeof back);
    fl_unpack_bytes(&p, back, sizeof back);
    CHECK(memcmp(src, back, sizeof src) == 0);
    CHECK_INT(p - b.p, b.n);
    free(b.p);
}

/* Buckets over three pages far apart, with failure detail, signature hits and a
 * latency sketch in some. */
static void make_buckets(fl_buckets *b)
{
    fl_buckets_init(b, MIN, FL_INPUT_MAX_SPAN);
    b->n_sig = 3;
    const int64_t at[] = {0, 5 * MIN, 17 * MIN, 100000 * MIN};
    for (size_t k = 0; k < 4; k++) {
        fl_bucket *x = fl_buckets_at(b, 1665573247000LL + at[k]);
        CHECK(x != NULL);
        x->requests = (uint32_t)(10 + k);
        x->failed = (uint32_t)k;
        x->first_off = 1234;
        if (k != 1)
            CHECK_INT(fl_bucket_add_failure(x, 503, "/api/v1/users/:id"), FL_OK);
        if (k == 2) {
            x->sig_hits = calloc(3, sizeof *x->sig_hits);
            x->sig_hits[2] = 7;
            x->latency = calloc(FL_LAT_BINS, sizeof *x->latency);
            x->latency[100] = 4;
        }
    }
}

static void test_buckets(void)
{
    fl_buckets b, back;
    make_buckets(&b);
    fl_packbuf out = {0};
    fl_pack_buckets(&out, &b);
    CHECK(!out.nomem);
    const unsigned char *p = out.p;
    CHECK_INT(fl_unpack_buckets(&p, &back), FL_OK);
    CHECK_INT(p - out.p, out.n);
    CHECK_INT(back.n_pages, b.n_pages);
    CHECK_INT(fl_buckets_span(&back), fl_buckets_span(&b));
    CHECK_INT(fl_buckets_first_index(&back), fl_buckets_first_index(&b));
    size_t span = fl_buckets_span(&b), used = 0;
    for (size_t i = 0; i < span; i++) {
        const fl_bucket *x = fl_buckets_get(&b, i), *y = fl_buckets_get(&back, i);
        if (!x || !x->requests) {
            CHECK(!y || !y->requests);
            continue;
        }
        used++;
        CHECK(y != NULL);
        if (!y)
            continue;
        CHECK_INT(y->requests, x->requests);
        CHECK_INT(y->failed, x->failed);
        CHECK_INT(y->first_off, x->first_off);
        CHECK((x->detail == NULL) == (y->detail == NULL));
        if (x->detail && y->detail)
            CHECK(memcmp(x->detail, y->detail, sizeof *x->detail) == 0);
        CHECK((x->sig_hits == NULL) == (y->sig_hits == NULL));
        if (x->sig_hits && y->sig_hits)
            CHECK_INT(y->sig_hits[2], 7);
        if (x->latency && y->latency)
            CHECK(memcmp(x->latency, y->latency, FL_LAT_BINS * sizeof *x->latency) == 0);
    }
    CHECK_INT(used, 4);
    free(out.p);
    fl_buckets_free(&b);
    fl_buckets_free(&back);
}

/* A whole result: packed small, unpacked the same, its name kept for sorting. */
static void test_result(void)
{
    fl_result r, back;
    memset(&r, 0, sizeof r);
    make_buckets(&r.buckets);
    r.in.path = strdup("logs/web-1/access.log");
    r.in.source_len = 10;
    r.in.format = "combined";
    r.in.lines = r.in.records = 3;
    r.in.first_ms = 1665573247000LL;
    snprintf(r.in.format_why, sizeof r.in.format_why, "combined 100, common 100");
    fl_input want = r.in;
    fl_packed pk;
    CHECK_INT(fl_result_pack(&r, &pk), FL_OK);
    CHECK(r.in.path == NULL); /* taken over */
    CHECK_STR(pk.path, "logs/web-1/access.log");
    fl_input peek;
    fl_packed_input(&pk, &peek);
    CHECK_INT(peek.lines, 3);
    CHECK_INT(fl_result_unpack(&pk, &back), FL_OK);
    CHECK(pk.data == NULL);
    CHECK(memcmp(&back.in, &want, sizeof want) == 0);
    CHECK_INT(back.buckets.n_pages, 3);
    fl_result_free(&back);
}

int main(void)
{
    test_bytes();
    test_buckets();
    test_result();
    return fl_test_result("test_pack");
}
