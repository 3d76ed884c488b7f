/* syslog.c: BSD syslog files, RFC 3164 ("The BSD syslog Protocol"), as rsyslog and
 * syslog-ng write them: "[<PRI>]Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG" - PRI
 * (facility * 8 + severity) is optional because file writers drop it; the day is
 * space-padded ("Nov  3"); there is no year (taken from st->year and the file's
 * mtime, which no line may be later than: a December-to-January file wraps; see
 * fl_year_pick). Also rsyslog's high-precision template (RSYSLOG_FileFormat): an
 * RFC 3339 timestamp in place of the RFC 3164 one,
 * "2026-11-23T12:20:01.123456+01:00 host app[123]: msg" (the TAG is required in
 * this form, so that other ISO-stamped logs are not taken for syslog).
 * Level: the PRI severity when present, else a level word near the start of the
 * message ("error:", "ERROR", "[error]", "<err>", "level=error"), else NONE. */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct syslog_priv {
    fl_srv_state srv;
} syslog_priv;
static_assert(sizeof(syslog_priv) <= FL_FORMAT_PRIV, "syslog state fits st->priv");

static int is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* "<34>": returns bytes used (0 if absent or malformed) and sets *pri (0..191). */
static size_t parse_pri(const char *s, size_t len, int *pri)
{
    size_t i = 1;
    int v = 0;
    if (len < 3 || s[0] != '<')
        return 0;
    while (i < len && i <= 3 && fl_is_digit(s[i]))
        v = v * 10 + (s[i++] - '0');
    if (i == 1 || i >= len || s[i] != '>' || v > 191)
        return 0;
    *pri = v;
    return i + 1;
}

/* "Nov 23 12:20:01" / "Nov  3 12:20:01": the shape, before any value is checked. */
static int classic_shape(const char *s, size_t len)
{
    return len >= 15 && is_alpha(s[0]) && is_alpha(s[1]) && is_alpha(s[2]) && s[3] == ' ' &&
           (s[4] == ' ' || fl_is_digit(s[4])) && fl_is_digit(s[5]) && s[6] == ' ' && fl_is_digit(s[7]) &&
           s[9] == ':' && s[12] == ':';
}

/* "2026-11-23T12:20:01": the shape of an RFC 3339 timestamp. */
static int iso_shape(const char *s, size_t len)
{
    return len >= 19 && fl_is_digit(s[0]) && fl_is_digit(s[3]) && s[4] == '-' && s[7] == '-' &&
           (s[10] == 'T' || s[10] == 't') && s[13] == ':';
}

/* A HOSTNAME token: letters, digits, ".-_:%" (IPv6 too), not all digits (a thread
 * or process number in that place means another format). */
static int valid_host(const char *s, size_t n)
{
    int other = 0;
    if (n == 0 || n > 255)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!(is_alpha(c) || fl_is_digit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%'))
            return 0;
        other |= !fl_is_digit(c);
    }
    return other;
}

/* A TAG token "app:", "app[123]:", "postfix/smtpd[99]:"; returns 1 when t is one. */
static int valid_tag(const char *t, size_t n)
{
    if (n < 2 || t[n - 1] != ':' || n > 64)
        return 0;
    n--;
    if (t[n - 1] == ']') {
        const char *lb = memchr(t, '[', n);
        if (!lb || lb == t)
            return 0;
        for (const char *p = lb + 1; p < t + n - 1; p++)
            if (!fl_is_digit(*p) && *p != '-')
                return 0;
        n = (size_t)(lb - t);
    }
    for (size_t i = 0; i < n; i++)
        if (t[i] == '[' || t[i] == ']' || t[i] == ':' || t[i] == '"' || t[i] == '=')
            return 0;
    return 1;
}

/* Contract: parses one RFC 3164 / rsyslog line into rec (see the header comment).
 * UNPARSEABLE when the shape is wrong, NO_TIMESTAMP when the timestamp has the right
 * shape but an impossible value, CONTINUATION for an untimed line after an entry. */
static fl_parse_result fl_syslog_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    int pri = -1;
    fl_srv_record_init(rec);
    size_t i = parse_pri(line, len, &pri);
    int classic = classic_shape(line + i, len - i);
    size_t n;
    if (classic) {
        fl_year_ref y = {st->year ? st->year : 1970, st->month, st->ref_ms};
        n = fl_ts_syslog(&st->ts, line + i, len - i, &y, &rec->time);
        st->year_used |= n > 0;
    } else if (iso_shape(line + i, len - i)) {
        n = fl_ts_iso(&st->ts, line + i, len - i, &rec->time);
    } else {
        return fl_srv_untimed(srv, line, len);
    }
    if (!n)
        return FL_PARSE_NO_TIMESTAMP;
    i += n;
    if (i >= len || line[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    i = fl_srv_skip_blanks(line, len, i);
    size_t he = fl_srv_token_end(line, len, i);
    int decorated;
    /* "2026-... INFO Warning: disk" is an app log whose level word looks like a host. */
    if (!valid_host(line + i, he - i) || fl_srv_level_word(line + i, he - i, &decorated) != FL_LEVEL_NONE)
        return FL_PARSE_UNPARSEABLE;
    rec->host = line + i;
    rec->host_len = he - i;
    i = fl_srv_skip_blanks(line, len, he);
    size_t te = fl_srv_token_end(line, len, i);
    if (valid_tag(line + i, te - i))
        i = te + (te < len);
    else if (!classic)
        return FL_PARSE_UNPARSEABLE;
    rec->message = line + i;
    rec->message_len = fl_srv_rtrim(line + i, len - i);
    rec->level = pri >= 0 ? fl_srv_syslog_severity(pri & 7)
                          : fl_srv_level_in_text(rec->message, rec->message_len, 4, 0);
    srv->started = 1;
    return FL_PARSE_OK;
}

/* Detection leaves access lines carried in syslog (HAProxy's httplog) to the access
 * format that reads them. */
static int fl_syslog_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_syslog_parse, fl_srv_not_access, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample syslog_samples[] = {
    {.line = "Nov 23 12:05:00 web-1 systemd[1]: Starting Daily apt download activities...",
     .time = "2026-11-23T12:05:00", .level = FL_LEVEL_NONE},
    {.line = "Nov 23 12:12:19 web-1 orders-api[21377]: ERROR could not connect to database: "
             "dial tcp 10.0.2.5:5432: connect: connection refused",
     .time = "2026-11-23T12:12:19", .level = FL_LEVEL_ERROR},
    {.line = NULL},
};

const fl_format fl_format_syslog = {
    .name = "syslog",
    .kind = FL_KIND_SERVER,
    .description = "BSD syslog (RFC 3164) and rsyslog files: [<PRI>]Mmm dd hh:mm:ss host tag[pid]: msg",
    .sniff = fl_syslog_sniff,
    .parse = fl_syslog_parse,
    .samples = syslog_samples,
};
