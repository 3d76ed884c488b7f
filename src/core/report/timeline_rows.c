/* timeline_rows.c: the rows of an incident's Timeline table in timeline.md (onset,
 * peak, recovery, signatures, lifecycle stories, silences, mined kinds). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/escape.h"
#include "report/report_changes.h"
#include "report/timeline_int.h"


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
                                  fl_tl_md_text(fl_tl_where(r, in, w, sizeof w), name, sizeof name));
        else
            more++;
        shown++;
    }
    if (more && o < len)
        snprintf(buf + o, len - o, " (+%zu more)", more);
}

/* "503 (71%), 502 (27%)" for the failing codes of the window. */
void fl_tl_codes_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len)
{
    fl_top_item top[3];
    uint64_t other;
    char p[16];
    size_t n = fl_report_top_codes(r, inc->onset, inc->end, top, 3, &other), o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < n && o < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s (%s%%)", k ? ", " : "", top[k].key,
                              fl_tl_pct(inc->failed ? (double)top[k].count / inc->failed : 0, p, sizeof p));
}

void fl_tl_paths_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len)
{
    fl_top_item top[3];
    char p[16], code[96];
    size_t n = fl_report_top_paths(r, inc->onset, inc->end, top, 3), o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < n && o < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s (%s%%)", k ? ", " : "", fl_tl_md_code(top[k].key, code, sizeof code, 60),
                              fl_tl_pct(inc->failed ? (double)top[k].count / inc->failed : 0, p, sizeof p));
}

/* "`10.0.1.12:80` (96%), `(none)` (4%)": the upstreams that carried the failures
 * (empty when the logs name none). */
void fl_tl_upstreams_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len)
{
    fl_top_item top[3];
    char p[16], code[80];
    size_t n = fl_report_top_upstreams(r, inc->onset, inc->end, top, 3), o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < n && o < len; k++) {
        fl_tl_md_code(top[k].key, code, sizeof code, 60);
        o += (size_t)snprintf(buf + o, len - o, "%s%s (%s%%)", k ? ", " : "", code,
                              fl_tl_pct(inc->failed ? (double)top[k].count / inc->failed : 0, p, sizeof p));
    }
}

#define FL_CLASS_MIN_REQUESTS 20 /* estimated requests for a class to be judged */

/* "| failures by client class | scripts/CLI tools: 96% failed (480 of ~500); browsers:
 * 0.5% (20 of ~4,000) | |" when the classes fared differently: one class failed at
 * least twice as often as all the others together and carries most failures, or a
 * class with a real share of the traffic failed at under a quarter of the overall
 * rate (spared). Nothing when they all fared alike or no agent was logged. */
void fl_tl_clients_row(const fl_report *r, const fl_incident *inc, FILE *out)
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
                fl_tl_pct(rate > 1 ? 1 : rate, a, sizeof a), fl_tl_num(m.failed[best], f, sizeof f),
                fl_tl_num((uint64_t)(m.requests[best] + 0.5), q, sizeof q));
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

void fl_tl_sort_rows(tl_rows *t)
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

/* "Traffic stopped: the last request before the silence was logged at 14:52:01 on 1
 * August, the first after it at 04:36:13 on 3 August, 37 h 44 min later; sustained
 * traffic from 11:28 on 3 August." */
void fl_tl_silence_text(const fl_report *r, const fl_incident *inc, const fl_silence *s, FILE *out)
{
    char a[48], b[48], g[32];
    if (s->last_s >= 0)
        fprintf(out, " The last request before the silence was logged at %s", fl_report_at(r, s->last_s, a, sizeof a));
    else
        fprintf(out, " No request was logged before the silence");
    if (s->first_s >= 0 && s->last_s >= 0)
        fprintf(out, ", the first after it at %s, %s later", fl_report_at(r, s->first_s, b, sizeof b),
                fl_tl_gap_text(s->first_s - s->last_s, g, sizeof g));
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
    snprintf(x, sizeof x, "%s%s", fl_tl_num((uint64_t)(inc->expected + 0.5), e, sizeof e),
             r->analysis->cfg->bucket_ms == 60000 ? "/min" : " per bucket");
    if (fl_incident_counted(inc->kind)) {
        const uint32_t *K = fl_report_counted(r, inc);
        fl_report_usual_rate(inc->expected, r->analysis->cfg->bucket_ms, x, sizeof x);
        snprintf(buf, len, "%s %s entr%s in the %s (usual %s)", fl_tl_num(K[i], c, sizeof c),
                 fl_report_level_word(inc), K[i] == 1 ? "y" : "ies",
                 r->analysis->cfg->bucket_ms == 60000 ? "minute" : "bucket", x);
    } else if (r->requests[i] == 0)
        snprintf(buf, len, "no %s logged (usual %s)", w->items, x);
    else if (fl_tl_rate(r->requests[i], r->failed[i]) >= d->threshold)
        snprintf(buf, len, "%s%% of %s %s (%s of %s; usual %s%%)",
                 fl_tl_pct(fl_tl_rate(r->requests[i], r->failed[i]), a, sizeof a), w->items, w->failed,
                 fl_tl_num(r->failed[i], c, sizeof c),
                 fl_tl_num(r->requests[i], e, sizeof e), fl_tl_pct(d->healthy_error, b, sizeof b));
    else
        snprintf(buf, len, "traffic fell to %s %s (usual %s)", fl_tl_num(r->requests[i], c, sizeof c),
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

/* ev as the row's event, cut to fit. */
static void set_event(tl_row *row, const char *ev)
{
    size_t len = strnlen(ev, sizeof row->event - 1);
    memcpy(row->event, ev, len);
    row->event[len] = 0;
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
    /* The count's window, named: it is not the What changed table's (nearer onset). */
    const fl_incident *inc = &r->detection->incidents[idx];
    char w_from[48], w_to[48];
    fl_report_hm(r, fl_report_bucket_start(r, inc->onset > FL_SIG_LOOKBACK ? inc->onset - FL_SIG_LOOKBACK : 0),
                 w_from, sizeof w_from);
    fl_report_hm(r, fl_report_bucket_start(r, inc->end), w_to, sizeof w_to);
    if (m > FL_TL_SIGNATURES)
        qsort(rises, m, sizeof *rises, cmp_rise_count);
    for (size_t i = 0; i < m && shown < FL_TL_SIGNATURES; i++) {
        const fl_signature_info *info = fl_patterns_info(lib, rises[i].sum->sig);
        tl_row *row;
        if (info->is_lifecycle || !(row = add_row(t, fl_floor_div(rises[i].first_ms, 1000), 0)))
            continue; /* lifecycle markers get rows of their own */
        char code[400], name[160];
        row->exact = rises[i].exact;
        fl_tl_md_code(rises[i].sum->sample, code, sizeof code, 110);
        char ev[800];
        snprintf(ev, sizeof ev, "%s %s (%s, %llu from %s to %s)", rises[i].exact ? "First" : "Rising again:",
                 code, info->name, (unsigned long long)rises[i].in_window, w_from, w_to);
        set_event(row, ev);
        char w[200];
        if (rises[i].exact)
            snprintf(row->evidence, sizeof row->evidence, "%s:%llu",
                     fl_tl_md_text(fl_tl_where(r, rises[i].sum->first_in, w, sizeof w), name, sizeof name),
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
        fl_tl_story_text(r, &st[i], row->event, sizeof row->event, row->evidence, sizeof row->evidence);
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
        row->exact = 1; /* a log line's own second, even :00 */
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
        char code[400], raw[200], src[400], where[400], ev[1024];
        fl_tl_md_code(k[i].text, code, sizeof code, 110);
        fl_report_kind_sources(r, k[i].info, raw, sizeof raw);
        fl_tl_md_text(raw, src, sizeof src); /* source labels are directory names */
        if (k[i].c.is_new)
            snprintf(ev, sizeof ev, "First %s (new %s; %llu in the window, %s)", code,
                     fl_level_name(k[i].c.level), (unsigned long long)k[i].c.window, src);
        else
            snprintf(ev, sizeof ev, "Surge of %s (%s; %llu in the window against a usual %.2g/%s, %s)",
                     code, fl_level_name(k[i].c.level), (unsigned long long)k[i].c.window, k[i].c.base_rate, unit, src);
        set_event(row, ev); /* a cut row is fine: the whole template is in the table below */
        fl_report_kind_where(r, k[i].info, where, sizeof where);
        if (k[i].c.is_new)
            fl_tl_md_text(where, row->evidence, sizeof row->evidence);
        shown++;
    }
    free(k);
}

/* In an error burst's timeline, the warning bursts from FL_SIG_LOOKBACK buckets before
 * its onset to its end: "Warning burst (incident 1): 320 warning entries in 8 min
 * against a usual 2/min", at the warning burst's onset. */
static void warning_rows(const fl_report *r, size_t idx, tl_rows *t)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    size_t from = inc->onset > FL_SIG_LOOKBACK ? inc->onset - FL_SIG_LOOKBACK : 0;
    tl_row *row;
    for (size_t k = 0; inc->kind == FL_INCIDENT_ERRORS && k < r->detection->n_incidents; k++) {
        const fl_incident *w = &r->detection->incidents[k];
        if (w->kind != FL_INCIDENT_WARNINGS || w->end <= from || w->onset >= inc->end ||
            !(row = add_row(t, fl_report_bucket_start(r, w->onset), 0)))
            continue;
        char what[160];
        snprintf(row->event, sizeof row->event, "Warning burst (incident %zu): %s", k + 1,
                 fl_report_count_text(r, w, what, sizeof what));
        covering_files(r, w->onset, row->evidence, sizeof row->evidence);
    }
}

void fl_tl_incident_rows(const fl_report *r, size_t idx, tl_rows *t)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    char a[48], b[48], c[24], what[256];
    tl_row *row;
    size_t on = inc->onset, pk = inc->peak;
    int rated = inc->kind != FL_INCIDENT_SILENCE; /* a silence has no rate rows */
    int counted = fl_incident_counted(inc->kind); /* counts of entries at a level, no traffic */
    const char *burst = inc->kind == FL_INCIDENT_WARNINGS ? "Warning burst" : "Error burst";
    silence_rows(r, idx, t);
    warning_rows(r, idx, t);
    if (rated && (row = add_row(t, fl_report_bucket_start(r, on), 1))) {
        bucket_text(r, inc, on, what, sizeof what);
        if (counted)
            snprintf(row->event, sizeof row->event, "**%s begins%s**: %s", burst,
                     pk == on ? " at its peak" : "", what);
        else if (pk == on)
            snprintf(row->event, sizeof row->event, "**Outage begins at peak impact %s%%**: %s",
                     fl_tl_pct(inc->peak_impact, a, sizeof a), what);
        else
            snprintf(row->event, sizeof row->event, "**Outage begins**: %s", what);
        covering_files(r, on, row->evidence, sizeof row->evidence);
    }
    if (rated && pk != on && (row = add_row(t, fl_report_bucket_start(r, pk), 1))) {
        bucket_text(r, inc, pk, what, sizeof what);
        if (counted)
            snprintf(row->event, sizeof row->event, "**Peak of the %s burst**: %s", fl_report_level_word(inc),
                     what);
        else
            snprintf(row->event, sizeof row->event, "**Peak impact %s%%**: %s", fl_tl_pct(inc->peak_impact, a, sizeof a),
                     what);
        if (!counted && r->requests[pk] && inc->expected > 0) { /* impact also counts the traffic that stayed away */
            size_t used = strlen(row->event);
            snprintf(row->event + used, sizeof row->event - used, "; traffic at %s%% of usual",
                     fl_tl_pct(r->requests[pk] / inc->expected, b, sizeof b));
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
                         fl_tl_gap_text(s.first_s - s.last_s, g, sizeof g));
            else
                snprintf(row->event, sizeof row->event, "First request after the silence");
            covering_files(r, s.first_b, row->evidence, sizeof row->evidence);
        }
    } else if (rated && !counted && inc->traffic_back != SIZE_MAX && (row = add_row(t, fl_report_bucket_start(r, inc->traffic_back), 0))) {
        snprintf(row->event, sizeof row->event, "First %s logged again after silence (%s)",
                 fl_report_words(r)->items, fl_tl_num(r->requests[inc->traffic_back], c, sizeof c));
        covering_files(r, inc->traffic_back, row->evidence, sizeof row->evidence);
    }
    for (size_t k = 0; r->events && k < r->events->n; k++) {
        const fl_event *ev = &r->events->items[k];
        if (nearest_incident(r, ev->utc_s) != idx || !(row = add_row(t, ev->utc_s, 0)))
            continue;
        char text[400];
        snprintf(row->event, sizeof row->event, "%s (reported)", fl_tl_md_text(ev->text, text, sizeof text));
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
                 fl_tl_pct(fl_tl_rate(r->requests[end], r->failed[end]), a, sizeof a), fl_report_words(r)->items,
                 fl_report_words(r)->failed, fl_tl_pct(traffic, b, sizeof b),
                 fl_report_duration((int64_t)r->analysis->cfg->detect.recovery_buckets *
                              r->analysis->cfg->bucket_ms / 1000, c, sizeof c),
                 inc->traffic_back != SIZE_MAX ? " (sustained traffic)" : "");
    } else if (!inc->recovered && (row = add_row(t, fl_report_bucket_start(r, end), 1))) {
        snprintf(row->event, sizeof row->event,
                 "**Logs end before recovery**: in the last bucket %s%% of %s %s %s",
                 fl_tl_pct(fl_tl_rate(r->requests[end - 1], r->failed[end - 1]), a, sizeof a),
                 fl_tl_num(r->requests[end - 1], c, sizeof c), fl_report_words(r)->items,
                 fl_report_words(r)->failed);
    }
    if (r->analysis->cfg->patterns) {
        signature_rows(r, idx, t);
        marker_rows(r, idx, t);
    }
    change_rows(r, idx, t);
}
