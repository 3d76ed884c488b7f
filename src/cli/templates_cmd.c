/* templates_cmd.c: `faultline templates`. The logs are read by the analysis
 * (formats, archives, gzip, threads) with mining of every line on (cfg.mine = 2:
 * server-log messages, other lines whole); the unified templates are printed, or with
 * --lines a second pass (one thread, input order) names each record's template. */
#include "templates_cmd.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/analysis.h"
#include "analysis/mined.h"
#include "input/input.h"

enum { EXIT_OK = 0, EXIT_NODATA = 1, EXIT_USAGE = 2 };

typedef struct tmpl_opts {
    int lines;
    unsigned jobs;
    char **paths;
    size_t n_paths;
} tmpl_opts;

static void usage(FILE *f)
{
    fprintf(f, "Usage: faultline templates [--lines] [--jobs N] PATH...\n");
}

static void help(void)
{
    usage(stdout);
    printf("\nMine the message templates of logs (variables shown as <*>) and print them,\n"
           "most frequent first: count, level, first seen (UTC), inputs, template.\n"
           "Server-log entries are mined by their message (a stack trace by its first\n"
           "line); access-log lines and lines of a file in no known format whole.\n"
           "\n"
           "  --lines       One line per record instead, in input order:\n"
           "                INPUT<TAB>LINE<TAB>TEMPLATE_ID<TAB>TEMPLATE (LINE is 1-based).\n"
           "  -j, --jobs N  Read files with N threads (default: all cores); the templates\n"
           "                are the same for any N.\n"
           "  -h, --help    Show this help and exit.\n"
           "\n"
           "Exit status: 0 ok, 1 no line could be mined, 2 usage error or unreadable input.\n");
}

/* Parse argv; returns -1 to run, else the exit code. */
static int parse(int argc, char **argv, tmpl_opts *o)
{
    memset(o, 0, sizeof *o);
    o->paths = calloc((size_t)argc, sizeof *o->paths);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help();
            return EXIT_OK;
        } else if (!strcmp(a, "--lines")) {
            o->lines = 1;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strncmp(a, "-j", 2) ||
                   !strncmp(a, "--jobs=", 7)) {
            /* -j N, --jobs N, -jN, --jobs=N */
            const char *v = a[1] == 'j' ? (a[2] ? a + 2 : NULL) : (a[6] == '=' ? a + 7 : NULL);
            if (!v)
                v = i + 1 < argc ? argv[++i] : "";
            char *end;
            long n = *v ? strtol(v, &end, 10) : -1;
            if (n < 0 || n > 1024 || (*v && *end)) {
                fprintf(stderr, "faultline templates: --jobs needs a number 0..1024\n");
                return EXIT_USAGE;
            }
            o->jobs = (unsigned)n;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "faultline templates: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else {
            o->paths[o->n_paths++] = argv[i];
        }
    }
    if (!o->n_paths) {
        usage(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the paths into an (with cfg's mining); returns how many inputs could not be
 * read, or -1 when out of memory. */
static long read_all(fl_analysis *an, const tmpl_opts *o, unsigned jobs)
{
    char **files, **bad;
    size_t nfiles, nbad;
    if (fl_expand_paths((const char *const *)o->paths, o->n_paths, &files, &nfiles, &bad, &nbad) != FL_OK)
        return -1;
    qsort(files, nfiles, sizeof *files, cmp_str); /* input order: by name */
    long failed = (long)nbad;
    for (size_t i = 0; i < nbad; i++) {
        if (an->cfg->on_message == NULL)
            fprintf(stderr, "faultline templates: cannot read %s: %s\n", bad[2 * i], bad[2 * i + 1]);
        free(bad[2 * i]);
        free(bad[2 * i + 1]);
    }
    if (fl_analysis_add_files(an, files, nfiles, jobs) != FL_OK)
        failed = -1;
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(bad);
    for (size_t i = 0; failed >= 0 && i < an->n_inputs; i++)
        if (an->inputs[i].status == FL_ERR_OPEN) {
            if (an->cfg->on_message == NULL)
                fprintf(stderr, "faultline templates: cannot read %s\n", an->inputs[i].error);
            failed++;
        }
    return failed;
}

static void iso(char *out, size_t cap, const fl_tmpl_info *t)
{
    if (!t->has_time) {
        snprintf(out, cap, "-");
        return;
    }
    time_t s = (time_t)(t->first_ms >= 0 ? t->first_ms / 1000 : (t->first_ms - 999) / 1000);
    struct tm tm;
    gmtime_r(&s, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The templates, most frequent first (ties: by text); 1 when out of memory. */
static int print_table(const fl_analysis *an)
{
    const fl_mined *md = an->mined;
    size_t n = fl_miner_slots(md->miner), k = 0;
    uint64_t total = fl_miner_other(md->miner);
    uint32_t *order = malloc((n + 1) * sizeof *order);
    if (!order)
        return 1;
    for (uint32_t s = 0; s < n; s++)
        if (fl_miner_count(md->miner, s))
            order[k++] = s;
    if (fl_sort_slots_by_count(md, order, k) != FL_OK) {
        free(order);
        return 1;
    }
    printf("%10s  %-5s  %-20s  %-24s  %s\n", "COUNT", "LEVEL", "FIRST SEEN", "INPUTS", "TEMPLATE");
    for (size_t i = 0; i < k; i++) {
        const fl_tmpl_info *t = &md->info[order[i]];
        char when[32], where[512] = "";
        iso(when, sizeof when, t);
        for (size_t j = 0, o = 0; j < t->n_inputs && o < sizeof where; j++)
            o += (size_t)snprintf(where + o, sizeof where - o, "%s%s", j ? "," : "", an->inputs[t->inputs[j]].path);
        uint64_t c = fl_miner_count(md->miner, order[i]);
        total += c;
        printf("%10" PRIu64 "  %-5s  %-20s  %-24s  %s\n", c, t->level ? fl_level_name((fl_level)t->level) : "-",
               when, where, fl_miner_text(md->miner, order[i]));
    }
    printf("%zu templates, %" PRIu64 " lines; %" PRIu64 " in templates dropped at the cap of %d\n", k, total,
           fl_miner_other(md->miner), FL_MINER_CAP);
    free(order);
    return 0;
}

/* --lines: each message's template in the final miner. */
static void print_line(void *ctx, const fl_input *in, uint64_t lineno, const char *msg, size_t len)
{
    const fl_miner *m = ctx;
    uint32_t s = fl_miner_match(m, msg, len);
    if (s == FL_MINER_NONE)
        printf("%s\t%" PRIu64 "\t-\t(other)\n", in->path, lineno);
    else
        printf("%s\t%" PRIu64 "\t%016" PRIx64 "\t%s\n", in->path, lineno, fl_miner_id(m, s), fl_miner_text(m, s));
}

/* Messages mined in all (0 when an holds none). */
static uint64_t mined_total(const fl_analysis *an)
{
    if (!an->mined)
        return 0;
    uint64_t n = fl_miner_other(an->mined->miner);
    for (uint32_t s = 0; s < fl_miner_slots(an->mined->miner); s++)
        n += fl_miner_count(an->mined->miner, s);
    return n;
}

int fl_cli_templates(int argc, char **argv)
{
    tmpl_opts o;
    int rc = parse(argc, argv, &o);
    if (rc >= 0) {
        free(o.paths);
        return rc;
    }
    fl_config cfg;
    fl_config_defaults(&cfg);
    cfg.mine = 2;
    cfg.chunk_bytes = UINT64_MAX / 4; /* whole files: a file's lines are mined in order */
    /* No time series is printed: day buckets let logs of years be mined (a run's
     * minute buckets refuse a span beyond FL_RUN_MAX_SPAN). */
    cfg.bucket_ms = 86400000;
    fl_analysis an;
    fl_analysis_init(&an, &cfg);
    long failed = read_all(&an, &o, o.jobs);
    if (failed < 0) {
        fprintf(stderr, "faultline templates: out of memory\n");
        rc = EXIT_USAGE;
    } else if (!mined_total(&an)) {
        fprintf(stderr, "faultline templates: no line to mine\n");
        rc = failed ? EXIT_USAGE : EXIT_NODATA;
    } else if (o.lines) {
        fl_config c2 = cfg;
        c2.on_message = print_line;
        c2.on_message_ctx = an.mined->miner;
        fl_analysis second;
        fl_analysis_init(&second, &c2);
        read_all(&second, &o, 1); /* one thread: input order */
        fl_analysis_free(&second);
        rc = failed ? EXIT_USAGE : EXIT_OK;
    } else {
        if (print_table(&an)) {
            fprintf(stderr, "faultline templates: out of memory\n");
            rc = EXIT_USAGE;
        } else {
            rc = failed ? EXIT_USAGE : EXIT_OK;
        }
    }
    fl_analysis_free(&an);
    free(o.paths);
    return rc;
}
