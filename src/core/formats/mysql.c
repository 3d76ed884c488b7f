/* mysql.c: the MySQL (and MariaDB) server error log. MySQL 8 log_sink_internal
 * ("Error Log Output Format"): "time thread [label] [err_code] [subsystem] msg",
 *   2026-11-23T12:20:01.123456Z 0 [ERROR] [MY-010119] [Server] Aborting
 * MySQL 5.7 (no err_code or subsystem):
 *   2026-11-23T12:20:01.123456Z 0 [Warning] TIMESTAMP with implicit DEFAULT ...
 * with log_timestamps = UTC ("Z") or SYSTEM ("-05:00"); MySQL 5.6 / MariaDB local
 * time "2026-11-23 12:20:01 1234 [ERROR] ..." and the 5.5-and-older
 * "YYMMDD HH:MM:SS [ERROR] ..." (hour space-padded: "161123  2:20:01"), both without
 * an offset (has_offset 0). label is ERROR, Warning, Note or System (error, warn,
 * info, notice). Also taken: lines a component writes in place of the label,
 * "... mysqld_safe Starting mysqld daemon ...", "... mysqld: ready for connections",
 * the crash report's "2026-11-23T12:10:02Z UTC - mysqld got signal 6 ;" and
 * "... 7f3a2b4c5700 InnoDB: Error: ..." (level from the text). host is the
 * subsystem ([Server], [InnoDB], [Repl]) when the line names one. Untimed lines after
 * an entry (InnoDB diagnostics, the crash report's stack trace) are CONTINUATION. */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct mysql_priv {
    fl_srv_state srv;
} mysql_priv;
static_assert(sizeof(mysql_priv) <= FL_FORMAT_PRIV, "mysql state fits st->priv");

static int is_hex(char c) { return fl_is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

static int word_ieq(const char *s, size_t n, const char *w)
{
    if (n != strlen(w))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != (w[i] | 0x20))
            return 0;
    return 1;
}

/* "161123 12:20:01" / "161123  2:20:01" (YYMMDD, 20YY): bytes used, 0 if invalid.
 * The minute is cached under the first 12 bytes. */
static size_t old_time(fl_ts_cache *c, const char *s, size_t len, fl_time *t)
{
    if (len < 15 || s[6] != ' ' || s[9] != ':' || s[12] != ':')
        return 0;
    for (int i = 0; i < 15; i++)
        if (i != 6 && i != 9 && i != 12 && !fl_is_digit(s[i]) && !(i == 7 && s[i] == ' '))
            return 0;
    int sec = (s[13] - '0') * 10 + (s[14] - '0');
    if (sec > 60)
        return 0;
    int64_t minute;
    if (c->key_len == 12 && memcmp(c->key, s, 12) == 0) {
        minute = c->minute_ms;
    } else {
        int y = 2000 + (s[0] - '0') * 10 + (s[1] - '0');
        unsigned mo = (unsigned)((s[2] - '0') * 10 + (s[3] - '0'));
        unsigned d = (unsigned)((s[4] - '0') * 10 + (s[5] - '0'));
        unsigned h = (unsigned)((s[7] == ' ' ? 0 : (s[7] - '0') * 10) + (s[8] - '0'));
        unsigned mi = (unsigned)((s[10] - '0') * 10 + (s[11] - '0'));
        if (!fl_ts_civil_ms(y, mo, d, h, mi, 0, &minute))
            return 0;
        memcpy(c->key, s, 12);
        c->key_len = 12;
        c->minute_ms = minute;
    }
    t->ms = minute + sec * 1000;
    t->offset_s = 0;
    t->has_offset = 0;
    return 15;
}

static fl_level label_level(const char *s, size_t n)
{
    if (word_ieq(s, n, "ERROR"))
        return FL_LEVEL_ERROR;
    if (word_ieq(s, n, "Warning") || word_ieq(s, n, "Warn"))
        return FL_LEVEL_WARN;
    if (word_ieq(s, n, "Note"))
        return FL_LEVEL_INFO;
    if (word_ieq(s, n, "System"))
        return FL_LEVEL_NOTICE;
    return FL_LEVEL_NONE;
}

/* A "[...]" group at s[i]: sets *b and *bn to its contents and returns the index after
 * it, or 0 when s[i] does not open one. */
static size_t group(const char *s, size_t len, size_t i, const char **b, size_t *bn)
{
    if (i >= len || s[i] != '[')
        return 0;
    const char *e = memchr(s + i + 1, ']', len - i - 1);
    if (!e)
        return 0;
    *b = s + i + 1;
    *bn = (size_t)(e - *b);
    return (size_t)(e - s) + 1;
}

/* Contract: parses one MySQL error log line into rec (see the header comment). */
static fl_parse_result fl_mysql_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_srv_record_init(rec);
    size_t i;
    if (len >= 19 && fl_is_digit(line[0]) && line[4] == '-' && (line[10] == 'T' || line[10] == ' ')) {
        i = fl_ts_iso(&st->ts, line, len, &rec->time);
    } else if (len >= 15 && fl_is_digit(line[0]) && line[6] == ' ' && line[9] == ':' &&
               line[12] == ':') {
        i = old_time(&st->ts, line, len, &rec->time);
    } else {
        fl_parse_result r = fl_srv_untimed(srv, line, len);
        if (len >= 7 && memcmp(line, "InnoDB:", 7) == 0)
            srv->weak = 0; /* InnoDB's diagnostics after an entry, one line each */
        return r;
    }
    if (!i)
        return FL_PARSE_NO_TIMESTAMP;
    if (i >= len || line[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    i = fl_srv_skip_blanks(line, len, i);
    size_t e = fl_srv_token_end(line, len, i);
    int thread = e > i;
    for (size_t k = i; k < e; k++)
        thread &= is_hex(line[k]);
    if (thread)
        i = fl_srv_skip_blanks(line, len, e);
    const char *b;
    size_t bn, g = group(line, len, i, &b, &bn);
    if (g) {
        rec->level = label_level(b, bn);
        if (rec->level == FL_LEVEL_NONE)
            return FL_PARSE_UNPARSEABLE;
        i = fl_srv_skip_blanks(line, len, g);
        if ((g = group(line, len, i, &b, &bn)) && bn > 3 && memcmp(b, "MY-", 3) == 0) {
            i = fl_srv_skip_blanks(line, len, g);
            if ((g = group(line, len, i, &b, &bn))) {
                rec->host = b;
                rec->host_len = bn;
                i = fl_srv_skip_blanks(line, len, g);
            }
        }
    } else {
        e = fl_srv_token_end(line, len, i);
        if (e - i == 3 && memcmp(line + i, "UTC", 3) == 0 && e + 2 < len && line[e + 1] == '-' &&
            line[e + 2] == ' ') {
            i = fl_srv_skip_blanks(line, len, e + 2); /* crash report: "... UTC - mysqld got" */
            e = fl_srv_token_end(line, len, i);
        }
        if (!(e - i >= 6 && memcmp(line + i, "mysqld", 6) == 0) &&
            !(e - i == 7 && memcmp(line + i, "InnoDB:", 7) == 0))
            return FL_PARSE_UNPARSEABLE;
        rec->level = fl_srv_level_in_text(line + i, len - i, 4, 0);
    }
    rec->message = line + i;
    rec->message_len = fl_srv_rtrim(line + i, len - i);
    srv->started = 1;
    return FL_PARSE_OK;
}

static int fl_mysql_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_mysql_parse, NULL, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample mysql_samples[] = {
    {.line = "2026-11-23T12:00:01.220112Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld "
             "(mysqld 8.0.40) starting as process 1",
     .time = "2026-11-23T12:00:01.220Z", .level = FL_LEVEL_NOTICE},
    {.line = "2026-11-23T12:10:01.312004Z 0 [ERROR] [MY-012640] [InnoDB] Error number 28 means "
             "'No space left on device'",
     .time = "2026-11-23T12:10:01.312Z", .level = FL_LEVEL_ERROR},
    {.line = "2026-11-23T12:10:02.901227Z 0 [ERROR] [MY-013183] [InnoDB] Assertion failure: "
             "fil0fil.cc:8421:err == DB_SUCCESS thread 139822180521536",
     .time = "2026-11-23T12:10:02.901Z", .level = FL_LEVEL_ERROR},
    {.line = "InnoDB: We intentionally generate a memory trap.",
     .result = FL_PARSE_CONTINUATION},
    {.line = NULL},
};

const fl_format fl_format_mysql = {
    .name = "mysql",
    .kind = FL_KIND_SERVER,
    .description = "MySQL/MariaDB error log: time thread [ERROR] [MY-nnnnnn] [Server] msg",
    .sniff = fl_mysql_sniff,
    .parse = fl_mysql_parse,
    .samples = mysql_samples,
};
