/* vhost.c: Apache "vhost_combined" (Debian's other_vhosts_access.log):
 *   LogFormat "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\""
 * i.e. "www.example.com:443 " in front of a Combined line. The rest of the line is
 * parsed by the CLF parser (clf.c); the Common tail (no referer/agent) is accepted too. */
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"

/* Strip the leading "%v:%p " and hand the rest to fl_clf_parse. The vhost must be
 * "name:port" (fl_clf_is_vhost_port) and the client (%h) a real address, not "-":
 * a Combined line whose client is IPv6 ("2001:db8::1 - - [...]") is therefore not
 * taken for a vhost one. */
static fl_parse_result fl_vhost_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    const char *sp = memchr(line, ' ', len);
    if (!sp || !fl_clf_is_vhost_port(line, (size_t)(sp - line)))
        return FL_PARSE_UNPARSEABLE;
    size_t skip = (size_t)(sp - line) + 1;
    if (skip + 2 > len || line[skip] == ' ' || (line[skip] == '-' && line[skip + 1] == ' '))
        return FL_PARSE_UNPARSEABLE;
    return fl_clf_parse(st, line + skip, len - skip, rec);
}

static int fl_vhost_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_vhost_parse, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample vhost_combined_samples[] = {
    {.line = "vhost.com:80 10.131.40.139 - - [02/Mar/2016:08:14:04 -0600] \"GET /shop/bag-p-20 "
             "HTTP/1.1\" 200 6715 \"-\" \"Apache (internal dummy connection)\"",
     .time = "2016-03-02T08:14:04-06:00", .status = 200},
    {.line = "vhost.com:443 2001:db8::1 - - [02/Mar/2016:08:14:05 -0600] \"GET / HTTP/1.1\" "
             "502 0 \"-\" \"curl/8\"",
     .time = "2016-03-02T08:14:05-06:00", .status = 502},
    {.line = NULL},
};

const fl_format fl_format_vhost_combined = {
    .name = "vhost_combined",
    .kind = FL_KIND_ACCESS,
    .description = "Apache vhost_combined: \"%v:%p \" + Combined (other_vhosts_access.log)",
    .sniff = fl_vhost_sniff,
    .parse = fl_vhost_parse,
    .detail = fl_clf_detail,
    .samples = vhost_combined_samples,
};
