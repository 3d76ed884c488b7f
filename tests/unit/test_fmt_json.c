/* test_fmt_json.c: JSON-lines access logs (formats/json_access.c).
 * - nginx: log_format main escape=json '{"time_iso8601":"$time_iso8601",
 *   "remote_addr":"$remote_addr","request":"$request","status":"$status",
 *   "body_bytes_sent":"$body_bytes_sent","request_time":"$request_time"}'
 *   ($request_time: seconds with millisecond resolution).
 * - Caddy (caddyserver.com/docs/logging): {"level":"info","ts":...,"logger":
 *   "http.log.access","msg":"handled request","request":{"remote_ip":...,"client_ip":
 *   ...,"method":...,"uri":...},...,"duration":<seconds>,"size":<bytes>,"status":<code>};
 *   status 0: the connection closed before a reply.
 * - Traefik (accessLog format json): ClientHost, DownstreamStatus, RequestMethod,
 *   RequestPath, StartUTC, Duration (nanoseconds), DownstreamContentSize.
 * - Envoy json_format: keys chosen by the operator; the documented example uses
 *   start_time (%START_TIME%), method, path, response_code, duration (ms). */
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_json;

static fl_parse_result parse(const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    memset(rec, 0, sizeof *rec);
    return fl_format_json.parse(&st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static int near(double a, double b) { return a > b - 1e-6 && a < b + 1e-6; }

static void test_caddy(void)
{
    fl_record r;
    const char *l =
        "{\"level\":\"info\",\"ts\":1646861401.5241024,\"logger\":\"http.log.access.log0\",\"msg\":\"handled "
        "request\",\"request\":{\"remote_ip\":\"127.0.0.1\",\"remote_port\":\"41342\",\"client_ip\":"
        "\"127.0.0.1\",\"proto\":\"HTTP/2.0\",\"method\":\"GET\",\"host\":\"localhost\",\"uri\":\"/\","
        "\"headers\":{\"User-Agent\":[\"curl/7.82.0\"],\"Accept\":[\"*/*\"],\"Accept-Encoding\":[\"gzip, "
        "deflate, br\"]},\"tls\":{\"resumed\":false,\"version\":772,\"cipher_suite\":4865,\"proto\":\"h2\","
        "\"server_name\":\"example.com\"}},\"bytes_read\":0,\"user_id\":\"\",\"duration\":0.000929675,"
        "\"size\":10900,\"status\":200,\"resp_headers\":{\"Server\":[\"Caddy\"],\"Content-Type\":[\"text/"
        "html; charset=utf-8\"]}}";
    CHECK_INT(parse(l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1646861401524LL);
    CHECK(r.time.has_offset);
    CHECK_INT(r.time.offset_s, 0);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 10900);
    CHECK(near(r.duration_ms, 0.929675));
    CHECK(field_is(r.host, r.host_len, "127.0.0.1"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/"));
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);
    /* The agent: the first value of request.headers["User-Agent"] (escapes kept, as
     * for every string); a "User-Agent" outside request.headers (the response's
     * headers here) does not count. */
    CHECK(field_is(r.user_agent, r.user_agent_len, "curl/7.82.0"));
    CHECK_INT(parse("{\"ts\":1669206001.1,\"logger\":\"http.log.access\",\"request\":{\"method\":"
                    "\"GET\",\"uri\":\"/\",\"headers\":{\"Accept\":[\"*/*\"],\"User-Agent\":"
                    "[ \"Go-http-client/1.1 \\\"x\\\"\", \"second\"]}},\"status\":502,"
                    "\"resp_headers\":{\"User-Agent\":[\"not this\"]}}",
                    &r),
              FL_PARSE_OK);
    CHECK(field_is(r.user_agent, r.user_agent_len, "Go-http-client/1.1 \\\"x\\\""));
    CHECK_INT(parse("{\"ts\":1669206001.1,\"logger\":\"http.log.access\",\"request\":{\"method\":"
                    "\"GET\",\"uri\":\"/\",\"headers\":{\"Accept\":[\"*/*\"]}},\"status\":200,"
                    "\"headers\":{\"User-Agent\":[\"top-level headers: not the request's\"]}}",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.user_agent_len, 0);
    /* client_ip (after trusted proxies) wins over remote_ip; status 0 is kept. */
    CHECK_INT(parse("{\"ts\":1669206001.123,\"logger\":\"http.log.access\",\"request\":{\"remote_ip\":"
                    "\"10.0.0.1\",\"client_ip\":\"203.0.113.9\",\"method\":\"POST\",\"uri\":\"/x?y=1\"},"
                    "\"duration\":1.5,\"size\":0,\"status\":0}",
                    &r),
              FL_PARSE_OK);
    CHECK(field_is(r.host, r.host_len, "203.0.113.9"));
    CHECK(field_is(r.path, r.path_len, "/x?y=1"));
    CHECK_INT(r.status, 0);
    CHECK(near(r.duration_ms, 1500));
}

static void test_traefik(void)
{
    fl_record r;
    const char *l =
        "{\"ClientAddr\":\"192.0.2.10:63261\",\"ClientHost\":\"192.0.2.10\",\"ClientPort\":\"63261\","
        "\"ClientUsername\":\"-\",\"DownstreamContentSize\":287,\"DownstreamStatus\":502,\"Duration\":"
        "8184335,\"OriginContentSize\":287,\"OriginDuration\":7349966,\"OriginStatus\":502,\"Overhead\":"
        "834369,\"RequestAddr\":\"sub.example.com\",\"RequestHost\":\"sub.example.com\",\"RequestMethod\":"
        "\"REPORT\",\"RequestPath\":\"/dav.php/calendars/\",\"RequestProtocol\":\"HTTP/2.0\","
        "\"StartLocal\":\"2024-12-29T12:42:47.503803974+01:00\",\"StartUTC\":\"2024-12-29T11:42:47."
        "503803974Z\",\"entryPointName\":\"https\",\"level\":\"info\",\"msg\":\"\",\"time\":\"2024-12-29T12:"
        "42:47+01:00\"}";
    CHECK_INT(parse(l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1735472567503LL); /* StartUTC */
    CHECK(r.time.has_offset);
    CHECK_INT(r.status, 502);
    CHECK_INT(r.bytes, 287);
    CHECK(near(r.duration_ms, 8.184335));
    CHECK(field_is(r.host, r.host_len, "192.0.2.10"));
    CHECK(field_is(r.method, r.method_len, "REPORT"));
    CHECK(field_is(r.path, r.path_len, "/dav.php/calendars/"));
}

static void test_envoy_and_nginx(void)
{
    fl_record r;
    CHECK_INT(parse("{\"start_time\":\"2026-11-23T12:20:01.123Z\",\"method\":\"GET\",\"path\":\"/x\","
                    "\"protocol\":\"HTTP/1.1\",\"response_code\":503,\"response_flags\":\"UF\","
                    "\"bytes_sent\":91,\"duration\":12,\"upstream_host\":\"10.0.0.2:8080\"}",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.bytes, 91);
    CHECK(near(r.duration_ms, 12)); /* Envoy %DURATION% is ms */
    CHECK_INT(r.host_len, 0);
    /* nginx escape=json: everything is a string; $request is split. */
    CHECK_INT(parse("{\"time_iso8601\":\"2026-11-23T12:20:01+01:00\",\"remote_addr\":\"198.51.100.23\","
                    "\"request\":\"GET /api/v1/search?q=\\\"lamp\\\" HTTP/1.1\",\"status\":\"504\","
                    "\"body_bytes_sent\":\"0\",\"request_time\":\"60.001\"}",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795432801000LL);
    CHECK_INT(r.time.offset_s, 3600);
    CHECK_INT(r.status, 504);
    CHECK_INT(r.bytes, 0);
    CHECK(near(r.duration_ms, 60001));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/api/v1/search?q=\\\"lamp\\\""));
    CHECK(field_is(r.host, r.host_len, "198.51.100.23"));
    /* $time_local (CLF) and $msec (epoch) also serve as times. */
    CHECK_INT(parse("{\"time_local\":\"23/Nov/2026:12:20:01 +0100\",\"status\":200}", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795432801000LL);
    CHECK_INT(parse("{\"msec\":\"1795436401.123\",\"status\":200,\"uri\":\"/\"}", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    CHECK_INT(parse("{\"timestamp\":1795436401123,\"statusCode\":201}", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    CHECK_INT(r.status, 201);
    CHECK_INT(r.duration_ms, -1);
    CHECK_INT(r.bytes, -1);
    /* Leading blanks are fine. */
    CHECK_INT(parse("  {\"@timestamp\":\"2026-11-23T12:20:01Z\",\"status_code\":\"500\",\"duration_ms\":7.5}", &r),
              FL_PARSE_OK);
    CHECK(near(r.duration_ms, 7.5));
}

static void test_not_access(void)
{
    fl_record r;
    /* Server JSON logs (no status) are left to the server formats. */
    CHECK_INT(parse("{\"level\":\"error\",\"ts\":1669206001.1,\"logger\":\"http.log.error\",\"msg\":\"dial "
                    "tcp 10.0.0.2:8080: connect: connection refused\"}",
                    &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("{\"log\":\"GET / 200\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T12:20:01Z\"}", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("{\"status\":\"ok\",\"time\":\"2026-11-23T12:20:01Z\"}", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("{\"status\":42,\"time\":\"2026-11-23T12:20:01Z\"}", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("{\"status\":700,\"time\":\"2026-11-23T12:20:01Z\"}", &r), FL_PARSE_UNPARSEABLE);
    /* Malformed JSON. */
    /* (A missing final '}' is tolerated by the scanner: the members are all there.) */
    CHECK_INT(parse("{\"status\":200,\"time\":\"2026-11-23T12:20:01Z\"", &r), FL_PARSE_OK);
    CHECK_INT(parse("{\"status\":200,\"time\":\"2026-11-23T12:20:01Z", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("{\"status\" 200}", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("[{\"status\":200}]", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1.2.3.4 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("", &r), FL_PARSE_UNPARSEABLE);
    /* An access record without a usable time. */
    CHECK_INT(parse("{\"status\":200,\"uri\":\"/\"}", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("{\"status\":200,\"time\":\"2026-02-30T12:20:01Z\"}", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("{\"status\":200,\"time\":\"yesterday\"}", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("{\"status\":200,\"ts\":1.669206001e9}", &r), FL_PARSE_NO_TIMESTAMP);
}

/* Lines around the learnt layout (formats/json_access.c): the shape of the first
 * (nginx escape=json as the generator writes it), the same names with other values,
 * and every way of leaving that shape. */
static const char *const shapes[] = {
    "{\"time_iso8601\":\"2026-11-23T00:00:00+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET /api/v1/orders?page=4 HTTP/2.0\",\"status\":200,\"body_bytes_sent\":3064,"
    "\"request_time\":0.030,\"http_referer\":\"\",\"http_user_agent\":\"Mozilla/5.0 (compatible; "
    "Googlebot/2.1; +http://www.google.com/bot.html)\"}",
    "{\"time_iso8601\":\"2026-11-23T00:07:59+00:00\",\"remote_addr\":\"203.0.113.247\",\"remote_user\":\"bob\","
    "\"request\":\"POST /api/v1/checkout HTTP/1.1\",\"status\":503,\"body_bytes_sent\":0,"
    "\"request_time\":12.5,\"http_referer\":\"https://shop.example.com/cart?item=12345678901234567890\","
    "\"http_user_agent\":\"curl/8.0\"}",
    /* an escape, whitespace */
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET /q=\\\"x\\\" HTTP/1.1\",\"status\":404,\"body_bytes_sent\":1,"
    "\"request_time\":0.001,\"http_referer\":\"\",\"http_user_agent\":\"a \\\"b\\\"\"}",
    "{\"time_iso8601\": \"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
    /* a member fewer, one more, another order, strings for numbers, "-" */
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_user_agent\":\"x\"}",
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":\"x\",\"status_code\":500}",
    "{\"remote_addr\":\"192.0.2.54\",\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":\"502\",\"body_bytes_sent\":\"17\",\"request_time\":\"1e3\","
    "\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"-\",\"status\":400,\"body_bytes_sent\":-,\"request_time\":-,"
    "\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
    /* nested, cut short, no final brace, text after it, a stray ']' */
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":{\"a\":1},"
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":\"Mozil",
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":\"x\"",
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":\"x\"} trailing \\ text",
    "{\"time_iso8601\":\"2026-11-23T00:00:01+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":1,\"request_time\":0.001,"
    "\"http_referer\":\"\",\"http_user_agent\":1]",
    /* names repeated or of several ranks for one role */
    "{\"status\":200,\"status\":500,\"time\":\"2026-11-23T00:00:01Z\",\"uri\":\"/a\",\"path\":\"/b\"}",
    "{\"status_code\":404,\"status\":200,\"ts\":1795436401.5,\"time\":\"2026-11-23T00:00:01Z\"}",
    /* Caddy-like flat lines: "logger" decides the unit of "duration" */
    "{\"level\":\"info\",\"ts\":1669206001.123,\"logger\":\"http.log.access\",\"msg\":\"handled request\","
    "\"status\":502,\"duration\":0.5,\"size\":12}",
    "{\"level\":\"info\",\"ts\":1669206001.123,\"logger\":\"http.log.other\",\"msg\":\"handled request\","
    "\"status\":502,\"duration\":0.5,\"size\":12}",
    "{}",
    "{\"start_time\":\"2026-11-23T12:20:01.123Z\",\"method\":\"GET\",\"path\":\"/x\",\"protocol\":\"HTTP/1.1\","
    "\"response_code\":503,\"bytes_sent\":91,\"duration\":12,\"upstream_host\":\"10.0.0.2:8080\"}",
    "{\"ClientAddr\":\"192.0.2.10:63261\",\"DownstreamContentSize\":287,\"DownstreamStatus\":502,"
    "\"Duration\":8184335,\"RequestMethod\":\"GET\",\"StartUTC\":\"2024-12-29T11:42:47.503803974Z\"}",
    "  {\"status\":200,\"time\":\"2026-11-23T00:00:01Z\"}",
    "{\"status\":200,\"time\":\"2026-11-23T00:00:01Z\"",
    "{\"status\":200,\"time\":\"2026-11-23T00:00:01Z",
    "{\"\":1,\"status\":200,\"time\":\"2026-11-23T00:00:01Z\"}",
    /* the first shape with other times: a fraction, another zone, a bad date */
    "{\"time_iso8601\":\"2026-11-23T00:00:00.250Z\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/2.0\",\"status\":200,\"body_bytes_sent\":3064,"
    "\"request_time\":0.030,\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
    "{\"time_iso8601\":\"2026-11-23T00:00:00+01:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/2.0\",\"status\":200,\"body_bytes_sent\":3064,"
    "\"request_time\":0.030,\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
    "{\"time_iso8601\":\"2026-02-30T00:00:00+00:00\",\"remote_addr\":\"192.0.2.54\",\"remote_user\":\"\","
    "\"request\":\"GET / HTTP/2.0\",\"status\":200,\"body_bytes_sent\":3064,"
    "\"request_time\":0.030,\"http_referer\":\"\",\"http_user_agent\":\"x\"}",
};

/* Two parses of one line agree: result, and for OK or NO_TIMESTAMP every field
 * (pointers included: both point into the same line). */
static int same_parse(fl_parse_result ra, const fl_record *a, fl_parse_result rb, const fl_record *b)
{
    if (ra != rb)
        return 0;
    if (ra != FL_PARSE_OK && ra != FL_PARSE_NO_TIMESTAMP)
        return 1;
    return a->status == b->status && a->kind == b->kind && a->level == b->level &&
           a->bytes == b->bytes && memcmp(&a->duration_ms, &b->duration_ms, sizeof a->duration_ms) == 0 &&
           a->host == b->host && a->host_len == b->host_len && a->method == b->method &&
           a->method_len == b->method_len && a->path == b->path && a->path_len == b->path_len &&
           a->message_len == b->message_len &&
           (ra != FL_PARSE_OK || (a->time.ms == b->time.ms && a->time.has_offset == b->time.has_offset &&
                                  a->time.offset_s == b->time.offset_s));
}

/* Whatever the line before taught the parser state, a line gives what it gives to a
 * fresh state. */
static void test_layout(void)
{
    size_t n = sizeof shapes / sizeof *shapes;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            fl_parse_state warm = {0}, fresh = {0};
            fl_record a, b, c;
            memset(&a, 0, sizeof a);
            memset(&b, 0, sizeof b);
            memset(&c, 0, sizeof c);
            (void)fl_format_json.parse(&warm, shapes[i], strlen(shapes[i]), &a);
            fl_parse_result ra = fl_format_json.parse(&warm, shapes[j], strlen(shapes[j]), &a);
            fl_parse_result rc = fl_format_json.parse(&warm, shapes[j], strlen(shapes[j]), &c);
            fl_parse_result rb = fl_format_json.parse(&fresh, shapes[j], strlen(shapes[j]), &b);
            int ok = same_parse(ra, &a, rb, &b) && same_parse(rc, &c, rb, &b);
            CHECK(ok);
            if (!ok)
                fprintf(stderr, "  shape %zu after shape %zu: %d/%d, fresh %d\n", j, i, (int)ra, (int)rc, (int)rb);
        }
    /* The learnt path reads the first shape's fields right. */
    fl_parse_state st = {0};
    fl_record r;
    for (int k = 0; k < 2; k++)
        CHECK_INT(fl_format_json.parse(&st, shapes[0], strlen(shapes[0]), &r), FL_PARSE_OK);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 3064);
    CHECK(near(r.duration_ms, 30));
    CHECK_INT(r.time.ms, 1795392000000LL);
    CHECK(field_is(r.host, r.host_len, "192.0.2.54"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/api/v1/orders?page=4"));
}

int main(void)
{
    test_caddy();
    test_traefik();
    test_envoy_and_nginx();
    test_not_access();
    test_layout();
    return fl_test_result("test_fmt_json");
}
