/* test_fmt_w3c.c: W3C extended logs: IIS (formats/w3c.c) and Amazon CloudFront
 * (formats/cloudfront.c), sharing formats/w3c_fields.c.
 * W3C Extended Log File Format (W3C WD-logfile-960323): directives "#Version:",
 * "#Fields:", "#Software:", "#Date:" then one entry per line, fields in #Fields order,
 * "-" for a missing value; a new #Fields line may change the columns.
 * IIS: space-separated, UTC date and time, time-taken in milliseconds; default
 * fields "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip
 * cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken".
 * CloudFront standard log ("Standard logging reference"): tab-separated, "#Version:
 * 1.0" and "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host)
 * cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie)
 * x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken
 * x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type
 * cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte
 * x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start
 * sc-range-end"; time-taken is seconds to the thousandth; sc-status 000: the viewer
 * closed the connection before the server responded. */
#include <stdio.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_cloudfront, fl_format_w3c;

typedef fl_parse_result (*parse_fn)(fl_parse_state *, const char *, size_t, fl_record *);

static fl_parse_result feed(parse_fn fn, fl_parse_state *st, const char *line, fl_record *rec)
{
    memset(rec, 0, sizeof *rec);
    return fn(st, line, strlen(line), rec);
}

static int field_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static int near(double a, double b) { return a > b - 1e-6 && a < b + 1e-6; }

#define CF_FIELDS                                                                                  \
    "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "     \
    "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "       \
    "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "          \
    "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "         \
    "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start "   \
    "sc-range-end"

/* The CloudFront documentation's example entry. */
#define CF_ROW                                                                                     \
    "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t" \
    "200\t-\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20" \
    "Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tHit\tSOkXNIf2vNbNoj3hxxnB2jyJr5cw_iTMKqmU5pBMsHqbkqkhmjeJGw==\t" \
    "d111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\t"     \
    "HTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-"

static void test_cloudfront(void)
{
    fl_parse_state st = {0};
    fl_record r;
    CHECK_INT(feed(fl_format_cloudfront.parse, &st, "#Version: 1.0", &r), FL_PARSE_HEADER);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st, CF_FIELDS, &r), FL_PARSE_HEADER);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st, CF_ROW, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1575493351000LL); /* 2019-12-04T21:02:31Z */
    CHECK(r.time.has_offset);
    CHECK_INT(r.time.offset_s, 0);
    CHECK_INT(r.kind, FL_KIND_ACCESS);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.bytes, 392);
    CHECK(near(r.duration_ms, 1.0));
    CHECK(field_is(r.host, r.host_len, "192.0.2.100"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/index.html"));
    CHECK_INT(r.level, FL_LEVEL_NONE);
    CHECK_INT(r.message_len, 0);

    /* Without a header: the documented default order. */
    fl_parse_state fresh = {0};
    CHECK_INT(feed(fl_format_cloudfront.parse, &fresh, CF_ROW, &r), FL_PARSE_OK);
    CHECK_INT(r.status, 200);

    /* A shorter #Fields list (older distributions) and a 502 / a 000. */
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
                   "time-taken",
                   &r),
              FL_PARSE_HEADER);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-23\t12:20:01.5\tFRA56-P1\t915\t203.0.113.9\tPOST\td1.cloudfront.net\t/api/v1/orders\t"
                   "502\t30.004",
                   &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401500LL);
    CHECK_INT(r.status, 502);
    CHECK(near(r.duration_ms, 30004));
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-23\t12:20:02\tFRA56-P1\t0\t203.0.113.9\tGET\td1.cloudfront.net\t/\t000\t0.000", &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 0);
    /* Column count must match the header; spaces do not separate columns. */
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-23\t12:20:02\tFRA56-P1\t0\t203.0.113.9\tGET\td1.cloudfront.net\t/\t200", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-23 12:20:02 FRA56-P1 0 203.0.113.9 GET d1.cloudfront.net / 200 0.000", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-23\t12:20:02\tFRA56-P1\t0\t203.0.113.9\tGET\td1.cloudfront.net\t/\t200\t0.000\t", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-23\t12:20:02\tFRA56-P1\t0\t203.0.113.9\tGET\td1.cloudfront.net\t/\tOK\t0.000", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-31\t12:20:02\tFRA56-P1\t0\t203.0.113.9\tGET\td1.cloudfront.net\t/\t200\t0.000", &r),
              FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(feed(fl_format_cloudfront.parse, &st,
                   "2026-11-23\t25:20:02\tFRA56-P1\t0\t203.0.113.9\tGET\td1.cloudfront.net\t/\t200\t0.000", &r),
              FL_PARSE_NO_TIMESTAMP);
}

static void test_iis(void)
{
    fl_parse_state st = {0};
    fl_record r;
    const char *head[] = {"#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
                          "#Date: 2026-11-23 12:00:00",
                          "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
                          "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"};
    for (size_t i = 0; i < 4; i++)
        CHECK_INT(feed(fl_format_w3c.parse, &st, head[i], &r), FL_PARSE_HEADER);
    CHECK_INT(feed(fl_format_w3c.parse, &st,
                   "2026-11-23 12:20:01 10.0.0.5 GET /Orders/List.aspx id=7 443 - 203.0.113.7 "
                   "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) https://shop.example.com/ 503 0 64 15046",
                   &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436401000LL);
    CHECK(r.time.has_offset);
    CHECK_INT(r.status, 503);
    CHECK_INT(r.bytes, -1); /* sc-bytes is not in the default set */
    CHECK(near(r.duration_ms, 15046));
    CHECK(field_is(r.host, r.host_len, "203.0.113.7"));
    CHECK(field_is(r.method, r.method_len, "GET"));
    CHECK(field_is(r.path, r.path_len, "/Orders/List.aspx"));

    /* The columns change mid-file; rows without a date take #Date's. */
    CHECK_INT(feed(fl_format_w3c.parse, &st, "#Fields: time c-ip cs-method cs-uri-stem sc-status sc-bytes time-taken", &r),
              FL_PARSE_HEADER);
    CHECK_INT(feed(fl_format_w3c.parse, &st, "12:21:00.250 198.51.100.2 POST /api/login 200 1536 31", &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 1795436460250LL);
    CHECK_INT(r.bytes, 1536);
    CHECK(near(r.duration_ms, 31));
    /* A row in the old layout no longer fits. */
    CHECK_INT(feed(fl_format_w3c.parse, &st,
                   "2026-11-23 12:20:01 10.0.0.5 GET / - 443 - 203.0.113.7 - - 200 0 0 15", &r),
              FL_PARSE_UNPARSEABLE);
    /* Tab-separated (CloudFront) rows are not IIS rows. */
    CHECK_INT(feed(fl_format_w3c.parse, &st, "12:21:00\t198.51.100.2\tPOST\t/api/login\t200\t1536\t31", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(feed(fl_format_w3c.parse, &st, "12:21:00 198.51.100.2 POST /api/login 200 many 31", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(feed(fl_format_w3c.parse, &st, "12:21:61 198.51.100.2 POST /api/login 200 1 31", &r),
              FL_PARSE_NO_TIMESTAMP);
    /* No status column: not an access log we can count. */
    CHECK_INT(feed(fl_format_w3c.parse, &st, "#Fields: date time c-ip cs-uri-stem", &r), FL_PARSE_HEADER);
    CHECK_INT(feed(fl_format_w3c.parse, &st, "2026-11-23 12:20:01 1.2.3.4 /", &r), FL_PARSE_UNPARSEABLE);

    /* A forced --format w3c on a headerless file uses the IIS default fields. */
    fl_parse_state fresh = {0};
    CHECK_INT(feed(fl_format_w3c.parse, &fresh,
                   "2026-11-23 12:20:01 10.0.0.5 GET / - 80 - 203.0.113.7 curl/8 - 200 0 0 15", &r),
              FL_PARSE_OK);
    CHECK_INT(r.status, 200);
}

static void test_sniff(void)
{
    const char *iis[] = {"#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
                         "#Fields: date time c-ip cs-method cs-uri-stem sc-status time-taken",
                         "2026-11-23 12:20:01 203.0.113.7 GET / 200 15",
                         "2026-11-23 12:20:02 203.0.113.7 GET /x 503 40"};
    size_t iis_len[5];
    for (size_t i = 0; i < 5; i++)
        iis_len[i] = strlen(iis[i]);
    CHECK_INT(fl_format_w3c.sniff(iis, iis_len, 5), 100);
    CHECK_INT(fl_format_cloudfront.sniff(iis, iis_len, 5), 0);
    /* Without the header W3C is not detected. */
    CHECK_INT(fl_format_w3c.sniff(iis + 3, iis_len + 3, 2), 0);

    const char *cf[] = {"#Version: 1.0", CF_FIELDS, CF_ROW, CF_ROW};
    size_t cf_len[4];
    for (size_t i = 0; i < 4; i++)
        cf_len[i] = strlen(cf[i]);
    CHECK_INT(fl_format_cloudfront.sniff(cf, cf_len, 4), 100);
    CHECK_INT(fl_format_w3c.sniff(cf, cf_len, 4), 0);
    /* CloudFront rows alone still fit the default order. */
    CHECK_INT(fl_format_cloudfront.sniff(cf + 2, cf_len + 2, 2), 100);
    const fl_format *f = fl_format_detect(cf, cf_len, 4, NULL, NULL, 0);
    CHECK(f && strcmp(f->name, "cloudfront") == 0);
    f = fl_format_detect(iis, iis_len, 5, NULL, NULL, 0);
    CHECK(f && strcmp(f->name, "w3c") == 0);
}

int main(void)
{
    test_cloudfront();
    test_iis();
    test_sniff();
    return fl_test_result("test_fmt_w3c");
}
