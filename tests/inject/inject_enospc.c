/* inject_enospc.c: an LD_PRELOAD shim (after jq's inject_errors.c) that makes the
 * disk look full: fflush() and fsync() on files fail with ENOSPC once the
 * environment variable FL_INJECT_ENOSPC is set. Used by tests/cases/disk-full to
 * check that a failed run leaves no half-written report behind. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int injecting(void) { return getenv("FL_INJECT_ENOSPC") != NULL; }

int fflush(FILE *f)
{
    static int (*real)(FILE *);
    if (!real)
        real = (int (*)(FILE *))dlsym(RTLD_NEXT, "fflush");
    if (f && f != stdout && f != stderr && injecting()) {
        errno = ENOSPC;
        return EOF;
    }
    return real(f);
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (injecting()) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd);
}
