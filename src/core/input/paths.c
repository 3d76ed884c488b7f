/* paths.c: the inputs named on the command line, expanded: directories walked
 * recursively in name order (symlinked directories followed once, loops skipped,
 * what cannot be read reported with the reason), and paths naming the same file
 * (device and inode) dropped after the first. Declared in input.h. */
#define _DEFAULT_SOURCE
#include "input/input.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char **items;
    size_t n, cap;
} str_list;

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    str_list files;
    str_list bad;
    dir_id *seen;     /* directories on the current walk path, for loop detection */
    size_t nseen, capseen;
} expand_state;

static int list_push(str_list *l, char *s)
{
    if (!s)
        return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->items, cap * sizeof *p);
        if (!p) {
            free(s);
            return -1;
        }
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = s;
    return 0;
}

/* Record path as unusable: bad holds pairs (path, reason). */
static int push_bad(expand_state *es, const char *path, const char *why)
{
    if (list_push(&es->bad, strdup(path)) != 0)
        return -1;
    return list_push(&es->bad, strdup(why));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int expand_one(expand_state *es, const char *path, int walked);

static int expand_dir(expand_state *es, const char *path, const struct stat *st)
{
    for (size_t i = 0; i < es->nseen; i++)
        if (es->seen[i].dev == st->st_dev && es->seen[i].ino == st->st_ino)
            return push_bad(es, path, "directory loop (symlink), skipped");
    if (es->nseen == es->capseen) {
        size_t cap = es->capseen ? es->capseen * 2 : 16;
        dir_id *p = realloc(es->seen, cap * sizeof *p);
        if (!p)
            return -1;
        es->seen = p;
        es->capseen = cap;
    }
    es->seen[es->nseen++] = (dir_id){st->st_dev, st->st_ino};

    DIR *d = opendir(path);
    if (!d) {
        es->nseen--;
        return push_bad(es, path, strerror(errno));
    }
    str_list names = {0};
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' && (de->d_name[1] == 0 || (de->d_name[1] == '.' && de->d_name[2] == 0)))
            continue;
        size_t len = strlen(path) + strlen(de->d_name) + 2;
        char *child = malloc(len);
        if (child)
            snprintf(child, len, "%s%s%s", path,
                     path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
        rc = list_push(&names, child);
    }
    closedir(d);
    if (names.n)
        qsort(names.items, names.n, sizeof *names.items, cmp_str);
    for (size_t i = 0; i < names.n; i++) {
        if (rc == 0)
            rc = expand_one(es, names.items[i], 1);
        free(names.items[i]);
    }
    free(names.items);
    es->nseen--;
    return rc;
}

/* What a node met in a directory walk is when it is no file to read: a device or
 * socket may never end, a FIFO waits for its writer. NULL for a regular file. */
static const char *walk_skip_kind(mode_t mode)
{
    if (S_ISCHR(mode))
        return "character device, not read in a directory walk";
    if (S_ISBLK(mode))
        return "block device, not read in a directory walk";
    if (S_ISSOCK(mode))
        return "socket, not read in a directory walk";
    if (S_ISFIFO(mode))
        return "FIFO, not read in a directory walk (name it to read it)";
    return NULL;
}

/* walked: path was found in a directory (not given by the user). */
static int expand_one(expand_state *es, const char *path, int walked)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return list_push(&es->files, strdup(path));
    if (stat(path, &st) != 0)
        return push_bad(es, path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return expand_dir(es, path, &st);
    const char *kind = walked ? walk_skip_kind(st.st_mode) : NULL;
    if (kind)
        return push_bad(es, path, kind);
    if (access(path, R_OK) != 0)
        return push_bad(es, path, strerror(errno));
    return list_push(&es->files, strdup(path));
}

typedef struct {
    dev_t dev;
    ino_t ino;
    size_t at; /* index in the list */
} file_id;

static int cmp_file_id(const void *a, const void *b)
{
    const file_id *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

/* Mark in drop[] every path that repeats an earlier file; sorting by identity keeps
 * this n log n for 100,000 inputs. Returns how many. */
static size_t mark_repeats(char **list, size_t n, file_id *ids, size_t *first, unsigned char *drop)
{
    size_t m = 0, dropped = 0, stdin_at = SIZE_MAX;
    struct stat st;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i], "-") == 0) {
            if (stdin_at != SIZE_MAX) {
                drop[i] = 1;
                first[i] = stdin_at;
                dropped++;
            } else {
                stdin_at = i;
            }
        } else if (stat(list[i], &st) == 0 && S_ISREG(st.st_mode)) { /* a FIFO may be given twice on purpose */
            ids[m++] = (file_id){st.st_dev, st.st_ino, i};
        }
    }
    if (m)
        qsort(ids, m, sizeof *ids, cmp_file_id);
    for (size_t k = 1; k < m; k++)
        if (ids[k].dev == ids[k - 1].dev && ids[k].ino == ids[k - 1].ino) {
            drop[ids[k].at] = 1;
            first[ids[k].at] = drop[ids[k - 1].at] ? first[ids[k - 1].at] : ids[k - 1].at;
            dropped++;
        }
    return dropped;
}

fl_status fl_paths_unique(char **list, size_t *n, char ***dups, size_t *ndups)
{
    size_t cnt = *n ? *n : 1, dropped = 0;
    file_id *ids = malloc(cnt * sizeof *ids);
    size_t *first = malloc(cnt * sizeof *first);
    unsigned char *drop = calloc(cnt, 1);
    char **d = NULL;
    fl_status st = ids && first && drop ? FL_OK : FL_ERR_NOMEM;
    if (st == FL_OK && (dropped = mark_repeats(list, *n, ids, first, drop)) &&
        !(d = calloc(2 * dropped, sizeof *d)))
        st = FL_ERR_NOMEM;
    /* The copies first, so that a failure leaves the list as it was. */
    for (size_t i = 0, k = 0; st == FL_OK && i < *n; i++)
        if (drop[i] && !(d[2 * k++ + 1] = strdup(list[first[i]])))
            st = FL_ERR_NOMEM;
    for (size_t i = 0, j = 0, k = 0; st == FL_OK && i < *n; i++) {
        if (drop[i])
            d[2 * k++] = list[i];
        else
            list[j++] = list[i];
    }
    if (st != FL_OK && d)
        for (size_t k = 0; k < dropped; k++)
            free(d[2 * k + 1]);
    free(ids);
    free(first);
    free(drop);
    *dups = st == FL_OK ? d : NULL;
    *ndups = st == FL_OK ? dropped : 0;
    if (st == FL_OK)
        *n -= dropped;
    else
        free(d);
    return st;
}

fl_status fl_expand_paths(const char *const *paths, size_t npaths, char ***list, size_t *n,
                          char ***bad, size_t *nbad)
{
    expand_state es = {0};
    int rc = 0;
    for (size_t i = 0; i < npaths && rc == 0; i++)
        rc = expand_one(&es, paths[i], 0);
    free(es.seen);
    *list = es.files.items;
    *n = es.files.n;
    *bad = es.bad.items;
    *nbad = es.bad.n / 2;
    return rc == 0 ? FL_OK : FL_ERR_NOMEM;
}
