/* envoy.c: Envoy's default access log format (Envoy documentation, "Access logging",
 * "Default format string"):
 *   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%"
 *   %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 *   %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 *   "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
 * START_TIME is ISO 8601 with milliseconds and 'Z'; DURATION is ms; an unset value
 * is "-"; RESPONSE_CODE 0 means no response was sent (status 0). Istio's proxy
 * format, which inserts %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 * "%UPSTREAM_TRANSPORT_FAILURE_REASON%" after the flags, is accepted too. The client
 * is the first X-Forwarded-For address (the default format logs no peer address).
 * The user agent and UPSTREAM_HOST are read by fl_envoy_detail, only for the
 * records that need them. */
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"

/* Integer or "-" (as -1) token; returns 1 on success. */
static int int_or_dash(const char *t, size_t n, int64_t *v)
{
    if (n == 1 && t[0] == '-') {
        *v = -1;
        return 1;
    }
    return fl_acc_uint(t, n, v);
}

/* "[time] \"request\" code flags", then (after Istio's extra fields when present)
 * bytes received, bytes sent, duration and upstream time; the quoted fields after
 * them are optional. UNPARSEABLE on a wrong shape, NO_TIMESTAMP when the bracketed
 * time is not ISO 8601. */
static fl_parse_result fl_envoy_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    if (len < 4 || line[0] != '[')
        return FL_PARSE_UNPARSEABLE;
    const char *rb = memchr(line, ']', len);
    if (!rb || (size_t)(rb - line) + 2 >= len || rb[1] != ' ' || rb[2] != '"')
        return FL_PARSE_UNPARSEABLE;
    size_t ts_len = (size_t)(rb - line) - 1;
    size_t pos = (size_t)(rb - line) + 2;
    size_t q = fl_acc_skip_quoted(line, len, pos);
    if (!q || q >= len || line[q] != ' ')
        return FL_PARSE_UNPARSEABLE;
    fl_acc_record_init(rec);
    fl_acc_split_request(line + pos + 1, q - pos - 2, rec);
    if (rec->method_len == 1 && rec->method[0] == '-')
        rec->method_len = rec->path_len = 0;
    pos = q + 1;

    const char *t;
    size_t tl;
    int64_t v[4];
    if (!fl_acc_token(line, len, &pos, ' ', 0, &t, &tl) ||
        !((tl == 1 && t[0] == '0') || fl_acc_status(t, tl, 0, &rec->status)))
        return FL_PARSE_UNPARSEABLE; /* "0": no response was sent (status 0) */
    if (!fl_acc_token(line, len, &pos, ' ', 0, &t, &tl) || tl == 0) /* RESPONSE_FLAGS */
        return FL_PARSE_UNPARSEABLE;
    /* Istio: two detail tokens and a quoted failure reason before the byte counts. */
    size_t save = pos;
    if (fl_acc_token(line, len, &pos, ' ', 0, &t, &tl) && !fl_acc_uint(t, tl, &v[0])) {
        if (!fl_acc_token(line, len, &pos, ' ', 0, &t, &tl) || pos >= len || line[pos] != '"' ||
            !(q = fl_acc_skip_quoted(line, len, pos)) || q >= len || line[q] != ' ')
            return FL_PARSE_UNPARSEABLE;
        save = q + 1;
    }
    pos = save;
    /* BYTES_RECEIVED BYTES_SENT DURATION are numbers; UPSTREAM-SERVICE-TIME may be "-". */
    for (int k = 0; k < 4; k++)
        if (!fl_acc_token(line, len, &pos, ' ', 0, &t, &tl) ||
            !(k < 3 ? fl_acc_uint(t, tl, &v[k]) : int_or_dash(t, tl, &v[k])))
            return FL_PARSE_UNPARSEABLE;
    rec->bytes = v[1];
    rec->duration_ms = (double)v[2];
    /* "X-FORWARDED-FOR" (optional in practice: trimmed custom copies end earlier) */
    rec->detail_at = line + pos;
    if (pos < len && line[pos] == '"' && (q = fl_acc_skip_quoted(line, len, pos))) {
        rec->detail_at = line + q;
        const char *xff = line + pos + 1;
        size_t n = q - pos - 2;
        const char *comma = memchr(xff, ',', n);
        if (comma)
            n = (size_t)(comma - xff);
        if (!(n == 1 && xff[0] == '-')) {
            rec->host = xff;
            rec->host_len = n;
        }
    }
    if (!fl_ts_iso_whole(&st->ts, line + 1, ts_len, &rec->time))
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

/* After X-FORWARDED-FOR: "USER-AGENT" "X-REQUEST-ID" ":AUTHORITY" "UPSTREAM_HOST",
 * each optional from the end (trimmed custom copies of the format). */
static void fl_envoy_detail(const char *line, size_t len, fl_record *rec)
{
    size_t pos = (size_t)(rec->detail_at - line);
    for (int k = 0; k < 4; k++) {
        if (pos + 1 >= len || line[pos] != ' ' || line[pos + 1] != '"')
            return;
        size_t q = fl_acc_skip_quoted(line, len, pos + 1);
        if (!q)
            return;
        const char *v = line + pos + 2;
        size_t n = q - pos - 3;
        if (k == 0)
            rec->user_agent = v, rec->user_agent_len = n;
        else if (k == 3)
            rec->upstream = v, rec->upstream_len = n; /* "-": no upstream was chosen */
        pos = q;
    }
}

static int fl_envoy_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_envoy_parse, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample envoy_samples[] = {
    {.line = "[2016-04-15T20:17:00.310Z] \"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100 "
             "\"10.0.35.28\" \"nsq2http\" \"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2\" "
             "\"locations\" \"tcp://10.0.2.1:80\"",
     .time = "2016-04-15T20:17:00.310Z", .status = 204},
    {.line = "[2016-04-15T20:17:01.310Z] \"GET /x HTTP/1.1\" 503 UF 0 91 12 - \"10.0.0.1\" "
             "\"curl/8\" \"id\" \"locations\" \"tcp://10.0.2.1:80\"",
     .time = "2016-04-15T20:17:01.310Z", .status = 503},
    {.line = NULL},
};

const fl_format fl_format_envoy = {
    .name = "envoy",
    .kind = FL_KIND_ACCESS,
    .description = "Envoy default access log: [start] \"request\" code flags rx tx duration upstream ...",
    .sniff = fl_envoy_sniff,
    .parse = fl_envoy_parse,
    .detail = fl_envoy_detail,
    .samples = envoy_samples,
};
