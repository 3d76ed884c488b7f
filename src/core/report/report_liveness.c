/* report_liveness.c: the words for sources that stopped logging (liveness.h): their
 * exact last and first lines, which other sources went on, timeline events, the
 * per-source section of timeline.md and the summary of a silence incident. */
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/escape.h"
#include "report/report.h"

/* Source i's label for the destination: Markdown text (md) or the terminal (labels
 * come from directory and archive names: hostile text). Returns buf. */
static const char *label_for(const fl_report *r, size_t i, int md, char *buf, size_t len)
{
    const char *l = r->analysis->sources[i].label;
    if (!md)
        return fl_esc_term(l, buf, len);
    buf[0] = 0;
    fl_md_text(buf, len, 0, l, SIZE_MAX);
    return buf;
}

/* The line of source i's record at ms that bounds a silence: the last line before it
 * (after = 0) or the first after it (after = 1), from the inputs' span ends and their
 * longest gaps. Returns the input (*line set), or NULL when no input knows it. */
static const fl_input *line_at(const fl_report *r, size_t i, int64_t ms, int after, uint64_t *line)
{
    for (size_t k = 0; k < r->analysis->n_inputs; k++) {
        const fl_input *in = &r->analysis->inputs[k];
        if (in->source != i || !in->records)
            continue;
        *line = after ? (in->first_ms == ms ? in->first_line : 0) : (in->last_ms == ms ? in->last_line : 0);
        for (size_t g = 0; !*line && g < in->n_gaps; g++)
            if ((after ? in->gaps[g].to_ms : in->gaps[g].from_ms) == ms)
                *line = after ? in->gaps[g].to_line : in->gaps[g].from_line;
        if (*line)
            return in;
    }
    return NULL;
}

/* Evidence of source i's line at ms (line_at), as Markdown text: "kafka1/logs/
 * server.log.2016-12-19-18:304", or the source's path when the line is unknown. */
static void line_evidence(const fl_report *r, size_t i, int64_t ms, int after, char *buf, size_t len)
{
    const fl_source_series *src = &r->analysis->sources[i];
    uint64_t line = 0;
    const fl_input *in = line_at(r, i, ms, after, &line);
    char where[512], name[480];
    if (in)
        snprintf(where, sizeof where, "%s:%llu", fl_analysis_evidence_name(r->analysis, in, name, sizeof name),
                 (unsigned long long)line);
    else
        snprintf(where, sizeof where, "%s", src->name[0] ? src->name + src->suffix_at : "(top)");
    buf[0] = 0;
    fl_md_text(buf, len, 0, where, SIZE_MAX);
}

void fl_report_silence_times(const fl_report *r, const fl_source_silence *s, int64_t *stop_ms,
                             int64_t *resume_ms)
{
    const fl_source_series *src = &r->analysis->sources[s->source];
    int64_t from = r->first_index + (int64_t)s->from;
    *stop_ms = s->from ? fl_source_record_time(src, from - 1, 0) : INT64_MIN;
    if (*stop_ms == INT64_MIN) /* no record just before: the bucket's start */
        *stop_ms = from * r->analysis->cfg->bucket_ms;
    *resume_ms = s->first_back < r->n
                     ? fl_source_record_time(src, r->first_index + (int64_t)s->first_back, 1)
                     : INT64_MIN;
}

/* Records of source i in series buckets [from, to). */
static uint64_t records_in(const fl_report *r, size_t i, size_t from, size_t to)
{
    const fl_source_series *s = &r->analysis->sources[i];
    uint64_t sum = 0;
    for (size_t b = from; b < to; b++) {
        int64_t at = r->first_index + (int64_t)b - fl_buckets_first_index(&s->counts);
        if (at >= 0 && (size_t)at < fl_buckets_span(&s->counts)) {
            const fl_bucket *k = fl_buckets_get(&s->counts, (size_t)at);
            sum += k->requests + k->entries;
        }
    }
    return sum;
}

/* Whether source i has a silence overlapping buckets [from, to). */
static int silent_in(const fl_report *r, size_t i, size_t from, size_t to)
{
    for (size_t k = 0; r->liveness && k < r->liveness->n; k++) {
        const fl_source_silence *s = &r->liveness->items[k];
        if (s->source == i && s->from < to && s->to > from)
            return 1;
    }
    return 0;
}

/* "; kafka0 and kafka2 logged throughout" (up to three names, then a count; md as
 * label_for). */
static void others_text(const fl_report *r, const fl_source_silence *s, int md, char *buf, size_t len)
{
    char name[256];
    size_t n = 0, shown = 0, o = 0, total = r->analysis->n_sources;
    size_t *idx = malloc((total ? total : 1) * sizeof *idx);
    buf[0] = 0;
    if (!idx)
        return;
    for (size_t i = 0; i < total; i++)
        if (i != s->source && !silent_in(r, i, s->from, s->to) && records_in(r, i, s->from, s->to))
            idx[n++] = i;
    if (n == 0 && total > 1)
        snprintf(buf, len, "; no other source logged meanwhile");
    else if (n > 3)
        snprintf(buf, len, "; %zu other sources logged throughout", n);
    for (size_t k = 0; n && n <= 3 && k < n && o < len; k++, shown++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s", k == 0 ? "; " : k + 1 == n ? " and " : ", ",
                              label_for(r, idx[k], md, name, sizeof name));
    if (shown && o < len)
        snprintf(buf + o, len - o, " logged throughout");
    free(idx);
}

/* HH:MM:SS of a UTC ms time in the report zone (seconds always: a log line's time,
 * never to be taken for a bucket's start). */
static char *hms(const fl_report *r, int64_t ms, char *buf, size_t len)
{
    return fl_report_hms(r, fl_floor_div(ms, 1000), buf, len);
}

char *fl_report_silence_text(const fl_report *r, const fl_source_silence *s, int others_too, int md, char *buf,
                             size_t len)
{
    int64_t stop, resume;
    char a[48], b[48], d[32], others[512] = "", name[256];
    fl_report_silence_times(r, s, &stop, &resume);
    label_for(r, s->source, md, name, sizeof name);
    if (others_too)
        others_text(r, s, md, others, sizeof others);
    if (resume == INT64_MIN) {
        snprintf(buf, len, "%s stopped logging at %s (last line) and had not resumed when the logs end "
                           "(%s later)%s", name, hms(r, stop, a, sizeof a),
                 fl_report_duration(fl_report_bucket_start(r, r->n) - fl_floor_div(stop, 1000), d, sizeof d),
                 others);
        return buf;
    }
    size_t o = (size_t)snprintf(buf, len, "%s stopped logging at %s (last line), resumed %s (%s)", name,
                                hms(r, stop, a, sizeof a), hms(r, resume, b, sizeof b),
                                fl_report_duration(fl_floor_div(resume - stop, 1000), d, sizeof d));
    if (s->to != s->first_back && o < len) /* lines trickled in, then another gap */
        o += (size_t)snprintf(buf + o, len - o, ", logging steadily again from %s",
                              fl_report_hm(r, fl_report_bucket_start(r, s->to), a, sizeof a));
    if (o < len)
        snprintf(buf + o, len - o, "%s", others);
    return buf;
}

size_t fl_report_incident_silences(const fl_report *r, size_t k, size_t **out)
{
    const fl_incident *inc = &r->detection->incidents[k];
    size_t n = 0, total = r->liveness ? r->liveness->n : 0;
    *out = malloc((total ? total : 1) * sizeof **out);
    for (size_t i = 0; *out && i < total; i++) {
        const fl_source_silence *s = &r->liveness->items[i];
        if (s->from < (inc->end > inc->onset ? inc->end : inc->onset + 1) && s->to > inc->onset)
            (*out)[n++] = i;
    }
    return n;
}

size_t fl_report_silence_events(const fl_report *r, size_t k, fl_report_event **out)
{
    size_t *idx, m = fl_report_incident_silences(r, k, &idx), n = 0;
    if (r->analysis->access_records && r->analysis->n_sources < 2)
        m = 0; /* the access log's own silence rows say it (fl_report_silence) */
    *out = calloc(m ? 2 * m : 1, sizeof **out);
    for (size_t i = 0; idx && *out && i < m; i++) {
        const fl_source_silence *s = &r->liveness->items[idx[i]];
        int64_t stop, resume;
        char d[32];
        fl_report_silence_times(r, s, &stop, &resume);
        char name[256];
        label_for(r, s->source, 1, name, sizeof name);
        fl_report_event *e = &(*out)[n++];
        e->ms = stop;
        snprintf(e->event, sizeof e->event, "**%s stopped logging** (its last line; it usually writes "
                 "%.1f lines %s)", name, s->usual, r->analysis->cfg->bucket_ms == 60000 ? "a minute" : "a bucket");
        line_evidence(r, s->source, stop, 0, e->evidence, sizeof e->evidence);
        if (resume == INT64_MIN)
            continue;
        e = &(*out)[n++];
        e->ms = resume;
        snprintf(e->event, sizeof e->event, "**%s resumed logging** after %s", name,
                 fl_report_duration(fl_floor_div(resume - stop, 1000), d, sizeof d));
        line_evidence(r, s->source, resume, 1, e->evidence, sizeof e->evidence);
    }
    free(idx);
    return *out ? n : 0;
}

/* "| kafka1 | 18:00 | 19:59 | 7,204 | stopped 18:14:43, resumed 19:27:49 (1 h 13 min) |" */
static void source_line(const fl_report *r, size_t i, FILE *out)
{
    const fl_source_series *s = &r->analysis->sources[i];
    char a[48], b[48], text[1024], name[256];
    fprintf(out, "| %s | %s | %s | %llu |", label_for(r, i, 1, name, sizeof name), hms(r, s->first_ms, a, sizeof a),
            hms(r, s->last_ms, b, sizeof b), (unsigned long long)s->records);
    int any = 0;
    for (size_t k = 0; r->liveness && k < r->liveness->n; k++)
        if (r->liveness->items[k].source == i)
            fprintf(out, "%s %s", any++ ? ";" : "",
                    fl_report_silence_text(r, &r->liveness->items[k], 0, 1, text, sizeof text));
    fprintf(out, "%s |\n", any ? "" : " logged throughout");
}

void fl_write_sources_section(const fl_report *r, FILE *out)
{
    const fl_analysis *an = r->analysis;
    if (an->n_sources < 2) /* one source: the incidents tell its story */
        return;
    fprintf(out, "## Sources\n\nEach directory is a source (one host's logs); a silence is a gap much "
                 "longer than the source's usual gaps.\n\n| source | first line | last line | records "
                 "| silences |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < an->n_sources && i < 40; i++)
        source_line(r, i, out);
    if (an->n_sources > 40)
        fprintf(out, "\n+%zu more sources in report.json (`sources`).\n", an->n_sources - 40);
    fprintf(out, "\n");
}

void fl_write_silence_summary(const fl_report *r, size_t k, int md, FILE *out)
{
    size_t *idx, m = fl_report_incident_silences(r, k, &idx);
    char text[1024];
    for (size_t i = 0; idx && i < m; i++)
        fprintf(out, "%s%s", i ? "; " : " ",
                fl_report_silence_text(r, &r->liveness->items[idx[i]], 1, md, text, sizeof text));
    fprintf(out, ".");
    free(idx);
}
