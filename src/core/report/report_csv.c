/* report_csv.c: buckets.csv, one row per bucket (RFC 4180; no field needs quoting:
 * signature names are kebab-case). Besides the counters, one column per signature
 * that rose during an incident ("sig:<name>"). */
#include <stdlib.h>

#include "report/report.h"

fl_status fl_write_csv(const fl_report *r, FILE *out)
{
    const fl_detection *d = r->detection;
    uint32_t *sigs = NULL;
    size_t n_sigs = r->analysis->cfg->patterns ? fl_report_incident_signatures(r, &sigs) : 0;
    fprintf(out, "start,requests,2xx,3xx,4xx,5xx,other,failed,error_pct,impact_pct,"
                 "expected_requests,bad,p50_ms,p95_ms,p99_ms");
    for (size_t k = 0; k < n_sigs; k++)
        fprintf(out, ",sig:%s", fl_patterns_info(r->analysis->cfg->patterns, sigs[k])->name);
    fputc('\n', out);
    fl_row row = {.out = out, .n = 0};
    for (size_t i = 0; i < r->n; i++) {
        const fl_bucket *b = fl_buckets_get(&r->analysis->buckets, i);
        char when[40];
        fl_row_str(&row, fl_report_iso(r, fl_report_bucket_start(r, i), when, sizeof when));
        const uint64_t counts[7] = {r->requests[i], b->by_class[2], b->by_class[3], b->by_class[4],
                                    b->by_class[5], b->by_class[0] + b->by_class[1], r->failed[i]};
        for (int k = 0; k < 7; k++) {
            fl_row_str(&row, ",");
            fl_row_u64(&row, counts[k]);
        }
        fl_row_bucket_rates(&row, r, i, ",");
        fl_row_str(&row, d->bad[i] ? ",1" : ",0");
        fl_row_bucket_latency(&row, r, i, ",", "");
        for (size_t k = 0; k < n_sigs; k++) {
            fl_row_str(&row, ",");
            fl_row_u64(&row, b->sig_hits ? b->sig_hits[sigs[k]] : 0);
        }
        fl_row_str(&row, "\n");
    }
    fl_row_flush(&row);
    free(sigs);
    return ferror(out) ? FL_ERR_IO : FL_OK;
}
