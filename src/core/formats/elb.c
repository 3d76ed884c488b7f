/* elb.c: AWS Classic Load Balancer access logs ("Access logs for your Classic Load
 * Balancer", Elastic Load Balancing user guide), space separated:
 *   timestamp elb client:port backend:port request_processing_time
 *   backend_processing_time response_processing_time elb_status_code
 *   backend_status_code received_bytes sent_bytes "request" "user_agent"
 *   ssl_cipher ssl_protocol
 * timestamp is ISO 8601 UTC; the three times are seconds, -1 when the load balancer
 * could not dispatch the request (no backend); backend is "-" then, and the status
 * codes are "-" for TCP listeners. user_agent and the SSL fields were added in 2015,
 * so lines may end after "request". The request is "METHOD scheme://host:port/path
 * PROTOCOL"; the record keeps /path (scheme and authority dropped). backend is the
 * record's upstream ("-" included: no registered instance took the request); the
 * user agent is read by fl_elb_detail, only for the records that need it. */
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"

/* Status field: three digits, "-" (no response) as 0. */
static int lb_status(const char *t, size_t n, int *status)
{
    if (n == 1 && t[0] == '-') {
        *status = 0;
        return 1;
    }
    return fl_acc_status(t, n, 1, status);
}

/* The 11 space-separated fields, then the quoted request; whatever follows it (user
 * agent, SSL fields, or the ALB fields when alb.c calls this) is not checked.
 * NO_TIMESTAMP when the shape is right but the first field is not an ISO 8601 UTC
 * time. */
fl_parse_result fl_elb_parse_ex(fl_parse_state *st, const char *line, size_t len, fl_record *rec,
                                size_t *request_end)
{
    const char *tok[11];
    size_t tl[11], pos = 0;
    for (int k = 0; k < 11; k++)
        if (!fl_acc_token(line, len, &pos, ' ', 0, &tok[k], &tl[k]) || tl[k] == 0)
            return FL_PARSE_UNPARSEABLE;
    fl_acc_record_init(rec);
    /* client:port, backend:port or "-" */
    if (!memchr(tok[2], ':', tl[2]) ||
        (!memchr(tok[3], ':', tl[3]) && !(tl[3] == 1 && tok[3][0] == '-')))
        return FL_PARSE_UNPARSEABLE;
    double t[3];
    int any_negative = 0, backend_status;
    for (int k = 0; k < 3; k++) {
        if (!fl_acc_decimal(tok[4 + k], tl[4 + k], &t[k]))
            return FL_PARSE_UNPARSEABLE;
        any_negative |= t[k] < 0;
    }
    int64_t rx, tx;
    if (!lb_status(tok[7], tl[7], &rec->status) || !lb_status(tok[8], tl[8], &backend_status) ||
        !fl_acc_uint(tok[9], tl[9], &rx) || !fl_acc_uint(tok[10], tl[10], &tx))
        return FL_PARSE_UNPARSEABLE;
    if (pos >= len || line[pos] != '"')
        return FL_PARSE_UNPARSEABLE;
    size_t q = fl_acc_skip_quoted(line, len, pos);
    if (!q || (q < len && line[q] != ' '))
        return FL_PARSE_UNPARSEABLE;
    *request_end = q;
    rec->detail_at = line + q; /* the user agent, when logged */
    rec->upstream = tok[3]; /* backend:port, "-" when none */
    rec->upstream_len = tl[3];
    fl_acc_split_request(line + pos + 1, q - pos - 2, rec);
    if (rec->method_len == 1 && rec->method[0] == '-')
        rec->method_len = rec->path_len = 0; /* TCP listener: "- - - " */
    fl_acc_url_path(&rec->path, &rec->path_len);
    fl_acc_strip_port(tok[2], tl[2], &rec->host, &rec->host_len);
    rec->bytes = tx;
    rec->duration_ms = any_negative ? -1 : (t[0] + t[1] + t[2]) * 1000.0;
    if (!fl_ts_iso_whole(&st->ts, tok[0], tl[0], &rec->time) || !rec->time.has_offset)
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

static fl_parse_result fl_elb_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    size_t request_end;
    return fl_elb_parse_ex(st, line, len, rec, &request_end);
}

static void fl_elb_detail(const char *line, size_t len, fl_record *rec)
{
    size_t pos = (size_t)(rec->detail_at - line), q;
    if (pos + 1 < len && line[pos] == ' ' && line[pos + 1] == '"' &&
        (q = fl_acc_skip_quoted(line, len, pos + 1)) != 0) {
        rec->user_agent = line + pos + 2;
        rec->user_agent_len = q - pos - 3;
    }
}

static int fl_elb_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_elb_parse, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample elb_samples[] = {
    {.line = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 "
             "0.000073 0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ "
             "HTTP/1.1\" \"curl/7.38.0\" - -",
     .time = "2015-05-13T23:39:43.945Z", .status = 200},
    {.line = "2015-05-13T23:39:44.945958Z my-loadbalancer 192.168.131.39:2817 - -1 -1 -1 504 - "
             "0 0 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -",
     .time = "2015-05-13T23:39:44.945Z", .status = 504},
    {.line = NULL},
};

const fl_format fl_format_elb = {
    .name = "elb",
    .kind = FL_KIND_ACCESS,
    .description = "AWS Classic Load Balancer: time elb client:port backend:port times codes bytes \"request\"",
    .sniff = fl_elb_sniff,
    .parse = fl_elb_parse,
    .detail = fl_elb_detail,
    .samples = elb_samples,
};
