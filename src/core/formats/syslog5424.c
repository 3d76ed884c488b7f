/* syslog5424.c: RFC 5424 ("The Syslog Protocol") messages, one per line, as rsyslog
 * (RSYSLOG_SyslogProtocol23Format), syslog-ng and network appliances write them:
 *   SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]
 *   HEADER = PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID
 * e.g. "<165>1 2026-11-23T12:20:01.003Z host app 1234 ID47 [exampleSDID@32473 iut="3"]
 * msg". TIMESTAMP is RFC 3339 or the NILVALUE "-" (then NO_TIMESTAMP); STRUCTURED-DATA
 * is "-" or [id param="value"...] elements with \" \] \\ escapes; MSG may start with
 * a UTF-8 BOM, which is skipped. Level from the PRI severity; host is HOSTNAME, or
 * APP-NAME when HOSTNAME is "-". */
#include <assert.h>
#include <string.h>

#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

typedef struct syslog5424_priv {
    fl_srv_state srv;
} syslog5424_priv;
static_assert(sizeof(syslog5424_priv) <= FL_FORMAT_PRIV, "syslog5424 state fits st->priv");

/* Next header field (PRINTUSASCII run) at *i, which must be followed by a space. */
static int field(const char *s, size_t len, size_t *i, const char **f, size_t *fn)
{
    const char *sp = *i < len ? memchr(s + *i, ' ', len - *i) : NULL;
    size_t e = sp ? (size_t)(sp - s) : len;
    if (e == *i || e >= len)
        return 0;
    *f = s + *i;
    *fn = e - *i;
    *i = e + 1;
    return 1;
}

/* STRUCTURED-DATA at s[i]: "-" or one or more SD-ELEMENTs. Returns the index after
 * it, or 0 when malformed. */
static size_t skip_sd(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == '-')
        return i + 1;
    if (i >= len || s[i] != '[')
        return 0;
    while (i < len && s[i] == '[') {
        int quoted = 0;
        for (i++; i < len; i++) {
            if (quoted && s[i] == '\\')
                i++;
            else if (s[i] == '"')
                quoted = !quoted;
            else if (!quoted && s[i] == ']')
                break;
        }
        if (i >= len)
            return 0;
        i++;
    }
    return i;
}

/* Contract: parses one RFC 5424 line into rec. UNPARSEABLE unless PRI VERSION and
 * the six header fields are there; NO_TIMESTAMP for a "-" or impossible TIMESTAMP;
 * CONTINUATION for an untimed line after an entry. */
static fl_parse_result fl_syslog5424_parse(fl_parse_state *st, const char *line, size_t len,
                                    fl_record *rec)
{
    fl_srv_state *srv = fl_srv_state_of(st);
    fl_srv_record_init(rec);
    size_t i = 1;
    int pri = 0;
    if (len < 4 || line[0] != '<')
        return fl_srv_untimed(srv, line, len);
    while (i < len && i <= 3 && fl_is_digit(line[i]))
        pri = pri * 10 + (line[i++] - '0');
    if (i == 1 || i + 2 >= len || line[i] != '>' || pri > 191 || !fl_is_digit(line[i + 1]) ||
        line[i + 1] == '0')
        return fl_srv_untimed(srv, line, len);
    for (i++; i < len && fl_is_digit(line[i]); i++)
        ;
    if (i >= len || line[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    i++;
    const char *ts, *host, *app, *procid, *msgid;
    size_t ts_n, host_n, app_n, procid_n, msgid_n;
    if (!field(line, len, &i, &ts, &ts_n) || !field(line, len, &i, &host, &host_n) ||
        !field(line, len, &i, &app, &app_n) || !field(line, len, &i, &procid, &procid_n) ||
        !field(line, len, &i, &msgid, &msgid_n))
        return FL_PARSE_UNPARSEABLE;
    i = skip_sd(line, len, i);
    if (!i || (i < len && line[i] != ' '))
        return FL_PARSE_UNPARSEABLE;
    if (i < len)
        i++;
    if (i + 3 <= len && (unsigned char)line[i] == 0xEF && (unsigned char)line[i + 1] == 0xBB &&
        (unsigned char)line[i + 2] == 0xBF)
        i += 3;
    int nil_host = host_n == 1 && host[0] == '-';
    rec->host = nil_host ? app : host;
    rec->host_len = nil_host ? (app_n == 1 && app[0] == '-' ? 0 : app_n) : host_n;
    rec->message = line + i;
    rec->message_len = fl_srv_rtrim(line + i, len - i);
    rec->level = fl_srv_syslog_severity(pri & 7);
    if (!fl_ts_iso_whole(&st->ts, ts, ts_n, &rec->time))
        return FL_PARSE_NO_TIMESTAMP;
    srv->started = 1;
    return FL_PARSE_OK;
}

/* Detection leaves access lines carried in syslog (HAProxy's httplog) to the access
 * format that reads them. */
static int fl_syslog5424_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_srv_sniff(fl_syslog5424_parse, fl_srv_not_access, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample syslog5424_samples[] = {
    {.line = "<30>1 2026-11-23T12:00:01.004512+01:00 lb-2 haproxy 1411 - - Proxy orders_front "
             "started.",
     .time = "2026-11-23T12:00:01.004+01:00", .level = FL_LEVEL_INFO},
    {.line = "<131>1 2026-11-23T12:10:52.118002+01:00 lb-2 orders-api 1893 http [meta@32473 "
             "requestId=\"a7f1\" route=\"/api/v1/orders\"] upstream error: pq: too many "
             "connections for role \"orders\"",
     .time = "2026-11-23T12:10:52.118+01:00", .level = FL_LEVEL_ERROR},
    {.line = NULL},
};

const fl_format fl_format_syslog5424 = {
    .name = "syslog5424",
    .kind = FL_KIND_SERVER,
    .description = "RFC 5424 syslog: <PRI>1 time host app procid msgid [sd] msg",
    .sniff = fl_syslog5424_sniff,
    .parse = fl_syslog5424_parse,
    .samples = syslog5424_samples,
};
