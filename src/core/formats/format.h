/* format.h: the table of log formats. Each format is one file under formats/ with a
 * {name, kind, sniff, parse} row in formats.c; adding a format is one file and one
 * row. Parsers never allocate: a record points into the line it came from. */
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
} fl_format;

/* All formats, in detection preference order, terminated by a NULL name. */
extern const fl_format fl_formats[];

/* Format by name, NULL if unknown. */
const fl_format *fl_format_find(const char *name);

/* The best-scoring format for a file's first lines (ties: table order); NULL when
 * none scores at least 50. *score receives the winner's score when non-NULL; why
 * (when non-NULL) receives the three best scores, e.g.
 * "combined 100, common 100, vhost_combined 0 on 16 sample lines". */
const fl_format *fl_format_detect(const char *const *lines, const size_t *lens, size_t n,
                                  int *score, char *why, size_t why_len);

/* Score helper for sniff functions: percentage of the lines that parse as OK or
 * HEADER with a fresh state. */
int fl_sniff_by_parse(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                      const char *const *lines, const size_t *lens, size_t n);

/* CLF/combined (formats/clf.c), exposed for the unit tests. */
int fl_clf_sniff_common(const char *const *lines, const size_t *lens, size_t n);
int fl_clf_sniff_combined(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_clf_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* Detail function of "combined" and "vhost_combined": the user agent, when the
 * referer and agent fields follow the CLF fields that fl_clf_parse read. */
void fl_clf_detail(const char *line, size_t len, fl_record *rec);
/* elb.c: the user agent after the request. */
void fl_elb_detail(const char *line, size_t len, fl_record *rec);
/* envoy.c: the quoted fields after X-FORWARDED-FOR (agent, upstream host). */
void fl_envoy_detail(const char *line, size_t len, fl_record *rec);

/* Access formats (one file each under formats/). */
/* A CLF %h of the form "name:port" (one ':' followed by 1-5 digits) is Apache's
 * "%v:%p" of vhost_combined, not a client address (IPv6 addresses have two or more
 * ':'); clf.c rejects such lines and vhost.c requires the shape. */
int fl_clf_is_vhost_port(const char *s, size_t n);
/* vhost.c: Apache vhost_combined ("%v:%p " + Combined) */
int fl_vhost_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_vhost_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* json_access.c: JSON-lines access logs (nginx escape=json, Caddy, Traefik, Envoy) */
int fl_json_access_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_json_access_parse(fl_parse_state *st, const char *line, size_t len,
                                     fl_record *rec);
/* elb.c: AWS Classic Load Balancer */
int fl_elb_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_elb_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* alb.c: AWS Application Load Balancer */
int fl_alb_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_alb_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* cloudfront.c: Amazon CloudFront standard logs (tab-separated W3C) */
int fl_cloudfront_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_cloudfront_parse(fl_parse_state *st, const char *line, size_t len,
                                    fl_record *rec);
/* w3c.c: W3C extended / IIS (needs its #Fields header to be detected) */
int fl_w3c_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_w3c_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* haproxy.c: HAProxy option httplog, with or without a syslog header */
int fl_haproxy_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_haproxy_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* envoy.c: Envoy default access log format (and Istio's) */
int fl_envoy_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_envoy_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* squid.c: Squid native access.log */
int fl_squid_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_squid_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* logformat.c: --log-format (GoAccess style); parse uses st->custom (a compiled
 * fl_logformat, see logformat.h) and is UNPARSEABLE without one; sniff is always 0. */
int fl_logformat_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_logformat_parse(fl_parse_state *st, const char *line, size_t len,
                                   fl_record *rec);
/* end of access formats */

/* Server formats (one file each under formats/). */
/* journald.c: journalctl -o json */
int fl_journald_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_journald_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* docker.c: Docker json-file driver */
int fl_docker_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_docker_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* cri.c: Kubernetes CRI container logs */
int fl_cri_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_cri_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* syslog5424.c: RFC 5424 */
int fl_syslog5424_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_syslog5424_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* mysql.c: MySQL/MariaDB error log */
int fl_mysql_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_mysql_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* postgresql.c: PostgreSQL stderr log */
int fl_postgresql_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_postgresql_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* redis.c: Redis server log */
int fl_redis_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_redis_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* nginx_error.c: nginx error_log */
int fl_nginx_error_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_nginx_error_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* apache_error.c: Apache httpd ErrorLog */
int fl_apache_error_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_apache_error_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* syslog.c: RFC 3164 / rsyslog files */
int fl_syslog_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_syslog_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* app.c: generic levelled application logs */
int fl_app_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_app_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* generic.c: any "[prefix] time [fields] level message" layout of time/layouts.h,
 * learned from the first timed line; explain describes what it learned from a
 * sample (layout, position, level column) for --explain-format. */
int fl_generic_sniff(const char *const *lines, const size_t *lens, size_t n);
fl_parse_result fl_generic_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
void fl_generic_explain(const char *const *lines, const size_t *lens, size_t n, char *out,
                        size_t out_len);
/* end of server formats */

#endif
