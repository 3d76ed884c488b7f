/* haproxy.c: HAProxy HTTP log format ("option httplog"; HAProxy configuration
 * manual, section 8.2.3 "HTTP log format"):
 *   client_ip:port [accept_date] frontend_name backend/server TR/Tw/Tc/Tr/Ta
 *   status_code bytes_read captured_request_cookie captured_response_cookie
 *   termination_state actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue
 *   {captured_request_headers} {captured_response_headers} "http_request"
 * usually behind a syslog header ("Feb  6 12:14:14 localhost haproxy[14389]: ",
 * RFC 5424 "<134>1 2026-11-23T12:20:01Z lb1 haproxy 1234 - - " or an ISO stamp),
 * any of which is skipped. accept_date is "06/Feb/2009:12:14:14.655", local time
 * without an offset (has_offset 0). Timers are ms, -1 when the stage was not
 * reached; Ta (Tt before 1.8) is the total and becomes the duration; with "option
 * logasap" Ta and bytes_read carry a '+'. The header captures are optional; the
 * request may be cut short by the syslog line limit (no closing quote). The
 * backend/server field is the record's upstream; the user agent is only there when
 * captured ({...}), in an order the configuration decides, so it is not read. */
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"
#include "fl_chars.h"

/* "a/b/.../e" with exactly n parts, each "-1", digits or "+digits"; the last part's
 * value in *last (-1 for "-1"). Returns 1 when the token has that shape. */
static int slash_ints(const char *t, size_t tl, int n, int64_t *last)
{
    size_t pos = 0, pl;
    const char *p;
    int k = 0;
    while (fl_acc_token(t, tl, &pos, '/', 0, &p, &pl)) {
        int64_t v = -1;
        if (pl && p[0] == '+')
            p++, pl--;
        if (!(pl == 2 && p[0] == '-' && p[1] == '1') && !fl_acc_uint(p, pl, &v))
            return 0;
        if (++k == n)
            *last = v;
        if (pos == tl && t[tl - 1] == '/')
            return 0;
    }
    return k == n;
}

/* The client token "addr:port" ending at e (exclusive), starting after a space or at
 * the line start; returns its start or NULL. */
static const char *client_before(const char *line, const char *e)
{
    const char *b = e;
    while (b > line && b[-1] != ' ')
        b--;
    const char *c = e;
    while (c > b && c[-1] != ':')
        c--;
    size_t digits = (size_t)(e - c);
    if (c <= b + 1 || digits < 1 || digits > 5)
        return NULL;
    for (const char *d = c; d < e; d++)
        if (!fl_is_digit(*d))
            return NULL;
    return b;
}

/* Any prefix, then "addr:port [date] " and the httplog fields up to the request:
 * UNPARSEABLE when one has the wrong shape, NO_TIMESTAMP when the accept date is not
 * a date. */
static fl_parse_result fl_haproxy_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    /* The first " [" preceded by "addr:port" opens the accept date. */
    const char *lb = NULL, *client = NULL;
    for (const char *p = line; (p = memchr(p, '[', len - (size_t)(p - line))) != NULL; p++) {
        if (p - line >= 3 && p[-1] == ' ' && (client = client_before(line, p - 1)) != NULL) {
            lb = p;
            break;
        }
    }
    if (!lb)
        return FL_PARSE_UNPARSEABLE;
    size_t i = (size_t)(lb - line) + 1;
    const char *rb = memchr(line + i, ']', len - i);
    if (!rb)
        return FL_PARSE_UNPARSEABLE;
    size_t date_start = i, date_len = (size_t)(rb - line) - i;
    size_t pos = (size_t)(rb - line) + 1;
    if (pos >= len || line[pos] != ' ')
        return FL_PARSE_UNPARSEABLE;
    pos++;

    fl_acc_record_init(rec);
    const char *t[10];
    size_t tl[10];
    for (int k = 0; k < 10; k++)
        if (!fl_acc_token(line, len, &pos, ' ', 0, &t[k], &tl[k]) || tl[k] == 0)
            return FL_PARSE_UNPARSEABLE;
    /* t: frontend backend/server timers status bytes cookie cookie state conns queues */
    int64_t ta, bytes, ignored;
    if (!memchr(t[1], '/', tl[1]) || !slash_ints(t[2], tl[2], 5, &ta) || tl[7] != 4 ||
        !slash_ints(t[8], tl[8], 5, &ignored) || !slash_ints(t[9], tl[9], 2, &ignored))
        return FL_PARSE_UNPARSEABLE;
    if (tl[3] == 2 && t[3][0] == '-' && t[3][1] == '1')
        rec->status = 0;
    else if (!fl_acc_status(t[3], tl[3], 0, &rec->status))
        return FL_PARSE_UNPARSEABLE;
    if (tl[4] > 1 && t[4][0] == '+')
        t[4]++, tl[4]--;
    if (!fl_acc_uint(t[4], tl[4], &bytes))
        return FL_PARSE_UNPARSEABLE;
    /* Optional {request headers} {response headers}, then the quoted request. */
    for (int k = 0; k < 2 && pos < len && line[pos] == '{'; k++) {
        const char *cb = memchr(line + pos, '}', len - pos);
        if (!cb)
            return FL_PARSE_UNPARSEABLE;
        pos = (size_t)(cb - line) + 1;
        if (pos < len && line[pos] == ' ')
            pos++;
    }
    if (pos >= len || line[pos] != '"')
        return FL_PARSE_UNPARSEABLE;
    size_t q = fl_acc_skip_quoted(line, len, pos);
    size_t req_end = q ? q - 1 : len; /* truncated lines have no closing quote */
    fl_acc_split_request(line + pos + 1, req_end - pos - 1, rec);
    if (rec->method_len && rec->method[0] == '<') /* <BADREQ>, <NOSRV> */
        rec->method_len = rec->path_len = 0;

    rec->upstream = t[1]; /* backend/server; "backend/<NOSRV>": no server was available */
    rec->upstream_len = tl[1];
    rec->host = client;
    rec->host_len = (size_t)(lb - 1 - client);
    while (rec->host_len && rec->host[rec->host_len - 1] != ':')
        rec->host_len--;
    rec->host_len--; /* drop ":port" */
    rec->bytes = bytes;
    rec->duration_ms = ta >= 0 ? (double)ta : -1;
    if (date_len == 0 || fl_ts_clf(&st->ts, line + date_start, date_len, &rec->time) != date_len)
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

static int fl_haproxy_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_haproxy_parse, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample haproxy_samples[] = {
    {.line = "Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 "
             "[06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- "
             "1/1/1/1/0 0/0 {1wt.eu} {} \"GET /index.html HTTP/1.1\"",
     .time = "2009-02-06T12:14:14.655", .status = 200},
    {.line = "Feb  6 12:14:15 localhost haproxy[14389]: 10.0.1.2:33318 "
             "[06/Feb/2009:12:14:15.001] http-in static/<NOSRV> 0/-1/-1/-1/3002 503 212 - - "
             "SC-- 1/1/1/1/0 0/0 \"GET /x HTTP/1.1\"",
     .time = "2009-02-06T12:14:15.001", .status = 503},
    {.line = NULL},
};

const fl_format fl_format_haproxy = {
    .name = "haproxy",
    .kind = FL_KIND_ACCESS,
    .description = "HAProxy option httplog: client:port [date] frontend backend/server timers status bytes ...",
    .sniff = fl_haproxy_sniff,
    .parse = fl_haproxy_parse,
    .samples = haproxy_samples,
};
