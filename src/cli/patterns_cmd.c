/* patterns_cmd.c: `faultline patterns --list | --test LOGFILE`. The library is read
 * with src/core/match/patterns.h and the log with input.h + lines.h (plain or gzip), so
 * what --test reports is what the analysis sees for whole lines. */
#include "patterns_cmd.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exit_codes.h"
#include "input/input.h"
#include "input/lines.h"
#include "match/patterns.h"

enum { EXIT_OK = FL_EXIT_OK, EXIT_READ = FL_EXIT_NODATA, EXIT_USAGE = FL_EXIT_USAGE, EXIT_NOMEM = FL_EXIT_NOMEM };

#define MAX_LINE (64 * 1024) /* as the analysis: longer lines are skipped */

typedef struct cmd_opts {
    int list;
    const char *test;           /* LOGFILE */
    const char **paths;         /* --patterns, in order */
    size_t n_paths;
    int no_default;
} cmd_opts;

static void usage_lines(FILE *f)
{
    fprintf(f, "Usage: faultline patterns --list [--patterns FILE|DIR]... [--no-default-patterns]\n"
               "       faultline patterns --test LOGFILE [--patterns FILE|DIR]... "
               "[--no-default-patterns]\n");
}

static const fl_opt_doc options[] = {
    {"list", 0, NULL, "List the signatures: name, category, severity, description.", "--list"},
    {"test", 0, "LOGFILE", "Run every signature on each whole line of LOGFILE (plain or gzip, - for "
     "stdin) and print, per signature that matched, the count and first matching line, then the "
     "totals.", "--test app.log"},
    {"patterns", 0, "FILE|DIR", "Also load a .pat file or a directory of them (name order); may be "
     "repeated.", "--patterns my.pat"},
    {"no-default-patterns", 0, NULL, "Do not load the shipped library.", "--no-default-patterns"},
    {"help", 'h', NULL, "Show this help and exit.", "--help"},
};

const fl_opt_doc *fl_patterns_options(size_t *n)
{
    *n = sizeof options / sizeof options[0];
    return options;
}

static void print_help(const char *default_dir)
{
    usage_lines(stdout);
    printf("\nShow or try the error-signature library.\n\n");
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const fl_opt_doc *o = &options[i];
        char left[48];
        fl_opt_left(o, left, sizeof left);
        printf("  %-26s %s\n", left, o->help);
    }
    if (default_dir)
        printf("\nThe shipped library: %s\n", default_dir);
    printf("\nExit status: 0 ok, 1 the log could not be read, 2 usage error or bad pattern file,\n"
           "3 out of memory. The file format is described in patterns/README.md.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "faultline patterns: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    usage_lines(stderr);
    fprintf(stderr, "Try 'faultline patterns --help'.\n");
    return EXIT_USAGE;
}

/* Value of option name at argv[*i] ("--name VALUE" or "--name=VALUE"); NULL when
 * argv[*i] is not that option. *missing is set when the value is absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    *missing = 0;
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != 0)
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* Parse argv; returns -1 to go on, else an exit code (help printed, usage error). */
static int parse_args(int argc, char **argv, const char *default_dir, cmd_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int missing;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_help(default_dir);
            return EXIT_OK;
        } else if (strcmp(a, "--list") == 0) {
            o->list = 1;
        } else if (strcmp(a, "--no-default-patterns") == 0) {
            o->no_default = 1;
        } else if ((v = opt_value(argc, argv, &i, "--test", &missing)) || missing) {
            if (missing)
                return usage_error("missing value for option '%s'", a);
            if (o->test)
                return usage_error("%s", "--test given twice");
            o->test = v;
        } else if ((v = opt_value(argc, argv, &i, "--patterns", &missing)) || missing) {
            if (missing)
                return usage_error("missing value for option '%s'", a);
            o->paths[o->n_paths++] = v;
        } else if (a[0] == '-' && a[1] != 0) {
            return usage_error("unknown option '%s'", a);
        } else {
            return usage_error("unexpected argument '%s'", a);
        }
    }
    if (o->list == (o->test != NULL))
        return usage_error("%s", "give exactly one of --list and --test LOGFILE");
    if (o->no_default && o->n_paths == 0)
        return usage_error("%s", "--no-default-patterns needs --patterns FILE|DIR");
    if (!o->no_default && !default_dir)
        return usage_error("%s", "no shipped pattern library: use --patterns FILE|DIR");
    return -1;
}

/* Load and compile the library the options ask for; NULL after printing why, with
 * the exit code in *rc. */
static fl_patterns *load_library(const cmd_opts *o, const char *default_dir, int *rc)
{
    fl_patterns *p;
    char err[1024];
    *rc = EXIT_NOMEM;
    if (fl_patterns_new(&p) != FL_OK) {
        fprintf(stderr, "faultline patterns: out of memory\n");
        return NULL;
    }
    fl_status st = FL_OK;
    if (!o->no_default)
        st = fl_patterns_load(p, default_dir, err, sizeof err);
    for (size_t i = 0; st == FL_OK && i < o->n_paths; i++)
        st = fl_patterns_load(p, o->paths[i], err, sizeof err);
    if (st == FL_OK)
        st = fl_patterns_compile(p, err, sizeof err);
    if (st != FL_OK) {
        fprintf(stderr, "faultline patterns: %s\n", st == FL_ERR_NOMEM ? fl_strerror(st) : err);
        fl_patterns_free(p);
        *rc = st == FL_ERR_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
        return NULL;
    }
    return p;
}

static int cmd_list(const fl_patterns *p)
{
    size_t n = fl_patterns_count(p);
    int wn = 4, wc = 8;
    for (size_t i = 0; i < n; i++) {
        const fl_signature_info *s = fl_patterns_info(p, i);
        int a = (int)strlen(s->name), b = (int)strlen(s->category);
        wn = a > wn ? a : wn;
        wc = b > wc ? b : wc;
    }
    printf("%-*s  %-*s  %-8s  %s\n", wn, "NAME", wc, "CATEGORY", "SEVERITY", "DESCRIPTION");
    for (size_t i = 0; i < n; i++) {
        const fl_signature_info *s = fl_patterns_info(p, i);
        printf("%-*s  %-*s  %-8s  %s\n", wn, s->name, wc, s->category,
               fl_severity_name(s->severity), s->description);
    }
    printf("%zu signatures\n", n);
    return EXIT_OK;
}

static int cmd_test(const fl_patterns *p, const char *path)
{
    size_t n = fl_patterns_count(p);
    char err[512];
    fl_source *src;
    if (fl_source_open(path, &src, err, sizeof err) != FL_OK) {
        fprintf(stderr, "faultline patterns: cannot read %s\n", err);
        return EXIT_READ;
    }
    fl_line_reader lr;
    fl_matcher *m = fl_matcher_new(p);
    uint64_t *count = calloc(n + 1, sizeof *count);
    uint64_t *first = calloc(n + 1, sizeof *first);
    uint32_t *hits = malloc((n + 1) * sizeof *hits);
    if (!m || !count || !first || !hits || fl_lines_init(&lr, src, MAX_LINE) != FL_OK) {
        fprintf(stderr, "faultline patterns: out of memory\n");
        fl_matcher_free(m);
        free(count);
        free(first);
        free(hits);
        fl_source_close(src);
        return EXIT_NOMEM;
    }
    const char *line;
    size_t len;
    uint64_t lines = 0, matching = 0;
    while (fl_lines_next(&lr, &line, &len)) {
        lines++;
        size_t k = fl_matcher_run(m, line, len, hits, n);
        matching += k > 0;
        for (size_t j = 0; j < k; j++) {
            if (count[hits[j]]++ == 0)
                first[hits[j]] = lr.lineno;
        }
    }
    int wn = 9, wc = 8;
    size_t fired = 0;
    for (size_t i = 0; i < n; i++) {
        if (!count[i])
            continue;
        const fl_signature_info *s = fl_patterns_info(p, i);
        int a = (int)strlen(s->name), b = (int)strlen(s->category);
        wn = a > wn ? a : wn;
        wc = b > wc ? b : wc;
        fired++;
    }
    if (fired)
        printf("%-*s  %-*s  %-8s  %10s  %s\n", wn, "SIGNATURE", wc, "CATEGORY", "SEVERITY",
               "COUNT", "FIRST-LINE");
    for (size_t i = 0; i < n; i++) {
        if (!count[i])
            continue;
        const fl_signature_info *s = fl_patterns_info(p, i);
        printf("%-*s  %-*s  %-8s  %10llu  %llu\n", wn, s->name, wc, s->category,
               fl_severity_name(s->severity), (unsigned long long)count[i],
               (unsigned long long)first[i]);
    }
    printf("%llu lines, %llu matching at least one signature; %zu of %zu signatures matched",
           (unsigned long long)lines, (unsigned long long)matching, fired, n);
    if (lr.overlong)
        printf("; %llu lines over %d bytes skipped", (unsigned long long)lr.overlong, MAX_LINE);
    printf("\n");
    int rc = EXIT_OK;
    if (lr.status != FL_OK) {
        fprintf(stderr, "faultline patterns: %s: %s; the lines before it were tested\n", path,
                fl_strerror(lr.status));
        rc = EXIT_READ;
    }
    fl_lines_free(&lr);
    fl_source_close(src);
    fl_matcher_free(m);
    free(count);
    free(first);
    free(hits);
    return rc;
}

int fl_cli_patterns(int argc, char **argv, const char *default_dir)
{
    cmd_opts o = {0};
    o.paths = calloc((size_t)(argc > 0 ? argc : 1), sizeof *o.paths);
    if (!o.paths) {
        fprintf(stderr, "faultline patterns: out of memory\n");
        return EXIT_NOMEM;
    }
    int rc = parse_args(argc, argv, default_dir, &o);
    if (rc < 0) {
        fl_patterns *p = load_library(&o, default_dir, &rc);
        if (p)
            rc = o.list ? cmd_list(p) : cmd_test(p, o.test);
        fl_patterns_free(p);
    }
    free(o.paths);
    return rc;
}
