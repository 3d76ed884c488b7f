/* postgresql.c: PostgreSQL's stderr log (log_destination = 'stderr', the logging
 * collector's postgresql-*.log), with the log_line_prefix forms in use: the default
 * '%m [%p] ' ("2026-11-23 12:20:01.123 UTC [1234] LOG:  database system is ready to
 * accept connections"), '%t [%p] ' (no milliseconds), Debian's '%m [%p] %q%u@%d '
 * ("... [1234] user@db FATAL:  ..."), '%t [%p]: [%l-1] user=%u,db=%d ', and AWS RDS's
 * '%t:%r:%u@%d:[%p]:' ("2026-11-23 12:20:01 UTC:10.0.1.5(54321):app@orders:[1234]:
 * ERROR:  ...", one token up to the severity) - the
 * timestamp first, then up to six prefix tokens, then "SEVERITY:  message" (the
 * manual: "Runtime Config / Error Reporting and Logging"; severities DEBUG5..DEBUG1,
 * LOG, INFO, NOTICE, WARNING, ERROR, FATAL, PANIC). The time zone is %m/%t's
 * abbreviation (log_timezone): UTC, GMT, UCT and Z mean offset 0 and a numeric zone
 * ("+01", "-0330", which PostgreSQL prints for zones without an abbreviation) is
 * that offset; any other abbreviation (CET, EST, IST...) is ambiguous across the
 * world, so the record keeps has_offset 0 and --input-tz decides. DETAIL, HINT,
 * STATEMENT, CONTEXT, QUERY and LOCATION lines belong to the entry before them
 * (CONTINUATION), as do untimed lines (a multi-line statement). Severities are
 * expected in English (lc_messages = 'C'); translated ones are UNPARSEABLE. host is
 * the "user@db" prefix token when there is one. */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct postgresql_priv {
    fl_srv_state srv;
} postgresql_priv;
static_assert(sizeof(postgresql_priv) <= FL_FORMAT_PRIV, "postgresql state fits st->priv");

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

static int word_is(const char *s, size_t n, const char *w)
{
    return n == strlen(w) && memcmp(s, w, n) == 0;
}

/* Severity of an upper-case word; -1 for the detail kinds that continue an entry,
 * 0 (FL_LEVEL_NONE) for anything else. */
static int severity(const char *s, size_t n)
{
    static const struct {
        const char *w;
        size_t n;
    } detail[] = {{"DETAIL", 6}, {"HINT", 4},  {"STATEMENT", 9},
                  {"CONTEXT", 7}, {"QUERY", 5}, {"LOCATION", 8}}; /* (no strlen per line) */
    if (n == 6 && memcmp(s, "DEBUG", 5) == 0 && s[5] >= '1' && s[5] <= '5')
        return FL_LEVEL_DEBUG;
    for (size_t i = 0; i < sizeof detail / sizeof detail[0]; i++)
        if (n == detail[i].n && memcmp(s, detail[i].w, n) == 0)
            return -1;
    if (word_is(s, n, "LOG") || word_is(s, n, "INFO") || word_is(s, n, "NOTICE") ||
        word_is(s, n, "WARNING") || word_is(s, n, "ERROR") || word_is(s, n, "FATAL") ||
        word_is(s, n, "PANIC") || word_is(s, n, "DEBUG"))
        return (int)fl_level_parse(s, n, 0);
    return FL_LEVEL_NONE;
}

/* A time zone token after the timestamp: applies it to *t and returns 1, or returns
 * 0 when the token is not a zone (nothing applied). */
static int apply_zone(const char *z, size_t n, fl_time *t)
{
    int32_t off;
    if (word_is(z, n, "UTC") || word_is(z, n, "GMT") || word_is(z, n, "UCT") || word_is(z, n, "Z")) {
        off = 0;
    } else if (n >= 3 && (z[0] == '+' || z[0] == '-') && fl_ts_offset(z, n, &off) == n) {
    } else {
        if (n < 2 || n > 6)
            return 0;
        for (size_t i = 0; i < n; i++)
            if (!is_upper(z[i]))
                return 0;
        return 1; /* an abbreviation such as CET: wall-clock time, has_offset stays 0 */
    }
    if (!t->has_offset) {
        t->has_offset = 1;
        t->offset_s = off;
        t->ms -= (int64_t)off * 1000;
    }
    return 1;
}

/* AWS RDS's fixed prefix '%t:%r:%u@%d:[%p]:' after the time, with i at its zone:
 * "UTC:10.0.1.5(54321):app@orders:[1234]:ERROR:  ...". The remote host may hold
 * colons (IPv6) and be empty, so the pid is found as the last "[digits]:" before a
 * severity word. Returns the index of the severity word (host set to "user@db"), or
 * 0 when the token is not that prefix. */
static size_t rds_prefix(const char *line, size_t len, size_t i, fl_record *rec)
{
    size_t e = fl_srv_token_end(line, len, i);
    const char *colon = memchr(line + i, ':', e - i);
    if (!colon || colon + 1 >= line + e || !apply_zone(line + i, (size_t)(colon - line) - i, &rec->time))
        return 0;
    for (size_t p = (size_t)(colon - line) + 1; p + 2 < e; p++) {
        if (line[p] != ']' || line[p + 1] != ':')
            continue;
        size_t w = p + 2, we = w;
        while (we < e && is_upper(line[we]))
            we++;
        if (we == w || we >= e || line[we] != ':' || severity(line + w, we - w) == 0)
            continue;
        size_t open = p; /* the '[' of the pid, then ':' and user@db before it */
        while (open > i && line[open] != '[')
            open--;
        size_t at = open > i + 1 && line[open - 1] == ':' ? open - 1 : open, u = at;
        while (u > i && line[u - 1] != ':')
            u--;
        if (u < at && memchr(line + u, '@', at - u)) {
            rec->host = line + u;
            rec->host_len = at - u;
        }
        return w;
    }
    return 0;
}

/* Contract: parses one PostgreSQL log line into rec (see the header comment).
 * UNPARSEABLE when no "SEVERITY:" follows the prefix, NO_TIMESTAMP for an impossible
 * time, CONTINUATION for detail lines and untimed lines after an entry. */
static fl_parse_result fl_postgresql_parse(fl_parse_state *st, const char *line, size_t len,
                                    fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_srv_record_init(rec);
    if (len < 20 || !fl_is_digit(line[0]) || line[4] != '-' || (line[10] != ' ' && line[10] != 'T'))
        return fl_srv_untimed(srv, line, len);
    size_t i = fl_ts_iso(&st->ts, line, len, &rec->time);
    if (!i)
        return FL_PARSE_NO_TIMESTAMP;
    if (i >= len || line[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    i = fl_srv_skip_blanks(line, len, i);
    size_t e = fl_srv_token_end(line, len, i), rds = rds_prefix(line, len, i, rec);
    if (rds)
        i = rds;
    else if (!(e > i && line[e - 1] == ':') && apply_zone(line + i, e - i, &rec->time))
        i = fl_srv_skip_blanks(line, len, e);
    for (int k = 0; k < 6 && i < len; k++) {
        e = fl_srv_token_end(line, len, i);
        if (e - i >= 2 && line[e - 1] == ':') {
            int sev = severity(line + i, e - i - 1);
            if (sev < 0)
                return FL_PARSE_CONTINUATION;
            if (sev > 0) {
                rec->level = (fl_level)sev;
                i = fl_srv_skip_blanks(line, len, e);
                rec->message = line + i;
                rec->message_len = fl_srv_rtrim(line + i, len - i);
                srv->started = 1;
                return FL_PARSE_OK;
            }
        }
        if (line[i] != '[' && memchr(line + i, '@', e - i)) {
            rec->host = line + i;
            rec->host_len = e - i;
        }
        i = fl_srv_skip_blanks(line, len, e);
    }
    return FL_PARSE_UNPARSEABLE;
}

static int fl_postgresql_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_postgresql_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample postgresql_samples[] = {
    {.line = "2026-11-23 12:00:01.118 UTC [812] LOG:  checkpoint starting: time",
     .time = "2026-11-23T12:00:01.118Z", .level = FL_LEVEL_INFO},
    {.line = "2026-11-23 12:09:40.003 UTC [4521] orders@shop ERROR:  deadlock detected",
     .time = "2026-11-23T12:09:40.003Z", .level = FL_LEVEL_ERROR},
    {.line = "2026-11-23 12:09:40.003 UTC [4521] orders@shop DETAIL:  Process 4521 waits for "
             "ShareLock on transaction 991204; blocked by process 4518.",
     .result = FL_PARSE_CONTINUATION},
    {.line = "\tProcess 4518 waits for ShareLock on transaction 991207; blocked by process "
             "4521.",
     .result = FL_PARSE_CONTINUATION},
    {.line = "2026-11-23 12:09:41 UTC:10.0.1.5(54321):app@orders:[4530]:ERROR:  canceling statement due "
             "to lock timeout",
     .time = "2026-11-23T12:09:41Z", .level = FL_LEVEL_ERROR},
    {.line = NULL},
};

const fl_format fl_format_postgresql = {
    .name = "postgresql",
    .kind = FL_KIND_SERVER,
    .description = "PostgreSQL log: '%m [%p] ' prefix and its variants, or AWS RDS's '%t:%r:%u@%d:[%p]:', then LOG:/ERROR:/FATAL:/PANIC: message",
    .sniff = fl_postgresql_sniff,
    .parse = fl_postgresql_parse,
    .samples = postgresql_samples,
};
