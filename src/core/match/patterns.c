/* patterns.c: the error-signature library (*.pat files, format in patterns/README.md)
 * and the matcher. Follows the PCRE2 native 8-bit API (pcre2api(3), pcre2jit(3)):
 * patterns are compiled with pcre2_compile at load time, JIT-compiled when a line
 * first gets past the prefilter to them (where the platform allows it), and matched
 * with pcre2_jit_match (or pcre2_match without JIT) using match data owned by a
 * matcher. Building lazily keeps the start-up of a run over access logs only (no
 * message is ever matched) free of the automaton and of 200 JIT compilations. */
#define _GNU_SOURCE /* memmem (glibc, the BSDs, POSIX.1-2024) */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match/patterns.h"

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

/* Extracted literals shorter than this are not worth a search per line. */
#define MIN_AUTO_LITERAL 3
/* Longest literal kept for the prefilter (a prefix of a required run is required). */
#define MAX_LITERAL 128
/* Lines up to this length are lower-cased once per call for caseless literals;
 * longer ones are searched byte by byte. */
#define LOWER_BUF 65536

typedef struct sig {
    fl_signature_info info;     /* strings below, file from the library's list */
    char *name, *category, *regex, *description, *literal;
    fl_pattern_example *examples;
    pcre2_code *code;
    atomic_int jit;             /* 0 not tried yet, JIT_ON: pcre2_jit_match, JIT_OFF:
                                 * the interpreter; set once, under the library's lock */
} sig;

#define JIT_ON 1
#define JIT_OFF 2

/* Aho-Corasick automaton over every signature's literal, case-folded, as a dense DFA
 * on byte classes (bytes that occur in no literal share class 0). A transition holds
 * the target state's row offset (state * n_classes), so the scan loop needs no
 * multiplication, with AC_OUT set when the target state has outputs. */
typedef struct ac_dfa {
    uint32_t *next;             /* n_states * n_classes row offsets | AC_OUT */
    uint32_t n_states, n_classes;
    unsigned char cls[256];     /* byte -> class, 'A' and 'a' alike */
    uint32_t *out_off;          /* outputs of state s: out[out_off[s] .. out_off[s + 1]) */
    uint32_t *out;              /* signature indices */
    uint32_t *always;           /* signatures without a literal, in library order */
    size_t n_always;
} ac_dfa;

#define AC_OUT 0x80000000u

struct fl_patterns {
    sig *sigs;
    size_t n, cap;
    char **files;               /* every file loaded, owned; sig.info.file points here */
    size_t n_files, cap_files;
    int compiled;               /* fl_patterns_compile was called: no more loading */
    /* Built on first use by the matchers of any thread, under lock: */
    pthread_mutex_t lock;
    atomic_int ac_state;        /* 0 not built, 1 ac is ready, -1 out of memory */
    ac_dfa *ac;
};

struct fl_matcher {
    const fl_patterns *p;
    pcre2_match_data *md;
    fl_prefilter mode;
    char *lower;                /* LOWER_BUF bytes of scratch for caseless literals */
    uint32_t *seen;             /* automaton: seen[i] == gen when i's literal is in the line */
    uint32_t gen;
    uint32_t *cand;             /* automaton: signatures to run on the line (p->n + 1) */
};

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

__attribute__((format(printf, 3, 4))) static void set_err(char *err, size_t errlen,
                                                          const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- literal extraction ----------------------------------------------------------- */

/* Length of the quantifier at s (0 if none), including a lazy '?' or possessive '+'
 * suffix; *min0 is set when it allows zero repetitions. Braces count as a
 * quantifier when they hold only digits, one comma and blanks: that covers {n},
 * {n,}, {n,m} and the forms PCRE2 10.43 added ({,m}, spaces inside), which older
 * versions read as literal text; treating those as quantifiers only costs literal
 * characters, never soundness. */
static size_t quantifier_len(const char *s, int *min0)
{
    size_t n = 0;
    *min0 = 0;
    if (s[0] == '?' || s[0] == '*') {
        *min0 = 1;
        n = 1;
    } else if (s[0] == '+') {
        n = 1;
    } else if (s[0] == '{') {
        size_t i = 1;
        int digits = 0, commas = 0, min_nonzero = 0;
        for (; s[i] && s[i] != '}'; i++) {
            if (isdigit((unsigned char)s[i])) {
                digits++;
                if (!commas && s[i] != '0')
                    min_nonzero = 1;
            } else if (s[i] == ',') {
                commas++;
            } else if (s[i] != ' ' && s[i] != '\t') {
                return 0;
            }
        }
        if (s[i] != '}' || !digits || commas > 1)
            return 0;
        *min0 = !min_nonzero;
        n = i + 1;
    } else {
        return 0;
    }
    if (s[n] == '?' || s[n] == '+')
        n++;
    return n;
}

/* Skip the character class starting at s[0] == '['; returns its length. */
static size_t class_len(const char *s)
{
    size_t i = 1;
    if (s[i] == '^')
        i++;
    if (s[i] == ']')
        i++; /* a leading ']' is a literal member */
    while (s[i] && s[i] != ']') {
        if (s[i] == '\\' && s[i + 1]) {
            i += 2;
        } else if (s[i] == '[' && s[i + 1] == ':') {
            const char *end = strstr(s + i + 2, ":]");
            i = end ? (size_t)(end - s) + 2 : i + 1;
        } else {
            i++;
        }
    }
    return s[i] ? i + 1 : i;
}

/* Length of the escape starting at s[0] == '\\' (not \Q or \E). *lit receives the
 * byte it stands for when it is a plain literal, else -1. */
static size_t escape_len(const char *s, int *lit)
{
    unsigned char c = (unsigned char)s[1];
    *lit = -1;
    if (!c)
        return 1;
    if (!isalnum(c)) {
        *lit = c; /* \( \. \\ \/ \- ... */
        return 2;
    }
    switch (c) {
    case 't': *lit = '\t'; return 2;
    case 'n': *lit = '\n'; return 2;
    case 'r': *lit = '\r'; return 2;
    case 'f': *lit = '\f'; return 2;
    case 'e': *lit = 0x1b; return 2;
    case 'a': *lit = 0x07; return 2;
    case 'c': return s[2] ? 3 : 2;
    default: break;
    }
    size_t i = 2;
    if (s[i] == '{' && strchr("xopPNgk", c)) {
        while (s[i] && s[i] != '}')
            i++;
        return s[i] ? i + 1 : i;
    }
    if ((c == 'k' || c == 'g') && (s[i] == '<' || s[i] == '\'')) {
        char close = s[i] == '<' ? '>' : '\'';
        i++;
        while (s[i] && s[i] != close)
            i++;
        return s[i] ? i + 1 : i;
    }
    if (c == 'x') {
        while (i < 4 && isxdigit((unsigned char)s[i]))
            i++;
        return i;
    }
    if (c == 'g' && (s[i] == '-' || s[i] == '+'))
        i++;
    if (isdigit(c) || c == 'g')
        while (isdigit((unsigned char)s[i]))
            i++;
    return i;
}

/* Skip the group starting at s[0] == '('; returns its length. */
static size_t group_len(const char *s)
{
    size_t i = 1;
    int depth = 1;
    if (s[1] == '?' && s[2] == '#') {
        const char *end = strchr(s, ')');
        return end ? (size_t)(end - s) + 1 : strlen(s);
    }
    while (s[i] && depth > 0) {
        if (s[i] == '\\' && s[i + 1] == 'Q') {
            const char *end = strstr(s + i + 2, "\\E");
            i = end ? (size_t)(end - s) + 2 : strlen(s);
        } else if (s[i] == '\\') {
            int lit;
            i += escape_len(s + i, &lit);
        } else if (s[i] == '[') {
            i += class_len(s + i);
        } else {
            if (s[i] == '(')
                depth++;
            else if (s[i] == ')')
                depth--;
            i++;
        }
    }
    return i;
}

/* Whether s has an alternation at nesting depth 0. */
static int has_top_alternation(const char *s)
{
    size_t i = 0;
    while (s[i]) {
        if (s[i] == '|')
            return 1;
        if (s[i] == '\\' && s[i + 1] == 'Q') {
            const char *end = strstr(s + i + 2, "\\E");
            i = end ? (size_t)(end - s) + 2 : strlen(s);
        } else if (s[i] == '\\') {
            int lit;
            i += escape_len(s + i, &lit);
        } else if (s[i] == '[') {
            i += class_len(s + i);
        } else if (s[i] == '(') {
            i += group_len(s + i);
        } else {
            i++;
        }
    }
    return 0;
}

/* The run being built and the best one so far. */
typedef struct lit_state {
    char run[MAX_LITERAL];
    size_t run_len;
    char best[MAX_LITERAL];
    size_t best_len;
} lit_state;

static void run_end(lit_state *ls)
{
    if (ls->run_len > ls->best_len) {
        memcpy(ls->best, ls->run, ls->run_len);
        ls->best_len = ls->run_len;
    }
    ls->run_len = 0;
}

static void run_add(lit_state *ls, int c)
{
    if (ls->run_len < MAX_LITERAL)
        ls->run[ls->run_len++] = (char)c;
}

/* One literal atom followed (maybe) by a quantifier at s; returns the quantifier's
 * length. An optional atom is dropped and ends the run; a repeated one (+, {n,})
 * is required once, then ends the run. */
static size_t add_atom(lit_state *ls, int c, const char *s)
{
    int min0;
    size_t q = quantifier_len(s, &min0);
    if (q && min0) {
        run_end(ls);
    } else {
        run_add(ls, c);
        if (q)
            run_end(ls);
    }
    return q;
}

size_t fl_patterns_extract_literal(const char *regex, int caseless_in, char *out,
                                   size_t outcap, int *caseless)
{
    lit_state ls = {.run_len = 0, .best_len = 0};
    int ci = caseless_in != 0;
    const char *s = regex;
    size_t i = 0;
    int min0;
    if (outcap)
        out[0] = 0;
    if (caseless)
        *caseless = ci;
    /* (*ACCEPT) ends a match early: nothing after it is required. */
    if (has_top_alternation(s) || strstr(s, "(*ACCEPT"))
        return 0;
    /* Rare constructs whose effect on what is required is subtle ((?^...) option
     * resets, (?#comments), \Q..\E, \E alone, non-ASCII under caseless/UTF rules):
     * no literal, the regex always runs. Correct first; the shipped library avoids
     * them (found by fuzzing). */
    if (strstr(s, "(?^") || strstr(s, "(?#") || strstr(s, "\\Q") || strstr(s, "\\E") ||
        strstr(s, "(*UTF") || strstr(s, "(*UCP") || strstr(s, "(?x") || strstr(s, "(?-"))
        return 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return 0;
    while (s[i]) {
        char c = s[i];
        if (c == '\\' && s[i + 1] == 'Q') {
            /* \Q...\E: all literal; only the last character before \E can carry a
             * quantifier. */
            int quantified_end = 0;
            i += 2;
            while (s[i] && !(s[i] == '\\' && s[i + 1] == 'E')) {
                int ch = (unsigned char)s[i++];
                if (s[i] == '\\' && s[i + 1] == 'E') {
                    i += 2;
                    i += add_atom(&ls, ch, s + i);
                    quantified_end = 1;
                    break;
                }
                run_add(&ls, ch);
            }
            if (!quantified_end && s[i])
                i += 2; /* an empty \Q\E */
        } else if (c == '\\' && s[i + 1] == 'E') {
            i += 2;
        } else if (c == '\\') {
            int lit;
            size_t n = escape_len(s + i, &lit);
            i += n;
            if (lit >= 0) {
                i += add_atom(&ls, lit, s + i);
            } else {
                run_end(&ls);
                i += quantifier_len(s + i, &min0);
            }
        } else if (c == '[') {
            run_end(&ls);
            i += class_len(s + i);
            i += quantifier_len(s + i, &min0);
        } else if (c == '(') {
            run_end(&ls);
            size_t g = group_len(s + i);
            if (s[i + 1] == '?') {
                /* An option setting (?imsx-imsx) or (?^...) applies from here on;
                 * (?i:...) is a group and only affects its own contents. */
                size_t k = i + 2;
                int on = 1, x = 0, icase = 0;
                while (s[k] && strchr("imnsxUJ-^", s[k])) {
                    if (s[k] == '-' || s[k] == '^')
                        on = 0;
                    else if (s[k] == 'x' && on)
                        x = 1;
                    else if (s[k] == 'i' && on)
                        icase = 1;
                    k++;
                }
                if (s[k] == ')' && k > i + 2) {
                    if (x)
                        return 0;
                    if (icase)
                        ci = 1;
                }
            }
            i += g;
            i += quantifier_len(s + i, &min0);
        } else if (c == '.' || c == '^' || c == '$' || c == ')' || c == '{' ||
                   c == '*' || c == '+' || c == '?') {
            run_end(&ls);
            i++;
            if (c == '.')
                i += quantifier_len(s + i, &min0);
        } else {
            i++;
            i += add_atom(&ls, (unsigned char)c, s + i);
        }
    }
    run_end(&ls);
    size_t n = ls.best_len;
    if (outcap == 0)
        return 0;
    if (n > outcap - 1)
        n = outcap - 1;
    for (size_t k = 0; k < n; k++)
        out[k] = ci ? (char)tolower((unsigned char)ls.best[k]) : ls.best[k];
    out[n] = 0;
    if (caseless)
        *caseless = ci;
    return n;
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
    while (p->n > n)
        sig_free(&p->sigs[--p->n]);
    while (p->n_files > n_files)
        free(p->files[--p->n_files]);
}

static void ac_free(ac_dfa *a)
{
    if (!a)
        return;
    free(a->next);
    free(a->out_off);
    free(a->out);
    free(a->always);
    free(a);
}

void fl_patterns_free(fl_patterns *p)
{
    if (!p)
        return;
    ac_free(p->ac);
    truncate_to(p, 0, 0);
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

long fl_patterns_find(const fl_patterns *p, const char *name)
{
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
        set_err(err, errlen, "%s: %s", path, strerror(errno));
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
        set_err(err, errlen, "%s: %s", path, strerror(errno ? errno : EIO));
        st = FL_ERR_OPEN;
    }
    if (st == FL_OK && e.line)
        st = commit(&ld, &e);
    if (st == FL_ERR_NOMEM)
        set_err(err, errlen, "%s: out of memory", path);
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
        set_err(err, errlen, "%s: %s", dir, strerror(errno));
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
        set_err(err, errlen, "%s: no .pat files in directory", dir);
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
        set_err(err, errlen, "%s: out of memory", dir);
    return st;
}

fl_status fl_patterns_load(fl_patterns *p, const char *path, char *err, size_t errlen)
{
    if (p->compiled) {
        set_err(err, errlen, "%s: library already compiled", path);
        return FL_ERR_USAGE;
    }
    size_t n0 = p->n, f0 = p->n_files;
    struct stat sb;
    fl_status st;
    if (stat(path, &sb) != 0) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
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

/* ---- the literal automaton -------------------------------------------------------- */

/* Build the Aho-Corasick DFA for the literals of p's signatures (Aho and Corasick,
 * "Efficient string matching", CACM 1975; the goto function completed into a DFA).
 * Returns NULL when out of memory. A library without literals gets an automaton with
 * one state and no outputs. */
static ac_dfa *ac_build(const fl_patterns *p)
{
    ac_dfa *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    /* Byte classes: one per distinct folded byte used by a literal. */
    unsigned char used[256] = {0};
    size_t total = 1;
    for (size_t i = 0; i < p->n; i++) {
        const fl_signature_info *in = &p->sigs[i].info;
        for (size_t k = 0; k < in->literal_len; k++)
            used[tolower((unsigned char)in->literal[k])] = 1;
        total += in->literal_len;
    }
    a->n_classes = 1;
    unsigned char id[256] = {0};
    for (int b = 0; b < 256; b++)
        if (used[b])
            id[b] = (unsigned char)a->n_classes++;
    for (int b = 0; b < 256; b++)
        a->cls[b] = id[tolower(b)];
    uint32_t nc = a->n_classes;
    uint32_t *fail = NULL, *queue = NULL, *own = NULL, *own_next = NULL, *head = NULL;
    uint32_t *count = NULL;
    a->next = calloc(total * nc, sizeof *a->next);
    head = malloc(total * sizeof *head);      /* first own output of a state, or UINT32_MAX */
    own = malloc((p->n + 1) * sizeof *own);   /* own-output list: signature ... */
    own_next = malloc((p->n + 1) * sizeof *own_next); /* ... and the next entry */
    fail = calloc(total, sizeof *fail);
    queue = malloc(total * sizeof *queue);
    count = calloc(total, sizeof *count);
    a->out_off = calloc(total + 1, sizeof *a->out_off);
    if (!a->next || !head || !own || !own_next || !fail || !queue || !count || !a->out_off)
        goto nomem;
    memset(head, 0xff, total * sizeof *head);

    /* The trie: 0 is the root and never a child, so 0 means "no edge" for now. */
    uint32_t n_states = 1, n_own = 0;
    for (size_t i = 0; i < p->n; i++) {
        const fl_signature_info *in = &p->sigs[i].info;
        if (!in->literal_len)
            continue;
        uint32_t st = 0;
        for (size_t k = 0; k < in->literal_len; k++) {
            uint32_t c = a->cls[(unsigned char)in->literal[k]];
            if (!a->next[st * nc + c])
                a->next[st * nc + c] = n_states++;
            st = a->next[st * nc + c];
        }
        own[n_own] = (uint32_t)i;
        own_next[n_own] = head[st];
        head[st] = n_own++;
    }
    a->n_states = n_states;

    /* Breadth first: failure links, missing edges completed from the failure state,
     * output counts (own outputs plus those of the failure state). */
    size_t qh = 0, qt = 0;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t u = queue[qh++];
        for (uint32_t j = head[u]; j != UINT32_MAX; j = own_next[j])
            count[u]++;
        if (u)
            count[u] += count[fail[u]];
        for (uint32_t c = 0; c < nc; c++) {
            uint32_t v = a->next[u * nc + c];
            if (v) { /* a trie edge: rows are completed only here, so nonzero means child */
                fail[v] = u ? a->next[fail[u] * nc + c] : 0;
                queue[qt++] = v;
            } else {
                a->next[u * nc + c] = u ? a->next[fail[u] * nc + c] : 0;
            }
        }
    }
    for (uint32_t st = 0; st < n_states; st++)
        a->out_off[st + 1] = a->out_off[st] + count[st];
    a->out = malloc((a->out_off[n_states] + 1) * sizeof *a->out);
    if (!a->out)
        goto nomem;
    for (size_t q = 0; q < qt; q++) { /* BFS order: the failure state is filled first */
        uint32_t u = queue[q], w = a->out_off[u];
        for (uint32_t j = head[u]; j != UINT32_MAX; j = own_next[j])
            a->out[w++] = own[j];
        if (u)
            for (uint32_t k = a->out_off[fail[u]]; k < a->out_off[fail[u] + 1]; k++)
                a->out[w++] = a->out[k];
    }
    if ((uint64_t)n_states * nc >= AC_OUT)
        goto nomem; /* offsets would not fit; no library comes near this */
    for (size_t k = 0; k < (size_t)n_states * nc; k++)
        a->next[k] = a->next[k] * nc | (count[a->next[k]] ? AC_OUT : 0);
    a->always = malloc((p->n + 1) * sizeof *a->always);
    if (!a->always)
        goto nomem;
    for (size_t i = 0; i < p->n; i++)
        if (!p->sigs[i].info.literal_len)
            a->always[a->n_always++] = (uint32_t)i;
    free(head);
    free(own);
    free(own_next);
    free(fail);
    free(queue);
    free(count);
    return a;
nomem:
    free(head);
    free(own);
    free(own_next);
    free(fail);
    free(queue);
    free(count);
    ac_free(a);
    return NULL;
}

fl_status fl_patterns_compile(fl_patterns *p, char *err, size_t errlen)
{
    (void)err, (void)errlen; /* the automaton and the JIT code come on first use */
    p->compiled = 1;
    return FL_OK;
}

/* The lazily built parts of a library that matchers (in any thread) share: made
 * once, under the library's lock, and read without it once published. */
static fl_patterns *shared_parts(const fl_patterns *p) { return (fl_patterns *)p; }

/* The automaton, built on first use; NULL when it could not be (out of memory:
 * the matcher then falls back to the per-signature literals). */
static const ac_dfa *automaton(const fl_patterns *p)
{
    int state = atomic_load_explicit(&p->ac_state, memory_order_acquire);
    if (state == 0) {
        fl_patterns *w = shared_parts(p);
        pthread_mutex_lock(&w->lock);
        state = atomic_load_explicit(&w->ac_state, memory_order_relaxed);
        if (state == 0) {
            w->ac = ac_build(w);
            state = w->ac ? 1 : -1;
            atomic_store_explicit(&w->ac_state, state, memory_order_release);
        }
        pthread_mutex_unlock(&w->lock);
    }
    return state == 1 ? p->ac : NULL;
}

/* Whether signature sg runs JIT code, JIT-compiling it on first use. Where JIT is
 * unavailable (PCRE2_ERROR_JIT_BADOPTION, no executable memory) it keeps the
 * interpreter. */
static int jit_ready(const fl_patterns *p, const sig *sg)
{
    int state = atomic_load_explicit(&sg->jit, memory_order_acquire);
    if (state == 0) {
        fl_patterns *w = shared_parts(p);
        sig *ws = &w->sigs[sg - p->sigs];
        pthread_mutex_lock(&w->lock);
        state = atomic_load_explicit(&ws->jit, memory_order_relaxed);
        if (state == 0) {
            state = pcre2_jit_compile(ws->code, PCRE2_JIT_COMPLETE) == 0 ? JIT_ON : JIT_OFF;
            atomic_store_explicit(&ws->jit, state, memory_order_release);
        }
        pthread_mutex_unlock(&w->lock);
    }
    return state == JIT_ON;
}

/* ---- matching --------------------------------------------------------------------- */

fl_matcher *fl_matcher_new(const fl_patterns *p)
{
    fl_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->p = p;
    m->mode = p->compiled ? FL_PREFILTER_AUTOMATON : FL_PREFILTER_LITERALS;
    /* One ovector pair is enough: only whether a signature matches is wanted, and
     * pcre2_match returns 0 (still a match) when captures do not fit. */
    m->md = pcre2_match_data_create(1, NULL);
    m->lower = malloc(LOWER_BUF);
    m->seen = calloc(p->n + 1, sizeof *m->seen);
    m->cand = malloc((p->n + 1) * sizeof *m->cand);
    if (!m->md || !m->lower || !m->seen || !m->cand) {
        fl_matcher_free(m);
        return NULL;
    }
    return m;
}

void fl_matcher_set_prefilter(fl_matcher *m, fl_prefilter mode)
{
    if (mode == FL_PREFILTER_AUTOMATON && !m->p->compiled)
        mode = FL_PREFILTER_LITERALS;
    m->mode = mode;
}

void fl_matcher_free(fl_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    free(m->lower);
    free(m->seen);
    free(m->cand);
    free(m);
}

/* Case-insensitive search of the lower-case needle in hay (for long lines). */
static int ci_contains(const char *hay, size_t n, const char *needle, size_t k)
{
    if (k > n)
        return 0;
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)hay[i + j]) == (unsigned char)needle[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* FL_PREFILTER_LITERALS: whether the line holds signature sg's literal; *lowered
 * tracks whether m->lower holds the lower-cased line already. */
static int literal_present(fl_matcher *m, const sig *sg, const char *s, size_t len,
                           int *lowered)
{
    const fl_signature_info *in = &sg->info;
    if (!in->literal_len)
        return 1;
    if (!in->literal_caseless)
        return memmem(s, len, in->literal, in->literal_len) != NULL;
    if (len > LOWER_BUF)
        return ci_contains(s, len, in->literal, in->literal_len);
    if (!*lowered) {
        for (size_t i = 0; i < len; i++)
            m->lower[i] = (char)tolower((unsigned char)s[i]);
        *lowered = 1;
    }
    return memmem(m->lower, len, in->literal, in->literal_len) != NULL;
}

/* FL_PREFILTER_AUTOMATON: one pass over the line. Afterwards m->seen[i] == m->gen
 * for every signature i whose literal occurs in the line (ignoring case), and
 * m->cand holds those signatures and the ones without a literal, in library order;
 * returns their count. */
static size_t automaton_scan(fl_matcher *m, const ac_dfa *a, const char *s, size_t len)
{
    if (++m->gen == 0) { /* wrapped: forget every old mark */
        memset(m->seen, 0, (m->p->n + 1) * sizeof *m->seen);
        m->gen = 1;
    }
    const uint32_t *next = a->next;
    const unsigned char *cls = a->cls;
    uint32_t row = 0, gen = m->gen;
    size_t found = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t x = next[row + cls[(unsigned char)s[i]]];
        row = x & ~AC_OUT;
        if (x & AC_OUT) {
            uint32_t st = row / a->n_classes;
            for (uint32_t k = a->out_off[st]; k < a->out_off[st + 1]; k++) {
                uint32_t sg = a->out[k];
                if (m->seen[sg] != gen) {
                    m->seen[sg] = gen;
                    m->cand[found++] = sg;
                }
            }
        }
    }
    /* Few candidates as a rule: insertion sort, then merge in the literal-less ones. */
    for (size_t i = 1; i < found; i++) {
        uint32_t v = m->cand[i];
        size_t j = i;
        for (; j > 0 && m->cand[j - 1] > v; j--)
            m->cand[j] = m->cand[j - 1];
        m->cand[j] = v;
    }
    if (a->n_always) {
        size_t i = found, j = a->n_always, k = found + a->n_always;
        while (j > 0) { /* merge from the back: cand has room for every signature */
            if (i > 0 && m->cand[i - 1] > a->always[j - 1])
                m->cand[--k] = m->cand[--i];
            else
                m->cand[--k] = a->always[--j];
        }
        found += a->n_always;
    }
    return found;
}

/* Whether the prefilter lets signature i through (after automaton_scan when the mode
 * is FL_PREFILTER_AUTOMATON). */
static int prefilter_pass(fl_matcher *m, size_t i, const char *s, size_t len, int *lowered)
{
    const sig *sg = &m->p->sigs[i];
    switch (m->mode) {
    case FL_PREFILTER_OFF: return 1;
    case FL_PREFILTER_LITERALS: return literal_present(m, sg, s, len, lowered);
    case FL_PREFILTER_AUTOMATON: return !sg->info.literal_len || m->seen[i] == m->gen;
    }
    return 1;
}

static int sig_match(fl_matcher *m, const sig *sg, const char *s, size_t len)
{
    int rc = jit_ready(m->p, sg) ? pcre2_jit_match(sg->code, (PCRE2_SPTR)s, len, 0, 0, m->md, NULL)
                                 : pcre2_match(sg->code, (PCRE2_SPTR)s, len, 0, 0, m->md, NULL);
    return rc >= 0;
}

/* The automaton of a matcher in FL_PREFILTER_AUTOMATON mode (NULL in the other
 * modes); without one it falls back to the literals. */
static const ac_dfa *matcher_automaton(fl_matcher *m)
{
    if (m->mode != FL_PREFILTER_AUTOMATON)
        return NULL;
    const ac_dfa *a = automaton(m->p);
    if (!a)
        m->mode = FL_PREFILTER_LITERALS;
    return a;
}

size_t fl_matcher_run(fl_matcher *m, const char *s, size_t len, uint32_t *hits,
                      size_t max_hits)
{
    const fl_patterns *p = m->p;
    size_t found = 0;
    int lowered = 0;
    if (!s)
        s = "";
    const ac_dfa *a = matcher_automaton(m);
    if (a) {
        size_t nc = automaton_scan(m, a, s, len);
        for (size_t k = 0; k < nc; k++) {
            uint32_t i = m->cand[k];
            if (!sig_match(m, &p->sigs[i], s, len))
                continue;
            if (found < max_hits)
                hits[found] = i;
            found++;
        }
        return found;
    }
    for (size_t i = 0; i < p->n; i++) {
        if (!prefilter_pass(m, i, s, len, &lowered) || !sig_match(m, &p->sigs[i], s, len))
            continue;
        if (found < max_hits)
            hits[found] = (uint32_t)i;
        found++;
    }
    return found;
}

int fl_matcher_test(fl_matcher *m, size_t i, const char *s, size_t len)
{
    int lowered = 0;
    if (i >= m->p->n)
        return 0;
    if (!s)
        s = "";
    const ac_dfa *a = matcher_automaton(m);
    if (a)
        automaton_scan(m, a, s, len);
    return prefilter_pass(m, i, s, len, &lowered) && sig_match(m, &m->p->sigs[i], s, len);
}
