/* exit_codes.h: the exit statuses of the faultline command, in one table from which
 * --help, the man page's EXIT STATUS and the README's table are generated (the test
 * case readme-in-sync compares the README with `faultline --help-exit-codes`). */
#ifndef FL_EXIT_CODES_H
#define FL_EXIT_CODES_H

#include <stddef.h>
#include <stdio.h>

typedef enum fl_exit {
    FL_EXIT_OK = 0,     /* success, with or without incidents */
    FL_EXIT_NODATA = 1, /* no usable data */
    FL_EXIT_USAGE = 2,  /* usage error or an input that could not be read */
    FL_EXIT_NOMEM = 3,  /* out of memory: not the user's fault, worth a retry */
    FL_EXIT_OUTPUT = 3  /* a report file or the charts could not be written */
} fl_exit;

typedef struct fl_exit_doc {
    fl_exit code;
    const char *brief;   /* a few words, for the one-line summary in --help */
    const char *meaning; /* the full sentence: README, man page */
} fl_exit_doc;

/* The table, in code order; *n receives its length. */
const fl_exit_doc *fl_exit_codes(size_t *n);

/* "Exit status: 0 success, 1 ..., 3 ...\n" wrapped for --help. */
void fl_exit_codes_help(FILE *f);

/* The README's Markdown table (| status | meaning |): `faultline --help-exit-codes`. */
void fl_exit_codes_markdown(FILE *f);

#endif
