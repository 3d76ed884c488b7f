/* report_json_int.h: what the parts of report.json share (report_json.c, the
 * jansson tree; report_json_write.c, the writer and the streamed buckets). */
#ifndef FL_REPORT_JSON_INT_H
#define FL_REPORT_JSON_INT_H

#include <jansson.h>
#include <math.h>

#include "report/report.h"

/* A fraction as a percentage rounded to 3 decimals (stable text output), in
 * thousandths of a percent; and request times rounded to 0.1 ms, in tenths: the
 * roundings of the jansson tree and of the streamed buckets alike. */
static inline double fl_rj_pct_thousandths(double fraction) { return round(fraction * 100000.0); }
static inline double fl_rj_ms_tenths(double ms) { return round(ms * 10); }

/* report.json's root object without "buckets" (written after it, streamed);
 * NULL when out of memory. The caller decrefs it. */
json_t *fl_rj_tree(const fl_report *r);

#endif
