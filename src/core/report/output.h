/* output.h: the output directory. Files are written under temporary names and
 * renamed into place only when every one of them was written completely, so a
 * failed run (disk full, killed) never leaves a half-written report. */
#ifndef FL_OUTPUT_H
#define FL_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "fl_status.h"

#define FL_OUT_MAX 16

typedef struct fl_outdir {
    char *dir;
    struct {
        char *tmp, *final;
        FILE *f;
    } files[FL_OUT_MAX];
    size_t n;
    unsigned mode; /* of the reports: 0666 less the umask */
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

/* Run gnuplot (program name or path) on dir/script with the variable `prefix` set to
 * a temporary prefix; every file it writes under that prefix is renamed without it
 * when gnuplot succeeds (and removed when it fails). Returns FL_ERR_OPEN when
 * gnuplot cannot be run (err says why), FL_ERR_IO when it fails. */
fl_status fl_render_chart(const char *dir, const char *gnuplot, const char *script, char *err,
                          size_t errlen);

#endif
