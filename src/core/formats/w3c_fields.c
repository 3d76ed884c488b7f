/* w3c_fields.c: W3C Extended Log File Format directives and rows (W3C Working Draft
 * WD-logfile-960323), shared by w3c.c (IIS) and cloudfront.c; see w3c_fields.h. */
#include "formats/w3c_fields.h"

#include <string.h>

#include "formats/access_util.h"

fl_w3c_map *fl_w3c_fields_map(fl_parse_state *st)
{
    return (fl_w3c_map *)(void *)st->priv;
}

static int name_is(const char *s, size_t n, const char *name)
{
    return strlen(name) == n && memcmp(s, name, n) == 0;
}

static unsigned char role_of(const char *s, size_t n)
{
    static const struct {
        const char *name;
        unsigned char role;
    } roles[] = {
        {"date", FL_W3C_DATE},        {"time", FL_W3C_TIME},     {"c-ip", FL_W3C_CIP},
        {"cs-method", FL_W3C_METHOD}, {"cs-uri-stem", FL_W3C_STEM}, {"cs-uri", FL_W3C_URI},
        {"sc-status", FL_W3C_STATUS}, {"sc-bytes", FL_W3C_BYTES}, {"time-taken", FL_W3C_TAKEN},
        {"cs(User-Agent)", FL_W3C_UA},
    };
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (name_is(s, n, roles[i].name))
            return roles[i].role;
    return FL_W3C_OTHER;
}

int fl_w3c_fields_set(fl_w3c_map *m, const char *names, size_t len)
{
    size_t pos = 0, n = 0, tl;
    const char *t;
    m->ready = 0;
    m->cloudfront = 0;
    while (fl_acc_token(names, len, &pos, ' ', 1, &t, &tl)) {
        if (tl == 0)
            continue;
        if (n >= FL_W3C_MAX_COLS)
            return 0;
        m->role[n++] = role_of(t, tl);
        m->cloudfront |= tl > 7 && memcmp(t, "x-edge-", 7) == 0;
    }
    if (n == 0)
        return 0;
    m->n_cols = (unsigned char)n;
    m->ready = 1;
    return 1;
}

fl_parse_result fl_w3c_fields_directive(fl_w3c_map *m, const char *line, size_t len)
{
    if (len >= 8 && memcmp(line, "#Fields:", 8) == 0) {
        m->from_header = (unsigned char)fl_w3c_fields_set(m, line + 8, len - 8);
    } else if (len >= 6 + 10 && memcmp(line, "#Date:", 6) == 0) {
        size_t i = 6;
        while (i < len && line[i] == ' ')
            i++;
        if (i + 10 <= len && line[i + 4] == '-' && line[i + 7] == '-') {
            memcpy(m->date, line + i, 10);
            m->have_date = 1;
        }
    }
    return FL_PARSE_HEADER;
}

static int is_dash(const char *s, size_t n) { return n == 1 && s[0] == '-'; }

fl_parse_result fl_w3c_fields_row(fl_parse_state *st, const fl_w3c_map *m, char sep,
                                  double taken_to_ms, const char *line, size_t len,
                                  fl_record *rec)
{
    const char *date = NULL, *time = NULL, *stem = NULL, *uri = NULL;
    size_t date_len = 0, time_len = 0, stem_len = 0, uri_len = 0;
    size_t ncols = m->n_cols, col = 0, pos = 0, tl;
    int have_status = 0, uses = 0;
    const char *t;
    if (!m->ready || len == 0 || line[0] == '#')
        return FL_PARSE_UNPARSEABLE;
    fl_acc_record_init(rec);
    for (size_t i = 0; i < ncols; i++)
        if (m->role[i] != FL_W3C_OTHER)
            uses = (int)i + 1;
    while (pos <= len && fl_acc_token(line, len, &pos, sep, 0, &t, &tl)) {
        if (tl == 0 || (col >= ncols && m->from_header))
            return FL_PARSE_UNPARSEABLE;
        int64_t v;
        double d;
        switch (col < ncols ? m->role[col++] : (col++, FL_W3C_OTHER)) {
        case FL_W3C_DATE: date = t, date_len = tl; break;
        case FL_W3C_TIME: time = t, time_len = tl; break;
        case FL_W3C_CIP:
            if (!is_dash(t, tl))
                rec->host = t, rec->host_len = tl;
            break;
        case FL_W3C_METHOD:
            if (!is_dash(t, tl))
                rec->method = t, rec->method_len = tl;
            break;
        case FL_W3C_STEM: stem = t, stem_len = tl; break;
        case FL_W3C_UA: rec->user_agent = t, rec->user_agent_len = tl; break;
        case FL_W3C_URI: uri = t, uri_len = tl; break;
        case FL_W3C_STATUS:
            if (!fl_acc_status(t, tl, 1, &rec->status))
                return FL_PARSE_UNPARSEABLE;
            have_status = 1;
            break;
        case FL_W3C_BYTES:
            if (fl_acc_uint(t, tl, &v))
                rec->bytes = v;
            else if (!is_dash(t, tl))
                return FL_PARSE_UNPARSEABLE;
            break;
        case FL_W3C_TAKEN:
            if (fl_acc_decimal(t, tl, &d) && d >= 0)
                rec->duration_ms = d * taken_to_ms;
            else if (!is_dash(t, tl))
                return FL_PARSE_UNPARSEABLE;
            break;
        default: break;
        }
        if (pos == len && line[len - 1] == sep) /* a trailing separator: one more empty column */
            return FL_PARSE_UNPARSEABLE;
    }
    if (m->from_header ? col != ncols : col < (size_t)uses)
        return FL_PARSE_UNPARSEABLE;
    if (!have_status || !time)
        return FL_PARSE_UNPARSEABLE;
    if (stem && !is_dash(stem, stem_len))
        rec->path = stem, rec->path_len = stem_len;
    else if (uri && !is_dash(uri, uri_len))
        rec->path = uri, rec->path_len = uri_len;
    if (!date && m->have_date)
        date = m->date, date_len = 10;
    /* "YYYY-MM-DD" 'T' "HH:MM:SS[.fff]" into one buffer for the ISO parser. */
    char buf[40];
    if (!date || date_len != 10 || time_len + 11 > sizeof buf)
        return FL_PARSE_NO_TIMESTAMP;
    memcpy(buf, date, 10);
    buf[10] = 'T';
    memcpy(buf + 11, time, time_len);
    size_t n = 11 + time_len;
    if (!fl_ts_iso_whole(&st->ts, buf, n, &rec->time) || rec->time.has_offset)
        return FL_PARSE_NO_TIMESTAMP;
    rec->time.has_offset = 1; /* W3C dates and times are UTC */
    rec->time.offset_s = 0;
    return FL_PARSE_OK;
}

int fl_w3c_fields_sniff(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t,
                                                 fl_record *),
                        int want_cloudfront, int headerless, const char *const *lines,
                        const size_t *lens, size_t n)
{
    static const fl_parse_state fresh; /* zero state: const, so no shared mutation */
    fl_parse_state st;
    fl_record rec;
    size_t ok = 0, counted = 0, first = n;
    for (size_t i = 0; i < n && first == n; i++)
        if (lens[i] >= 8 && memcmp(lines[i], "#Fields:", 8) == 0)
            first = i;
    if (first == n && !headerless)
        return 0;
    memcpy(&st, &fresh, sizeof st);
    for (size_t i = first == n ? 0 : first; i < n; i++) {
        if (lens[i] == 0)
            continue;
        counted++;
        fl_parse_result r = parse(&st, lines[i], lens[i], &rec);
        if (i == first && fl_w3c_fields_map(&st)->cloudfront != (want_cloudfront != 0))
            return 0;
        /* Without a #Fields line, '#' lines are not directives of ours (stack frames,
         * shell comments): only data rows count. */
        ok += r == FL_PARSE_OK || (r == FL_PARSE_HEADER && first < n);
    }
    return counted ? (int)(ok * 100 / counted) : 0;
}
