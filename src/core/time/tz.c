/* tz.c: time zones without process-wide state.
 *
 * A zone is a fixed offset or an IANA zone read from a compiled TZif file
 * (RFC 8536, versions 1 to 4: the 64-bit v2+ data block is used when present).
 * Instants after the last transition (or all instants when the file lists none)
 * follow the footer, a POSIX TZ string (POSIX.1-2017 XBD 8.3, with the RFC 8536
 * section 3.3 extensions: hours up to 167 and negative rule times), e.g.
 * "EST5EDT,M3.2.0,M11.1.0", "<+0330>-3:30", "GMT0BST,M3.5.0/1,M10.5.0/2".
 * Rule dates Mm.w.d, Jn and n are supported. Leap-second records ("right/"
 * zones) are skipped, not applied. No setenv("TZ"), tzset or localtime. */
#include "time/tz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "time/fl_time.h"
#include "fl_chars.h"

#define TZ_MAX_FILE (1u << 22) /* no real TZif file comes close to 4 MiB */
#define TZ_ABBR_MAX 16         /* abbreviation bytes including the NUL */
#define TZ_RULE_LIMIT ((int64_t)1 << 56) /* clamp instants so t + offset cannot overflow */

typedef struct tz_type {
    int32_t off;   /* seconds east of UTC */
    uint8_t isdst;
    uint32_t abbr; /* index into chars */
} tz_type;

typedef struct tz_date {
    char kind; /* 'M' (Mm.w.d), 'J' (Jn, 1..365, no Feb 29), 'D' (n, 0..365) */
    int n, m, w, d;
    int32_t time; /* local seconds after midnight, may be negative or > 24h */
} tz_date;

typedef struct tz_rule {
    int32_t std_off, dst_off; /* seconds east of UTC */
    int has_dst;
    char std_abbr[TZ_ABBR_MAX], dst_abbr[TZ_ABBR_MAX];
    tz_date start, end;
} tz_rule;

struct fl_tz {
    char *name;
    int fixed;
    int32_t fixed_off;
    char fixed_abbr[TZ_ABBR_MAX];
    int64_t *trans;      /* ascending transition instants (UTC seconds) */
    uint8_t *trans_type; /* type index in force from trans[i] on */
    size_t ntrans;
    tz_type *types;
    size_t ntypes;
    char *chars; /* NUL-terminated abbreviation pool */
    int has_rule;
    tz_rule rule;
};

/* ---- offsets and POSIX TZ strings ---------------------------------------- */

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int two_digits(const char *s, int *v)
{
    if (!fl_is_digit(s[0]) || !fl_is_digit(s[1]))
        return 0;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    return 1;
}

int fl_parse_offset(const char *s, size_t len, int32_t *offset_s)
{
    int h, m = 0;
    if (!s)
        return 0;
    if ((len == 1 && (s[0] == 'Z' || s[0] == 'z')) ||
        (len == 3 && (memcmp(s, "UTC", 3) == 0 || memcmp(s, "GMT", 3) == 0))) {
        *offset_s = 0;
        return 1;
    }
    if (len < 3 || (s[0] != '+' && s[0] != '-') || !two_digits(s + 1, &h))
        return 0;
    if (len == 6 && s[3] == ':') {
        if (!two_digits(s + 4, &m))
            return 0;
    } else if (len == 5) {
        if (!two_digits(s + 3, &m))
            return 0;
    } else if (len != 3) {
        return 0;
    }
    if (m >= 60 || h * 60 + m > 14 * 60) /* real offsets span -12:00 .. +14:00 */
        return 0;
    *offset_s = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return 1;
}

/* Decimal number in [min, max] at p; returns the byte after it or NULL. */
static const char *parse_num(const char *p, int min, int max, int *out)
{
    const char *q = p;
    int v = 0;
    while (fl_is_digit(*p)) {
        v = v * 10 + (*p++ - '0');
        if (v > max)
            return NULL;
    }
    if (p == q || v < min)
        return NULL;
    *out = v;
    return p;
}

/* [+-]h[:mm[:ss]] with h <= max_h, as signed seconds (POSIX sign: as written). */
static const char *parse_hms(const char *p, int max_h, int32_t *out)
{
    int sign = 1, h, m = 0, s = 0;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    if (!(p = parse_num(p, 0, max_h, &h)))
        return NULL;
    if (*p == ':' && !(p = parse_num(p + 1, 0, 59, &m)))
        return NULL;
    if (*p == ':' && !(p = parse_num(p + 1, 0, 59, &s)))
        return NULL;
    *out = sign * (h * 3600 + m * 60 + s);
    return p;
}

/* Abbreviation: "<+0330>" (alphanumerics, '+', '-') or a run of letters; >= 3 chars. */
static const char *parse_abbr(const char *p, char *out)
{
    size_t n = 0;
    int quoted = *p == '<';
    p += quoted;
    while (quoted ? (is_alpha(*p) || fl_is_digit(*p) || *p == '+' || *p == '-') : is_alpha(*p)) {
        if (n + 1 >= TZ_ABBR_MAX)
            return NULL;
        out[n++] = *p++;
    }
    if (n < 3 || (quoted && *p++ != '>'))
        return NULL;
    out[n] = '\0';
    return p;
}

/* Rule date "Mm.w.d", "Jn" or "n", optionally "/time" (default 02:00). */
static const char *parse_date(const char *p, tz_date *r)
{
    r->kind = *p == 'M' || *p == 'J' ? *p++ : 'D';
    if (r->kind == 'M') {
        if (!(p = parse_num(p, 1, 12, &r->m)) || *p != '.' ||
            !(p = parse_num(p + 1, 1, 5, &r->w)) || *p != '.' ||
            !(p = parse_num(p + 1, 0, 6, &r->d)))
            return NULL;
    } else if (!(p = parse_num(p, r->kind == 'J', 365, &r->n))) {
        return NULL;
    }
    r->time = 7200;
    if (*p == '/' && !(p = parse_hms(p + 1, 167, &r->time)))
        return NULL;
    return p;
}

/* Parse a whole POSIX TZ string into r; returns 1 on success. A DST name without
 * rules gets the US rules (M3.2.0,M11.1.0), as glibc and tzcode do. */
static int parse_posix(const char *p, tz_rule *r)
{
    int32_t off;
    memset(r, 0, sizeof *r);
    if (!(p = parse_abbr(p, r->std_abbr)) || !(p = parse_hms(p, 24, &off)))
        return 0;
    r->std_off = r->dst_off = -off;
    if (!*p)
        return 1;
    if (!(p = parse_abbr(p, r->dst_abbr)))
        return 0;
    r->has_dst = 1;
    r->dst_off = r->std_off + 3600;
    if (*p && *p != ',') {
        if (!(p = parse_hms(p, 24, &off)))
            return 0;
        r->dst_off = -off;
    }
    if (!*p)
        p = ",M3.2.0,M11.1.0";
    if (*p != ',' || !(p = parse_date(p + 1, &r->start)) || *p != ',' ||
        !(p = parse_date(p + 1, &r->end)))
        return 0;
    return *p == '\0';
}

/* Day (since the epoch) on which rule date r falls in year y. */
static int64_t rule_day(const tz_date *r, int64_t y)
{
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int64_t jan1 = fl_days_from_civil(y, 1, 1);
    if (r->kind == 'J')
        return jan1 + r->n - 1 + (leap && r->n >= 60);
    if (r->kind == 'D')
        return jan1 + r->n;
    int64_t first = fl_days_from_civil(y, (unsigned)r->m, 1);
    int64_t next = r->m == 12 ? fl_days_from_civil(y + 1, 1, 1)
                              : fl_days_from_civil(y, (unsigned)r->m + 1, 1);
    int64_t wday1 = (first % 7 + 11) % 7; /* 1970-01-01 was a Thursday */
    int64_t day = first + (r->d - wday1 + 7) % 7 + 7 * (r->w - 1);
    while (day >= next) /* w == 5 means "last" */
        day -= 7;
    return day;
}

/* Offset and abbreviation the POSIX rule gives at UTC instant t. The start time is
 * in standard local time and the end time in DST local time; start > end within a
 * year means DST spans the new year (southern hemisphere). */
static int32_t rule_offset(const tz_rule *r, int64_t t, const char **abbr)
{
    int dst = 0;
    if (r->has_dst) {
        fl_civil c;
        t = t < -TZ_RULE_LIMIT ? -TZ_RULE_LIMIT : t > TZ_RULE_LIMIT ? TZ_RULE_LIMIT : t;
        fl_civil_from_seconds(t + r->std_off, &c);
        int64_t start = rule_day(&r->start, c.year) * 86400 + r->start.time - r->std_off;
        int64_t end = rule_day(&r->end, c.year) * 86400 + r->end.time - r->dst_off;
        dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    }
    if (abbr)
        *abbr = dst ? r->dst_abbr : r->std_abbr;
    return dst ? r->dst_off : r->std_off;
}

/* ---- TZif (RFC 8536) ------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* Parse the TZif image b[0..n) into tz. Returns NULL on success, else a reason.
 * Every count is checked against n before any array is read. */
static const char *tzif_parse(fl_tz *tz, const unsigned char *b, size_t n, int *nomem)
{
    uint64_t cnt[6], size = 0, off = 0; /* isut, isstd, leap, time, type, char */
    int tsize = 4;
    for (int pass = 0; pass < 2; pass++) {
        if (off + 44 > n || memcmp(b + off, "TZif", 4) != 0)
            return pass ? "bad v2 header" : "not a TZif file";
        if (b[off + 4] != 0 && b[off + 4] < '2')
            return "unsupported TZif version";
        for (int i = 0; i < 6; i++)
            cnt[i] = be32(b + off + 20 + 4 * i);
        size = cnt[3] * (tsize + 1) + cnt[4] * 6 + cnt[5] + cnt[2] * (tsize + 4) + cnt[1] + cnt[0];
        if (off + 44 + size > n)
            return "truncated data";
        if (pass || b[4] == 0)
            break;
        off += 44 + size; /* skip the v1 block; use the 64-bit one */
        tsize = 8;
    }
    if (cnt[4] == 0 || cnt[4] > 256 || cnt[5] == 0 || (cnt[1] && cnt[1] != cnt[4]) ||
        (cnt[0] && cnt[0] != cnt[4]))
        return "inconsistent counts";
    const unsigned char *p = b + off + 44;
    tz->ntrans = (size_t)cnt[3];
    tz->ntypes = (size_t)cnt[4];
    tz->trans = malloc(tz->ntrans * sizeof *tz->trans + 1);
    tz->trans_type = malloc(tz->ntrans + 1);
    tz->types = malloc(tz->ntypes * sizeof *tz->types);
    tz->chars = malloc((size_t)cnt[5] + 1);
    if (!tz->trans || !tz->trans_type || !tz->types || !tz->chars) {
        *nomem = 1;
        return "out of memory";
    }
    for (size_t i = 0; i < tz->ntrans; i++, p += tsize) {
        tz->trans[i] = tsize == 8 ? be64(p) : (int32_t)be32(p);
        if (i && tz->trans[i] <= tz->trans[i - 1])
            return "transitions out of order";
    }
    for (size_t i = 0; i < tz->ntrans; i++)
        if ((tz->trans_type[i] = *p++) >= tz->ntypes)
            return "bad type index";
    for (size_t i = 0; i < tz->ntypes; i++, p += 6) {
        tz->types[i] = (tz_type){(int32_t)be32(p), p[4], p[5]};
        if (tz->types[i].off == INT32_MIN || p[4] > 1 || p[5] >= cnt[5])
            return "bad local time type";
    }
    memcpy(tz->chars, p, (size_t)cnt[5]);
    tz->chars[cnt[5]] = '\0';
    if (tsize == 4)
        return NULL; /* v1 files have no footer */
    p = b + off + 44 + size; /* footer: "\n" TZ-string "\n" */
    const unsigned char *nl =
        p < b + n && *p == '\n' ? memchr(p + 1, '\n', (size_t)(b + n - p - 1)) : NULL;
    if (!nl)
        return "missing footer";
    size_t flen = (size_t)(nl - p - 1);
    if (flen == 0)
        return NULL;
    char footer[256];
    if (flen >= sizeof footer)
        return "footer too long";
    memcpy(footer, p + 1, flen);
    footer[flen] = '\0';
    if (!parse_posix(footer, &tz->rule))
        return "bad POSIX TZ footer";
    tz->has_rule = 1;
    return NULL;
}

/* Read the file at path (at most TZ_MAX_FILE bytes) into *out. Returns 0 or an errno. */
static int read_file(const char *path, unsigned char **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0;
    int e = 0;
    if (!f)
        return errno;
    for (;;) {
        if (len == cap) {
            unsigned char *nb = cap < TZ_MAX_FILE ? realloc(buf, cap * 2 + 8192) : NULL;
            if (!nb) {
                e = cap < TZ_MAX_FILE ? ENOMEM : EFBIG;
                break;
            }
            buf = nb;
            cap = cap * 2 + 8192;
        }
        size_t r = fread(buf + len, 1, cap - len, f);
        len += r;
        if (r == 0) {
            e = ferror(f) ? (errno ? errno : EIO) : 0; /* a directory fails with EISDIR */
            break;
        }
    }
    fclose(f);
    if (e)
        free(buf);
    *out = e ? NULL : buf;
    *n = len;
    return e;
}

/* ---- public API ----------------------------------------------------------- */

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

fl_tz *fl_tz_fixed(int32_t offset_s)
{
    fl_tz *tz = calloc(1, sizeof *tz);
    char buf[16];
    if (!tz)
        return NULL;
    tz->fixed = 1;
    tz->fixed_off = offset_s;
    if (offset_s == 0)
        strcpy(tz->fixed_abbr, "UTC");
    else
        snprintf(tz->fixed_abbr, sizeof tz->fixed_abbr, "UTC%s",
                 fl_offset_str(offset_s, buf, sizeof buf));
    tz->name = dup_str(offset_s == 0 ? "UTC" : buf);
    if (!tz->name) {
        free(tz);
        return NULL;
    }
    return tz;
}

void fl_tz_free(fl_tz *tz)
{
    if (!tz)
        return;
    free(tz->name);
    free(tz->trans);
    free(tz->trans_type);
    free(tz->types);
    free(tz->chars);
    free(tz);
}

fl_status fl_tz_load(const char *spec, fl_tz **out, char *err, size_t errlen)
{
    int32_t off;
    char path[4096];
    *out = NULL;
    if (!spec || !*spec) {
        snprintf(err, errlen, "empty time zone name");
        return FL_ERR_TZ;
    }
    if (fl_parse_offset(spec, strlen(spec), &off) || fl_tz_user_offset(spec, &off)) {
        fl_tz *tz = fl_tz_fixed(off);
        char *name = tz ? dup_str(spec) : NULL;
        if (!name) {
            fl_tz_free(tz);
            snprintf(err, errlen, "out of memory loading time zone '%s'", spec);
            return FL_ERR_NOMEM;
        }
        free(tz->name);
        tz->name = name;
        *out = tz;
        return FL_OK;
    }
    if (spec[0] == '/' || strstr(spec, "..")) {
        snprintf(err, errlen, "invalid time zone name '%s' (absolute paths and '..' are "
                              "not allowed)", spec);
        return FL_ERR_TZ;
    }
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, spec) >= sizeof path) {
        snprintf(err, errlen, "time zone name too long");
        return FL_ERR_TZ;
    }
    unsigned char *buf = NULL;
    size_t n = 0;
    int e = read_file(path, &buf, &n);
    if ((e == ENOENT || e == ENOTDIR) && fl_tz_abbr_hint(spec, path, sizeof path)) {
        snprintf(err, errlen, "unknown time zone '%s': %s", spec, path);
        return FL_ERR_TZ;
    } else if (e == ENOENT || e == ENOTDIR) {
        snprintf(err, errlen, "unknown time zone '%s' (no %s)", spec, path);
        return FL_ERR_TZ;
    } else if (e) {
        snprintf(err, errlen, "cannot read time zone file %s: %s", path, strerror(e));
        return e == ENOMEM ? FL_ERR_NOMEM : FL_ERR_TZ;
    }
    fl_tz *tz = calloc(1, sizeof *tz);
    int nomem = !tz;
    const char *why = tz ? tzif_parse(tz, buf, n, &nomem) : "out of memory";
    free(buf);
    if (!why && !(tz->name = dup_str(spec)))
        why = "out of memory", nomem = 1;
    if (why) {
        fl_tz_free(tz);
        snprintf(err, errlen, "malformed time zone file %s: %s", path, why);
        return nomem ? FL_ERR_NOMEM : FL_ERR_TZ;
    }
    *out = tz;
    return FL_OK;
}

/* Number of transitions at or before utc_s. */
static size_t trans_upto(const fl_tz *tz, int64_t utc_s)
{
    size_t lo = 0, hi = tz->ntrans; /* trans[0..lo) <= utc_s < trans[hi..) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->trans[mid] <= utc_s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int32_t fl_tz_offset_at(const fl_tz *tz, int64_t utc_s, const char **abbr)
{
    size_t ti = 0;
    if (tz->fixed) {
        if (abbr)
            *abbr = tz->fixed_abbr;
        return tz->fixed_off;
    }
    if (tz->has_rule && (tz->ntrans == 0 || utc_s > tz->trans[tz->ntrans - 1]))
        return rule_offset(&tz->rule, utc_s, abbr);
    size_t n = trans_upto(tz, utc_s);
    if (n) /* before the first transition: type 0 (RFC 8536 section 3.2) */
        ti = tz->trans_type[n - 1];
    if (abbr)
        *abbr = tz->chars + tz->types[ti].abbr;
    return tz->types[ti].off;
}

/* Try the offsets in force a day before and a day after: each candidate that
 * maps back to itself is a valid reading; two valid ones are an overlap (take the
 * earlier instant), none is a gap (use the earlier offset, landing after it). */
int64_t fl_tz_local_to_utc(const fl_tz *tz, int64_t local_s)
{
    if (tz->fixed)
        return local_s - tz->fixed_off;
    if (local_s < -TZ_RULE_LIMIT || local_s > TZ_RULE_LIMIT)
        return local_s - fl_tz_offset_at(tz, local_s, NULL);
    int32_t before = fl_tz_offset_at(tz, local_s - 86400, NULL);
    int32_t after = fl_tz_offset_at(tz, local_s + 86400, NULL);
    int64_t u1 = local_s - before, u2 = local_s - after;
    int ok1 = fl_tz_offset_at(tz, u1, NULL) == before;
    int ok2 = fl_tz_offset_at(tz, u2, NULL) == after;
    if (ok1 && ok2)
        return u1 < u2 ? u1 : u2;
    return ok2 && !ok1 ? u2 : u1;
}

const char *fl_tz_name(const fl_tz *tz) { return tz->name; }

int fl_tz_is_fixed(const fl_tz *tz) { return tz->fixed; }

/* Whether the offset or abbreviation at t differs from (off, abbr). */
static int differs_at(const fl_tz *tz, int64_t t, int32_t off, const char *abbr)
{
    const char *a;
    return fl_tz_offset_at(tz, t, &a) != off || strcmp(a, abbr) != 0;
}

int64_t fl_tz_next_change(const fl_tz *tz, int64_t utc_s)
{
    const char *abbr;
    int32_t off = fl_tz_offset_at(tz, utc_s, &abbr);
    if (tz->fixed)
        return INT64_MAX;
    /* Listed transitions (some change neither, e.g. only the DST flag) ... */
    for (size_t i = trans_upto(tz, utc_s); i < tz->ntrans; i++)
        if (differs_at(tz, tz->trans[i], off, abbr))
            return tz->trans[i];
    if (!tz->has_rule)
        return INT64_MAX;
    /* ... then the footer rule: a day at a time for a year and more (a rule changes
     * twice a year or never), then to the second within the day. */
    int64_t lo = tz->ntrans && tz->trans[tz->ntrans - 1] > utc_s ? tz->trans[tz->ntrans - 1] : utc_s;
    for (int day = 0; day < 400; day++, lo += 86400) {
        int64_t hi = lo + 86400;
        if (!differs_at(tz, hi, off, abbr))
            continue;
        while (hi - lo > 1) { /* lo is as at utc_s, hi is not */
            int64_t mid = lo + (hi - lo) / 2;
            if (differs_at(tz, mid, off, abbr))
                hi = mid;
            else
                lo = mid;
        }
        return hi;
    }
    return INT64_MAX;
}
