/* literal.c: the literal a regex requires (the longest run of plain characters that
 * every match must contain), for the prefilter that keeps most lines away from
 * PCRE2. Follows the PCRE2 pattern syntax (pcre2pattern(3)) far enough to skip
 * classes, groups, escapes and quantifiers; anything unsure yields no literal. */
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
size_t fl_re_class_len(const char *s)
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
size_t fl_re_escape_len(const char *s, int *lit)
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
size_t fl_re_group_len(const char *s)
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
            i += fl_re_escape_len(s + i, &lit);
        } else if (s[i] == '[') {
            i += fl_re_class_len(s + i);
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

size_t fl_re_atom_len(const char *s)
{
    if (s[0] == '\\' && s[1] == 'Q') {
        const char *end = strstr(s + 2, "\\E");
        return end ? (size_t)(end - s) + 2 : strlen(s);
    }
    if (s[0] == '\\') {
        int lit;
        return fl_re_escape_len(s, &lit);
    }
    if (s[0] == '[')
        return fl_re_class_len(s);
    if (s[0] == '(')
        return fl_re_group_len(s);
    return 1;
}

/* Whether s has an alternation at nesting depth 0. */
static int has_top_alternation(const char *s)
{
    size_t i = 0;
    while (s[i]) {
        if (s[i] == '|')
            return 1;
        i += fl_re_item_len(s + i);
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
            size_t n = fl_re_escape_len(s + i, &lit);
            i += n;
            if (lit >= 0) {
                i += add_atom(&ls, lit, s + i);
            } else {
                run_end(&ls);
                i += quantifier_len(s + i, &min0);
            }
        } else if (c == '[') {
            run_end(&ls);
            i += fl_re_class_len(s + i);
            i += quantifier_len(s + i, &min0);
        } else if (c == '(') {
            run_end(&ls);
            size_t g = fl_re_group_len(s + i);
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
