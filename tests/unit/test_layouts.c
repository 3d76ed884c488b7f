/* test_layouts.c: the timestamp layouts of the generic reader (time/layouts.c):
 * every row's example reads whole to its known instant, near misses read nothing,
 * and year-less times take the year that keeps them no later than the file's
 * modification time (a day of slack), so "Dec 10" in a file written on Dec 5 is
 * last year's and a file running Dec -> Jan wraps. */
#include <string.h>

#include "fl_test.h"
#include "time/layouts.h"

/* 2026-12-05T12:00:00 wall clock: the reference (file mtime) of the year tests. */
#define REF_2026_12_05 1796472000000LL

static size_t parse_as(const char *name_prefix, const char *s, const fl_year_ref *y, fl_time *t)
{
    for (size_t i = 0; i < fl_layouts_count; i++)
        if (strncmp(fl_layouts[i].name, name_prefix, strlen(name_prefix)) == 0)
            return fl_layouts[i].parse(NULL, s, strlen(s), y, t);
    CHECK(!"no such layout");
    return 0;
}

static void test_examples(void)
{
    fl_year_ref y = {2026, 0, 0};
    for (size_t i = 0; i < fl_layouts_count; i++) {
        const fl_layout *l = &fl_layouts[i];
        fl_time t = {0};
        size_t n = l->parse(NULL, l->example, strlen(l->example), &y, &t);
        if (n != strlen(l->example) || t.ms != l->example_ms)
            fprintf(stderr, "layout %s: example \"%s\" read %zu bytes, %lld ms\n", l->name,
                    l->example, n, (long long)t.ms);
        CHECK_INT(n, strlen(l->example));
        CHECK_INT(t.ms, l->example_ms);
        CHECK(l->has_year || !t.has_offset);
    }
}

static void test_near_misses(void)
{
    fl_year_ref y = {2026, 0, 0};
    fl_time t;
    CHECK_INT(parse_as("yyMMdd", "081309 203615", &y, &t), 0);      /* month 13 */
    CHECK_INT(parse_as("yyMMdd", "081109 2036", &y, &t), 0);        /* short */
    CHECK_INT(parse_as("yy/MM/dd", "17/06/09 25:10:40", &y, &t), 0); /* hour 25 */
    CHECK_INT(parse_as("epoch", "134681", &y, &t), 0);              /* a pid, not a time */
    CHECK_INT(parse_as("epoch", "0000000001", &y, &t), 0);
    CHECK_INT(parse_as("epoch", "1131566461000", &y, &t), 13);      /* milliseconds */
    CHECK_INT(t.ms, 1131566461000LL);
    CHECK_INT(parse_as("MM-dd", "2017-05-16 00:00:00", &y, &t), 0);
    CHECK_INT(parse_as("MM.dd", "10.32 16:49:06", &y, &t), 0);
    CHECK_INT(parse_as("MMM dd, yyyy", "Nov 23, 2026 13:20:01 PM", &y, &t), 0);
    CHECK_INT(parse_as("MMM dd, yyyy", "Nov 3, 2026 12:00:00 AM", &y, &t), 23);
    CHECK_INT(t.ms, 1793664000000LL); /* 12 AM is midnight */
    CHECK_INT(parse_as("yyyy-MM-dd-HH", "2005-06-03 15:42:50", &y, &t), 0);
    /* HealthApp's unpadded clock fields. */
    CHECK_INT(parse_as("yyyyMMdd-HH", "20171223-22:18:0:168|x", &y, &t), 20);
    CHECK_INT(t.ms, 1514067480168LL);
    CHECK_INT(parse_as("yyyyMMdd-HH", "20171223-2:1:5|x", &y, &t), 14);
    CHECK_INT(parse_as("yyyyMMdd-HH", "20171223-22:180:1", &y, &t), 0);
    CHECK_INT(parse_as("yyyyMMdd-HH", "20171223-22:61:01", &y, &t), 0);
}

static void test_year_pick(void)
{
    fl_year_ref y = {2026, 0, REF_2026_12_05};
    CHECK_INT(fl_year_pick(&y, 12, 10, 6, 55), 2025); /* would be five days ahead */
    CHECK_INT(fl_year_pick(&y, 12, 5, 6, 55), 2026);
    CHECK_INT(fl_year_pick(&y, 12, 6, 11, 0), 2026);  /* within the day of slack */
    CHECK_INT(fl_year_pick(&y, 12, 7, 0, 0), 2025);
    CHECK_INT(fl_year_pick(&y, 1, 3, 0, 0), 2026);
    /* A file running Dec -> Jan, written on Jan 2: December is the year before. */
    fl_year_ref jan = {2027, 0, 1798848000000LL}; /* 2027-01-02T00:00 */
    CHECK_INT(fl_year_pick(&jan, 12, 31, 23, 59), 2026);
    CHECK_INT(fl_year_pick(&jan, 1, 1, 0, 1), 2027);
    fl_year_ref none = {2026, 0, 0}; /* no reference (--year): the year as given */
    CHECK_INT(fl_year_pick(&none, 12, 31, 0, 0), 2026);
    fl_time t;
    CHECK_INT(parse_as("MMM d HH", "Dec 10 06:55:46 LabSZ sshd[24200]: x", &y, &t), 15);
    CHECK_INT(t.ms, 1765349746000LL); /* 2025-12-10T06:55:46 */
    CHECK_INT(parse_as("MM-dd", "12-10 06:55:46.000", &y, &t), 18);
    CHECK_INT(t.ms, 1765349746000LL);
}

int main(void)
{
    test_examples();
    test_near_misses();
    test_year_pick();
    return fl_test_result("layouts");
}
