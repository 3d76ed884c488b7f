/* test_fmt_elb.c: AWS load balancer access logs (formats/elb.c, formats/alb.c).
 * Classic Load Balancer ("Access logs for your Classic Load Balancer"):
 *   timestamp elb client:port backend:port request_processing_time
 *   backend_processing_time response_processing_time elb_status_code
 *   backend_status_code received_bytes sent_bytes "request" "user_agent" ssl_cipher
 *   ssl_protocol
 * "-1" times: the load balancer could not dispatch the request or the backend closed
 * the connection; TCP listeners log "- - - " as the request and "-" status codes.
 * Application Load Balancer ("Access logs for your Application Load Balancer"):
 *   type time elb client:port target:port request_processing_time
 *   target_processing_time response_processing_time elb_status_code
 *   target_status_code received_bytes sent_bytes "request" "user_agent" ssl_cipher
 *   ssl_protocol target_group_arn "trace_id" "domain_name" "chosen_cert_arn"
 *   matched_rule_priority request_creation_time "actions_executed" "redirect_url"
 *   "error_reason" "target:port_list" "target_status_code_list" "classification"
 *   "classification_reason" conn_trace_id
 * type: http, https, h2, grpcs, ws, wss. The example entries below are the ones of
 * the AWS documentation. */
#include <stdio.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_alb, fl_format_elb;

typedef fl_parse_result (*parse_fn)(fl_parse_state *, const char *, size_t, fl_record *);

static fl_parse_result parse(parse_fn fn, const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    memset(rec, 0, sizeof *rec);
    return fn(&st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static int near(double a, double b) { return a > b - 1e-6 && a < b + 1e-6; }

static void test_elb_examples(void)
{
    fl_record r;
    /* HTTP entry */
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 "
                    "0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" "
                    "\"curl/7.38.0\" - -",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1431560383945LL);
    CHECK(r.time.has_offset);
    CHECK_INT(r.time.offset_s, 0);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 29);
    CHECK(near(r.duration_ms, 1.178));
    CHECK(field_is(r.host, r.host_len, "192.168.131.39"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/"));
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);
    /* HTTPS entry */
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 "
                    "0.001048 0.001337 200 200 0 57 \"GET https://www.example.com:443/ HTTP/1.1\" "
                    "\"curl/7.38.0\" DHE-RSA-AES128-SHA TLSv1.2",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.bytes, 57);
    /* TCP entry: no request, no status. */
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 "
                    "0.000028 0.000041 - - 82 305 \"- - - \" \"-\" - -",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 0);
    CHECK_INT(r.method_len, 0);
    CHECK_INT(r.path_len, 0);
    CHECK_INT(r.bytes, 305);
    /* No backend: -1 times give an unknown duration; an older line ends at the request. */
    CHECK_INT(parse(fl_format_elb.parse,
                    "2026-11-23T12:20:01.123456Z shop-lb 203.0.113.9:4711 - -1 -1 -1 504 - 0 0 \"GET "
                    "https://shop.example.com:443/api/v1/orders?page=2 HTTP/1.1\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    CHECK_INT(r.status, 504);
    CHECK_INT(r.duration_ms, -1);
    CHECK(field_is(r.path, r.path_len, "/api/v1/orders?page=2"));
}

static void test_alb_examples(void)
{
    fl_record r;
    CHECK_INT(parse(fl_format_alb.parse,
                    "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 "
                    "10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" "
                    "\"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/"
                    "my-targets/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 "
                    "2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" "
                    "TID_1234abcd5678ef90",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1530570180186LL);
    CHECK(r.time.has_offset);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 366);
    CHECK(near(r.duration_ms, 1.0));
    CHECK(field_is(r.host, r.host_len, "192.168.131.39"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/"));
    /* HTTP/2 entry, target unreachable (502, no target status). */
    CHECK_INT(parse(fl_format_alb.parse,
                    "h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 "
                    "10.0.0.66:9000 0.000 -1 -1 502 - 5 257 \"GET https://10.0.2.105:773/ HTTP/2.0\" "
                    "\"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:"
                    "123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337327-72bd00b0343d75b906739c42\" "
                    "\"-\" \"-\" 1 2018-07-02T22:22:48.364000Z \"redirect\" \"https://example.com:80/\" "
                    "\"Target.ConnectionError\" \"-\" \"-\" \"-\" \"-\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 502);
    CHECK_INT(r.duration_ms, -1);
    CHECK(field_is(r.path, r.path_len, "/"));
    /* Every type word is known; others are not. */
    const char *rest = " 2018-07-02T22:23:00.186641Z app/lb/1 1.2.3.4:1 - -1 -1 -1 503 - 0 0 \"GET / HTTP/1.1\" "
                       "\"-\" - - - \"Root=1-x\"";
    const char *types[] = {"http", "https", "h2", "grpcs", "ws", "wss"};
    char buf[256];
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", types[i], rest);
        CHECK_INT(parse(fl_format_alb.parse, buf, &r), FL_PARSE_OK);
    }
    snprintf(buf, sizeof buf, "tcp%s", rest);
    CHECK_INT(parse(fl_format_alb.parse, buf, &r), FL_PARSE_UNPARSEABLE);
}

static void test_bad_lines(void)
{
    fl_record r;
    const char *elb = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 "
                      "0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -";
    /* An ELB line is not an ALB line and vice versa (no type / a type). */
    CHECK_INT(parse(fl_format_alb.parse, elb, &r), FL_PARSE_UNPARSEABLE);
    char buf[512];
    snprintf(buf, sizeof buf, "https %s", elb);
    CHECK_INT(parse(fl_format_elb.parse, buf, &r), FL_PARSE_UNPARSEABLE);
    /* ...and "https " + an ELB line lacks the ALB fields. */
    CHECK_INT(parse(fl_format_alb.parse, buf, &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse(fl_format_elb.parse, "", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958Z lb 192.168.131.39:2817 10.0.0.1:80 fast 0.001 0.000 200 200 0 29 "
                    "\"GET / HTTP/1.1\"",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958Z lb 192.168.131.39:2817 10.0.0.1:80 0.0 0.001 0.000 2000 200 0 29 "
                    "\"GET / HTTP/1.1\"",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958Z lb 192.168.131.39:2817 10.0.0.1:80 0.0 0.001 0.000 200 200 0 29 "
                    "\"GET / HTTP/1.1",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958Z lb 192.168.131.39 10.0.0.1:80 0.0 0.001 0.000 200 200 0 29 "
                    "\"GET / HTTP/1.1\"",
                    &r),
              FL_PARSE_UNPARSEABLE);
    /* Right shape, impossible or zone-less time. */
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-02-30T23:39:43.945958Z lb 192.168.131.39:2817 10.0.0.1:80 0.0 0.001 0.000 200 200 0 29 "
                    "\"GET / HTTP/1.1\"",
                    &r),
              FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse(fl_format_elb.parse,
                    "2015-05-13T23:39:43.945958 lb 192.168.131.39:2817 10.0.0.1:80 0.0 0.001 0.000 200 200 0 29 "
                    "\"GET / HTTP/1.1\"",
                    &r),
              FL_PARSE_NO_TIMESTAMP);
}

int main(void)
{
    test_elb_examples();
    test_alb_examples();
    test_bad_lines();
    return fl_test_result("test_fmt_elb");
}
