/* report_signatures.c: error signatures across inputs: totals and first/last
 * sightings, which of them rose around an incident, and the lifecycle markers. */
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "report/report.h"

static int cmp_summary(const void *a, const void *b)
{
    const fl_sig_summary *x = a, *y = b;
    if (x->first_ms != y->first_ms)
        return x->first_ms < y->first_ms ? -1 : 1;
    return (x->sig > y->sig) - (x->sig < y->sig);
}

size_t fl_report_signatures(const fl_report *r, fl_sig_summary **out)
{
    const fl_analysis *an = r->analysis;
    size_t n_sig = an->buckets.n_sig, n = 0;
    fl_sig_summary *all = n_sig ? calloc(n_sig, sizeof *all) : NULL;
    *out = NULL;
    if (!all) {
        if (n_sig)
            fl_report_nomem(r);
        return 0;
    }
    for (size_t i = 0; i < an->n_inputs; i++) {
        const fl_input *in = &an->inputs[i];
        for (size_t k = 0; k < in->n_sightings; k++) {
            const fl_sighting *g = &in->sightings[k];
            fl_sig_summary *s = &all[g->sig];
            if (!s->count || g->first_ms < s->first_ms) {
                s->first_ms = g->first_ms;
                s->first_in = in;
                s->first_line = g->first_line;
                s->host = g->host;
                s->sample = g->sample;
            }
            if (!s->count || g->last_ms > s->last_ms) {
                s->last_ms = g->last_ms;
                s->last_in = in;
                s->last_line = g->last_line;
            }
            s->sig = g->sig;
            s->count += g->count;
        }
    }
    for (size_t k = 0; k < n_sig; k++)
        if (all[k].count)
            all[n++] = all[k];
    if (!n) {
        free(all);
        return 0;
    }
    qsort(all, n, sizeof *all, cmp_summary);
    *out = all;
    return n;
}

uint64_t fl_report_sig_count(const fl_report *r, uint32_t sig, size_t from, size_t to)
{
    uint64_t c = 0;
    for (size_t i = from; i < to && i < r->n; i++) {
        const uint32_t *h = fl_buckets_get(&r->analysis->buckets, i)->sig_hits;
        if (h)
            c += h[sig];
    }
    return c;
}

static int cmp_rise(const void *a, const void *b)
{
    const fl_sig_rise *x = a, *y = b;
    if (x->first_ms != y->first_ms)
        return x->first_ms < y->first_ms ? -1 : 1;
    return (x->sum->sig > y->sum->sig) - (x->sum->sig < y->sum->sig);
}

size_t fl_report_sig_rises(const fl_report *r, size_t k, const fl_sig_summary *sums, size_t n,
                           fl_sig_rise **out)
{
    const fl_incident *inc = &r->detection->incidents[k];
    size_t from = inc->onset > FL_SIG_LOOKBACK ? inc->onset - FL_SIG_LOOKBACK : 0, to = inc->end;
    size_t win = to - from, rest = r->n - win, m = 0;
    fl_sig_rise *rises = n ? calloc(n, sizeof *rises) : NULL;
    *out = NULL;
    if (!rises) {
        if (n)
            fl_report_nomem(r);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t in = fl_report_sig_count(r, sums[i].sig, from, to);
        uint64_t outside = sums[i].count > in ? sums[i].count - in : 0;
        /* Rose: more frequent inside the window than elsewhere (twice the rate). */
        if (!in || (rest && (double)in / win <= 2.0 * (double)outside / rest))
            continue;
        fl_sig_rise *x = &rises[m++];
        x->sum = &sums[i];
        x->in_window = in;
        int64_t w0 = fl_report_bucket_start(r, from) * 1000, w1 = fl_report_bucket_start(r, to) * 1000;
        x->exact = sums[i].first_ms >= w0 && sums[i].first_ms < w1;
        x->first_ms = sums[i].first_ms;
        if (!x->exact) /* seen before the window too: the first bucket inside it */
            for (size_t b = from; b < to; b++)
                if (fl_report_sig_count(r, sums[i].sig, b, b + 1)) {
                    x->first_ms = fl_report_bucket_start(r, b) * 1000;
                    break;
                }
    }
    if (!m) {
        free(rises);
        return 0;
    }
    qsort(rises, m, sizeof *rises, cmp_rise);
    *out = rises;
    return m;
}

static int cmp_marker(const void *a, const void *b)
{
    const fl_marker_ref *x = a, *y = b;
    if (x->m->ms != y->m->ms)
        return x->m->ms < y->m->ms ? -1 : 1;
    int c = strcmp(x->in->path, y->in->path);
    return c ? c : (x->m->line > y->m->line) - (x->m->line < y->m->line);
}

size_t fl_report_markers(const fl_report *r, fl_marker_ref **out)
{
    const fl_analysis *an = r->analysis;
    size_t n = 0, k = 0;
    for (size_t i = 0; i < an->n_inputs; i++)
        n += an->inputs[i].n_markers;
    *out = n ? malloc(n * sizeof **out) : NULL;
    if (!*out) {
        if (n)
            fl_report_nomem(r);
        return 0;
    }
    for (size_t i = 0; i < an->n_inputs; i++)
        for (size_t j = 0; j < an->inputs[i].n_markers; j++)
            (*out)[k++] = (fl_marker_ref){&an->inputs[i].markers[j], &an->inputs[i]};
    qsort(*out, n, sizeof **out, cmp_marker);
    return n;
}

size_t fl_report_incident_signatures(const fl_report *r, uint32_t **out)
{
    fl_sig_summary *sums;
    size_t n = fl_report_signatures(r, &sums), m = 0;
    unsigned char *used = calloc(r->analysis->buckets.n_sig + 1, 1);
    *out = NULL;
    if (!used)
        fl_report_nomem(r);
    for (size_t k = 0; used && k < r->detection->n_incidents; k++) {
        fl_sig_rise *rises;
        size_t nr = fl_report_sig_rises(r, k, sums, n, &rises);
        for (size_t i = 0; i < nr; i++)
            used[rises[i].sum->sig] = 1;
        free(rises);
    }
    for (size_t s = 0; used && s < r->analysis->buckets.n_sig; s++)
        m += used[s];
    if (m && (*out = malloc(m * sizeof **out))) {
        m = 0;
        for (uint32_t s = 0; s < r->analysis->buckets.n_sig; s++)
            if (used[s])
                (*out)[m++] = s;
    } else {
        if (m)
            fl_report_nomem(r);
        m = 0;
    }
    free(used);
    free(sums);
    return m;
}

