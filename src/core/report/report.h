/* report.h: the outputs. Every writer takes the finished run (fl_report) and a FILE
 * opened by the caller; none of them prints to the terminal on its own.
 * - report.json (jansson; the stable keys of docs/design.md "report.json")
 * - buckets.csv (one row per bucket)
 * - timeline.md (draft Issue Summary / Timeline / Impact for the postmortem)
 * - error_rate.gp + error_rate.dat (gnuplot script and data), rendered to PNG/SVG
 * - report.html (one self-contained page)
 * The table of files in outputs.c drives them all (fl_write_outputs).
 * - the short terminal summary. */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/analysis.h"
#include "detect/detect.h"
#include "detect/events.h"
#include "time/tz.h"

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
    int *nomem;                 /* may be NULL; set to 1 by a helper below that ran
                                 * out of memory, so the writer's output is incomplete */
    const fl_liveness *liveness; /* silences per source over the span (NULL = none) */
    const uint32_t *warned;     /* warning entries per bucket (server logs only; NULL = none) */
} fl_report;

/* The series an incident of a counted kind counts (errors: failed; warnings: warned)
 * and its level's word ("error" | "warning"). */
static inline const uint32_t *fl_report_counted(const fl_report *r, const fl_incident *inc)
{
    return inc->kind == FL_INCIDENT_WARNINGS && r->warned ? r->warned : r->failed;
}
static inline const char *fl_report_level_word(const fl_incident *inc)
{
    return inc->kind == FL_INCIDENT_WARNINGS ? "warning" : "error";
}

/* Note that a helper ran out of memory (see fl_report.nomem). */
static inline void fl_report_nomem(const fl_report *r)
{
    if (r->nomem)
        *r->nomem = 1;
}

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

/* "lb-1/access.log": the last two components of a path (a pointer into p). */
const char *fl_report_short_path(const char *p);

/* How the times of inputs written without a UTC offset were placed, one line per
 * zone and reason ("lb-1/error.log: read as +01:00, the offset the other logs of
 * lb-1 write"), each written as prefix + text + end; names in backticks when md.
 * Returns the number of lines (0 when every input writes its offset). The terminal's
 * lines (md 0) leave out inputs placed with --input-tz: the user said so. */
size_t fl_report_zone_lines(const fl_report *r, FILE *out, const char *prefix, const char *end, int md);

/* Numbers as text without printf, for the rows written once per bucket (a day is
 * 1440 rows in each of four outputs; printf's float conversion was most of their
 * time). Each writes at out (room for 40 bytes) and returns the length, no NUL.
 * fl_fmt_fixed(v, d) is exactly printf("%.*f", d, v) for 0 <= d <= 6: the digits
 * come from v's binary value, ties to even, as glibc rounds. */
size_t fl_fmt_u64(char *out, uint64_t v);
size_t fl_fmt_fixed(char *out, double v, int decimals);

/* Output text gathered in a buffer and written to out with one fwrite per 4 KiB:
 * every append first makes room for itself (flushing), so no sequence of appends
 * can overrun it. Write errors show in ferror(out), which the writers check. */
typedef struct fl_row {
    FILE *out;
    size_t n;
    char b[4096];
} fl_row;

static inline void fl_row_flush(fl_row *r)
{
    fwrite(r->b, 1, r->n, r->out);
    r->n = 0;
}
static inline char *fl_row_room(fl_row *r, size_t need)
{
    if (r->n + need > sizeof r->b)
        fl_row_flush(r);
    return r->b + r->n;
}
static inline void fl_row_str(fl_row *r, const char *s)
{
    size_t k = strlen(s);
    if (k > sizeof r->b) {
        fl_row_flush(r);
        fwrite(s, 1, k, r->out);
        return;
    }
    memcpy(fl_row_room(r, k), s, k);
    r->n += k;
}
static inline void fl_row_u64(fl_row *r, uint64_t v) { r->n += fl_fmt_u64(fl_row_room(r, 40), v); }
static inline void fl_row_fixed(fl_row *r, double v, int decimals)
{
    r->n += fl_fmt_fixed(fl_row_room(r, 40), v, decimals);
}

/* UTC seconds at the start of series bucket i (i may equal n: the end of the span). */
int64_t fl_report_bucket_start(const fl_report *r, size_t i);

/* Time strings in the report zone: ISO 8601 with offset, "HH:MM", "HH:MM:SS",
 * "12 October 2022". buf needs 40 bytes; each returns buf. */
char *fl_report_iso(const fl_report *r, int64_t utc_s, char *buf, size_t len);
char *fl_report_hm(const fl_report *r, int64_t utc_s, char *buf, size_t len);
/* As fl_report_hm, with seconds always ("16:25:00"): for times read from a log line,
 * so that they never look like a bucket's start. */
char *fl_report_hms(const fl_report *r, int64_t utc_s, char *buf, size_t len);
/* fl_report_hm names the day too ("3 August 04:36:13") when the report's span crosses
 * a day in its zone, and the zone's abbreviation ("02:20 CET") when its offset
 * changes within the span (a daylight-saving change); fl_report_clock is the bare
 * "HH:MM[:SS]"; fl_report_at is for sentences: "04:36:13 on 3 August". */
char *fl_report_clock(const fl_report *r, int64_t utc_s, char *buf, size_t len);
char *fl_report_at(const fl_report *r, int64_t utc_s, char *buf, size_t len);
int fl_report_multiday(const fl_report *r);
int fl_report_offset_changes(const fl_report *r);

/* UTC ms of the first (last = 0) or last request logged in series bucket i, to the
 * ms; the bucket's start when unknown. */
int64_t fl_report_request_ms(const fl_report *r, size_t i, int last);
char *fl_report_date(const fl_report *r, int64_t utc_s, char *buf, size_t len);

/* Seconds as "6 h 30 min", "45 min", "2 d 3 h", "30 s"; returns buf. */
const char *fl_report_duration(int64_t s, char *buf, size_t len);
/* A usual count per bucket of width bucket_ms as a rate people read: "3/min",
 * "2.5/min", "0.4/h", or "none" for 0. */
char *fl_report_usual_rate(double per_bucket, int64_t bucket_ms, char *buf, size_t len);
/* An incident of a counted kind in words: "212 error entries in 10 min against a
 * usual 3/min", "340 warning entries in 8 min against a usual 2/min". */
char *fl_report_count_text(const fl_report *r, const fl_incident *inc, char *buf, size_t len);
/* The longest stretch without a request inside an incident, and the requests that
 * bound it, to the second. */
typedef struct fl_silence {
    size_t from, to;   /* buckets [from, to) logged no request */
    int64_t last_s;    /* the last request before it (UTC s); -1 when none */
    int64_t first_s;   /* the first after it; -1 when traffic never came back */
    size_t last_b, first_b; /* their buckets */
} fl_silence;

/* Fill s for incident inc; nonzero when the incident is a silence: traffic stopped
 * for at least onset_buckets (2 at least) and the requests that were logged did not
 * fail beyond the threshold. Access logs only (server logs have their own words). */
int fl_report_silence(const fl_report *r, const fl_incident *inc, fl_silence *s);

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

/* Failing upstreams over buckets [from, to), most failures first (count may
 * overestimate by err, as paths); 0 when the logs name no upstream. */
size_t fl_report_top_upstreams(const fl_report *r, size_t from, size_t to, fl_top_item *out,
                               size_t max);

/* Client classes over buckets [from, to): failures exactly; requests are the
 * failures plus an estimate of the successful ones, the window's exact number of
 * successful requests shared out in the proportions of the 1-in-FL_CLIENT_SAMPLE
 * sample (so the estimates add up to the exact total). */
typedef struct fl_client_mix {
    uint64_t failed[FL_CLIENT_N];
    double requests[FL_CLIENT_N]; /* estimated */
    uint64_t sampled[FL_CLIENT_N]; /* successful requests in the sample */
    uint64_t total_failed, total_requests, total_sampled;
    int any_agent;                 /* some request had a user agent */
} fl_client_mix;
void fl_report_client_mix(const fl_report *r, size_t from, size_t to, fl_client_mix *m);

/* ---- error signatures (report_signatures.c) ---- */

/* One signature over all inputs. */
typedef struct fl_sig_summary {
    uint32_t sig;                   /* index in the library */
    uint64_t count;
    int64_t first_ms, last_ms;
    const fl_input *first_in, *last_in; /* where they were seen */
    uint64_t first_line, last_line;
    const char *host, *sample;      /* of the first sighting */
} fl_sig_summary;

/* Every signature that matched, ordered by first sighting (then library order).
 * *out is malloc'd (caller frees); returns the count (0 with *out NULL when none or
 * out of memory). */
size_t fl_report_signatures(const fl_report *r, fl_sig_summary **out);

/* Matches of signature sig in buckets [from, to). */
uint64_t fl_report_sig_count(const fl_report *r, uint32_t sig, size_t from, size_t to);

/* A signature's part in an incident: it rose above its own rate elsewhere inside
 * the incident window (from `lookback` buckets before onset to the end). */
typedef struct fl_sig_rise {
    const fl_sig_summary *sum;
    uint64_t in_window;             /* matches inside the window */
    int64_t first_ms;               /* first match inside the window (exact when the
                                     * file's first sighting is in it, else its bucket) */
    int exact;                      /* first_ms is the sighting itself (file:line known) */
} fl_sig_rise;

#define FL_SIG_LOOKBACK 60          /* buckets before onset searched for leading signs */

/* The signatures that rose around incident k, in order of first match in the window;
 * *out malloc'd (caller frees). sums/n from fl_report_signatures. */
size_t fl_report_sig_rises(const fl_report *r, size_t k, const fl_sig_summary *sums, size_t n,
                           fl_sig_rise **out);

/* Signatures that rose around any incident, in library order (the buckets.csv
 * columns); *out malloc'd (caller frees), returns the count. */
size_t fl_report_incident_signatures(const fl_report *r, uint32_t **out);

/* Lifecycle markers of all inputs in time order; *out malloc'd of pointers into the
 * inputs (caller frees the array). */
typedef struct fl_marker_ref {
    const fl_marker *m;
    const fl_input *in;
} fl_marker_ref;
size_t fl_report_markers(const fl_report *r, fl_marker_ref **out);

/* Lifecycle markers as stories (report_lifecycle.c): the markers of one source that
 * follow each other within FL_STORY_GAP_S seconds make one story (a shutdown's
 * steps), told by its first and last marker. */
#define FL_STORY_GAP_S 60

/* Label lanes of a chart (report_lanes.c): per lane, where its last label ends. */
#define FL_LANES_MAX 6
typedef struct fl_lanes {
    double end[FL_LANES_MAX];
    int n;
} fl_lanes;

/* Place a label spanning [x, x + width) (any unit, labels given in order of x): the
 * lane index, 0 the top one, or -1 when every lane is taken there (do not draw it).
 * Start from a zeroed fl_lanes. */
int fl_lane_place(fl_lanes *l, double x, double width);

/* Ranking incidents (report_rank.c). fl_incident_lost: the requests incident k lost
 * (expected requests that did not succeed). fl_incident_main: the incident that
 * weighs most (requests lost; duration x peak impact without an access log; a warning
 * burst only when every incident is one).
 * fl_incident_minor: nonzero when k, not the main one, is short (under 15 min) and
 * weighs under 5% of the main one. */
double fl_incident_lost(const fl_report *r, size_t k);
size_t fl_incident_main(const fl_report *r);
int fl_incident_minor(const fl_report *r, size_t k, size_t main);
typedef struct fl_story {
    size_t source;              /* source index (n_sources: inputs without one) */
    fl_marker_ref first, last;  /* pointers into the inputs */
    size_t steps;               /* markers in the story */
} fl_story;

/* Every story in order of its first marker; *out malloc'd (caller frees), returns
 * the count. The marker pointers stay valid as long as the analysis. */
size_t fl_report_lifecycle_stories(const fl_report *r, fl_story **out);

/* ---- per source (report_sources.c) ---- */

/* One source's view of incident k: when it went bad (its own detection, over the
 * same span and rules), and what it served in the incident window. */
typedef struct fl_source_view {
    const fl_source_series *src;
    int failed_at_all;            /* it has an incident overlapping the window */
    size_t onset;                 /* its onset (series index), when failed_at_all */
    uint64_t requests, failed;    /* in the incident window */
} fl_source_view;

/* Views of every source that carries the series (access logs, or all sources in
 * server-only archives), those that failed first by onset, then the others;
 * *out malloc'd (caller frees). */
size_t fl_report_source_views(const fl_report *r, size_t k, fl_source_view **out);

/* ---- silences (report_liveness.c) ---- */

/* "kafka1 stopped logging at 18:14:43 (last line), resumed 19:27:49 (1 h 13 min)"
 * for silence s; "...; kafka0 and kafka2 logged throughout" when others_too and
 * other sources logged through it. Source labels (directory and archive names:
 * hostile text) as Markdown text when md, else escaped for a terminal. Written to
 * buf; returns buf. */
char *fl_report_silence_text(const fl_report *r, const fl_source_silence *s, int others_too, int md, char *buf,
                             size_t len);

/* Last line before silence s and first line after it (UTC ms; resume INT64_MIN when
 * the source never came back). */
void fl_report_silence_times(const fl_report *r, const fl_source_silence *s, int64_t *stop_ms,
                             int64_t *resume_ms);

/* The silences that make up incident k (of kind silence: those inside its window),
 * as indices into r->liveness; *out malloc'd (caller frees). */
size_t fl_report_incident_silences(const fl_report *r, size_t k, size_t **out);

/* A timeline event measured from the logs (exact time), its text and evidence. */
typedef struct fl_report_event {
    int64_t ms;
    char event[384];
    char evidence[256];
} fl_report_event;

/* "kafka1 stopped logging" and "kafka1 resumed logging" events of the silences
 * within incident k, as Markdown text; the evidence is the line before and the line
 * after the silence ("kafka1/logs/server.log.2016-12-19-18:304"), or the source's
 * path when no input knows the line (a partial of an older faultline); *out malloc'd
 * (caller frees), returns the count. */
size_t fl_report_silence_events(const fl_report *r, size_t k, fl_report_event **out);

/* timeline.md's "Sources" section: every source's span, records and silences
 * (written when there are several sources). */
void fl_write_sources_section(const fl_report *r, FILE *out);

/* " kafka1 stopped logging at ...; ..." for the silences of incident k (md as
 * fl_report_silence_text). */
void fl_write_silence_summary(const fl_report *r, size_t k, int md, FILE *out);

/* Request-time quantiles over buckets [from, to) (ms; -1 when no request there logged
 * its time). Returns 0 when none did. */
int fl_report_latency(const fl_report *r, size_t from, size_t to, double *p50, double *p95,
                      double *p99);

/* Nonzero when any bucket has request times (the format logs them). */
int fl_report_has_latency(const fl_report *r);

/* Writers: FL_OK, FL_ERR_IO when a write fails, FL_ERR_NOMEM. */
fl_status fl_write_json(const fl_report *r, FILE *out);
fl_status fl_write_csv(const fl_report *r, FILE *out);
fl_status fl_write_timeline(const fl_report *r, FILE *out);
/* fl_write_timeline's text into *text (malloc'd, *len bytes; the caller frees it).
 * FL_ERR_NOMEM leaves *text NULL. For the writers that wrap it (HTML, signed). */
fl_status fl_timeline_text(const fl_report *r, char **text, size_t *len);
/* fl_write_timeline followed by a last line holding the digest of the text, by which
 * a rerun tells an edited timeline.md from its own (report_edited.c). */
/* The Notes section's lines about files (problems, binary content, unknown format;
 * with year_notes, dates without a year), one line per reason with the count and a
 * few names when several files share it (report_notes.c). */
void fl_report_file_notes(const fl_report *r, int year_notes, FILE *out);
fl_status fl_write_timeline_signed(const fl_report *r, FILE *out);
fl_status fl_write_chart_script(const fl_report *r, FILE *out); /* error_rate.gp */
fl_status fl_write_chart_data(const fl_report *r, FILE *out);   /* error_rate.dat */
fl_status fl_write_summary(const fl_report *r, FILE *out);
fl_status fl_write_html(const fl_report *r, FILE *out);

/* Whether name is one of the charts error_rate.gp draws (error_rate, status,
 * signatures, latency, incident_N; .png or .svg). */
int fl_chart_is_ours(const char *name);

/* ---- the output files (outputs.c) ---- */

/* One report file: its name in the output directory and its writer. */
typedef struct fl_output {
    const char *name;
    fl_status (*write)(const fl_report *r, FILE *out);
    int own_thread;             /* written on a second thread while the others are */
} fl_output;

/* The table of report files, in the order they are committed; *n gets its length. */
const fl_output *fl_outputs(size_t *n);

/* Whether name is a file of ours: a row of the table or a chart. */
int fl_output_is_ours(const char *name);

struct fl_outdir;
/* Write every file of the table into od (threads: nonzero to write the largest on a
 * second thread) and, when every writer succeeded, commit them all. Otherwise
 * nothing is renamed into place (fl_outdir_close removes the temporaries) and err
 * names the file and why: FL_ERR_NOMEM, FL_ERR_IO. */
fl_status fl_write_outputs(const fl_report *r, struct fl_outdir *od, int threads, char *err,
                           size_t errlen);

#endif
