/* test_report_common.c: the printf-free number formatting of the report rows must
 * give printf's text exactly (the outputs did not change when it replaced printf):
 * ties to even on the binary value, negative zero, every decimal count, and the
 * fallback for values too large for the integer path. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "report/report.h"

static const char *fixed(double v, int d)
{
    static char buf[64];
    size_t n = fl_fmt_fixed(buf, v, d);
    buf[n] = 0;
    return buf;
}

static const char *u64(uint64_t v)
{
    static char buf[64];
    buf[fl_fmt_u64(buf, v)] = 0;
    return buf;
}

/* fl_fmt_fixed(v, d) == printf("%.*f", d, v); counts the differences. */
static int differs(double v, int d)
{
    char want[512];
    snprintf(want, sizeof want, "%.*f", d, v);
    if (strcmp(fixed(v, d), want) == 0)
        return 0;
    fprintf(stderr, "fl_fmt_fixed(%.17g, %d) = \"%s\", printf gives \"%s\"\n", v, d, fixed(v, d), want);
    return 1;
}

static void test_known(void)
{
    CHECK_STR(fixed(0.125, 2), "0.12"); /* exact ties: to even */
    CHECK_STR(fixed(0.375, 2), "0.38");
    CHECK_STR(fixed(2.5, 0), "2");
    CHECK_STR(fixed(3.5, 0), "4");
    CHECK_STR(fixed(0.0005, 3), "0.001"); /* not a tie: 0.0005 is a little above it */
    CHECK_STR(fixed(-0.0, 1), "-0.0");
    CHECK_STR(fixed(-0.04, 1), "-0.0");
    CHECK_STR(fixed(0, 3), "0.000");
    CHECK_STR(fixed(1e-300, 2), "0.00");
    CHECK_STR(fixed(99.9999, 3), "100.000");
    CHECK_STR(fixed(1234567.891, 1), "1234567.9");
    CHECK_STR(fixed(1e17, 3), "100000000000000000.000"); /* printf's path */
    CHECK_STR(u64(0), "0");
    CHECK_STR(u64(UINT64_MAX), "18446744073709551615");
    char nan_text[16];
    snprintf(nan_text, sizeof nan_text, "%.1f", NAN);
    CHECK_STR(fixed(NAN, 1), nan_text);
}

static void test_against_printf(void)
{
    /* Values such as the report's: shares of small counts, ms, coordinates; and
     * random bit patterns over many magnitudes. */
    int bad = 0;
    for (unsigned f = 0; f <= 2000; f++)
        for (unsigned r = 1; r <= 60; r++)
            bad += differs(100.0 * f / (f + r), 3) + differs(100.0 * f / (f + r), 1);
    for (int k = -40000; k <= 40000; k++)
        for (int d = 0; d <= 6; d++)
            bad += differs(k / 8.0, d) + differs(k / 1000.0, d) + differs(k * 0.05, d);
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v = ldexp((double)(x >> 11) / 9007199254740992.0, (int)(x % 80) - 40);
        bad += differs((x & 1) ? -v : v, (int)(x >> 60) % 7);
    }
    CHECK_INT(bad, 0);
}

/* A row buffer fed pieces of every size (beyond its 4 KiB too) writes exactly their
 * concatenation, whatever the buffer's fill when each comes. */
static void test_row(void)
{
    char *got = NULL, *want = malloc(8u << 20), piece[6000];
    size_t got_len = 0, want_len = 0;
    FILE *f = open_memstream(&got, &got_len);
    fl_row row = {.out = f, .n = 0};
    uint64_t x = 42;
    for (int i = 0; i < 20000 && want; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t k;
        switch (x % 4) {
        case 0: /* a string, now and then longer than the buffer */
            k = (x >> 8) % 97 == 0 ? 4000 + (x >> 20) % 2000 : (x >> 8) % 200;
            for (size_t c = 0; c < k; c++)
                piece[c] = (char)('a' + (c + (size_t)i) % 26);
            piece[k] = 0;
            fl_row_str(&row, piece);
            break;
        case 1:
            fl_row_u64(&row, x >> 3);
            k = (size_t)snprintf(piece, sizeof piece, "%llu", (unsigned long long)(x >> 3));
            break;
        default:
            fl_row_fixed(&row, (double)(x >> 40) / 1000.0, (int)(x >> 61) % 7);
            k = (size_t)snprintf(piece, sizeof piece, "%.*f", (int)(x >> 61) % 7, (double)(x >> 40) / 1000.0);
            break;
        }
        memcpy(want + want_len, piece, k);
        want_len += k;
    }
    fl_row_flush(&row);
    fclose(f);
    CHECK_INT(got_len, want_len);
    CHECK(got && want && memcmp(got, want, want_len) == 0);
    free(got);
    free(want);
}

int main(void)
{
    test_known();
    test_against_printf();
    test_row();
    return fl_test_result("test_report_common");
}
