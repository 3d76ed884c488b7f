/* fuzz_events.c: the --events file reader (events.h) on the input as a file (in
 * memory), in a fixed-offset zone and in one with daylight saving time. Loaded events
 * must be sorted and carry text. A small model of the documented line format
 * ("YYYY-MM-DD HH:MM[:SS] text", 'T' and an offset allowed) checks both ways: a file
 * whose lines all fit it must load, and a file that loads must not hold an
 * impossible date or time (31 February, a negative hour). */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "detect/events.h"
#include "time/timestamp.h"
#include "time/tz.h"

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int real_time(int y, int mo, int d, int h, int mi, int sec)
{
    int64_t ms;
    if (y < 1900 || y > 9999) /* outside fl_ts_civil_ms's range: not judged */
        return 1;
    return mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && sec >= 0 &&
           fl_ts_civil_ms(y, (unsigned)mo, (unsigned)d, (unsigned)h, (unsigned)mi, (unsigned)sec, &ms);
}

/* The line s[0..n) as the reader sees it (cut at the first CR or NUL): -1 blank or
 * comment, 1 when it strictly has the documented form with a real date (years
 * 1900..9999), 0 if not. */
static int model_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || s[i] == 0)
            n = i;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    if (n == 0 || *s == '#')
        return -1;
    if (n < 16 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2) ||
        (s[10] != ' ' && s[10] != 'T') || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2))
        return 0;
    size_t p = 16;
    int sec = 0;
    if (p < n && s[p] == ':') {
        if (p + 3 > n || !digits(s + p + 1, 2))
            return 0;
        sec = num(s + p + 1, 2);
        p += 3;
    }
    int y = num(s, 4);
    if (y < 1900 || !real_time(y, num(s + 5, 2), num(s + 8, 2), num(s + 11, 2), num(s + 14, 2), sec))
        return 0;
    size_t tok = 0;
    while (p + tok < n && s[p + tok] != ' ' && s[p + tok] != '\t')
        tok++;
    int32_t off;
    if (tok && !fl_parse_offset(s + p, tok, &off))
        return 0;
    p += tok;
    while (p < n && strchr(" \t-:", s[p]))
        p++;
    return p < n;
}

/* The loader's own reading of a line it accepted: values must be a real time. */
static int accepted_line_ok(const char *s, size_t n)
{
    char buf[64];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    buf[strcspn(buf, "\r")] = 0;
    const char *t = buf + strspn(buf, " \t");
    int y, mo, d, h, mi, sec = 0, k = 0;
    if (!*t || *t == '#')
        return 1;
    if (sscanf(t, "%4d-%2d-%2d%*[ T]%2d:%2d%n", &y, &mo, &d, &h, &mi, &k) != 5)
        return 1; /* not the reader's shape: not judged here */
    if (t[k] == ':')
        (void)sscanf(t + k, ":%2d", &sec);
    return real_time(y, mo, d, h, mi, sec);
}

static void load(const char *path, const fl_tz *tz, const fuzz_lines *l, int all_valid)
{
    fl_events ev;
    char err[256];
    err[0] = 0;
    fl_status st = fl_events_load(path, tz, &ev, err, sizeof err);
    if (st == FL_OK) {
        for (size_t i = 0; i < ev.n; i++) {
            FUZZ_CHECK(ev.items[i].text && ev.items[i].text[0]);
            FUZZ_CHECK(i == 0 || ev.items[i - 1].utc_s <= ev.items[i].utc_s);
        }
        for (size_t i = 0; i < l->n; i++)
            if (!accepted_line_ok(l->text[i], l->len[i])) {
                fprintf(stderr, "line %zu accepted with an impossible date or time\n", i + 1);
                abort();
            }
    } else {
        FUZZ_CHECK(st == FL_ERR_PARSE);
        FUZZ_CHECK(ev.n == 0 && ev.items == NULL);
        FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL && err[0]);
        if (all_valid) {
            fprintf(stderr, "every line has the documented form, yet: %s\n", err);
            abort();
        }
    }
    fl_events_free(&ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fl_tz *fixed, *dst;
    if (!fixed) {
        char err[256];
        fixed = fl_tz_fixed(3600);
        if (fl_tz_load("America/New_York", &dst, err, sizeof err) != FL_OK)
            dst = NULL; /* no tz database: the fixed zone only */
        FUZZ_CHECK(fixed != NULL);
    }
    fuzz_lines l = {0};
    char path[64];
    int fd = fuzz_split(data, size, (size_t)-1, &l) == 0 ? fuzz_memfile(data, size, path, sizeof path) : -1;
    if (fd >= 0) {
        int all_valid = 1;
        for (size_t i = 0; i < l.n && all_valid; i++)
            all_valid = model_line(l.text[i], l.len[i]) != 0;
        load(path, fixed, &l, all_valid);
        if (dst)
            load(path, dst, &l, all_valid);
        close(fd);
    }
    fuzz_lines_free(&l);
    return 0;
}
