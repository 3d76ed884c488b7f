/* span.c: the run's time span against cfg->max_span. The series a run reports is
 * dense from its first bucket to its last (detection, charts, buckets.csv), so a
 * span too wide (two logs years apart, --bucket 1s over a year) is refused before
 * anything is folded, with the inputs at its two ends named: never a series of
 * millions of empty buckets, never "out of memory". */
#include "analysis/analysis.h"
#include "analysis/read.h"

#include <stdio.h>
#include <string.h>

#include "time/fl_time.h"

/* An input at one end of the span: its name and its span as placed. */
typedef struct span_end {
    const char *path;             /* NULL: none yet */
    int64_t first_ms, last_ms;
} span_end;

/* The inputs holding the earliest and the latest record. */
typedef struct span_ends {
    span_end first, last;
} span_ends;

/* Consider input in, its times moved by d ms. */
static void span_consider(span_ends *e, const fl_input *in, int64_t d)
{
    if (!in->records)
        return;
    span_end here = {in->path, in->first_ms + d, in->last_ms + d};
    if (!e->first.path || here.first_ms < e->first.first_ms)
        e->first = here;
    if (!e->last.path || here.last_ms > e->last.last_ms)
        e->last = here;
}

/* Buckets of width w (ms) from the bucket of first_ms to that of last_ms. */
static uint64_t span_buckets(int64_t first_ms, int64_t last_ms, int64_t w)
{
    return (uint64_t)(fl_floor_div(last_ms, w) - fl_floor_div(first_ms, w)) + 1;
}

/* "3.5 years", "41 days", "17 hours" for a duration in ms. */
static void span_text(int64_t ms, char *buf, size_t len)
{
    double days = (double)ms / 86400000.0;
    if (days >= 365)
        snprintf(buf, len, "%.1f years", days / 365.25);
    else if (days >= 2)
        snprintf(buf, len, "%.0f days", days);
    else
        snprintf(buf, len, "%.0f hours", (double)ms / 3600000.0);
}

/* The narrowest usual --bucket that fits the span into max buckets, "" if none. */
static const char *span_bucket_fit(int64_t first_ms, int64_t last_ms, size_t max)
{
    static const struct {
        int64_t ms;
        const char *name;
    } widths[] = {{1000, "1s"},       {10000, "10s"},     {60000, "1m"},     {300000, "5m"},
                  {600000, "10m"},    {1800000, "30m"},   {3600000, "1h"},   {21600000, "6h"},
                  {43200000, "12h"},  {86400000, "1d"}};
    for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++)
        if (span_buckets(first_ms, last_ms, widths[k].ms) <= max)
            return widths[k].name;
    return "";
}

/* "NAME (FIRST to LAST)" of an input into buf. */
static void span_input(const span_end *in, char *buf, size_t len)
{
    char a[40], b[40];
    snprintf(buf, len, "%s (%s to %s)", in->path, fl_time_iso(in->first_ms / 1000, 0, a, sizeof a),
             fl_time_iso(in->last_ms / 1000, 0, b, sizeof b));
}

fl_status fl_packed_check_span(fl_analysis *a, const fl_packed *pk, size_t n, const fl_zone_tallies *t)
{
    span_ends e = {{NULL, 0, 0}, {NULL, 0, 0}};
    for (size_t i = 0; i < a->n_inputs; i++)
        span_consider(&e, &a->inputs[i], 0);
    for (size_t i = 0; i < n; i++) {
        fl_input in;
        fl_zone_guess g = FL_ZONE_NONE;
        int32_t off = 0;
        fl_packed_input(&pk[i], &in);
        if (t)
            fl_zone_decide(t, &in, &g, &off);
        span_consider(&e, &in, t ? fl_zone_shift_ms(g, off, a->cfg->bucket_ms) : 0);
    }
    const fl_config *c = a->cfg;
    if (!e.first.path || span_buckets(e.first.first_ms, e.last.last_ms, c->bucket_ms) <= c->max_span)
        return FL_OK;
    char dur[32], first[300], last[300];
    const char *fit = span_bucket_fit(e.first.first_ms, e.last.last_ms, c->max_span);
    span_text(e.last.last_ms - e.first.first_ms, dur, sizeof dur);
    span_input(&e.first, first, sizeof first);
    span_input(&e.last, last, sizeof last);
    int one = e.first.path == e.last.path;
    snprintf(a->span_error, sizeof a->span_error,
             "the records span %s, %llu buckets of %lld s, more than the %zu a run may span: "
             "%s %s%s%s; choose a window with --since/--until%s%s",
             dur, (unsigned long long)span_buckets(e.first.first_ms, e.last.last_ms, c->bucket_ms),
             (long long)(c->bucket_ms / 1000), c->max_span, one ? "all in" : "from", first,
             one ? "" : " to ", one ? "" : last, fit[0] ? ", or a wider bucket: --bucket " : "", fit);
    return FL_ERR_SPAN;
}
