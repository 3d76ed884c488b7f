/* logformat.c: --log-format custom access formats, following GoAccess's log-format,
 * date-format and time-format specifiers (goaccess(1), "CUSTOM LOG/DATE FORMAT");
 * see logformat.h for the accepted subset. Compiling allocates; matching a line
 * does not. */
#include "formats/logformat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "formats/access_util.h"
#include "formats/format.h"
#include "fl_chars.h"

/* One log-format item: a literal run or a field specifier. */
typedef struct lf_item {
    char spec;      /* specifier letter, 0 for a literal */
    char delim;     /* field: first character of the literal that follows, 0 if none */
    char last;      /* field: nothing follows it in the spec */
    size_t lit_off; /* literal: its bytes in fl_logformat.lits */
    size_t lit_len;
} lf_item;

/* One date/time format op: a specifier letter, or (op 0) a literal character. */
typedef struct dt_op {
    char op;
    char lit;
} dt_op;

struct fl_logformat {
    lf_item *items;
    size_t n_items;
    char *lits;
    dt_op *date, *time;
    size_t n_date, n_time;
    int date_has_time; /* the date format gives the time of day or a Unix time */
    char dur_spec;     /* first of D T L n in the spec, 0 if none */
};

/* Date and time values read from a line. */
typedef struct dt_val {
    int y, mo, d, h, mi, s, ms;
    int have_date, have_epoch, have_off;
    int64_t epoch_ms;
    int32_t off;
} dt_val;

/* Compile a date or time format (what names it in errors) into ops, %T and %F
 * expanded; *has_time is set when it reads an hour or a Unix time. */
static fl_status compile_dt(const char *fmt, const char *what, dt_op **out, size_t *n_out,
                            int *has_time, char *err, size_t errlen)
{
    size_t len = strlen(fmt), n = 0;
    dt_op *ops = malloc((len * 5 + 1) * sizeof *ops);
    if (!ops)
        return FL_ERR_NOMEM;
    for (size_t i = 0; i < len; i++) {
        if (fmt[i] != '%') {
            ops[n++] = (dt_op){0, fmt[i]};
            continue;
        }
        char c = i + 1 < len ? fmt[i + 1] : 0;
        switch (c) {
        case 'Y': case 'y': case 'm': case 'd': case 'e': case 'b': case 'h': case 'z':
            ops[n++] = (dt_op){c == 'h' ? 'b' : c, 0};
            break;
        case 'H': case 'M': case 'S': case 's': case '*': case 'f':
            ops[n++] = (dt_op){c, 0};
            *has_time |= c != 'M' && c != 'S';
            break;
        case 'T':
            ops[n++] = (dt_op){'H', 0}, ops[n++] = (dt_op){0, ':'};
            ops[n++] = (dt_op){'M', 0}, ops[n++] = (dt_op){0, ':'};
            ops[n++] = (dt_op){'S', 0};
            *has_time = 1;
            break;
        case 'F':
            ops[n++] = (dt_op){'Y', 0}, ops[n++] = (dt_op){0, '-'};
            ops[n++] = (dt_op){'m', 0}, ops[n++] = (dt_op){0, '-'};
            ops[n++] = (dt_op){'d', 0};
            break;
        case '%': ops[n++] = (dt_op){0, '%'}; break;
        default:
            free(ops);
            if (err && errlen) {
                if (c)
                    snprintf(err, errlen, "unknown specifier %%%c at column %zu of the %s", c,
                             i + 1, what);
                else
                    snprintf(err, errlen, "lone '%%' at column %zu of the %s", i + 1, what);
            }
            return FL_ERR_USAGE;
        }
        i++;
    }
    *out = ops;
    *n_out = n;
    return FL_OK;
}

static const char field_specs[] = "xtdveChrmUqHsbRuDTLnkKM^~";

fl_status fl_logformat_compile(const char *spec, const char *date_fmt, const char *time_fmt,
                               fl_logformat **out, char *err, size_t errlen)
{
    *out = NULL;
    if (err && errlen)
        err[0] = 0;
    if (!spec || !*spec) {
        if (err && errlen)
            snprintf(err, errlen, "empty log format");
        return FL_ERR_USAGE;
    }
    size_t len = strlen(spec), nlit = 0, n = 0;
    fl_logformat *lf = calloc(1, sizeof *lf);
    if (!lf)
        return FL_ERR_NOMEM;
    lf->items = malloc((len + 1) * sizeof *lf->items);
    lf->lits = malloc(len + 1);
    if (!lf->items || !lf->lits) {
        fl_logformat_free(lf);
        return FL_ERR_NOMEM;
    }
    int have_status = 0, have_date = 0;
    for (size_t i = 0; i < len; i++) {
        char c = spec[i], lit = c;
        if (c == '%') {
            char s = i + 1 < len ? spec[i + 1] : 0;
            if (s && s != '%' && strchr(field_specs, s)) {
                lf->items[n++] = (lf_item){s, 0, 0, 0, 0};
                have_status |= s == 's';
                have_date |= s == 'd' || s == 'x';
                if (!lf->dur_spec && strchr("DTLn", s))
                    lf->dur_spec = s;
                i++;
                continue;
            }
            if (s != '%') {
                if (err && errlen) {
                    if (s)
                        snprintf(err, errlen, "unknown specifier %%%c at column %zu", s, i + 1);
                    else
                        snprintf(err, errlen, "lone '%%' at column %zu", i + 1);
                }
                fl_logformat_free(lf);
                return FL_ERR_USAGE;
            }
            i++; /* "%%" */
        } else if (c == '\\' && i + 1 < len) {
            lit = spec[++i] == 't' ? '\t' : spec[i];
        }
        if (n == 0 || lf->items[n - 1].spec != 0)
            lf->items[n++] = (lf_item){0, 0, 0, nlit, 0};
        lf->lits[nlit++] = lit;
        lf->items[n - 1].lit_len++;
    }
    lf->n_items = n;
    for (size_t k = 0; k < n; k++) {
        if (!lf->items[k].spec)
            continue;
        lf->items[k].last = k + 1 == n;
        if (k + 1 < n && !lf->items[k + 1].spec)
            lf->items[k].delim = lf->lits[lf->items[k + 1].lit_off];
    }
    if (!have_status || !have_date) {
        if (err && errlen)
            snprintf(err, errlen, "log format has no %s",
                     !have_status ? "status (%s)" : "date (%d or %x)");
        fl_logformat_free(lf);
        return FL_ERR_USAGE;
    }
    int time_has_time = 0;
    fl_status st = compile_dt(date_fmt ? date_fmt : "%d/%b/%Y", "date format", &lf->date,
                              &lf->n_date, &lf->date_has_time, err, errlen);
    if (st == FL_OK)
        st = compile_dt(time_fmt ? time_fmt : "%H:%M:%S", "time format", &lf->time,
                        &lf->n_time, &time_has_time, err, errlen);
    if (st != FL_OK) {
        fl_logformat_free(lf);
        return st;
    }
    *out = lf;
    return FL_OK;
}

void fl_logformat_free(fl_logformat *lf)
{
    if (!lf)
        return;
    free(lf->items);
    free(lf->lits);
    free(lf->date);
    free(lf->time);
    free(lf);
}

/* 1..max digits at s[*p]; returns 1 and advances *p. */
static int digits(const char *s, size_t len, size_t *p, int min, int max, int *v)
{
    int x = 0, k = 0;
    while (k < max && *p < len && fl_is_digit(s[*p]))
        x = x * 10 + (s[(*p)++] - '0'), k++;
    *v = x;
    return k >= min;
}

/* Unix time digits scaled to ms (unit: 1000 for s, 1 for ms, 0 for us). */
static int epoch(const char *s, size_t len, size_t *p, int64_t unit, int64_t *ms)
{
    uint64_t x = 0; /* 19 digits fit in uint64_t, not always in int64_t (found by fuzzing) */
    size_t start = *p;
    while (*p < len && fl_is_digit(s[*p]) && *p - start < 19)
        x = x * 10 + (uint64_t)(s[(*p)++] - '0');
    if (*p - start < 9 || x > (uint64_t)INT64_MAX / (uint64_t)(unit ? unit : 1))
        return 0;
    *ms = unit ? (int64_t)x * unit : (int64_t)(x / 1000);
    return 1;
}

/* Fraction digits at s[*p] (after the '.' or ',') as ms. */
static void fraction(const char *s, size_t len, size_t *p, int *ms)
{
    int scale = 100;
    *ms = 0;
    for (; *p < len && fl_is_digit(s[*p]); (*p)++, scale /= 10)
        *ms += (s[*p] - '0') * scale;
}

/* Match ops against s from *p; next is the character expected after the last op
 * (0 if unknown), which decides whether seconds take a fraction. */
static int match_dt(const dt_op *ops, size_t n, const char *s, size_t len, size_t *p, char next,
                    dt_val *v)
{
    for (size_t k = 0; k < n; k++) {
        const dt_op *o = &ops[k];
        char after = k + 1 < n ? (ops[k + 1].op ? 0 : ops[k + 1].lit) : next;
        int x;
        switch (o->op) {
        case 0:
            if (*p >= len || s[*p] != o->lit)
                return 0;
            (*p)++;
            break;
        case 'Y':
            if (!digits(s, len, p, 4, 4, &v->y))
                return 0;
            v->have_date = 1;
            break;
        case 'y':
            if (!digits(s, len, p, 2, 2, &x))
                return 0;
            v->y = x < 69 ? 2000 + x : 1900 + x;
            v->have_date = 1;
            break;
        case 'm': if (!digits(s, len, p, 1, 2, &v->mo)) return 0; break;
        case 'd': if (!digits(s, len, p, 1, 2, &v->d)) return 0; break;
        case 'e':
            if (*p < len && s[*p] == ' ')
                (*p)++;
            if (!digits(s, len, p, 1, 2, &v->d))
                return 0;
            break;
        case 'b':
            if (*p + 3 > len || !(v->mo = (int)fl_month_from_abbr(s + *p)))
                return 0;
            *p += 3;
            break;
        case 'H': if (!digits(s, len, p, 1, 2, &v->h)) return 0; break;
        case 'M': if (!digits(s, len, p, 1, 2, &v->mi)) return 0; break;
        case 'S':
            if (!digits(s, len, p, 1, 2, &v->s))
                return 0;
            if (after != '.' && after != ',' && *p + 1 < len && (s[*p] == '.' || s[*p] == ',') &&
                fl_is_digit(s[*p + 1])) {
                (*p)++;
                fraction(s, len, p, &v->ms);
            }
            break;
        case 's': case '*':
            if (!epoch(s, len, p, o->op == 's' ? 1000 : 1, &v->epoch_ms))
                return 0;
            v->have_epoch = 1;
            if (o->op == 's' && after != '.' && *p + 1 < len && s[*p] == '.' &&
                fl_is_digit(s[*p + 1])) {
                (*p)++;
                fraction(s, len, p, &x);
                v->epoch_ms += x;
            }
            break;
        case 'f':
            if (k > 0 && ops[k - 1].op == 0 && (ops[k - 1].lit == '.' || ops[k - 1].lit == ',')) {
                if (*p >= len || !fl_is_digit(s[*p]))
                    return 0;
                fraction(s, len, p, &v->ms);
            } else {
                if (!epoch(s, len, p, 0, &v->epoch_ms))
                    return 0;
                v->have_epoch = 1;
            }
            break;
        case 'z': {
            size_t used = *p < len ? fl_ts_offset(s + *p, len - *p, &v->off) : 0;
            if (!used)
                return 0;
            *p += used;
            v->have_off = 1;
            break;
        }
        default: return 0;
        }
    }
    return 1;
}

/* End of the field starting at p: its delimiter (skipping backslash escapes when it
 * is '"'), or the next space (or line end) when no literal follows; a last %r, %u or
 * %R runs to the line end. Returns 0 when the delimiter is missing. */
static int field_end(const lf_item *it, const char *s, size_t len, size_t p, size_t *end)
{
    char d = it->delim ? it->delim : ' ';
    if (it->last && (it->spec == 'r' || it->spec == 'u' || it->spec == 'R')) {
        *end = len; /* may hold spaces */
        return 1;
    }
    for (; p < len; p++) {
        if (s[p] == '\\' && d == '"' && p + 1 < len)
            p++;
        else if (s[p] == d)
            break;
    }
    if (p >= len && it->delim)
        return 0;
    *end = p;
    return 1;
}

/* Duration of a %D/%T/%L/%n field in ms, -1 for "-"; returns 0 when malformed. */
static int duration(char spec, const char *t, size_t n, double *ms)
{
    double v;
    if (n == 1 && t[0] == '-') {
        *ms = -1;
        return 1;
    }
    if (!fl_acc_decimal(t, n, &v) || v < 0)
        return 0;
    *ms = spec == 'D' ? v / 1000.0 : spec == 'T' ? v * 1000.0 : spec == 'n' ? v / 1e6 : v;
    return 1;
}

/* Turn the date/time values into rec->time (a date without a year takes year);
 * returns 0 when they are not a time. */
static int make_time(const dt_val *v, int year, fl_time *t)
{
    int64_t ms;
    int y = v->have_date ? v->y : year;
    t->has_offset = v->have_off || v->have_epoch;
    t->offset_s = v->have_off ? v->off : 0;
    if (v->have_epoch) {
        t->ms = v->epoch_ms;
        return 1;
    }
    if (!y || !fl_ts_civil_ms(y, (unsigned)v->mo, (unsigned)v->d, (unsigned)v->h, (unsigned)v->mi,
                        (unsigned)v->s, &ms))
        return 0;
    t->ms = ms + v->ms - (int64_t)t->offset_s * 1000;
    return 1;
}

/* Match one line against lf: literals must match exactly, fields end as described
 * in logformat.h; the line may go on after the last item. */
static fl_parse_result match(const fl_logformat *lf, int year, const char *s, size_t len,
                             fl_record *rec)
{
    dt_val dv;
    size_t p = 0;
    int have_status = 0, have_method = 0, have_path = 0, time_ok = 1, have_time = 0;
    memset(&dv, 0, sizeof dv);
    fl_acc_record_init(rec);
    for (size_t k = 0; k < lf->n_items; k++) {
        const lf_item *it = &lf->items[k];
        if (!it->spec) {
            if (p + it->lit_len > len || memcmp(s + p, lf->lits + it->lit_off, it->lit_len) != 0)
                return FL_PARSE_UNPARSEABLE;
            p += it->lit_len;
            continue;
        }
        if (it->spec == '~') {
            while (p < len && (s[p] == ' ' || s[p] == '\t'))
                p++;
            continue;
        }
        if (it->spec == 'd' || it->spec == 't' || it->spec == 'x') {
            /* Parse by the date/time format; a bad time still lets the shape match. */
            size_t q = p, end;
            int ok = 1;
            char next = it->delim;
            int x_both = it->spec == 'x' && !lf->date_has_time; /* %x: date then time */
            if (it->spec == 'd' || it->spec == 'x')
                ok = match_dt(lf->date, lf->n_date, s, len, &q, x_both ? 0 : next, &dv);
            if (ok && x_both && lf->n_time) {
                if (q < len && (s[q] == ' ' || s[q] == 'T' || s[q] == ':') &&
                    !(lf->time[0].op == 0 && lf->time[0].lit == s[q]))
                    q++;
                ok = match_dt(lf->time, lf->n_time, s, len, &q, next, &dv);
            } else if (ok && it->spec == 't') {
                ok = match_dt(lf->time, lf->n_time, s, len, &q, next, &dv);
            }
            have_time = 1;
            if (ok && (it->last || (q < len && (!it->delim || s[q] == it->delim)))) {
                p = q;
                continue;
            }
            time_ok = 0; /* skip the field as text */
            if (!field_end(it, s, len, p, &end))
                return FL_PARSE_UNPARSEABLE;
            p = end;
            continue;
        }
        size_t end;
        if (!field_end(it, s, len, p, &end))
            return FL_PARSE_UNPARSEABLE;
        const char *t = s + p;
        size_t n = end - p;
        int64_t v;
        double ms;
        switch (it->spec) {
        case 'h':
            if (n == 0)
                return FL_PARSE_UNPARSEABLE;
            rec->host = t, rec->host_len = n;
            break;
        case 'r':
            if (!have_method || !have_path) {
                fl_record r2;
                fl_acc_split_request(t, n, &r2);
                if (!have_method)
                    rec->method = r2.method, rec->method_len = r2.method_len;
                if (!have_path)
                    rec->path = r2.path, rec->path_len = r2.path_len;
            }
            break;
        case 'm': rec->method = t, rec->method_len = n, have_method = 1; break;
        case 'U': rec->path = t, rec->path_len = n, have_path = 1; break;
        case 's':
            if (!fl_acc_status(t, n, 1, &rec->status))
                return FL_PARSE_UNPARSEABLE;
            have_status = 1;
            break;
        case 'b':
            if (fl_acc_uint(t, n, &v))
                rec->bytes = v;
            else if (!(n == 1 && t[0] == '-'))
                return FL_PARSE_UNPARSEABLE;
            break;
        case 'D': case 'T': case 'L': case 'n':
            if (!duration(it->spec, t, n, &ms))
                return FL_PARSE_UNPARSEABLE;
            if (it->spec == lf->dur_spec)
                rec->duration_ms = ms;
            break;
        case 'u': rec->user_agent = t, rec->user_agent_len = n; break;
        default: break; /* %v %e %C %q %H %R %k %K %M %^: not kept */
        }
        p = end;
    }
    if (!have_status)
        return FL_PARSE_UNPARSEABLE;
    if (!have_time || !time_ok || !make_time(&dv, year, &rec->time))
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

static fl_parse_result fl_logformat_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    if (!st->custom)
        return FL_PARSE_UNPARSEABLE;
    return match((const fl_logformat *)st->custom, st->year, line, len, rec);
}

static int fl_logformat_sniff(const char *const *lines, const size_t *lens, size_t n)
{
    (void)lines, (void)lens, (void)n;
    return 0; /* chosen only with --format custom / --log-format */
}


const fl_format fl_format_custom = {
    .name = "custom",
    .kind = FL_KIND_ACCESS,
    .description = "--log-format (GoAccess specifiers: %h %d %t %x %r %s %b ...); never detected",
    .sniff = fl_logformat_sniff,
    .parse = fl_logformat_parse,
};
