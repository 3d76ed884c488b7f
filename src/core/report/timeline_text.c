/* timeline_text.c: the small text pieces of timeline.md (numbers, percentages,
 * gaps, evidence names, Markdown-safe log text), shared by its sections and rows. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report/escape.h"
#include "report/timeline_int.h"

/* 23,999.6 -> "24,000" (timeline_int.h). */
const char *fl_tl_about(double v, char *buf, size_t len)
{
    double step = 1;
    while (v >= 100 * step)
        step *= 10;
    return fl_tl_num((uint64_t)llround(v / step) * (uint64_t)step, buf, len);
}

/* 1234567 -> "1,234,567". */
const char *fl_tl_num(uint64_t v, char *buf, size_t len)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v), o = 0;
    for (int i = 0; i < n && (size_t)o + 2 < len; i++) {
        if (i && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = 0;
    return buf;
}

/* A gap: "37 h 44 min" (hours, however many), else as duration. */
const char *fl_tl_gap_text(int64_t s, char *buf, size_t len)
{
    if (s < 3600)
        return fl_report_duration(s, buf, len);
    if (s / 60 % 60)
        snprintf(buf, len, "%lld h %lld min", (long long)(s / 3600), (long long)(s / 60 % 60));
    else
        snprintf(buf, len, "%lld h", (long long)(s / 3600));
    return buf;
}

/* Percentage with one decimal, trimmed: 100, 92.8, 0.2, and "<0.1" for tiny values. */
const char *fl_tl_pct(double fraction, char *buf, size_t len)
{
    double p = fraction * 100.0;
    if (p > 0 && p < 0.05)
        snprintf(buf, len, "<0.1");
    else if (p >= 99.95 && p < 100.0)
        snprintf(buf, len, "99.9"); /* never round a partial failure up to 100 */
    else if (round(p * 10) == round(p) * 10) /* 41.0 -> "41" */
        snprintf(buf, len, "%.0f", p);
    else
        snprintf(buf, len, "%.1f", p);
    return buf;
}

/* "5xx" or "5xx, 429": the statuses counted as failures, as ranges. */
const char *fl_tl_fail_label(const fl_config *c, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = 0;
    for (int s = 0; s < FL_MAX_STATUS && o + 12 < len;) {
        if (!c->fail_status[s]) {
            s++;
            continue;
        }
        int e = s;
        while (e + 1 < FL_MAX_STATUS && c->fail_status[e + 1])
            e++;
        const char *sep = o ? ", " : "";
        if (s % 100 == 0 && e == s + 99)
            o += (size_t)snprintf(buf + o, len - o, "%s%dxx", sep, s / 100);
        else if (e == s)
            o += (size_t)snprintf(buf + o, len - o, "%s%d", sep, s);
        else
            o += (size_t)snprintf(buf + o, len - o, "%s%d-%d", sep, s, e);
        s = e + 1;
    }
    return buf;
}

/* Where evidence in input `in` is: "kafka1/logs/server.log" (the shortest tail of
 * its source's path that tells the sources apart, then the file). */
const char *fl_tl_where(const fl_report *r, const fl_input *in, char *buf, size_t len)
{
    return fl_analysis_evidence_name(r->analysis, in, buf, len);
}

/* Log-derived text (names, paths, lines) as Markdown text or as a code span, safe in
 * a table cell; each returns buf. */
const char *fl_tl_md_text(const char *s, char *buf, size_t len)
{
    fl_md_text(buf, len, 0, s, SIZE_MAX);
    return buf;
}

const char *fl_tl_md_code(const char *s, char *buf, size_t len, size_t max)
{
    fl_md_code(buf, len, 0, s, max);
    return buf;
}

