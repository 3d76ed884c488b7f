/* columns.h: the per-bucket columns of buckets.csv and error_rate.dat, one table
 * (name, how the value is written) that both files use. Each file is a layout: the
 * columns it carries after its time column, in its order. The gnuplot script
 * finds a column's number in a layout, so a new column is one table row and one
 * entry in the layouts that carry it. */
#ifndef FL_REPORT_COLUMNS_H
#define FL_REPORT_COLUMNS_H

#include <stddef.h>

#include "report/report.h"

typedef enum fl_bucket_col {
    FL_COL_REQUESTS = 0, /* R */
    FL_COL_2XX,
    FL_COL_3XX,
    FL_COL_4XX,
    FL_COL_5XX,
    FL_COL_OTHER,        /* 1xx and unclassified statuses */
    FL_COL_FAILED,       /* F */
    FL_COL_ERROR_PCT,    /* 100 F / R, 3 decimals */
    FL_COL_IMPACT_PCT,   /* detection's impact, %, 3 decimals */
    FL_COL_EXPECTED,     /* expected requests X, 1 decimal */
    FL_COL_BAD,          /* 1 when the bucket is bad, else 0 */
    FL_COL_P50,          /* request time quantiles, ms, 1 decimal; "missing" when */
    FL_COL_P95,          /* the bucket's lines log none */
    FL_COL_P99,
    FL_COL_N
} fl_bucket_col;

typedef struct fl_bucket_layout {
    const fl_bucket_col *cols;
    size_t n;
} fl_bucket_layout;

extern const fl_bucket_layout fl_layout_csv; /* buckets.csv (signature columns follow) */
extern const fl_bucket_layout fl_layout_dat; /* error_rate.dat */

/* The header: each column's name after sep (the time column is the caller's). */
void fl_columns_header(fl_row *row, const fl_bucket_layout *l, const char *sep);

/* Bucket i's values in l's order, each after sep; request times that no line
 * logged are written as missing. */
void fl_columns_row(fl_row *row, const fl_report *r, size_t i, const fl_bucket_layout *l,
                    const char *sep, const char *missing);

/* 1-based number of c in a file of layout l, its time column being 1 (as gnuplot
 * counts); 0 when l does not carry c. */
size_t fl_column_number(const fl_bucket_layout *l, fl_bucket_col c);

#endif
