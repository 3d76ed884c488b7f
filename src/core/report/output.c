/* output.c: atomic output files (temporary name + rename(2)) and the gnuplot run. */
#define _DEFAULT_SOURCE
#include "report/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    return od->dir ? FL_OK : FL_ERR_NOMEM;
}

FILE *fl_outdir_create(fl_outdir *od, const char *name, char *err, size_t errlen)
{
    if (od->n == FL_OUT_MAX)
        return NULL;
    /* mkstemp: a random name created with O_EXCL, so no link planted in the
     * directory is followed; the file gets the mode fopen would have given. */
    char tmpname[256];
    snprintf(tmpname, sizeof tmpname, ".%s.tmp-XXXXXX", name);
    char *tmp = join(od->dir, tmpname), *final = join(od->dir, name);
    int fd = tmp && final ? mkstemp(tmp) : -1;
    FILE *f = fd >= 0 && fchmod(fd, od->mode) == 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        snprintf(err, errlen, "cannot create %s: %s", final ? final : name, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        free(final);
        return NULL;
    }
    od->files[od->n].tmp = tmp;
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
        free(od->files[i].tmp);
        od->files[i].tmp = NULL;
    }
    return st;
}

void fl_outdir_close(fl_outdir *od)
{
    for (size_t i = 0; i < od->n; i++) {
        if (od->files[i].f)
            fclose(od->files[i].f);
        if (od->files[i].tmp) {
            unlink(od->files[i].tmp);
            free(od->files[i].tmp);
        }
        free(od->files[i].final);
    }
    free(od->dir);
    memset(od, 0, sizeof *od);
}

/* Move (ok) or remove the files gnuplot wrote in its private directory tmp, then
 * remove tmp. */
static fl_status settle_charts(const char *dir, const char *tmp, int ok, char *err, size_t errlen)
{
    DIR *d = opendir(tmp);
    struct dirent *de;
    fl_status st = FL_OK;
    if (!d)
        return FL_ERR_IO;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *from = join(tmp, de->d_name), *to = join(dir, de->d_name);
        if (!from || !to) {
            st = FL_ERR_NOMEM;
        } else if (!ok || st != FL_OK) {
            unlink(from);
        } else if (rename(from, to) != 0) {
            snprintf(err, errlen, "cannot rename into %s: %s", to, strerror(errno));
            st = FL_ERR_IO;
            unlink(from);
        }
        free(from);
        free(to);
    }
    closedir(d);
    rmdir(tmp);
    return st;
}

fl_status fl_render_chart(const char *dir, const char *gnuplot, const char *script, char *err,
                          size_t errlen)
{
    /* gnuplot follows links when it opens its outputs, so it writes them into a
     * directory of our own with a random name (mkdtemp, mode 0700), never into a
     * name another user could have planted a link at. */
    char tmp[4096], prefix[64], assign[128];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s/.faultline-charts-XXXXXX", dir) >= sizeof tmp
        || !mkdtemp(tmp)) {
        snprintf(err, errlen, "cannot create a temporary directory in %s: %s", dir, strerror(errno));
        return FL_ERR_IO;
    }
    snprintf(prefix, sizeof prefix, "%s/", strrchr(tmp, '/') + 1);
    snprintf(assign, sizeof assign, "prefix=\"%s\"", prefix);
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        rmdir(tmp);
        return FL_ERR_IO;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        rmdir(tmp);
        return FL_ERR_IO;
    }
    if (pid == 0) { /* child: report exec failure through the pipe */
        close(pipefd[0]);
        fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, STDIN_FILENO);
            dup2(devnull, STDOUT_FILENO);
        }
        if (chdir(dir) == 0)
            execlp(gnuplot, gnuplot, "-e", assign, script, (char *)NULL);
        int e = errno;
        (void)!write(pipefd[1], &e, sizeof e);
        _exit(127);
    }
    close(pipefd[1]);
    int exec_errno = 0, status = 0;
    ssize_t got = read(pipefd[0], &exec_errno, sizeof exec_errno);
    close(pipefd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int ok = got != (ssize_t)sizeof exec_errno && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    fl_status st = settle_charts(dir, tmp, ok, err, errlen);
    if (got == (ssize_t)sizeof exec_errno) {
        snprintf(err, errlen, "cannot run %s: %s", gnuplot, strerror(exec_errno));
        return FL_ERR_OPEN;
    }
    if (!ok) {
        snprintf(err, errlen, "%s failed on %s/%s (exit status %d)", gnuplot, dir, script,
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return FL_ERR_IO;
    }
    return st;
}
