/* fl_status.h: the one status enum every core function returns (curl CURLcode style). */
#ifndef FL_STATUS_H
#define FL_STATUS_H

typedef enum fl_status {
    FL_OK = 0,
    FL_ERR_NOMEM,     /* allocation failed */
    FL_ERR_IO,        /* read or write failed */
    FL_ERR_OPEN,      /* path missing, unreadable or of an unsupported kind */
    FL_ERR_USAGE,     /* bad option value */
    FL_ERR_PARSE,     /* malformed input the user gave us (events file, zone) */
    FL_ERR_GZIP,      /* corrupt compressed data */
    FL_ERR_TRUNCATED, /* compressed stream ended early: data so far is kept */
    FL_ERR_NODATA,    /* no line carried a usable timestamp */
    FL_ERR_TZ,        /* unknown or unreadable time zone */
    FL_ERR_ARCHIVE,   /* damaged, encrypted or unsupported archive (tar, zip, ...) */
    FL_ERR_SPAN,      /* the records span more buckets than a run may (cfg->max_span) */
    FL_STATUS_N       /* number of statuses, not one itself */
} fl_status;

/* Human-readable text for a status; never NULL, static storage. */
const char *fl_strerror(fl_status st);

#endif
