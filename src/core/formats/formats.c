/* formats.c: the format table, per-file detection and log levels. */
#include <stdio.h>
#include <string.h>

#include "formats/format.h"

const fl_format fl_formats[] = {
    {.name = "combined", .kind = FL_KIND_ACCESS,
     .description = "NCSA Combined: Apache/nginx default, CLF + \"referer\" \"user-agent\"",
     .sniff = fl_clf_sniff_combined, .parse = fl_clf_parse, .detail = fl_clf_detail},
    {.name = "common", .kind = FL_KIND_ACCESS,
     .description = "NCSA Common Log Format: host ident user [time] \"request\" status bytes",
     .sniff = fl_clf_sniff_common, .parse = fl_clf_parse, .detail = NULL},
    {.name = "vhost_combined", .kind = FL_KIND_ACCESS,
     .description = "Apache vhost_combined: \"%v:%p \" + Combined (other_vhosts_access.log)",
     .sniff = fl_vhost_sniff, .parse = fl_vhost_parse, .detail = fl_clf_detail},
    {.name = "json", .kind = FL_KIND_ACCESS,
     .description = "JSON-lines access logs: nginx escape=json, Caddy, Traefik, Envoy (needs a status)",
     .sniff = fl_json_access_sniff, .parse = fl_json_access_parse, .detail = NULL},
    {.name = "elb", .kind = FL_KIND_ACCESS,
     .description = "AWS Classic Load Balancer: time elb client:port backend:port times codes bytes \"request\"",
     .sniff = fl_elb_sniff, .parse = fl_elb_parse, .detail = fl_elb_detail},
    {.name = "alb", .kind = FL_KIND_ACCESS,
     .description = "AWS Application Load Balancer: type time elb client:port target:port ... \"request\" ...",
     .sniff = fl_alb_sniff, .parse = fl_alb_parse, .detail = NULL},
    {.name = "cloudfront", .kind = FL_KIND_ACCESS,
     .description = "Amazon CloudFront standard log: tab-separated W3C fields (#Fields header or default order)",
     .sniff = fl_cloudfront_sniff, .parse = fl_cloudfront_parse, .detail = NULL},
    {.name = "w3c", .kind = FL_KIND_ACCESS,
     .description = "W3C extended / IIS: space-separated columns named by the #Fields header, UTC",
     .sniff = fl_w3c_sniff, .parse = fl_w3c_parse, .detail = NULL},
    {.name = "haproxy", .kind = FL_KIND_ACCESS,
     .description = "HAProxy option httplog: client:port [date] frontend backend/server timers status bytes ...",
     .sniff = fl_haproxy_sniff, .parse = fl_haproxy_parse, .detail = NULL},
    {.name = "envoy", .kind = FL_KIND_ACCESS,
     .description = "Envoy default access log: [start] \"request\" code flags rx tx duration upstream ...",
     .sniff = fl_envoy_sniff, .parse = fl_envoy_parse, .detail = fl_envoy_detail},
    {.name = "squid", .kind = FL_KIND_ACCESS,
     .description = "Squid native access.log: epoch.ms elapsed client code/status bytes method URL ...",
     .sniff = fl_squid_sniff, .parse = fl_squid_parse, .detail = NULL},
    {.name = "custom", .kind = FL_KIND_ACCESS,
     .description = "--log-format (GoAccess specifiers: %h %d %t %x %r %s %b ...); never detected",
     .sniff = fl_logformat_sniff, .parse = fl_logformat_parse, .detail = NULL},
    /* access formats: add rows above this line */
    /* Server formats: specific shapes first, the generic "app" last (ties go to the
     * earlier row, and app caps its own score below a specific format's). */
    {.name = "journald", .kind = FL_KIND_SERVER,
     .description = "systemd journal, journalctl -o json (__REALTIME_TIMESTAMP, PRIORITY, MESSAGE)",
     .sniff = fl_journald_sniff, .parse = fl_journald_parse, .detail = NULL},
    {.name = "docker", .kind = FL_KIND_SERVER,
     .description = "Docker json-file: {\"log\":\"...\\n\",\"stream\":\"stderr\",\"time\":\"...\"}",
     .sniff = fl_docker_sniff, .parse = fl_docker_parse, .detail = NULL},
    {.name = "cri", .kind = FL_KIND_SERVER,
     .description = "Kubernetes CRI container log: RFC 3339 time, stdout/stderr, F/P tag, message",
     .sniff = fl_cri_sniff, .parse = fl_cri_parse, .detail = NULL},
    {.name = "syslog5424", .kind = FL_KIND_SERVER,
     .description = "RFC 5424 syslog: <PRI>1 time host app procid msgid [sd] msg",
     .sniff = fl_syslog5424_sniff, .parse = fl_syslog5424_parse, .detail = NULL},
    {.name = "mysql", .kind = FL_KIND_SERVER,
     .description = "MySQL/MariaDB error log: time thread [ERROR] [MY-nnnnnn] [Server] msg",
     .sniff = fl_mysql_sniff, .parse = fl_mysql_parse, .detail = NULL},
    {.name = "postgresql", .kind = FL_KIND_SERVER,
     .description = "PostgreSQL log: '%m [%p] ' prefix and its variants, or AWS RDS's '%t:%r:%u@%d:[%p]:', then LOG:/ERROR:/FATAL:/PANIC: message",
     .sniff = fl_postgresql_sniff, .parse = fl_postgresql_parse, .detail = NULL},
    {.name = "redis", .kind = FL_KIND_SERVER,
     .description = "Redis server log: pid:role dd Mmm yyyy hh:mm:ss.mmm #|*|-|. message",
     .sniff = fl_redis_sniff, .parse = fl_redis_parse, .detail = NULL},
    {.name = "nginx_error", .kind = FL_KIND_SERVER,
     .description = "nginx error_log: yyyy/mm/dd hh:mm:ss [error] pid#tid: *cid message",
     .sniff = fl_nginx_error_sniff, .parse = fl_nginx_error_parse, .detail = NULL},
    {.name = "apache_error", .kind = FL_KIND_SERVER,
     .description = "Apache httpd ErrorLog: [Www Mmm dd hh:mm:ss yyyy] [module:level] [pid] message",
     .sniff = fl_apache_error_sniff, .parse = fl_apache_error_parse, .detail = NULL},
    {.name = "syslog", .kind = FL_KIND_SERVER,
     .description = "BSD syslog (RFC 3164) and rsyslog files: [<PRI>]Mmm dd hh:mm:ss host tag[pid]: msg",
     .sniff = fl_syslog_sniff, .parse = fl_syslog_parse, .detail = NULL},
    {.name = "app", .kind = FL_KIND_SERVER,
     .description = "Application logs: ISO time + level word (Log4j, Python, Go, Spring), logfmt, JSON",
     .sniff = fl_app_sniff, .parse = fl_app_parse, .detail = NULL},
    {.name = "generic", .kind = FL_KIND_SERVER,
     .description = "Other server logs: a timestamp in one of the layouts below after an optional prefix (file name, host, pid), level column learned",
     .sniff = fl_generic_sniff, .parse = fl_generic_parse, .explain = fl_generic_explain},
    /* server formats: add rows above this line */
    {.name = NULL},
};

const fl_format *fl_format_find(const char *name)
{
    for (const fl_format *f = fl_formats; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

const fl_format *fl_format_detect(const char *const *lines, const size_t *lens, size_t n,
                                  int *score, char *why, size_t why_len)
{
    const fl_format *top[3] = {NULL, NULL, NULL};
    int top_score[3] = {-1, -1, -1};
    for (const fl_format *f = fl_formats; f->name; f++) {
        int s = f->sniff(lines, lens, n);
        for (int k = 0; k < 3; k++) { /* keep the three best, earlier rows first on ties */
            if (s > top_score[k]) {
                for (int j = 2; j > k; j--) {
                    top[j] = top[j - 1];
                    top_score[j] = top_score[j - 1];
                }
                top[k] = f;
                top_score[k] = s;
                break;
            }
        }
    }
    if (score)
        *score = top_score[0] < 0 ? 0 : top_score[0];
    if (why && why_len) {
        size_t o = 0, lines_used = 0;
        for (size_t i = 0; i < n; i++)
            lines_used += lens[i] > 0;
        why[0] = 0;
        for (int k = 0; k < 3 && top[k] && o < why_len; k++)
            o += (size_t)snprintf(why + o, why_len - o, "%s%s %d", k ? ", " : "", top[k]->name,
                                  top_score[k]);
        if (o < why_len)
            o += (size_t)snprintf(why + o, why_len - o, " on %zu sample lines", lines_used);
        if (top_score[0] >= 50 && top[0]->explain && o + 3 < why_len) {
            o += (size_t)snprintf(why + o, why_len - o, ": ");
            if (o < why_len)
                top[0]->explain(lines, lens, n, why + o, why_len - o);
        }
    }
    return top_score[0] >= 50 ? top[0] : NULL;
}

size_t fl_sample_parse(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                       fl_parse_state *st, const char *const *lines, const size_t *lens, size_t n,
                       size_t *ok, size_t *header)
{
    static const fl_parse_state fresh; /* zero state: const, so no shared mutation */
    fl_record rec;
    size_t counted = 0;
    memcpy(st, &fresh, sizeof *st);
    st->year = 2000;
    *ok = *header = 0;
    for (size_t i = 0; i < n; i++) {
        if (lens[i] == 0)
            continue;
        counted++;
        fl_parse_result r = parse(st, lines[i], lens[i], &rec);
        *ok += r == FL_PARSE_OK;
        *header += r == FL_PARSE_HEADER;
    }
    return counted;
}

int fl_sniff_by_parse(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                      const char *const *lines, const size_t *lens, size_t n)
{
    fl_parse_state st;
    size_t ok, header, counted = fl_sample_parse(parse, &st, lines, lens, n, &ok, &header);
    return counted ? (int)((ok + header) * 100 / counted) : 0;
}

static int word_is(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != w[i])
            return 0;
    return 1;
}

fl_level fl_level_parse(const char *s, size_t n, int single)
{
    static const struct {
        const char *word;
        fl_level level;
    } words[] = {
        {"trace", FL_LEVEL_TRACE},   {"debug", FL_LEVEL_DEBUG},     {"info", FL_LEVEL_INFO},
        {"notice", FL_LEVEL_NOTICE}, {"log", FL_LEVEL_INFO},        {"warn", FL_LEVEL_WARN},
        {"warning", FL_LEVEL_WARN},  {"error", FL_LEVEL_ERROR},     {"err", FL_LEVEL_ERROR},
        {"severe", FL_LEVEL_ERROR},  {"crit", FL_LEVEL_CRIT},       {"critical", FL_LEVEL_CRIT},
        {"alert", FL_LEVEL_CRIT},    {"fatal", FL_LEVEL_FATAL},     {"panic", FL_LEVEL_FATAL},
        {"emerg", FL_LEVEL_FATAL},   {"emergency", FL_LEVEL_FATAL}, {"fine", FL_LEVEL_DEBUG},
        {"finer", FL_LEVEL_TRACE},   {"finest", FL_LEVEL_TRACE},    {"dbg", FL_LEVEL_DEBUG},
        {"wrn", FL_LEVEL_WARN},      {"eror", FL_LEVEL_ERROR},      {"inf", FL_LEVEL_INFO},
    };
    static const char letters[] = "tdiwefc";
    static const fl_level letter_levels[] = {FL_LEVEL_TRACE, FL_LEVEL_DEBUG, FL_LEVEL_INFO,
                                             FL_LEVEL_WARN,  FL_LEVEL_ERROR, FL_LEVEL_FATAL,
                                             FL_LEVEL_CRIT};
    if (n == 1 && single) {
        const char *p = memchr(letters, s[0] | 0x20, sizeof letters - 1);
        return p ? letter_levels[p - letters] : FL_LEVEL_NONE;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (word_is(s, n, words[i].word))
            return words[i].level;
    return FL_LEVEL_NONE;
}

const char *fl_level_name(fl_level l)
{
    static const char *const names[] = {"none", "trace", "debug",  "info", "notice",
                                        "warn", "error", "critical", "fatal"};
    return (unsigned)l < sizeof names / sizeof names[0] ? names[l] : "none";
}
