/* report_csv.c: buckets.csv, one row per bucket (RFC 4180; no field needs quoting:
 * signature names are kebab-case). Besides the counters, one column per signature
 * that rose during an incident ("sig:<name>"). The columns are columns.c's table,
 * in its buckets.csv layout. */
#include <stdlib.h>

#include "report/columns.h"
#include "report/report.h"

fl_status fl_write_csv(const fl_report *r, FILE *out)
{
    uint32_t *sigs = NULL;
    size_t n_sigs = r->analysis->cfg->patterns ? fl_report_incident_signatures(r, &sigs) : 0;
    fl_row row = {.out = out, .n = 0};
    fl_row_str(&row, "start");
    fl_columns_header(&row, &fl_layout_csv, ",");
    for (size_t k = 0; k < n_sigs; k++) {
        fl_row_str(&row, ",sig:");
        fl_row_str(&row, fl_patterns_info(r->analysis->cfg->patterns, sigs[k])->name);
    }
    fl_row_str(&row, "\n");
    for (size_t i = 0; i < r->n; i++) {
        const fl_bucket *b = fl_buckets_get(&r->analysis->buckets, i);
        char when[40];
        fl_row_str(&row, fl_report_iso(r, fl_report_bucket_start(r, i), when, sizeof when));
        fl_columns_row(&row, r, i, &fl_layout_csv, ",", "");
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
