/* fuzz_timestamp.c: every parser of timestamp.h on the input, with and without a
 * minute cache. The input is split at its first '\n' into a warm-up part and a
 * subject: the subject parsed with a cache warmed by the warm-up must give what it
 * gives with a cold cache and with none. Also fl_ts_civil_ms on fields taken from the
 * input bytes. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "time/timestamp.h"

typedef struct ts_result {
    size_t used;
    fl_time t;
} ts_result;

enum { TS_ISO, TS_CLF, TS_SYSLOG, TS_COUNT };

static ts_result parse_with(int which, fl_ts_cache *c, const char *s, size_t len, int year, int ref_month)
{
    ts_result r;
    memset(&r, 0, sizeof r);
    switch (which) {
    case TS_ISO: r.used = fl_ts_iso(c, s, len, &r.t); break;
    case TS_CLF: r.used = fl_ts_clf(c, s, len, &r.t); break;
    default: r.used = fl_ts_syslog(c, s, len, &(fl_year_ref){year, ref_month, 0}, &r.t); break;
    }
    FUZZ_CHECK(r.used <= len);
    return r;
}

static int same(const ts_result *a, const ts_result *b)
{
    if (a->used != b->used)
        return 0;
    return !a->used || (a->t.ms == b->t.ms && a->t.has_offset == b->t.has_offset &&
                        (!a->t.has_offset || a->t.offset_s == b->t.offset_s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t wlen = nl ? (size_t)(nl - data) : 0;
    size_t slen = nl ? size - wlen - 1 : size;
    /* Exact-size copies: any read past the end is an ASan report. */
    char *warm = malloc(wlen ? wlen : 1), *subj = malloc(slen ? slen : 1);
    if (!warm || !subj)
        goto out;
    memcpy(warm, data, wlen);
    memcpy(subj, nl ? nl + 1 : data, slen);
    int year = 1990 + (size ? data[0] % 64 : 0), ref_month = size > 1 ? data[1] % 13 : 0;

    for (int which = 0; which < TS_COUNT; which++) {
        fl_ts_cache warm_cache, cold_cache;
        memset(&warm_cache, 0, sizeof warm_cache);
        memset(&cold_cache, 0, sizeof cold_cache);
        parse_with(which, &warm_cache, warm, wlen, year, ref_month);
        ts_result a = parse_with(which, &warm_cache, subj, slen, year, ref_month);
        ts_result b = parse_with(which, &cold_cache, subj, slen, year, ref_month);
        ts_result c = parse_with(which, NULL, subj, slen, year, ref_month);
        ts_result d = parse_with(which, &cold_cache, subj, slen, year, ref_month); /* now cached */
        if (!same(&a, &b) || !same(&b, &c) || !same(&b, &d)) {
            fprintf(stderr, "parser %d: warm %zu/%lld, cold %zu/%lld, none %zu/%lld, again %zu/%lld\n", which,
                    a.used, (long long)a.t.ms, b.used, (long long)b.t.ms, c.used, (long long)c.t.ms, d.used,
                    (long long)d.t.ms);
            abort();
        }
    }

    fl_time t;
    size_t used = fl_ts_epoch(subj, slen, &t);
    FUZZ_CHECK(used <= slen);
    FUZZ_CHECK(!used || t.has_offset);
    int32_t off = 0;
    used = fl_ts_offset(subj, slen, &off);
    FUZZ_CHECK(used <= slen);
    FUZZ_CHECK(!used || (off >= -14 * 3600 - 59 * 60 && off <= 14 * 3600 + 59 * 60));

    if (size >= 14) { /* y (4 bytes), mo, d, h, mi, s (2 bytes each) */
        int32_t y;
        uint16_t f[5];
        memcpy(&y, data, sizeof y);
        memcpy(f, data + 4, sizeof f);
        int64_t ms = 0;
        if (fl_ts_civil_ms(y, f[0], f[1], f[2], f[3], f[4], &ms))
            FUZZ_CHECK(y >= 1900 && y <= 9999 && f[0] >= 1 && f[0] <= 12 && f[1] >= 1 && f[1] <= 31 &&
                       f[2] <= 23 && f[3] <= 59 && f[4] <= 60);
    }
out:
    free(warm);
    free(subj);
    return 0;
}
