/* test_fmt_haproxy.c: HAProxy HTTP logs (formats/haproxy.c).
 * HAProxy configuration manual, 8.2.3 "HTTP log format" (option httplog):
 *   Field   Format                                Extract from the example above
 *     1   process_name '[' pid ']:'                            haproxy[14389]:
 *     2   client_ip ':' client_port                             10.0.1.2:33317
 *     3   '[' request_date ']'                      [06/Feb/2009:12:14:14.655]
 *     4   frontend_name                                                http-in
 *     5   backend_name '/' server_name                             static/srv1
 *     6   TR '/' Tw '/' Tc '/' Tr '/' Ta*                       10/0/30/69/109
 *     7   status_code                                                      200
 *     8   bytes_read*                                                     2750
 *     9   captured_request_cookie                                            -
 *    10   captured_response_cookie                                           -
 *    11   termination_state                                               ----
 *    12   actconn '/' feconn '/' beconn '/' srv_conn '/' retries*    1/1/1/1/0
 *    13   srv_queue '/' backend_queue                                      0/0
 *    14   '{' captured_request_headers* '}'                   {haproxy.1wt.eu}
 *    15   '{' captured_response_headers* '}'                                {}
 *    16   '"' http_request '"'                      "GET /index.html HTTP/1.1"
 * Timers are in ms, -1 when the stage was not reached; "+" marks logasap values. */
#include <stdio.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_haproxy;

static fl_parse_result parse(const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    memset(rec, 0, sizeof *rec);
    return fl_format_haproxy.parse(&st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static void test_manual_example(void)
{
    fl_record r;
    CHECK_INT(parse("Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] "
                    "http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "
                    "\"GET /index.html HTTP/1.1\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1233922454655LL); /* wall clock of the accept date */
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 2750);
    CHECK_INT(r.duration_ms, 109);
    CHECK(field_is(r.host, r.host_len, "10.0.1.2"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/index.html"));
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);
}

static void test_prefixes(void)
{
    fl_record r;
    const char *body = "10.0.0.1:53422 [23/Nov/2026:12:20:01.123] fe_http be_app/srv1 0/0/1/12/13 503 212 - - "
                       "---- 1/1/0/0/0 0/0 \"GET /x HTTP/1.1\"";
    char buf[512];
    const char *prefixes[] = {"", "Nov 23 12:20:01 lb1 haproxy[1234]: ",
                              "<134>1 2026-11-23T12:20:01.124Z lb1 haproxy 1234 - - ",
                              "2026-11-23T12:20:01.124567+00:00 lb1 haproxy[1234]: "};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", prefixes[i], body);
        CHECK_INT(parse(buf, &r), FL_PARSE_OK);
        CHECK_INT(r.time.ms, 1795436401123LL);
        CHECK_INT(r.status, 503);
        CHECK_INT(r.bytes, 212);
        CHECK_INT(r.duration_ms, 13);
        CHECK(field_is(r.host, r.host_len, "10.0.0.1"));
        CHECK(field_is(r.path, r.path_len, "/x"));
    }
}

static void test_variants(void)
{
    fl_record r;
    /* No server available: -1 timers, <NOSRV>, termination state SC. */
    CHECK_INT(parse("Nov 23 12:20:04 lb1 haproxy[1234]: 203.0.113.9:40112 [23/Nov/2026:12:20:01.004] fe_https~ "
                    "be_app/<NOSRV> 0/-1/-1/-1/3002 503 217 - - SC-- 2/2/0/0/3 0/0 \"POST /api/v1/orders HTTP/1.1\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.duration_ms, 3002);
    CHECK(field_is(r.method, r.method_len, "POST"));
    /* IPv6 client, logasap '+', request cut by the syslog line limit. */
    CHECK_INT(parse("2001:db8::7:53422 [23/Nov/2026:12:20:01.124] fe_http be_app/srv1 0/0/1/12/+13 200 +212 - - "
                    "---- 1/1/0/0/0 0/0 \"GET /reports/very/long/pa",
                    &r),
              FL_PARSE_OK);
    CHECK(field_is(r.host, r.host_len, "2001:db8::7"));
    CHECK(field_is(r.path, r.path_len, "/reports/very/long/pa"));
    CHECK_INT(r.bytes, 212);
    CHECK_INT(r.duration_ms, 13);
    /* Aborted before the end: total -1 means unknown; bad request. */
    CHECK_INT(parse("10.0.0.1:1 [23/Nov/2026:12:20:01.124] fe_http fe_http/<NOSRV> -1/-1/-1/-1/-1 400 187 - - "
                    "CR-- 1/1/0/0/0 0/0 \"<BADREQ>\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.duration_ms, -1);
    CHECK_INT(r.method_len, 0);
    CHECK_INT(r.status, 400);
}

static void test_bad_lines(void)
{
    fl_record r;
    CHECK_INT(parse("", &r), FL_PARSE_UNPARSEABLE);
    /* CLF: the token before '[' is not addr:port. */
    CHECK_INT(parse("10.0.0.1 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_UNPARSEABLE);
    /* TCP log format (option tcplog): three timers. */
    CHECK_INT(parse("Feb  6 12:12:56 localhost haproxy[14387]: 10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt "
                    "bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("10.0.0.1:1 [23/Nov/2026:12:20:01.124] fe be/s 0/0/1/12/13 200 212 - - ---- 1/1/0/0/0 0/0 GET /",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("10.0.0.1:1 [23/Nov/2026:12:20:01.124] fe be/s 0/0/1/x/13 200 212 - - ---- 1/1/0/0/0 0/0 \"GET /\"",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("10.0.0.1:1 [23/Nov/2026:12:20:01.124] fe be/s 0/0/1/12/13 2000 212 - - ---- 1/1/0/0/0 0/0 \"GET /\"",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("10.0.0.1:1 [23/Nov/2026:12:20:01.124] fe be/s 0/0/1/12/13 200 212 - - ---- 1/1/0/0/0 \"GET /\"",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("10.0.0.1:1 [31/Nov/2026:12:20:01.124] fe be/s 0/0/1/12/13 200 212 - - ---- 1/1/0/0/0 0/0 \"GET /\"",
                    &r),
              FL_PARSE_NO_TIMESTAMP);
}

int main(void)
{
    test_manual_example();
    test_prefixes();
    test_variants();
    test_bad_lines();
    return fl_test_result("test_fmt_haproxy");
}
