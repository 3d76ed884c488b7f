/* alb.c: AWS Application Load Balancer access logs ("Access logs for your
 * Application Load Balancer", Elastic Load Balancing user guide), space separated:
 *   type time elb client:port target:port request_processing_time
 *   target_processing_time response_processing_time elb_status_code
 *   target_status_code received_bytes sent_bytes "request" "user_agent" ssl_cipher
 *   ssl_protocol target_group_arn "trace_id" "domain_name" "chosen_cert_arn"
 *   matched_rule_priority request_creation_time "actions_executed" "redirect_url"
 *   "error_reason" "target:port_list" "target_status_code_list" "classification"
 *   "classification_reason" conn_trace_id ...
 * type is http, https, h2, grpcs, ws or wss. From time to ssl_protocol the fields are
 * those of the Classic Load Balancer log, so after the type the line is handed to
 * the ELB parser (elb.c); the ALB-only fields that follow are then checked for their
 * shape (target group ARN or "-", quoted trace id). AWS may append fields: anything
 * after the trace id is accepted. The target ("-": no healthy target took the request)
 * is the record's upstream, as in elb.c; the agent is read here (it is skipped anyway). */
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"

/* The type word at the start of the line; returns its length or 0. */
static size_t alb_type(const char *s, size_t len)
{
    static const struct {
        const char *w;
        size_t n;
    } types[] = {{"http", 4}, {"https", 5}, {"h2", 2}, {"grpcs", 5}, {"ws", 2}, {"wss", 3}};
    const char *sp = memchr(s, ' ', len);
    size_t n = sp ? (size_t)(sp - s) : 0;
    for (size_t i = 0; n && i < sizeof types / sizeof types[0]; i++) /* (no strlen per line) */
        if (types[i].n == n && memcmp(s, types[i].w, n) == 0)
            return n;
    return 0;
}

/* Index just past the "user_agent" ssl_cipher ssl_protocol fields that follow the
 * request, which ends at request_end (fl_elb_parse_ex), or 0; the agent goes to rec. */
static size_t after_classic_fields(const char *s, size_t len, size_t request_end, fl_record *rec)
{
    size_t pos = request_end + 1, quoted;
    const char *t;
    size_t tl;
    if (pos >= len || s[pos] != '"' || !(quoted = fl_acc_skip_quoted(s, len, pos)))
        return 0;
    rec->user_agent = s + pos + 1;
    rec->user_agent_len = quoted - pos - 2;
    pos = quoted + 1;
    for (int k = 0; k < 2; k++)
        if (!fl_acc_token(s, len, &pos, ' ', 0, &t, &tl) || tl == 0)
            return 0;
    return pos;
}

/* Type word, the ELB-shaped middle (fl_elb_parse), then a target group ARN (or "-")
 * and a quoted trace id; results as fl_elb_parse. */
static fl_parse_result fl_alb_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    size_t n = alb_type(line, len);
    if (!n)
        return FL_PARSE_UNPARSEABLE;
    const char *s = line + n + 1;
    size_t slen = len - n - 1;
    size_t request_end;
    fl_parse_result r = fl_elb_parse_ex(st, s, slen, rec, &request_end);
    if (r == FL_PARSE_UNPARSEABLE)
        return r;
    /* target_group_arn then "trace_id" */
    size_t pos = after_classic_fields(s, slen, request_end, rec);
    const char *t;
    size_t tl;
    if (!pos || !fl_acc_token(s, slen, &pos, ' ', 0, &t, &tl) ||
        !((tl == 1 && t[0] == '-') || (tl > 4 && memcmp(t, "arn:", 4) == 0)) || pos >= slen ||
        s[pos] != '"' || !fl_acc_skip_quoted(s, slen, pos))
        return FL_PARSE_UNPARSEABLE;
    return r;
}

static int fl_alb_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_alb_parse, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample alb_samples[] = {
    {.line = "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 "
             "192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET "
             "http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - "
             "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6"
             "bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 "
             "2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" "
             "\"-\" \"-\"",
     .time = "2018-07-02T22:23:00.186Z", .status = 200},
    {.line = NULL},
};

const fl_format fl_format_alb = {
    .name = "alb",
    .kind = FL_KIND_ACCESS,
    .description = "AWS Application Load Balancer: type time elb client:port target:port ... \"request\" ...",
    .sniff = fl_alb_sniff,
    .parse = fl_alb_parse,
    .samples = alb_samples,
};
