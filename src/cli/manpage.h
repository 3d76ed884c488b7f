/* manpage.h: the man page faultline(1), generated from the option, subcommand,
 * exit-code and example tables (`faultline --help-man`; CMake writes faultline.1 at
 * build time and installs it in share/man/man1). */
#ifndef FL_MANPAGE_H
#define FL_MANPAGE_H

#include <stdio.h>

/* Write the whole page as roff (man macros) to f. */
void fl_manpage_write(FILE *f);

#endif
