/* columns.c: the per-bucket column table of buckets.csv and error_rate.dat and the
 * two files' layouts (columns.h). */
#include "report/columns.h"

static const struct {
    const char *name;
    int decimals; /* -1: a count, written as an integer */
    int may_miss; /* request times: < 0 when no line of the bucket logged one */
} columns[FL_COL_N] = {
    [FL_COL_REQUESTS]    = {"requests",          -1, 0},
    [FL_COL_2XX]         = {"2xx",               -1, 0},
    [FL_COL_3XX]         = {"3xx",               -1, 0},
    [FL_COL_4XX]         = {"4xx",               -1, 0},
    [FL_COL_5XX]         = {"5xx",               -1, 0},
    [FL_COL_OTHER]       = {"other",             -1, 0},
    [FL_COL_FAILED]      = {"failed",            -1, 0},
    [FL_COL_ERROR_PCT]   = {"error_pct",          3, 0},
    [FL_COL_IMPACT_PCT]  = {"impact_pct",         3, 0},
    [FL_COL_EXPECTED]    = {"expected_requests",  1, 0},
    [FL_COL_BAD]         = {"bad",               -1, 0},
    [FL_COL_P50]         = {"p50_ms",             1, 1},
    [FL_COL_P95]         = {"p95_ms",             1, 1},
    [FL_COL_P99]         = {"p99_ms",             1, 1},
};

static const fl_bucket_col csv_cols[] = {
    FL_COL_REQUESTS,  FL_COL_2XX,        FL_COL_3XX,      FL_COL_4XX, FL_COL_5XX,
    FL_COL_OTHER,     FL_COL_FAILED,     FL_COL_ERROR_PCT, FL_COL_IMPACT_PCT,
    FL_COL_EXPECTED,  FL_COL_BAD,        FL_COL_P50,      FL_COL_P95, FL_COL_P99};
static const fl_bucket_col dat_cols[] = {
    FL_COL_REQUESTS, FL_COL_FAILED, FL_COL_ERROR_PCT, FL_COL_IMPACT_PCT, FL_COL_EXPECTED,
    FL_COL_2XX,      FL_COL_3XX,    FL_COL_4XX,       FL_COL_5XX,        FL_COL_P50,
    FL_COL_P95,      FL_COL_P99};

const fl_bucket_layout fl_layout_csv = {csv_cols, sizeof csv_cols / sizeof csv_cols[0]};
const fl_bucket_layout fl_layout_dat = {dat_cols, sizeof dat_cols / sizeof dat_cols[0]};

void fl_columns_header(fl_row *row, const fl_bucket_layout *l, const char *sep)
{
    for (size_t k = 0; k < l->n; k++) {
        fl_row_str(row, sep);
        fl_row_str(row, columns[l->cols[k]].name);
    }
}

/* Every column's value for bucket i; request times no line logged are < 0. */
static void bucket_values(const fl_report *r, size_t i, double v[FL_COL_N])
{
    const fl_bucket *b = fl_buckets_get(&r->analysis->buckets, i);
    const fl_detection *d = r->detection;
    v[FL_COL_REQUESTS] = r->requests[i];
    for (int k = 2; k <= 5; k++)
        v[FL_COL_2XX + k - 2] = b->by_class[k];
    v[FL_COL_OTHER] = (double)b->by_class[0] + b->by_class[1];
    v[FL_COL_FAILED] = r->failed[i];
    v[FL_COL_ERROR_PCT] = r->requests[i] ? 100.0 * r->failed[i] / r->requests[i] : 0.0;
    v[FL_COL_IMPACT_PCT] = 100.0 * d->impact[i];
    v[FL_COL_EXPECTED] = d->expected[i];
    v[FL_COL_BAD] = d->bad[i] ? 1 : 0;
    fl_report_latency(r, i, i + 1, &v[FL_COL_P50], &v[FL_COL_P95], &v[FL_COL_P99]);
}

void fl_columns_row(fl_row *row, const fl_report *r, size_t i, const fl_bucket_layout *l,
                    const char *sep, const char *missing)
{
    double v[FL_COL_N];
    bucket_values(r, i, v);
    for (size_t k = 0; k < l->n; k++) {
        int decimals = columns[l->cols[k]].decimals;
        double x = v[l->cols[k]];
        fl_row_str(row, sep);
        if (columns[l->cols[k]].may_miss && x < 0)
            fl_row_str(row, missing);
        else if (decimals < 0)
            fl_row_u64(row, (uint64_t)x);
        else
            fl_row_fixed(row, x, decimals);
    }
}

size_t fl_column_number(const fl_bucket_layout *l, fl_bucket_col c)
{
    for (size_t k = 0; k < l->n; k++)
        if (l->cols[k] == c)
            return k + 2;
    return 0;
}
