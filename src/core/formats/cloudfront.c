/* cloudfront.c: Amazon CloudFront standard logs (legacy "access logs"; Amazon
 * CloudFront developer guide, "Standard logging reference"). Tab-separated W3C
 * extended rows under "#Version: 1.0" and "#Fields: date time x-edge-location sc-bytes
 * c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent)
 * cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header
 * cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher
 * x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields
 * c-port time-to-first-byte x-edge-detailed-result-type sc-content-type
 * sc-content-len sc-range-start sc-range-end". date and time are UTC; time-taken is
 * in seconds (to the millisecond); sc-status 000 means the viewer closed the
 * connection first (status 0). The #Fields line decides the columns (w3c_fields.c);
 * without one the documented order above is used. */
#include <string.h>

#include "formats/format.h"
#include "formats/w3c_fields.h"

static const char default_fields[] =
    "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
    "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
    "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
    "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "
    "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
    "sc-range-start sc-range-end";

/* Directives update the map in st->priv; data rows use it (the documented default
 * order until a #Fields line is seen). */
static fl_parse_result fl_cloudfront_parse(fl_parse_state *st, const char *line, size_t len,
                                    fl_record *rec)
{
    fl_w3c_map *m = fl_w3c_fields_map(st);
    if (len && line[0] == '#')
        return fl_w3c_fields_directive(m, line, len);
    if (!m->ready) {
        fl_w3c_fields_set(m, default_fields, sizeof default_fields - 1);
        m->from_header = 0;
        m->cloudfront = 1;
    }
    return fl_w3c_fields_row(st, m, '\t', 1000.0, line, len, rec);
}

static int fl_cloudfront_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_w3c_fields_sniff(fl_cloudfront_parse, 1, 1, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample cloudfront_samples[] = {
    {.line = "#Version: 1.0", .result = FL_PARSE_HEADER},
    {.line = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem "
             "sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type "
             "x-edge-request-id x-host-header cs-protocol cs-bytes time-taken",
     .result = FL_PARSE_HEADER},
    {.line = "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net"
             "\t/index.html\t200\t-\tcurl/8\t-\t-\tHit\tSOkXNIf2vNbNoj3hxxnB2jyJr5cw==\td111111"
             "abcdef8.cloudfront.net\thttps\t23\t0.001",
     .time = "2019-12-04T21:02:31Z", .status = 200},
    {.line = "2019-12-04\t21:02:32\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net"
             "\t/x\t502\t-\tcurl/8\t-\t-\tError\tSOkXNIf2vNbNoj3hxxnB2jyJr5cw==\td111111abcdef8"
             ".cloudfront.net\thttps\t23\t30.001",
     .time = "2019-12-04T21:02:32Z", .status = 502},
    {.line = NULL},
};

const fl_format fl_format_cloudfront = {
    .name = "cloudfront",
    .kind = FL_KIND_ACCESS,
    .description = "Amazon CloudFront standard log: tab-separated W3C fields (#Fields header or default order)",
    .sniff = fl_cloudfront_sniff,
    .parse = fl_cloudfront_parse,
    .samples = cloudfront_samples,
};
