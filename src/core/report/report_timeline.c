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

/* 1234567 -> "1,234,567". */
static const char *num(uint64_t v, char *buf, size_t len)
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
static const char *gap_text(int64_t s, char *buf, size_t len)
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
static const char *pct(double fraction, char *buf, size_t len)
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
static const char *fail_label(const fl_config *c, char *buf, size_t len)
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
static const char *where(const fl_report *r, const fl_input *in, char *buf, size_t len)
{
    return fl_analysis_evidence_name(r->analysis, in, buf, len);
}
#define short_path fl_report_short_path

/* Log-derived text (names, paths, lines) as Markdown text or as a code span, safe in
 * a table cell; each returns buf. */
static const char *md_text(const char *s, char *buf, size_t len)
{
    fl_md_text(buf, len, 0, s, SIZE_MAX);
    return buf;
}

static const char *md_code(const char *s, char *buf, size_t len, size_t max)
{
    fl_md_code(buf, len, 0, s, max);
    return buf;
}

typedef struct tl_row {
    int64_t when;
    int bold;
    int exact;        /* when is a log line's own second: shown with seconds */
    char event[512];
    char evidence[256];
} tl_row;

typedef struct tl_rows {
    tl_row row[96];
    size_t n;
} tl_rows;

static tl_row *add_row(tl_rows *t, int64_t when, int bold)
{
    if (t->n == sizeof t->row / sizeof t->row[0])
        return NULL;
    tl_row *r = &t->row[t->n++];
    r->when = when;
    r->bold = bold;
    r->exact = 0;
    r->event[0] = r->evidence[0] = 0;
    return r;
}

/* Inputs whose records span bucket i, as "a, b (+N more)". */
static void covering_files(const fl_report *r, size_t i, char *buf, size_t len)
{
    int64_t lo = fl_report_bucket_start(r, i) * 1000, hi = lo + r->analysis->cfg->bucket_ms;
    size_t shown = 0, more = 0, o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < r->analysis->n_inputs; k++) {
        const fl_input *in = &r->analysis->inputs[k];
        if (!in->records || in->first_ms >= hi || in->last_ms < lo)
            continue;
        if (r->analysis->access_records && !in->access_records)
            continue; /* the series is made of requests: name the access logs */
        char name[160], w[256];
        if (shown < 2 && o < len)
            o += (size_t)snprintf(buf + o, len - o, "%s%s", shown ? ", " : "",
                                  md_text(where(r, in, w, sizeof w), name, sizeof name));
        else
            more++;
        shown++;
    }
    if (more && o < len)
        snprintf(buf + o, len - o, " (+%zu more)", more);
}

/* "503 (71%), 502 (27%)" for the failing codes of the window. */
static void codes_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len)
{
    fl_top_item top[3];
    uint64_t other;
    char p[16];
    size_t n = fl_report_top_codes(r, inc->onset, inc->end, top, 3, &other), o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < n && o < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s (%s%%)", k ? ", " : "", top[k].key,
                              pct(inc->failed ? (double)top[k].count / inc->failed : 0, p, sizeof p));
}

static void paths_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len)
{
    fl_top_item top[3];
    char p[16], code[96];
    size_t n = fl_report_top_paths(r, inc->onset, inc->end, top, 3), o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < n && o < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s (%s%%)", k ? ", " : "", md_code(top[k].key, code, sizeof code, 60),
                              pct(inc->failed ? (double)top[k].count / inc->failed : 0, p, sizeof p));
}

/* "`10.0.1.12:80` (96%), `(none)` (4%)": the upstreams that carried the failures
 * (empty when the logs name none). */
static void upstreams_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len)
{
    fl_top_item top[3];
    char p[16], code[80];
    size_t n = fl_report_top_upstreams(r, inc->onset, inc->end, top, 3), o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < n && o < len; k++) {
        md_code(top[k].key, code, sizeof code, 60);
        o += (size_t)snprintf(buf + o, len - o, "%s%s (%s%%)", k ? ", " : "", code,
                              pct(inc->failed ? (double)top[k].count / inc->failed : 0, p, sizeof p));
    }
}

#define FL_CLASS_MIN_REQUESTS 20 /* estimated requests for a class to be judged */

/* "| failures by client class | scripts/CLI tools: 96% failed (480 of ~500); browsers:
 * 0.5% (20 of ~4,000) | |" when the classes fared differently: one class failed at
 * least twice as often as all the others together and carries most failures, or a
 * class with a real share of the traffic failed at under a quarter of the overall
 * rate (spared). Nothing when they all fared alike or no agent was logged. */
static void clients_row(const fl_report *r, const fl_incident *inc, FILE *out)
{
    fl_client_mix m;
    fl_report_client_mix(r, inc->onset, inc->end, &m);
    if (!m.any_agent || !m.total_failed || !m.total_requests)
        return;
    double overall = (double)m.total_failed / (double)m.total_requests;
    int judged = 0, telling = 0;
    for (int c = 0; c < FL_CLIENT_N; c++) {
        if (m.requests[c] < FL_CLASS_MIN_REQUESTS)
            continue;
        judged++;
        double rate = m.failed[c] / m.requests[c];
        double rest_req = (double)m.total_requests - m.requests[c];
        double rest_rate = rest_req >= FL_CLASS_MIN_REQUESTS ? (m.total_failed - m.failed[c]) / rest_req : -1;
        if (rest_rate >= 0 && rate >= 2 * rest_rate && 2 * m.failed[c] > m.total_failed)
            telling = 1; /* concentrated */
        if (m.requests[c] >= 0.05 * (double)m.total_requests && rate < overall / 4)
            telling = 1; /* spared */
    }
    if (judged < 2 || !telling)
        return;
    int shown[FL_CLIENT_N] = {0};
    fprintf(out, "| failures by client class |");
    for (int k = 0; k < 4; k++) {
        int best = -1;
        for (int c = 0; c < FL_CLIENT_N; c++)
            if (!shown[c] && m.requests[c] >= FL_CLASS_MIN_REQUESTS &&
                (best < 0 || m.failed[c] > m.failed[best] ||
                 (m.failed[c] == m.failed[best] && m.requests[c] > m.requests[best])))
                best = c;
        if (best < 0)
            break;
        shown[best] = 1;
        char a[48], f[24], q[24];
        double rate = m.failed[best] / m.requests[best];
        fprintf(out, "%s %s: %s%% failed (%s of ~%s)", k ? ";" : "", fl_client_label((fl_client_class)best),
                pct(rate > 1 ? 1 : rate, a, sizeof a), num(m.failed[best], f, sizeof f),
                num((uint64_t)(m.requests[best] + 0.5), q, sizeof q));
    }
    fprintf(out, " | |\n");
}

/* The incident whose window is nearest to t (events go to one incident each). */
static size_t nearest_incident(const fl_report *r, int64_t t)
{
    const fl_detection *d = r->detection;
    size_t best = 0;
    int64_t best_gap = INT64_MAX;
    for (size_t k = 0; k < d->n_incidents; k++) {
        int64_t a = fl_report_bucket_start(r, d->incidents[k].onset);
        int64_t b = fl_report_bucket_start(r, d->incidents[k].end);
        int64_t gap = t < a ? a - t : (t > b ? t - b : 0);
        if (gap < best_gap) {
            best_gap = gap;
            best = k;
        }
    }
    return best;
}

static int cmp_row(const void *a, const void *b)
{
    const tl_row *x = a, *y = b;
    return (x->when > y->when) - (x->when < y->when);
}

static void sort_rows(tl_rows *t)
{
    /* Stable insertion sort (few rows): rows at the same time keep the order they
     * were added in, so the onset stays before a peak in the same bucket. */
    for (size_t i = 1; i < t->n; i++) {
        tl_row cur = t->row[i];
        size_t j = i;
        while (j > 0 && cmp_row(&t->row[j - 1], &cur) > 0) {
            t->row[j] = t->row[j - 1];
            j--;
        }
        t->row[j] = cur;
    }
}

static double rate(uint32_t r, uint32_t f) { return r ? (double)f / r : 0.0; }

/* "Traffic stopped: the last request before the silence was logged at 14:52:01 on 1
 * August, the first after it at 04:36:13 on 3 August, 37 h 44 min later; sustained
 * traffic from 11:28 on 3 August." */
static void silence_text(const fl_report *r, const fl_incident *inc, const fl_silence *s, FILE *out)
{
    char a[48], b[48], g[32];
    if (s->last_s >= 0)
        fprintf(out, " The last request before the silence was logged at %s", fl_report_at(r, s->last_s, a, sizeof a));
    else
        fprintf(out, " No request was logged before the silence");
    if (s->first_s >= 0 && s->last_s >= 0)
        fprintf(out, ", the first after it at %s, %s later", fl_report_at(r, s->first_s, b, sizeof b),
                gap_text(s->first_s - s->last_s, g, sizeof g));
    else if (s->first_s >= 0)
        fprintf(out, "; the first after it at %s", fl_report_at(r, s->first_s, b, sizeof b));
    else
        fprintf(out, "; none was logged again before the logs end");
    if (inc->recovered)
        fprintf(out, "; sustained traffic from %s.", fl_report_at(r, fl_report_bucket_start(r, inc->end), a, sizeof a));
    else
        fprintf(out, ".");
}

/* What bucket i looked like: "no requests logged (usual 45/min)", "41% of requests
 * failed (16 of 39; usual 0.2%)" or "traffic fell to 3 requests (usual 45/min)". */
static void bucket_text(const fl_report *r, const fl_incident *inc, size_t i, char *buf, size_t len)
{
    const fl_detection *d = r->detection;
    const fl_words *w = fl_report_words(r);
    char a[48], b[48], c[24], e[24], x[40];
    snprintf(x, sizeof x, "%s%s", num((uint64_t)(inc->expected + 0.5), e, sizeof e),
             r->analysis->cfg->bucket_ms == 60000 ? "/min" : " per bucket");
    if (inc->kind == FL_INCIDENT_ERRORS) {
        fl_report_usual_rate(inc->expected, r->analysis->cfg->bucket_ms, x, sizeof x);
        snprintf(buf, len, "%s error entr%s in the %s (usual %s)", num(r->failed[i], c, sizeof c),
                 r->failed[i] == 1 ? "y" : "ies", r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket", x);
    } else if (r->requests[i] == 0)
        snprintf(buf, len, "no %s logged (usual %s)", w->items, x);
    else if (rate(r->requests[i], r->failed[i]) >= d->threshold)
        snprintf(buf, len, "%s%% of %s %s (%s of %s; usual %s%%)",
                 pct(rate(r->requests[i], r->failed[i]), a, sizeof a), w->items, w->failed,
                 num(r->failed[i], c, sizeof c),
                 num(r->requests[i], e, sizeof e), pct(d->healthy_error, b, sizeof b));
    else
        snprintf(buf, len, "traffic fell to %s %s (usual %s)", num(r->requests[i], c, sizeof c),
                 w->items, x);
}

#define FL_TL_SIGNATURES 8 /* signature rows per incident; the rest are in report.json */
#define FL_TL_MARKERS 12   /* lifecycle rows per incident */

static int cmp_rise_count(const void *a, const void *b)
{
    const fl_sig_rise *x = a, *y = b;
    if (x->in_window != y->in_window)
        return x->in_window > y->in_window ? -1 : 1;
    return (x->first_ms > y->first_ms) - (x->first_ms < y->first_ms);
}

/* First sightings of the signatures that rose around the incident (leading signs
 * before onset included), the most frequent FL_TL_SIGNATURES of them. */
static void signature_rows(const fl_report *r, size_t idx, tl_rows *t)
{
    const fl_patterns *lib = r->analysis->cfg->patterns;
    fl_sig_summary *sums;
    fl_sig_rise *rises;
    size_t n = fl_report_signatures(r, &sums), m = fl_report_sig_rises(r, idx, sums, n, &rises);
    size_t shown = 0;
    if (m > FL_TL_SIGNATURES)
        qsort(rises, m, sizeof *rises, cmp_rise_count);
    for (size_t i = 0; i < m && shown < FL_TL_SIGNATURES; i++) {
        const fl_signature_info *info = fl_patterns_info(lib, rises[i].sum->sig);
        tl_row *row;
        if (info->is_lifecycle || !(row = add_row(t, fl_floor_div(rises[i].first_ms, 1000), 0)))
            continue; /* lifecycle markers get rows of their own */
        char code[400], name[160];
        row->exact = rises[i].exact;
        md_code(rises[i].sum->sample, code, sizeof code, 110);
        snprintf(row->event, sizeof row->event, "%s %s (%s, %llu in the window)",
                 rises[i].exact ? "First" : "Rising again:", code, info->name,
                 (unsigned long long)rises[i].in_window);
        char w[200];
        if (rises[i].exact)
            snprintf(row->evidence, sizeof row->evidence, "%s:%llu",
                     md_text(where(r, rises[i].sum->first_in, w, sizeof w), name, sizeof name),
                     (unsigned long long)rises[i].sum->first_line);
        shown++;
    }
    size_t more = 0;
    for (size_t i = 0; i < m; i++)
        more += !fl_patterns_info(lib, rises[i].sum->sig)->is_lifecycle;
    more -= shown;
    tl_row *row;
    if (more && (row = add_row(t, INT64_MAX, 0)))
        snprintf(row->event, sizeof row->event, "+%zu more signatures in report.json", more);
    free(rises);
    free(sums);
}

/* Lifecycle stories (starts, stops, kills, deploys) that begin from an hour before
 * onset to half an hour after the end, each with its exact time and source. */
static void story_text(const fl_report *r, const fl_story *st, char *event, size_t elen, char *evid,
                       size_t vlen);
static void marker_rows(const fl_report *r, size_t idx, tl_rows *t)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    int64_t bucket_s = r->analysis->cfg->bucket_ms / 1000;
    int64_t from = (fl_report_bucket_start(r, inc->onset) - FL_SIG_LOOKBACK * bucket_s) * 1000;
    int64_t to = (fl_report_bucket_start(r, inc->end) + 30 * bucket_s) * 1000;
    fl_story *st;
    size_t n = fl_report_lifecycle_stories(r, &st), shown = 0, skipped = 0;
    for (size_t i = 0; i < n; i++) {
        tl_row *row;
        if (st[i].first.m->ms < from || st[i].first.m->ms >= to)
            continue;
        if (shown == FL_TL_MARKERS || !(row = add_row(t, fl_floor_div(st[i].first.m->ms, 1000), 0))) {
            skipped++;
            continue;
        }
        story_text(r, &st[i], row->event, sizeof row->event, row->evidence, sizeof row->evidence);
        row->exact = 1;
        shown++;
    }
    tl_row *row;
    if (skipped && (row = add_row(t, INT64_MAX, 0)))
        snprintf(row->event, sizeof row->event, "+%zu more lifecycle stories in report.json", skipped);
    free(st);
}

/* Sources that stopped and resumed logging within the incident (liveness.h). */
static void silence_rows(const fl_report *r, size_t idx, tl_rows *t)
{
    fl_report_event *ev;
    size_t n = fl_report_silence_events(r, idx, &ev);
    tl_row *row;
    for (size_t i = 0; i < n && (row = add_row(t, fl_floor_div(ev[i].ms, 1000), 1)); i++) {
        snprintf(row->event, sizeof row->event, "%s", ev[i].event);
        snprintf(row->evidence, sizeof row->evidence, "%s", ev[i].evidence);
    }
    free(ev);
}

/* Rows for the top new and surging message kinds (report_changes.c); kinds that a
 * signature matches have their signature's rows instead. */
static void change_rows(const fl_report *r, size_t idx, tl_rows *t)
{
    fl_report_kind *k;
    size_t n = fl_report_changes(r, idx, &k), shown = 0;
    const char *unit = r->analysis->cfg->bucket_ms == 60000 ? "min" : "bucket";
    for (size_t i = 0; i < n && shown < FL_CHANGES_ROWS; i++) {
        tl_row *row;
        if (k[i].signature || !(row = add_row(t, fl_floor_div(k[i].at_ms, 1000), 0)))
            continue;
        char code[400], src[200], where[400], ev[800];
        md_code(k[i].text, code, sizeof code, 110);
        fl_report_kind_sources(r, k[i].info, src, sizeof src);
        if (k[i].c.is_new)
            snprintf(ev, sizeof ev, "First %s (new %s; %llu in the window, %s)", code,
                     fl_level_name(k[i].c.level), (unsigned long long)k[i].c.window, src);
        else
            snprintf(ev, sizeof ev, "Surge of %s (%s; %llu in the window against a usual %.2g/%s, %s)",
                     code, fl_level_name(k[i].c.level), (unsigned long long)k[i].c.window, k[i].c.base_rate, unit, src);
        /* A cut row is fine: the whole template is in the table below. */
        size_t len = strnlen(ev, sizeof row->event - 1);
        memcpy(row->event, ev, len);
        row->event[len] = 0;
        fl_report_kind_where(r, k[i].info, where, sizeof where);
        if (k[i].c.is_new)
            md_text(where, row->evidence, sizeof row->evidence);
        shown++;
    }
    free(k);
}

static void incident_rows(const fl_report *r, size_t idx, tl_rows *t)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    char a[48], b[48], c[24], what[256];
    tl_row *row;
    size_t on = inc->onset, pk = inc->peak;
    int rated = inc->kind != FL_INCIDENT_SILENCE; /* a silence has no rate rows */
    int counted = inc->kind == FL_INCIDENT_ERRORS; /* counts of error entries, no traffic */
    silence_rows(r, idx, t);
    if (rated && (row = add_row(t, fl_report_bucket_start(r, on), 1))) {
        bucket_text(r, inc, on, what, sizeof what);
        if (counted)
            snprintf(row->event, sizeof row->event, "**Error burst begins%s**: %s",
                     pk == on ? " at its peak" : "", what);
        else if (pk == on)
            snprintf(row->event, sizeof row->event, "**Outage begins at peak impact %s%%**: %s",
                     pct(inc->peak_impact, a, sizeof a), what);
        else
            snprintf(row->event, sizeof row->event, "**Outage begins**: %s", what);
        covering_files(r, on, row->evidence, sizeof row->evidence);
    }
    if (rated && pk != on && (row = add_row(t, fl_report_bucket_start(r, pk), 1))) {
        bucket_text(r, inc, pk, what, sizeof what);
        if (counted)
            snprintf(row->event, sizeof row->event, "**Peak of the error burst**: %s", what);
        else
            snprintf(row->event, sizeof row->event, "**Peak impact %s%%**: %s", pct(inc->peak_impact, a, sizeof a),
                     what);
        if (!counted && r->requests[pk] && inc->expected > 0) { /* impact also counts the traffic that stayed away */
            size_t used = strlen(row->event);
            snprintf(row->event + used, sizeof row->event - used, "; traffic at %s%% of usual",
                     pct(r->requests[pk] / inc->expected, b, sizeof b));
        }
    }
    fl_silence s;
    if (rated && !counted && fl_report_silence(r, inc, &s)) {
        if (s.last_s >= 0 && (row = add_row(t, s.last_s, 0))) {
            row->exact = 1;
            snprintf(row->event, sizeof row->event, "Last request before the silence");
            covering_files(r, s.last_b, row->evidence, sizeof row->evidence);
        }
        if (s.first_s >= 0 && (row = add_row(t, s.first_s, 0))) {
            char g[32];
            row->exact = 1;
            if (s.last_s >= 0)
                snprintf(row->event, sizeof row->event, "First request after %s of silence",
                         gap_text(s.first_s - s.last_s, g, sizeof g));
            else
                snprintf(row->event, sizeof row->event, "First request after the silence");
            covering_files(r, s.first_b, row->evidence, sizeof row->evidence);
        }
    } else if (rated && !counted && inc->traffic_back != SIZE_MAX && (row = add_row(t, fl_report_bucket_start(r, inc->traffic_back), 0))) {
        snprintf(row->event, sizeof row->event, "First %s logged again after silence (%s)",
                 fl_report_words(r)->items, num(r->requests[inc->traffic_back], c, sizeof c));
        covering_files(r, inc->traffic_back, row->evidence, sizeof row->evidence);
    }
    for (size_t k = 0; r->events && k < r->events->n; k++) {
        const fl_event *ev = &r->events->items[k];
        if (nearest_incident(r, ev->utc_s) != idx || !(row = add_row(t, ev->utc_s, 0)))
            continue;
        char text[400];
        snprintf(row->event, sizeof row->event, "%s (reported)", md_text(ev->text, text, sizeof text));
        snprintf(row->evidence, sizeof row->evidence, "--events");
    }
    size_t end = inc->end;
    if (!rated) {
        /* the sources' own rows say when they stopped and resumed */
    } else if (counted && (row = add_row(t, fl_report_bucket_start(r, end), 1))) {
        bucket_text(r, inc, inc->recovered ? end : end - 1, what, sizeof what);
        if (inc->recovered)
            snprintf(row->event, sizeof row->event, "**Recovered**: %s, and none far above it for %s", what,
                     fl_report_duration((int64_t)r->analysis->cfg->detect.recovery_buckets *
                                        r->analysis->cfg->bucket_ms / 1000, c, sizeof c));
        else
            snprintf(row->event, sizeof row->event, "**Logs end before recovery**: the last one had %s", what);
    } else if (inc->recovered && (row = add_row(t, fl_report_bucket_start(r, end), 1))) {
        double traffic = inc->expected > 0 ? r->requests[end] / inc->expected : 1.0;
        snprintf(row->event, sizeof row->event,
                 "**Recovered**: %s%% of %s %s, traffic at %s%% of usual, held for %s%s",
                 pct(rate(r->requests[end], r->failed[end]), a, sizeof a), fl_report_words(r)->items,
                 fl_report_words(r)->failed, pct(traffic, b, sizeof b),
                 fl_report_duration((int64_t)r->analysis->cfg->detect.recovery_buckets *
                              r->analysis->cfg->bucket_ms / 1000, c, sizeof c),
                 inc->traffic_back != SIZE_MAX ? " (sustained traffic)" : "");
    } else if (!inc->recovered && (row = add_row(t, fl_report_bucket_start(r, end), 1))) {
        snprintf(row->event, sizeof row->event,
                 "**Logs end before recovery**: in the last bucket %s%% of %s %s %s",
                 pct(rate(r->requests[end - 1], r->failed[end - 1]), a, sizeof a),
                 num(r->requests[end - 1], c, sizeof c), fl_report_words(r)->items,
                 fl_report_words(r)->failed);
    }
    if (r->analysis->cfg->patterns) {
        signature_rows(r, idx, t);
        marker_rows(r, idx, t);
    }
    change_rows(r, idx, t);
}

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
        md_code(rises[i].sum->sample, code, sizeof code, 90);
        if (rises[i].sum->host[0])
            snprintf(host, sizeof host, " on %s", md_text(rises[i].sum->host, name, sizeof name));
        fprintf(out, " The first sign was %s (%s)%s in %s at %s, %s before the failures began.", code,
                info->name, host, md_text(where(r, rises[i].sum->first_in, w, sizeof w), name, sizeof name),
                fl_report_hm(r, t, hm, sizeof hm), fl_report_duration(onset - t, dur, sizeof dur));
        break;
    }
    free(rises);
    free(sums);
}

/* A lifecycle story as a row: "`line` (name)" for one marker; "**kafka1**: 19 steps
 * from 18:14:38 to 18:14:43, `first line` (name) ... `last line` (name)" for a
 * burst. Evidence: where its first marker is. */
static void story_text(const fl_report *r, const fl_story *st, char *event, size_t elen, char *evid,
                       size_t vlen)
{
    const fl_patterns *lib = r->analysis->cfg->patterns;
    char a[200], b[200], h1[48], h2[48], w[200], name[96];
    md_code(st->first.m->sample, a, sizeof a, st->steps > 1 ? 70 : 110);
    if (st->steps == 1) {
        snprintf(event, elen, "%s (%s)", a, fl_patterns_info(lib, st->first.m->sig)->name);
    } else {
        md_code(st->last.m->sample, b, sizeof b, 70);
        char tmp[1200]; /* formatted whole, then cut to the cell */
        snprintf(tmp, sizeof tmp, "**%s**: %zu steps from %s to %s, %s (%s) ... %s (%s)",
                 md_text(st->source < r->analysis->n_sources ? r->analysis->sources[st->source].label : "(top)",
                         name, sizeof name),
                 st->steps, fl_report_hm(r, fl_floor_div(st->first.m->ms, 1000), h1, sizeof h1),
                 fl_report_hm(r, fl_floor_div(st->last.m->ms, 1000), h2, sizeof h2), a,
                 fl_patterns_info(lib, st->first.m->sig)->name, b, fl_patterns_info(lib, st->last.m->sig)->name);
        size_t k = strlen(tmp) < elen ? strlen(tmp) : elen - 1;
        memcpy(event, tmp, k);
        event[k] = 0;
    }
    snprintf(evid, vlen, "%s:%llu", md_text(where(r, st->first.in, w, sizeof w), name, sizeof name),
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
        story_text(r, &st[i], event, sizeof event, evid, sizeof evid);
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
        fprintf(out, "%s %s at %s", failing ? "," : "", md_text(v[i].src->label, name, sizeof name),
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
        incident_rows(r, idx, t);
        sort_rows(t);
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
            num((uint64_t)(expect + 0.5), c, sizeof c), num(inc->failed, e, sizeof e),
            chance_text(inc->p_value, p, sizeof p), o->min_error_entries, o->significance);
    size_t busiest = inc->onset;
    for (size_t i = inc->onset; i < inc->end; i++)
        busiest = r->failed[i] > r->failed[busiest] ? i : busiest;
    fprintf(out, " The busiest %s, at %s, held %s.", r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket",
            fl_report_hm(r, fl_report_bucket_start(r, busiest), a, sizeof a), num(r->failed[busiest], c, sizeof c));
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
    silence_text(r, inc, s, out);
    fprintf(out, " At the peak, at %s, %s%% of expected traffic was missing (usual %s requests/%s).",
            fl_report_at(r, fl_report_bucket_start(r, inc->peak), a, sizeof a), pct(inc->peak_impact, b, sizeof b),
            num((uint64_t)(inc->expected + 0.5), x, sizeof x), r->analysis->cfg->bucket_ms == 60000 ? "min" : "bucket");
    fprintf(out, " %s requests were logged in the window", num(inc->requests, c, sizeof c));
    if (inc->failed)
        fprintf(out, ", %s of them failed", num(inc->failed, x, sizeof x));
    fprintf(out, " (usual failure rate %s%%).", pct(r->detection->healthy_error, b, sizeof b));
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
    gap_text(end - onset, dur, sizeof dur);
    fail_label(cfg, fl, sizeof fl);
    zone_label(r, onset, zone, sizeof zone);
    codes_text(r, inc, codes, sizeof codes);
    paths_text(r, inc, paths, sizeof paths);
    const char *unit = cfg->bucket_ms == 60000 ? "min" : "bucket";
    const fl_words *w = fl_report_words(r);

    const char *h = d->n_incidents > 1 ? "###" : "##"; /* sections nest under "Incident k" */
    if (d->n_incidents > 1)
        fprintf(out, "## Incident %zu of %zu\n\n", idx + 1, d->n_incidents);
    fprintf(out, "%s Issue Summary (draft)\n\n", h);
    if (inc->kind == FL_INCIDENT_SILENCE) {
        fprintf(out, "From %s (%s%s), sources stopped logging:", win, dur, inc->recovered ? "" : ", not recovered");
        fl_write_silence_summary(r, idx, out);
        fprintf(out, "\n");
        write_rows(r, idx, h, zone, out);
        fprintf(out, "\n");
        return;
    }
    if (inc->kind == FL_INCIDENT_ERRORS) {
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
            pct(inc->peak_impact, b, sizeof b), w->failed, num((uint64_t)(inc->expected + 0.5), x, sizeof x),
            w->items, unit);
    fprintf(out, " %s of %s %s in the window (%s%%) %s",
            num(inc->failed, c, sizeof c), num(inc->requests, e, sizeof e), w->items,
            pct(inc->requests ? (double)inc->failed / inc->requests : 0, a, sizeof a),
            r->analysis->access_records ? "returned" : "were at level error or above");
    if (r->analysis->access_records)
        fprintf(out, " %s", fl);
    fprintf(out, codes[0] ? ", mostly %s." : ".", codes);
    fprintf(out, " The usual failure rate is %s%%.", pct(d->healthy_error, b, sizeof b));
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
    if (inc->kind == FL_INCIDENT_ERRORS) {
        char dur2[32], usual[40];
        fl_report_usual_rate(inc->expected, cfg->bucket_ms, usual, sizeof usual);
        fprintf(out, "| error entries | %s in %s | %s |\n", num(inc->failed, c, sizeof c),
                gap_text(end - onset, dur2, sizeof dur2), usual);
        sources_row(r, idx, out);
        fprintf(out, "\n");
        return;
    }
    fprintf(out, "| %s per %s | %s | %s |\n", w->items, unit,
            num(buckets ? (inc->requests + buckets / 2) / buckets : 0, c, sizeof c),
            num((uint64_t)(inc->expected + 0.5), x, sizeof x));
    fprintf(out, "| failure rate (%s) | %s%% | %s%% |\n", r->analysis->access_records ? fl : "error entries",
            pct(inc->requests ? (double)inc->failed / inc->requests : 0, a, sizeof a),
            pct(d->healthy_error, b, sizeof b));
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
    upstreams_text(r, inc, ups, sizeof ups);
    if (ups[0])
        fprintf(out, "| top failing upstreams | %s | |\n", ups);
    clients_row(r, inc, out);
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
    if (r->n && r->failed[worst])
        fprintf(out, " Most error entries in one %s: %s at %s.",
                r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket", num(r->failed[worst], c, sizeof c),
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
        if (rate(r->requests[i], r->failed[i]) > rate(r->requests[worst], r->failed[worst]))
            worst = i;
    window_text(r, from, to, 1, win, sizeof win);
    if (d->count_rule) {
        no_burst(r, win, out);
        return;
    }
    fprintf(out, "## Issue Summary (draft)\n\nNo outage found from %s: the failure rate stayed "
                 "below the %s%% threshold (or rose above it for less than %u buckets in a row) and "
                 "traffic never collapsed. Usual failure rate %s%%, usual traffic %s %s per bucket.",
            win, pct(d->threshold, a, sizeof a), r->analysis->cfg->detect.onset_buckets,
            pct(d->healthy_error, b, sizeof b), num((uint64_t)(d->baseline_requests + 0.5), x, sizeof x),
            fl_report_words(r)->items);
    if (r->n && r->failed[worst])
        fprintf(out, " Highest failure rate in one bucket: %s%% at %s.",
                pct(rate(r->requests[worst], r->failed[worst]), a, sizeof a),
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
                    md_code(s->label, code, sizeof code, SIZE_MAX), fl_report_hm(r, fl_floor_div(s->first_ms, 1000), f, sizeof f),
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
    fprintf(out, "## Notes on the data\n\n- %zu file%s read (%zu gzipped), %s lines, %s records (%s requests).",
            an->n_inputs, an->n_inputs == 1 ? "" : "s", gz, num(lines, a, sizeof a),
            num(records, b, sizeof b), num(an->access_records, c, sizeof c));
    if (!an->access_records)
        fprintf(out, " No access log was found: the incidents are measured on error-level entries "
                     "of the server logs.");
    if (total_skipped) {
        fprintf(out, " %s lines skipped (", num(total_skipped, a, sizeof a));
        for (size_t k = 0, first = 1; k < FL_SKIP_N; k++)
            if (skipped[k]) {
                fprintf(out, "%s%s %s", first ? "" : ", ", num(skipped[k], a, sizeof a), fl_skip_names[k]);
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
    fail_label(an->cfg, a, sizeof a);
    fprintf(out, "- Failures are responses with status %s. Expected traffic is the median of the "
                 "last %u healthy buckets; thresholds and the per-bucket series are in report.json.\n",
            a, an->cfg->detect.history);
}

/* The list of incidents before their sections: the main one named, each with the
 * requests it lost, the short minor ones folded into one line. */
static void incident_list(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    size_t main = fl_incident_main(r), minor = 0;
    int access = r->analysis->access_records > 0;
    char win[160], p[16], a[32], b[32];
    fprintf(out, "%zu incidents found; the main one is incident %zu", d->n_incidents, main + 1);
    if (access)
        fprintf(out, " (about %s requests lost)", num((uint64_t)llround(fl_incident_lost(r, main)), a, sizeof a));
    fprintf(out, ":\n\n");
    for (size_t i = 0; i < d->n_incidents; i++) {
        const fl_incident *inc = &d->incidents[i];
        if (fl_incident_minor(r, i, main)) {
            minor++;
            continue;
        }
        window_text(r, fl_report_bucket_start(r, inc->onset), fl_report_bucket_start(r, inc->end),
                    inc->recovered, win, sizeof win);
        fprintf(out, "%zu. %s%s, peak impact %s%%", i + 1, i == main ? "**main**: " : "", win,
                pct(inc->peak_impact, p, sizeof p));
        if (access)
            fprintf(out, ", about %s requests lost", num((uint64_t)llround(fl_incident_lost(r, i)), a, sizeof a));
        fprintf(out, "\n");
    }
    if (minor) {
        fprintf(out, "\nMinor (each under 15 min and under 5%% of the main one's loss):");
        for (size_t i = 0, shown = 0; i < d->n_incidents; i++) {
            const fl_incident *inc = &d->incidents[i];
            if (!fl_incident_minor(r, i, main))
                continue;
            int64_t on = fl_report_bucket_start(r, inc->onset), end = fl_report_bucket_start(r, inc->end);
            fprintf(out, "%s incident %zu (%s, %s)", shown++ ? "," : "", i + 1, fl_report_hm(r, on, a, sizeof a),
                    fl_report_duration(end - on, b, sizeof b));
        }
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
    if (d->n_incidents > 1)
        incident_list(r, out);
    if (d->n_incidents == 0)
        write_no_incident(r, out);
    for (size_t i = 0; i < d->n_incidents; i++)
        write_incident(r, i, out);
    if (r->analysis->cfg->patterns)
        write_lifecycle(r, out);
    fl_write_sources_section(r, out);
    write_notes(r, out);
    return ferror(out) ? FL_ERR_IO : FL_OK;
}
