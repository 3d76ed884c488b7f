/* main.c: the faultline command: options -> read inputs -> detect -> write reports.
 * All the work happens in src/core; this file only wires it up and talks to the user. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis/analysis.h"
#include "datadir.h"
#include "detect/events.h"
#include "exit_codes.h"
#include "formats/logformat.h"
#include "input/input.h"
#include "options.h"
#include "progress.h"
#include "match/patterns.h"
#include "patterns_cmd.h"
#include "templates_cmd.h"
#include "partial/partial.h"
#include "report/escape.h"
#include "report/output.h"
#include "report/report.h"
#include "time/fl_time.h"
#include "time/tz.h"
#include "version.h"

enum { EXIT_NODATA = FL_EXIT_NODATA, EXIT_USAGE = FL_EXIT_USAGE, EXIT_NOMEM = FL_EXIT_NOMEM,
       EXIT_OUTPUT = FL_EXIT_OUTPUT };

/* Every message names inputs, members or lines from other hosts: its control bytes
 * are shown escaped (\x1b), never sent to the terminal. */
__attribute__((format(printf, 1, 2))) static void warn(const char *fmt, ...)
{
    char msg[8192], safe[16384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "faultline: %s\n", fl_esc_term(msg, safe, sizeof safe));
}

/* The output directory whose temporaries SIGINT, SIGTERM and SIGHUP remove. A
 * signal handler reaches only static storage: that is why the CLI has this one
 * mutable static (set while a directory is open, NULL otherwise). */
static fl_outdir *volatile signal_od;

static void on_signal(int sig)
{
    fl_outdir *od = signal_od;
    if (od)
        fl_outdir_abort(od);
    raise(sig); /* SA_RESETHAND: the process dies of the signal, as it would have */
}

static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

/* Warn about an input that was read only in part or not used. Returns 1 when the
 * input could not be read at all. */
static int check_input(const fl_input *in)
{
    if (in->status == FL_ERR_OPEN) {
        warn("cannot read %s", in->error);
        return 1;
    }
    if (in->binary)
        warn("warning: %s: binary content (%s), skipped", in->path, in->format_why);
    else if (in->status != FL_OK && in->lines == 0 && strcmp(in->format, "archive") != 0)
        warn("warning: %s: %s", in->path, in->error); /* a member refused whole */
    else if (in->status != FL_OK)
        warn("warning: %s: %s; the lines before it are used", in->path, in->error);
    else if (in->records == 0 && in->skipped[FL_SKIP_OUTSIDE_WINDOW])
        warn("note: %s: all %llu records are outside --since/--until", in->path,
             (unsigned long long)in->skipped[FL_SKIP_OUTSIDE_WINDOW]);
    else if (in->lines > in->blank && in->records == 0)
        warn("warning: %s: no line in a known format (%s); file not used", in->path, in->format);
    if (in->match_limited)
        warn("warning: %s: %llu lines hit the regex match limit of a signature (counted as not "
             "matching it; a pattern that backtracks too much?)",
             in->path, (unsigned long long)in->match_limited);
    return 0;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Warn about every input that was not read in full; returns how many could not be
 * read at all. */
static size_t check_inputs(const fl_analysis *an)
{
    size_t failed = 0;
    for (size_t i = 0; i < an->n_inputs; i++)
        failed += (size_t)check_input(&an->inputs[i]);
    return failed;
}

/* --explain-format: each input's format and the scores that chose it. */
static void explain_formats(const fl_analysis *an)
{
    char path[8192];
    for (size_t i = 0; i < an->n_inputs; i++)
        if (an->inputs[i].status != FL_ERR_OPEN)
            printf("%s: %s [scores: %s]%s%s\n", fl_esc_term(an->inputs[i].path, path, sizeof path),
                   an->inputs[i].format, an->inputs[i].format_why, an->inputs[i].year_why[0] ? "; " : "",
                   an->inputs[i].year_why);
}

/* A file given twice (or reached again through a link) is read once, with a warning. */
static fl_status drop_repeated(char **files, size_t *nfiles)
{
    char **dups;
    size_t ndups;
    fl_status st = fl_paths_unique(files, nfiles, &dups, &ndups);
    for (size_t i = 0; i < ndups; i++) {
        if (strcmp(dups[2 * i], dups[2 * i + 1]) == 0)
            warn("warning: %s given twice: read once", dups[2 * i]);
        else
            warn("warning: %s is the same file as %s: read once", dups[2 * i], dups[2 * i + 1]);
        free(dups[2 * i]);
        free(dups[2 * i + 1]);
    }
    free(dups);
    return st;
}

/* The year rule for standard input, which has no modification time: without --year,
 * the latest modification time of the other inputs, else today's date. */
static void stdin_year(fl_options *o, char *const *files, size_t n)
{
    int has_stdin = 0;
    int64_t latest = 0;
    struct stat st;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(files[i], "-") == 0)
            has_stdin = 1;
        else if (stat(files[i], &st) == 0 && (int64_t)st.st_mtime > latest)
            latest = (int64_t)st.st_mtime;
    }
    if (!has_stdin || o->config.year)
        return;
    o->config.default_mtime = latest ? latest : (int64_t)time(NULL);
    o->year_from = latest ? "the latest modification time of the other inputs" : "today's date";
}

/* Say which year was assumed for the inputs dated by the year rule without an mtime. */
static void note_year(const fl_options *o, const fl_analysis *an)
{
    fl_civil c;
    fl_civil_from_seconds(o->config.default_mtime, &c);
    for (size_t i = 0; i < an->n_inputs; i++)
        if (an->inputs[i].year_assumed)
            warn("note: %s has no modification time: its timestamps without a "
                 "year are dated up to %04d-%02u (%s); --year sets the year",
                 an->inputs[i].path, (int)c.year, c.month, o->year_from ? o->year_from : "1970");
}

/* Read every path into results, the unreadable ones as failed inputs; sets *nomem
 * when memory ran out. */
static fl_packed *read_inputs(fl_options *o, size_t *nres, int *nomem)
{
    char **files, **bad;
    size_t nfiles, nbad;
    fl_packed *res = NULL;
    *nres = 0;
    *nomem = fl_expand_paths(o->paths, o->n_paths, &files, &nfiles, &bad, &nbad) != FL_OK;
    /* Sorted, so that the work does not depend on the order of the arguments. */
    if (nfiles)
        qsort(files, nfiles, sizeof *files, cmp_path);
    if (!*nomem)
        *nomem = drop_repeated(files, &nfiles) != FL_OK;
    stdin_year(o, files, nfiles);
    progress prog;
    progress_start(&prog, o, files, nfiles);
    if (prog.running)
        o->config.progress = &prog.bytes;
    if (!*nomem && fl_analysis_read_files(&o->config, files, nfiles, o->jobs, &res, nres) != FL_OK)
        *nomem = 1;
    progress_stop(&prog);
    o->config.progress = NULL;
    fl_packed *all = *nomem ? NULL : realloc(res, (*nres + nbad + 1) * sizeof *res);
    if (all)
        res = all;
    for (size_t i = 0; i < nbad; i++) {
        char why[512];
        fl_result r;
        snprintf(why, sizeof why, "%s: %s", bad[2 * i], bad[2 * i + 1]);
        if (!all || fl_result_failed(&o->config, bad[2 * i], why, &r) != FL_OK) {
            if (all)
                fl_result_free(&r);
            *nomem = 1;
        } else if (fl_result_pack(&r, &res[*nres]) == FL_OK) {
            (*nres)++;
        } else {
            *nomem = 1;
        }
        free(bad[2 * i]);
        free(bad[2 * i + 1]);
    }
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(bad);
    return res;
}

/* Partials are merged only when they were made alike, and with this run's library. */
typedef struct merge_check {
    fl_options *o;
    fl_partial_header first;  /* of the first partial read */
    int have_first;
    fl_tz **input_tz;         /* loaded from the first partial's --input-tz */
} merge_check;

static int check_partial(const fl_partial_header *h, void *ctx, char *err, size_t errlen)
{
    merge_check *m = ctx;
    if (m->have_first)
        return fl_partial_header_differs(h, &m->first, err, errlen);
    fl_partial_header here = *h;
    here.n_sig = m->o->config.patterns ? fl_patterns_count(m->o->config.patterns) : 0;
    here.sig_digest = m->o->config.patterns ? fl_patterns_digest(m->o->config.patterns) : 0;
    if (fl_partial_header_differs(h, &here, err, errlen))
        return 1;
    /* The run becomes what the partials were made with. */
    fl_config *c = &m->o->config;
    c->bucket_ms = h->bucket_ms;
    if (fl_config_fail_status(c, h->fail_status) != FL_OK) {
        snprintf(err, errlen, "bad fail_status '%s'", h->fail_status);
        return 1;
    }
    if (h->input_tz[0] && fl_tz_load(h->input_tz, m->input_tz, err, errlen) != FL_OK)
        return 1;
    c->input_tz = *m->input_tz;
    m->first = *h;
    m->have_first = 1;
    return 0;
}

/* Read every partial named on the command line ("-" = stdin). Returns 0, or
 * EXIT_USAGE after saying why. */
static int read_partial_files(fl_options *o, merge_check *m, fl_partial_id *ids, fl_result **res,
                              size_t *nres, char *err, size_t errlen);

/* Whether partial file f (path i of o) has the content of an earlier one, with a
 * warning then: it is merged once. ids[0..i) are the earlier files' (size 0: stdin). */
static int repeated_partial(const fl_options *o, FILE *f, size_t i, fl_partial_id *ids)
{
    if (fl_partial_identify(f, &ids[i]) != FL_OK) {
        ids[i].size = 0;
        return 0;
    }
    for (size_t k = 0; k < i; k++)
        if (ids[k].size && ids[k].size == ids[i].size && ids[k].digest == ids[i].digest) {
            warn("warning: partial %s has the same content as %s: merged once", o->paths[i], o->paths[k]);
            return 1;
        }
    return 0;
}

static int read_partials(fl_options *o, fl_tz **input_tz, fl_result **res, size_t *nres)
{
    merge_check m = {o, {0}, 0, input_tz};
    char err[1024];
    fl_partial_id *ids = calloc(o->n_paths ? o->n_paths : 1, sizeof *ids);
    if (!ids) {
        warn("%s", fl_strerror(FL_ERR_NOMEM));
        return EXIT_USAGE;
    }
    int rc = read_partial_files(o, &m, ids, res, nres, err, sizeof err);
    free(ids);
    return rc;
}

/* Read the partials named in o, each file once (ids: their identities). */
static int read_partial_files(fl_options *o, merge_check *m, fl_partial_id *ids, fl_result **res,
                              size_t *nres, char *err, size_t errlen)
{
    for (size_t i = 0; i < o->n_paths; i++) {
        int is_stdin = strcmp(o->paths[i], "-") == 0;
        FILE *f = is_stdin ? stdin : fopen(o->paths[i], "r");
        if (!f) {
            warn("cannot read partial %s: %s", o->paths[i], strerror(errno));
            return EXIT_USAGE;
        }
        if (!is_stdin && repeated_partial(o, f, i, ids)) {
            fclose(f);
            continue;
        }
        fl_status st = fl_partial_read(f, is_stdin ? "(stdin)" : o->paths[i], o->config.max_span,
                                       check_partial, m, res, nres, err, errlen);
        if (!is_stdin)
            fclose(f);
        if (st != FL_OK) {
            warn("%s", st == FL_ERR_NOMEM ? fl_strerror(st) : err);
            return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
        }
    }
    return 0;
}

/* Fold results (merge: res, a run: pk) into the analysis; 0, or EXIT_NOMEM when
 * memory ran out. */
static int add_results(fl_analysis *an, fl_options *o, fl_result *res, fl_packed *pk, size_t nres)
{
    fl_analysis_init(an, &o->config);
    fl_status st = pk ? fl_analysis_add_packed(an, pk, nres) : fl_analysis_add_results(an, res, nres);
    free(res);
    free(pk);
    if (st != FL_OK) {
        warn("%s", st == FL_ERR_SPAN ? an->span_error : fl_strerror(st));
        return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
    }
    return 0;
}

/* The directory of a partial's path (".", "/" or the part before the last '/'),
 * malloc'd, and its file name in *name; NULL when out of memory. */
static char *partial_dir(const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    *name = slash ? slash + 1 : path;
    if (!slash)
        return strdup(".");
    return slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
}

/* A zeroed output directory on the heap (see run()); NULL when memory ran out. */
static fl_outdir *outdir_new(void)
{
    return calloc(1, sizeof(fl_outdir));
}

/* Check, before any log is read, that the partial can be written; 0 or EXIT_USAGE. */
static int check_partial_path(const char *path)
{
    char err[512];
    const char *name;
    if (strcmp(path, "-") == 0)
        return 0;
    char *dir = partial_dir(path, &name);
    fl_outdir *od = outdir_new();
    int rc = 0;
    if (!dir || !od) {
        warn("%s", fl_strerror(FL_ERR_NOMEM));
        rc = EXIT_NOMEM;
    } else if (!*name) {
        warn("--partial '%s': expected a file name", path);
        rc = EXIT_USAGE;
    } else if (fl_outdir_open(od, dir, err, sizeof err) != FL_OK) {
        warn("--partial: %s", err);
        rc = EXIT_USAGE;
    } else {
        fl_outdir_close(od);
    }
    free(od);
    free(dir);
    return rc;
}

/* Write the analysis as one partial to path ("-" = stdout), atomically: on failure
 * nothing is left behind. 0 or EXIT_OUTPUT. */
static int write_partial(const fl_analysis *an, const char *path)
{
    char err[512] = "";
    const char *name;
    if (strcmp(path, "-") == 0) {
        if (fl_partial_write(an, stdout) == FL_OK)
            return 0;
        warn("cannot write the partial to stdout");
        return EXIT_OUTPUT;
    }
    char *dir = partial_dir(path, &name);
    fl_outdir *od = outdir_new();
    int rc = 0;
    FILE *f = NULL;
    if (!dir || !od || fl_outdir_open(od, dir, err, sizeof err) != FL_OK) {
        rc = EXIT_OUTPUT;
    } else {
        signal_od = od;
        fl_status st = (f = fl_outdir_create(od, name, err, sizeof err)) ? fl_partial_write(an, f) : FL_ERR_IO;
        if (f && st != FL_OK)
            snprintf(err, sizeof err, "%s: %s", path, fl_strerror(st));
        if (st != FL_OK || fl_outdir_commit(od, err, sizeof err) != FL_OK)
            rc = EXIT_OUTPUT;
        signal_od = NULL;
        fl_outdir_close(od);
    }
    if (rc)
        warn("%s; no partial written", dir && od ? err : fl_strerror(FL_ERR_NOMEM));
    free(od);
    free(dir);
    return rc;
}

/* Write every report file (the table in src/core/report/outputs.c), then draw the
 * charts, then remove our files that this run no longer writes (a stale
 * incident_3.png). Returns 0, or EXIT_OUTPUT when a file could not be written
 * (*written stays 0: nothing was replaced) or the charts failed (*written: the
 * other files are in place, no chart of this run or an earlier one is). */
static int write_reports(const fl_report *rep, const fl_options *o, fl_outdir *od, int *written)
{
    char err[512];
    *written = 0;
    if (fl_write_outputs(rep, od, o->jobs != 1, err, sizeof err) != FL_OK) {
        warn("%s; no report written", err);
        return EXIT_OUTPUT;
    }
    *written = 1;
    if (od->kept[0])
        warn("note: %s/timeline.md had been edited (or was not written by faultline): kept as %s",
             o->output_dir, od->kept);
    int rc = 0;
    fl_status st = o->no_chart ? FL_OK : fl_render_chart(od, o->gnuplot, "error_rate.gp", err, sizeof err);
    if (st == FL_ERR_OPEN) {
        warn("warning: chart not rendered (%s); error_rate.gp and error_rate.dat are written", err);
    } else if (st != FL_OK) {
        warn("charts not rendered: %s; no chart left in place (the other report files are "
             "written; 'gnuplot error_rate.gp' in %s redraws them)", err, o->output_dir);
        rc = EXIT_OUTPUT;
    }
    fl_outdir_prune(od, fl_output_is_ours);
    return rc;
}

/* The shipped library (unless --no-default-patterns) and every --patterns, compiled;
 * a bad file stops the run here, before any log is read. Returns 0, EXIT_USAGE or
 * EXIT_NOMEM. */
static int load_patterns(const fl_options *o, fl_patterns **out)
{
    char err[512];
    fl_datadir dir;
    fl_status st = fl_patterns_new(out);
    if (st != FL_OK) {
        warn("%s", fl_strerror(st));
        return EXIT_NOMEM;
    }
    if (!o->no_default_patterns && fl_datadir_find(&dir) &&
        (st = fl_patterns_load(*out, dir.path, err, sizeof err)) != FL_OK) {
        warn("shipped patterns (%s): %s", dir.how, err);
        return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
    }
    for (size_t i = 0; i < o->n_patterns; i++)
        if ((st = fl_patterns_load(*out, o->patterns[i], err, sizeof err)) != FL_OK) {
            warn("--patterns: %s", err);
            return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
        }
    if ((st = fl_patterns_compile(*out, err, sizeof err)) != FL_OK) {
        warn("patterns: %s", err);
        return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
    }
    return 0;
}

/* One --since/--until value into *ms; 0 after a usage message. */
static int window_time(const char *opt, const char *arg, const fl_tz *tz, int64_t *ms)
{
    int64_t s;
    if (!fl_when_parse(arg, tz, &s)) {
        warn("--%s '%s': expected YYYY-MM-DD[ HH:MM[:SS]] in the --tz zone, or ISO 8601 with an "
             "offset (2026-11-23T12:00:00+01:00)%s", opt, arg, tz ? "" : "; without --tz, write the offset");
        return 0;
    }
    *ms = s * 1000;
    return 1;
}

/* --since/--until into the configuration (times in --tz, known before reading). */
static int prepare_window(fl_options *o, const fl_tz *tz)
{
    fl_config *c = &o->config;
    if ((o->since && !window_time("since", o->since, tz, &c->since_ms)) ||
        (o->until && !window_time("until", o->until, tz, &c->until_ms)))
        return EXIT_USAGE;
    if (c->since_ms >= c->until_ms) {
        warn("--since '%s' is not before --until '%s'", o->since, o->until);
        return EXIT_USAGE;
    }
    return 0;
}

/* Everything checked before any log is read: zones, --log-format, the signature
 * library, the events file. Returns 0 or EXIT_USAGE. */
static int prepare(fl_options *o, fl_tz **tz, fl_tz **input_tz, fl_logformat **log_format,
                   fl_patterns **patterns, fl_events *events)
{
    char err[512];
    if (o->tz && fl_tz_load(o->tz, tz, err, sizeof err) != FL_OK) {
        warn("--tz: %s", err);
        return EXIT_USAGE;
    }
    if (o->log_format) {
        if (fl_logformat_compile(o->log_format, o->date_format, o->time_format, log_format, err,
                                 sizeof err) != FL_OK) {
            warn("--log-format: %s", err);
            return EXIT_USAGE;
        }
        o->config.custom_format = *log_format;
    } else if (o->config.format && strcmp(o->config.format->name, "custom") == 0) {
        warn("--format custom needs --log-format");
        return EXIT_USAGE;
    }
    int rc = load_patterns(o, patterns);
    if (rc != 0)
        return rc;
    o->config.patterns = *patterns;
    if (o->input_tz && fl_tz_load(o->input_tz, input_tz, err, sizeof err) != FL_OK) {
        warn("--input-tz: %s", err);
        return EXIT_USAGE;
    }
    o->config.input_tz = *input_tz; /* set before any reading */
    if ((rc = prepare_window(o, *tz)) != 0)
        return rc;
    if (o->events) { /* check the file before reading any log; times are resolved later */
        fl_tz *utc = fl_tz_fixed(0);
        fl_status st = fl_events_load(o->events, utc, events, err, sizeof err);
        fl_tz_free(utc);
        fl_events_free(events);
        if (st != FL_OK) {
            warn("--events: %s", err);
            return EXIT_USAGE;
        }
    }
    return 0;
}

/* Detect incidents in the analysis and write the report into od. */
static int report(fl_options *o, fl_analysis *an, fl_tz **tz, fl_events *events, fl_outdir *od)
{
    char err[512];
    uint32_t *R = NULL, *F = NULL;
    size_t n = 0;
    fl_detection det = {0};
    fl_liveness live = {0};
    fl_detect_opts dopts;
    size_t lo = 0, hi = 0;
    int rc = 0;
    fl_analysis_detect_opts(an, &dopts);
    fl_analysis_measured_span(an, &lo, &hi);
    if (!*tz && !(*tz = fl_tz_fixed(fl_analysis_main_offset(an)))) {
        warn("%s", fl_strerror(FL_ERR_NOMEM));
        rc = EXIT_NOMEM;
    } else if (o->events && fl_events_load(o->events, *tz, events, err, sizeof err) != FL_OK) {
        warn("--events: %s", err);
        rc = EXIT_USAGE;
    } else if (fl_analysis_series(an, &R, &F, &n) != FL_OK ||
               fl_detect_within(R, F, n, lo, hi, &dopts, &det) != FL_OK ||
               fl_analysis_liveness(an, fl_buckets_first_index(&an->buckets), n, &live) != FL_OK ||
               (!an->access_records && fl_detect_add_silences(&det, &live, R, F) != FL_OK)) {
        warn("%s", fl_strerror(FL_ERR_NOMEM));
        rc = EXIT_NOMEM;
    } else {
        fl_report rep = {an, &det, R, F, n, fl_buckets_first_index(&an->buckets), *tz, events, FL_VERSION, NULL,
                         &live};
        int written;
        rc = write_reports(&rep, o, od, &written);
        if (written && !o->quiet) {
            fl_write_summary(&rep, stdout);
            char dir[4096];
            printf("report: %s/timeline.md (draft postmortem), report.html, report.json, buckets.csv, error_rate.png\n",
                   fl_esc_term(o->output_dir, dir, sizeof dir));
        }
    }
    fl_detection_free(&det);
    fl_liveness_free(&live);
    free(R);
    free(F);
    return rc;
}

/* The run after prepare(), with the report's output directory od (zeroed, not yet
 * open). */
static int run_into(fl_options *o, fl_analysis *an, fl_tz **tz, fl_tz **input_tz, fl_events *events,
                    fl_outdir *od)
{
    char err[512];
    int rc = 0; /* only merge's read_partials sets it before it is tested */
    /* A partial goes to one file, a report to a directory: checked before reading. */
    o->config.keep_inputs = o->partial != NULL;
    if (o->explain_format) /* every input is explained: none is summed */
        o->config.inventory_cap = SIZE_MAX;
    /* --explain-format only explains: no report, no output directory. */
    if (!o->partial && !o->explain_format && fl_outdir_open(od, o->output_dir, err, sizeof err) != FL_OK) {
        warn("%s", err);
        return EXIT_USAGE;
    }
    signal_od = o->partial ? NULL : od;
    if (o->partial && (rc = check_partial_path(o->partial)) != 0)
        return rc;
    fl_result *res = NULL;
    fl_packed *pk = NULL;
    size_t nres = 0;
    int nomem = 0;
    if (o->command == FL_CMD_MERGE)
        rc = read_partials(o, input_tz, &res, &nres);
    else
        pk = read_inputs(o, &nres, &nomem);
    if (rc == 0 && nomem) {
        warn("%s", fl_strerror(FL_ERR_NOMEM));
        rc = EXIT_NOMEM;
    }
    if (rc != 0) {
        for (size_t i = 0; i < nres; i++) {
            if (res)
                fl_result_free(&res[i]);
            if (pk)
                fl_packed_free(&pk[i]);
        }
        free(res);
        free(pk);
        signal_od = NULL;
        fl_outdir_close(od);
        return rc;
    }
    rc = add_results(an, o, res, pk, nres);
    size_t failed = rc == 0 ? check_inputs(an) : 0;
    if (rc == 0)
        note_year(o, an);
    if (rc == 0 && o->explain_format) {
        explain_formats(an);
        signal_od = NULL;
        fl_outdir_close(od);
        return failed ? EXIT_USAGE : 0;
    }
    /* A partial without usable data is still a partial (an engine's input split of
     * blank or unknown lines): written, exit 0; the merge of all decides. */
    if (rc == 0 && an->records == 0 && o->partial)
        fprintf(stderr, "faultline: note: no usable data in the %s; the partial is written (exit 0: "
                        "the merge of all partials tells)\n", an->n_inputs == 1 ? "input" : "inputs");
    else if (rc == 0 && an->records == 0)
        warn("no usable data: no line with a timestamp in a known format was found in the %s",
             an->n_inputs == 1 ? "input" : "inputs");
    if (rc == 0 && o->partial)
        rc = write_partial(an, o->partial);
    else if (rc == 0 && an->records)
        rc = report(o, an, tz, events, od);
    if (rc == 0 && failed)
        rc = EXIT_USAGE;
    else if (rc == 0 && an->records == 0 && !o->partial)
        rc = EXIT_NODATA;
    signal_od = NULL;
    fl_outdir_close(od);
    return rc;
}

/* Prepare, then read and report. fl_outdir holds fixed path buffers (the signal
 * handler reads them): tens of KiB, kept off the stack, whose growth under an
 * address-space limit is a SIGSEGV where malloc would fail cleanly. */
static int run(fl_options *o, fl_analysis *an, fl_tz **tz, fl_tz **input_tz,
               fl_logformat **log_format, fl_patterns **patterns, fl_events *events)
{
    int rc = prepare(o, tz, input_tz, log_format, patterns, events);
    if (rc != 0)
        return rc;
    fl_outdir *od = outdir_new();
    if (!od) {
        warn("%s", fl_strerror(FL_ERR_NOMEM));
        return EXIT_NOMEM;
    }
    rc = run_into(o, an, tz, input_tz, events, od);
    free(od);
    return rc;
}

int main(int argc, char **argv)
{
    fl_options o;
    fl_datadir dir;
    if (argc > 1 && strcmp(argv[1], "patterns") == 0)
        return fl_cli_patterns(argc - 1, argv + 1, fl_datadir_find(&dir) ? dir.path : NULL);
    if (argc > 1 && strcmp(argv[1], "templates") == 0)
        return fl_cli_templates(argc - 1, argv + 1);
    switch (fl_options_parse(argc, argv, &o)) {
    case FL_CLI_EXIT_OK: return 0;
    case FL_CLI_EXIT_USAGE: return EXIT_USAGE;
    case FL_CLI_RUN: break;
    }
    catch_signals();
    fl_analysis an = {0}; /* zero: safe to free if run() stops before it starts */
    fl_tz *tz = NULL, *input_tz = NULL;
    fl_logformat *log_format = NULL;
    fl_patterns *patterns = NULL;
    fl_events events = {0};
    int rc = run(&o, &an, &tz, &input_tz, &log_format, &patterns, &events);
    fl_logformat_free(log_format);
    fl_events_free(&events);
    fl_tz_free(tz);
    fl_tz_free(input_tz);
    fl_analysis_free(&an);
    fl_patterns_free(patterns);
    return rc;
}
