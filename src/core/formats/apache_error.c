/* apache_error.c: the Apache httpd error log (ErrorLog; httpd docs "Log Files",
 * "Error Log"; ErrorLogFormat in core). Default 2.4 form:
 *   [Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416]
 *   [client 72.15.99.187:54321] AH00128: File does not exist: /usr/local/...
 * and the 2.2 form:
 *   [Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server
 *   configuration: /export/home/live/ap/htdocs/test
 * The time is apr_ctime's "Www Mmm dd hh:mm:ss[.uuuuuu] yyyy" in local time without
 * an offset (has_offset 0: --input-tz applies). The level is the bracket's word after
 * the module ("[module:level]", "[:notice]" or "[level]"): emerg, alert, crit, error,
 * warn, notice, info, debug, trace1..trace8. The [pid ..], [tid ..], [client ..] and
 * [remote ..] groups are skipped; message is the rest; host is the module name. */
#include <assert.h>
#include <string.h>

#include "time/fl_time.h"
#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct apache_error_priv {
    fl_srv_state srv;
} apache_error_priv;
static_assert(sizeof(apache_error_priv) <= FL_FORMAT_PRIV, "apache_error state fits st->priv");

/* "Wed Oct 11 14:32:52[.123456] 2000" at s (the day may be space-padded): returns
 * the bytes used, 0 if invalid. The minute is cached under "Oct 11 14:32 2000". */
static size_t apache_time(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    if (len < 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        return 0;
    int sec = fl_digits_value(s + 17, 2);
    size_t p = 19;
    int64_t frac = 0;
    if (p + 1 < len && s[p] == '.' && fl_is_digit(s[p + 1])) {
        int scale = 100;
        for (p++; p < len && fl_is_digit(s[p]); p++, scale /= 10)
            frac += (s[p] - '0') * scale;
    }
    if (sec < 0 || sec > 60 || p + 5 > len || s[p] != ' ' || fl_digits_value(s + p + 1, 4) < 0)
        return 0;
    char key[17];
    memcpy(key, s + 4, 12);
    key[12] = ' ';
    memcpy(key + 13, s + p + 1, 4);
    int64_t minute;
    if (c->key_len == sizeof key && memcmp(c->key, key, sizeof key) == 0) {
        minute = c->minute_ms;
    } else {
        unsigned mo = fl_month_from_abbr(s + 4);
        int d = s[8] == ' ' ? fl_digits_value(s + 9, 1) : fl_digits_value(s + 8, 2);
        int h = fl_digits_value(s + 11, 2), mi = fl_digits_value(s + 14, 2), y = fl_digits_value(s + p + 1, 4);
        if (!mo || d < 0 || h < 0 || mi < 0 ||
            !fl_ts_civil_ms(y, mo, (unsigned)d, (unsigned)h, (unsigned)mi, 0, &minute))
            return 0;
        memcpy(c->key, key, sizeof key);
        c->key_len = sizeof key;
        c->minute_ms = minute;
    }
    t->ms = minute + sec * 1000 + frac;
    t->offset_s = 0;
    t->has_offset = 0;
    return p + 5;
}

/* Level word of Apache's LogLevel, "trace1".."trace8" included. */
static fl_level apache_level(const char *s, size_t n)
{
    if (n == 6 && memcmp(s, "trace", 5) == 0 && s[5] >= '1' && s[5] <= '8')
        return FL_LEVEL_TRACE;
    return fl_level_parse(s, n, 0);
}

static int group_skipped(const char *s, size_t n)
{
    static const struct {
        const char *w;
        size_t n;
    } names[] = {{"pid ", 4}, {"tid ", 4}, {"client ", 7}, {"remote ", 7}}; /* (no strlen) */
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (n >= names[i].n && memcmp(s, names[i].w, names[i].n) == 0)
            return 1;
    return 0;
}

/* Contract: parses one httpd error log line into rec (see the header comment).
 * UNPARSEABLE without "[time] [level]", NO_TIMESTAMP when the time is impossible,
 * CONTINUATION for an untimed line after an entry. */
static fl_parse_result fl_apache_error_parse(fl_parse_state *st, const char *line, size_t len,
                                      fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_srv_record_init(rec);
    const char *rb = len > 2 && line[0] == '[' ? memchr(line, ']', len) : NULL;
    if (!rb || rb - line < 20 || line[4] != ' ' || line[8] != ' ')
        return fl_srv_untimed(srv, line, len);
    size_t ts_len = (size_t)(rb - line) - 1;
    size_t i = (size_t)(rb - line) + 1;
    if (i + 3 >= len || line[i] != ' ' || line[i + 1] != '[')
        return FL_PARSE_UNPARSEABLE;
    const char *lb = line + i + 2, *le = memchr(lb, ']', len - i - 2);
    if (!le)
        return FL_PARSE_UNPARSEABLE;
    const char *colon = memchr(lb, ':', (size_t)(le - lb));
    const char *lv = colon ? colon + 1 : lb;
    rec->level = apache_level(lv, (size_t)(le - lv));
    if (rec->level == FL_LEVEL_NONE)
        return FL_PARSE_UNPARSEABLE;
    if (colon && colon > lb) {
        rec->host = lb;
        rec->host_len = (size_t)(colon - lb);
    }
    i = (size_t)(le - line) + 1;
    for (;;) {
        size_t p = fl_srv_skip_blanks(line, len, i);
        if (p >= len || line[p] != '[' || !group_skipped(line + p + 1, len - p - 1))
            break;
        const char *e = memchr(line + p, ']', len - p);
        if (!e)
            break;
        i = (size_t)(e - line) + 1;
    }
    i = fl_srv_skip_blanks(line, len, i);
    rec->message = line + i;
    rec->message_len = fl_srv_rtrim(line + i, len - i);
    if (apache_time(&st->ts, line + 1, ts_len, &rec->time) != ts_len)
        return FL_PARSE_NO_TIMESTAMP;
    srv->started = 1;
    return FL_PARSE_OK;
}

static int fl_apache_error_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_apache_error_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample apache_error_samples[] = {
    {.line = "[Mon Nov 23 12:00:01.118309 2026] [core:notice] [pid 1204:tid 140201522145152] "
             "AH00094: Command line: '/usr/sbin/apache2'",
     .time = "2026-11-23T12:00:01.118", .level = FL_LEVEL_NOTICE},
    {.line = "[Mon Nov 23 12:11:05.120987 2026] [proxy:error] [pid 1311:tid 140201255306816] "
             "(111)Connection refused: AH00957: http: attempt to connect to 10.0.3.21:8080 "
             "(app1.internal) failed",
     .time = "2026-11-23T12:11:05.120", .level = FL_LEVEL_ERROR},
    {.line = NULL},
};

const fl_format fl_format_apache_error = {
    .name = "apache_error",
    .kind = FL_KIND_SERVER,
    .description = "Apache httpd ErrorLog: [Www Mmm dd hh:mm:ss yyyy] [module:level] [pid] message",
    .sniff = fl_apache_error_sniff,
    .parse = fl_apache_error_parse,
    .samples = apache_error_samples,
};
