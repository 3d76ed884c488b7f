/* test_fmt_logformat.c: --log-format custom formats (formats/logformat.c).
 * goaccess(1), CUSTOM LOG/DATE FORMAT: "%x A date and time field matching the
 * time-format and date-format variables ... %t time field matching the time-format
 * variable. %d date field matching the date-format variable. %v The canonical Server
 * Name ... %e userid ... %C cache status ... %h host (the client IP address) ... %r The
 * request line from the client. This requires specific delimiters around the request
 * ... %q The query string. %m The request method. %U The URL path requested. %H The
 * request protocol. %s The status code ... %b The size of the object returned ... %R
 * The "Referrer" HTTP request header. %u The user-agent HTTP request header. %K %k
 * TLS settings ... %M The MIME-type ... %D The time taken to serve the request, in
 * microseconds ... %T ... in seconds with milliseconds resolution. %L ... in
 * milliseconds ... %n ... in nanoseconds. %^ Ignore this field. %~ Move forward
 * through the log string until a non-space (!isspace) char is found." The format
 * strings below are GoAccess's predefined COMBINED, COMMON, VCOMBINED, W3C, CLOUDFRONT,
 * AWSALB and SQUID ones (src/settings.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"
#include "formats/logformat.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_custom;

static fl_logformat *compile(const char *spec, const char *date_fmt, const char *time_fmt)
{
    fl_logformat *lf = NULL;
    char err[128];
    fl_status st = fl_logformat_compile(spec, date_fmt, time_fmt, &lf, err, sizeof err);
    CHECK_INT(st, FL_OK);
    if (st != FL_OK)
        fprintf(stderr, "compile \"%s\": %s\n", spec, err);
    return lf;
}

static fl_parse_result parse(const fl_logformat *lf, const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    st.custom = lf;
    st.year = 2026;
    memset(rec, 0, sizeof *rec);
    return fl_format_custom.parse(&st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static int near(double a, double b) { return a > b - 1e-6 && a < b + 1e-6; }

/* Compile error text for spec (and formats), "" when it compiles. */
static const char *compile_error(const char *spec, const char *date_fmt, const char *time_fmt, char *err,
                                 size_t errlen)
{
    fl_logformat *lf = NULL;
    if (fl_logformat_compile(spec, date_fmt, time_fmt, &lf, err, errlen) == FL_OK) {
        fl_logformat_free(lf);
        return "";
    }
    CHECK(lf == NULL);
    return err;
}

static void test_combined_and_common(void)
{
    fl_record r;
    fl_logformat *comb = compile("%h %^[%d:%t %^] \"%r\" %s %b \"%R\" \"%u\"", "%d/%b/%Y", "%H:%M:%S");
    const char *l = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
                    "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";
    CHECK_INT(parse(comb, l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 971186136000LL); /* 2000-10-10 13:55:36 wall clock: %z not in the formats */
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 2326);
    CHECK_INT(r.duration_ms, -1);
    CHECK(field_is(r.host, r.host_len, "127.0.0.1"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/apache_pb.gif"));
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);
    /* Escaped quotes inside quoted fields. */
    CHECK_INT(parse(comb, "10.0.0.1 - - [01/Jan/2023:00:00:00 +0000] \"GET /q?a=\\\"b\\\" HTTP/1.1\" 400 12 \"-\" "
                          "\"curl/8 \\\"x\\\"\"",
                    &r),
              FL_PARSE_OK);
    CHECK(field_is(r.path, r.path_len, "/q?a=\\\"b\\\""));
    CHECK_INT(r.bytes, 12);
    /* A Common line lacks the referer: the literal '"' is missing. */
    const char *common_line = "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 503 -";
    CHECK_INT(parse(comb, common_line, &r), FL_PARSE_UNPARSEABLE);
    fl_logformat_free(comb);

    fl_logformat *common = compile("%h %^[%d:%t %^] \"%r\" %s %b", NULL, NULL); /* CLF defaults */
    CHECK_INT(parse(common, common_line, &r), FL_PARSE_OK);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.bytes, -1);
    CHECK_INT(parse(common, "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 5xx -", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse(common, "127.0.0.1 - - [31/Sep/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 -", &r),
              FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse(common, "127.0.0.1 - - [10/Foo/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 -", &r),
              FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse(common, "127.0.0.1 - - [yesterday] \"GET / HTTP/1.0\" 200 -", &r), FL_PARSE_UNPARSEABLE);
    fl_logformat_free(common);

    /* %x with a --datetime-style date format carrying the offset. */
    fl_logformat *zoned = compile("%h %^[%x] \"%r\" %s %b", "%d/%b/%Y:%H:%M:%S %z", NULL);
    CHECK_INT(parse(zoned, "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 971211336000LL); /* 2000-10-10T20:55:36Z */
    CHECK(r.time.has_offset);
    CHECK_INT(r.time.offset_s, -7 * 3600);
    fl_logformat_free(zoned);

    fl_logformat *vcomb = compile("%v:%^ %h %^[%d:%t %^] \"%r\" %s %b \"%R\" \"%u\"", "%d/%b/%Y", "%H:%M:%S");
    CHECK_INT(parse(vcomb, "vhost.com:80 10.131.40.139 - - [02/Mar/2016:08:14:04 -0600] \"GET /shop/bag-p-20 "
                           "HTTP/1.1\" 200 6715 \"-\" \"Apache (internal dummy connection)\"",
                    &r),
              FL_PARSE_OK);
    CHECK(field_is(r.host, r.host_len, "10.131.40.139"));
    CHECK(field_is(r.path, r.path_len, "/shop/bag-p-20"));
    fl_logformat_free(vcomb);
}

static void test_predefined_others(void)
{
    fl_record r;
    fl_logformat *w3c = compile("%d %t %^ %m %U %q %^ %^ %h %u %R %s %^ %^ %L", "%Y-%m-%d", "%H:%M:%S");
    CHECK_INT(parse(w3c, "2026-11-23 12:20:01 10.0.0.5 GET /Orders/List.aspx id=7 443 - 203.0.113.7 "
                         "Mozilla/5.0+(Windows+NT+10.0) - 503 0 64 15046",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401000LL);
    CHECK_INT(r.status, 503);
    CHECK(near(r.duration_ms, 15046));
    CHECK(field_is(r.path, r.path_len, "/Orders/List.aspx"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.host, r.host_len, "203.0.113.7"));
    fl_logformat_free(w3c);

    fl_logformat *cf = compile("%d\\t%t\\t%^\\t%b\\t%h\\t%m\\t%v\\t%U\\t%s\\t%R\\t%u\\t%q\\t%^\\t%C\\t%^\\t%^\\t%^"
                               "\\t%^\\t%T\\t%^\\t%K\\t%k\\t%^\\t%H\\t%^",
                               "%Y-%m-%d", "%H:%M:%S");
    CHECK_INT(parse(cf, "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t"
                        "/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0)\t-\t-\tHit\tSOkXNIf2vNbNo==\t"
                        "d111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\t"
                        "Hit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1575493351000LL);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 392);
    CHECK(near(r.duration_ms, 1));
    CHECK(field_is(r.path, r.path_len, "/index.html"));
    fl_logformat_free(cf);

    fl_logformat *alb = compile("%^ %dT%t.%^ %v %h:%^ %^ %^ %T %^ %s %^ %^ %b \"%r\" \"%u\" %k %K %^", "%Y-%m-%d",
                                "%H:%M:%S");
    CHECK_INT(parse(alb, "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 "
                         "192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET "
                         "http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:"
                         "us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337262\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1530570180000LL); /* the fraction went to %^ */
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 366);
    CHECK(near(r.duration_ms, 1)); /* %T: target_processing_time */
    CHECK(field_is(r.host, r.host_len, "192.168.131.39"));
    fl_logformat_free(alb);

    fl_logformat *squid = compile("%^ %^ %^ %v %^: %x.%^ %~%L %h %^/%s %b %m %U", "%s", "%s");
    CHECK_INT(parse(squid, "Nov 23 12:20:01 proxy1 squid[812]: 1795436401.123    502 192.168.1.160 TCP_MISS/503 "
                           "216 GET http://example.com/home2.html - HIER_NONE/- text/html",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401000LL);
    CHECK(r.time.has_offset);
    CHECK_INT(r.status, 503);
    CHECK(near(r.duration_ms, 502));
    CHECK(field_is(r.path, r.path_len, "http://example.com/home2.html"));
    CHECK(field_is(r.host, r.host_len, "192.168.1.160"));
    fl_logformat_free(squid);
}

static void test_dates_and_durations(void)
{
    fl_record r;
    /* Fractions, %e, %y, %F/%T, %z forms. */
    fl_logformat *a = compile("%x %h %s", "%F %T%z", NULL);
    CHECK_INT(parse(a, "2026-11-23 12:20:01.250+01:00 10.0.0.1 502", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795432801250LL);
    CHECK_INT(r.time.offset_s, 3600);
    CHECK_INT(parse(a, "2026-11-23 12:20:01Z 10.0.0.1 502", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401000LL);
    fl_logformat_free(a);
    fl_logformat *b = compile("[%d %t] %h %s %b", "%b %e %y", "%H:%M:%S.%f");
    CHECK_INT(parse(b, "[Nov  3 26 08:00:01.5] 10.0.0.1 200 12", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1793692801500LL); /* 2026-11-03T08:00:01.5, wall clock */
    CHECK_INT(r.time.has_offset, 0);
    fl_logformat_free(b);
    /* A date without a year takes the file's year hint. */
    fl_logformat *c = compile("%d %t %h %s", "%b/%d", "%T");
    CHECK_INT(parse(c, "Nov/23 12:20:01 10.0.0.1 200", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401000LL);
    fl_logformat_free(c);
    /* Unix times: ms (%*) and us (%f). */
    fl_logformat *d = compile("%x %h %s", "%*", NULL);
    CHECK_INT(parse(d, "1795436401123 10.0.0.1 200", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    fl_logformat_free(d);
    fl_logformat *e = compile("\"%x\",\"%h\",%^,\"%s\",\"%D\"", "%f", "%f");
    CHECK_INT(parse(e, "\"1795436401123456\",\"10.0.0.1\",x,\"504\",\"30000125\"", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401123LL);
    CHECK(near(r.duration_ms, 30000.125));
    fl_logformat_free(e);
    /* Durations: ns, s; the first duration specifier wins; "-" is unknown. */
    fl_logformat *f = compile("%d:%t %s %n %T", "%Y-%m-%d", "%T");
    CHECK_INT(parse(f, "2026-11-23:12:20:01 200 1500000 9.5", &r), FL_PARSE_OK);
    CHECK(near(r.duration_ms, 1.5));
    CHECK_INT(parse(f, "2026-11-23:12:20:01 200 - 9.5", &r), FL_PARSE_OK);
    CHECK_INT(r.duration_ms, -1);
    CHECK_INT(parse(f, "2026-11-23:12:20:01 200 soon 9.5", &r), FL_PARSE_UNPARSEABLE);
    fl_logformat_free(f);
    /* %m %U separate from the request line; %~ skips padding. */
    fl_logformat *g = compile("%d %t %~%m %U %s", "%Y-%m-%d", "%T");
    CHECK_INT(parse(g, "2026-11-23 12:20:01    DELETE /api/v1/cart/7 204", &r), FL_PARSE_OK);
    CHECK(field_is(r.method, r.method_len, "DELETE"));
    CHECK(field_is(r.path, r.path_len, "/api/v1/cart/7"));
    CHECK_INT(r.status, 204);
    fl_logformat_free(g);
}

static void test_errors(void)
{
    char err[128];
    CHECK_STR(compile_error("%h %^[%d:%t %^] \"%r\" %Z %b", NULL, NULL, err, sizeof err),
              "unknown specifier %Z at column 22");
    CHECK_STR(compile_error("%h %s %", NULL, NULL, err, sizeof err), "lone '%' at column 7");
    CHECK_STR(compile_error("%h %d %b", NULL, NULL, err, sizeof err), "log format has no status (%s)");
    CHECK_STR(compile_error("%h %s %b", NULL, NULL, err, sizeof err), "log format has no date (%d or %x)");
    CHECK_STR(compile_error("", NULL, NULL, err, sizeof err), "empty log format");
    CHECK_STR(compile_error("%h %d %s", "%Y-%Q", NULL, err, sizeof err),
              "unknown specifier %Q at column 4 of the date format");
    CHECK_STR(compile_error("%h %d %t %s", NULL, "%H:%", err, sizeof err), "lone '%' at column 4 of the time format");
    CHECK_STR(compile_error("%h %d %s 100%% sure", NULL, NULL, err, sizeof err), "");
    /* A short error buffer is truncated, never overrun. */
    char small[8];
    CHECK_INT(strlen(compile_error("%Z", NULL, NULL, small, sizeof small)), 7);
}

static void test_table_row(void)
{
    fl_record r;
    fl_parse_state st = {0};
    const fl_format *f = fl_format_find("custom");
    CHECK(f != NULL);
    if (!f)
        return;
    /* Without --log-format the custom format parses nothing and is never detected. */
    const char *l = "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5";
    size_t n = strlen(l);
    CHECK_INT(f->parse(&st, l, n, &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(f->sniff(&l, &n, 1), 0);
    fl_logformat_free(NULL);
}

/* Every prefix of a line in an exact-size heap buffer (ASan catches over-reads). */
static void test_prefixes_in_bounds(void)
{
    fl_logformat *lf = compile("%h %^[%d:%t %^] \"%r\" %s %b \"%R\" \"%u\" %D %~%T", NULL, NULL);
    fl_logformat *x = compile("%x %h %s %L", "%F %T%z", NULL);
    const char *lines[] = {"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a\\\"b HTTP/1.0\" 200 2326 "
                           "\"-\" \"curl\" 1200    0.5",
                           "2026-11-23 12:20:01.250+01:00 10.0.0.1 502 17"};
    for (size_t i = 0; i < 2; i++) {
        size_t len = strlen(lines[i]);
        for (size_t n = 0; n <= len; n++) {
            char *copy = malloc(n ? n : 1);
            fl_record r;
            if (!copy)
                continue;
            memcpy(copy, lines[i], n);
            fl_parse_state st = {0};
            st.custom = i ? x : lf;
            fl_parse_result res = fl_format_custom.parse(&st, copy, n, &r);
            CHECK(n == len ? res == FL_PARSE_OK : res != FL_PARSE_HEADER);
            free(copy);
        }
    }
    fl_logformat_free(lf);
    fl_logformat_free(x);
}

int main(void)
{
    test_combined_and_common();
    test_predefined_others();
    test_dates_and_durations();
    test_errors();
    test_table_row();
    test_prefixes_in_bounds();
    return fl_test_result("test_fmt_logformat");
}
