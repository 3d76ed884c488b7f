/* analysis.h: the pipeline driver. input -> lines -> parse -> classify -> buckets;
 * fl_analysis_finish then runs detection. Everything the run learns about its
 * inputs (formats, counts, skipped lines by reason, time spans) is kept here for
 * the reports. The core never prints: problems are recorded per input. */
#ifndef FL_ANALYSIS_H
#define FL_ANALYSIS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "detect/buckets.h"
#include "detect/detect.h"
#include "detect/liveness.h"
#include "fl_status.h"
#include "formats/format.h"
#include "match/patterns.h"
#include "time/tz.h"

#define FL_MAX_STATUS 1000
#define FL_RUN_MAX_SPAN ((size_t)1 << 16) /* default cfg->max_span: 45.5 days at 1 min */

struct fl_input;
struct fl_mined;

typedef struct fl_config {
    int64_t bucket_ms;                        /* bucket width (60000) */
    unsigned char fail_status[FL_MAX_STATUS]; /* 1 = this status counts as failure */
    size_t max_line;                          /* longer lines are skipped (65536) */
    size_t max_span;                          /* most buckets a run may span (from its
                                               * first record to its last) */
    int64_t since_ms, until_ms;               /* --since/--until: records outside
                                               * [since, until) are skipped (INT64_MIN,
                                               * INT64_MAX: no window) */
    uint64_t chunk_bytes;                     /* plain files of 2 chunks or more are split */
    const fl_format *format;                  /* forced format, NULL = detect per file */
    const fl_tz *input_tz;                    /* zone of logs without an offset, NULL = UTC */
    int year;                                 /* year for logs without one, 0 = file mtime */
    int64_t default_mtime;                    /* the mtime (s) of sources without one (stdin),
                                               * for that year; 0 = 1970 */
    const void *custom_format;                /* compiled --log-format, or NULL */
    const fl_patterns *patterns;              /* compiled signature library, or NULL */
    atomic_uint_least64_t *progress;          /* input bytes read so far (for a progress
                                               * display), or NULL */
    const char *stdin_name;                   /* inventory name of "-", NULL = "(stdin)" */
    const char *name_prefix;                  /* put before every input's name, or NULL */
    int keep_inputs;                          /* keep each input's own buckets (partials) */
    size_t inventory_cap;                     /* plain inputs kept one by one beyond which
                                               * they are summed (FL_INVENTORY_CAP; every
                                               * input is kept with keep_inputs) */
    int mine;                                 /* template mining: 0 off, 1 server-log
                                               * messages, 2 also every other line whole
                                               * (access logs, unknown formats); 2 needs
                                               * files read whole (chunk_bytes max) */
    /* With mine: called for each message instead of mining it (ctx, its input,
     * 1-based line, message), or NULL. */
    void (*on_message)(void *ctx, const struct fl_input *in, uint64_t lineno, const char *msg,
                       size_t len);
    void *on_message_ctx;
    fl_detect_opts detect;
} fl_config;

/* Defaults: 60 s buckets, 5xx fail, 64 KiB lines, detection defaults. */
void fl_config_defaults(fl_config *c);

/* Parse a --fail-status list such as "5xx,429" or "500-599,429" into c->fail_status.
 * Returns FL_ERR_USAGE on a malformed list. */
fl_status fl_config_fail_status(fl_config *c, const char *spec);

typedef enum fl_skip_reason {
    FL_SKIP_UNPARSEABLE = 0, /* not in the file's format */
    FL_SKIP_NO_TIMESTAMP,    /* right shape, missing or impossible time */
    FL_SKIP_OVERLONG,        /* longer than max_line */
    FL_SKIP_OUT_OF_RANGE,    /* time too far from the rest of the data */
    FL_SKIP_OUTSIDE_WINDOW,  /* time before --since or at/after --until */
    FL_SKIP_N
} fl_skip_reason;

/* JSON/summary names of the reasons, indexed by fl_skip_reason. */
extern const char *const fl_skip_names[FL_SKIP_N];

#define FL_SAMPLE_BAD 3   /* first skipped line numbers kept per input */
#define FL_SAMPLE_TEXT 200 /* bytes of a matching line kept as its sample */
#define FL_MAX_LIFECYCLE 64 /* lifecycle markers kept per input (the rest are counted) */

/* A signature's matches in one input. */
typedef struct fl_sighting {
    uint32_t sig;                 /* signature index in the library */
    uint64_t count;
    int64_t first_ms, last_ms;    /* UTC ms */
    uint64_t first_line, last_line;
    char host[48];                /* host or source named by the first matching line */
    char sample[FL_SAMPLE_TEXT];  /* the first matching message, control bytes escaped */
} fl_sighting;

/* One lifecycle marker (start, stop, kill, deploy), kept individually. */
typedef struct fl_marker {
    uint32_t sig;
    int64_t ms;
    uint64_t line;
    char host[48];
    char sample[FL_SAMPLE_TEXT];
} fl_marker;
#define FL_MAX_OFFSETS 4  /* distinct UTC offsets tracked per input */
#define FL_INPUT_GAPS 4   /* longest gaps between consecutive records kept per input */

/* A gap of at least a bucket between two consecutive records of an input (in file
 * order): the lines that bound it, so that a source's silence is told by file:line. */
typedef struct fl_gap {
    int64_t from_ms, to_ms;       /* the record before it and the record after (UTC ms) */
    uint64_t from_line, to_line;  /* their lines (1-based) */
} fl_gap;

/* How the times of an input written without an offset were placed, when no
 * --input-tz was given (zone_guess.c). */
typedef enum fl_zone_guess {
    FL_ZONE_NONE = 0,   /* not guessed: --input-tz, offsets in the lines, or a partial */
    FL_ZONE_SOURCE,     /* the offset the other logs of its source write */
    FL_ZONE_ARCHIVE,    /* ... of the other members of its archive */
    FL_ZONE_RUN,        /* the offset most lines of the run write */
    FL_ZONE_UTC,        /* no log of the run writes an offset: UTC */
    FL_ZONE_UNALIGNED   /* the guess is no whole number of buckets: left in UTC */
} fl_zone_guess;

typedef struct fl_input {
    char *path;                   /* as given or found in a directory; ARCHIVE:MEMBER for
                                   * a member of an archive */
    size_t source_len;            /* path[0..source_len) names its source: the directory,
                                   * or ARCHIVE:DIR (ARCHIVE) for an archive's member */
    const char *format;           /* detected or forced format name, "unknown" */
    int gzip;                     /* content was gzip */
    int binary;                   /* content is not text: skipped whole, lines not counted */
    fl_status status;             /* FL_OK, or why reading stopped early / failed */
    char error[256];              /* message for status != FL_OK */
    uint64_t bytes;               /* bytes read from the file (compressed size) */
    uint64_t lines;               /* lines seen, blank and skipped included */
    uint64_t blank;               /* empty lines (not counted as skipped) */
    uint64_t header;              /* header and comment lines of the format (#Fields:) */
    uint64_t continuation;        /* lines folded into the entry before (stack traces) */
    uint64_t records;             /* lines that became records */
    uint64_t access_records;      /* of which HTTP requests */
    uint64_t server_errors;       /* server-log records at level error or above */
    uint64_t local_time_records;  /* records without an offset, placed with input_tz */
    uint64_t match_limited;       /* lines on which a signature hit the regex limits */
    int format_score;             /* detection score 0..100 of the chosen format */
    char format_why[320];         /* best detection scores ("--format" when forced) */
    char year_why[160];           /* year-less times: the year assumed and why ("" none) */
    uint64_t skipped[FL_SKIP_N];  /* per reason */
    uint64_t bad_line[FL_SAMPLE_BAD]; /* line numbers of the first skipped lines */
    size_t n_bad_line;
    int64_t first_ms, last_ms;    /* time span of the records (valid if records) */
    uint64_t first_line, last_line; /* the lines of those records (the last line at
                                   * last_ms when several are; valid if records) */
    fl_gap gaps[FL_INPUT_GAPS];   /* the longest gaps between records, longest first */
    size_t n_gaps;
    fl_sighting *sightings;       /* signatures that matched, in order of first match */
    size_t n_sightings;
    fl_marker *markers;           /* lifecycle markers, in file order */
    size_t n_markers;
    uint64_t markers_dropped;     /* beyond FL_MAX_LIFECYCLE */
    int32_t offsets[FL_MAX_OFFSETS]; /* UTC offsets written in the lines */
    uint64_t offset_count[FL_MAX_OFFSETS];
    size_t n_offsets;
    size_t source;                /* index in the analysis' sources (set when folded in;
                                   * SIZE_MAX for an input without records) */
    size_t archive_len;           /* path[0..archive_len) names the outermost archive of
                                   * a member (0: not a member) */
    fl_zone_guess zone_guess;     /* how its offset-less times were placed */
    int32_t zone_offset;          /* the offset guessed (applied unless FL_ZONE_UNALIGNED) */
    int64_t anchor_ms;            /* median time of the first lines: records a year
                                   * away from it are out of range (not kept in partials) */
    int year_assumed;             /* timestamps without a year were dated with
                                   * default_mtime's year (not kept in partials) */
    struct fl_mined *mined;       /* templates of the messages (cfg->mine), or NULL */
} fl_input;

/* A source: the files of one directory (one host's rotated logs), with its own
 * counters so the report can tell which host failed first. An archive's members
 * are grouped the same way, under ARCHIVE:DIR. */
typedef struct fl_source_series {
    char *name;                   /* the directory, "" for files given without one */
    char *label;                  /* what text calls it: the part of the name that tells
                                   * the sources apart ("kafka1"), see fl_analysis_name_sources */
    size_t suffix_at;             /* name + suffix_at: the shortest tail of whole path
                                   * components that no other source's name ends with */
    fl_buckets counts;            /* counters only: no details, no signatures */
    uint64_t access_records;
    uint64_t records;
    int64_t first_ms, last_ms;    /* its first and last record (UTC ms) */
} fl_source_series;

/* One input read to the end: its inventory entry and its own buckets. Reading
 * produces results; fl_analysis_add_results folds them into the analysis. */
typedef struct fl_result {
    fl_input in;
    fl_buckets buckets;
} fl_result;

/* Release a result that was not handed to fl_analysis_add_results. */
void fl_result_free(fl_result *r);

/* A result waiting for the fold, packed (detect/pack.h): a few hundred bytes for a
 * small log instead of several KiB, so that a run of 100,000 inputs holds them all
 * until they can be folded in canonical order. */
typedef struct fl_packed {
    unsigned char *data;          /* the packed entry and buckets (malloc'd) */
    const char *path;             /* the input's name (owned by the packed entry) */
} fl_packed;

/* Pack r into *out, taking it over (r is emptied). FL_OK or FL_ERR_NOMEM (r freed). */
fl_status fl_result_pack(fl_result *r, fl_packed *out);

/* Unpack *pk into *r (pk's data is released). FL_OK or FL_ERR_NOMEM (r empty). */
fl_status fl_result_unpack(fl_packed *pk, fl_result *r);

/* The inventory entry of a packed result, read into *in: its heap parts are
 * borrowed from pk (not to be freed). */
void fl_packed_input(const fl_packed *pk, fl_input *in);

/* Release a packed result not unpacked (NULL data: nothing). */
void fl_packed_free(fl_packed *pk);

/* fl_result_cmp for packed results (qsort comparator over fl_packed). */
int fl_packed_cmp(const void *a, const void *b);

/* Inventory entries kept one by one (cfg->inventory_cap, by default this): the first
 * FL_INVENTORY_CAP in canonical order,
 * and beyond them every input with something to say (a problem, skipped lines, no
 * records, signatures, lifecycle markers, templates, local times); the others are
 * summed in fl_input_other (report.json other_inputs, the timeline's inventory). */
#define FL_INVENTORY_CAP 1000
#define FL_OTHER_OFFSETS 16 /* UTC offsets tallied over the folded inputs */

/* Sources (directories) followed one by one: the first FL_SOURCE_CAP met in
 * canonical order. The inputs of later sources count in the totals and in their
 * own inventory entries but belong to no source (source SIZE_MAX, as an input
 * without records): no per-source series, liveness or label (report.json
 * sources_not_followed says how many inputs and records). */
#define FL_SOURCE_CAP 1000

/* The inputs folded into one summary for the cap. */
typedef struct fl_input_other {
    uint64_t count;               /* inputs */
    uint64_t gzip;                /* of which gzip */
    uint64_t bytes, lines, blank, header, continuation, records, access_records, server_errors;
    int64_t first_ms, last_ms;    /* span of their records (valid if records) */
    int64_t access_first_ms, access_last_ms; /* ... of those with access records */
    int32_t offsets[FL_OTHER_OFFSETS]; /* UTC offsets written in their lines */
    uint64_t offset_count[FL_OTHER_OFFSETS];
    size_t n_offsets;
} fl_input_other;

typedef struct fl_analysis {
    const fl_config *cfg;
    fl_buckets buckets;
    fl_input *inputs;             /* in canonical order: by name (fl_result_cmp); at most
                                   * FL_INVENTORY_CAP plain ones (see fl_input_other) */
    fl_input_other other;         /* the inputs summed instead of kept (none with keep_inputs) */
    fl_buckets *input_buckets;    /* each input's own buckets, only with cfg->keep_inputs */
    size_t n_inputs;
    uint64_t records;             /* over all inputs */
    uint64_t access_records;      /* of which HTTP requests */
    fl_source_series *sources;    /* per directory, in order of first appearance (at
                                   * most FL_SOURCE_CAP) */
    size_t n_sources;
    uint64_t unfollowed_inputs;   /* inputs with records beyond the source cap */
    uint64_t unfollowed_records;  /* ... and their records */
    struct fl_mined *mined;       /* the inputs' templates unified (cfg->mine), or NULL */
    char span_error[1024];         /* why fl_analysis_add_results returned FL_ERR_SPAN */
} fl_analysis;

fl_status fl_analysis_init(fl_analysis *a, const fl_config *cfg);
void fl_analysis_free(fl_analysis *a);

/* Read n files ("-" = stdin) with `jobs` threads (0 = one per core), each into its
 * own buckets (a large plain file in chunks, folded in file order). Sets *out to a
 * malloc'd array of *nout results, packed as each is read, one per file; an archive (fl_archive.h) gives
 * one per member, named ARCHIVE:MEMBER, plus one named ARCHIVE when it is damaged
 * between members or holds no file. Problems with a file are recorded
 * in its fl_input (status, error), not returned; returns FL_OK or FL_ERR_NOMEM. */
fl_status fl_analysis_read_files(const fl_config *cfg, char *const *paths, size_t n, unsigned jobs,
                                 fl_packed **out, size_t *nout);

/* A result for a path that could not be expanded (missing, unreadable): a failed
 * input with reason why. FL_ERR_NOMEM or FL_OK. */
fl_status fl_result_failed(const fl_config *cfg, const char *path, const char *why, fl_result *r);

/* Canonical order of results: by name, then by content (so two hosts' same-named
 * files sort the same way in any run). qsort comparator over fl_result. */
int fl_result_cmp(const void *a, const void *b);

/* Place the times of inputs written without a UTC offset (and only those) when no
 * --input-tz was given: in the offset most lines of the other inputs of the same
 * source write, else of the same archive, else of the whole run, else UTC. Each such
 * input's times, signatures, markers and buckets are moved by that offset (when it
 * is a whole number of buckets) and its zone_guess says how. Needs every input of
 * the run (fl_analysis_add_packed does the same over packed results, keeping only a
 * tally per source and archive, unless cfg->input_tz is set or results are kept for
 * a partial, whose merge guesses over all inputs). */
void fl_results_guess_zones(fl_result *res, size_t n, int64_t bucket_ms);

/* Fold n packed results into the analysis in canonical order, taking them over
 * (the array itself stays the caller's, its elements are emptied). The analysis is
 * the same whichever threads, processes or partial files the results came from, as
 * long as the same results are added in one call. FL_OK, FL_ERR_NOMEM (the results
 * not yet taken are freed) or FL_ERR_SPAN (the records span more than cfg->max_span
 * buckets: nothing folded, the results freed, a->span_error names the inputs at the
 * two ends of the span, their spans, and the --bucket width that would fit). */
fl_status fl_analysis_add_packed(fl_analysis *a, fl_packed *pk, size_t n);

/* fl_analysis_add_packed for unpacked results (packed first; the same analysis). */
fl_status fl_analysis_add_results(fl_analysis *a, fl_result *res, size_t n);

/* Name the sources for people (sources.c): each source's label is its name without
 * the leading and trailing path components that all sources share ("data/kafka1/logs"
 * beside "data/kafka0/logs" is "kafka1"; a lone source is its last component, "(top)"
 * for files given without a directory), falling back to the shortest distinguishing
 * tail when labels would clash. fl_analysis_add_results calls it. FL_OK or
 * FL_ERR_NOMEM. */
fl_status fl_analysis_name_sources(fl_analysis *a);

/* Where a piece of evidence in input `in` is: the shortest tail of its source's path
 * that tells the sources apart, then the rest of the input's name
 * ("kafka1/logs/server.log.2016-12-19-18"). Written to buf (NUL-terminated, cut to
 * len); returns buf. */
const char *fl_analysis_evidence_name(const fl_analysis *a, const fl_input *in, char *buf, size_t len);

/* What fl_source_fill counts per bucket. */
typedef enum fl_series_field {
    FL_SERIES_RECORDS = 0,  /* requests + entries: whether the source wrote anything */
    FL_SERIES_REQUESTS,
    FL_SERIES_FAILED,
    FL_SERIES_ENTRIES,
    FL_SERIES_ERRORS
} fl_series_field;

/* Source s's counter f over the n buckets starting at bucket index first_index into
 * out[0..n) (zeros where it has none). */
void fl_source_fill(const fl_source_series *s, int64_t first_index, size_t n, fl_series_field f,
                    uint32_t *out);

/* The time (UTC ms) of source s's last record in bucket index `bucket`, or of its
 * first when first is nonzero; INT64_MIN when the bucket has none. */
int64_t fl_source_record_time(const fl_source_series *s, int64_t bucket, int first);

/* The silences of every source (liveness.h) over the n buckets from first_index,
 * numbered by source index, into out (empty at the start; caller frees with
 * fl_liveness_free). FL_OK or FL_ERR_NOMEM. */
fl_status fl_analysis_liveness(const fl_analysis *a, int64_t first_index, size_t n, fl_liveness *out);

/* The detection rules for this analysis: cfg->detect, or fl_detect_server_opts of it
 * in an archive of server logs only. */
void fl_analysis_detect_opts(const fl_analysis *a, fl_detect_opts *out);

/* fl_analysis_read_files followed by fl_analysis_add_results. */
fl_status fl_analysis_add_files(fl_analysis *a, char *const *paths, size_t n, unsigned jobs);

/* The UTC offset written in most records over all inputs (0 if none). */
int32_t fl_analysis_main_offset(const fl_analysis *a);

/* The buckets [*lo, *hi) of the series (fl_analysis_series) that the series is
 * measured over: with access logs, from the first access record to the last (a
 * server log that runs on after them is no silence of traffic); else all of it. */
void fl_analysis_measured_span(const fl_analysis *a, size_t *lo, size_t *hi);

/* The dense per-bucket series R[] and F[] (span length n) for detection; caller
 * frees both arrays. With access records R/F are requests/failed requests; in
 * archives of server logs only, R/F are log entries/error-level entries. */
fl_status fl_analysis_series(const fl_analysis *a, uint32_t **R, uint32_t **F, size_t *n);

/* The warning-level server-log entries per bucket over the same span as
 * fl_analysis_series (*W malloc'd, caller frees; FL_ERR_NOMEM leaves it NULL). */
fl_status fl_analysis_warnings(const fl_analysis *a, uint32_t **W);

#endif
