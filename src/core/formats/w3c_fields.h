/* w3c_fields.h: the W3C Extended Log File Format directives (W3C Working Draft
 * WD-logfile-960323) shared by the "w3c" (IIS) and "cloudfront" formats: "#Fields:"
 * names the columns of the rows that follow (and may change mid-file), "#Date:"
 * dates rows without a date column, other "#" lines are comments. The column map
 * lives in fl_parse_state.priv. */
#ifndef FL_W3C_FIELDS_H
#define FL_W3C_FIELDS_H

#include <stddef.h>

#include "formats/format.h"

#define FL_W3C_MAX_COLS 200

/* What a column holds, for the fields a record needs. */
enum {
    FL_W3C_OTHER = 0,
    FL_W3C_DATE,   /* date: YYYY-MM-DD, UTC */
    FL_W3C_TIME,   /* time: HH:MM:SS[.fff], UTC */
    FL_W3C_CIP,    /* c-ip */
    FL_W3C_METHOD, /* cs-method */
    FL_W3C_STEM,   /* cs-uri-stem */
    FL_W3C_URI,    /* cs-uri (used when there is no cs-uri-stem) */
    FL_W3C_STATUS, /* sc-status */
    FL_W3C_BYTES,  /* sc-bytes */
    FL_W3C_TAKEN,  /* time-taken */
    FL_W3C_UA      /* cs(User-Agent) */
};

/* Per-file state (only byte-sized members: it is overlaid on priv). */
typedef struct fl_w3c_map {
    unsigned char ready;       /* role[] holds a column map */
    unsigned char from_header; /* ... read from a "#Fields:" line */
    unsigned char cloudfront;  /* the #Fields line names x-edge-* (CloudFront) fields */
    unsigned char have_date;   /* date[] holds a "#Date:" date */
    unsigned char n_cols;      /* columns in role[] (FL_W3C_MAX_COLS < 256) */
    char date[10];
    unsigned char role[FL_W3C_MAX_COLS];
} fl_w3c_map;

_Static_assert(sizeof(fl_w3c_map) <= FL_FORMAT_PRIV, "W3C column map must fit fl_parse_state.priv");
_Static_assert(_Alignof(fl_w3c_map) == 1, "W3C column map is overlaid on a byte array");
_Static_assert(FL_W3C_MAX_COLS < 256, "n_cols is one byte");

/* The map in a parse state's priv bytes. */
fl_w3c_map *fl_w3c_fields_map(fl_parse_state *st);

/* Build the map from a space-separated list of field names (the text after
 * "#Fields:"). Returns 0 when the list is empty or has more than FL_W3C_MAX_COLS
 * names. */
int fl_w3c_fields_set(fl_w3c_map *m, const char *names, size_t len);

/* A line starting with '#': "#Fields:" rebuilds the map, "#Date:" records the
 * date; every directive returns FL_PARSE_HEADER. */
fl_parse_result fl_w3c_fields_directive(fl_w3c_map *m, const char *line, size_t len);

/* Parse a data row with map m: columns separated by sep (exactly one per gap), the
 * count equal to the map's when it came from a header; with a default map at least
 * the columns it uses (later ones are ignored). "-" is an empty value. The row needs
 * a status, a time and a date (column or #Date); date and time are UTC. time-taken
 * is multiplied by taken_to_ms (1 for IIS milliseconds, 1000 for CloudFront
 * seconds). */
fl_parse_result fl_w3c_fields_row(fl_parse_state *st, const fl_w3c_map *m, char sep,
                                  double taken_to_ms, const char *line, size_t len,
                                  fl_record *rec);

/* Sniff for header-driven formats: the lines from the first "#Fields:" on are parsed
 * with a fresh state and the percentage that parse (or are directives) is the
 * score. It is 0 when the #Fields line's cloudfront flag differs from
 * want_cloudfront, and 0 without a #Fields line unless headerless is nonzero: then
 * all lines are scored with parse (which falls back on its default columns) and
 * only data rows that parse count. */
int fl_w3c_fields_sniff(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t,
                                                 fl_record *),
                        int want_cloudfront, int headerless, const char *const *lines,
                        const size_t *lens, size_t n);

#endif
