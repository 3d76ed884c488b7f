/* options.c: option table, parsing and help text. */
#include "options.h"

#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "completion.h"
#include "datadir.h"
#include "examples.h"
#include "exit_codes.h"
#include "manpage.h"
#include "time/layouts.h"
#include "version.h"

typedef enum opt_id {
    OPT_OUTPUT = 'o', OPT_QUIET = 'q', OPT_HELP = 'h', OPT_VERSION = 'V',
    OPT_TZ = 256, OPT_BUCKET, OPT_FAIL_STATUS, OPT_FORMAT, OPT_EVENTS, OPT_MAX_LINE,
    OPT_ERROR_FLOOR, OPT_HEALTHY_MAX, OPT_BASELINE_MULT, OPT_HISTORY, OPT_HISTORY_MIN,
    OPT_MIN_EXPECTED, OPT_COLLAPSE, OPT_ONSET, OPT_RECOVERY, OPT_NO_CHART, OPT_GNUPLOT,
    OPT_LIST_FORMATS, OPT_HELP_MD, OPT_FORMATS_MD, OPT_INPUT_TZ, OPT_YEAR, OPT_EXPLAIN_FORMAT, OPT_LOG_FORMAT, OPT_DATE_FORMAT,
    OPT_TIME_FORMAT, OPT_CHUNK_SIZE, OPT_PATTERNS, OPT_NO_DEFAULT_PATTERNS, OPT_PARTIAL, OPT_NAME,
    OPT_NAME_PREFIX, OPT_HELP_MAN, OPT_HELP_EXIT, OPT_HELP_EXAMPLES, OPT_HELP_BASH, OPT_HELP_ZSH,
    OPT_SILENCE_MIN_RATE, OPT_SILENCE_WINDOW, OPT_SILENCE_GAP_MULT, OPT_SILENCE_MIN_GAP, OPT_MIN_ERROR_ENTRIES,
    OPT_SINCE, OPT_UNTIL, OPT_SIGNIFICANCE, OPT_NO_MINE, OPT_JOBS = 'j'
} opt_id;

static const fl_opt_doc opts[] = {
    {"output", OPT_OUTPUT, "DIR", "Write the report files into DIR (created if needed). Default: ./faultline-report.", "-o incident-2026-11-23/"},
    {"tz", OPT_TZ, "ZONE", "Time zone of the report: IANA name (Africa/Lagos) or fixed offset (+01:00, +1, UTC+1: one hour ahead of UTC, not the POSIX TZ reading); abbreviations such as WAT are refused with the zones that use them. Default: the UTC offset seen in most log lines.", "--tz Africa/Lagos"},
    {"events", OPT_EVENTS, "FILE", "Merge human events into the timeline, one per line: \"YYYY-MM-DD HH:MM[:SS] text\" (in --tz) or ISO 8601 with offset.", "--events pager-log.txt"},
    {"input-tz", OPT_INPUT_TZ, "ZONE", "Zone of log timestamps written without an offset (IANA name or +HH:MM). Default: the offset the other logs of the same directory (else archive, else run) write, else UTC; the terminal and the report say which files were guessed and how.", "--input-tz Europe/Berlin"},
    {"year", OPT_YEAR, "YEAR", "Year of timestamps that carry none (syslog, logcat). Default: from each file's modification time, no line dated after it; for standard input, the latest modification time of the other inputs, else today's date (a note says which).", "--year 2026"},
    {"patterns", OPT_PATTERNS, "FILE|DIR", "Add error signatures from a .pat file or a directory of them (repeatable; format in patterns/README.md). A bad regex stops the run before any log is read.", "--patterns ./our-signatures.pat"},
    {"no-default-patterns", OPT_NO_DEFAULT_PATTERNS, NULL, "Do not load the shipped signature library.", "--no-default-patterns"},
    {"since", OPT_SINCE, "TIME", "Read only records at or after TIME: \"YYYY-MM-DD[ HH:MM[:SS]]\" in --tz, or ISO 8601 with offset. Records outside the window are counted as skipped (outside_window).", "--since '2026-11-23 12:00'"},
    {"until", OPT_UNTIL, "TIME", "Read only records before TIME (as --since).", "--until 2026-11-23T18:00:00+01:00"},
    {"bucket", OPT_BUCKET, "DURATION", "Bucket width: 10s, 1m, 5m, 1h ... Default: 1m.", "--bucket 5m"},
    {"fail-status", OPT_FAIL_STATUS, "LIST", "Statuses that count as failed requests: classes (5xx), codes (429) and ranges (500-504). Default: 5xx.", "--fail-status 5xx,429"},
    {"format", OPT_FORMAT, "NAME", "Force the log format instead of detecting it per file (see --list-formats).", "--format common"},
    {"log-format", OPT_LOG_FORMAT, "SPEC", "Read every file with this GoAccess-style format (%h %^[%d:%t %^] \"%r\" %s %b ...); implies --format custom.", "--log-format '%h %^[%d:%t %^] \"%r\" %s %b'"},
    {"date-format", OPT_DATE_FORMAT, "SPEC", "Date part of --log-format's %d (strptime-like: %d/%b/%Y, %Y-%m-%d ...). Default: %d/%b/%Y.", "--date-format %Y-%m-%d"},
    {"time-format", OPT_TIME_FORMAT, "SPEC", "Time part of --log-format's %t. Default: %H:%M:%S.", "--time-format %H:%M:%S"},
    {"max-line", OPT_MAX_LINE, "BYTES", "Skip (and count) lines longer than this; suffixes k and M. Default: 64k.", "--max-line 1M"},
    {"error-floor", OPT_ERROR_FLOOR, "PCT", "Lowest failure-rate threshold for a bad bucket. Default: 5.", "--error-floor 2"},
    {"healthy-max", OPT_HEALTHY_MAX, "PCT", "Buckets failing less than this form the baseline. Default: 5.", "--healthy-max 5"},
    {"baseline-mult", OPT_BASELINE_MULT, "N", "Threshold is max(error floor, N x baseline failure rate). Default: 3.", "--baseline-mult 4"},
    {"history", OPT_HISTORY, "N", "Expected traffic is the median of the last N healthy buckets. Default: 60.", "--history 120"},
    {"history-min", OPT_HISTORY_MIN, "N", "Until N healthy buckets were seen, expected traffic is the median of the first --history buckets. Default: 10.", "--history-min 5"},
    {"min-expected", OPT_MIN_EXPECTED, "N", "Traffic-collapse rule applies only when expected traffic is at least N requests per bucket. Default: 10.", "--min-expected 20"},
    {"collapse", OPT_COLLAPSE, "PCT", "A bucket with traffic below PCT of expected is bad. Default: 10.", "--collapse 25"},
    {"onset-buckets", OPT_ONSET, "N", "Consecutive bad buckets that start an incident. Default: 2.", "--onset-buckets 3"},
    {"recovery-buckets", OPT_RECOVERY, "N", "Consecutive good buckets that end it (recovery is the first of them). Default: 10.", "--recovery-buckets 15"},
    {"min-error-entries", OPT_MIN_ERROR_ENTRIES, "N", "In archives of server logs only, an incident needs at least N error entries in its window (a warning burst N warning entries) (errors are measured as counts against their own usual rate, and the traffic-collapse rule is off: a source that stops logging is a silence). Default: 5.", "--min-error-entries 10"},
    {"significance", OPT_SIGNIFICANCE, "P", "In archives of server logs only, a window of errors (or of warnings) is an incident when so many error (warning) entries at the usual rate would have a probability of at most P (Poisson). Default: 1e-6.", "--significance 1e-9"},
    {"silence-min-rate", OPT_SILENCE_MIN_RATE, "N", "A source counts as usually logging when it wrote at least N records per bucket on average in the --silence-window buckets before and after a gap. Default: 1.", "--silence-min-rate 0.2"},
    {"silence-window", OPT_SILENCE_WINDOW, "N", "Buckets on each side of a gap from which a source's usual rate and usual longest gap are measured. Default: 60.", "--silence-window 180"},
    {"silence-gap-mult", OPT_SILENCE_GAP_MULT, "N", "A gap is a silence when it is longer than N times the source's usual longest gap (and at least --silence-min-gap buckets). Default: 3.", "--silence-gap-mult 4"},
    {"silence-min-gap", OPT_SILENCE_MIN_GAP, "N", "Shortest silence, in buckets. Default: 10.", "--silence-min-gap 30"},
    {"jobs", OPT_JOBS, "N", "Read N files in parallel. Default: one per core. The report is the same for any N.", "-j 1"},
    {"chunk-size", OPT_CHUNK_SIZE, "BYTES", "Plain files of at least twice this size are split at line boundaries and read by several threads. Default: 32M.", "--chunk-size 64M"},
    {"partial", OPT_PARTIAL, "FILE", "With scan: write the partial result (counters, signatures, inventory) to FILE instead of a report; with merge: write the sum of the partials as one partial. - is stdout.", "--partial web-3.json"},
    {"name", OPT_NAME, "NAME", "Name of the standard input (-) in the inventory and the timeline's evidence. Default: (stdin).", "--name web-3/access.log"},
    {"name-prefix", OPT_NAME_PREFIX, "TEXT", "Put TEXT before the name of every input, so that the same paths read on several hosts stay apart when partials are merged.", "--name-prefix web-3:"},
    {"no-mine", OPT_NO_MINE, NULL, "Do not mine message templates of server-log entries (no \"What changed\" tables, no template rows in the timeline, no templates in report.json).", "--no-mine"},
    {"no-chart", OPT_NO_CHART, NULL, "Do not run gnuplot (error_rate.gp and its data are still written).", "--no-chart"},
    {"gnuplot", OPT_GNUPLOT, "PROGRAM", "gnuplot program used to render the charts. Default: gnuplot.", "--gnuplot /usr/local/bin/gnuplot"},
    {"explain-format", OPT_EXPLAIN_FORMAT, NULL, "Print, per file, the detected format and the detection scores of the best candidates, then stop: nothing is analysed or written.", "--explain-format"},
    {"list-formats", OPT_LIST_FORMATS, NULL, "List the log formats and exit.", "--list-formats"},
    {"quiet", OPT_QUIET, NULL, "Print only errors and warnings: no progress line (shown on a terminal during long reads) and no summary.", "-q"},
    {"help", OPT_HELP, NULL, "Show this help and exit.", "--help"},
    {"version", OPT_VERSION, NULL, "Show the version and exit.", "--version"},
    /* Hidden: the documentation generated from these tables (README, man page,
     * completions; CMake runs the last three at build time). */
    {"help-markdown", OPT_HELP_MD, NULL, NULL, NULL},
    {"help-exit-codes", OPT_HELP_EXIT, NULL, NULL, NULL},
    {"help-examples", OPT_HELP_EXAMPLES, NULL, NULL, NULL},
    {"help-man", OPT_HELP_MAN, NULL, NULL, NULL},
    {"help-bash-completion", OPT_HELP_BASH, NULL, NULL, NULL},
    {"help-zsh-completion", OPT_HELP_ZSH, NULL, NULL, NULL},
    {"help-markdown", OPT_HELP_MD, NULL, NULL, NULL}, /* hidden: README option list */
    {"formats-markdown", OPT_FORMATS_MD, NULL, NULL, NULL}, /* hidden: README format tables */
};
#define N_OPTS (sizeof opts / sizeof opts[0])

static const fl_cmd_doc commands[] = {
    {"scan", "scan --partial FILE [options] PATH...",
     "Read the logs like a plain run, but write a small partial result (counters, signatures, "
     "inventory) to FILE instead of a report: one per host, process or input split."},
    {"merge", "merge [options] PARTIAL...",
     "Add partial results (in any order; - is stdin) and write the same report as one run over "
     "all the logs, or, with --partial, their sum as one partial."},
    {"patterns", "patterns --list | --test LOGFILE [--patterns FILE|DIR]",
     "Show the error-signature library (--list), or run it on each line of a log and show which "
     "signatures fire and where first (--test). Its options: faultline patterns --help."},
    {"templates", "templates [--lines] [--jobs N] PATH...",
     "Mine the message templates of logs (variables shown as <*>) and print them, most frequent "
     "first: count, level, first seen (UTC), inputs, template; --lines prints one line per "
     "record instead. Its options: faultline templates --help."},
};

const char *const fl_cli_description[] = {
    "Reconstruct an outage from HTTP access logs and server logs: onset, peak impact, recovery, "
    "a draft postmortem timeline, report.json, buckets.csv and an error-rate chart.",
    "PATH is a file, a directory (read recursively) or - for stdin; plain, gzip, bzip2, xz or "
    "zstd, or an archive (tar, .tar.gz, .zip ...) whose members are read.",
    "Runs split over hosts or processes: 'scan --partial FILE' reads logs where they are and "
    "writes a small partial result; 'merge' adds partials (in any order, - is stdin) and writes "
    "the same report as one run over all the logs.",
    NULL,
};

const fl_opt_doc *fl_options_table(size_t *n)
{
    *n = N_OPTS;
    return opts;
}

const fl_cmd_doc *fl_commands_table(size_t *n)
{
    *n = sizeof commands / sizeof commands[0];
    return commands;
}

int fl_opt_short(const fl_opt_doc *o)
{
    return o->id > 0 && o->id < 256 ? o->id : 0;
}

void fl_opt_left(const fl_opt_doc *o, char *buf, size_t len)
{
    const char *sp = o->arg ? " " : "", *arg = o->arg ? o->arg : "";
    if (fl_opt_short(o))
        snprintf(buf, len, "-%c, --%s%s%s", fl_opt_short(o), o->name, sp, arg);
    else
        snprintf(buf, len, "    --%s%s%s", o->name, sp, arg);
}

/* Options that change how logs are read: merge takes all of that from the partials. */
static int reads_logs(int id)
{
    switch (id) {
    case OPT_INPUT_TZ: case OPT_YEAR: case OPT_BUCKET: case OPT_FAIL_STATUS: case OPT_FORMAT:
    case OPT_LOG_FORMAT: case OPT_DATE_FORMAT: case OPT_TIME_FORMAT: case OPT_MAX_LINE:
    case OPT_JOBS: case OPT_CHUNK_SIZE: case OPT_EXPLAIN_FORMAT: case OPT_NAME: case OPT_NAME_PREFIX:
    case OPT_SINCE: case OPT_UNTIL:
        return 1;
    }
    return 0;
}

static void usage_line(FILE *f)
{
    fprintf(f, "usage: faultline [options] PATH...\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "       faultline %s\n", commands[i].synopsis);
}

/* text wrapped at 80 columns, each line indented by indent spaces. */
static void print_wrapped(const char *text, int indent)
{
    while (*text) {
        size_t len = strlen(text), cut = len;
        if ((int)len > 80 - indent) {
            cut = (size_t)(80 - indent);
            while (cut > 0 && text[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = len;
        }
        printf("%*s%.*s\n", indent, "", (int)cut, text);
        text += cut;
        while (*text == ' ')
            text++;
    }
}

/* The README's format and timestamp-layout tables, from the tables themselves
 * (tests/cases/readme-in-sync compares them). A '|' in a description is escaped. */
static void formats_markdown(void)
{
    printf("| name | kind | what |\n|---|---|---|\n");
    for (const fl_format *const *f = fl_formats; *f; f++) {
        printf("| `%s` | %s | ", (*f)->name, (*f)->kind == FL_KIND_ACCESS ? "access" : "server");
        for (const char *c = (*f)->description; *c; c++)
            printf(*c == '|' ? "\\|" : "%c", *c);
        printf(" |\n");
    }
    printf("\nTimestamp layouts of `generic` (tried at each of a line's first tokens, in this "
           "order):\n\n| layout | example |\n|---|---|\n");
    for (size_t i = 0; i < fl_layouts_count; i++)
        printf("| `%s` | `%s` |\n", fl_layouts[i].name, fl_layouts[i].example);
}

static void print_help(void)
{
    usage_line(stdout);
    for (size_t i = 0; fl_cli_description[i]; i++) {
        putchar('\n');
        print_wrapped(fl_cli_description[i], 0);
    }
    printf("\nOptions:\n");
    for (size_t i = 0; i < N_OPTS; i++) {
        if (!opts[i].help)
            continue;
        char left[48];
        fl_opt_left(&opts[i], left, sizeof left);
        printf("  %-28s %s\n", left, opts[i].help);
    }
    putchar('\n');
    fl_exit_codes_help(stdout);
    printf("\nExample: faultline logs/ --tz Africa/Lagos -o incident-2026-11-23/\n"
           "More in the manual: man faultline.\n");
}

void fl_options_markdown(void)
{
    printf("| option | what it does | example |\n|---|---|---|\n");
    for (size_t i = 0; i < N_OPTS; i++) {
        if (!opts[i].help)
            continue;
        char shortopt[8] = "";
        if (fl_opt_short(&opts[i]))
            snprintf(shortopt, sizeof shortopt, "-%c, ", opts[i].id);
        printf("| `%s--%s%s%s` | %s | `%s` |\n", shortopt, opts[i].name, opts[i].arg ? " " : "",
               opts[i].arg ? opts[i].arg : "", opts[i].help, opts[i].example);
    }
}

/* A usage problem of the whole command line. */
__attribute__((format(printf, 1, 2))) static fl_cli_action usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "faultline: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    usage_line(stderr);
    fprintf(stderr, "Try 'faultline --help'.\n");
    return FL_CLI_EXIT_USAGE;
}

/* A bad option value; returns 0 (apply's "bad value"). */
/* Edit distance of a and b (each under 64 bytes; longer ones count as far). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 64 || lb >= 64)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The long option nearest to arg ("--tx" -> "--tz"), within 2 edits; 0 when none. */
static int closest_option(const char *arg, char *out, size_t len)
{
    char name[64];
    if (strncmp(arg, "--", 2) != 0)
        return 0;
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    size_t best = 3;
    for (size_t i = 0; i < N_OPTS; i++) {
        size_t d = edit_distance(name, opts[i].name);
        if (d < best) {
            best = d;
            snprintf(out, len, "--%s", opts[i].name);
        }
    }
    return best < 3;
}

static int usage_error(const char *opt, const char *val, const char *why)
{
    usage("--%s '%s': %s", opt, val, why);
    return 0;
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v) || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

/* "10s", "1m", "5m", "1h", "90" (seconds) -> milliseconds. */
static int parse_duration(const char *s, int64_t *ms)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    long long mult = 1000;
    if (end == s || v <= 0)
        return 0;
    if (*end == 's' || *end == 0)
        mult = 1000;
    else if (*end == 'm')
        mult = 60000;
    else if (*end == 'h')
        mult = 3600000;
    else
        return 0;
    if (*end && end[1])
        return 0;
    if (v > 86400000LL / mult)
        return 0;
    *ms = v * mult;
    return 1;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || s[0] == '-')
        return 0;
    if (*end == 'k' || *end == 'K')
        v *= 1024, end++;
    else if (*end == 'M')
        v *= 1024 * 1024, end++;
    if (*end || v < 16 || v > (1ull << 30))
        return 0;
    *out = (size_t)v;
    return 1;
}

/* Apply one option; returns 0 on a bad value (message printed). */
static int apply(fl_options *o, int id, const char *name, const char *arg)
{
    fl_config *c = &o->config;
    fl_detect_opts *d = &c->detect;
    double v;
    switch (id) {
    case OPT_OUTPUT: o->output_dir = arg; return 1;
    case OPT_TZ: o->tz = arg; return 1;
    case OPT_INPUT_TZ: o->input_tz = arg; return 1;
    case OPT_NO_DEFAULT_PATTERNS: o->no_default_patterns = 1; return 1;
    case OPT_PATTERNS:
        if (o->n_patterns == sizeof o->patterns / sizeof o->patterns[0])
            return usage_error(name, arg, "at most 16 --patterns");
        o->patterns[o->n_patterns++] = arg;
        return 1;
    case OPT_LOG_FORMAT: o->log_format = arg; c->format = fl_format_find("custom"); return 1;
    case OPT_DATE_FORMAT: o->date_format = arg; return 1;
    case OPT_TIME_FORMAT: o->time_format = arg; return 1;
    case OPT_EXPLAIN_FORMAT: o->explain_format = 1; return 1;
    case OPT_EVENTS: o->events = arg; return 1;
    case OPT_SINCE: o->since = arg; return 1;
    case OPT_UNTIL: o->until = arg; return 1;
    case OPT_GNUPLOT: o->gnuplot = arg; return 1;
    case OPT_NO_CHART: o->no_chart = 1; return 1;
    case OPT_NO_MINE: o->config.mine = 0; return 1;
    case OPT_QUIET: o->quiet = 1; return 1;
    case OPT_PARTIAL: o->partial = arg; return 1;
    case OPT_NAME: c->stdin_name = arg; return 1;
    case OPT_NAME_PREFIX: c->name_prefix = arg; return 1;
    case OPT_BUCKET:
        /* Buckets are aligned on UTC midnight, so the width must divide a day. */
        return parse_duration(arg, &c->bucket_ms) && 86400000 % c->bucket_ms == 0
                   ? 1
                   : usage_error(name, arg, "expected a duration that divides a day: 10s, 30s, 1m, 5m, 1h");
    case OPT_FAIL_STATUS:
        return fl_config_fail_status(c, arg) == FL_OK
                   ? 1
                   : usage_error(name, arg, "expected a list of classes, codes or ranges such as 5xx,429 or 500-504");
    case OPT_FORMAT:
        if (strcmp(arg, "auto") == 0) {
            c->format = NULL;
            return 1;
        }
        c->format = fl_format_find(arg);
        return c->format ? 1 : usage_error(name, arg, "unknown format (see --list-formats)");
    case OPT_CHUNK_SIZE: {
        size_t v;
        if (!parse_size(arg, &v))
            return usage_error(name, arg, "expected a size such as 64k or 32M");
        c->chunk_bytes = v;
        return 1;
    }
    case OPT_MAX_LINE:
        return parse_size(arg, &c->max_line) ? 1 : usage_error(name, arg, "expected a size from 16 bytes to 1G, e.g. 64k or 1M");
    }
    if (!parse_number(arg, 0, 1e9, &v))
        return usage_error(name, arg, "expected a non-negative number");
    switch (id) {
    case OPT_JOBS:
        if (v != floor(v) || v < 1 || v > 1024)
            return usage_error(name, arg, "expected a number of threads from 1 to 1024");
        o->jobs = (unsigned)v;
        break;
    case OPT_YEAR:
        if (v != floor(v) || v < 1970 || v > 9999)
            return usage_error(name, arg, "expected a year such as 2026");
        c->year = (int)v;
        break;
    case OPT_ERROR_FLOOR: d->error_floor = v / 100; break;
    case OPT_HEALTHY_MAX: d->healthy_max = v / 100; break;
    case OPT_BASELINE_MULT: d->baseline_mult = v; break;
    case OPT_MIN_EXPECTED: d->min_expected = v; break;
    case OPT_COLLAPSE: d->collapse = v / 100; break;
    case OPT_SILENCE_MIN_RATE: d->silence_min_rate = v; break;
    case OPT_SILENCE_GAP_MULT: d->silence_gap_mult = v; break;
    case OPT_SIGNIFICANCE:
        if (v <= 0 || v >= 1)
            return usage_error(name, arg, "expected a probability between 0 and 1, such as 1e-6");
        d->significance = v;
        break;
    default: {
        if (v != floor(v) || v < 1 || v > 100000)
            return usage_error(name, arg, "expected a whole number from 1 to 100000");
        unsigned n = (unsigned)v;
        if (id == OPT_HISTORY) d->history = n;
        else if (id == OPT_HISTORY_MIN) d->history_min = n;
        else if (id == OPT_ONSET) d->onset_buckets = n;
        else if (id == OPT_SILENCE_WINDOW) d->silence_window = n;
        else if (id == OPT_SILENCE_MIN_GAP) d->silence_min_gap = n;
        else if (id == OPT_MIN_ERROR_ENTRIES) d->min_error_entries = n;
        else d->recovery_buckets = n;
    }
    }
    return 1;
}

fl_cli_action fl_options_parse(int argc, char **argv, fl_options *o)
{
    struct option longs[N_OPTS + 1];
    memset(o, 0, sizeof *o);
    if (argc > 1 && (strcmp(argv[1], "scan") == 0 || strcmp(argv[1], "merge") == 0)) {
        o->command = argv[1][0] == 's' ? FL_CMD_SCAN : FL_CMD_MERGE;
        argc--;
        argv++;
    }
    fl_config_defaults(&o->config);
    o->output_dir = "faultline-report";
    o->gnuplot = "gnuplot";
    for (size_t i = 0; i < N_OPTS; i++)
        longs[i] = (struct option){opts[i].name, opts[i].arg ? required_argument : no_argument, NULL, opts[i].id};
    memset(&longs[N_OPTS], 0, sizeof longs[N_OPTS]);
    int c, idx;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:j:qhV", longs, &idx)) != -1) {
        switch (c) {
        case OPT_HELP: print_help(); return FL_CLI_EXIT_OK;
        case OPT_VERSION: fl_print_version(stdout); return FL_CLI_EXIT_OK;
        case OPT_HELP_MD: fl_options_markdown(); return FL_CLI_EXIT_OK;
        case OPT_HELP_EXIT: fl_exit_codes_markdown(stdout); return FL_CLI_EXIT_OK;
        case OPT_HELP_EXAMPLES: fl_examples_write(stdout); return FL_CLI_EXIT_OK;
        case OPT_HELP_MAN: fl_manpage_write(stdout); return FL_CLI_EXIT_OK;
        case OPT_HELP_BASH: fl_completion_bash(stdout); return FL_CLI_EXIT_OK;
        case OPT_HELP_ZSH: fl_completion_zsh(stdout); return FL_CLI_EXIT_OK;
        case OPT_FORMATS_MD: formats_markdown(); return FL_CLI_EXIT_OK;
        case OPT_LIST_FORMATS:
            for (const fl_format *const *f = fl_formats; *f; f++)
                printf("%-16s %-6s  %s\n", (*f)->name,
                       (*f)->kind == FL_KIND_ACCESS ? "access" : "server", (*f)->description);
            return FL_CLI_EXIT_OK;
        case ':':
            return usage("option '%s' needs a value", argv[optind - 1]);
        case '?': {
            char near[64];
            if (closest_option(argv[optind - 1], near, sizeof near))
                return usage("unknown option '%s' (did you mean '%s'?)", argv[optind - 1], near);
            return usage("unknown option '%s'", argv[optind - 1]);
        }
        default: {
            const char *name = "output";
            for (size_t i = 0; i < N_OPTS; i++)
                if (opts[i].id == c)
                    name = opts[i].name;
            if (o->command == FL_CMD_MERGE && reads_logs(c))
                return usage("--%s is how logs are read: merge takes that from the partials", name);
            if (!apply(o, c, name, optarg))
                return FL_CLI_EXIT_USAGE;
        }
        }
    }
    if (o->command == FL_CMD_SCAN && !o->partial)
        return usage("scan writes a partial result: give --partial FILE (- for stdout)");
    if (o->command == FL_CMD_RUN && o->partial)
        return usage("--partial goes with 'faultline scan' or 'faultline merge'");
    o->paths = (const char **)(argv + optind);
    o->n_paths = (size_t)(argc - optind);
    if (o->n_paths == 0)
        return usage(o->command == FL_CMD_MERGE
                            ? "no input: give partial files (from faultline scan --partial) or - for stdin"
                            : "no input: give log files, directories or - for stdin");
    return FL_CLI_RUN;
}
