/* progress.h: a progress line on stderr while inputs are read. */
#ifndef FL_PROGRESS_H
#define FL_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "options.h"

typedef struct progress {
    atomic_uint_least64_t bytes;  /* updated by the reading threads (fl_config.progress) */
    uint64_t total;               /* sum of the input files' sizes */
    int unknown_size;             /* an input of unknown size (stdin, a pipe): no total */
    atomic_int done;
    pthread_t thread;
    int running;                  /* the display thread was started */
} progress;

/* Start the display when stderr is a terminal and not --quiet; files[n] are the
 * inputs, whose sizes make the total. */
void progress_start(progress *p, const fl_options *o, char *const *files, size_t n);

/* Stop it and clear the line. */
void progress_stop(progress *p);

#endif
