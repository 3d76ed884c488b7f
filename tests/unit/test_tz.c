/* test_tz.c: unit tests for tz.c (fixed offsets, TZif files from the system tz
 * database, synthetic TZif files exercising the POSIX TZ footer, malformed files). */
#include "time/tz.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fl_test.h"
#include "time/fl_time.h"

static int64_t utc(int64_t y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s)
{
    return fl_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

static char tmpdir[] = "/tmp/test_tz.XXXXXX";

/* ---- synthetic TZif writer ------------------------------------------------ */

typedef struct { int32_t off; uint8_t isdst, abbr; } ttype;

static void put32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    fwrite(b, 1, 4, f);
}

static void header(FILE *f, char version, uint32_t timecnt, uint32_t typecnt, uint32_t charcnt)
{
    static const char zeros[15];
    fwrite("TZif", 1, 4, f);
    fputc(version, f);
    fwrite(zeros, 1, 15, f);
    put32(f, 0); /* isutcnt */
    put32(f, 0); /* isstdcnt */
    put32(f, 0); /* leapcnt */
    put32(f, timecnt);
    put32(f, typecnt);
    put32(f, charcnt);
}

static void body(FILE *f, int wide, int ntrans, const int64_t *trans, const uint8_t *idx,
                 int ntypes, const ttype *types, const char *chars, size_t nchars)
{
    for (int i = 0; i < ntrans; i++) {
        if (wide)
            put32(f, (uint32_t)((uint64_t)trans[i] >> 32));
        put32(f, (uint32_t)trans[i]);
    }
    if (ntrans)
        fwrite(idx, 1, (size_t)ntrans, f);
    for (int i = 0; i < ntypes; i++) {
        put32(f, (uint32_t)types[i].off);
        fputc(types[i].isdst, f);
        fputc(types[i].abbr, f);
    }
    fwrite(chars, 1, nchars, f);
}

/* Write $tmpdir/name. Version 0 writes a v1 file; otherwise the v1 block is a decoy
 * (offset 1234 "BAD") so a reader that fails to skip it gets wrong answers. */
static void write_tzif(const char *name, char version, int ntrans, const int64_t *trans,
                       const uint8_t *idx, int ntypes, const ttype *types,
                       const char *chars, size_t nchars, const char *footer)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    if (version == 0) {
        header(f, 0, (uint32_t)ntrans, (uint32_t)ntypes, (uint32_t)nchars);
        body(f, 0, ntrans, trans, idx, ntypes, types, chars, nchars);
    } else {
        ttype decoy = {1234, 0, 0};
        header(f, version, 0, 1, 4);
        body(f, 0, 0, NULL, NULL, 1, &decoy, "BAD", 4);
        header(f, version, (uint32_t)ntrans, (uint32_t)ntypes, (uint32_t)nchars);
        body(f, 1, ntrans, trans, idx, ntypes, types, chars, nchars);
        fprintf(f, "\n%s\n", footer);
    }
    fclose(f);
}

/* A v2 file with no transitions: everything comes from the footer. */
static void write_footer_zone(const char *name, const char *footer)
{
    ttype t = {0, 0, 0};
    write_tzif(name, '2', 0, NULL, NULL, 1, &t, "LMT", 4, footer);
}

static void write_raw(const char *name, const void *data, size_t n)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        exit(2);
    fwrite(data, 1, n, f);
    fclose(f);
}

static fl_tz *load(const char *spec)
{
    fl_tz *tz = NULL;
    char err[512] = "";
    fl_status st = fl_tz_load(spec, &tz, err, sizeof err);
    if (st != FL_OK)
        fprintf(stderr, "load %s: %s\n", spec, err);
    CHECK_INT(st, FL_OK);
    return tz;
}

/* Expect fl_tz_load to fail with FL_ERR_TZ and a message containing want. */
static void load_fails(const char *spec, const char *want)
{
    fl_tz *tz = (fl_tz *)&tz; /* must be reset to NULL */
    char err[512] = "";
    CHECK_INT(fl_tz_load(spec, &tz, err, sizeof err), FL_ERR_TZ);
    CHECK(tz == NULL);
    CHECK(strchr(err, '\n') == NULL);
    if (!strstr(err, want)) {
        fprintf(stderr, "load %s: message \"%s\" lacks \"%s\"\n", spec, err, want);
        CHECK(0);
    }
}

static void expect(const fl_tz *tz, int64_t t, int32_t off, const char *abbr)
{
    const char *a = NULL;
    CHECK_INT(fl_tz_offset_at(tz, t, &a), off);
    CHECK_STR(a, abbr);
}

/* ---- tests ---------------------------------------------------------------- */

static void test_parse_offset(void)
{
    int32_t o = 99;
    CHECK(fl_parse_offset("+0100", 5, &o) && o == 3600);
    CHECK(fl_parse_offset("+01:00", 6, &o) && o == 3600);
    CHECK(fl_parse_offset("-05", 3, &o) && o == -18000);
    CHECK(fl_parse_offset("+01", 3, &o) && o == 3600);
    CHECK(fl_parse_offset("+05:30", 6, &o) && o == 19800);
    CHECK(fl_parse_offset("-0330", 5, &o) && o == -12600);
    CHECK(fl_parse_offset("+14:00", 6, &o) && o == 50400);
    o = 99;
    CHECK(fl_parse_offset("Z", 1, &o) && o == 0);
    o = 99;
    CHECK(fl_parse_offset("UTC", 3, &o) && o == 0);
    CHECK(fl_parse_offset("+01:00 trailing", 6, &o) && o == 3600); /* exactly len bytes */
    o = 77;
    CHECK(!fl_parse_offset("+2500", 5, &o));
    CHECK(!fl_parse_offset("+1430", 5, &o));
    CHECK(!fl_parse_offset("+0160", 5, &o));
    CHECK(!fl_parse_offset("abc", 3, &o));
    CHECK(!fl_parse_offset("+1", 2, &o));
    CHECK(!fl_parse_offset("+01:0", 5, &o));
    CHECK(!fl_parse_offset("+01-00", 6, &o));
    CHECK(!fl_parse_offset("+010", 4, &o));
    CHECK(!fl_parse_offset("+01000", 6, &o));
    CHECK(!fl_parse_offset("0100", 4, &o));
    CHECK(!fl_parse_offset("Z", 0, &o));
    CHECK(!fl_parse_offset("UT", 2, &o));
    CHECK_INT(o, 77); /* untouched on failure */
}

/* --tz as people type offsets: "UTC+1" is one hour ahead of UTC (not POSIX's
 * inverted TZ=UTC+1); abbreviations get the zones that use them. */
static void test_user_offsets(void)
{
    int32_t o = 99;
    CHECK(fl_tz_user_offset("UTC+1", &o) && o == 3600);
    CHECK(fl_tz_user_offset("utc-5", &o) && o == -18000);
    CHECK(fl_tz_user_offset("GMT+05:30", &o) && o == 19800);
    CHECK(fl_tz_user_offset("UTC+0100", &o) && o == 3600);
    CHECK(fl_tz_user_offset("+1", &o) && o == 3600);
    CHECK(fl_tz_user_offset("-9", &o) && o == -32400);
    CHECK(fl_tz_user_offset("+01", &o) && o == 3600);
    CHECK(fl_tz_user_offset("+5:45", &o) && o == 20700);
    o = 99;
    CHECK(fl_tz_user_offset("UTC", &o) && o == 0);
    o = 77;
    CHECK(!fl_tz_user_offset("UTC+", &o));
    CHECK(!fl_tz_user_offset("UTC+15", &o));
    CHECK(!fl_tz_user_offset("+1:5", &o));
    CHECK(!fl_tz_user_offset("+123", &o));
    CHECK(!fl_tz_user_offset("+01:00x", &o));
    CHECK(!fl_tz_user_offset("1", &o));
    CHECK(!fl_tz_user_offset("UTCX", &o));
    CHECK(!fl_tz_user_offset("Europe/Paris", &o));
    CHECK_INT(o, 77);
    fl_tz *tz = load("UTC+1");
    expect(tz, utc(2026, 1, 1, 0, 0, 0), 3600, "UTC+01:00");
    CHECK_STR(fl_tz_name(tz), "UTC+1");
    fl_tz_free(tz);
    load_fails("WAT", "Africa/Lagos");
    load_fails("wat", "Africa/Lagos");
    load_fails("IST", "Asia/Kolkata");
    load_fails("XYZT", "looks like a zone abbreviation");
    load_fails("UTC+15", "unknown time zone");
}

static void test_fixed(void)
{
    fl_tz *tz = load("+01:00");
    const char *a = NULL;
    CHECK(fl_tz_is_fixed(tz));
    CHECK_STR(fl_tz_name(tz), "+01:00");
    CHECK_INT(fl_tz_offset_at(tz, 0, &a), 3600);
    CHECK_STR(a, "UTC+01:00");
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2022, 10, 12, 12, 20, 0)), utc(2022, 10, 12, 11, 20, 0));
    CHECK(fl_tz_next_change(tz, 0) == INT64_MAX);
    fl_tz_free(tz);

    tz = load("UTC");
    CHECK(fl_tz_is_fixed(tz));
    expect(tz, utc(2026, 7, 1, 0, 0, 0), 0, "UTC");
    fl_tz_free(tz);

    tz = load("Z");
    expect(tz, 0, 0, "UTC");
    CHECK_STR(fl_tz_name(tz), "Z");
    fl_tz_free(tz);

    tz = load("-0500");
    expect(tz, 0, -18000, "UTC-05:00");
    fl_tz_free(tz);

    tz = fl_tz_fixed(-9000);
    CHECK(tz != NULL);
    expect(tz, 0, -9000, "UTC-02:30");
    CHECK_STR(fl_tz_name(tz), "-02:30");
    CHECK_INT(fl_tz_local_to_utc(tz, 0), 9000);
    fl_tz_free(tz);

    tz = fl_tz_fixed(0);
    CHECK_STR(fl_tz_name(tz), "UTC");
    expect(tz, 0, 0, "UTC");
    fl_tz_free(tz);
    fl_tz_free(NULL);
}

static void test_system_zones(void)
{
    fl_tz *tz = load("Africa/Lagos");
    CHECK(!fl_tz_is_fixed(tz));
    CHECK_STR(fl_tz_name(tz), "Africa/Lagos");
    expect(tz, utc(2022, 10, 12, 11, 20, 0), 3600, "WAT");
    expect(tz, utc(2045, 1, 1, 0, 0, 0), 3600, "WAT");
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2022, 10, 12, 12, 20, 0)), utc(2022, 10, 12, 11, 20, 0));
    fl_tz_free(tz);

    tz = load("America/New_York");
    expect(tz, utc(2026, 3, 8, 6, 59, 59), -18000, "EST");
    expect(tz, utc(2026, 3, 8, 7, 0, 0), -14400, "EDT");
    expect(tz, utc(2026, 11, 1, 5, 59, 59), -14400, "EDT");
    expect(tz, utc(2026, 11, 1, 6, 0, 0), -18000, "EST");
    expect(tz, utc(1883, 1, 1, 0, 0, 0), -17762, "LMT"); /* before the first transition */
    expect(tz, utc(1945, 8, 14, 23, 0, 0), -14400, "EPT"); /* "Peace Time" */
    /* Debian's fat files list transitions to 2037; later years use the footer. */
    expect(tz, utc(2045, 7, 1, 0, 0, 0), -14400, "EDT");
    expect(tz, utc(2045, 1, 1, 0, 0, 0), -18000, "EST");
    /* 2045: second Sunday of March is the 12th, first Sunday of November the 5th. */
    expect(tz, utc(2045, 3, 12, 6, 59, 59), -18000, "EST");
    expect(tz, utc(2045, 3, 12, 7, 0, 0), -14400, "EDT");
    expect(tz, utc(2045, 11, 5, 5, 59, 59), -14400, "EDT");
    expect(tz, utc(2045, 11, 5, 6, 0, 0), -18000, "EST");
    expect(tz, utc(2400, 7, 1, 0, 0, 0), -14400, "EDT");
    /* The next change: listed transitions, then the footer (the second of the change). */
    CHECK_INT(fl_tz_next_change(tz, utc(2026, 1, 1, 0, 0, 0)), utc(2026, 3, 8, 7, 0, 0));
    CHECK_INT(fl_tz_next_change(tz, utc(2026, 3, 8, 7, 0, 0)), utc(2026, 11, 1, 6, 0, 0));
    CHECK_INT(fl_tz_next_change(tz, utc(2045, 3, 12, 7, 0, 0)), utc(2045, 11, 5, 6, 0, 0));
    CHECK_INT(fl_tz_next_change(tz, utc(2045, 11, 5, 6, 0, 0)), utc(2046, 3, 11, 7, 0, 0));
    expect(tz, INT64_MAX, -18000, "EST"); /* no overflow at the extremes */
    expect(tz, INT64_MIN, -17762, "LMT");

    /* local_to_utc: ordinary times, the spring gap, the autumn overlap. */
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 1, 15, 9, 0, 0)), utc(2026, 1, 15, 14, 0, 0));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 7, 1, 9, 0, 0)), utc(2026, 7, 1, 13, 0, 0));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 3, 8, 1, 59, 59)), utc(2026, 3, 8, 6, 59, 59));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 3, 8, 2, 30, 0)), utc(2026, 3, 8, 7, 30, 0));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 3, 8, 3, 0, 0)), utc(2026, 3, 8, 7, 0, 0));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 11, 1, 0, 59, 59)), utc(2026, 11, 1, 4, 59, 59));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 11, 1, 1, 30, 0)), utc(2026, 11, 1, 5, 30, 0));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2026, 11, 1, 2, 0, 0)), utc(2026, 11, 1, 7, 0, 0));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2045, 11, 5, 1, 30, 0)), utc(2045, 11, 5, 5, 30, 0));
    CHECK_INT(fl_tz_local_to_utc(tz, utc(2045, 3, 12, 2, 30, 0)), utc(2045, 3, 12, 7, 30, 0));
    fl_tz_free(tz);

    tz = load("Europe/London");
    expect(tz, utc(2026, 7, 1, 12, 0, 0), 3600, "BST");
    expect(tz, utc(2026, 1, 15, 12, 0, 0), 0, "GMT");
    expect(tz, utc(2026, 3, 29, 0, 59, 59), 0, "GMT"); /* last Sunday of March, 01:00Z */
    expect(tz, utc(2026, 3, 29, 1, 0, 0), 3600, "BST");
    expect(tz, utc(2050, 10, 30, 0, 59, 59), 3600, "BST"); /* footer: last Sunday of Oct */
    expect(tz, utc(2050, 10, 30, 1, 0, 0), 0, "GMT");
    fl_tz_free(tz);

    tz = load("Asia/Kolkata");
    expect(tz, utc(2026, 7, 1, 0, 0, 0), 19800, "IST");
    fl_tz_free(tz);
}

static void test_footer_rules(void)
{
    fl_tz *tz;

    write_footer_zone("Tehran", "<+0330>-3:30");
    tz = load("Tehran");
    expect(tz, utc(2026, 7, 1, 0, 0, 0), 12600, "+0330");
    CHECK(fl_tz_next_change(tz, utc(2026, 7, 1, 0, 0, 0)) == INT64_MAX); /* never changes */
    fl_tz_free(tz);

    /* Southern hemisphere: DST spans the new year. */
    write_footer_zone("Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3");
    tz = load("Sydney");
    expect(tz, utc(2026, 1, 15, 0, 0, 0), 39600, "AEDT");
    expect(tz, utc(2026, 7, 1, 0, 0, 0), 36000, "AEST");
    expect(tz, utc(2026, 4, 4, 15, 59, 59), 39600, "AEDT"); /* 5 Apr 03:00 AEDT */
    expect(tz, utc(2026, 4, 4, 16, 0, 0), 36000, "AEST");
    expect(tz, utc(2026, 10, 3, 15, 59, 59), 36000, "AEST"); /* 4 Oct 02:00 AEST */
    expect(tz, utc(2026, 10, 3, 16, 0, 0), 39600, "AEDT");
    expect(tz, utc(2026, 12, 31, 13, 30, 0), 39600, "AEDT"); /* local new year */
    CHECK_INT(fl_tz_next_change(tz, utc(2026, 1, 15, 0, 0, 0)), utc(2026, 4, 4, 16, 0, 0));
    CHECK_INT(fl_tz_next_change(tz, utc(2026, 4, 4, 16, 0, 0)), utc(2026, 10, 3, 16, 0, 0));
    fl_tz_free(tz);

    /* n (zero-based, counts Feb 29) and Jn (one-based, never counts Feb 29). */
    write_footer_zone("Zero", "AAA0BBB,59/0,300/0");
    tz = load("Zero");
    expect(tz, utc(2028, 2, 28, 23, 59, 59), 0, "AAA");
    expect(tz, utc(2028, 2, 29, 0, 0, 0), 3600, "BBB");
    expect(tz, utc(2027, 2, 28, 23, 59, 59), 0, "AAA");
    expect(tz, utc(2027, 3, 1, 0, 0, 0), 3600, "BBB");
    fl_tz_free(tz);
    write_footer_zone("Julian", "AAA0BBB-2,J60/0,J300/0");
    tz = load("Julian");
    expect(tz, utc(2028, 2, 29, 12, 0, 0), 0, "AAA");
    expect(tz, utc(2028, 3, 1, 0, 0, 0), 7200, "BBB");
    fl_tz_free(tz);

    /* RFC 8536 extensions: all-year DST via an end time of 25:00. */
    write_footer_zone("Always", "XXX3YYY,0/0,J365/25");
    tz = load("Always");
    expect(tz, utc(2026, 1, 1, 12, 0, 0), -7200, "YYY");
    expect(tz, utc(2026, 12, 31, 23, 0, 0), -7200, "YYY");
    fl_tz_free(tz);

    /* DST name without rules: the US default. */
    write_footer_zone("Default", "EST5EDT");
    tz = load("Default");
    expect(tz, utc(2026, 7, 1, 0, 0, 0), -14400, "EDT");
    expect(tz, utc(2026, 12, 1, 0, 0, 0), -18000, "EST");
    fl_tz_free(tz);

    /* Transitions plus footer: footer only after the last transition. */
    {
        int64_t trans[2] = {0, 1000000};
        uint8_t idx[2] = {1, 2};
        ttype types[3] = {{100, 0, 0}, {200, 0, 4}, {-300, 1, 8}};
        write_tzif("Mixed", '3', 2, trans, idx, 3, types, "AAA\0BBB\0CCC", 12, "DDD4");
        tz = load("Mixed");
        expect(tz, -1, 100, "AAA");
        expect(tz, 0, 200, "BBB");
        expect(tz, 999999, 200, "BBB");
        expect(tz, 1000000, -300, "CCC");
        expect(tz, 1000001, -14400, "DDD");
        fl_tz_free(tz);

        /* Same data as a v1 file (32-bit times, no footer). */
        write_tzif("V1", 0, 2, trans, idx, 3, types, "AAA\0BBB\0CCC", 12, "");
        tz = load("V1");
        expect(tz, -1, 100, "AAA");
        expect(tz, 500000, 200, "BBB");
        expect(tz, 2000000000, -300, "CCC");
        fl_tz_free(tz);
    }
}

static void test_errors(void)
{
    load_fails("Mars/Base", "unknown time zone 'Mars/Base'");
    load_fails("../etc/passwd", "'..'");
    load_fails("Europe/../../etc/passwd", "'..'");
    load_fails("/etc/passwd", "absolute");
    load_fails("", "empty");
    load_fails("+2500", "unknown time zone");
    load_fails("Tehran/", "unknown time zone"); /* a regular file used as a directory */
    load_fails(".", "cannot read");                 /* a directory */

    /* Truncated real file: first 60 bytes of a system zone. */
    {
        unsigned char buf[60];
        FILE *f = fopen("/usr/share/zoneinfo/America/New_York", "rb");
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f)
            fclose(f);
        CHECK_INT(n, 60);
        write_raw("Trunc60", buf, n);
        load_fails("Trunc60", "malformed");
        write_raw("Trunc3", buf, 3);
        load_fails("Trunc3", "not a TZif");
        write_raw("Empty", buf, 0);
        load_fails("Empty", "not a TZif");
    }
    write_raw("Text", "hello, world\n", 13);
    load_fails("Text", "not a TZif");

    /* Huge counts in an otherwise tiny file. */
    {
        unsigned char h[44 + 16] = "TZif2";
        h[32] = h[33] = h[34] = h[35] = 0xff; /* timecnt = 2^32 - 1 */
        h[39] = 1;                            /* typecnt */
        h[43] = 4;                            /* charcnt */
        write_raw("Huge", h, sizeof h);
        load_fails("Huge", "truncated");
    }
    {
        ttype t = {0, 0, 0};
        int64_t trans[2] = {10, 5};
        uint8_t idx[2] = {0, 0}, bad_idx[1] = {3};
        write_tzif("Order", '2', 2, trans, idx, 1, &t, "UTC", 4, "UTC0");
        load_fails("Order", "out of order");
        write_tzif("BadIdx", '2', 1, trans, bad_idx, 1, &t, "UTC", 4, "UTC0");
        load_fails("BadIdx", "type index");
        ttype bad_abbr = {0, 0, 9};
        write_tzif("BadAbbr", '2', 0, NULL, NULL, 1, &bad_abbr, "UTC", 4, "UTC0");
        load_fails("BadAbbr", "local time type");
        write_tzif("NoTypes", '2', 0, NULL, NULL, 0, &t, "UTC", 4, "UTC0");
        load_fails("NoTypes", "counts");
        write_footer_zone("BadFooter", "EST5EDT,M13.1.0,M11.1.0");
        load_fails("BadFooter", "footer");
        write_footer_zone("BadFooter2", "E5");
        load_fails("BadFooter2", "footer");
        write_footer_zone("BadFooter3", "<+03-3");
        load_fails("BadFooter3", "footer");
    }
    /* Every truncation of a real file must fail cleanly (or, at full length, load). */
    {
        static unsigned char buf[1 << 16];
        FILE *f = fopen("/usr/share/zoneinfo/Europe/London", "rb");
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        int failures = 0;
        if (f)
            fclose(f);
        CHECK(n > 1000);
        for (size_t len = 0; len < n; len += 7) {
            fl_tz *tz = NULL;
            char err[512];
            write_raw("Cut", buf, len);
            if (fl_tz_load("Cut", &tz, err, sizeof err) != FL_ERR_TZ)
                failures++;
            fl_tz_free(tz);
        }
        CHECK_INT(failures, 0);
        write_raw("Cut", buf, n);
        fl_tz *tz = load("Cut");
        expect(tz, utc(2026, 7, 1, 12, 0, 0), 3600, "BST");
        fl_tz_free(tz);
    }
}

static void cleanup(void)
{
    static const char *names[] = {"Tehran", "Sydney", "Zero", "Julian", "Always", "Default",
                                  "Mixed", "V1", "Trunc60", "Trunc3", "Empty", "Text",
                                  "Huge", "Order", "BadIdx", "BadAbbr", "NoTypes",
                                  "BadFooter", "BadFooter2", "BadFooter3", "Cut"};
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    rmdir(tmpdir);
}

int main(void)
{
    test_parse_offset();
    test_user_offsets();
    test_fixed();
    unsetenv("TZDIR");
    test_system_zones();
    load_fails("America", "America"); /* a directory, not a zone */

    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    setenv("TZDIR", tmpdir, 1);
    test_footer_rules();
    test_errors();
    load_fails("Africa/Lagos", "unknown time zone 'Africa/Lagos'"); /* TZDIR is honoured */
    cleanup();
    return fl_test_result("test_tz");
}
