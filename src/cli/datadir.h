/* datadir.h: where the shipped signature library is, for a binary run from its build
 * tree, from an install prefix (/usr, /usr/local, a relocated copy of one) or with
 * the library elsewhere. */
#ifndef FL_DATADIR_H
#define FL_DATADIR_H

#include <limits.h>
#include <stdio.h>

typedef struct fl_datadir {
    char path[PATH_MAX]; /* the patterns directory; "" when none was found */
    const char *how;     /* why this one: "FAULTLINE_PATTERNS", "next to the executable" ... */
} fl_datadir;

/* Find the signature library, first match wins: $FAULTLINE_PATTERNS (taken as given),
 * then ../share/faultline/patterns beside /proc/self/exe (an installed or relocated
 * prefix), then, for a binary in its build tree, the source tree's patterns/, then
 * the data directory compiled in (the install prefix's). Returns 1 when found (d->path
 * set), else 0 with d->path "". --patterns adds to this library (or replaces it with
 * --no-default-patterns): main.c loads those after it. */
int fl_datadir_find(fl_datadir *d);

/* `faultline --version`: the version and where the signatures are loaded from. */
void fl_print_version(FILE *f);

#endif
