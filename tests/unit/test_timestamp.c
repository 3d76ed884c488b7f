/* test_timestamp.c: the shared timestamp parsers (ISO 8601/RFC 3339, CLF, BSD
 * syslog, epoch) with known instants. */
#include <string.h>

#include "fl_test.h"
#include "time/timestamp.h"

#define T_2026_11_23_122001 1795436401000LL /* 2026-11-23T12:20:01Z */

static size_t iso(const char *s, fl_time *t)
{
    fl_ts_cache c = {0};
    return fl_ts_iso(&c, s, strlen(s), t);
}

static void test_iso(void)
{
    fl_time t;
    CHECK_INT(iso("2026-11-23T12:20:01Z", &t), 20);
    CHECK_INT(t.ms, T_2026_11_23_122001);
    CHECK(t.has_offset);
    CHECK_INT(iso("2026-11-23T12:20:01.123456789Z rest", &t), 30);
    CHECK_INT(t.ms, T_2026_11_23_122001 + 123);
    CHECK_INT(iso("2026-11-23 13:20:01,250+01:00", &t), 29);
    CHECK_INT(t.ms, T_2026_11_23_122001 + 250);
    CHECK_INT(t.offset_s, 3600);
    CHECK_INT(iso("2026-11-23T07:20:01-0500", &t), 24);
    CHECK_INT(t.ms, T_2026_11_23_122001);
    CHECK_INT(iso("2026/11/23 12:20:01 [error]", &t), 19); /* nginx error log */
    CHECK(!t.has_offset);
    CHECK_INT(t.ms, T_2026_11_23_122001);
    CHECK_INT(iso("2026-02-30T12:20:01Z", &t), 0);
    CHECK_INT(iso("2026-11-23T25:20:01Z", &t), 0);
    CHECK_INT(iso("2026-11-23", &t), 0);
    CHECK_INT(iso("hello world, not a time", &t), 0);
    CHECK_INT(iso("2016-12-31T23:59:60Z", &t), 20); /* leap second */
    /* The cache is keyed by the minute text: a new minute recomputes. */
    fl_ts_cache c = {0};
    CHECK(fl_ts_iso(&c, "2026-11-23T12:20:01Z", 20, &t));
    CHECK(fl_ts_iso(&c, "2026-11-23T12:21:01Z", 20, &t));
    CHECK_INT(t.ms, T_2026_11_23_122001 + 60000);
}

/* fl_ts_iso_whole with a warm cache (the minute and zone text of another time parsed
 * just before) gives what fl_ts_iso gives without a cache, for every pair. */
static void test_iso_whole(void)
{
    static const char *const times[] = {
        "2026-11-23T12:20:01Z", "2026-11-23T12:20:59.123Z", "2026-11-23T12:20:01.5+01:00",
        "2026-11-23T12:20:01+0100", "2026-11-23T12:20:01", "2026-11-23 12:20:01,123456",
        "2026-11-23T12:20:60Z", "2026-11-23T12:20:61Z", "2026-11-23T12:20:1xZ",
        "2026-11-23T12:20:01Zjunk", "2026-11-23T12:20:01+01:0", "2026-11-23T12:20:01+25:00",
        "2026-11-23T12:20:01.Z", "2026-11-23T12:20:01-05:00", "2026-11-23T12:21:01Z",
        "2026/11/23 12:20:01", "2026-11-23T12:20:01+01", "2026-11-23T12:20:01z",
        "2026-11-23T12:20:01.123456789+05:30", "2026-11-23T12:20:01 +01:00",
        "2026-02-30T12:20:01Z", "2026-11-23T12:20:02+00:00", "2026-11-23T12:20:03.000001+00:00",
        "2026-11-23T12:20:0", "2026-11-23T12:20", "2026-11-23T12:20:01.12345678901Z",
        "2026-11-23T12:20:-1Z", "2026-11-23T12:20:01,9-00:30",
    };
    size_t n = sizeof times / sizeof *times;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            fl_ts_cache warm = {0};
            fl_time a = {0}, b = {0};
            size_t lj = strlen(times[j]);
            (void)fl_ts_iso_whole(&warm, times[i], strlen(times[i]), &a);
            int whole = fl_ts_iso_whole(&warm, times[j], lj, &a);
            int again = fl_ts_iso_whole(&warm, times[j], lj, &b); /* its own minute and zone */
            fl_time r = {0};
            int want = fl_ts_iso(NULL, times[j], lj, &r) == lj;
            int ok = whole == want && again == want &&
                     (!want || (a.ms == r.ms && a.has_offset == r.has_offset && a.offset_s == r.offset_s &&
                                b.ms == r.ms && b.has_offset == r.has_offset && b.offset_s == r.offset_s));
            CHECK(ok);
            if (!ok)
                fprintf(stderr, "  after \"%s\": \"%s\" gave %d (%lld), want %d (%lld)\n", times[i],
                        times[j], whole, (long long)a.ms, want, (long long)r.ms);
        }
}

/* fl_ts_iso on a time followed by text, with a warm cache (the minute and zone text
 * of another such line parsed just before: its inline cached path), gives what it
 * gives without a cache, for every pair of times and tails. */
static void test_iso_cached(void)
{
    static const char *const times[] = {
        "2026-11-23T12:20:01Z", "2026-11-23T12:20:59.123Z", "2026-11-23T12:20:01.5+01:00",
        "2026-11-23T12:20:01+0100", "2026-11-23T12:20:01", "2026-11-23 12:20:01,123456",
        "2026-11-23T12:20:60Z", "2026-11-23T12:20:61Z", "2026-11-23T12:20:1xZ",
        "2026-11-23T12:20:01+01:0", "2026-11-23T12:20:01+25:00", "2026-11-23T12:20:01.Z",
        "2026-11-23T12:20:01-05:00", "2026-11-23T12:21:01Z", "2026/11/23 12:20:01",
        "2026-11-23T12:20:01+01", "2026-11-23T12:20:01z", "2026-11-23T12:20:01.123456789+05:30",
        "2026-11-23T12:20:02+00:00", "2026-11-23T12:20:03.000001+00:00", "2026-11-23T12:20:01.123",
        "2026-11-23T12:20:01.12", "2026-11-23T12:20:01,9-00:30", "2026-11-23T12:20:01.123+0530",
        "2026-11-23T12:20:01-", "2026-11-23T12:21:01.123Z", "2026-11-24T12:20:01.123Z",
        "2026-11-23T12:20:07.123Z",
    };
    static const char *const tails[] = {" INFO x", "30 INFO", ":30 x", "Z", "", "+", " ", "1234567"};
    size_t n = sizeof times / sizeof *times, nt = sizeof tails / sizeof *tails;
    char li[96], lj[96];
    for (size_t i = 0; i < n * nt; i++)
        for (size_t j = 0; j < n * nt; j++) {
            fl_ts_cache warm = {0};
            fl_time a = {0}, r = {0};
            snprintf(li, sizeof li, "%s%s", times[i / nt], tails[i % nt]);
            snprintf(lj, sizeof lj, "%s%s", times[j / nt], tails[j % nt]);
            (void)fl_ts_iso(&warm, li, strlen(li), &a);
            (void)fl_ts_iso(&warm, li, strlen(li), &a);
            size_t got = fl_ts_iso(&warm, lj, strlen(lj), &a);
            size_t want = fl_ts_iso(NULL, lj, strlen(lj), &r);
            int ok = got == want && (!want || (a.ms == r.ms && a.has_offset == r.has_offset &&
                                               a.offset_s == r.offset_s));
            CHECK(ok);
            if (!ok)
                fprintf(stderr, "  after \"%s\": \"%s\" gave %zu (%lld), want %zu (%lld)\n", li, lj,
                        got, (long long)a.ms, want, (long long)r.ms);
            /* the second line again, now in the cached minute: the text of its second
             * may be cached from the first line's minute (12:21:01 after 12:20:01) */
            got = fl_ts_iso(&warm, lj, strlen(lj), &a);
            ok = got == want && (!want || (a.ms == r.ms && a.has_offset == r.has_offset &&
                                           a.offset_s == r.offset_s));
            CHECK(ok);
            if (!ok)
                fprintf(stderr, "  after \"%s\", \"%s\": \"%s\" gave %zu (%lld), want %zu (%lld)\n", li,
                        lj, lj, got, (long long)a.ms, want, (long long)r.ms);
        }
}

static void test_clf_and_syslog(void)
{
    fl_ts_cache c = {0};
    fl_time t;
    const char *s = "23/Nov/2026:13:20:01 +0100";
    CHECK_INT(fl_ts_clf(&c, s, strlen(s), &t), strlen(s));
    CHECK_INT(t.ms, T_2026_11_23_122001);
    s = "23/Nov/2026:12:20:01.500]"; /* HAProxy: fraction, no offset */
    CHECK_INT(fl_ts_clf(&c, s, strlen(s), &t), 24);
    CHECK_INT(t.ms, T_2026_11_23_122001 + 500);
    CHECK(!t.has_offset);
    fl_ts_cache c2 = {0};
    s = "Nov 23 12:20:01 host sshd[1]: x";
    CHECK_INT(fl_ts_syslog(&c2, s, strlen(s), &(fl_year_ref){2026, 11, 0}, &t), 15);
    CHECK_INT(t.ms, T_2026_11_23_122001);
    fl_ts_cache c3 = {0};
    s = "Dec 31 23:59:59 host x"; /* file written in January 2027: December is 2026 */
    CHECK_INT(fl_ts_syslog(&c3, s, strlen(s), &(fl_year_ref){2027, 1, 0}, &t), 15);
    CHECK_INT(t.ms, 1798761599000LL);
    fl_ts_cache c4 = {0};
    s = "Nov  3 12:20:01 host x"; /* space-padded day */
    CHECK_INT(fl_ts_syslog(&c4, s, strlen(s), &(fl_year_ref){2026, 11, 0}, &t), 15);
    CHECK_INT(t.ms, T_2026_11_23_122001 - 20 * 86400000LL);
}

static void test_epoch(void)
{
    fl_time t;
    CHECK_INT(fl_ts_epoch("1795436401", 10, &t), 10);
    CHECK_INT(t.ms, T_2026_11_23_122001);
    CHECK_INT(fl_ts_epoch("1795436401.123 x", 16, &t), 14);
    CHECK_INT(t.ms, T_2026_11_23_122001 + 123);
    CHECK_INT(fl_ts_epoch("1795436401123", 13, &t), 13);
    CHECK_INT(t.ms, T_2026_11_23_122001 + 123);
    CHECK_INT(fl_ts_epoch("1795436401123456", 16, &t), 16);
    CHECK_INT(t.ms, T_2026_11_23_122001 + 123);
    CHECK_INT(fl_ts_epoch("1795436401123456789", 19, &t), 19);
    CHECK_INT(t.ms, T_2026_11_23_122001 + 123);
    CHECK_INT(fl_ts_epoch("12345", 5, &t), 0);
}

static void test_offset(void)
{
    int32_t o;
    CHECK_INT(fl_ts_offset("Z", 1, &o), 1);
    CHECK_INT(o, 0);
    CHECK_INT(fl_ts_offset("+05:30", 6, &o), 6);
    CHECK_INT(o, 19800);
    CHECK_INT(fl_ts_offset("-0800", 5, &o), 5);
    CHECK_INT(o, -28800);
    CHECK_INT(fl_ts_offset("+01", 3, &o), 3);
    CHECK_INT(o, 3600);
    CHECK_INT(fl_ts_offset("+99:00", 6, &o), 0);
    CHECK_INT(fl_ts_offset("x", 1, &o), 0);
}

int main(void)
{
    test_iso();
    test_iso_whole();
    test_iso_cached();
    test_clf_and_syslog();
    test_epoch();
    test_offset();
    return fl_test_result("test_timestamp");
}
