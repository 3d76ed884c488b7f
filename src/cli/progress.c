/* progress.c: the progress line on stderr while inputs are read (a terminal only):
 * bytes read of the total, MB/s and time left, redrawn four times a second by a
 * thread of its own. When an input's size is unknown (standard input, a pipe), the
 * bytes read so far and the rate. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void *progress_loop(void *arg)
{
    progress *p = arg;
    struct timespec t0, now, tick = {0, 250 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!atomic_load(&p->done)) {
        nanosleep(&tick, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
        double secs = (double)(now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
        uint64_t b = atomic_load(&p->bytes);
        if (secs < 1.0)
            continue;
        if (p->unknown_size) { /* a pipe: no total, no time left */
            fprintf(stderr, "\rreading %.1f MB, %.1f MB/s   ", b / 1e6, b / secs / 1e6);
            continue;
        }
        double rate = b / secs, left = rate > 0 && p->total > b ? (p->total - b) / rate : 0;
        fprintf(stderr, "\rreading %.1f of %.1f MB (%3.0f%%), %.0f MB/s, about %.0f s left   ",
                b / 1e6, p->total / 1e6, p->total ? 100.0 * b / p->total : 0, rate / 1e6, left);
    }
    fprintf(stderr, "\r%80s\r", "");
    return NULL;
}

/* Start the display when stderr is a terminal (and not --quiet). */
void progress_start(progress *p, const fl_options *o, char *const *files, size_t n)
{
    struct stat st;
    memset(p, 0, sizeof *p);
    if (o->quiet || !isatty(STDERR_FILENO))
        return;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
            p->total += (uint64_t)st.st_size;
        else
            p->unknown_size = 1;
    }
    p->running = pthread_create(&p->thread, NULL, progress_loop, p) == 0;
}

void progress_stop(progress *p)
{
    atomic_store(&p->done, 1);
    if (p->running)
        pthread_join(p->thread, NULL);
}

