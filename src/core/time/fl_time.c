/* fl_time.c: civil calendar arithmetic (Hinnant, "chrono-compatible low-level date
 * algorithms") and ISO 8601 output. */
#include "time/fl_time.h"

#include <stdio.h>

int64_t fl_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t fl_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void fl_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void fl_civil_from_seconds(int64_t local_s, fl_civil *out)
{
    int64_t days = fl_floor_div(local_s, 86400);
    int64_t rem = local_s - days * 86400;
    fl_civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (unsigned)(rem / 3600);
    out->minute = (unsigned)(rem / 60 % 60);
    out->second = (unsigned)(rem % 60);
    out->weekday = (unsigned)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
}

char *fl_offset_str(int32_t offset_s, char *buf, size_t len)
{
    char sign = offset_s < 0 ? '-' : '+';
    int32_t a = offset_s < 0 ? -offset_s : offset_s;
    snprintf(buf, len, "%c%02d:%02d", sign, (int)(a / 3600 % 100), (int)(a / 60 % 60));
    return buf;
}

/* n (< 100) as two digits at p. */
static void put2(char *p, unsigned n)
{
    p[0] = (char)('0' + n / 10);
    p[1] = (char)('0' + n % 10);
}

char *fl_time_iso(int64_t utc_s, int32_t offset_s, char *buf, size_t len)
{
    fl_civil c;
    char off[16];
    fl_civil_from_seconds(utc_s + offset_s, &c);
    int32_t a = offset_s < 0 ? -offset_s : offset_s;
    if (c.year >= 0 && c.year <= 9999 && len >= 26) {
        /* The usual case without snprintf (the reports format a time per bucket):
         * the same text as the general case below. */
        put2(buf, (unsigned)(c.year / 100));
        put2(buf + 2, (unsigned)(c.year % 100));
        buf[4] = '-';
        put2(buf + 5, c.month);
        buf[7] = '-';
        put2(buf + 8, c.day);
        buf[10] = 'T';
        put2(buf + 11, c.hour);
        buf[13] = ':';
        put2(buf + 14, c.minute);
        buf[16] = ':';
        put2(buf + 17, c.second);
        buf[19] = offset_s < 0 ? '-' : '+';
        put2(buf + 20, (unsigned)(a / 3600 % 100));
        buf[22] = ':';
        put2(buf + 23, (unsigned)(a / 60 % 60));
        buf[25] = 0;
        return buf;
    }
    snprintf(buf, len, "%04lld-%02u-%02uT%02u:%02u:%02u%s", (long long)c.year, c.month,
             c.day, c.hour, c.minute, c.second, fl_offset_str(offset_s, off, sizeof off));
    return buf;
}

unsigned fl_month_from_abbr(const char *s)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char a = (char)(s[0] | 0x20), b = (char)(s[1] | 0x20), c = (char)(s[2] | 0x20);
    for (unsigned i = 0; i < 12; i++)
        if (names[3 * i] == a && names[3 * i + 1] == b && names[3 * i + 2] == c)
            return i + 1;
    return 0;
}
