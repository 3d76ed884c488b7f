/* inputs.c: the CLI's reading step: the logs (or, for merge, the partials) named on
 * the command line into results, with a warning for every input not read in full. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "exit_codes.h"
#include "input/input.h"
#include "inputs.h"
#include "match/patterns.h"
#include "partial/partial.h"
#include "progress.h"
#include "report/escape.h"
#include "time/fl_time.h"
#include "time/tz.h"
#include "warn.h"

/* Warn about an input that was read only in part or not used. Returns 1 when the
 * input could not be read at all. */
static int check_input(const fl_input *in)
{
    if (in->status == FL_ERR_OPEN) {
        fl_cli_warn("cannot read %s", in->error);
        return 1;
    }
    if (in->binary)
        fl_cli_warn("warning: %s: binary content (%s), skipped", in->path, in->format_why);
    else if (in->status != FL_OK && in->lines == 0 && strcmp(in->format, "archive") != 0)
        fl_cli_warn("warning: %s: %s", in->path, in->error); /* a member refused whole */
    else if (in->status != FL_OK)
        fl_cli_warn("warning: %s: %s; the lines before it are used", in->path, in->error);
    else if (in->records == 0 && in->skipped[FL_SKIP_OUTSIDE_WINDOW])
        fl_cli_warn("note: %s: all %llu records are outside --since/--until", in->path,
             (unsigned long long)in->skipped[FL_SKIP_OUTSIDE_WINDOW]);
    else if (in->lines > in->blank && in->records == 0)
        fl_cli_warn("warning: %s: no line in a known format (%s); file not used", in->path, in->format);
    if (in->match_limited)
        fl_cli_warn("warning: %s: %llu lines hit the regex match limit of a signature (counted as not "
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
size_t fl_cli_check_inputs(const fl_analysis *an)
{
    size_t failed = 0;
    for (size_t i = 0; i < an->n_inputs; i++)
        failed += (size_t)check_input(&an->inputs[i]);
    return failed;
}

/* --explain-format: each input's format and the scores that chose it. */
void fl_cli_explain_formats(const fl_analysis *an)
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
            fl_cli_warn("warning: %s given twice: read once", dups[2 * i]);
        else
            fl_cli_warn("warning: %s is the same file as %s: read once", dups[2 * i], dups[2 * i + 1]);
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
void fl_cli_note_year(const fl_options *o, const fl_analysis *an)
{
    fl_civil c;
    fl_civil_from_seconds(o->config.default_mtime, &c);
    for (size_t i = 0; i < an->n_inputs; i++)
        if (an->inputs[i].year_assumed)
            fl_cli_warn("note: %s has no modification time: its timestamps without a "
                 "year are dated up to %04d-%02u (%s); --year sets the year",
                 an->inputs[i].path, (int)c.year, c.month, o->year_from ? o->year_from : "1970");
}

/* Read every path into results, the unreadable ones as failed inputs; sets *nomem
 * when memory ran out. */
fl_packed *fl_cli_read_inputs(fl_options *o, size_t *nres, int *nomem)
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
 * FL_EXIT_USAGE after saying why. */
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
            fl_cli_warn("warning: partial %s has the same content as %s: merged once", o->paths[i], o->paths[k]);
            return 1;
        }
    return 0;
}

int fl_cli_read_partials(fl_options *o, fl_tz **input_tz, fl_result **res, size_t *nres)
{
    merge_check m = {o, {0}, 0, input_tz};
    char err[1024];
    fl_partial_id *ids = calloc(o->n_paths ? o->n_paths : 1, sizeof *ids);
    if (!ids) {
        fl_cli_warn("%s", fl_strerror(FL_ERR_NOMEM));
        return FL_EXIT_USAGE;
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
            fl_cli_warn("cannot read partial %s: %s", o->paths[i], strerror(errno));
            return FL_EXIT_USAGE;
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
            fl_cli_warn("%s", st == FL_ERR_NOMEM ? fl_strerror(st) : err);
            return st == FL_ERR_NOMEM ? FL_EXIT_NOMEM : FL_EXIT_USAGE;
        }
    }
    return 0;
}

