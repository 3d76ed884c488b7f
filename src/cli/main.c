/* main.c: the faultline command: options -> read inputs -> detect -> write reports.
 * All the work happens in src/core; this file only wires it up and talks to the user. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "datadir.h"
#include "detect/events.h"
#include "exit_codes.h"
#include "formats/logformat.h"
#include "inputs.h"
#include "options.h"
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
#include "warn.h"

enum { EXIT_NODATA = FL_EXIT_NODATA, EXIT_USAGE = FL_EXIT_USAGE, EXIT_NOMEM = FL_EXIT_NOMEM,
       EXIT_OUTPUT = FL_EXIT_OUTPUT };

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

/* Fold results (merge: res, a run: pk) into the analysis; 0, or EXIT_NOMEM when
 * memory ran out. */
static int add_results(fl_analysis *an, fl_options *o, fl_result *res, fl_packed *pk, size_t nres)
{
    fl_analysis_init(an, &o->config);
    fl_status st = pk ? fl_analysis_add_packed(an, pk, nres) : fl_analysis_add_results(an, res, nres);
    free(res);
    free(pk);
    if (st != FL_OK) {
        fl_cli_warn("%s", st == FL_ERR_SPAN ? an->span_error : fl_strerror(st));
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
        fl_cli_warn("%s", fl_strerror(FL_ERR_NOMEM));
        rc = EXIT_NOMEM;
    } else if (!*name) {
        fl_cli_warn("--partial '%s': expected a file name", path);
        rc = EXIT_USAGE;
    } else if (fl_outdir_open(od, dir, err, sizeof err) != FL_OK) {
        fl_cli_warn("--partial: %s", err);
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
        fl_cli_warn("cannot write the partial to stdout");
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
        fl_cli_warn("%s; no partial written", dir && od ? err : fl_strerror(FL_ERR_NOMEM));
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
        fl_cli_warn("%s; no report written", err);
        return EXIT_OUTPUT;
    }
    *written = 1;
    if (od->kept[0])
        fl_cli_warn("note: %s/timeline.md had been edited (or was not written by faultline): kept as %s",
             o->output_dir, od->kept);
    int rc = 0;
    fl_status st = o->no_chart ? FL_OK : fl_render_chart(od, o->gnuplot, "error_rate.gp", err, sizeof err);
    if (st == FL_ERR_OPEN) {
        fl_cli_warn("warning: chart not rendered (%s); error_rate.gp and error_rate.dat are written", err);
    } else if (st != FL_OK) {
        fl_cli_warn("charts not rendered: %s; no chart left in place (the other report files are "
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
        fl_cli_warn("%s", fl_strerror(st));
        return EXIT_NOMEM;
    }
    if (!o->no_default_patterns && fl_datadir_find(&dir) &&
        (st = fl_patterns_load(*out, dir.path, err, sizeof err)) != FL_OK) {
        fl_cli_warn("shipped patterns (%s): %s", dir.how, err);
        return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
    }
    for (size_t i = 0; i < o->n_patterns; i++)
        if ((st = fl_patterns_load(*out, o->patterns[i], err, sizeof err)) != FL_OK) {
            fl_cli_warn("--patterns: %s", err);
            return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
        }
    if ((st = fl_patterns_compile(*out, err, sizeof err)) != FL_OK) {
        fl_cli_warn("patterns: %s", err);
        return st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
    }
    return 0;
}

/* One --since/--until value into *ms; 0 after a usage message. */
static int window_time(const char *opt, const char *arg, const fl_tz *tz, int64_t *ms)
{
    int64_t s;
    if (!fl_when_parse(arg, tz, &s)) {
        fl_cli_warn("--%s '%s': expected YYYY-MM-DD[ HH:MM[:SS]] in the --tz zone, or ISO 8601 with an "
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
        fl_cli_warn("--since '%s' is not before --until '%s'", o->since, o->until);
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
        fl_cli_warn("--tz: %s", err);
        return EXIT_USAGE;
    }
    if (o->log_format) {
        if (fl_logformat_compile(o->log_format, o->date_format, o->time_format, log_format, err,
                                 sizeof err) != FL_OK) {
            fl_cli_warn("--log-format: %s", err);
            return EXIT_USAGE;
        }
        o->config.custom_format = *log_format;
    } else if (o->config.format && strcmp(o->config.format->name, "custom") == 0) {
        fl_cli_warn("--format custom needs --log-format");
        return EXIT_USAGE;
    }
    int rc = load_patterns(o, patterns);
    if (rc != 0)
        return rc;
    o->config.patterns = *patterns;
    if (o->input_tz && fl_tz_load(o->input_tz, input_tz, err, sizeof err) != FL_OK) {
        fl_cli_warn("--input-tz: %s", err);
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
            fl_cli_warn("--events: %s", err);
            return EXIT_USAGE;
        }
    }
    return 0;
}

/* Detect incidents in the analysis and write the report into od. */
static int report(fl_options *o, fl_analysis *an, fl_tz **tz, fl_events *events, fl_outdir *od)
{
    char err[512];
    uint32_t *R = NULL, *F = NULL, *W = NULL;
    size_t n = 0;
    fl_detection det = {0};
    fl_liveness live = {0};
    fl_detect_opts dopts;
    size_t lo = 0, hi = 0;
    int rc = 0;
    fl_analysis_detect_opts(an, &dopts);
    fl_analysis_measured_span(an, &lo, &hi);
    if (!*tz && !(*tz = fl_tz_fixed(fl_analysis_main_offset(an)))) {
        fl_cli_warn("%s", fl_strerror(FL_ERR_NOMEM));
        rc = EXIT_NOMEM;
    } else if (o->events && fl_events_load(o->events, *tz, events, err, sizeof err) != FL_OK) {
        fl_cli_warn("--events: %s", err);
        rc = EXIT_USAGE;
    } else if (fl_analysis_series(an, &R, &F, &n) != FL_OK ||
               fl_detect_within(R, F, n, lo, hi, &dopts, &det) != FL_OK ||
               (!an->access_records && (fl_analysis_warnings(an, &W) != FL_OK ||
                                        fl_detect_add_warnings(&det, R, W, n, lo, hi, &dopts) != FL_OK)) ||
               fl_analysis_liveness(an, fl_buckets_first_index(&an->buckets), n, &live) != FL_OK ||
               (!an->access_records && fl_detect_add_silences(&det, &live, R, F) != FL_OK)) {
        fl_cli_warn("%s", fl_strerror(FL_ERR_NOMEM));
        rc = EXIT_NOMEM;
    } else {
        fl_report rep = {an, &det, R, F, n, fl_buckets_first_index(&an->buckets), *tz, events, FL_VERSION, NULL,
                         &live, W};
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
    free(W);
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
        fl_cli_warn("%s", err);
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
        rc = fl_cli_read_partials(o, input_tz, &res, &nres);
    else
        pk = fl_cli_read_inputs(o, &nres, &nomem);
    if (rc == 0 && nomem) {
        fl_cli_warn("%s", fl_strerror(FL_ERR_NOMEM));
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
    size_t failed = rc == 0 ? fl_cli_check_inputs(an) : 0;
    if (rc == 0)
        fl_cli_note_year(o, an);
    if (rc == 0 && o->explain_format) {
        fl_cli_explain_formats(an);
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
        fl_cli_warn("no usable data: no line with a timestamp in a known format was found in the %s",
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
        fl_cli_warn("%s", fl_strerror(FL_ERR_NOMEM));
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
