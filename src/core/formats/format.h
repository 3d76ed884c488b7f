/* format.h: log formats. Each format is one file under formats/ that defines one
 * const fl_format (name, kind, description, sniff, parse, its own sample lines),
 * and the table in formats.c lists them: adding a format is one file and one row.
 * Parsers never allocate: a record points into the line it came from. */
#ifndef FL_FORMAT_H
#define FL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "time/timestamp.h"

typedef enum fl_kind {
    FL_KIND_ACCESS = 0, /* one line per HTTP request, with a status */
    FL_KIND_SERVER      /* levelled messages: errors are evidence, not requests */
} fl_kind;

typedef enum fl_level {
    FL_LEVEL_NONE = 0, /* not given */
    FL_LEVEL_TRACE,
    FL_LEVEL_DEBUG,
    FL_LEVEL_INFO,
    FL_LEVEL_NOTICE,
    FL_LEVEL_WARN,
    FL_LEVEL_ERROR,    /* ERROR, ERR, SEVERE, E */
    FL_LEVEL_CRIT,     /* CRITICAL, CRIT, ALERT */
    FL_LEVEL_FATAL     /* FATAL, PANIC, EMERG */
} fl_level;

/* Level from a word such as "ERROR", "err", "Warning", "FATAL", "PANIC", "E" (one
 * letter forms only when single is nonzero); FL_LEVEL_NONE if it is not one. */
fl_level fl_level_parse(const char *s, size_t n, int single);

/* Name of a level ("error"), for reports. */
const char *fl_level_name(fl_level l);

/* One parsed line. Pointers refer into the line buffer; absent fields have len 0. */
typedef struct fl_record {
    fl_time time;          /* when; time.has_offset == 0: wall clock in --input-tz */
    fl_kind kind;
    int status;            /* HTTP status, 0 when the line has none */
    fl_level level;        /* server logs */
    const char *host;      /* access: client address; server: host or process */
    size_t host_len;
    const char *method;
    size_t method_len;
    const char *path;      /* request target as logged (query string included) */
    size_t path_len;
    const char *message;   /* server logs: the message text */
    size_t message_len;
    const char *user_agent; /* access: User-Agent as logged ("-" when none was sent) */
    size_t user_agent_len;
    const char *upstream;  /* access: backend that served it (ALB target, HAProxy
                            * backend/server, nginx $upstream_addr ...); "-" = none
                            * was reached; len 0 = the format does not log one */
    size_t upstream_len;
    const char *detail_at; /* where parse stopped, for the format's detail function */
    int64_t bytes;         /* response size, -1 unknown */
    double duration_ms;    /* request time, -1 unknown */
} fl_record;

typedef enum fl_parse_result {
    FL_PARSE_OK = 0,
    FL_PARSE_UNPARSEABLE,  /* line does not have the format's shape */
    FL_PARSE_NO_TIMESTAMP, /* shape is right but the time is missing or invalid */
    FL_PARSE_HEADER,       /* a header or comment (W3C "#Fields:"), not data */
    FL_PARSE_CONTINUATION  /* server logs: continues the previous entry (stack trace) */
} fl_parse_result;

#define FL_FORMAT_PRIV 2048

/* Per-file parser state, zeroed when a file starts. */
typedef struct fl_parse_state {
    fl_ts_cache ts;            /* minute cache for the timestamp parsers */
    int year;                  /* year for formats without one (syslog RFC 3164) */
    int month;                 /* month of that year's reference point (file mtime), 0 unknown */
    int64_t ref_ms;            /* that reference point, wall-clock ms (0 unknown): year-less
                                * times are never later than it (fl_year_pick) */
    int year_used;             /* set by a parser that gave a year-less time a year */
    const void *custom;        /* compiled --log-format, for the "custom" format */
    unsigned char priv[FL_FORMAT_PRIV]; /* format-specific state (W3C #Fields map ...) */
} fl_parse_state;

/* A line as the format logs it and what parse must make of it, read in order from
 * one fresh state (year 2026, month 11, as tests/unit/test_formats.c sets it), so
 * a header line comes before the rows it names. The samples document the format
 * drive the unit test test_formats, and must be detected as
 * the format when offered together. */
typedef struct fl_format_sample {
    const char *line;
    fl_parse_result result; /* FL_PARSE_OK (0), or HEADER / CONTINUATION */
    const char *time;       /* result OK: the record's time, "2026-11-23T12:20:01.123Z",
                             * "...+01:00" (offset as logged) or without a zone (wall clock) */
    int status;             /* access formats: the HTTP status */
    fl_level level;         /* server formats: the level */
} fl_format_sample;

typedef struct fl_format {
    const char *name;        /* as accepted by --format */
    fl_kind kind;
    const char *description; /* one line for --list-formats */
    /* Score 0..100: how well the first lines of a file (blank ones removed) fit this
     * format; usually the percentage of lines that parse. */
    int (*sniff)(const char *const *lines, const size_t *lens, size_t n);
    fl_parse_result (*parse)(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
    /* Optional (NULL: parse fills them): fill rec's user_agent and upstream, which
     * parse leaves empty when finding them would scan most of every line (the
     * agent of Combined is its longest field). Called only for the records that
     * need them: failed requests, and a sample of the others. rec is what parse
     * returned OK for line; it continues from rec->detail_at. */
    void (*detail)(const char *line, size_t len, fl_record *rec);
    /* Optional: what the format learned from a file's first lines, in words, for
     * --explain-format (the generic reader's layout, position and level column). */
    void (*explain)(const char *const *lines, const size_t *lens, size_t n, char *out,
                    size_t out_len);
    /* Sample lines, ended by one with a NULL line; NULL for a format that is never
     * detected ("custom": it needs --log-format). */
    const fl_format_sample *samples;
} fl_format;

/* All formats (formats/NAME.c defines fl_format_NAME), in detection preference
 * order, ended by NULL: the table in formats.c. */
extern const fl_format *const fl_formats[];

/* Format by name, NULL if unknown. */
const fl_format *fl_format_find(const char *name);

/* The best-scoring format for a file's first lines (ties: table order); NULL when
 * none scores at least 50. *score receives the winner's score when non-NULL; why
 * (when non-NULL) receives the three best scores, e.g.
 * "combined 100, common 100, vhost_combined 0 on 16 sample lines". */
const fl_format *fl_format_detect(const char *const *lines, const size_t *lens, size_t n,
                                  int *score, char *why, size_t why_len);

/* Parse the non-blank sample lines with parse, from a fresh state (year 2000) put
 * in *st, which keeps what the parser learned. Returns the lines tried; *ok and
 * *header count those that parsed as a record and as a header line. */
size_t fl_sample_parse(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                       fl_parse_state *st, const char *const *lines, const size_t *lens, size_t n,
                       size_t *ok, size_t *header);

/* Score helper for sniff functions: percentage of the lines that parse as OK or
 * HEADER with a fresh state. */
int fl_sniff_by_parse(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                      const char *const *lines, const size_t *lens, size_t n);

#endif
