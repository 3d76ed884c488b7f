/* test_clf.c: the Common/Combined parser and format detection.
 * Apache mod_log_config: common = "%h %l %u %t \"%r\" %>s %b"; combined adds
 * "\"%{Referer}i\" \"%{User-agent}i\"". %t is "[10/Oct/2000:13:55:36 -0700]". */
#include <string.h>

#include "fl_test.h"
#include "formats/access_util.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_combined, fl_format_common;

static fl_parse_result parse(const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    memset(rec, 0, sizeof *rec);
    return fl_clf_parse(&st, line, strlen(line), rec);
}

static int sniff1(int (*sniff)(const char *const *, const size_t *, size_t), const char *l)
{
    size_t n = strlen(l);
    return sniff(&l, &n, 1) == 100;
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static void test_apache_example(void)
{
    /* The example line of the Apache documentation. */
    fl_record r;
    const char *l = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326";
    CHECK_INT(parse(l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 971211336000LL); /* 2000-10-10T20:55:36Z */
    CHECK_INT(r.time.offset_s, -7 * 3600);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 2326);
    CHECK(field_is(r.host, r.host_len, "127.0.0.1"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/apache_pb.gif"));
    CHECK(sniff1(fl_format_common.sniff, l));
    CHECK(!sniff1(fl_format_combined.sniff, l));
}

static void test_combined(void)
{
    fl_record r;
    const char *l = "2001:db8::1 - - [12/Oct/2022:12:20:01 +0100] \"POST /api/v1/orders?x=1 HTTP/1.1\" 503 - "
                    "\"https://basdot.example/\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
    CHECK_INT(parse(l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1665573601000LL); /* 2022-10-12T11:20:01Z */
    CHECK_INT(r.status, 503);
    CHECK_INT(r.bytes, -1);
    CHECK(field_is(r.host, r.host_len, "2001:db8::1"));
    CHECK(field_is(r.path, r.path_len, "/api/v1/orders?x=1"));
    CHECK(sniff1(fl_format_combined.sniff, l));
}

static void test_escaped_quotes(void)
{
    /* nginx writes '"' inside $request as \x22 or \"; Apache as \". */
    fl_record r;
    const char *l = "10.0.0.1 - - [01/Jan/2023:00:00:00 +0000] \"GET /q?a=\\\"b\\\" HTTP/1.1\" 400 12 \"-\" \"curl/8 \\\"x\\\"\"";
    CHECK_INT(parse(l, &r), FL_PARSE_OK);
    CHECK_INT(r.status, 400);
    CHECK(field_is(r.path, r.path_len, "/q?a=\\\"b\\\""));
    CHECK(sniff1(fl_format_combined.sniff, l));
}

static void test_odd_requests(void)
{
    fl_record r;
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:00:00:00 +0000] \"-\" 400 0 \"-\" \"-\"", &r), FL_PARSE_OK);
    CHECK_INT(r.path_len, 0);
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:00:00:00 +0000] \"\" 408 0", &r), FL_PARSE_OK);
    CHECK_INT(r.status, 408);
    /* A user name with a space still parses: the time is found by its bracket. */
    CHECK_INT(parse("1.2.3.4 - john smith [01/Jan/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_OK);
    /* Fractional seconds (some nginx setups log $time_local with msec). */
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:00:00:00.250 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1672531200250LL);
}

static void test_bad_lines(void)
{
    fl_record r;
    CHECK_INT(parse("", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("hello world", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 2000 5", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:00:00:00 +0000] \"GET / HTTP/1.1\" abc 5", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:00:00:00 +0000] \"GET / HTTP/1.1", &r), FL_PARSE_UNPARSEABLE);
    /* Right shape, impossible times. */
    CHECK_INT(parse("1.2.3.4 - - [31/Feb/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("1.2.3.4 - - [29/Feb/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("1.2.3.4 - - [29/Feb/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_OK);
    CHECK_INT(parse("1.2.3.4 - - [01/Foo/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:24:00:00 +0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("1.2.3.4 - - [01/Jan/2023:00:00:00 0000] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(parse("1.2.3.4 - - [] \"GET / HTTP/1.1\" 200 5", &r), FL_PARSE_NO_TIMESTAMP);
}

static void test_time_cache(void)
{
    /* Same minute and offset reuse the cache; a new offset must not. */
    fl_parse_state st = {0};
    fl_record r;
    const char *a = "1.2.3.4 - - [12/Oct/2022:12:20:01 +0100] \"GET / HTTP/1.1\" 200 5",
               *b = "1.2.3.4 - - [12/Oct/2022:12:20:59 -0500] \"GET / HTTP/1.1\" 200 5",
               *c = "1.2.3.4 - - [12/Oct/2022:12:21:00 +0100] \"GET / HTTP/1.1\" 200 5";
    CHECK_INT(fl_clf_parse(&st, a, strlen(a), &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1665573601000LL);
    CHECK_INT(fl_clf_parse(&st, b, strlen(b), &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1665573659000LL + 6 * 3600 * 1000LL);
    CHECK_INT(r.time.offset_s, -5 * 3600);
    CHECK_INT(fl_clf_parse(&st, c, strlen(c), &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1665573660000LL);
    CHECK_INT(r.time.offset_s, 3600);
    CHECK(r.time.has_offset);
}

static void test_detect(void)
{
    const char *comb = "1.2.3.4 - - [01/Jan/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
    const char *com = "1.2.3.4 - - [01/Jan/2023:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5";
    const char *junk = "%% this is not a log line at all";
    const char *lines[4] = {comb, comb, junk, ""};
    size_t lens[4] = {strlen(comb), strlen(comb), strlen(junk), 0};
    const fl_format *f = fl_format_detect(lines, lens, 4, NULL, NULL, 0);
    CHECK(f && strcmp(f->name, "combined") == 0);
    lines[0] = lines[1] = com;
    lens[0] = lens[1] = strlen(com);
    f = fl_format_detect(lines, lens, 4, NULL, NULL, 0);
    CHECK(f && strcmp(f->name, "common") == 0);
    lines[0] = lines[1] = junk;
    lens[0] = lens[1] = strlen(junk);
    CHECK(fl_format_detect(lines, lens, 4, NULL, NULL, 0) == NULL);
    CHECK(fl_format_find("combined") != NULL);
    CHECK(fl_format_find("nope") == NULL);
}

int main(void)
{
    test_apache_example();
    test_combined();
    test_escaped_quotes();
    test_odd_requests();
    test_bad_lines();
    test_time_cache();
    test_detect();
    return fl_test_result("test_clf");
}
