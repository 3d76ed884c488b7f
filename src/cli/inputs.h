/* inputs.h: the CLI's reading step (inputs.c): logs or partials into results. */
#ifndef FL_CLI_INPUTS_H
#define FL_CLI_INPUTS_H

#include <stddef.h>

#include "analysis/analysis.h"
#include "options.h"
#include "time/tz.h"

/* Read every path of o into results (caller frees each with fl_result_free, then
 * the array), the unreadable ones as failed inputs; sets *nomem when memory ran out. */
fl_packed *fl_cli_read_inputs(fl_options *o, size_t *nres, int *nomem);

/* Read every partial named on the command line ("-" = stdin) into *res; the run's
 * configuration becomes the partials' (*input_tz loaded from the first). Returns 0,
 * or FL_EXIT_USAGE / FL_EXIT_NOMEM after saying why. */
int fl_cli_read_partials(fl_options *o, fl_tz **input_tz, fl_result **res, size_t *nres);

/* Warn about every input that was not read in full; returns how many could not be
 * read at all. */
size_t fl_cli_check_inputs(const fl_analysis *an);

/* --explain-format: each input's format and the scores that chose it, on stdout. */
void fl_cli_explain_formats(const fl_analysis *an);

/* Say which year was assumed for the inputs dated by the year rule without an mtime. */
void fl_cli_note_year(const fl_options *o, const fl_analysis *an);

#endif
