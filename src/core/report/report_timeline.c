/* report_timeline.c: timeline.md, the draft "Issue Summary", "Timeline" and "Impact"
 * sections of a postmortem, with every number measured from the logs and human
 * events from --events marked "(reported)". */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/escape.h"
#include "report/report.h"
#include "report/report_changes.h"
#include "report/timeline_int.h"


static void zone_label(const fl_report *r, int64_t t, char *buf, size_t len)
{
    const char *abbr;
    char off[8];
    int32_t o = fl_tz_offset_at(r->tz, t, &abbr);
    if (fl_tz_is_fixed(r->tz))
        snprintf(buf, len, "%s", abbr);
    else
        snprintf(buf, len, "%s, UTC%s", abbr, fl_offset_str(o, off, sizeof off));
    /* Each time the clocks change within the span, in the heading: "CET, UTC+01:00,
     * then CEST, UTC+02:00, then CET, UTC+01:00" (a few; the rows name the rest). */
    int64_t end = fl_report_bucket_start(r, r->n);
    for (int k = 0; k < 3 && (t = fl_tz_next_change(r->tz, t)) <= end; k++) {
        size_t used = strlen(buf);
        o = fl_tz_offset_at(r->tz, t, &abbr);
        if (used < len)
            snprintf(buf + used, len - used, ", then %s, UTC%s", abbr, fl_offset_str(o, off, sizeof off));
    }
}

/* "12:20 to 18:50 WAT on 12 October 2022", across midnight when needed. */
static void window_text(const fl_report *r, int64_t from, int64_t to, int recovered, char *buf,
                        size_t len)
{
    char h1[16], h2[16], d1[40], d2[40];
    const char *abbr, *abbr2;
    fl_tz_offset_at(r->tz, from, &abbr);
    fl_tz_offset_at(r->tz, to, &abbr2);
    fl_report_clock(r, from, h1, sizeof h1);
    fl_report_clock(r, to, h2, sizeof h2);
    fl_report_date(r, from, d1, sizeof d1);
    fl_report_date(r, to, d2, sizeof d2);
    const char *until = recovered ? "to" : "until the logs end at";
    /* A daylight-saving change between (spring and autumn alike): name each. */
    int both = strcmp(abbr, abbr2) != 0 || fl_tz_next_change(r->tz, from) <= to;
    if (strcmp(d1, d2) == 0 && both)
        snprintf(buf, len, "%s %s %s %s %s on %s", h1, abbr, until, h2, abbr2, d1);
    else if (strcmp(d1, d2) == 0)
        snprintf(buf, len, "%s %s %s %s on %s", h1, until, h2, abbr, d1);
    else
        snprintf(buf, len, "%s %s on %s %s %s%s%s on %s", h1, abbr, d1, until, h2, both ? " " : "",
                 both ? abbr2 : "", d2);
}

/* " The first sign was ... at 12:14:07, 6 min before ..." for the earliest signature
 * (not a lifecycle marker) that rose before onset. */
static void first_sign(const fl_report *r, size_t idx, FILE *out)
{
    const fl_patterns *lib = r->analysis->cfg->patterns;
    fl_sig_summary *sums;
    fl_sig_rise *rises;
    size_t n = fl_report_signatures(r, &sums), m = fl_report_sig_rises(r, idx, sums, n, &rises);
    int64_t onset = fl_report_bucket_start(r, r->detection->incidents[idx].onset);
    for (size_t i = 0; i < m; i++) {
        const fl_signature_info *info = fl_patterns_info(lib, rises[i].sum->sig);
        int64_t t = fl_floor_div(rises[i].first_ms, 1000);
        if (info->is_lifecycle || t >= onset)
            continue;
        char hm[48], dur[32], code[400], host[200] = "", name[160], w[256];
        fl_tl_md_code(rises[i].sum->sample, code, sizeof code, 90);
        if (rises[i].sum->host[0])
            snprintf(host, sizeof host, " on %s", fl_tl_md_text(rises[i].sum->host, name, sizeof name));
        fprintf(out, " The first sign was %s (%s)%s in %s at %s, %s before the failures began.", code,
                info->name, host, fl_tl_md_text(fl_tl_where(r, rises[i].sum->first_in, w, sizeof w), name, sizeof name),
                fl_report_hm(r, t, hm, sizeof hm), fl_report_duration(onset - t, dur, sizeof dur));
        break;
    }
    free(rises);
    free(sums);
}

/* A lifecycle story as a row: "`line` (name)" for one marker; "**kafka1**: 19 steps
 * from 18:14:38 to 18:14:43, `first line` (name) ... `last line` (name)" for a
 * burst. Evidence: where its first marker is. */
void fl_tl_story_text(const fl_report *r, const fl_story *st, char *event, size_t elen, char *evid,
                       size_t vlen)
{
    const fl_patterns *lib = r->analysis->cfg->patterns;
    char a[200], b[200], h1[48], h2[48], w[200], name[96];
    fl_tl_md_code(st->first.m->sample, a, sizeof a, st->steps > 1 ? 70 : 110);
    if (st->steps == 1) {
        snprintf(event, elen, "%s (%s)", a, fl_patterns_info(lib, st->first.m->sig)->name);
    } else {
        fl_tl_md_code(st->last.m->sample, b, sizeof b, 70);
        char tmp[1200]; /* formatted whole, then cut to the cell */
        snprintf(tmp, sizeof tmp, "**%s**: %zu steps from %s to %s, %s (%s) ... %s (%s)",
                 fl_tl_md_text(st->source < r->analysis->n_sources ? r->analysis->sources[st->source].label : "(top)",
                         name, sizeof name),
                 st->steps, fl_report_hm(r, fl_floor_div(st->first.m->ms, 1000), h1, sizeof h1),
                 fl_report_hm(r, fl_floor_div(st->last.m->ms, 1000), h2, sizeof h2), a,
                 fl_patterns_info(lib, st->first.m->sig)->name, b, fl_patterns_info(lib, st->last.m->sig)->name);
        size_t k = strlen(tmp) < elen ? strlen(tmp) : elen - 1;
        memcpy(event, tmp, k);
        event[k] = 0;
    }
    snprintf(evid, vlen, "%s:%llu", fl_tl_md_text(fl_tl_where(r, st->first.in, w, sizeof w), name, sizeof name),
             (unsigned long long)st->first.m->line);
}

/* Every lifecycle story of the archive, incident or not: in server-only archives
 * they are often the whole story. */
static void write_lifecycle(const fl_report *r, FILE *out)
{
    fl_story *st;
    size_t n = fl_report_lifecycle_stories(r, &st);
    uint64_t dropped = 0;
    for (size_t i = 0; i < r->analysis->n_inputs; i++)
        dropped += r->analysis->inputs[i].markers_dropped;
    if (!n) {
        free(st);
        return;
    }
    fprintf(out, "## Lifecycle events\n\nStarts, stops, kills and deploys found in the logs (the steps of "
                 "one source within %d s of each other in one row).\n\n"
                 "| time | event | source |\n|---|---|---|\n", FL_STORY_GAP_S);
    for (size_t i = 0; i < n && i < 40; i++) {
        char when[48], event[512], evid[256]; /* the day only when the span crosses one */
        fl_report_hms(r, fl_floor_div(st[i].first.m->ms, 1000), when, sizeof when);
        fl_tl_story_text(r, &st[i], event, sizeof event, evid, sizeof evid);
        fprintf(out, "| %s | %s | %s |\n", when, event, evid);
    }
    if (n > 40 || dropped)
        fprintf(out, "\n+%llu more markers in report.json (`lifecycle`).\n",
                (unsigned long long)(n > 40 ? n - 40 : 0) + (unsigned long long)dropped);
    fprintf(out, "\n");
    free(st);
}

/* "| first to fail | lb-2 at 12:19, lb-1 at 12:20 | |" when several sources log the
 * series; sources that never failed are named as such. */
static void sources_row(const fl_report *r, size_t idx, FILE *out)
{
    fl_source_view *v;
    size_t n = fl_report_source_views(r, idx, &v), failing = 0;
    if (n < 2) {
        free(v);
        return;
    }
    fprintf(out, "| first to fail |");
    for (size_t i = 0; i < n && i < 6; i++) {
        char hm[48], name[160];
        if (!v[i].failed_at_all)
            continue;
        fprintf(out, "%s %s at %s", failing ? "," : "", fl_tl_md_text(v[i].src->label, name, sizeof name),
                fl_report_hm(r, fl_report_bucket_start(r, v[i].onset), hm, sizeof hm));
        failing++;
    }
    size_t fine = 0;
    for (size_t i = 0; i < n; i++)
        fine += !v[i].failed_at_all;
    if (fine)
        fprintf(out, "%s %zu source%s without an incident", failing ? ";" : "", fine, fine == 1 ? "" : "s");
    fprintf(out, " | |\n");
    free(v);
}

/* The incident's Timeline table, rows in time order. */
static void write_rows(const fl_report *r, size_t idx, const char *h, const char *zone, FILE *out)
{
    tl_rows *t = calloc(1, sizeof *t);
    if (t) {
        fl_tl_incident_rows(r, idx, t);
        fl_tl_sort_rows(t);
        fprintf(out, "\n%s Timeline (%s)\n\n| time | event | evidence |\n|---|---|---|\n", h, zone);
        for (size_t k = 0; k < t->n; k++) {
            const tl_row *row = &t->row[k];
            char hm[48];
            if (row->when == INT64_MAX) /* a note, not an event */
                hm[0] = 0;
            else
                (row->exact ? fl_report_hms : fl_report_hm)(r, row->when, hm, sizeof hm);
            fprintf(out, row->bold ? "| **%s** | %s | %s |\n" : "| %s | %s | %s |\n", hm, row->event, row->evidence);
        }
        free(t);
    } else {
        fl_report_nomem(r);
    }
}

/* A probability for a sentence: "2e-07", or "below 1e-300" once it underflows. */
static const char *chance_text(double p, char *buf, size_t len)
{
    if (p > 0)
        snprintf(buf, len, "%.1g", p);
    else
        snprintf(buf, len, "below 1e-300");
    return buf;
}

/* The Issue Summary of a burst of error entries in server logs: counts against the
 * usual rate and the chance of them, never a share of "traffic". */
/* What the error entries did during a warning burst: "Error entries in the window:
 * 24 (usual 3/min); the error burst of incident 2 begins at 12:00." when one overlaps
 * it or begins within the recovery run after it, else "...; no error burst." */
static void warnings_errors(const fl_report *r, const fl_incident *inc, FILE *out)
{
    uint64_t errors = 0;
    for (size_t i = inc->onset; i < inc->end; i++)
        errors += r->failed[i];
    char c[24], usual[40], at[48];
    size_t after = inc->end + r->analysis->cfg->detect.recovery_buckets, burst = SIZE_MAX;
    for (size_t k = 0; k < r->detection->n_incidents && burst == SIZE_MAX; k++) {
        const fl_incident *e = &r->detection->incidents[k];
        if (e->kind == FL_INCIDENT_ERRORS && e->onset < after && inc->onset < e->end)
            burst = k;
    }
    fprintf(out, " Error entries in the window: %s (usual %s)", fl_tl_num(errors, c, sizeof c),
            fl_report_usual_rate(r->detection->usual_failed, r->analysis->cfg->bucket_ms, usual, sizeof usual));
    if (burst == SIZE_MAX)
        fprintf(out, "; no error burst.");
    else
        fprintf(out, "; the error burst of incident %zu begins at %s.", burst + 1,
                fl_report_hm(r, fl_report_bucket_start(r, r->detection->incidents[burst].onset), at, sizeof at));
}

static void errors_summary(const fl_report *r, size_t idx, const char *win, const char *dur, FILE *out)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    const fl_detect_opts *o = &r->analysis->cfg->detect;
    char what[160], a[48], c[24], e[24], p[32];
    double expect = inc->expected * (double)(inc->end - inc->onset);
    fprintf(out, "From %s (%s%s), the server logs held %s.", win, dur, inc->recovered ? "" : ", not recovered",
            fl_report_count_text(r, inc, what, sizeof what));
    fprintf(out, " At the usual rate about %s would be expected; the chance of %s or more is %s"
                 " (an incident needs at least %u and a chance of at most %g).",
            fl_tl_num((uint64_t)(expect + 0.5), c, sizeof c), fl_tl_num(inc->failed, e, sizeof e),
            chance_text(inc->p_value, p, sizeof p), o->min_error_entries, o->significance);
    const uint32_t *K = fl_report_counted(r, inc);
    size_t busiest = inc->onset;
    for (size_t i = inc->onset; i < inc->end; i++)
        busiest = K[i] > K[busiest] ? i : busiest;
    fprintf(out, " The busiest %s, at %s, held %s.", r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket",
            fl_report_hm(r, fl_report_bucket_start(r, busiest), a, sizeof a), fl_tl_num(K[busiest], c, sizeof c));
    if (inc->kind == FL_INCIDENT_WARNINGS)
        warnings_errors(r, inc, out);
    if (r->analysis->cfg->patterns)
        first_sign(r, idx, out);
    fprintf(out, "\n");
}

/* The Issue Summary of a silence: what stopped and when, never "requests failed". */
static void silent_summary(const fl_report *r, size_t idx, const fl_silence *s, const char *win, const char *dur,
                           FILE *out)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    char a[48], b[48], c[32], x[32];
    fprintf(out, "From %s (%s%s), traffic stopped.", win, dur, inc->recovered ? "" : ", not recovered");
    fl_tl_silence_text(r, inc, s, out);
    fprintf(out, " At the peak, at %s, %s%% of expected traffic was missing (usual %s requests/%s).",
            fl_report_at(r, fl_report_bucket_start(r, inc->peak), a, sizeof a), fl_tl_pct(inc->peak_impact, b, sizeof b),
            fl_tl_num((uint64_t)(fl_report_expected(r, inc, inc->peak) + 0.5), x, sizeof x),
            r->analysis->cfg->bucket_ms == 60000 ? "min" : "bucket");
    fprintf(out, " %s requests were logged in the window", fl_tl_num(inc->requests, c, sizeof c));
    if (inc->failed)
        fprintf(out, ", %s of them failed", fl_tl_num(inc->failed, x, sizeof x));
    fprintf(out, " (usual failure rate %s%%).", fl_tl_pct(r->detection->healthy_error, b, sizeof b));
    if (r->analysis->cfg->patterns)
        first_sign(r, idx, out);
    fprintf(out, "\n");
}

static void write_incident(const fl_report *r, size_t idx, FILE *out)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    const fl_detection *d = r->detection;
    const fl_config *cfg = r->analysis->cfg;
    int64_t onset = fl_report_bucket_start(r, inc->onset), end = fl_report_bucket_start(r, inc->end);
    char win[160], dur[32], a[48], b[48], c[32], e[32], x[32], codes[128], paths[256], fl[64], zone[96];
    window_text(r, onset, end, inc->recovered, win, sizeof win);
    fl_tl_gap_text(end - onset, dur, sizeof dur);
    fl_tl_fail_label(cfg, fl, sizeof fl);
    zone_label(r, onset, zone, sizeof zone);
    fl_tl_codes_text(r, inc, codes, sizeof codes);
    fl_tl_paths_text(r, inc, paths, sizeof paths);
    const char *unit = cfg->bucket_ms == 60000 ? "min" : "bucket";
    const fl_words *w = fl_report_words(r);

    const char *h = d->n_incidents > 1 ? "###" : "##"; /* sections nest under "Incident k" */
    if (d->n_incidents > 1)
        fprintf(out, "## Incident %zu of %zu\n\n", idx + 1, d->n_incidents);
    fprintf(out, "%s Issue Summary (draft)\n\n", h);
    if (inc->kind == FL_INCIDENT_SILENCE) {
        fprintf(out, "From %s (%s%s), sources stopped logging:", win, dur, inc->recovered ? "" : ", not recovered");
        fl_write_silence_summary(r, idx, 1, out);
        fprintf(out, "\n");
        write_rows(r, idx, h, zone, out);
        fprintf(out, "\n");
        return;
    }
    if (fl_incident_counted(inc->kind)) {
        errors_summary(r, idx, win, dur, out);
        goto timeline;
    }
    fl_silence s;
    if (fl_report_silence(r, inc, &s)) {
        silent_summary(r, idx, &s, win, dur, out);
        goto timeline;
    }
    fprintf(out, "From %s (%s%s), %s.", win, dur, inc->recovered ? "" : ", not recovered", w->summary);
    fprintf(out, " At the peak, at %s, %s%% of expected traffic %s (impact measured against the usual %s %s/%s).",
            fl_report_hm(r, fl_report_bucket_start(r, inc->peak), a, sizeof a),
            fl_tl_pct(inc->peak_impact, b, sizeof b), w->failed,
            fl_tl_num((uint64_t)(fl_report_expected(r, inc, inc->peak) + 0.5), x, sizeof x),
            w->items, unit);
    fprintf(out, " %s of %s %s in the window (%s%%) %s",
            fl_tl_num(inc->failed, c, sizeof c), fl_tl_num(inc->requests, e, sizeof e), w->items,
            fl_tl_pct(inc->requests ? (double)inc->failed / inc->requests : 0, a, sizeof a),
            r->analysis->access_records ? "returned" : "were at level error or above");
    if (r->analysis->access_records)
        fprintf(out, " %s", fl);
    fprintf(out, codes[0] ? ", mostly %s." : ".", codes);
    fprintf(out, " The usual failure rate is %s%%.", fl_tl_pct(d->healthy_error, b, sizeof b));
    if (cfg->patterns)
        first_sign(r, idx, out);
    fprintf(out, "\n");
    if (inc->traffic_back != SIZE_MAX)
        fprintf(out, "\nLogging stopped entirely: the first %s were logged again at %s, sustained traffic %s.\n",
                w->items,
                fl_report_hm(r, fl_report_bucket_start(r, inc->traffic_back), a, sizeof a),
                inc->recovered ? (fl_report_hm(r, end, b, sizeof b), b) : "had not returned when the logs end");

timeline:;
    write_rows(r, idx, h, zone, out);
    fl_write_changes_table(r, idx, h, out);

    size_t buckets = inc->end - inc->onset;
    fprintf(out, "\n%s Impact\n\n| | during incident | usual |\n|---|---|---|\n", h);
    if (fl_incident_counted(inc->kind)) {
        char dur2[32], usual[40];
        fl_report_usual_rate(inc->expected, cfg->bucket_ms, usual, sizeof usual);
        fprintf(out, "| %s entries | %s in %s | %s |\n", fl_report_level_word(inc), fl_tl_num(inc->failed, c, sizeof c),
                fl_tl_gap_text(end - onset, dur2, sizeof dur2), usual);
        if (inc->kind == FL_INCIDENT_ERRORS) /* the sources' own detections count errors */
            sources_row(r, idx, out);
        fprintf(out, "\n");
        return;
    }
    fprintf(out, "| %s per %s | %s | %s |\n", w->items, unit,
            fl_tl_num(buckets ? (inc->requests + buckets / 2) / buckets : 0, c, sizeof c),
            fl_tl_num((uint64_t)(fl_report_expected_mean(r, inc) + 0.5), x, sizeof x));
    fprintf(out, "| failure rate (%s) | %s%% | %s%% |\n", r->analysis->access_records ? fl : "error entries",
            fl_tl_pct(inc->requests ? (double)inc->failed / inc->requests : 0, a, sizeof a),
            fl_tl_pct(d->healthy_error, b, sizeof b));
    sources_row(r, idx, out);
    double l[3], u[3];
    size_t before = inc->onset > 60 ? inc->onset - 60 : 0;
    if (fl_report_latency(r, inc->onset, inc->end, &l[0], &l[1], &l[2]) &&
        fl_report_latency(r, before, inc->onset, &u[0], &u[1], &u[2]))
        fprintf(out, "| request time p50 / p95 / p99 | %.0f / %.0f / %.0f ms | %.0f / %.0f / %.0f ms (hour before) |\n",
                l[0], l[1], l[2], u[0], u[1], u[2]);
    if (codes[0])
        fprintf(out, "| failing status codes | %s | |\n", codes);
    if (paths[0])
        fprintf(out, "| top failing paths | %s | |\n", paths);
    char ups[256];
    fl_tl_upstreams_text(r, inc, ups, sizeof ups);
    if (ups[0])
        fprintf(out, "| top failing upstreams | %s | |\n", ups);
    fl_tl_clients_row(r, inc, out);
    fprintf(out, "\n");
}

/* No incident in server logs only: the usual rate of error entries and the busiest
 * bucket, in counts. */
static void no_burst(const fl_report *r, const char *win, FILE *out)
{
    const fl_detect_opts *o = &r->analysis->cfg->detect;
    char usual[40], a[48], c[24];
    size_t worst = 0;
    for (size_t i = 1; i < r->n; i++)
        worst = r->failed[i] > r->failed[worst] ? i : worst;
    fprintf(out, "## Issue Summary (draft)\n\nNo outage found from %s: error entries never rose far "
                 "above their usual rate of %s (an incident needs at least %u in a window and a chance "
                 "of at most %g at the usual rate).",
            win, fl_report_usual_rate(r->detection->usual_failed, r->analysis->cfg->bucket_ms, usual, sizeof usual),
            o->min_error_entries, o->significance);
    if (r->warned) /* measured apart, by the same rule */
        fprintf(out, " Nor did warning entries (usual %s).",
                fl_report_usual_rate(r->detection->usual_warned, r->analysis->cfg->bucket_ms, usual, sizeof usual));
    if (r->n && r->failed[worst])
        fprintf(out, " Most error entries in one %s: %s at %s.",
                r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket", fl_tl_num(r->failed[worst], c, sizeof c),
                fl_report_hm(r, fl_report_bucket_start(r, worst), a, sizeof a));
    fprintf(out, "\n\n");
}

static void write_no_incident(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    char win[160], a[48], b[48], x[32];
    int64_t from = fl_report_bucket_start(r, 0), to = fl_report_bucket_start(r, r->n);
    size_t worst = 0;
    for (size_t i = 1; i < r->n; i++)
        if (fl_tl_rate(r->requests[i], r->failed[i]) > fl_tl_rate(r->requests[worst], r->failed[worst]))
            worst = i;
    window_text(r, from, to, 1, win, sizeof win);
    if (d->count_rule) {
        no_burst(r, win, out);
        return;
    }
    fprintf(out, "## Issue Summary (draft)\n\nNo outage found from %s: the failure rate stayed "
                 "below the %s%% threshold (or rose above it for less than %u buckets in a row) and "
                 "traffic never collapsed. Usual failure rate %s%%, usual traffic %s %s per bucket.",
            win, fl_tl_pct(d->threshold, a, sizeof a), r->analysis->cfg->detect.onset_buckets,
            fl_tl_pct(d->healthy_error, b, sizeof b), fl_tl_num((uint64_t)(d->baseline_requests + 0.5), x, sizeof x),
            fl_report_words(r)->items);
    if (r->n && r->failed[worst])
        fprintf(out, " Highest failure rate in one bucket: %s%% at %s.",
                fl_tl_pct(fl_tl_rate(r->requests[worst], r->failed[worst]), a, sizeof a),
                fl_report_hm(r, fl_report_bucket_start(r, worst), b, sizeof b));
    fprintf(out, "\n\n");
}

/* Warn about sources (directories) whose records do not cover an incident window:
 * a host that stopped logging, or logs collected for the wrong hours. */
static void coverage_notes(const fl_report *r, FILE *out)
{
    const fl_analysis *an = r->analysis;
    for (size_t k = 0; k < r->detection->n_incidents; k++) {
        const fl_incident *inc = &r->detection->incidents[k];
        int64_t on = fl_report_bucket_start(r, inc->onset) * 1000;
        int64_t end = fl_report_bucket_start(r, inc->end) * 1000;
        for (size_t i = 0; i < an->n_sources; i++) {
            const fl_source_series *s = &an->sources[i];
            if (s->first_ms <= on && s->last_ms >= end - r->analysis->cfg->bucket_ms)
                continue;
            char f[48], l[48], o1[48], o2[48], code[400];
            fprintf(out, "- **Warning**: %s has lines from %s to %s only, not across incident %zu "
                         "(%s to %s): its view of the incident is partial.\n",
                    fl_tl_md_code(s->label, code, sizeof code, SIZE_MAX), fl_report_hm(r, fl_floor_div(s->first_ms, 1000), f, sizeof f),
                    fl_report_hm(r, fl_floor_div(s->last_ms, 1000), l, sizeof l), k + 1,
                    fl_report_hm(r, on / 1000, o1, sizeof o1), fl_report_hm(r, end / 1000, o2, sizeof o2));
        }
    }
}

static void write_notes(const fl_report *r, FILE *out)
{
    const fl_analysis *an = r->analysis;
    uint64_t lines = 0, records = 0, skipped[FL_SKIP_N] = {0}, total_skipped = 0;
    size_t gz = 0;
    char a[32], b[32], c[32], off[8];
    for (size_t i = 0; i < an->n_inputs; i++) {
        const fl_input *in = &an->inputs[i];
        lines += in->lines;
        records += in->records;
        gz += (size_t)in->gzip;
        for (size_t k = 0; k < FL_SKIP_N; k++) {
            skipped[k] += in->skipped[k];
            total_skipped += in->skipped[k];
        }
    }
    size_t files = an->n_inputs + (size_t)an->other.count;
    gz += (size_t)an->other.gzip;
    lines += an->other.lines;
    records += an->other.records;
    fprintf(out, "## Notes on the data\n\n- %zu file%s read (%zu gzipped), %s lines, %s records (%s requests).",
            files, files == 1 ? "" : "s", gz, fl_tl_num(lines, a, sizeof a),
            fl_tl_num(records, b, sizeof b), fl_tl_num(an->access_records, c, sizeof c));
    if (an->other.count)
        fprintf(out, " report.json lists %zu of them one by one (the first %d and every one with a problem, "
                     "skipped lines or evidence); the other %s are summed in its other_inputs.",
                an->n_inputs, FL_INVENTORY_CAP, fl_tl_num(an->other.count, a, sizeof a));
    if (an->unfollowed_inputs)
        fprintf(out, " Sources (directories) are followed one by one up to %d: the %s inputs of the "
                     "later ones (%s records) count in the totals but have no per-source series or "
                     "silences (report.json sources_not_followed).",
                FL_SOURCE_CAP, fl_tl_num(an->unfollowed_inputs, a, sizeof a),
                fl_tl_num(an->unfollowed_records, b, sizeof b));
    if (!an->access_records)
        fprintf(out, " No access log was found: the incidents are measured on error-level entries "
                     "of the server logs, warning bursts on warning-level ones, each against its own usual rate.");
    if (total_skipped) {
        fprintf(out, " %s lines skipped (", fl_tl_num(total_skipped, a, sizeof a));
        for (size_t k = 0, first = 1; k < FL_SKIP_N; k++)
            if (skipped[k]) {
                fprintf(out, "%s%s %s", first ? "" : ", ", fl_tl_num(skipped[k], a, sizeof a), fl_skip_names[k]);
                first = 0;
            }
        fprintf(out, "), listed per file in report.json.");
        if (lines && total_skipped * 100 > lines)
            fprintf(out, " **Warning: more than 1%% of lines were skipped.**");
    } else {
        fprintf(out, " No line was skipped.");
    }
    fprintf(out, "\n");
    fl_report_file_notes(r, 0, out);
    coverage_notes(r, out);
    fprintf(out, "- Times converted from the logs' UTC offset (%s); report zone %s.\n",
            fl_offset_str(fl_analysis_main_offset(an), off, sizeof off), fl_tz_name(r->tz));
    fl_report_zone_lines(r, out, "- ", ".\n", 1);
    fl_report_file_notes(r, 1, out);
    fl_tl_fail_label(an->cfg, a, sizeof a);
    fprintf(out, "- Failures are responses with status %s. ", a);
    if (r->detection->daily_days)
        fprintf(out, "Expected traffic is the median at the same time of day (%s either side) on the other days: "
                     "the logs cover %zu days, so a quiet night is expected to be quiet",
                fl_report_duration(an->cfg->detect.daily_window_ms / 2000, b, sizeof b), r->detection->daily_days);
    else
        fprintf(out, "Expected traffic is the median of the last %u healthy buckets", an->cfg->detect.history);
    fprintf(out, "; thresholds and the per-bucket series are in report.json.\n");
}

/* One minor incident of the compact list: "incident 3: 22 November 07:00 to 07:03,
 * 3 min, requests failed, peak impact 100%" (a silence: "traffic stopped"). */
static void minor_item(const fl_report *r, size_t k, size_t shown, FILE *out)
{
    const fl_incident *inc = &r->detection->incidents[k];
    int64_t on = fl_report_bucket_start(r, inc->onset), end = fl_report_bucket_start(r, inc->end);
    char a[48], b[48], c[32], p[16], d1[40], d2[40];
    fl_silence s;
    int same_day = strcmp(fl_report_date(r, on, d1, sizeof d1), fl_report_date(r, end, d2, sizeof d2)) == 0;
    const char *what = inc->kind == FL_INCIDENT_SILENCE    ? "sources stopped logging"
                       : inc->kind == FL_INCIDENT_WARNINGS ? "warning entries surged"
                       : inc->kind == FL_INCIDENT_RATE && fl_report_silence(r, inc, &s)
                           ? "traffic stopped"
                           : fl_report_words(r)->summary;
    if (!inc->recovered)
        snprintf(b, sizeof b, " to the end of the logs");
    else if (same_day)
        snprintf(b, sizeof b, "-%s", fl_report_clock(r, end, c, sizeof c));
    else
        snprintf(b, sizeof b, " to %s", fl_report_hm(r, end, c, sizeof c));
    fprintf(out, "%s incident %zu: %s%s, %s, %s, peak impact %s%%", shown ? ";" : "", k + 1,
            fl_report_hm(r, on, a, sizeof a), b, fl_report_duration(end - on, c, sizeof c), what,
            fl_tl_pct(inc->peak_impact, p, sizeof p));
}

/* The list of incidents before their sections: the main one named, each with the
 * requests it lost, the short minor ones folded into one line. */
static void incident_list(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    size_t main = fl_incident_main(r), minor = 0;
    int access = r->analysis->access_records > 0;
    char win[160], p[16], a[32];
    fprintf(out, "%zu incidents found; the main one is incident %zu", d->n_incidents, main + 1);
    if (access)
        fprintf(out, " (about %s requests lost)", fl_tl_about(fl_incident_lost(r, main), a, sizeof a));
    fprintf(out, ":\n\n");
    for (size_t i = 0; i < d->n_incidents; i++) {
        const fl_incident *inc = &d->incidents[i];
        if (fl_incident_minor(r, i, main)) {
            minor++;
            continue;
        }
        window_text(r, fl_report_bucket_start(r, inc->onset), fl_report_bucket_start(r, inc->end),
                    inc->recovered, win, sizeof win);
        char what[160];
        if (fl_incident_counted(inc->kind)) /* a count has no impact on traffic */
            fprintf(out, "%zu. %s%s, %s burst: %s", i + 1, i == main ? "**main**: " : "", win,
                    fl_report_level_word(inc), fl_report_count_text(r, inc, what, sizeof what));
        else
            fprintf(out, "%zu. %s%s, peak impact %s%%", i + 1, i == main ? "**main**: " : "", win,
                    fl_tl_pct(inc->peak_impact, p, sizeof p));
        if (access)
            fprintf(out, ", about %s requests lost", fl_tl_about(fl_incident_lost(r, i), a, sizeof a));
        fprintf(out, "\n");
    }
    if (minor) {
        fprintf(out, "\nMinor incidents, in brief (each under 15 min and under 5%% of the main one's loss; "
                     "no section of their own, all figures in report.json):");
        for (size_t i = 0, shown = 0; i < d->n_incidents; i++)
            if (fl_incident_minor(r, i, main))
                minor_item(r, i, shown++, out);
        fprintf(out, ".\n");
    }
    fprintf(out, "\n");
}

fl_status fl_write_timeline(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    char date[40];
    fprintf(out, "# Outage report (draft): %s\n\n",
            r->n ? fl_report_date(r, fl_report_bucket_start(r, d->n_incidents ? d->incidents[0].onset : 0),
                                  date, sizeof date)
                 : "no data");
    fprintf(out, "_Measured by faultline %s from the logs; lines marked (reported) come from "
                 "--events._\n\n",
            r->version);
    size_t main = d->n_incidents ? fl_incident_main(r) : 0;
    if (d->n_incidents > 1)
        incident_list(r, out);
    if (d->n_incidents == 0)
        write_no_incident(r, out);
    for (size_t i = 0; i < d->n_incidents; i++)
        if (!fl_incident_minor(r, i, main)) /* the minor ones are in the list alone */
            write_incident(r, i, out);
    if (r->analysis->cfg->patterns)
        write_lifecycle(r, out);
    fl_write_sources_section(r, out);
    write_notes(r, out);
    return ferror(out) ? FL_ERR_IO : FL_OK;
}

fl_status fl_timeline_text(const fl_report *r, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    FILE *mem = open_memstream(text, len);
    if (!mem)
        return FL_ERR_NOMEM;
    fl_status st = fl_write_timeline(r, mem);
    /* A memory stream fails for want of memory; glibc's fclose then leaves the
     * buffer NULL and still returns 0. */
    if (fclose(mem) != 0 || st != FL_OK || !*text) {
        free(*text);
        *text = NULL;
        *len = 0;
        return st == FL_OK || st == FL_ERR_IO ? FL_ERR_NOMEM : st;
    }
    return FL_OK;
}
