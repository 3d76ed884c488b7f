/* patterns.c: the error-signature library: loading *.pat files (format in
 * patterns/README.md), validating each entry and compiling its regex with
 * pcre2_compile (PCRE2 native 8-bit API, pcre2api(3)). JIT code and the literal
 * literal index are built lazily (automaton.c) so that a run over access logs only
 * pays for neither; matching is in matcher.c, literal extraction in literal.c. */
#define _GNU_SOURCE /* memmem (glibc, the BSDs, POSIX.1-2024) */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match/patterns_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *fl_severity_name(fl_severity s)
{
    switch (s) {
    case FL_SEV_INFO: return "info";
    case FL_SEV_WARNING: return "warning";
    case FL_SEV_ERROR: return "error";
    case FL_SEV_CRITICAL: return "critical";
    }
    return "unknown";
}

__attribute__((format(printf, 3, 4))) void fl_patterns_set_err(char *err, size_t errlen,
                                                          const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- loading ---------------------------------------------------------------------- */

fl_status fl_patterns_new(fl_patterns **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return FL_ERR_NOMEM;
    if (pthread_mutex_init(&(*out)->lock, NULL) != 0) {
        free(*out);
        *out = NULL;
        return FL_ERR_NOMEM;
    }
    return FL_OK;
}

static void sig_free(sig *s)
{
    free(s->name);
    free(s->category);
    free(s->regex);
    free(s->description);
    free(s->literal);
    if (s->examples)
        for (size_t i = 0; i < s->info.n_examples; i++)
            free((char *)s->examples[i].text);
    free(s->examples);
    pcre2_code_free(s->code);
}

/* Drop signatures and files added after the counts given (rollback of a load). */
static void truncate_to(fl_patterns *p, size_t n, size_t n_files)
{
    if (p->n > n && p->names) { /* entries go: the name index is rebuilt when next needed */
        memset(p->names, 0, p->names_cap * sizeof *p->names);
        p->n_named = 0;
    }
    while (p->n > n)
        sig_free(&p->sigs[--p->n]);
    while (p->n_files > n_files)
        free(p->files[--p->n_files]);
}

void fl_lit_index_free(lit_index *a)
{
    if (!a)
        return;
    free(a->anchor);
    free(a->bucket);
    free(a->entry);
    free(a->pool);
    free(a->fold_mask);
    free(a->out);
    free(a->always);
    free(a->gate);
    free(a->shorts);
    free(a->groups);
    free(a);
}

void fl_patterns_free(fl_patterns *p)
{
    if (!p)
        return;
    fl_lit_index_free(p->lits);
    truncate_to(p, 0, 0);
    free(p->names);
    free(p->sigs);
    free(p->files);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

size_t fl_patterns_count(const fl_patterns *p)
{
    return p->n;
}

/* FNV-1a over s and its terminating NUL. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
    do {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3u;
    } while (*s++);
    return h;
}

uint64_t fl_patterns_digest(const fl_patterns *p)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < p->n; i++) {
        const fl_signature_info *s = &p->sigs[i].info;
        char flags[8] = {(char)('0' + s->severity), (char)('0' + s->caseless),
                         (char)('0' + s->is_lifecycle), 0};
        h = fnv1a(fnv1a(fnv1a(fnv1a(h, s->name), s->category), s->regex), flags);
    }
    return h;
}

const fl_signature_info *fl_patterns_info(const fl_patterns *p, size_t i)
{
    return i < p->n ? &p->sigs[i].info : NULL;
}

/* Put sigs[i] in the name index (names_cap is a power of two, at most half full). */
static void names_put(fl_patterns *p, size_t i)
{
    size_t mask = p->names_cap - 1, k = (size_t)fnv1a(0xcbf29ce484222325u, p->sigs[i].name) & mask;
    while (p->names[k])
        k = (k + 1) & mask;
    p->names[k] = (uint32_t)i + 1;
}

/* Bring the name index up to every signature loaded; FL_ERR_NOMEM leaves it as it
 * was (fl_patterns_find then scans). */
static fl_status names_sync(fl_patterns *p)
{
    if (p->n * 2 >= p->names_cap) {
        size_t cap = p->names_cap ? p->names_cap : 64;
        while (p->n * 2 >= cap)
            cap *= 2;
        uint32_t *t = calloc(cap, sizeof *t);
        if (!t)
            return FL_ERR_NOMEM;
        free(p->names);
        p->names = t;
        p->names_cap = cap;
        p->n_named = 0;
    }
    for (; p->n_named < p->n; p->n_named++)
        names_put(p, p->n_named);
    return FL_OK;
}

long fl_patterns_find(const fl_patterns *p, const char *name)
{
    if (p->names && p->n_named == p->n) {
        size_t mask = p->names_cap - 1, k = (size_t)fnv1a(0xcbf29ce484222325u, name) & mask;
        for (; p->names[k]; k = (k + 1) & mask)
            if (strcmp(p->sigs[p->names[k] - 1].name, name) == 0)
                return (long)p->names[k] - 1;
        return -1;
    }
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->sigs[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* The entry being read: values point into malloc'd copies owned here until the
 * entry is committed as a sig. */
typedef struct entry {
    unsigned line;          /* first line of the entry, 0 when none is open */
    char *name, *category, *regex, *description, *flags, *literal, *severity;
    unsigned name_line, regex_line, severity_line, flags_line;
    fl_pattern_example *ex;
    size_t n_ex, cap_ex;
} entry;

static void entry_clear(entry *e)
{
    free(e->name);
    free(e->category);
    free(e->regex);
    free(e->description);
    free(e->flags);
    free(e->literal);
    free(e->severity);
    for (size_t i = 0; i < e->n_ex; i++)
        free((char *)e->ex[i].text);
    free(e->ex);
    memset(e, 0, sizeof *e);
}

/* Context of one file being read. */
typedef struct loader {
    fl_patterns *p;
    const char *file;       /* the library's copy of the path */
    char *err;
    size_t errlen;
} loader;

__attribute__((format(printf, 3, 4))) static fl_status parse_error(loader *ld, unsigned line,
                                                                   const char *fmt, ...)
{
    if (ld->err && ld->errlen) {
        int n = snprintf(ld->err, ld->errlen, "%s:%u: ", ld->file, line);
        if (n >= 0 && (size_t)n < ld->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(ld->err + n, ld->errlen - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return FL_ERR_PARSE;
}

static int is_kebab(const char *s)
{
    if (!*s || *s == '-')
        return 0;
    for (const char *c = s; *c; c++) {
        if (*c == '-') {
            if (c[1] == '-' || c[1] == 0)
                return 0;
        } else if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c))) {
            return 0;
        }
    }
    return 1;
}

static int parse_severity(const char *s, fl_severity *out)
{
    static const char *const names[] = {"info", "warning", "error", "critical"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (fl_severity)i;
            return 1;
        }
    return 0;
}

/* Check flags ("caseless", comma or space separated); sets *caseless. */
static fl_status parse_flags(loader *ld, const entry *e, int *caseless)
{
    const char *s = e->flags;
    *caseless = 0;
    if (!s)
        return FL_OK;
    while (*s) {
        size_t n = strcspn(s, ", \t");
        if (n == 8 && strncmp(s, "caseless", 8) == 0)
            *caseless = 1;
        else if (n)
            return parse_error(ld, e->flags_line, "unknown flag '%.*s' (expected caseless)",
                               (int)n, s);
        s += n;
        s += strspn(s, ", \t");
    }
    return FL_OK;
}

static fl_status grow(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return FL_OK;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need)
        nc *= 2;
    void *a = realloc(*arr, nc * size);
    if (!a)
        return FL_ERR_NOMEM;
    *arr = a;
    *cap = nc;
    return FL_OK;
}

/* Validate the entry, compile its regex and append it to the library. On success
 * the entry's strings move into the new sig; on failure the entry keeps them. */
static fl_status commit(loader *ld, entry *e)
{
    fl_patterns *p = ld->p;
    if (!e->name)
        return parse_error(ld, e->line, "entry has no 'name:'");
    static const char *const keys[] = {"category", "severity", "regex"};
    const char *const vals[] = {e->category, e->severity, e->regex};
    for (int k = 0; k < 3; k++)
        if (!vals[k])
            return parse_error(ld, e->line, "entry '%s' has no '%s:'", e->name, keys[k]);
    names_sync(p); /* out of memory: the scan below still finds duplicates */
    long dup = fl_patterns_find(p, e->name);
    if (dup >= 0) {
        const fl_signature_info *d = &p->sigs[dup].info;
        return parse_error(ld, e->name_line, "duplicate name '%s' (first defined at %s:%u)",
                           e->name, d->file, d->line);
    }
    fl_severity sev;
    if (!parse_severity(e->severity, &sev))
        return parse_error(ld, e->severity_line,
                           "unknown severity '%s' (expected info, warning, error or critical)",
                           e->severity);
    int caseless;
    fl_status st = parse_flags(ld, e, &caseless);
    if (st != FL_OK)
        return st;

    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)e->regex, PCRE2_ZERO_TERMINATED,
                                     caseless ? PCRE2_CASELESS : 0, &errcode, &erroff, NULL);
    if (!code && errcode == PCRE2_ERROR_HEAP_FAILED)
        return FL_ERR_NOMEM; /* the machine's memory, not the regex */
    if (!code) {
        PCRE2_UCHAR msg[256];
        if (pcre2_get_error_message(errcode, msg, sizeof msg) == PCRE2_ERROR_BADDATA)
            snprintf((char *)msg, sizeof msg, "error %d", errcode);
        return parse_error(ld, e->regex_line, "regex error at offset %zu: %s", (size_t)erroff,
                           (const char *)msg);
    }
    if (grow((void **)&p->sigs, &p->cap, p->n + 1, sizeof *p->sigs) != FL_OK) {
        pcre2_code_free(code);
        return FL_ERR_NOMEM;
    }

    char lit[MAX_LITERAL + 1];
    size_t lit_len = 0;
    int lit_ci = caseless;
    char *literal = NULL;
    if (e->literal) {
        lit_len = strlen(e->literal);
        if (lit_len > MAX_LITERAL)
            lit_len = MAX_LITERAL;
        for (size_t k = 0; k < lit_len; k++)
            lit[k] = caseless ? (char)tolower((unsigned char)e->literal[k]) : e->literal[k];
        lit[lit_len] = 0;
    } else {
        lit_len = fl_patterns_extract_literal(e->regex, caseless, lit, sizeof lit, &lit_ci);
        if (lit_len < MIN_AUTO_LITERAL)
            lit_len = 0;
    }
    if (lit_len && !(literal = strdup(lit))) {
        pcre2_code_free(code);
        return FL_ERR_NOMEM;
    }

    sig *s = &p->sigs[p->n++];
    memset(s, 0, sizeof *s);
    s->name = e->name;
    s->category = e->category;
    s->regex = e->regex;
    s->description = e->description;
    s->literal = literal;
    s->examples = e->ex;
    s->code = code;
    s->info = (fl_signature_info){
        .name = s->name,
        .category = s->category,
        .severity = sev,
        .regex = s->regex,
        .description = s->description ? s->description : "",
        .file = ld->file,
        .line = e->line,
        .is_lifecycle = strcmp(s->category, "lifecycle") == 0,
        .caseless = caseless,
        .literal = literal,
        .literal_len = lit_len,
        .literal_caseless = lit_len ? lit_ci : 0,
        .literal_given = e->literal != NULL,
        .examples = e->ex,
        .n_examples = e->n_ex,
    };
    free(e->flags);
    free(e->literal);
    free(e->severity);
    memset(e, 0, sizeof *e); /* ownership moved */
    return FL_OK;
}

/* Store a copy of value under key in e. */
static fl_status entry_set(loader *ld, entry *e, unsigned line, const char *key, size_t klen,
                           const char *value)
{
    static const char *const single[] = {"name", "category", "severity", "regex",
                                         "description", "flags", "literal"};
    char **slots[] = {&e->name, &e->category, &e->severity, &e->regex,
                      &e->description, &e->flags, &e->literal};
    if (!*value)
        return parse_error(ld, line, "empty value for '%.*s:'", (int)klen, key);
    if ((klen == 5 && strncmp(key, "match", 5) == 0) ||
        (klen == 8 && strncmp(key, "no-match", 8) == 0)) {
        if (grow((void **)&e->ex, &e->cap_ex, e->n_ex + 1, sizeof *e->ex) != FL_OK)
            return FL_ERR_NOMEM;
        char *t = strdup(value);
        if (!t)
            return FL_ERR_NOMEM;
        e->ex[e->n_ex++] = (fl_pattern_example){t, line, klen == 5};
        return FL_OK;
    }
    for (size_t k = 0; k < sizeof single / sizeof *single; k++) {
        if (strlen(single[k]) != klen || strncmp(key, single[k], klen) != 0)
            continue;
        if (*slots[k])
            return parse_error(ld, line, "duplicate key '%s:' in entry", single[k]);
        if (!(*slots[k] = strdup(value)))
            return FL_ERR_NOMEM;
        if (k == 0) {
            e->name_line = line;
            if (!is_kebab(value))
                return parse_error(ld, line, "name '%s' is not kebab-case", value);
        } else if (k == 1 && !is_kebab(value)) {
            return parse_error(ld, line, "category '%s' is not kebab-case", value);
        } else if (k == 2) {
            e->severity_line = line;
        } else if (k == 3) {
            e->regex_line = line;
        } else if (k == 5) {
            e->flags_line = line;
        }
        return FL_OK;
    }
    return parse_error(ld, line, "unknown key '%.*s:'", (int)klen, key);
}

/* Read one .pat file into the library (no rollback here: the caller does it). */
static fl_status load_file(fl_patterns *p, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fl_patterns_set_err(err, errlen, "%s: %s", path, strerror(errno));
        return FL_ERR_OPEN;
    }
    if (grow((void **)&p->files, &p->cap_files, p->n_files + 1, sizeof *p->files) != FL_OK ||
        !(p->files[p->n_files] = strdup(path))) {
        fclose(f);
        return FL_ERR_NOMEM;
    }
    loader ld = {p, p->files[p->n_files++], err, errlen};
    entry e = {0};
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned lineno = 0;
    fl_status st = FL_OK;
    errno = 0;
    while (st == FL_OK && (got = getline(&buf, &cap, f)) >= 0) {
        lineno++;
        size_t n = (size_t)got;
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = 0;
        if (memchr(buf, 0, n)) {
            st = parse_error(&ld, lineno, "NUL byte in line");
            break;
        }
        const char *s = buf + strspn(buf, " \t");
        if (!*s) { /* blank: ends the entry */
            if (e.line)
                st = commit(&ld, &e);
            continue;
        }
        if (*s == '#')
            continue;
        size_t klen = strspn(s, "abcdefghijklmnopqrstuvwxyz-");
        if (klen == 0 || s[klen] != ':') {
            st = parse_error(&ld, lineno, "expected 'key: value'");
            break;
        }
        if (!e.line)
            e.line = lineno;
        const char *v = s + klen + 1;
        v += strspn(v, " \t");
        /* regex, match and no-match are verbatim; other values lose trailing blanks. */
        int verbatim = (klen == 5 && (strncmp(s, "regex", 5) == 0 || strncmp(s, "match", 5) == 0)) ||
                       (klen == 8 && strncmp(s, "no-match", 8) == 0);
        if (!verbatim)
            while (n > (size_t)(v - buf) && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
                buf[--n] = 0;
        st = entry_set(&ld, &e, lineno, s, klen, v);
    }
    if (st == FL_OK && ferror(f)) {
        fl_patterns_set_err(err, errlen, "%s: %s", path, strerror(errno ? errno : EIO));
        st = FL_ERR_OPEN;
    }
    if (st == FL_OK && e.line)
        st = commit(&ld, &e);
    if (st == FL_ERR_NOMEM)
        fl_patterns_set_err(err, errlen, "%s: out of memory", path);
    entry_clear(&e);
    free(buf);
    fclose(f);
    return st;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.pat file of dir in name order. */
static fl_status load_dir(fl_patterns *p, const char *dir, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        fl_patterns_set_err(err, errlen, "%s: %s", dir, strerror(errno));
        return FL_ERR_OPEN;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    fl_status st = FL_OK;
    struct dirent *de;
    while (st == FL_OK && (de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len <= 4 || de->d_name[0] == '.' || strcmp(de->d_name + len - 4, ".pat") != 0)
            continue;
        size_t size = strlen(dir) + len + 2;
        char *path = malloc(size);
        if (!path || grow((void **)&names, &cap, n + 1, sizeof *names) != FL_OK) {
            free(path);
            st = FL_ERR_NOMEM;
            break;
        }
        snprintf(path, size, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
                 de->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            free(path);
            continue;
        }
        names[n++] = path;
    }
    closedir(d);
    if (st == FL_OK && n == 0) {
        fl_patterns_set_err(err, errlen, "%s: no .pat files in directory", dir);
        st = FL_ERR_OPEN;
    }
    if (st == FL_OK)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (st == FL_OK)
            st = load_file(p, names[i], err, errlen);
        free(names[i]);
    }
    free(names);
    if (st == FL_ERR_NOMEM)
        fl_patterns_set_err(err, errlen, "%s: out of memory", dir);
    return st;
}

fl_status fl_patterns_load(fl_patterns *p, const char *path, char *err, size_t errlen)
{
    if (p->compiled) {
        fl_patterns_set_err(err, errlen, "%s: library already compiled", path);
        return FL_ERR_USAGE;
    }
    size_t n0 = p->n, f0 = p->n_files;
    struct stat sb;
    fl_status st;
    if (stat(path, &sb) != 0) {
        fl_patterns_set_err(err, errlen, "%s: %s", path, strerror(errno));
        st = FL_ERR_OPEN;
    } else if (S_ISDIR(sb.st_mode)) {
        st = load_dir(p, path, err, errlen);
    } else {
        st = load_file(p, path, err, errlen);
    }
    if (st != FL_OK)
        truncate_to(p, n0, f0);
    return st;
}
