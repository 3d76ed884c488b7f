/* timeline_int.h: what the parts of timeline.md share (report_timeline.c, the
 * sections; timeline_rows.c, the rows of an incident; timeline_text.c, the pieces). */
#ifndef FL_TIMELINE_INT_H
#define FL_TIMELINE_INT_H

#include <stdint.h>
#include <stdio.h>

#include "report/report.h"

#define short_path fl_report_short_path

/* The share of r that failed (0 when r is 0). */
static inline double fl_tl_rate(uint32_t r, uint32_t f) { return r ? (double)f / r : 0.0; }

typedef struct tl_row {
    int64_t when;
    int bold;
    int exact;        /* when is a log line's own second: shown with seconds */
    char event[512];
    char evidence[256];
} tl_row;

typedef struct tl_rows {
    tl_row row[96];
    size_t n;
} tl_rows;

/* 1234567 -> "1,234,567". */
const char *fl_tl_num(uint64_t v, char *buf, size_t len);
/* An estimate v >= 0 to two significant digits with separators: 23,999.6 as "24,000",
 * 87.4 as "87"; returns buf. */
const char *fl_tl_about(double v, char *buf, size_t len);

/* A gap: "37 h 44 min" (hours, however many), else as duration. */
const char *fl_tl_gap_text(int64_t s, char *buf, size_t len);

/* Percentage with one decimal, trimmed: 100, 92.8, 0.2, and "<0.1" for tiny values. */
const char *fl_tl_pct(double fraction, char *buf, size_t len);

/* "5xx" or "5xx, 429": the statuses counted as failures, as ranges. */
const char *fl_tl_fail_label(const fl_config *c, char *buf, size_t len);

/* Where evidence in input `in` is: "kafka1/logs/server.log" (the shortest tail of
 * its source's path that tells the sources apart, then the file). */
const char *fl_tl_where(const fl_report *r, const fl_input *in, char *buf, size_t len);

/* Log-derived text (names, paths, lines) as Markdown text or as a code span, safe in
 * a table cell; each returns buf. */
const char *fl_tl_md_text(const char *s, char *buf, size_t len);

const char *fl_tl_md_code(const char *s, char *buf, size_t len, size_t max);

/* "503 (71%), 502 (27%)" for the failing codes of the window. */
void fl_tl_codes_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len);

/* "`/api/orders` (62%), ...": the paths that failed most in the window. */
void fl_tl_paths_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len);

/* "`10.0.1.12:80` (96%), `(none)` (4%)": the upstreams that carried the failures
 * (empty when the logs name none). */
void fl_tl_upstreams_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len);

/* "| failures by client class | scripts/CLI tools: 96% failed (480 of ~500); browsers:
 * 0.5% (20 of ~4,000) | |" when the classes fared differently: one class failed at
 * least twice as often as all the others together and carries most failures, or a
 * class with a real share of the traffic failed at under a quarter of the overall
 * rate (spared). Nothing when they all fared alike or no agent was logged. */
void fl_tl_clients_row(const fl_report *r, const fl_incident *inc, FILE *out);

/* The rows in time order (stable: rows of one time keep the order they were added). */
void fl_tl_sort_rows(tl_rows *t);

/* "Traffic stopped: the last request before the silence was logged at 14:52:01 on 1
 * August, the first after it at 04:36:13 on 3 August, 37 h 44 min later; sustained
 * traffic from 11:28 on 3 August." */
void fl_tl_silence_text(const fl_report *r, const fl_incident *inc, const fl_silence *s, FILE *out);

/* Every row of incident idx's Timeline table into t (unsorted). */
void fl_tl_incident_rows(const fl_report *r, size_t idx, tl_rows *t);

/* A lifecycle story as a row: "`line` (name)" for one marker; "**kafka1**: 19 steps
 * from 18:14:38 to 18:14:43, `first line` (name) ... `last line` (name)" for a
 * burst. Evidence: where its first marker is. */
void fl_tl_story_text(const fl_report *r, const fl_story *st, char *event, size_t elen, char *evid,
                       size_t vlen);

#endif
