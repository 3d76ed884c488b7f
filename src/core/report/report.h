/* report.h: the outputs. Every writer takes the finished run (fl_report) and a FILE
 * opened by the caller; none of them prints to the terminal on its own.
 * - report.json (jansson; the stable keys of DESIGN.md "report.json")
 * - buckets.csv (one row per bucket)
 * - timeline.md (draft Issue Summary / Timeline / Impact for the postmortem)
 * - error_rate.gp + error_rate.dat (gnuplot script and data), rendered to PNG/SVG
 * - the short terminal summary. */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "../analysis.h"
#include "../detect.h"
#include "../events.h"
#include "../tz.h"

typedef struct fl_report {
    const fl_analysis *analysis;
    const fl_detection *detection;
    const uint32_t *requests;   /* R per bucket of the span */
    const uint32_t *failed;     /* F per bucket of the span */
    size_t n;                   /* span length */
    int64_t first_index;        /* bucket index of series[0] */
    const fl_tz *tz;            /* report zone */
    const fl_events *events;    /* may be empty */
    const char *version;
} fl_report;

/* Words for what the series counts: requests from access logs, or, in archives of
 * server logs only, log entries and error-level entries. */
typedef struct fl_words {
    const char *items;     /* "requests" | "log entries" */
    const char *failed;    /* "failed" | "were errors" */
    const char *failures;  /* "failed requests" | "error entries" */
    const char *title;     /* "Failed requests" | "Error entries": chart title */
    const char *summary;   /* "requests failed" | "error-level log entries surged" */
} fl_words;
const fl_words *fl_report_words(const fl_report *r);

/* UTC seconds at the start of series bucket i (i may equal n: the end of the span). */
int64_t fl_report_bucket_start(const fl_report *r, size_t i);

/* Time strings in the report zone: ISO 8601 with offset, "HH:MM", "HH:MM:SS",
 * "12 October 2022". buf needs 40 bytes; each returns buf. */
char *fl_report_iso(const fl_report *r, int64_t utc_s, char *buf, size_t len);
char *fl_report_hm(const fl_report *r, int64_t utc_s, char *buf, size_t len);
char *fl_report_date(const fl_report *r, int64_t utc_s, char *buf, size_t len);

/* Failing status codes and paths over buckets [from, to), most frequent first. */
typedef struct fl_top_item {
    char key[FL_PATH_MAX];
    uint64_t count;
    uint64_t err;       /* count may overestimate by at most this (paths) */
} fl_top_item;
size_t fl_report_top_codes(const fl_report *r, size_t from, size_t to, fl_top_item *out,
                           size_t max, uint64_t *other);
size_t fl_report_top_paths(const fl_report *r, size_t from, size_t to, fl_top_item *out,
                           size_t max);

/* Writers: FL_OK, FL_ERR_IO when a write fails, FL_ERR_NOMEM. */
fl_status fl_write_json(const fl_report *r, FILE *out);
fl_status fl_write_csv(const fl_report *r, FILE *out);
fl_status fl_write_timeline(const fl_report *r, FILE *out);
fl_status fl_write_chart(const fl_report *r, FILE *script, FILE *data, const char *data_name);
fl_status fl_write_summary(const fl_report *r, FILE *out);

#endif
