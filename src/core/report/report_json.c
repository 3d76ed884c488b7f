/* report_json.c: report.json's content as a jansson tree, all but the buckets
 * (report_json_write.c writes it and streams them). Keys listed in docs/design.md
 * are stable (tool, version, bucket_seconds, timezone, inputs, baseline, incidents,
 * buckets); others may be added, never renamed. */
#include <jansson.h>
#include <stdlib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fl_json.h"
#include "time/fl_time.h"
#include "report/report.h"
#include "report/report_changes.h"
#include "report/report_json_int.h"

static json_t *pct(double fraction) { return json_real(fl_rj_pct_thousandths(fraction) / 1000.0); }

/* A JSON string even for bytes that are not UTF-8 (file names, request paths):
 * such bytes become '?', so nothing is silently dropped from the report. */
/* json_object_set_new and json_array_append_new that note a failure (out of
 * memory: a NULL value from any constructor below makes its parent's call fail) in
 * r->nomem, so a report.json short of a key is never committed. */
static void jset(const fl_report *r, json_t *o, const char *key, json_t *v)
{
    int failed = 0;
    fl_json_set(&failed, o, key, v);
    if (failed)
        fl_report_nomem(r);
}

static void jappend(const fl_report *r, json_t *a, json_t *v)
{
    int failed = 0;
    fl_json_append(&failed, a, v);
    if (failed)
        fl_report_nomem(r);
}

static json_t *text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char buf[512];
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof buf; i++)
        buf[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
    buf[i] = 0;
    return json_string(buf);
}

static json_t *iso(const fl_report *r, int64_t utc_s)
{
    char buf[40];
    return json_string(fl_report_iso(r, utc_s, buf, sizeof buf));
}

/* One template's facts (slot s of the run's mined set). */
static json_t *template_json(const fl_report *r, uint32_t s)
{
    const fl_mined *m = r->analysis->mined;
    const fl_tmpl_info *t = &m->info[s];
    char id[20], where[400], src[200];
    snprintf(id, sizeof id, "%016llx", (unsigned long long)fl_miner_id(m->miner, s));
    json_t *o = json_object(), *sources = json_array();
    jset(r, o, "id", json_string(id));
    jset(r, o, "template", text(fl_miner_text(m->miner, s)));
    jset(r, o, "level", json_string(fl_level_name(t->level)));
    jset(r, o, "count", json_integer((json_int_t)fl_miner_count(m->miner, s)));
    jset(r, o, "first_seen", t->has_time ? iso(r, fl_floor_div(t->first_ms, 1000)) : json_null());
    jset(r, o, "last_seen", t->has_time ? iso(r, fl_floor_div(t->last_ms, 1000)) : json_null());
    fl_report_kind_where(r, t, where, sizeof where);
    jset(r, o, "first_where", text(where));
    jset(r, o, "sample", text(t->sample));
    for (size_t k = 0; k < t->n_inputs; k++) {
        fl_tmpl_info one = *t; /* one source's label, by the same rule as the timeline */
        one.inputs[0] = t->inputs[k];
        one.n_inputs = 1;
        fl_report_kind_sources(r, &one, src, sizeof src);
        jappend(r, sources, text(src));
    }
    jset(r, o, "sources", sources);
    return o;
}

/* Every live template, most frequent first (ties: text), each with what it was in
 * the incidents whose "What changed" ranks it (window count, baseline rate, new or
 * surge, score); and the "other" count of templates folded away for the cap. */
static json_t *templates_json(const fl_report *r)
{
    const fl_mined *m = r->analysis->mined;
    size_t n = fl_miner_slots(m->miner), k = 0;
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    json_t **objs = calloc(n ? n : 1, sizeof *objs), *list = json_array();
    if (!order || !objs) {
        free(order);
        free(objs);
        fl_report_nomem(r);
        return list;
    }
    for (uint32_t s = 0; s < n; s++)
        if (fl_miner_count(m->miner, s))
            order[k++] = s;
    if (fl_sort_slots_by_count(m, order, k) != FL_OK)
        fl_report_nomem(r);
    for (size_t i = 0; i < k; i++)
        objs[order[i]] = template_json(r, order[i]);
    for (size_t idx = 0; idx < r->detection->n_incidents; idx++) {
        fl_report_kind *c;
        size_t nc = fl_report_changes(r, idx, &c);
        for (size_t j = 0; j < nc; j++) {
            json_t *o = objs[c[j].c.slot], *a = json_object_get(o, "incidents");
            if (!a) {
                a = json_array();
                jset(r, o, "incidents", a);
            }
            json_t *e = json_object();
            jset(r, e, "incident", json_integer((json_int_t)idx + 1));
            jset(r, e, "change", json_string(c[j].c.is_new ? "new" : "surge"));
            jset(r, e, "window_count", json_integer((json_int_t)c[j].c.window));
            jset(r, e, "baseline_per_bucket", json_real(round(c[j].c.base_rate * 1000) / 1000));
            jset(r, e, "score", json_real(round(c[j].c.score * 10) / 10));
            jset(r, e, "signature", c[j].signature ? json_string(c[j].signature) : json_null());
            jappend(r, a, e);
        }
        free(c);
    }
    for (size_t i = 0; i < k; i++)
        jappend(r, list, objs[order[i]]);
    free(order);
    free(objs);
    json_t *o = json_object();
    jset(r, o, "other_count", json_integer((json_int_t)fl_mined_other(m)));
    jset(r, o, "cap", json_integer(FL_MINER_CAP));
    jset(r, o, "list", list);
    return o;
}

/* Where an input's offset-less times were placed: "assumed_zone" (a zone name or
 * offset) and "assumed_zone_from" (input-tz, source, archive, run, utc, unaligned). */
static void zone_json(const fl_report *r, const fl_input *in, json_t *o)
{
    static const char *const from[] = {"input-tz", "source", "archive", "run", "utc", "unaligned"};
    const fl_tz *itz = r->analysis->cfg->input_tz;
    char off[8];
    const char *zone = itz ? fl_tz_name(itz) : "UTC";
    if (in->zone_guess == FL_ZONE_SOURCE || in->zone_guess == FL_ZONE_ARCHIVE || in->zone_guess == FL_ZONE_RUN)
        zone = fl_offset_str(in->zone_offset, off, sizeof off);
    int known = in->local_time_records && (itz || in->zone_guess != FL_ZONE_NONE);
    jset(r, o, "assumed_zone", in->local_time_records ? json_string(zone) : json_null());
    jset(r, o, "assumed_zone_from", known ? json_string(from[in->zone_guess]) : json_null());
}

/* The inputs summed instead of listed (the inventory cap), as report.json's
 * other_inputs. */
static json_t *other_json(const fl_report *r, const fl_input_other *ot)
{
    json_t *o = json_object();
    const struct {
        const char *key;
        uint64_t v;
    } n[] = {{"count", ot->count}, {"gzip", ot->gzip},   {"bytes", ot->bytes},
             {"lines", ot->lines}, {"blank", ot->blank}, {"header", ot->header},
             {"continuation", ot->continuation}, {"records", ot->records},
             {"access_records", ot->access_records}, {"server_errors", ot->server_errors},
             {"cap", FL_INVENTORY_CAP}};
    for (size_t k = 0; k < sizeof n / sizeof n[0]; k++)
        jset(r, o, n[k].key, json_integer((json_int_t)n[k].v));
    jset(r, o, "first", ot->records ? iso(r, fl_floor_div(ot->first_ms, 1000)) : json_null());
    jset(r, o, "last", ot->records ? iso(r, fl_floor_div(ot->last_ms, 1000)) : json_null());
    return o;
}

static json_t *input_json(const fl_report *r, const fl_input *in)
{
    json_t *o = json_object(), *skipped = json_object(), *offs = json_array();
    char off[8];
    jset(r, o, "path", text(in->path));
    jset(r, o, "format", json_string(in->format));
    jset(r, o, "format_detection", text(in->format_why));
    jset(r, o, "year_assumed", in->year_why[0] ? text(in->year_why) : json_null());
    jset(r, o, "gzip", json_boolean(in->gzip));
    jset(r, o, "binary", json_boolean(in->binary));
    jset(r, o, "bytes", json_integer((json_int_t)in->bytes));
    jset(r, o, "lines", json_integer((json_int_t)in->lines));
    jset(r, o, "blank", json_integer((json_int_t)in->blank));
    jset(r, o, "header", json_integer((json_int_t)in->header));
    jset(r, o, "continuation", json_integer((json_int_t)in->continuation));
    jset(r, o, "records", json_integer((json_int_t)in->records));
    jset(r, o, "server_errors", json_integer((json_int_t)in->server_errors));
    zone_json(r, in, o);
    jset(r, o, "records_in_assumed_zone", json_integer((json_int_t)in->local_time_records));
    jset(r, o, "lifecycle_markers_not_listed", json_integer((json_int_t)in->markers_dropped));
    if (in->match_limited) /* only then: reports of runs without it stay as they were */
        jset(r, o, "lines_over_match_limit", json_integer((json_int_t)in->match_limited));
    for (size_t k = 0; k < FL_SKIP_N; k++)
        jset(r, skipped, fl_skip_names[k], json_integer((json_int_t)in->skipped[k]));
    jset(r, o, "skipped", skipped);
    json_t *bad = json_array();
    for (size_t k = 0; k < in->n_bad_line; k++)
        jappend(r, bad, json_integer((json_int_t)in->bad_line[k]));
    jset(r, o, "first_skipped_lines", bad);
    jset(r, o, "first", in->records ? iso(r, fl_floor_div(in->first_ms, 1000)) : json_null());
    jset(r, o, "last", in->records ? iso(r, fl_floor_div(in->last_ms, 1000)) : json_null());
    for (size_t k = 0; k < in->n_offsets; k++)
        jappend(r, offs, json_string(fl_offset_str(in->offsets[k], off, sizeof off)));
    jset(r, o, "utc_offsets", offs);
    jset(r, o, "error", in->status == FL_OK ? json_null() : text(in->error));
    return o;
}

/* {"script": {"failed": 480, "requests_estimated": 500, "failed_pct": 96.0}, ...}:
 * the classes seen in buckets [from, to), by failures then requests; empty when no
 * request had a user agent. */
static json_t *clients_json(const fl_report *r, size_t from, size_t to)
{
    fl_client_mix m;
    json_t *o = json_object();
    fl_report_client_mix(r, from, to, &m);
    if (!m.any_agent)
        return o;
    int order[FL_CLIENT_N];
    for (int c = 0; c < FL_CLIENT_N; c++)
        order[c] = c;
    for (int i = 1; i < FL_CLIENT_N; i++) /* insertion sort: failures, then requests */
        for (int j = i; j > 0; j--) {
            int a = order[j - 1], b = order[j];
            if (m.failed[a] > m.failed[b] || (m.failed[a] == m.failed[b] && m.requests[a] >= m.requests[b]))
                break;
            order[j - 1] = b, order[j] = a;
        }
    for (int i = 0; i < FL_CLIENT_N; i++) {
        int c = order[i];
        if (!m.failed[c] && !m.sampled[c])
            continue;
        json_t *e = json_object();
        jset(r, e, "failed", json_integer((json_int_t)m.failed[c]));
        jset(r, e, "requests_estimated", json_integer((json_int_t)(m.requests[c] + 0.5)));
        jset(r, e, "failed_pct", m.requests[c] > 0 ? pct(m.failed[c] / m.requests[c] > 1 ? 1 : m.failed[c] / m.requests[c]) : json_null());
        jset(r, o, fl_client_key((fl_client_class)c), e);
    }
    return o;
}

static json_t *incident_json(const fl_report *r, const fl_incident *inc)
{
    static const char *const kinds[] = {"rate", "silence", "errors", "warnings"};
    json_t *o = json_object();
    jset(r, o, "kind", json_string(kinds[inc->kind]));
    int64_t onset = fl_report_bucket_start(r, inc->onset), end = fl_report_bucket_start(r, inc->end);
    jset(r, o, "onset", iso(r, onset));
    jset(r, o, "peak", iso(r, fl_report_bucket_start(r, inc->peak)));
    jset(r, o, "peak_impact_pct", pct(inc->peak_impact));
    jset(r, o, "peak_error_rate_pct", pct(inc->peak_error_rate));
    jset(r, o, "recovery", inc->recovered ? iso(r, end) : json_null());
    jset(r, o, "end", iso(r, end));
    jset(r, o, "duration_s", json_integer(end - onset));
    jset(r, o, "requests", json_integer((json_int_t)inc->requests));
    jset(r, o, "failed", json_integer((json_int_t)inc->failed));
    if (fl_incident_counted(inc->kind)) {
        jset(r, o, inc->kind == FL_INCIDENT_ERRORS ? "usual_errors_per_bucket" : "usual_warnings_per_bucket",
             json_real(inc->expected));
        jset(r, o, "p_value", json_real(inc->p_value));
    } else
        jset(r, o, "expected_requests_per_bucket", json_real(inc->expected));
    jset(r, o, "traffic_back",
                        inc->traffic_back == SIZE_MAX
                            ? json_null()
                            : iso(r, fl_report_bucket_start(r, inc->traffic_back)));
    fl_top_item top[10];
    uint64_t other;
    size_t n = fl_report_top_codes(r, inc->onset, inc->end, top, 10, &other);
    json_t *codes = json_object();
    for (size_t k = 0; k < n; k++)
        jset(r, codes, top[k].key, json_integer((json_int_t)top[k].count));
    if (other)
        jset(r, codes, "other", json_integer((json_int_t)other));
    jset(r, o, "failed_by_status", codes);
    n = fl_report_top_paths(r, inc->onset, inc->end, top, 10);
    json_t *paths = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *p = json_object();
        jset(r, p, "path", text(top[k].key));
        jset(r, p, "failed", json_integer((json_int_t)top[k].count));
        jset(r, p, "max_overcount", json_integer((json_int_t)top[k].err));
        jappend(r, paths, p);
    }
    jset(r, o, "top_failing_paths", paths);
    n = fl_report_top_upstreams(r, inc->onset, inc->end, top, 10);
    json_t *ups = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *p = json_object();
        jset(r, p, "upstream", text(top[k].key));
        jset(r, p, "failed", json_integer((json_int_t)top[k].count));
        jset(r, p, "max_overcount", json_integer((json_int_t)top[k].err));
        jappend(r, ups, p);
    }
    jset(r, o, "top_failing_upstreams", ups);
    jset(r, o, "failed_by_client_class", clients_json(r, inc->onset, inc->end));
    return o;
}

static json_t *sighting_json(const fl_report *r, int64_t ms, const fl_input *in, uint64_t line)
{
    char iso_ms[48];
    json_t *o = json_object();
    int64_t sec = fl_floor_div(ms, 1000);
    fl_report_iso(r, sec, iso_ms, sizeof iso_ms);
    jset(r, o, "time", json_string(iso_ms));
    jset(r, o, "file", text(in->path));
    jset(r, o, "line", json_integer((json_int_t)line));
    jset(r, o, "source", in->source < r->analysis->n_sources
                                         ? text(r->analysis->sources[in->source].label) : json_null());
    return o;
}

/* Every signature that matched: totals, first and last sighting, peak bucket, sample
 * and the per-bucket series (non-zero buckets only). */
static json_t *signatures_json(const fl_report *r, const fl_sig_summary *sums, size_t n)
{
    const fl_patterns *lib = r->analysis->cfg->patterns;
    json_t *arr = json_array();
    for (size_t k = 0; k < n; k++) {
        const fl_sig_summary *s = &sums[k];
        const fl_signature_info *info = fl_patterns_info(lib, s->sig);
        json_t *o = json_object(), *series = json_array();
        jset(r, o, "name", json_string(info->name));
        jset(r, o, "category", json_string(info->category));
        jset(r, o, "severity", json_string(fl_severity_name(info->severity)));
        jset(r, o, "description", text(info->description));
        jset(r, o, "count", json_integer((json_int_t)s->count));
        json_t *first = sighting_json(r, s->first_ms, s->first_in, s->first_line);
        jset(r, first, "host", text(s->host));
        jset(r, o, "first_seen", first);
        jset(r, o, "last_seen", sighting_json(r, s->last_ms, s->last_in, s->last_line));
        jset(r, o, "sample", text(s->sample));
        size_t peak = 0;
        uint64_t peak_n = 0;
        for (size_t i = 0; i < r->n; i++) {
            uint64_t c = fl_report_sig_count(r, s->sig, i, i + 1);
            if (!c)
                continue;
            if (c > peak_n)
                peak = i, peak_n = c;
            json_t *pt = json_array();
            jappend(r, pt, iso(r, fl_report_bucket_start(r, i)));
            jappend(r, pt, json_integer((json_int_t)c));
            jappend(r, series, pt);
        }
        json_t *pk = json_object();
        jset(r, pk, "start", iso(r, fl_report_bucket_start(r, peak)));
        jset(r, pk, "count", json_integer((json_int_t)peak_n));
        jset(r, o, "peak", pk);
        jset(r, o, "series", series);
        jappend(r, arr, o);
    }
    return arr;
}

/* Signatures that rose around incident k (leading indicators included). */
static json_t *incident_signatures_json(const fl_report *r, size_t k, const fl_sig_summary *sums,
                                        size_t n)
{
    fl_sig_rise *rises;
    size_t m = fl_report_sig_rises(r, k, sums, n, &rises);
    int64_t onset_ms = fl_report_bucket_start(r, r->detection->incidents[k].onset) * 1000;
    json_t *arr = json_array();
    for (size_t i = 0; i < m; i++) {
        json_t *o = json_object();
        char when[48];
        jset(r, o, "name", json_string(fl_patterns_info(r->analysis->cfg->patterns, rises[i].sum->sig)->name));
        jset(r, o, "first_in_window", json_string(fl_report_iso(r, fl_floor_div(rises[i].first_ms, 1000), when, sizeof when)));
        jset(r, o, "count_in_window", json_integer((json_int_t)rises[i].in_window));
        jset(r, o, "before_onset", json_boolean(rises[i].first_ms < onset_ms));
        jappend(r, arr, o);
    }
    free(rises);
    return arr;
}

static json_t *markers_json(const fl_report *r)
{
    fl_marker_ref *refs;
    size_t n = fl_report_markers(r, &refs);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const fl_marker *m = refs[i].m;
        json_t *o = sighting_json(r, m->ms, refs[i].in, m->line);
        jset(r, o, "name", json_string(fl_patterns_info(r->analysis->cfg->patterns, m->sig)->name));
        jset(r, o, "host", text(m->host));
        jset(r, o, "message", text(m->sample));
        jappend(r, arr, o);
    }
    free(refs);
    return arr;
}

/* Per source (directory): its own onset if it failed, and its traffic in the window. */
static json_t *sources_json(const fl_report *r, size_t k)
{
    fl_source_view *v;
    size_t n = fl_report_source_views(r, k, &v);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        jset(r, o, "source", text(v[i].src->name));
        jset(r, o, "onset", v[i].failed_at_all ? iso(r, fl_report_bucket_start(r, v[i].onset)) : json_null());
        jset(r, o, "requests", json_integer((json_int_t)v[i].requests));
        jset(r, o, "failed", json_integer((json_int_t)v[i].failed));
        jappend(r, arr, o);
    }
    free(v);
    return arr;
}

/* Source i's silences (liveness.h): last line, first line again, usual rate and gap. */
static json_t *silences_json(const fl_report *r, size_t i)
{
    json_t *arr = json_array();
    for (size_t k = 0; r->liveness && k < r->liveness->n; k++) {
        const fl_source_silence *s = &r->liveness->items[k];
        int64_t stop, resume;
        if (s->source != i)
            continue;
        fl_report_silence_times(r, s, &stop, &resume);
        json_t *o = json_object();
        jset(r, o, "last_line", iso(r, fl_floor_div(stop, 1000)));
        jset(r, o, "resumed", resume == INT64_MIN ? json_null() : iso(r, fl_floor_div(resume, 1000)));
        jset(r, o, "sustained_from", s->resumed ? iso(r, fl_report_bucket_start(r, s->to)) : json_null());
        jset(r, o, "usual_records_per_bucket", json_real(round(s->usual * 1000) / 1000));
        jset(r, o, "usual_longest_gap_buckets", json_integer((json_int_t)s->usual_gap));
        jappend(r, arr, o);
    }
    return arr;
}

/* One source's counters over its own buckets, one array per counter. */
static json_t *source_series_json(const fl_report *r, const fl_source_series *s)
{
    static const char *const keys[] = {"requests", "failed", "entries", "errors", "warnings"};
    json_t *o = json_object(), *arr[5];
    size_t span = fl_buckets_span(&s->counts);
    int64_t first = fl_buckets_first_index(&s->counts);
    jset(r, o, "start", iso(r, fl_report_bucket_start(r, (size_t)(first - r->first_index))));
    for (size_t k = 0; k < 5; k++)
        jset(r, o, keys[k], arr[k] = json_array());
    for (size_t i = 0; i < span; i++) {
        const fl_bucket *b = fl_buckets_get(&s->counts, i);
        const uint32_t v[5] = {b->requests, b->failed, b->entries, b->errors, b->warnings};
        for (size_t k = 0; k < 5; k++)
            jappend(r, arr[k], json_integer(v[k]));
    }
    return o;
}

/* Every source (directory: one host's logs): its names, span, series and silences. */
static json_t *all_sources_json(const fl_report *r)
{
    const fl_analysis *an = r->analysis;
    json_t *arr = json_array();
    for (size_t i = 0; i < an->n_sources; i++) {
        const fl_source_series *s = &an->sources[i];
        json_t *o = json_object();
        jset(r, o, "source", text(s->name));
        jset(r, o, "label", text(s->label));
        jset(r, o, "evidence_prefix", text(s->name + s->suffix_at));
        jset(r, o, "source_records", json_integer((json_int_t)s->records));
        jset(r, o, "requests", json_integer((json_int_t)s->access_records));
        jset(r, o, "first_line", iso(r, fl_floor_div(s->first_ms, 1000)));
        jset(r, o, "last_line", iso(r, fl_floor_div(s->last_ms, 1000)));
        jset(r, o, "silences", silences_json(r, i));
        jset(r, o, "series", source_series_json(r, s));
        jappend(r, arr, o);
    }
    return arr;
}

/* {"p50": .., "p95": .., "p99": ..} over buckets [from, to), ms rounded to 0.1. */
static json_t *latency_json(const fl_report *r, size_t from, size_t to)
{
    double q[3];
    json_t *o = json_object();
    fl_report_latency(r, from, to, &q[0], &q[1], &q[2]);
    static const char *const names[3] = {"p50", "p95", "p99"};
    for (int k = 0; k < 3; k++)
        jset(r, o, names[k], q[k] < 0 ? json_null() : json_real(fl_rj_ms_tenths(q[k]) / 10));
    return o;
}

json_t *fl_rj_tree(const fl_report *r)
{
    const fl_detection *d = r->detection;
    const fl_config *cfg = r->analysis->cfg;
    json_t *root = json_object();
    char off[8];
    int64_t t0 = r->n ? fl_report_bucket_start(r, 0) : 0;
    jset(r, root, "tool", json_string("faultline"));
    jset(r, root, "version", json_string(r->version));
    jset(r, root, "bucket_seconds", json_integer(cfg->bucket_ms / 1000));
    jset(r, root, "latency_relative_error", json_real(FL_LAT_ALPHA));
    jset(r, root, "client_class_sample_one_in", json_integer(FL_CLIENT_SAMPLE));
    jset(r, root, "timezone",
                        json_string(fl_offset_str(fl_tz_offset_at(r->tz, t0, NULL), off, sizeof off)));
    jset(r, root, "timezone_name", json_string(fl_tz_name(r->tz)));

    json_t *inputs = json_array();
    for (size_t i = 0; i < r->analysis->n_inputs; i++)
        jappend(r, inputs, input_json(r, &r->analysis->inputs[i]));
    jset(r, root, "inputs", inputs);
    if (r->analysis->other.count) /* only then: reports of smaller runs stay as they were */
        jset(r, root, "other_inputs", other_json(r, &r->analysis->other));

    json_t *base = json_object();
    jset(r, base, "error_rate_pct", pct(d->baseline_error));
    jset(r, base, "healthy_mean_error_rate_pct", pct(d->healthy_error));
    jset(r, base, "requests_per_bucket", json_real(d->baseline_requests));
    jset(r, base, "threshold_pct", pct(d->threshold));
    jset(r, root, "baseline", base);

    json_t *opts = json_object();
    const fl_detect_opts *o = &cfg->detect;
    jset(r, opts, "error_floor_pct", pct(o->error_floor));
    jset(r, opts, "baseline_multiplier", json_real(o->baseline_mult));
    jset(r, opts, "history_buckets", json_integer(o->history));
    jset(r, opts, "history_min_buckets", json_integer(o->history_min));
    jset(r, opts, "daily_days", json_integer(o->daily_days));
    jset(r, opts, "daily_window_s", json_integer(o->daily_window_ms / 1000));
    /* 0: expected traffic from the last healthy buckets; else the days the span covers */
    jset(r, opts, "daily_days_used", json_integer((json_int_t)d->daily_days));
    jset(r, opts, "min_expected_requests", json_real(o->min_expected));
    jset(r, opts, "collapse_pct", pct(o->collapse));
    jset(r, opts, "onset_buckets", json_integer(o->onset_buckets));
    jset(r, opts, "recovery_buckets", json_integer(o->recovery_buckets));
    jset(r, opts, "min_error_entries", json_integer(o->min_error_entries));
    jset(r, opts, "significance", json_real(o->significance));
    jset(r, opts, "silence_min_rate", json_real(o->silence_min_rate));
    jset(r, opts, "silence_window_buckets", json_integer(o->silence_window));
    jset(r, opts, "silence_gap_multiple", json_real(o->silence_gap_mult));
    jset(r, opts, "silence_min_gap_buckets", json_integer(o->silence_min_gap));
    jset(r, root, "detection", opts);

    fl_sig_summary *sums = NULL;
    size_t n_sums = cfg->patterns ? fl_report_signatures(r, &sums) : 0;
    json_t *incidents = json_array();
    for (size_t i = 0; i < d->n_incidents; i++) {
        json_t *inc = incident_json(r, &d->incidents[i]);
        if (cfg->patterns)
            jset(r, inc, "signatures", incident_signatures_json(r, i, sums, n_sums));
        jset(r, inc, "sources", sources_json(r, i));
        size_t *sil, m = fl_report_incident_silences(r, i, &sil);
        json_t *silent = json_array();
        for (size_t k = 0; sil && k < m; k++)
            jappend(r, silent, text(r->analysis->sources[r->liveness->items[sil[k]].source].label));
        free(sil);
        jset(r, inc, "silent_sources", silent);
        if (fl_report_has_latency(r)) {
            const fl_incident *x = &d->incidents[i];
            size_t before = x->onset > 60 ? x->onset - 60 : 0;
            json_t *lat = json_object();
            jset(r, lat, "during", latency_json(r, x->onset, x->end));
            jset(r, lat, "hour_before", latency_json(r, before, x->onset));
            jset(r, inc, "latency_ms", lat);
        }
        jappend(r, incidents, inc);
    }
    jset(r, root, "incidents", incidents);
    jset(r, root, "sources", all_sources_json(r));
    if (r->analysis->unfollowed_inputs) /* only then: reports of smaller runs stay as they were */
        jset(r, root, "sources_not_followed",
             json_pack("{s:I,s:I,s:i}", "inputs", (json_int_t)r->analysis->unfollowed_inputs, "records",
                       (json_int_t)r->analysis->unfollowed_records, "cap", FL_SOURCE_CAP));
    if (r->analysis->mined)
        jset(r, root, "templates", templates_json(r));
    if (cfg->patterns) {
        jset(r, root, "signatures", signatures_json(r, sums, n_sums));
        jset(r, root, "lifecycle", markers_json(r));
    }
    free(sums);

    json_t *events = json_array();
    for (size_t i = 0; r->events && i < r->events->n; i++) {
        json_t *e = json_object();
        jset(r, e, "time", iso(r, r->events->items[i].utc_s));
        jset(r, e, "text", text(r->events->items[i].text));
        jappend(r, events, e);
    }
    jset(r, root, "events", events);
    return root; /* "buckets" is written by write_buckets (report_json_write.c) */
}
