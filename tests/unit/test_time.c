/* test_time.c: civil-date arithmetic and ISO 8601 output. */
#include <stdio.h>
#include <string.h>

#include "fl_test.h"
#include "time/fl_time.h"

int main(void)
{
    CHECK_INT(fl_days_from_civil(1970, 1, 1), 0);
    CHECK_INT(fl_days_from_civil(2000, 3, 1), 11017);
    CHECK_INT(fl_days_from_civil(1969, 12, 31), -1);
    CHECK_INT(fl_days_from_civil(2100, 1, 1), 47482);
    for (int64_t d = -800000; d < 800000; d += 997) { /* round trip over ~4400 years */
        int64_t y;
        unsigned m, day;
        fl_civil_from_days(d, &y, &m, &day);
        if (fl_days_from_civil(y, m, day) != d) {
            CHECK_INT(fl_days_from_civil(y, m, day), d);
            break;
        }
    }
    fl_civil c;
    fl_civil_from_seconds(1665573601, &c); /* 2022-10-12T11:20:01Z, a Wednesday */
    CHECK_INT(c.year, 2022);
    CHECK_INT(c.month, 10);
    CHECK_INT(c.day, 12);
    CHECK_INT(c.hour, 11);
    CHECK_INT(c.minute, 20);
    CHECK_INT(c.second, 1);
    CHECK_INT(c.weekday, 3);
    fl_civil_from_seconds(-1, &c);
    CHECK_INT(c.year, 1969);
    CHECK_INT(c.second, 59);
    char buf[40];
    CHECK_STR(fl_time_iso(1665573601, 3600, buf, sizeof buf), "2022-10-12T12:20:01+01:00");
    CHECK_STR(fl_time_iso(1665573601, -(5 * 3600 + 30 * 60), buf, sizeof buf), "2022-10-12T05:50:01-05:30");
    CHECK_STR(fl_offset_str(0, buf, sizeof buf), "+00:00");
    /* fl_time_iso writes the digits itself for years 0..9999: the text must be what
     * the snprintf it replaces gives, for any time, offset and buffer size. */
    int bad = 0;
    for (int64_t t = -65000000000LL; t < 260000000000LL; t += 7777777 + t % 1013) {
        for (int k = 0; k < 6; k++) {
            static const int32_t offs[6] = {0, 3600, -(5 * 3600 + 30 * 60), 14 * 3600, -12 * 3600, 59};
            static const size_t lens[3] = {40, 26, 20};
            fl_civil c;
            char want[64], off[16], got[64];
            size_t len = lens[(t / 7777777 + k) % 3 < 0 ? 0 : (t / 7777777 + k) % 3];
            fl_civil_from_seconds(t + offs[k], &c);
            snprintf(want, len, "%04lld-%02u-%02uT%02u:%02u:%02u%s", (long long)c.year, c.month, c.day,
                     c.hour, c.minute, c.second, fl_offset_str(offs[k], off, sizeof off));
            bad += strcmp(fl_time_iso(t, offs[k], got, len), want) != 0;
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(fl_floor_div(-1, 60), -1);
    CHECK_INT(fl_floor_div(59, 60), 0);
    CHECK_INT(fl_floor_div(-60, 60), -1);
    CHECK_INT(fl_month_from_abbr("Oct"), 10);
    CHECK_INT(fl_month_from_abbr("dec"), 12);
    CHECK_INT(fl_month_from_abbr("Foo"), 0);
    return fl_test_result("test_time");
}
