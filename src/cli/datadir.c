/* datadir.c: finding the shipped signature library (see datadir.h for the order).
 * CMake compiles in FL_PATTERNS_REL (the data directory relative to the binary's
 * directory, GNUInstallDirs' DATADIR from BINDIR), FL_DATA_PATTERNS_DIR (the install
 * prefix's), FL_SOURCE_PATTERNS_DIR and FL_BUILD_DIR (the build tree's binaries). */
#define _DEFAULT_SOURCE /* realpath (XSI) */
#include "datadir.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "version.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running executable, resolved; 0 when /proc is not there. */
static int exe_dir(char *buf, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", buf, len - 1);
    if (n <= 0)
        return 0;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    if (!slash)
        return 0;
    *slash = 0;
    return 1;
}

/* Is dir (resolved) the same directory as the build tree's? */
static int is_build_dir(const char *dir)
{
#ifdef FL_BUILD_DIR
    char a[PATH_MAX], b[PATH_MAX];
    return realpath(dir, a) && realpath(FL_BUILD_DIR, b) && strcmp(a, b) == 0;
#else
    (void)dir;
    return 0;
#endif
}

/* Take path as the library when it is a directory. */
static int take(fl_datadir *d, const char *path, const char *how)
{
    if (!is_dir(path) || strlen(path) >= sizeof d->path)
        return 0;
    char *real = realpath(path, NULL);
    snprintf(d->path, sizeof d->path, "%s", real ? real : path);
    free(real);
    d->how = how;
    return 1;
}

int fl_datadir_find(fl_datadir *d)
{
    char dir[PATH_MAX], rel[PATH_MAX + 64];
    const char *env = getenv("FAULTLINE_PATTERNS");
    d->path[0] = 0;
    d->how = "not found";
    if (env && *env) { /* the user's word, even when it is wrong: loading says why */
        snprintf(d->path, sizeof d->path, "%s", env);
        d->how = "FAULTLINE_PATTERNS";
        return 1;
    }
    int have_exe = exe_dir(dir, sizeof dir);
#ifdef FL_PATTERNS_REL
    snprintf(rel, sizeof rel, "%s/%s", dir, FL_PATTERNS_REL);
    if (have_exe && take(d, rel, "next to the executable"))
        return 1;
#endif
#ifdef FL_SOURCE_PATTERNS_DIR
    if (have_exe && is_build_dir(dir) && take(d, FL_SOURCE_PATTERNS_DIR, "source tree"))
        return 1;
#endif
#ifdef FL_DATA_PATTERNS_DIR
    if (take(d, FL_DATA_PATTERNS_DIR, "install prefix"))
        return 1;
#endif
    (void)rel;
    return 0;
}

void fl_print_version(FILE *f)
{
    fl_datadir d;
    fprintf(f, "faultline %s\n", FL_VERSION);
    if (fl_datadir_find(&d))
        fprintf(f, "signatures: %s (%s)\n", d.path, d.how);
    else
        fprintf(f, "signatures: none found (set FAULTLINE_PATTERNS or use --patterns)\n");
}
