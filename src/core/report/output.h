/* output.h: the output directory. Files are written under temporary names and
 * renamed into place only when every one of them was written completely, so a
 * failed run (disk full, out of memory, killed) never leaves a half-written report.
 * The temporaries a run holds are kept in fixed buffers of the fl_outdir, so that a
 * signal handler can remove them (fl_outdir_abort) without allocating. */
#ifndef FL_OUTPUT_H
#define FL_OUTPUT_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "fl_status.h"

#define FL_OUT_MAX 16     /* files one run writes through the directory */
#define FL_OUT_PATH 4096  /* longest temporary path */

typedef struct fl_outdir {
    char *dir;
    struct {
        char tmp[FL_OUT_PATH];          /* temporary path, valid while live */
        volatile sig_atomic_t live;     /* tmp exists and is ours to remove */
        char *final;
        FILE *f;
    } files[FL_OUT_MAX];
    size_t n;
    unsigned mode;                      /* of the reports: 0666 less the umask */
    char chart_tmp[FL_OUT_PATH];        /* gnuplot's private directory ... */
    volatile sig_atomic_t chart_live;   /* ... while it exists */
    volatile pid_t gnuplot;             /* gnuplot's pid while it runs, else 0 */
    char **charts;                      /* chart files this run put in place */
    size_t n_charts;
    char kept[FL_OUT_PATH];             /* where an edited timeline.md was kept, or "" */
} fl_outdir;

/* Create dir (and parents) if needed and check that a file can be created in it,
 * before any log is read. FL_ERR_OPEN with a reason in err otherwise. */
fl_status fl_outdir_open(fl_outdir *od, const char *dir, char *err, size_t errlen);

/* A new temporary file that becomes dir/name on commit; NULL on failure (err set). */
FILE *fl_outdir_create(fl_outdir *od, const char *name, char *err, size_t errlen);

/* Close every file; if all were written without error, rename them into place.
 * Otherwise remove the temporaries and return FL_ERR_IO with the file in err. */
fl_status fl_outdir_commit(fl_outdir *od, char *err, size_t errlen);

/* Remove any temporaries and free od. Safe after commit. */
void fl_outdir_close(fl_outdir *od);

/* For a signal handler: stop gnuplot and remove every temporary od holds (files
 * and gnuplot's directory). Async-signal-safe: system calls only, no allocation.
 * od stays valid for fl_outdir_close. */
void fl_outdir_abort(fl_outdir *od);

/* Run gnuplot (program name or path) on od's dir/script with the variable `prefix`
 * set to a private temporary directory. When gnuplot succeeds and every chart it
 * drew is complete (a PNG ends with its IEND chunk, an SVG with </svg>, each synced
 * to disk), the charts are renamed into place and listed in od->charts; otherwise
 * none is, and all are removed. FL_ERR_OPEN when gnuplot cannot be run (err says
 * why), FL_ERR_IO when it fails or a chart is empty or cut short (disk full). */
fl_status fl_render_chart(fl_outdir *od, const char *gnuplot, const char *script, char *err,
                          size_t errlen);

/* Remove the files in od's directory that are outputs of ours (is_ours(name)) and
 * that this run did not write: neither committed through od nor listed in
 * od->charts. Stale incident_3.png from a run with more incidents goes; a file of
 * the user's never does. Call only after a successful commit. */
void fl_outdir_prune(fl_outdir *od, int (*is_ours)(const char *name));

/* Before a run replaces dir/timeline.md: when that file is not exactly what a run
 * wrote (its digest marker is missing or does not match: the user edited it), rename
 * it to timeline.edited.md (or timeline.edited-N.md) and put that path in od->kept;
 * od->kept is "" otherwise. FL_ERR_IO (err says why) when it cannot be renamed.
 * (report_edited.c) */
fl_status fl_keep_edited_timeline(fl_outdir *od, char *err, size_t errlen);

#endif
