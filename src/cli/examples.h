/* examples.h: the documented examples, in one table: the man page's EXAMPLES and the
 * README's Usage block (`faultline --help-examples`, kept in step by the test case
 * readme-in-sync) come from it, and the test case doc-examples runs every command. */
#ifndef FL_EXAMPLES_H
#define FL_EXAMPLES_H

#include <stddef.h>
#include <stdio.h>

typedef struct fl_example {
    const char *what;          /* what it shows, one line */
    const char *commands[4];   /* shell command lines, NULL-terminated */
} fl_example;

/* The table; *n receives its length. */
const fl_example *fl_examples(size_t *n);

/* The examples as shell text: "# what" then the commands, a blank line between. */
void fl_examples_write(FILE *f);

#endif
