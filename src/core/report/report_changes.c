/* report_changes.c: each incident's ranked template kinds (new and surging), their
 * sources and first sightings, and the "What changed" table of timeline.md. */
#include "report/report_changes.h"

#include <stdlib.h>
#include <string.h>

#include "report/escape.h"
#include "time/fl_time.h"

void fl_report_change_window(const fl_report *r, size_t idx, int64_t *b0, int64_t *w0, int64_t *w1)
{
    const fl_incident *inc = &r->detection->incidents[idx];
    size_t lead = inc->onset > FL_CHANGE_LEAD ? inc->onset - FL_CHANGE_LEAD : 0;
    *b0 = r->first_index;
    *w0 = r->first_index + (int64_t)lead;
    *w1 = r->first_index + (int64_t)inc->peak + 1;
}

/* The signature (not a lifecycle marker) that text matches, or NULL. */
static const char *signature_of(const fl_patterns *lib, fl_matcher *m, const char *text)
{
    uint32_t hit;
    if (!m || !text[0] || fl_matcher_run(m, text, strlen(text), &hit, 1) == 0)
        return NULL;
    const fl_signature_info *info = fl_patterns_info(lib, hit);
    return info->is_lifecycle ? NULL : info->name;
}

/* The start (UTC ms) of the first bucket in [w0, w1) where slot's count is above
 * twice the usual rate (and at least 1). */
static int64_t surge_start(const fl_mined *m, const fl_change *c, int64_t w0, int64_t w1)
{
    const fl_tmpl_series *s = &m->series[c->slot];
    for (size_t i = 0; i < s->n; i++)
        if (s->at[i].bucket >= w0 && s->at[i].bucket < w1 && (double)s->at[i].count > 2 * c->base_rate)
            return s->at[i].bucket * m->bucket_ms;
    return w0 * m->bucket_ms;
}

size_t fl_report_changes(const fl_report *r, size_t idx, fl_report_kind **out)
{
    const fl_mined *m = r->analysis->mined;
    const fl_patterns *lib = r->analysis->cfg->patterns;
    int64_t b0, w0, w1;
    fl_change *c;
    size_t n;
    *out = NULL;
    if (!m)
        return 0;
    fl_report_change_window(r, idx, &b0, &w0, &w1);
    if (fl_changes_rank(m, b0, w0, w1, FL_CHANGES_SHOWN, &c, &n) != FL_OK ||
        (n && !(*out = malloc(n * sizeof **out)))) {
        fl_report_nomem(r);
        return 0;
    }
    fl_matcher *mt = lib && n ? fl_matcher_new(lib) : NULL;
    for (size_t i = 0; i < n; i++) {
        fl_report_kind *k = &(*out)[i];
        k->c = c[i];
        k->text = fl_miner_text(m->miner, c[i].slot);
        k->info = &m->info[c[i].slot];
        k->signature = signature_of(lib, mt, k->info->sample);
        k->at_ms = c[i].is_new ? k->info->first_ms : surge_start(m, &c[i], w0, w1);
    }
    fl_matcher_free(mt);
    free(c);
    return n;
}

/* What text calls input i's source. */
static const char *source_label(const fl_analysis *a, uint32_t i)
{
    const fl_input *in = &a->inputs[i];
    if (in->source < a->n_sources && a->sources[in->source].label && a->sources[in->source].label[0])
        return a->sources[in->source].label;
    return fl_report_short_path(in->path);
}

void fl_report_kind_sources(const fl_report *r, const fl_tmpl_info *t, char *buf, size_t len)
{
    const fl_analysis *a = r->analysis;
    const char *seen[FL_TMPL_SOURCES];
    size_t n = 0, o = 0;
    buf[0] = 0;
    for (size_t k = 0; k < t->n_inputs; k++) {
        if (t->inputs[k] >= a->n_inputs)
            continue;
        const char *l = source_label(a, t->inputs[k]);
        size_t j = 0;
        while (j < n && strcmp(seen[j], l) != 0)
            j++;
        if (j < n)
            continue; /* two files of one source */
        seen[n++] = l;
        int w = snprintf(buf + o, len - o, "%s%s", n == 1 ? "" : n == 2 ? " first, then " : ", ", l);
        if (w < 0 || (size_t)w >= len - o)
            break;
        o += (size_t)w;
    }
}

void fl_report_kind_where(const fl_report *r, const fl_tmpl_info *t, char *buf, size_t len)
{
    char name[300];
    if (t->first_input >= r->analysis->n_inputs) {
        snprintf(buf, len, "line %llu", (unsigned long long)t->first_line);
        return;
    }
    fl_analysis_evidence_name(r->analysis, &r->analysis->inputs[t->first_input], name, sizeof name);
    snprintf(buf, len, "%s:%llu", name, (unsigned long long)t->first_line);
}

/* One table row of kind k. */
static void table_row(const fl_report *r, const fl_report_kind *k, FILE *out)
{
    char kind[600], at[48], where[400], w2[500], src[200], s2[300], sample[600], rate[32];
    if (k->signature)
        fl_md_text(kind, sizeof kind, 0, k->signature, SIZE_MAX);
    else
        fl_md_code(kind, sizeof kind, 0, k->text, 120);
    fl_report_clock(r, fl_floor_div(k->info->first_ms, 1000), at, sizeof at);
    fl_report_kind_where(r, k->info, where, sizeof where);
    fl_md_text(w2, sizeof w2, 0, where, SIZE_MAX);
    fl_report_kind_sources(r, k->info, src, sizeof src);
    fl_md_text(s2, sizeof s2, 0, src, SIZE_MAX);
    fl_md_code(sample, sizeof sample, 0, k->info->sample, 110);
    snprintf(rate, sizeof rate, "%.2g/%s", k->c.base_rate, r->analysis->cfg->bucket_ms == 60000 ? "min" : "bucket");
    fprintf(out, "| %s | %s | %s | %llu | %s | %.1f | %s, %s | %s | %s |\n", kind, fl_level_name(k->c.level),
            k->c.is_new ? "new" : "surge", (unsigned long long)k->c.window, k->c.is_new ? "never" : rate,
            k->c.score, at, w2, s2, sample);
}

void fl_write_changes_table(const fl_report *r, size_t idx, const char *h, FILE *out)
{
    fl_report_kind *k;
    size_t n = fl_report_changes(r, idx, &k);
    if (!n)
        return;
    int64_t b0, w0, w1;
    char from[48], to[48];
    fl_report_change_window(r, idx, &b0, &w0, &w1);
    fprintf(out, "\n%s What changed\n\nMessage kinds (mined templates) most unusual in the window from %s "
                 "(%d buckets before onset) through the peak at %s, against the logs before it: new kinds "
                 "first seen there, and surges; errors first, then warnings. The score is -log10 of the chance "
                 "of so many at the usual rate (Poisson): 6 is one in a million.\n\n"
                 "| kind | level | | in window | usual | score | first seen | sources | sample |\n"
                 "|---|---|---|---|---|---|---|---|---|\n",
            h, fl_report_hm(r, fl_report_bucket_start(r, (size_t)(w0 - b0)), from, sizeof from), FL_CHANGE_LEAD,
            fl_report_hm(r, fl_report_bucket_start(r, (size_t)(w1 - 1 - b0)), to, sizeof to));
    for (size_t i = 0; i < n; i++)
        table_row(r, &k[i], out);
    free(k);
}
