/* squid.c: Squid's native access.log format (Squid wiki "Features/LogFormat";
 * squid.conf logformat "squid"):
 *   %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt
 * i.e. "time elapsed remotehost code/status bytes method URL rfc931
 * peerstatus/peerhost type": time is Unix seconds with milliseconds (UTC), elapsed
 * is in milliseconds and right-aligned (runs of spaces), status 000 means no reply
 * was sent (status 0). The URL is kept whole: for a forward proxy the host is part
 * of what was requested (CONNECT logs "host:443"). Lines may end after the URL. */
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"

/* Seven space-run-separated fields checked for shape (the rest of the line is
 * free); NO_TIMESTAMP when the Unix time has too few digits. */
static fl_parse_result fl_squid_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    const char *t[7];
    size_t tl[7], pos = 0;
    (void)st; /* Unix times need no minute cache */
    for (int k = 0; k < 7; k++)
        if (!fl_acc_token(line, len, &pos, ' ', 1, &t[k], &tl[k]))
            return FL_PARSE_UNPARSEABLE;
    /* t: time elapsed client code/status bytes method url */
    const char *dot = memchr(t[0], '.', tl[0]);
    const char *slash = memchr(t[3], '/', tl[3]);
    int64_t elapsed, bytes, ignored;
    if (!dot || !fl_acc_uint(t[0], (size_t)(dot - t[0]), &ignored) ||
        !fl_acc_uint(dot + 1, tl[0] - (size_t)(dot - t[0]) - 1, &ignored))
        return FL_PARSE_UNPARSEABLE;
    fl_acc_record_init(rec);
    if (!fl_acc_uint(t[1], tl[1], &elapsed) || !slash || slash == t[3] ||
        !fl_acc_status(slash + 1, tl[3] - (size_t)(slash - t[3]) - 1, 1, &rec->status) ||
        !fl_acc_uint(t[4], tl[4], &bytes))
        return FL_PARSE_UNPARSEABLE;
    for (const char *c = t[3]; c < slash; c++) /* TCP_MISS, NONE_NONE, TAG_NONE ... */
        if (!((*c >= 'A' && *c <= 'Z') || *c == '_'))
            return FL_PARSE_UNPARSEABLE;
    rec->host = t[2];
    rec->host_len = tl[2];
    rec->method = t[5];
    rec->method_len = tl[5];
    rec->path = t[6];
    rec->path_len = tl[6];
    rec->bytes = bytes;
    rec->duration_ms = (double)elapsed;
    if (fl_ts_epoch(t[0], tl[0], &rec->time) != tl[0])
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

static int fl_squid_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_squid_parse, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample squid_samples[] = {
    {.line = "979992041.366    502 192.168.1.160 TCP_IMS_HIT/304 216 GET "
             "http://example.com/home2.html - NONE/- text/html",
     .time = "2001-01-20T12:00:41.366Z", .status = 304},
    {.line = "979992042.001  30004 192.168.1.160 TCP_MISS/503 4120 GET http://example.com/x - "
             "HIER_NONE/- text/html",
     .time = "2001-01-20T12:00:42.001Z", .status = 503},
    {.line = NULL},
};

const fl_format fl_format_squid = {
    .name = "squid",
    .kind = FL_KIND_ACCESS,
    .description = "Squid native access.log: epoch.ms elapsed client code/status bytes method URL ...",
    .sniff = fl_squid_sniff,
    .parse = fl_squid_parse,
    .samples = squid_samples,
};
