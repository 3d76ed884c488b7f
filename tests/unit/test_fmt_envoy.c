/* test_fmt_envoy.c: Envoy's default access log format (formats/envoy.c).
 * Envoy documentation, "Access logging", default format string:
 *   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%"
 *   %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 *   %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 *   "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
 * DURATION: total ms from the start time to the last byte out; an unset value is
 * "-"; RESPONSE_CODE 0: the server never sent the start of a response. Istio's
 * proxy format adds %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 * "%UPSTREAM_TRANSPORT_FAILURE_REASON%" after the flags. */
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_envoy;

static fl_parse_result parse(const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    memset(rec, 0, sizeof *rec);
    return fl_format_envoy.parse(&st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static void test_documented_example(void)
{
    fl_record r;
    CHECK_INT(parse("[2016-04-15T20:17:00.310Z] \"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100 "
                    "\"10.0.35.28\" \"nsq2http\" \"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2\" \"locations\" "
                    "\"tcp://10.0.2.1:80\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1460751420310LL);
    CHECK(r.time.has_offset);
    CHECK_INT(r.time.offset_s, 0);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 204);
    CHECK_INT(r.bytes, 0);
    CHECK_INT(r.duration_ms, 226);
    CHECK(field_is(r.host, r.host_len, "10.0.35.28"));
    CHECK(field_is(r.method, r.method_len, "POST"));
    CHECK(field_is(r.path, r.path_len, "/api/v1/locations"));
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);
}

static void test_variants(void)
{
    fl_record r;
    /* Upstream connection failure: no upstream service time. */
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z] \"GET /x HTTP/1.1\" 503 UF 0 91 12 - \"10.0.0.1\" \"curl/8\" "
                    "\"req-id\" \"authority\" \"10.0.0.2:8080\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.bytes, 91);
    CHECK_INT(r.duration_ms, 12);
    /* No X-Forwarded-For; several addresses; status 0 (downstream went away). */
    CHECK_INT(parse("[2026-11-23T12:20:02.000Z] \"GET /ws HTTP/1.1\" 0 DC 0 0 30001 - \"-\" \"curl/8\" \"id\" "
                    "\"shop\" \"-\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 0);
    CHECK_INT(r.host_len, 0);
    CHECK_INT(parse("[2026-11-23T12:20:02.000Z] \"GET / HTTP/2\" 200 - 0 5 1 1 \"198.51.100.7, 10.0.0.3\" \"-\" "
                    "\"id\" \"shop\" \"10.0.2.1:80\"",
                    &r),
              FL_PARSE_OK);
    CHECK(field_is(r.host, r.host_len, "198.51.100.7"));
    /* Istio's proxy format. */
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z] \"GET /productpage HTTP/1.1\" 503 UF "
                    "upstream_reset_before_response_started{connection_failure} - \"delayed_connect_error:_111\" "
                    "0 91 3 - \"10.0.0.1\" \"curl/8\" \"id\" \"productpage:9080\" \"10.0.0.2:9080\" "
                    "outbound|9080||productpage.default.svc.cluster.local - 10.96.1.1:9080 10.0.0.1:45678 - default",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.bytes, 91);
    CHECK_INT(r.duration_ms, 3);
    CHECK(field_is(r.path, r.path_len, "/productpage"));
    /* TCP proxy lines have "- - -" for the request. */
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z] \"- - -\" 0 - 120 480 2500 - \"-\" \"-\" \"-\" \"-\" \"10.0.0.2:5432\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.method_len, 0);
    CHECK_INT(r.path_len, 0);
}

static void test_bad_lines(void)
{
    fl_record r;
    CHECK_INT(parse("", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z]", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z] \"GET /x HTTP/1.1\" 503", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z] \"GET /x HTTP/1.1\" 503 UF 0 91 - - \"-\"", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z] \"GET /x HTTP/1.1\" 50 UF 0 91 12 - \"-\"", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("[2026-11-23T12:20:01.123Z] \"GET /x HTTP/1.1 503 UF 0 91 12 -", &r), FL_PARSE_UNPARSEABLE);
    /* nginx error log and CLF lines are not Envoy lines. */
    CHECK_INT(parse("2026/11/23 12:20:01 [error] 7#7: *1 connect() failed", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1.2.3.4 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("[2026-13-23T12:20:01.123Z] \"GET /x HTTP/1.1\" 503 UF 0 91 12 - \"-\"", &r),
              FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("[yesterday] \"GET /x HTTP/1.1\" 503 UF 0 91 12 - \"-\"", &r), FL_PARSE_NO_TIMESTAMP);
}

int main(void)
{
    test_documented_example();
    test_variants();
    test_bad_lines();
    return fl_test_result("test_fmt_envoy");
}
