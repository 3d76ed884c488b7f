/* patterns_cmd.h: `faultline patterns`, the signature library's own subcommand:
 * --list shows the signatures, --test LOGFILE shows which of them fire on a log. */
#ifndef FL_PATTERNS_CMD_H
#define FL_PATTERNS_CMD_H

#include <stddef.h>

#include "options.h"

/* The subcommand's options (its --help, the man page and the completions); ids are
 * unused. *n receives their number. */
const fl_opt_doc *fl_patterns_options(size_t *n);

/* Run the subcommand. argv[0] is the subcommand's name ("patterns"), options follow
 * from argv[1]. default_dir is the shipped library (a directory of *.pat files), loaded
 * first unless --no-default-patterns is given; NULL means there is none. Prints to
 * stdout, diagnostics to stderr. Returns the process exit code: 0 ok, 1 the log file
 * could not be read (completely), 2 usage error or bad pattern file. */
int fl_cli_patterns(int argc, char **argv, const char *default_dir);

#endif
