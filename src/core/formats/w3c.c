/* w3c.c: W3C Extended Log File Format as written by Microsoft IIS (W3C Working
 * Draft WD-logfile-960323; IIS "W3C Extended Log File Format"). Space-separated rows
 * under directives such as "#Software: Microsoft Internet Information Services 10.0",
 * "#Version: 1.0", "#Date: 2026-11-23 00:00:00" and "#Fields: date time s-ip
 * cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent)
 * cs(Referer) sc-status sc-substatus sc-win32-status time-taken" (the IIS default
 * set). The #Fields line decides the columns and may change mid-file (w3c_fields.c);
 * date and time are UTC; time-taken is in milliseconds. Values never contain spaces
 * (IIS writes '+'). Detection needs the #Fields header. */
#include <string.h>

#include "formats/format.h"
#include "formats/w3c_fields.h"

static const char iis_default_fields[] =
    "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
    "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

/* Directives update the map in st->priv; rows before any #Fields line (a forced
 * --format w3c on a headerless file) use the IIS default field set. */
static fl_parse_result fl_w3c_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    fl_w3c_map *m = fl_w3c_fields_map(st);
    if (len && line[0] == '#')
        return fl_w3c_fields_directive(m, line, len);
    if (!m->ready) {
        fl_w3c_fields_set(m, iis_default_fields, sizeof iis_default_fields - 1);
        m->from_header = 0;
    }
    return fl_w3c_fields_row(st, m, ' ', 1.0, line, len, rec);
}

static int fl_w3c_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_w3c_fields_sniff(fl_w3c_parse, 0, 0, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample w3c_samples[] = {
    {.line = "#Software: Microsoft Internet Information Services 10.0",
     .result = FL_PARSE_HEADER},
    {.line = "#Version: 1.0", .result = FL_PARSE_HEADER},
    {.line = "#Date: 2026-11-23 12:00:00", .result = FL_PARSE_HEADER},
    {.line = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username "
             "c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
     .result = FL_PARSE_HEADER},
    {.line = "2026-11-23 12:20:01 10.0.0.5 GET /default.htm - 80 - 203.0.113.7 "
             "Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 187",
     .time = "2026-11-23T12:20:01Z", .status = 200},
    {.line = "2026-11-23 12:20:02 10.0.0.5 GET /api - 80 - 203.0.113.8 curl/8 - 503 0 64 15046",
     .time = "2026-11-23T12:20:02Z", .status = 503},
    {.line = NULL},
};

const fl_format fl_format_w3c = {
    .name = "w3c",
    .kind = FL_KIND_ACCESS,
    .description = "W3C extended / IIS: space-separated columns named by the #Fields header, UTC",
    .sniff = fl_w3c_sniff,
    .parse = fl_w3c_parse,
    .samples = w3c_samples,
};
