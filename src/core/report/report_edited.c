/* report_edited.c: a rerun never loses a timeline.md the user edited. timeline.md
 * ends with a marker holding a digest (64-bit FNV-1a) of the text above it; before a
 * rerun replaces the file, the digest is checked, and a file that was edited (or that
 * carries no marker: not ours, or from before the marker) is kept as
 * timeline.edited.md (timeline.edited-2.md ... when that exists). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report/output.h"
#include "report/report.h"

#define MARK "<!-- faultline timeline digest "
#define MAX_CHECKED (16u << 20) /* a larger timeline.md is not ours: kept */

static uint64_t digest(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
    return h;
}

fl_status fl_write_timeline_signed(const fl_report *r, FILE *out)
{
    char *buf;
    size_t n;
    fl_status st = fl_timeline_text(r, &buf, &n);
    if (st == FL_OK) {
        fwrite(buf, 1, n, out);
        fprintf(out, MARK "%016" PRIx64 ": a rerun keeps a copy of this file once edited -->\n", digest(buf, n));
    }
    free(buf);
    return st != FL_OK ? st : ferror(out) ? FL_ERR_IO : FL_OK;
}

/* 1 when path's text is not exactly what a run wrote: its last line is no marker, or
 * the digest of the text before it differs; 0 when it is, or there is no such file;
 * -1 when it cannot be told (out of memory: FL_ERR_NOMEM in *st_out, or unreadable). */
static int edited(const char *path, fl_status *st_out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISREG(st.st_mode) || st.st_size > MAX_CHECKED)
        return 1;
    char *buf = malloc((size_t)st.st_size + 1);
    FILE *f = buf ? fopen(path, "rb") : NULL;
    size_t n = f ? fread(buf, 1, (size_t)st.st_size, f) : 0;
    int bad = !f || (n != (size_t)st.st_size && ferror(f));
    if (f)
        fclose(f);
    if (bad) {
        *st_out = buf ? FL_ERR_IO : FL_ERR_NOMEM;
        free(buf);
        return -1;
    }
    int changed = 1;
    if (n == (size_t)st.st_size && n && buf[n - 1] == '\n') {
        buf[n] = 0;
        char *last = buf + n - 1; /* the start of the last line */
        while (last > buf && last[-1] != '\n')
            last--;
        uint64_t want;
        if (strncmp(last, MARK, strlen(MARK)) == 0 &&
            sscanf(last + strlen(MARK), "%16" SCNx64, &want) == 1)
            changed = want != digest(buf, (size_t)(last - buf));
    }
    free(buf);
    return changed;
}

fl_status fl_keep_edited_timeline(fl_outdir *od, char *err, size_t errlen)
{
    char path[FL_OUT_PATH];
    od->kept[0] = 0;
    snprintf(path, sizeof path, "%s/timeline.md", od->dir);
    fl_status st_err = FL_OK;
    int e = edited(path, &st_err);
    if (e < 0)
        snprintf(err, errlen, "cannot tell whether %s was edited: %s", path,
                 st_err == FL_ERR_NOMEM ? fl_strerror(st_err) : strerror(errno));
    if (e <= 0)
        return st_err;
    struct stat st;
    for (int k = 1; k < 1000; k++) {
        if (k == 1)
            snprintf(od->kept, sizeof od->kept, "%s/timeline.edited.md", od->dir);
        else
            snprintf(od->kept, sizeof od->kept, "%s/timeline.edited-%d.md", od->dir, k);
        if (lstat(od->kept, &st) != 0 && errno == ENOENT)
            break;
    }
    if (rename(path, od->kept) != 0) {
        snprintf(err, errlen, "cannot keep the edited %s as %s: %s", path, od->kept, strerror(errno));
        od->kept[0] = 0;
        return FL_ERR_IO;
    }
    return FL_OK;
}
