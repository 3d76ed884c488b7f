/* report_csv.c: buckets.csv, one row per bucket (RFC 4180; no field needs quoting). */
#include "report.h"

fl_status fl_write_csv(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    fprintf(out, "start,requests,2xx,3xx,4xx,5xx,other,failed,error_pct,impact_pct,"
                 "expected_requests,bad\n");
    for (size_t i = 0; i < r->n; i++) {
        const fl_bucket *b = fl_buckets_get(&r->analysis->buckets, i);
        char when[40];
        double e = r->requests[i] ? 100.0 * r->failed[i] / r->requests[i] : 0.0;
        fprintf(out, "%s,%u,%u,%u,%u,%u,%u,%u,%.3f,%.3f,%.1f,%d\n",
                fl_report_iso(r, fl_report_bucket_start(r, i), when, sizeof when), r->requests[i],
                b->by_class[2], b->by_class[3], b->by_class[4], b->by_class[5],
                b->by_class[0] + b->by_class[1], r->failed[i], e, 100.0 * d->impact[i],
                d->expected[i], d->bad[i]);
    }
    return ferror(out) ? FL_ERR_IO : FL_OK;
}
