/* loggen.c: fl-loggen, a seeded generator of synthetic HTTP access logs (combined or
 * common log format) with designed outages, and of the known answer (truth JSON) that
 * faultline must find in them. The truth is derived from the design of the run (the
 * --segment options), never from the random data, and the generator rounds failure
 * counts so that every minute's data falls on the same side of faultline's thresholds
 * as its design. Standalone C11, libc + libm only; run with --help for the options. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROG "fl-loggen"

#define MAX_MINUTES 1000000L   /* about 694 days */
#define MAX_RATE 100000.0      /* mean requests per healthy minute */
#define MAX_TRAFFIC 100.0      /* largest traffic factor a segment may ask for */
#define MAX_CODES 16           /* entries in one codes= mix */
#define MAX_PROFILE 48         /* points of a --profile */
#define N_CLIENTS 400          /* size of the simulated client population */
#define MIN_HEALTHY_RATE 40.0  /* below this the truth is not guaranteed */

/* faultline's detection constants, as far as the design-level truth needs them. */
#define BAD_FAIL_FRAC 0.05     /* a minute failing at least this fraction is bad */
#define BAD_TRAFFIC_FACTOR 0.1 /* a minute below this share of normal traffic is bad */
#define ONSET_RUN 2            /* consecutive bad minutes that open an incident */
#define RECOVERY_RUN 10        /* consecutive good minutes that close it */
#define EXPECTED_WINDOW 60     /* expected traffic: median of the last 60 good minutes */
#define EXPECTED_MIN_SEEN 10   /* with fewer, the median of the first 60 minutes */
#define PEAK_TOLERANCE_PCT 5.0 /* tolerance on peak impact when the peak is not exact */
#define MAX_NOISE_FOR_TOLERANCE 0.03 /* noise beyond this can exceed that tolerance */

/* Healthy-time background: at most one 5xx in a minute, only when the minute has at
 * least BASELINE_MIN_REQUESTS requests, so its error rate stays below 1/25 = 4%. */
#define BASELINE_FAIL_PROB 0.3
#define BASELINE_MIN_REQUESTS 25

/* Parser-exercising oddities, per line, only in minutes outside every segment. */
#define ESCAPED_QUOTE_PROB (1.0 / 1500.0)
#define EMPTY_REQUEST_PROB (1.0 / 800.0)

#define LINE_MAX_LEN 1024
#define PI 3.14159265358979323846

/* ---- deterministic random numbers (splitmix64) ---------------------------------- */

typedef struct rng {
    uint64_t state;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n), n > 0. */
static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_chance(rng *r, double p)
{
    return rng_unit(r) < p;
}

/* ---- errors and small helpers --------------------------------------------------- */

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

static _Noreturn void die(int code, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void warn(const char *fmt, ...) PRINTF_LIKE(1, 2);

static _Noreturn void die(int code, const char *fmt, ...)
{
    va_list ap;
    fputs(PROG ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(code);
}

#define die_usage(...) die(2, __VA_ARGS__)
#define die_io(...) die(1, __VA_ARGS__)

static void warn(const char *fmt, ...)
{
    va_list ap;
    fputs(PROG ": warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_io("out of memory");
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* ---- civil time (Hinnant's algorithms) ------------------------------------------ */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

typedef struct civil {
    int64_t year;
    unsigned month, day, hour, minute;
} civil;

static civil civil_from_seconds(int64_t local_s)
{
    civil c;
    int64_t days = floor_div(local_s, 86400), rem = local_s - days * 86400;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    c.day = doy - (153 * mp + 2) / 5 + 1;
    c.month = mp < 10 ? mp + 3 : mp - 9;
    c.year = (int64_t)yoe + era * 400 + (c.month <= 2);
    c.hour = (unsigned)(rem / 3600);
    c.minute = (unsigned)(rem / 60 % 60);
    return c;
}

static const char MONTH_ABBR[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "+01:00" (separator ":") or "+0100" (separator "") for an offset below 24 h. */
static void format_offset(int32_t offset_s, const char *separator, char *buf, size_t len)
{
    unsigned a = (unsigned)(offset_s < 0 ? -offset_s : offset_s);
    snprintf(buf, len, "%c%02u%s%02u", offset_s < 0 ? '-' : '+', a / 3600 % 24, separator,
             a / 60 % 60);
}

/* "2022-10-12T12:20:00+01:00" for the minute starting at utc_s, seen at offset_s. */
static void format_iso_minute(int64_t utc_s, int32_t offset_s, char *buf, size_t len)
{
    civil c = civil_from_seconds(utc_s + offset_s);
    char off[16];
    format_offset(offset_s, ":", off, sizeof off);
    snprintf(buf, len, "%04lld-%02u-%02uT%02u:%02u:00%s", (long long)c.year, c.month, c.day,
             c.hour, c.minute, off);
}

/* "12/Oct/2022:12:20"; the seconds are appended per line. */
static void format_clf_minute(int64_t utc_s, int32_t offset_s, char *stamp, size_t len)
{
    civil c = civil_from_seconds(utc_s + offset_s);
    snprintf(stamp, len, "%02u/%s/%04lld:%02u:%02u", c.day, MONTH_ABBR[c.month - 1],
             (long long)c.year, c.hour, c.minute);
}

/* ---- option values --------------------------------------------------------------- */

typedef struct code_weight {
    int code;
    double weight;
} code_weight;

typedef struct segment {
    long from, to; /* minutes [from, to) counted from --start */
    double fail_a, fail_b;
    double traffic_a, traffic_b;
    code_weight codes[MAX_CODES];
    int ncodes;
    double code_total;
} segment;

typedef struct file_spec {
    long from;
    const char *path;
} file_spec;

typedef enum log_format { FORMAT_COMBINED, FORMAT_COMMON, FORMAT_APP } log_format;

typedef struct options {
    uint64_t seed;
    int64_t start_utc; /* UTC seconds of the first minute */
    int32_t offset_s;  /* offset written in the lines */
    long minutes;
    double rate, diurnal, noise; /* diurnal and noise as fractions, not percent */
    int profile_min[MAX_PROFILE]; /* --profile: minute of the day of each point, ascending */
    double profile_factor[MAX_PROFILE];
    int nprofile;
    segment *segs;
    size_t nsegs;
    file_spec *files;
    size_t nfiles;
    log_format format;
    long shuffle;
    const char *truth_path;
    int32_t truth_offset_s;
    char *command_line; /* for the truth's "generator" field */
} options;

static const code_weight DEFAULT_CODES[] = {{500, 20}, {502, 30}, {503, 40}, {504, 10}};

static long parse_long(const char *s, long lo, long hi, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < lo || v > hi)
        die_usage("%s: expected an integer in [%ld, %ld], got '%s'", what, lo, hi, s);
    return v;
}

static double parse_double(const char *s, double lo, double hi, const char *what)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !(v >= lo && v <= hi))
        die_usage("%s: expected a number in [%g, %g], got '%s'", what, lo, hi, s);
    return v;
}

static uint64_t parse_seed(const char *s)
{
    char *end;
    if (*s == '-' || *s == '+')
        die_usage("--seed: expected a non-negative integer, got '%s'", s);
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end != '\0')
        die_usage("--seed: expected a non-negative integer, got '%s'", s);
    return (uint64_t)v;
}

/* Consumes the character c at *p; returns 0 if it is not there. */
static int take_char(const char **p, char c)
{
    if (**p != c)
        return 0;
    (*p)++;
    return 1;
}

/* Reads exactly n digits at *p into *out; returns 0 if they are not there. */
static int take_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return 0;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return 1;
}

/* "Z", "+01:00", "+0100", "-05" into seconds east of UTC; 0 if s is not one. */
static int parse_offset(const char *s, int32_t *offset_s)
{
    int hh, mm = 0;
    if (strcmp(s, "Z") == 0) {
        *offset_s = 0;
        return 1;
    }
    if (*s != '+' && *s != '-')
        return 0;
    int sign = *s++ == '-' ? -1 : 1;
    if (!take_digits(&s, 2, &hh))
        return 0;
    if (*s == ':')
        s++;
    if (*s && !take_digits(&s, 2, &mm))
        return 0;
    if (*s || hh > 23 || mm > 59)
        return 0;
    *offset_s = sign * (hh * 3600 + mm * 60);
    return 1;
}

/* "2022-10-12T10:00:00+01:00" (seconds optional and zero) into UTC seconds + offset. */
static void parse_start(const char *arg, int64_t *utc_s, int32_t *offset_s)
{
    const char *p = arg;
    int y, mo, d, h, mi, sec = 0;
    int ok = take_digits(&p, 4, &y) && take_char(&p, '-') && take_digits(&p, 2, &mo) &&
             take_char(&p, '-') && take_digits(&p, 2, &d) &&
             (take_char(&p, 'T') || take_char(&p, ' ')) && take_digits(&p, 2, &h) &&
             take_char(&p, ':') && take_digits(&p, 2, &mi);
    if (ok && take_char(&p, ':'))
        ok = take_digits(&p, 2, &sec);
    if (!ok || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        !parse_offset(p, offset_s))
        die_usage("--start: expected e.g. 2022-10-12T10:00:00+01:00, got '%s'", arg);
    if (sec != 0)
        die_usage("--start: must be at the start of a minute (seconds 00), got '%s'", arg);
    int64_t local = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60;
    *utc_s = local - *offset_s;
}

/* "A..B" or "A" into [*a, *b], each within [lo, hi]. */
static void parse_range(const char *s, double lo, double hi, double *a, double *b,
                        const char *what)
{
    const char *dots = strstr(s, "..");
    if (!dots) {
        *a = *b = parse_double(s, lo, hi, what);
        return;
    }
    char *left = xstrndup(s, (size_t)(dots - s));
    *a = parse_double(left, lo, hi, what);
    free(left);
    *b = parse_double(dots + 2, lo, hi, what);
}

/* "503*71,502*27,429" (weight defaults to 1). */
static void parse_codes(const char *s, segment *seg)
{
    seg->ncodes = 0;
    seg->code_total = 0;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        char *item = xstrndup(s, n);
        char *star = strchr(item, '*');
        if (star)
            *star = '\0';
        if (seg->ncodes == MAX_CODES)
            die_usage("codes=: at most %d codes", MAX_CODES);
        code_weight *cw = &seg->codes[seg->ncodes++];
        cw->code = (int)parse_long(item, 400, 599, "codes= status");
        cw->weight = star ? parse_double(star + 1, 1e-9, 1e9, "codes= weight") : 1.0;
        seg->code_total += cw->weight;
        free(item);
        s += n;
        if (*s == ',' && *++s == '\0')
            die_usage("codes=: trailing comma");
    }
    if (seg->ncodes == 0)
        die_usage("codes=: empty list");
}

/* "FROM-TO:fail=A..B:traffic=A..B:codes=..." (fail, traffic and codes optional). */
static segment parse_segment(const char *arg, long minutes)
{
    segment seg = {.fail_a = 0, .fail_b = 0, .traffic_a = 1, .traffic_b = 1};
    memcpy(seg.codes, DEFAULT_CODES, sizeof DEFAULT_CODES);
    seg.ncodes = (int)(sizeof DEFAULT_CODES / sizeof DEFAULT_CODES[0]);
    seg.code_total = 100;

    char *copy = xstrndup(arg, strlen(arg));
    char *field = copy, *next;
    char *colon = strchr(field, ':');
    if (colon)
        *colon = '\0';
    char *dash = strchr(field, '-');
    if (!dash)
        die_usage("--segment: expected FROM-TO first, got '%s'", arg);
    *dash = '\0';
    seg.from = parse_long(field, 0, minutes, "--segment FROM");
    seg.to = parse_long(dash + 1, 0, minutes, "--segment TO");
    if (seg.from >= seg.to)
        die_usage("--segment: FROM must be below TO in '%s'", arg);
    for (field = colon ? colon + 1 : NULL; field; field = next) {
        colon = strchr(field, ':');
        next = colon ? colon + 1 : NULL;
        if (colon)
            *colon = '\0';
        if (strncmp(field, "fail=", 5) == 0)
            parse_range(field + 5, 0, 1, &seg.fail_a, &seg.fail_b, "--segment fail=");
        else if (strncmp(field, "traffic=", 8) == 0)
            parse_range(field + 8, 0, MAX_TRAFFIC, &seg.traffic_a, &seg.traffic_b,
                        "--segment traffic=");
        else if (strncmp(field, "codes=", 6) == 0)
            parse_codes(field + 6, &seg);
        else
            die_usage("--segment: unknown field '%s' in '%s'", field, arg);
    }
    free(copy);
    return seg;
}

static file_spec parse_file_spec(const char *arg, long minutes)
{
    const char *colon = strchr(arg, ':');
    if (!colon || colon[1] == '\0')
        die_usage("--file: expected FROM:PATH, got '%s'", arg);
    char *from = xstrndup(arg, (size_t)(colon - arg));
    file_spec f = {parse_long(from, 0, minutes - 1, "--file FROM"), colon + 1};
    free(from);
    return f;
}

/* --profile "HH:MM=F,...": the rate's factor at those local times of day, linear in
 * between and around midnight; points in ascending time. */
static void parse_profile(const char *arg, options *opt)
{
    const char *p = arg;
    while (*p) {
        int hh, mm, used = 0;
        double f;
        if (opt->nprofile == MAX_PROFILE)
            die_usage("--profile: at most %d points", MAX_PROFILE);
        if (sscanf(p, "%2d:%2d=%lf%n", &hh, &mm, &f, &used) != 3 || hh > 23 || mm > 59 || hh < 0 ||
            mm < 0 || f < 0.01 || f > MAX_TRAFFIC)
            die_usage("--profile: expected HH:MM=FACTOR,... (factor 0.01 to %g), got '%s'", MAX_TRAFFIC, p);
        int at = hh * 60 + mm;
        if (opt->nprofile && at <= opt->profile_min[opt->nprofile - 1])
            die_usage("--profile: times must ascend, got '%s'", p);
        opt->profile_min[opt->nprofile] = at;
        opt->profile_factor[opt->nprofile++] = f;
        p += used;
        if (*p == ',' && p[1])
            p++;
        else if (*p)
            die_usage("--profile: expected ',' after a point, got '%s'", p);
    }
}

/* ---- command line ----------------------------------------------------------------- */

static void usage(FILE *out)
{
    fputs(
        "Usage: " PROG " [OPTION]...\n"
        "Write a synthetic HTTP access log with designed outages, and optionally the\n"
        "known answer faultline must report for it. Output is a pure function of the\n"
        "options: the same command line always gives the same bytes.\n"
        "\n"
        "  --seed N            random seed (default 1)\n"
        "  --start ISO         first minute and the UTC offset written in the lines,\n"
        "                      e.g. 2022-10-12T10:00:00+01:00 (default\n"
        "                      2022-10-12T10:00:00Z); seconds must be 00\n"
        "  --minutes N         length of the log in minutes (default 60)\n"
        "  --rate N            mean requests per healthy minute (default 50; use >= 40\n"
        "                      for the truth to hold)\n"
        "  --diurnal PCT       amplitude of a 24-hour sinusoid on the rate, highest at\n"
        "                      14:00 local time (default 0)\n"
        "  --profile HH:MM=F,... the rate's factor by local time of day, linear between\n"
        "                      the points and around midnight (a day/night cycle:\n"
        "                      00:00=0.1,07:00=0.1,09:00=1,18:00=1,20:00=0.1); with\n"
        "                      --diurnal both apply\n"
        "  --noise PCT         per-minute uniform variation of the rate, +-PCT (default\n"
        "                      10); (1-diurnal)*(1-noise) must be >= 0.5\n"
        "  --segment FROM-TO[:fail=A..B][:traffic=A..B][:codes=C*W,...]\n"
        "                      minutes [FROM, TO) of an incident: the failing fraction\n"
        "                      goes linearly from A (first minute) to B (last minute),\n"
        "                      the traffic factor (multiplier on the healthy rate)\n"
        "                      likewise; a single value means A..A. codes is the mix of\n"
        "                      failing statuses, weight after '*' (default\n"
        "                      500*20,502*30,503*40,504*10). Defaults: fail=0 traffic=1.\n"
        "                      Repeatable; segments must not overlap.\n"
        "  --format F          combined (default), common (CLF, no referer/agent) or app\n"
        "                      (a levelled application log: one INFO line per request,\n"
        "                      ERROR for a failing one; no HTTP status field)\n"
        "  --file FROM:PATH    minutes >= FROM go to PATH, until the next --file;\n"
        "                      earlier minutes go to standard output. Repeatable.\n"
        "  --shuffle K         shuffle lines within consecutive windows of K lines of\n"
        "                      each output (out-of-order input)\n"
        "  --truth PATH        write the known answer as JSON to PATH\n"
        "  --truth-tz-offset O write the truth's times at offset O (e.g. +01:00)\n"
        "                      instead of the --start offset\n"
        "  --help              show this help\n"
        "\n"
        "Minutes outside segments are healthy: at most one 5xx, with probability 0.3 and\n"
        "only in minutes of 25 or more requests. In a segment minute with R requests,\n"
        "round(fail*R) requests fail, nudged by at most one rounding step so the minute's\n"
        "error rate is >= 5% exactly when fail >= 0.05 and below 100% whenever fail < 1;\n"
        "a minute with a traffic factor above 0 has at least one request.\n"
        "\n"
        "Truth, from the design alone: a minute is bad if fail >= 0.05 or traffic < 0.1.\n"
        "Only minutes from the first to the last with traffic count (faultline cannot see\n"
        "silence at the edges). An incident opens at the first of 2 consecutive bad\n"
        "minutes and recovers at the first of 10 consecutive good minutes (null if the\n"
        "log ends first). Designed impact = 1 - (1-fail)*min(R/X, 1), R the minute's\n"
        "mean requests without noise, X their median over the last 60 good minutes\n"
        "before the onset. If an incident's highest impact is 100% its peak is the\n"
        "earliest minute reaching it (tolerance 0); otherwise the peak is null and the\n"
        "tolerance is 5 points, which holds for --noise up to 3.\n"
        "Designs whose truth the noise could upset (traffic factors near 0.1, long\n"
        "stretches of failures below 5%, noisy partial peaks) draw a warning.\n",
        out);
}

/* Matches "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past the value. */
static int take_option(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        die_usage("%s needs a value", name);
    *value = argv[++*i];
    return 1;
}

/* Shell-quotes an argument unless it is made of harmless characters only. */
static void append_shell_word(char **buf, size_t *len, size_t *cap, const char *word)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789_-+=.,:/*@%";
    int quote = word[0] == '\0' || strspn(word, safe) != strlen(word);
    size_t need = *len + 4 * strlen(word) + 4;
    if (need > *cap) {
        *cap = 2 * need;
        *buf = xrealloc(*buf, *cap);
    }
    char *p = *buf + *len;
    if (*len > 0)
        *p++ = ' ';
    if (quote)
        *p++ = '\'';
    for (const char *w = word; *w; w++) {
        if (quote && *w == '\'') {
            memcpy(p, "'\\''", 4);
            p += 4;
        } else {
            *p++ = *w;
        }
    }
    if (quote)
        *p++ = '\'';
    *p = '\0';
    *len = (size_t)(p - *buf);
}

static int compare_file_specs(const void *a, const void *b)
{
    long x = ((const file_spec *)a)->from, y = ((const file_spec *)b)->from;
    return (x > y) - (x < y);
}

static int compare_segments(const void *a, const void *b)
{
    long x = ((const segment *)a)->from, y = ((const segment *)b)->from;
    return (x > y) - (x < y);
}

static void parse_args(int argc, char **argv, options *opt)
{
    const char *start = "2022-10-12T10:00:00Z", *minutes = "60", *v;
    const char **seg_args = xrealloc(NULL, sizeof *seg_args * (size_t)argc);
    const char **file_args = xrealloc(NULL, sizeof *file_args * (size_t)argc);
    size_t nseg = 0, nfile = 0, len = 0, cap = 0;
    int truth_offset_given = 0;

    memset(opt, 0, sizeof *opt);
    opt->seed = 1;
    opt->rate = 50;
    opt->noise = 0.10;
    opt->format = FORMAT_COMBINED;
    append_shell_word(&opt->command_line, &len, &cap, PROG);
    for (int i = 1; i < argc; i++)
        append_shell_word(&opt->command_line, &len, &cap, argv[i]);

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (take_option(argc, argv, &i, "--seed", &v)) {
            opt->seed = parse_seed(v);
        } else if (take_option(argc, argv, &i, "--start", &v)) {
            start = v;
        } else if (take_option(argc, argv, &i, "--minutes", &v)) {
            minutes = v;
        } else if (take_option(argc, argv, &i, "--rate", &v)) {
            opt->rate = parse_double(v, 1, MAX_RATE, "--rate");
        } else if (take_option(argc, argv, &i, "--diurnal", &v)) {
            opt->diurnal = parse_double(v, 0, 100, "--diurnal") / 100;
        } else if (take_option(argc, argv, &i, "--profile", &v)) {
            parse_profile(v, opt);
        } else if (take_option(argc, argv, &i, "--noise", &v)) {
            opt->noise = parse_double(v, 0, 100, "--noise") / 100;
        } else if (take_option(argc, argv, &i, "--segment", &v)) {
            seg_args[nseg++] = v;
        } else if (take_option(argc, argv, &i, "--file", &v)) {
            file_args[nfile++] = v;
        } else if (take_option(argc, argv, &i, "--format", &v)) {
            if (strcmp(v, "combined") == 0)
                opt->format = FORMAT_COMBINED;
            else if (strcmp(v, "common") == 0)
                opt->format = FORMAT_COMMON;
            else if (strcmp(v, "app") == 0)
                opt->format = FORMAT_APP;
            else
                die_usage("--format: expected combined, common or app, got '%s'", v);
        } else if (take_option(argc, argv, &i, "--shuffle", &v)) {
            opt->shuffle = parse_long(v, 0, 1000000, "--shuffle");
        } else if (take_option(argc, argv, &i, "--truth", &v)) {
            opt->truth_path = v;
        } else if (take_option(argc, argv, &i, "--truth-tz-offset", &v)) {
            if (!parse_offset(v, &opt->truth_offset_s))
                die_usage("--truth-tz-offset: expected e.g. +01:00, got '%s'", v);
            truth_offset_given = 1;
        } else {
            die_usage("unknown argument '%s' (try --help)", argv[i]);
        }
    }

    parse_start(start, &opt->start_utc, &opt->offset_s);
    if (!truth_offset_given)
        opt->truth_offset_s = opt->offset_s;
    opt->minutes = parse_long(minutes, 1, MAX_MINUTES, "--minutes");
    if ((1 - opt->diurnal) * (1 - opt->noise) < 0.5)
        die_usage("--diurnal and --noise together could push a healthy minute below "
                  "half the rate; need (1-diurnal)*(1-noise) >= 0.5");
    if (opt->rate < MIN_HEALTHY_RATE)
        warn("--rate %g is below %g: the truth may not match the data", opt->rate,
             MIN_HEALTHY_RATE);

    opt->segs = xrealloc(NULL, sizeof *opt->segs * (nseg ? nseg : 1));
    for (size_t i = 0; i < nseg; i++)
        opt->segs[i] = parse_segment(seg_args[i], opt->minutes);
    opt->nsegs = nseg;
    qsort(opt->segs, nseg, sizeof *opt->segs, compare_segments);
    for (size_t i = 1; i < nseg; i++)
        if (opt->segs[i].from < opt->segs[i - 1].to)
            die_usage("--segment %ld-%ld overlaps %ld-%ld", opt->segs[i].from,
                      opt->segs[i].to, opt->segs[i - 1].from, opt->segs[i - 1].to);

    opt->files = xrealloc(NULL, sizeof *opt->files * (nfile ? nfile : 1));
    for (size_t i = 0; i < nfile; i++)
        opt->files[i] = parse_file_spec(file_args[i], opt->minutes);
    opt->nfiles = nfile;
    qsort(opt->files, nfile, sizeof *opt->files, compare_file_specs);
    for (size_t i = 0; i < nfile; i++)
        for (size_t j = 0; j < i; j++)
            if (opt->files[j].from == opt->files[i].from ||
                strcmp(opt->files[j].path, opt->files[i].path) == 0)
                die_usage("--file %ld:%s clashes with --file %ld:%s", opt->files[i].from,
                          opt->files[i].path, opt->files[j].from, opt->files[j].path);
    free(seg_args);
    free(file_args);
}

static void free_options(options *opt)
{
    free(opt->segs);
    free(opt->files);
    free(opt->command_line);
}

/* ---- the design ------------------------------------------------------------------- */

typedef struct minute_design {
    double fail;          /* designed failing fraction */
    double traffic;       /* designed traffic factor */
    const segment *seg;   /* NULL outside segments (healthy) */
} minute_design;

static minute_design design_at(const options *opt, long m)
{
    minute_design d = {0, 1, NULL};
    for (size_t i = 0; i < opt->nsegs; i++) {
        const segment *s = &opt->segs[i];
        if (m < s->from || m >= s->to)
            continue;
        long n = s->to - s->from;
        double t = n > 1 ? (double)(m - s->from) / (double)(n - 1) : 0;
        /* a*(1-t) + b*t is exactly a at t = 0 and exactly b at t = 1. */
        d.fail = s->fail_a * (1 - t) + s->fail_b * t;
        d.traffic = s->traffic_a * (1 - t) + s->traffic_b * t;
        d.seg = s;
        break;
    }
    return d;
}

static int designed_bad(minute_design d)
{
    return d.fail >= BAD_FAIL_FRAC || d.traffic < BAD_TRAFFIC_FACTOR;
}

/* The --profile factor at a minute of the day: linear between the neighbouring
 * points, across midnight from the last to the first. */
static double profile_factor(const options *opt, int64_t minute_of_day)
{
    int n = opt->nprofile, k = 0;
    if (n == 0)
        return 1;
    while (k < n && opt->profile_min[k] <= minute_of_day)
        k++;
    int a = k == 0 ? n - 1 : k - 1, b = k == n ? 0 : k; /* points before and after */
    double from = opt->profile_min[a], to = opt->profile_min[b], t = (double)minute_of_day;
    if (to <= from)
        to += 1440;
    if (t < from)
        t += 1440;
    double w = to > from ? (t - from) / (to - from) : 0;
    return opt->profile_factor[a] + w * (opt->profile_factor[b] - opt->profile_factor[a]);
}

/* Multiplier of the rate from the time of day: 1 + A*cos(2*pi*(t - 14:00)/24h), times
 * the --profile factor. */
static double diurnal_factor(const options *opt, long m)
{
    if (opt->diurnal == 0 && opt->nprofile == 0)
        return 1;
    int64_t local_min = floor_div(opt->start_utc + opt->offset_s, 60) + m;
    int64_t minute_of_day = local_min - floor_div(local_min, 1440) * 1440;
    return (1 + opt->diurnal * cos(2 * PI * (double)(minute_of_day - 14 * 60) / 1440.0)) *
           profile_factor(opt, minute_of_day);
}

/* Requests in minute m; noise_u is uniform in [0, 1). */
static long requests_in_minute(const options *opt, long m, minute_design d, double noise_u)
{
    if (d.traffic <= 0)
        return 0;
    double mean = opt->rate * diurnal_factor(opt, m) * (1 + opt->noise * (2 * noise_u - 1));
    long r = lround(mean * d.traffic);
    return r < 1 ? 1 : r;
}

/* round(fail*r), nudged so the realized minute keeps its designed class: error rate
 * >= 5% exactly when fail >= 5%, and not every request failing unless fail == 1. */
static long failures_in_segment_minute(double fail, long r)
{
    if (r == 0)
        return 0;
    long f = lround(fail * (double)r);
    long min_bad = (r + 19) / 20; /* smallest f with f/r >= 5% (BAD_FAIL_FRAC) */
    if (fail >= BAD_FAIL_FRAC && f < min_bad)
        f = min_bad;
    if (fail < BAD_FAIL_FRAC && f >= min_bad)
        f = min_bad - 1;
    if (fail < 1 && f >= r)
        f = r - 1;
    return f;
}

/* Warns when a traffic factor is so close to 0.1 that the noise can put the minute's
 * realized traffic on the other side of faultline's traffic-drop threshold. */
static void warn_ambiguous_traffic(const options *opt, const segment *s)
{
    double lo = BAD_TRAFFIC_FACTOR * (1 - opt->noise) / (1 + opt->noise) * 0.9;
    double hi = BAD_TRAFFIC_FACTOR * (1 + opt->noise) / (1 - opt->noise) * 1.1;
    double a = s->traffic_a < s->traffic_b ? s->traffic_a : s->traffic_b;
    double b = s->traffic_a < s->traffic_b ? s->traffic_b : s->traffic_a;
    if (a < hi && b >= lo)
        warn("segment %ld-%ld: traffic factors %g..%g come near %g; realized traffic "
             "may not match the designed class (keep them outside [%.3f, %.3f))",
             s->from, s->to, s->traffic_a, s->traffic_b, BAD_TRAFFIC_FACTOR, lo, hi);
}

/* Warns when designed sub-threshold failures are so common that faultline's baseline
 * (the median error rate of good minutes) may rise above zero: its threshold
 * max(5%, 3*baseline) could then exceed 5%, and minutes designed bad would read good. */
static void warn_raised_baseline(const options *opt)
{
    double zero = 0, good = 0; /* expected good minutes without a failure, and all */
    for (long m = 0; m < opt->minutes; m++) {
        minute_design d = design_at(opt, m);
        if (designed_bad(d))
            continue;
        good += 1;
        if (!d.seg)
            zero += 1 - BASELINE_FAIL_PROB;
        else if (d.fail * opt->rate * diurnal_factor(opt, m) * d.traffic < 0.5)
            zero += 1;
    }
    if (good > 0 && zero < 0.6 * good)
        warn("failures below 5%% in many good minutes may raise faultline's threshold "
             "above 5%%; the truth may not hold");
}

/* Warnings about designs whose truth the random data might not bear out. */
static void check_design(const options *opt)
{
    for (size_t i = 0; i < opt->nsegs; i++)
        warn_ambiguous_traffic(opt, &opt->segs[i]);
    warn_raised_baseline(opt);
}

/* ---- log lines -------------------------------------------------------------------- */

typedef struct client {
    char addr[48];
    const char *user;
    const char *agent;
    int browser; /* sends a referer */
} client;

typedef struct endpoint {
    const char *method;
    const char *prefix; /* path before the number */
    unsigned id_max;    /* 0: no number; else a number in [1, id_max] */
    const char *suffix; /* path after the number */
    unsigned weight;
    int status;         /* usual status */
    int alt_status;     /* occasional other non-failing status, 0 for none */
    unsigned alt_permille;
    unsigned bytes_min, bytes_max;
} endpoint;

static const endpoint ENDPOINTS[] = {
    {"GET", "/api/v1/orders?page=", 20, "", 160, 200, 0, 0, 900, 9800},
    {"GET", "/api/v1/orders/", 99999, "", 110, 200, 404, 25, 420, 2600},
    {"POST", "/api/v1/orders", 0, "", 40, 201, 400, 15, 180, 640},
    {"DELETE", "/api/v1/orders/", 99999, "", 8, 204, 404, 60, 0, 0},
    {"GET", "/api/v1/users/", 50000, "", 90, 200, 304, 120, 310, 1250},
    {"PUT", "/api/v1/users/", 50000, "", 22, 200, 204, 300, 310, 1250},
    {"POST", "/api/v1/cart/items", 0, "", 35, 201, 0, 0, 95, 310},
    {"GET", "/api/v1/products?category=", 40, "&sort=price", 70, 200, 0, 0, 2100, 14800},
    {"POST", "/login", 0, "", 28, 200, 401, 110, 210, 620},
    {"GET", "/", 0, "", 55, 200, 304, 150, 5230, 5610},
    {"GET", "/static/app.js", 0, "", 85, 200, 304, 420, 184317, 184317},
    {"GET", "/static/css/main.css", 0, "", 70, 200, 304, 420, 48213, 48213},
    {"GET", "/favicon.ico", 0, "", 25, 200, 404, 90, 1150, 1150},
    {"GET", "/health", 0, "", 30, 200, 0, 0, 2, 2},
    {"GET", "/shop", 0, "", 6, 301, 0, 0, 178, 178},
};

/* Browsers first: the first N_BROWSER_AGENTS entries send referers. */
#define N_BROWSER_AGENTS 5
static const char *const AGENTS[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/106.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/16.0 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:105.0) Gecko/20100101 Firefox/105.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/16.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 12; SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/106.0.0.0 Mobile Safari/537.36",
    "okhttp/4.9.3",
    "python-requests/2.28.1",
    "curl/7.85.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
};

static const char *const USERS[] = {"alice", "bob", "chidi", "dayo", "erin", "funmi"};

static const char *const REFERERS[] = {
    "https://shop.example.com/",        "https://shop.example.com/cart",
    "https://shop.example.com/orders",  "https://www.google.com/",
    "https://shop.example.com/account",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Client population: addresses from the documentation ranges (RFC 5737, RFC 3849). */
static void make_clients(rng *r, client *clients, size_t n)
{
    static const char *const v4_nets[] = {"192.0.2.", "198.51.100.", "203.0.113."};
    for (size_t i = 0; i < n; i++) {
        client *c = &clients[i];
        if (rng_chance(r, 0.12))
            snprintf(c->addr, sizeof c->addr, "2001:db8:%x:%x::%x", rng_below(r, 0x10000),
                     rng_below(r, 0x100), 1 + rng_below(r, 0xfffe));
        else
            snprintf(c->addr, sizeof c->addr, "%s%u", v4_nets[rng_below(r, 3)],
                     1 + rng_below(r, 254));
        c->user = rng_chance(r, 0.08) ? USERS[rng_below(r, COUNT(USERS))] : "-";
        size_t agent = rng_below(r, COUNT(AGENTS));
        c->agent = AGENTS[agent];
        c->browser = agent < N_BROWSER_AGENTS;
    }
}

static const endpoint *pick_endpoint(rng *r)
{
    unsigned total = 0;
    for (size_t i = 0; i < COUNT(ENDPOINTS); i++)
        total += ENDPOINTS[i].weight;
    unsigned x = rng_below(r, total);
    size_t i = 0;
    while (x >= ENDPOINTS[i].weight)
        x -= ENDPOINTS[i++].weight;
    return &ENDPOINTS[i];
}

static int pick_failing_status(rng *r, const segment *seg)
{
    double x = rng_unit(r) * seg->code_total;
    for (int i = 0; i < seg->ncodes - 1; i++) {
        if (x < seg->codes[i].weight)
            return seg->codes[i].code;
        x -= seg->codes[i].weight;
    }
    return seg->codes[seg->ncodes - 1].code;
}

/* What kind of line to write for one request. */
typedef struct line_kind {
    int failing;          /* status comes from the failing mix */
    const segment *seg;   /* the mix; NULL for a healthy-time background 5xx */
    int health_check;     /* traffic has collapsed: only load-balancer probes remain */
    int oddities_allowed; /* healthy minute: escaped quotes and empty requests allowed */
} line_kind;

/* Formats one line for second sec of the minute whose stamp is "12/Oct/2022:12:20". */
static int format_line(rng *r, const options *opt, const client *clients, const char *stamp,
                       const char *offset, unsigned sec, line_kind kind, char *buf,
                       size_t cap)
{
    static const char *const protocols[] = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/2.0",
                                            "HTTP/1.0"};
    double u = rng_unit(r);
    const client *c = &clients[(size_t)(N_CLIENTS * u * u)]; /* a few clients dominate */
    char request[512], bytes[24];
    const char *addr = c->addr, *user = c->user, *agent = c->agent, *referer = "-";
    int status;

    int odd = kind.oddities_allowed && !kind.failing;
    if (odd && rng_chance(r, EMPTY_REQUEST_PROB)) {
        /* A client that connected and sent nothing useful. */
        strcpy(request, "-");
        status = 400;
        strcpy(bytes, "0");
        agent = "-";
    } else if (odd && rng_chance(r, ESCAPED_QUOTE_PROB)) {
        snprintf(request, sizeof request,
                 "GET /api/v1/products?q=\\\"running+shoes\\\"&page=%u HTTP/1.1",
                 1 + rng_below(r, 5));
        status = 200;
        snprintf(bytes, sizeof bytes, "%u", 3000 + rng_below(r, 9000));
        referer = REFERERS[0];
    } else if (kind.health_check) {
        static const char *const probes[] = {"10.0.1.17", "10.0.2.34"};
        addr = probes[rng_below(r, COUNT(probes))];
        user = "-";
        agent = "ELB-HealthChecker/2.0";
        strcpy(request, "GET /health HTTP/1.1");
        status = 200;
        strcpy(bytes, "2");
    } else {
        const endpoint *e = pick_endpoint(r);
        char number[16] = "";
        if (e->id_max)
            snprintf(number, sizeof number, "%u", 1 + rng_below(r, e->id_max));
        snprintf(request, sizeof request, "%s %s%s%s %s", e->method, e->prefix, number,
                 e->suffix, protocols[rng_below(r, COUNT(protocols))]);
        status = e->status;
        if (e->alt_status && rng_below(r, 1000) < e->alt_permille)
            status = e->alt_status;
        unsigned span = e->bytes_max - e->bytes_min + 1;
        snprintf(bytes, sizeof bytes, "%u", e->bytes_min + rng_below(r, span));
        if (status == 404)
            snprintf(bytes, sizeof bytes, "%u", 150 + rng_below(r, 40));
        else if (status == 401 || status == 400)
            snprintf(bytes, sizeof bytes, "%u", 48 + rng_below(r, 30));
        else if (status == 204 || status == 304)
            strcpy(bytes, "-");
        if (c->browser && rng_chance(r, 0.7))
            referer = REFERERS[rng_below(r, COUNT(REFERERS))];
    }
    if (kind.failing) {
        status = kind.seg ? pick_failing_status(r, kind.seg) : 500 + 2 * (int)rng_below(r, 2);
        snprintf(bytes, sizeof bytes, "%u", 150 + rng_below(r, 450));
    }

    if (opt->format == FORMAT_APP) {
        /* stamp is "2022-10-12T12:20" here; Logback-style line, no status field. */
        unsigned ms = rng_below(r, 1000), worker = 1 + rng_below(r, 16);
        if (kind.failing)
            return snprintf(buf, cap, "%s:%02u.%03u%s ERROR [http-nio-8080-exec-%u] c.e.api.Gateway - "
                            "%s failed: upstream connect error or disconnect/reset before headers\n",
                            stamp, sec, ms, offset, worker, request);
        return snprintf(buf, cap, "%s:%02u.%03u%s INFO  [http-nio-8080-exec-%u] c.e.api.Gateway - "
                        "%s completed in %u ms\n", stamp, sec, ms, offset, worker, request,
                        5 + rng_below(r, 200));
    }
    if (opt->format == FORMAT_COMMON)
        return snprintf(buf, cap, "%s - %s [%s:%02u %s] \"%s\" %d %s\n", addr, user, stamp,
                        sec, offset, request, status, bytes);
    return snprintf(buf, cap, "%s - %s [%s:%02u %s] \"%s\" %d %s \"%s\" \"%s\"\n", addr,
                    user, stamp, sec, offset, request, status, bytes, referer, agent);
}

/* ---- output: files, with optional shuffling in windows of K lines ------------------ */

typedef struct sink {
    FILE *fp;
    const char *name; /* for error messages */
    long window;      /* shuffle window in lines; 0 or 1: write straight through */
    char *text;       /* buffered lines of the current window */
    size_t text_len, text_cap;
    size_t *starts; /* offsets of the buffered lines in text */
    size_t nlines;
    rng shuffle_rng;
} sink;

static void sink_write(sink *s, const char *p, size_t n)
{
    if (fwrite(p, 1, n, s->fp) != n)
        die_io("%s: write failed", s->name);
}

static void sink_flush_window(sink *s)
{
    for (size_t i = s->nlines; i > 1; i--) { /* Fisher-Yates */
        size_t j = rng_below(&s->shuffle_rng, (uint32_t)i);
        size_t t = s->starts[i - 1];
        s->starts[i - 1] = s->starts[j];
        s->starts[j] = t;
    }
    for (size_t i = 0; i < s->nlines; i++) {
        const char *line = s->text + s->starts[i];
        sink_write(s, line, strlen(line));
    }
    s->nlines = 0;
    s->text_len = 0;
}

static void sink_open(sink *s, const char *path, long window, uint64_t seed)
{
    s->fp = path ? fopen(path, "w") : stdout;
    if (!s->fp)
        die_io("%s: cannot open for writing", path);
    s->name = path ? path : "standard output";
    s->window = window;
    s->nlines = s->text_len = 0;
    s->shuffle_rng.state = seed ^ UINT64_C(0x5DEECE66D2545F49);
}

static void sink_line(sink *s, const char *line, size_t n)
{
    if (s->window <= 1) {
        sink_write(s, line, n);
        return;
    }
    if (s->text_len + n + 1 > s->text_cap) {
        s->text_cap = 2 * (s->text_len + n + 1);
        s->text = xrealloc(s->text, s->text_cap);
    }
    if (!s->starts)
        s->starts = xrealloc(NULL, sizeof *s->starts * (size_t)s->window);
    s->starts[s->nlines++] = s->text_len;
    memcpy(s->text + s->text_len, line, n + 1);
    s->text_len += n + 1;
    if (s->nlines == (size_t)s->window)
        sink_flush_window(s);
}

static void sink_close(sink *s)
{
    sink_flush_window(s);
    if (s->fp == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            die_io("standard output: write failed");
    } else if (ferror(s->fp) | fclose(s->fp)) { /* '|': close even after an error */
        die_io("%s: write failed", s->name);
    }
    s->fp = NULL;
}

/* Index of the --file receiving minute m, or -1 for standard output. */
static long file_for_minute(const options *opt, long m)
{
    long idx = -1;
    for (size_t i = 0; i < opt->nfiles && opt->files[i].from <= m; i++)
        idx = (long)i;
    return idx;
}

/* ---- generation ------------------------------------------------------------------- */

static void generate(const options *opt)
{
    rng r = {opt->seed};
    client *clients = xrealloc(NULL, sizeof *clients * N_CLIENTS);
    unsigned *seconds = NULL;
    size_t seconds_cap = 0;
    char stamp[32], offset[16], line[LINE_MAX_LEN];
    sink out = {0};
    long current_file = -2;

    make_clients(&r, clients, N_CLIENTS);
    format_offset(opt->offset_s, opt->format == FORMAT_APP ? ":" : "", offset, sizeof offset);

    for (long m = 0; m < opt->minutes; m++) {
        long file = file_for_minute(opt, m);
        if (file != current_file) {
            if (current_file != -2)
                sink_close(&out);
            sink_open(&out, file >= 0 ? opt->files[file].path : NULL, opt->shuffle,
                      opt->seed + (uint64_t)(file + 1));
            current_file = file;
        }

        minute_design d = design_at(opt, m);
        long reqs = requests_in_minute(opt, m, d, rng_unit(&r));
        long fails;
        if (d.seg)
            fails = failures_in_segment_minute(d.fail, reqs);
        else
            fails = reqs >= BASELINE_MIN_REQUESTS && rng_chance(&r, BASELINE_FAIL_PROB);

        /* Seconds of the requests, sorted (counting sort over 0..59). */
        if ((size_t)reqs > seconds_cap) {
            seconds_cap = 2 * (size_t)reqs;
            seconds = xrealloc(seconds, sizeof *seconds * seconds_cap);
        }
        unsigned per_second[60] = {0};
        for (long i = 0; i < reqs; i++)
            per_second[rng_below(&r, 60)]++;
        for (unsigned sec = 0, k = 0; sec < 60; sec++)
            for (unsigned j = 0; j < per_second[sec]; j++)
                seconds[k++] = sec;

        int64_t minute_utc = opt->start_utc + 60 * (int64_t)m;
        if (opt->format == FORMAT_APP) {
            civil c = civil_from_seconds(minute_utc + opt->offset_s);
            snprintf(stamp, sizeof stamp, "%04lld-%02u-%02uT%02u:%02u", (long long)c.year, c.month,
                     c.day, c.hour, c.minute);
        } else {
            format_clf_minute(minute_utc, opt->offset_s, stamp, sizeof stamp);
        }
        line_kind kind = {0, d.seg, d.seg && d.traffic < BAD_TRAFFIC_FACTOR, !d.seg};
        long fails_left = fails;
        for (long i = 0; i < reqs; i++) {
            /* Selection sampling: exactly `fails` of the reqs lines fail. */
            kind.failing = (long)rng_below(&r, (uint32_t)(reqs - i)) < fails_left;
            fails_left -= kind.failing;
            int n = format_line(&r, opt, clients, stamp, offset, seconds[i], kind, line,
                                sizeof line);
            if (n < 0 || (size_t)n >= sizeof line)
                die_io("internal error: log line too long");
            sink_line(&out, line, (size_t)n);
        }
    }
    sink_close(&out);
    free(out.text);
    free(out.starts);
    free(seconds);
    free(clients);
}

/* ---- truth ------------------------------------------------------------------------ */

static void write_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c < 0x20)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

static void write_minute_or_null(FILE *fp, const options *opt, long m)
{
    char iso[40];
    if (m < 0) {
        fputs("null", fp);
        return;
    }
    format_iso_minute(opt->start_utc + 60 * (int64_t)m, opt->truth_offset_s, iso, sizeof iso);
    write_json_string(fp, iso);
}

/* Designed mean requests in minute m: the rate without noise. */
static double designed_requests(const options *opt, long m, minute_design d)
{
    return opt->rate * diurnal_factor(opt, m) * d.traffic;
}

/* faultline's impact, 1 - served/max(R, X), with R and X at their designed means. */
static double designed_impact(minute_design d, double requests, double expected)
{
    double denominator = requests > expected ? requests : expected;
    if (denominator <= 0)
        return 1;
    double impact = 1 - (1 - d.fail) * requests / denominator;
    return impact < 0 ? 0 : impact > 1 ? 1 : impact;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of v[0..n), n > 0; sorts v. */
static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct incident {
    long onset, peak, recovery; /* minutes from --start; recovery -1: not recovered */
    double peak_impact;         /* designed, in [0, 1] */
    int exact;                  /* peak_impact is 1, so the peak minute is certain */
} incident;

/* faultline's expected traffic X at an onset, from the designed means: the median of
 * the last EXPECTED_WINDOW good minutes (history, a ring holding `seen` minutes so
 * far), or, with fewer than EXPECTED_MIN_SEEN, the median of the first
 * EXPECTED_WINDOW minutes of the visible span [first, last]. */
static double designed_expected(const options *opt, long first, long last,
                                const double *history, size_t seen)
{
    double v[EXPECTED_WINDOW];
    size_t n = 0;
    if (seen >= EXPECTED_MIN_SEEN) {
        n = seen < EXPECTED_WINDOW ? seen : EXPECTED_WINDOW;
        memcpy(v, history, n * sizeof *v);
    } else {
        for (long m = first; m <= last && n < EXPECTED_WINDOW; m++)
            v[n++] = designed_requests(opt, m, design_at(opt, m));
    }
    return median(v, n);
}

/* Applies faultline's rules to the designed minute classes (not to the random data).
 * Returns the number of incidents; *out (caller frees) receives them. */
static size_t find_incidents(const options *opt, incident **out)
{
    long first = -1, last = -1; /* minutes with traffic: what faultline can see */
    for (long m = 0; m < opt->minutes; m++)
        if (design_at(opt, m).traffic > 0) {
            if (first < 0)
                first = m;
            last = m;
        }

    double history[EXPECTED_WINDOW];
    size_t seen = 0, n = 0;
    *out = NULL;
    for (long m = first; first >= 0 && m <= last; m++) {
        minute_design d = design_at(opt, m);
        if (!designed_bad(d)) {
            history[seen++ % EXPECTED_WINDOW] = designed_requests(opt, m, d);
            continue;
        }
        if (m == last || !designed_bad(design_at(opt, m + 1)))
            continue; /* one bad minute alone opens nothing */

        incident inc = {m, m, -1, -1, 0};
        long good_run = 0;
        for (long k = m + ONSET_RUN; k <= last && inc.recovery < 0; k++) {
            good_run = designed_bad(design_at(opt, k)) ? 0 : good_run + 1;
            if (good_run == RECOVERY_RUN)
                inc.recovery = k - RECOVERY_RUN + 1;
        }
        double expected = designed_expected(opt, first, last, history, seen);
        long end = inc.recovery >= 0 ? inc.recovery : last + 1;
        for (long k = inc.onset; k < end; k++) {
            minute_design dk = design_at(opt, k);
            double impact = designed_impact(dk, designed_requests(opt, k, dk), expected);
            if (impact > inc.peak_impact) { /* strict: the earliest minute wins ties */
                inc.peak_impact = impact;
                inc.peak = k;
            }
        }
        inc.exact = inc.peak_impact >= 1.0;

        *out = xrealloc(*out, (n + 1) * sizeof **out);
        (*out)[n++] = inc;
        if (inc.recovery < 0)
            break;
        m = inc.recovery - 1; /* the recovery minute is good: it joins the history */
    }
    return n;
}

static void write_truth(const options *opt)
{
    FILE *fp = fopen(opt->truth_path, "w");
    char off[16];
    if (!fp)
        die_io("%s: cannot open for writing", opt->truth_path);
    format_offset(opt->truth_offset_s, ":", off, sizeof off);
    fputs("{\n  \"generator\": ", fp);
    write_json_string(fp, opt->command_line);
    fputs(",\n  \"timezone\": ", fp);
    write_json_string(fp, off);
    fputs(",\n  \"incidents\": [", fp);
    incident *list;
    size_t n = find_incidents(opt, &list);
    for (size_t i = 0; i < n; i++) {
        const incident *inc = &list[i];
        fputs(i ? ",\n    {\"onset\": " : "\n    {\"onset\": ", fp);
        write_minute_or_null(fp, opt, inc->onset);
        fputs(", \"peak\": ", fp);
        write_minute_or_null(fp, opt, inc->exact ? inc->peak : -1);
        fprintf(fp, ", \"peak_impact_pct\": %.1f, \"peak_impact_tolerance\": %.1f",
                100.0 * inc->peak_impact, inc->exact ? 0.0 : PEAK_TOLERANCE_PCT);
        fputs(", \"recovery\": ", fp);
        write_minute_or_null(fp, opt, inc->recovery);
        fputc('}', fp);
        if (!inc->exact && opt->noise > MAX_NOISE_FOR_TOLERANCE)
            warn("incident %zu: a peak impact below 100%% is only checked to +-%.0f points, "
                 "which assumes --noise <= %.0f", i + 1, PEAK_TOLERANCE_PCT,
                 100 * MAX_NOISE_FOR_TOLERANCE);
    }
    fputs(n ? "\n  ]\n}\n" : "]\n}\n", fp);
    free(list);
    if (ferror(fp) | fclose(fp)) /* '|': close even after an error */
        die_io("%s: write failed", opt->truth_path);
}

int main(int argc, char **argv)
{
    options opt;
    parse_args(argc, argv, &opt);
    check_design(&opt);
    generate(&opt);
    if (opt.truth_path)
        write_truth(&opt);
    free_options(&opt);
    return 0;
}
