/* report_sources.c: which source (directory: one host's logs) failed first. Each
 * source's own series goes through the same detection as the whole archive. */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

static int cmp_view(const void *a, const void *b)
{
    const fl_source_view *x = a, *y = b;
    if (x->failed_at_all != y->failed_at_all)
        return y->failed_at_all - x->failed_at_all;
    if (x->failed_at_all && x->onset != y->onset)
        return x->onset < y->onset ? -1 : 1;
    return strcmp(x->src->name, y->src->name);
}

/* Fill v from source s over the report's span. */
static int view_source(const fl_report *r, const fl_incident *inc, const fl_source_series *s,
                       int access, fl_source_view *v)
{
    uint32_t *R = calloc(r->n ? r->n : 1, sizeof *R), *F = calloc(r->n ? r->n : 1, sizeof *F);
    fl_detection d;
    if (!R || !F) {
        free(R);
        free(F);
        fl_report_nomem(r);
        return -1;
    }
    int64_t first = fl_buckets_first_index(&s->counts);
    fl_source_fill(s, r->first_index, r->n, access ? FL_SERIES_REQUESTS : FL_SERIES_ENTRIES, R);
    fl_source_fill(s, r->first_index, r->n, access ? FL_SERIES_FAILED : FL_SERIES_ERRORS, F);
    memset(v, 0, sizeof *v);
    v->src = s;
    for (size_t i = inc->onset; i < inc->end; i++) {
        v->requests += R[i];
        v->failed += F[i];
    }
    /* Only the source's own span: before its first line it was not logging here. */
    size_t lo = first > r->first_index ? (size_t)(first - r->first_index) : 0;
    size_t hi = lo + fl_buckets_span(&s->counts);
    hi = hi > r->n ? r->n : hi;
    fl_detect_opts o;
    fl_analysis_detect_opts(r->analysis, &o);
    fl_status st = lo < hi ? fl_detect(R + lo, F + lo, hi - lo, &o, &d) : FL_ERR_NODATA;
    if (st == FL_ERR_NOMEM)
        fl_report_nomem(r);
    if (st == FL_OK) {
        for (size_t k = 0; k < d.n_incidents; k++) {
            size_t on = lo + d.incidents[k].onset, end = lo + d.incidents[k].end;
            if (end > inc->onset && on < inc->end + 1) { /* overlaps the incident */
                v->failed_at_all = 1;
                v->onset = on;
                break;
            }
        }
        fl_detection_free(&d);
    }
    free(R);
    free(F);
    return 0;
}

size_t fl_report_source_views(const fl_report *r, size_t k, fl_source_view **out)
{
    const fl_analysis *an = r->analysis;
    int access = an->access_records > 0;
    size_t n = 0;
    *out = an->n_sources ? calloc(an->n_sources, sizeof **out) : NULL;
    if (!*out) {
        if (an->n_sources)
            fl_report_nomem(r);
        return 0;
    }
    for (size_t i = 0; i < an->n_sources; i++) {
        const fl_source_series *s = &an->sources[i];
        if ((access ? s->access_records : s->records) == 0)
            continue;
        if (view_source(r, &r->detection->incidents[k], s, access, &(*out)[n]) == 0)
            n++;
    }
    qsort(*out, n, sizeof **out, cmp_view);
    return n;
}
