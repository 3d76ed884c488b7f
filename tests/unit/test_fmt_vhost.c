/* test_fmt_vhost.c: the vhost_combined format (formats/vhost.c).
 * Apache httpd (Debian apache2.conf):
 *   LogFormat "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"" vhost_combined
 * %v is the canonical ServerName, %p the server port; the rest is the Combined Log
 * Format. goaccess(1) shows such a line under "VIRTUAL HOSTS". */
#include <string.h>

#include "fl_test.h"
#include "formats/access_util.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_combined, fl_format_common, fl_format_vhost_combined;

static fl_parse_result parse(const char *line, fl_record *rec)
{
    fl_parse_state st = {0};
    memset(rec, 0, sizeof *rec);
    return fl_format_vhost_combined.parse(&st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static int sniff1(int (*sniff)(const char *const *, const size_t *, size_t), const char *l)
{
    size_t n = strlen(l);
    return sniff(&l, &n, 1);
}

static void test_goaccess_example(void)
{
    fl_record r;
    const char *l = "vhost.com:80 10.131.40.139 - - [02/Mar/2016:08:14:04 -0600] \"GET /shop/bag-p-20 "
                    "HTTP/1.1\" 200 6715 \"-\" \"Apache (internal dummy connection)\"";
    CHECK_INT(parse(l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1456928044000LL); /* 2016-03-02T14:14:04Z */
    CHECK_INT(r.time.offset_s, -6 * 3600);
    CHECK(r.time.has_offset);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 6715);
    CHECK_INT(r.duration_ms, -1);
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);
    CHECK(field_is(r.host, r.host_len, "10.131.40.139"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/shop/bag-p-20"));
    /* Combined must not take it (the host would be "vhost.com:80"). */
    CHECK_INT(sniff1(fl_format_vhost_combined.sniff, l), 100);
    CHECK_INT(sniff1(fl_format_combined.sniff, l), 0);
    CHECK_INT(sniff1(fl_format_common.sniff, l), 0);
}

static void test_variants(void)
{
    fl_record r;
    CHECK_INT(parse("www.example.com:443 2001:db8::9 - alice [23/Nov/2026:12:20:01 +0000] \"POST "
                    "/api/v1/orders HTTP/2.0\" 503 212 \"https://www.example.com/\" \"curl/8.5.0\"",
                    &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 503);
    CHECK(field_is(r.host, r.host_len, "2001:db8::9"));
    CHECK(field_is(r.path, r.path_len, "/api/v1/orders"));
    /* The common tail (no referer/agent) is accepted. */
    CHECK_INT(parse("10.0.0.5:8080 203.0.113.9 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 -", &r),
              FL_PARSE_OK);
    CHECK_INT(r.bytes, -1);
}

static void test_bad_lines(void)
{
    fl_record r;
    /* Plain Combined lines, IPv4 and IPv6 clients: no "%v:%p" in front. */
    const char *comb4 = "203.0.113.9 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
    const char *comb6 = "2001:db8::1 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
    CHECK_INT(parse(comb4, &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse(comb6, &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(sniff1(fl_format_vhost_combined.sniff, comb6), 0);
    CHECK_INT(sniff1(fl_format_combined.sniff, comb6), 100);
    CHECK_INT(parse("", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("www.example.com:443", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("www.example.com:443 - - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("www.example.com:http 1.2.3.4 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("www.example.com:443 1.2.3.4 - - [23/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 2000 5", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(parse("www.example.com:443 1.2.3.4 - - [31/Nov/2026:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5", &r),
              FL_PARSE_NO_TIMESTAMP);
}

static void test_vhost_port_shape(void)
{
    CHECK(fl_clf_is_vhost_port("a:1", 3));
    CHECK(fl_clf_is_vhost_port("10.0.0.1:65535", 14));
    CHECK(!fl_clf_is_vhost_port("a:123456", 8));
    CHECK(!fl_clf_is_vhost_port(":80", 3));
    CHECK(!fl_clf_is_vhost_port("a:", 2));
    CHECK(!fl_clf_is_vhost_port("::1", 3));
    CHECK(!fl_clf_is_vhost_port("fe80::1:80", 10));
    CHECK(!fl_clf_is_vhost_port("unix:", 5));
    CHECK(!fl_clf_is_vhost_port("1.2.3.4", 7));
}

int main(void)
{
    test_goaccess_example();
    test_variants();
    test_bad_lines();
    test_vhost_port_shape();
    return fl_test_result("test_fmt_vhost");
}
