/* output.c: atomic output files (temporary name + rename(2)) and the gnuplot run. */
#define _DEFAULT_SOURCE
#include "report/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/%s", dir, name);
    return p;
}

/* mkdir -p */
static int make_dirs(const char *dir)
{
    char *p = strdup(dir);
    int rc = 0;
    if (!p)
        return -1;
    for (char *s = p + 1; rc == 0; s++) {
        if (*s != '/' && *s != 0)
            continue;
        char c = *s;
        *s = 0;
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = c;
        if (c == 0)
            break;
    }
    free(p);
    return rc;
}

fl_status fl_outdir_open(fl_outdir *od, const char *dir, char *err, size_t errlen)
{
    memset(od, 0, sizeof *od);
    struct stat st;
    errno = 0;
    if (make_dirs(dir) != 0 || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot create output directory %s: %s", dir,
                 errno ? strerror(errno) : "not a directory");
        return FL_ERR_OPEN;
    }
    /* A fresh random name made with O_EXCL: a planted link is never followed. */
    char *probe = join(dir, ".faultline-write-test-XXXXXX");
    int fd = probe ? mkstemp(probe) : -1;
    if (fd < 0) {
        snprintf(err, errlen, "cannot write in output directory %s: %s", dir, strerror(errno));
        free(probe);
        return FL_ERR_OPEN;
    }
    close(fd);
    unlink(probe);
    free(probe);
    mode_t mask = umask(0); /* read the umask to give reports the usual mode */
    umask(mask);
    od->mode = 0666 & ~mask;
    od->dir = strdup(dir);
    if (!od->dir)
        snprintf(err, errlen, "%s", fl_strerror(FL_ERR_NOMEM));
    return od->dir ? FL_OK : FL_ERR_NOMEM;
}

FILE *fl_outdir_create(fl_outdir *od, const char *name, char *err, size_t errlen)
{
    if (od->n == FL_OUT_MAX) {
        snprintf(err, errlen, "cannot create %s: too many output files", name);
        return NULL;
    }
    /* mkstemp: a random name created with O_EXCL, so no link planted in the
     * directory is followed; the file gets the mode fopen would have given. */
    char *tmp = od->files[od->n].tmp, *final = join(od->dir, name);
    int fd = -1;
    if (final && (size_t)snprintf(tmp, FL_OUT_PATH, "%s/.%s.tmp-XXXXXX", od->dir, name) < FL_OUT_PATH)
        fd = mkstemp(tmp);
    else
        errno = final ? ENAMETOOLONG : ENOMEM;
    if (fd >= 0)
        od->files[od->n].live = 1; /* from here a signal handler removes it */
    FILE *f = fd >= 0 && fchmod(fd, od->mode) == 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        snprintf(err, errlen, "cannot create %s/%s: %s", od->dir, name, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        od->files[od->n].live = 0;
        free(final);
        return NULL;
    }
    od->files[od->n].final = final;
    od->files[od->n].f = f;
    od->n++;
    return f;
}

fl_status fl_outdir_commit(fl_outdir *od, char *err, size_t errlen)
{
    fl_status st = FL_OK;
    for (size_t i = 0; i < od->n; i++) {
        FILE *f = od->files[i].f;
        od->files[i].f = NULL;
        if (!f)
            continue;
        int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
        int e = errno;
        if (fclose(f) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        if (bad && st == FL_OK) {
            snprintf(err, errlen, "cannot write %s: %s", od->files[i].final, strerror(e));
            st = FL_ERR_IO;
        }
    }
    for (size_t i = 0; st == FL_OK && i < od->n; i++) {
        if (rename(od->files[i].tmp, od->files[i].final) != 0) {
            snprintf(err, errlen, "cannot rename into %s: %s", od->files[i].final, strerror(errno));
            st = FL_ERR_IO;
            break;
        }
        od->files[i].live = 0;
    }
    return st;
}

void fl_outdir_close(fl_outdir *od)
{
    for (size_t i = 0; i < od->n; i++) {
        if (od->files[i].f)
            fclose(od->files[i].f);
        if (od->files[i].live)
            unlink(od->files[i].tmp);
        od->files[i].live = 0;
        free(od->files[i].final);
    }
    for (size_t i = 0; i < od->n_charts; i++)
        free(od->charts[i]);
    free(od->charts);
    free(od->dir);
    memset(od, 0, sizeof *od);
}

/* Remove every entry of directory path and the directory, with system calls only
 * (getdents64, unlinkat): usable in a signal handler. */
static void remove_dir_raw(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    char buf[4096];
    long got;
    while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < got;) {
            struct fl_dirent64 {
                uint64_t ino;
                int64_t off;
                unsigned short reclen;
                unsigned char type;
                char name[];
            } *de = (struct fl_dirent64 *)(buf + off);
            if (strcmp(de->name, ".") != 0 && strcmp(de->name, "..") != 0)
                unlinkat(fd, de->name, 0);
            off += de->reclen;
        }
    }
    close(fd);
    rmdir(path);
}

void fl_outdir_abort(fl_outdir *od)
{
    pid_t child = od->gnuplot;
    if (child > 0) { /* stop it writing before its directory is emptied */
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    for (size_t i = 0; i < FL_OUT_MAX; i++)
        if (od->files[i].live)
            unlink(od->files[i].tmp);
    if (od->chart_live)
        remove_dir_raw(od->chart_tmp);
}

/* Nonzero when the chart at path is complete and on disk: not empty, a PNG ending
 * with its IEND chunk, an SVG with </svg>, and fsync'd (a full disk often shows
 * only there). gnuplot exits 0 after writing empty charts to a full disk. */
static int chart_complete(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    char tail[16];
    size_t n = 0;
    int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
    if (ok) {
        n = st.st_size < (off_t)sizeof tail ? (size_t)st.st_size : sizeof tail;
        ok = pread(fd, tail, n, st.st_size - (off_t)n) == (ssize_t)n;
    }
    const char *dot = strrchr(path, '.');
    if (ok && dot && strcmp(dot, ".png") == 0)
        ok = n >= 8 && memcmp(tail + n - 8, "IEND\xae\x42\x60\x82", 8) == 0;
    while (ok && dot && strcmp(dot, ".svg") == 0 && n && (tail[n - 1] == '\n' || tail[n - 1] == ' '))
        n--;
    if (ok && dot && strcmp(dot, ".svg") == 0)
        ok = n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
    ok = ok && fsync(fd) == 0;
    close(fd);
    return ok;
}

/* The names in directory path (without . and ..), malloc'd, in *names. */
static fl_status list_dir(const char *path, char ***names, size_t *n)
{
    DIR *d = opendir(path);
    struct dirent *de;
    fl_status st = d ? FL_OK : FL_ERR_IO;
    *names = NULL;
    *n = 0;
    while (st == FL_OK && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char **more = realloc(*names, (*n + 1) * sizeof **names);
        char *name = more ? strdup(de->d_name) : NULL;
        if (more)
            *names = more;
        if (!name)
            st = FL_ERR_NOMEM;
        else
            (*names)[(*n)++] = name;
    }
    if (d)
        closedir(d);
    return st;
}

/* FL_OK when gnuplot's charts in od->chart_tmp are all complete and include the
 * main chart; err says which is not. */
static fl_status check_charts(fl_outdir *od, char **names, size_t n, char *err, size_t errlen)
{
    int main_png = 0, main_svg = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = join(od->chart_tmp, names[i]);
        int ok = path && chart_complete(path);
        int e = errno;
        free(path);
        if (!ok) {
            snprintf(err, errlen, "%s/%s is empty or incomplete (%s)", od->dir, names[i],
                     e == ENOSPC || e == EDQUOT || e == EIO ? strerror(e) : "disk full?");
            return FL_ERR_IO;
        }
        main_png |= strcmp(names[i], "error_rate.png") == 0;
        main_svg |= strcmp(names[i], "error_rate.svg") == 0;
    }
    if (main_png && main_svg)
        return FL_OK;
    snprintf(err, errlen, "gnuplot wrote no %s", main_png ? "error_rate.svg" : "error_rate.png");
    return FL_ERR_IO;
}

/* Move gnuplot's charts from its private directory into place when ok and all are
 * complete (listing them in od->charts), else remove them; then remove the directory. */
static fl_status settle_charts(fl_outdir *od, int ok, char *err, size_t errlen)
{
    char **names;
    size_t n, kept = 0;
    fl_status st = list_dir(od->chart_tmp, &names, &n);
    if (st == FL_OK && ok)
        st = check_charts(od, names, n, err, errlen);
    else if (st != FL_OK)
        snprintf(err, errlen, "cannot list %.400s: %s", od->chart_tmp, fl_strerror(st));
    for (size_t i = 0; i < n; i++) {
        char *from = join(od->chart_tmp, names[i]), *to = join(od->dir, names[i]);
        if (st == FL_OK && ok && (!from || !to)) {
            snprintf(err, errlen, "%s", fl_strerror(FL_ERR_NOMEM));
            st = FL_ERR_NOMEM;
        } else if (st == FL_OK && ok && rename(from, to) != 0) {
            snprintf(err, errlen, "cannot rename into %s: %s", to, strerror(errno));
            st = FL_ERR_IO;
        }
        if (st == FL_OK && ok)
            names[kept++] = names[i];
        else
            free(names[i]);
        free(from);
        free(to);
    }
    od->charts = names;
    od->n_charts = kept;
    remove_dir_raw(od->chart_tmp);
    od->chart_live = 0;
    return st;
}

/* Run gnuplot in dir with `prefix` assigned; its pid in od->gnuplot while it runs.
 * Returns the wait status, or -1 with err set; *exec_errno is set when it could
 * not be started. */
static int run_gnuplot(fl_outdir *od, const char *gnuplot, const char *script, const char *assign,
                       int *exec_errno, char *err, size_t errlen)
{
    int pipefd[2], status = 0;
    if (pipe(pipefd) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) { /* child: report exec failure through the pipe */
        close(pipefd[0]);
        fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, STDIN_FILENO);
            dup2(devnull, STDOUT_FILENO);
        }
        if (chdir(od->dir) == 0)
            execlp(gnuplot, gnuplot, "-e", assign, script, (char *)NULL);
        int e = errno;
        (void)!write(pipefd[1], &e, sizeof e);
        _exit(127);
    }
    od->gnuplot = pid;
    close(pipefd[1]);
    *exec_errno = 0;
    if (read(pipefd[0], exec_errno, sizeof *exec_errno) != (ssize_t)sizeof *exec_errno)
        *exec_errno = 0;
    close(pipefd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    od->gnuplot = 0;
    return status;
}

fl_status fl_render_chart(fl_outdir *od, const char *gnuplot, const char *script, char *err,
                          size_t errlen)
{
    /* gnuplot follows links when it opens its outputs, so it writes them into a
     * directory of our own with a random name (mkdtemp, mode 0700), never into a
     * name another user could have planted a link at. */
    char prefix[64], assign[128];
    if ((size_t)snprintf(od->chart_tmp, FL_OUT_PATH, "%s/.faultline-charts-XXXXXX", od->dir) >= FL_OUT_PATH
        || !mkdtemp(od->chart_tmp)) {
        snprintf(err, errlen, "cannot create a temporary directory in %s: %s", od->dir, strerror(errno));
        return FL_ERR_IO;
    }
    od->chart_live = 1;
    snprintf(prefix, sizeof prefix, "%s/", strrchr(od->chart_tmp, '/') + 1);
    snprintf(assign, sizeof assign, "prefix=\"%s\"", prefix);
    int exec_errno = 0;
    int status = run_gnuplot(od, gnuplot, script, assign, &exec_errno, err, errlen);
    int ok = status >= 0 && !exec_errno && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    char why[512] = "";
    fl_status st = settle_charts(od, ok, why, sizeof why);
    if (status < 0)
        return FL_ERR_IO;
    if (exec_errno) {
        snprintf(err, errlen, "cannot run %s: %s", gnuplot, strerror(exec_errno));
        return FL_ERR_OPEN;
    }
    if (!ok) {
        if (WIFSIGNALED(status))
            snprintf(err, errlen, "%s was killed by signal %d on %s/%s", gnuplot, WTERMSIG(status),
                     od->dir, script);
        else
            snprintf(err, errlen, "%s failed on %s/%s (exit status %d)", gnuplot, od->dir, script,
                     WEXITSTATUS(status));
        return FL_ERR_IO;
    }
    if (st != FL_OK)
        snprintf(err, errlen, "%s", why);
    return st;
}

/* Whether this run wrote name into od's directory. */
static int wrote(const fl_outdir *od, const char *name)
{
    size_t dl = strlen(od->dir);
    for (size_t i = 0; i < od->n; i++)
        if (od->files[i].final && strcmp(od->files[i].final + dl + 1, name) == 0)
            return 1;
    for (size_t i = 0; i < od->n_charts; i++)
        if (strcmp(od->charts[i], name) == 0)
            return 1;
    return 0;
}

void fl_outdir_prune(fl_outdir *od, int (*is_ours)(const char *name))
{
    DIR *d = opendir(od->dir);
    struct dirent *de;
    if (!d)
        return;
    while ((de = readdir(d)) != NULL)
        if (is_ours(de->d_name) && !wrote(od, de->d_name))
            unlinkat(dirfd(d), de->d_name, 0);
    closedir(d);
}
