/* format.h: the table of log formats. Each format is one file under formats/ with a
 * {name, sniff, parse} entry in formats.c; adding a format is one file and one row. */
#ifndef FL_FORMAT_H
#define FL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* One parsed line. Pointers refer into the line buffer (no allocation). */
typedef struct fl_record {
    int64_t ts_ms;         /* UTC milliseconds since the epoch */
    int32_t utc_offset_s;  /* offset written in the line (seconds east) */
    int status;            /* HTTP status, 0 when the line has none */
    const char *host;      /* client address */
    size_t host_len;
    const char *method;
    size_t method_len;
    const char *path;      /* request target as logged (query string included) */
    size_t path_len;
    int64_t bytes;         /* response size, -1 when logged as "-" */
} fl_record;

typedef enum fl_parse_result {
    FL_PARSE_OK = 0,
    FL_PARSE_UNPARSEABLE, /* line does not have the format's shape */
    FL_PARSE_NO_TIMESTAMP /* shape is right but the time is missing or invalid */
} fl_parse_result;

/* Per-file parser state: the last minute's timestamp prefix and its value, so a
 * file's lines do not re-parse the date. */
typedef struct fl_parse_state {
    char ts_key[24];       /* "10/Oct/2000:13:55 -0700" minus seconds, as logged */
    size_t ts_key_len;
    int64_t ts_minute_ms;  /* UTC ms of that minute */
    int32_t ts_offset_s;
} fl_parse_state;

typedef struct fl_format {
    const char *name;        /* as accepted by --format */
    const char *description; /* one line for --help */
    /* Nonzero when the line has this format's shape (used on a file's first lines). */
    int (*sniff)(const char *line, size_t len);
    fl_parse_result (*parse)(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
} fl_format;

/* All formats, in detection preference order, terminated by a NULL name. */
extern const fl_format fl_formats[];

/* Format by name, NULL if unknown. */
const fl_format *fl_format_find(const char *name);

/* Pick the format most of the sample lines sniff as (ties: table order); NULL when
 * none matches at least half of the non-blank lines. */
const fl_format *fl_format_detect(const char *const *lines, const size_t *lens, size_t n);

/* CLF/combined entry points (formats/clf.c), exposed for the unit tests. */
int fl_clf_sniff_common(const char *line, size_t len);
int fl_clf_sniff_combined(const char *line, size_t len);
fl_parse_result fl_clf_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);

/* Parse a CLF time "10/Oct/2000:13:55:36 -0700" (exactly 26 bytes, as inside the
 * brackets) into UTC ms and the written offset; uses and refreshes st's minute
 * cache. Returns 1 on success, 0 on an invalid time. */
int fl_clf_time(fl_parse_state *st, const char *s, size_t len, int64_t *ms, int32_t *offset_s);

#endif
