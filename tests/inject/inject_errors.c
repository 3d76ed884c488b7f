/* inject_errors.c: an LD_PRELOAD shim after jq's inject_errors.c: makes one chosen
 * allocation or one chosen write fail, so tests can check that faultline survives
 * any of them (no crash, no leak, a clear message, no half-written report).
 *   FL_INJECT_ALLOC_FAIL_AT=N  the N-th call of malloc, calloc, realloc, strdup or
 *                              strndup returns NULL (ENOMEM)
 *   FL_INJECT_WRITE_FAIL_AT=N  the N-th call of write, fwrite, fputs, fputc,
 *                              fprintf, vfprintf, fopen or open fails (ENOSPC;
 *                              EMFILE for an open); a stream keeps its error flag
 *   FL_INJECT_KILL_AT_WRITE=N  the N-th such call raises SIGTERM instead (a ^C)
 *   FL_INJECT_TRACE=1          print the call stack of the failed call to stderr
 *   FL_INJECT_COUNT=FILE       at exit, write "allocs A writes W" to FILE: how many
 *                              calls there were, to choose the points of a sweep
 * Calls on stdin, stdout and stderr are not counted: the sweep is about files. Calls
 * from libraries (glibc, jansson, PCRE2, libarchive) count too: faultline must
 * survive whatever fails. Counting starts when the shim is loaded. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long alloc_at, write_at, kill_at;
static int trace;
static unsigned long allocs, writes; /* counters, updated atomically */
static int counting;

/* dlsym may allocate before the real allocator is known: those few requests come
 * from this arena, and free() ignores them. */
static char arena[16384] __attribute__((aligned(16)));
static size_t arena_used;

static int (*real_open)(const char *, int, ...);
static ssize_t (*real_write)(int, const void *, size_t);
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);

static int in_arena(const void *p) { return (const char *)p >= arena && (const char *)p < arena + sizeof arena; }

static void *arena_alloc(size_t n)
{
    size_t at = (arena_used + 15) & ~(size_t)15;
    if (at + n > sizeof arena)
        return NULL;
    arena_used = at + n;
    return arena + at;
}

static void resolve(void)
{
    static int resolving;
    if (real_malloc || resolving)
        return;
    resolving = 1;
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    resolving = 0;
}

static unsigned long env_number(const char *name)
{
    const char *v = getenv(name);
    return v ? strtoul(v, NULL, 10) : 0;
}

__attribute__((constructor)) static void start(void)
{
    resolve();
    real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    alloc_at = env_number("FL_INJECT_ALLOC_FAIL_AT");
    write_at = env_number("FL_INJECT_WRITE_FAIL_AT");
    kill_at = env_number("FL_INJECT_KILL_AT_WRITE");
    trace = getenv("FL_INJECT_TRACE") != NULL;
    counting = 1;
}

__attribute__((destructor)) static void stop(void)
{
    const char *path = getenv("FL_INJECT_COUNT");
    counting = 0;
    if (!path || !real_open || !real_write)
        return;
    char line[96];
    int n = snprintf(line, sizeof line, "allocs %lu writes %lu\n", allocs, writes);
    int fd = real_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        (void)!real_write(fd, line, (size_t)n);
        close(fd);
    }
}

/* The call stack of the failed call, for FL_INJECT_TRACE. */
static void show_stack(const char *what)
{
    void *frames[32];
    int n = backtrace(frames, 32);
    (void)!real_write(2, what, strlen(what));
    backtrace_symbols_fd(frames, n, 2);
}

/* Called at the injected failure: a place for a debugger's breakpoint. */
__attribute__((noinline)) void fl_inject_hit(void) { __asm__ volatile(""); }

/* Whether this allocation is the one to fail. */
static int alloc_fails(void)
{
    if (!counting)
        return 0;
    unsigned long n = __atomic_add_fetch(&allocs, 1, __ATOMIC_RELAXED);
    if (n != alloc_at)
        return 0;
    fl_inject_hit();
    if (trace) {
        counting = 0; /* backtrace allocates */
        show_stack("inject: allocation fails here\n");
        counting = 1;
    }
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t n)
{
    resolve();
    if (!real_malloc)
        return arena_alloc(n);
    return alloc_fails() ? NULL : real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    resolve();
    if (!real_calloc) {
        void *p = n && size > SIZE_MAX / n ? NULL : arena_alloc(n * size);
        return p ? memset(p, 0, n * size) : NULL;
    }
    return alloc_fails() ? NULL : real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    resolve();
    if (in_arena(p)) { /* rare: move it to the real heap */
        void *q = malloc(n);
        if (q)
            memcpy(q, p, n < (size_t)(arena + sizeof arena - (char *)p) ? n : (size_t)(arena + sizeof arena - (char *)p));
        return q;
    }
    return alloc_fails() ? NULL : real_realloc(p, n);
}

void free(void *p)
{
    if (!p || in_arena(p))
        return;
    resolve();
    real_free(p);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    return p ? memcpy(p, s, n) : NULL;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

/* Whether this write or open is the one to fail (fd: its descriptor, -1 for a
 * path). The one chosen by FL_INJECT_KILL_AT_WRITE raises SIGTERM. */
static int io_fails(int fd)
{
    if (!counting || (fd >= 0 && fd <= 2))
        return 0;
    unsigned long n = __atomic_add_fetch(&writes, 1, __ATOMIC_RELAXED);
    if (n == kill_at)
        raise(SIGTERM);
    if (n != write_at)
        return 0;
    fl_inject_hit();
    if (trace) {
        counting = 0;
        show_stack("inject: write fails here\n");
        counting = 1;
    }
    errno = ENOSPC;
    return 1;
}

#define REAL(type, name, args) \
    static type(*real) args;   \
    if (!real)                 \
        real = (type(*) args)dlsym(RTLD_NEXT, name)

/* A stream that failed keeps its error flag, as after a real failed write (glibc's
 * _IO_ERR_SEEN). */
static int stream_fails(FILE *f)
{
    if (!f || !io_fails(fileno(f)))
        return 0;
    f->_flags |= 0x20;
    return 1;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    if (!real_write)
        real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    return io_fails(fd) ? -1 : real_write(fd, buf, n);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    REAL(size_t, "fwrite", (const void *, size_t, size_t, FILE *));
    return stream_fails(f) ? 0 : real(p, size, n, f);
}

int fputs(const char *s, FILE *f)
{
    REAL(int, "fputs", (const char *, FILE *));
    return stream_fails(f) ? EOF : real(s, f);
}

int fputc(int c, FILE *f)
{
    REAL(int, "fputc", (int, FILE *));
    return stream_fails(f) ? EOF : real(c, f);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    REAL(int, "vfprintf", (FILE *, const char *, va_list));
    return stream_fails(f) ? -1 : real(f, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfprintf(f, fmt, ap);
    va_end(ap);
    return rc;
}

FILE *fopen(const char *path, const char *mode)
{
    REAL(FILE *, "fopen", (const char *, const char *));
    if (io_fails(-1)) {
        errno = EMFILE;
        return NULL;
    }
    return real(path, mode);
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if (!real_open)
        real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    if (io_fails(-1)) {
        errno = EMFILE;
        return -1;
    }
    return real_open(path, flags, mode);
}
