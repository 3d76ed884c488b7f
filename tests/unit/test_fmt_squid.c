/* test_fmt_squid.c: Squid's native access.log (formats/squid.c).
 * squid.conf "logformat squid %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt",
 * described as "time elapsed remotehost code/status bytes method URL rfc931
 * peerstatus/peerhost type": time in Unix seconds with milliseconds, elapsed in
 * milliseconds (right-aligned in six columns), code/status like TCP_MISS/200;
 * status 000 when no reply was sent. */
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_squid;

static fl_parse_result parse(const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    memset(rec, 0, sizeof *rec);
    return fl_format_squid.parse(&st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static void test_documented_example(void)
{
    fl_record r;
    /* The typical line of the Squid access.log description. */
    CHECK_INT(parse("979992041.366    502 192.168.1.160 TCP_IMS_HIT/304 216 GET http://example.com/home2.html - "
                    "NONE/- text/html",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 979992041366LL);
    CHECK(r.time.has_offset);
    CHECK_INT(r.time.offset_s, 0);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 304);
    CHECK_INT(r.bytes, 216);
    CHECK_INT(r.duration_ms, 502);
    CHECK(field_is(r.host, r.host_len, "192.168.1.160"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "http://example.com/home2.html"));
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);
}

static void test_variants(void)
{
    fl_record r;
    CHECK_INT(parse("1795436401.123  30004 10.0.0.1 TCP_MISS/503 4120 GET http://shop.example.com/x - "
                    "HIER_DIRECT/93.184.215.14 text/html",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.duration_ms, 30004);
    /* CONNECT tunnel closed before a reply; line ending after the URL. */
    CHECK_INT(parse("1795436402.001      0 10.0.0.2 NONE_NONE/000 0 CONNECT example.com:443", &r), FL_PARSE_OK);
    CHECK_INT(r.status, 0);
    CHECK(field_is(r.method, r.method_len, "CONNECT"));
    CHECK(field_is(r.path, r.path_len, "example.com:443"));
}

static void test_bad_lines(void)
{
    fl_record r;
    CHECK_INT(parse("", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1795436401.123 5 10.0.0.1 TCP_MISS/503 4120 GET", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1795436401 5 10.0.0.1 TCP_MISS/503 4120 GET http://x/ - NONE/- -", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1795436401.123 5 10.0.0.1 TCP_MISS 4120 GET http://x/ - NONE/- -", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1795436401.123 5 10.0.0.1 tcp_miss/200 4120 GET http://x/ - NONE/- -", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1795436401.123 5 10.0.0.1 TCP_MISS/2000 4120 GET http://x/ - NONE/- -", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1795436401.123 fast 10.0.0.1 TCP_MISS/200 4120 GET http://x/ - NONE/- -", &r),
              FL_PARSE_UNPARSEABLE);
    /* CLF (Squid's emulate_httpd_log) is not the native format. */
    CHECK_INT(parse("10.0.0.1 - - [23/Nov/2026:12:20:01 +0000] \"GET http://x/ HTTP/1.1\" 200 5 TCP_MISS:HIER_DIRECT", &r),
              FL_PARSE_UNPARSEABLE);
    /* Too few digits for a Unix time. */
    CHECK_INT(parse("12345.678 5 10.0.0.1 TCP_MISS/200 4120 GET http://x/ - NONE/- -", &r), FL_PARSE_NO_TIMESTAMP);
}

int main(void)
{
    test_documented_example();
    test_variants();
    test_bad_lines();
    return fl_test_result("test_fmt_squid");
}
