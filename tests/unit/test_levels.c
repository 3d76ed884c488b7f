/* test_levels.c: fl_level_parse, fl_srv_level_find and fl_srv_looks_continuation,
 * tuned for speed (a switch on the first letter, a first-letter filter, 8-byte token
 * scans, an upper-case fast path), give what the plain versions they replaced give:
 * those are kept here as the reference (ref_*), and both run on every word of the
 * level table in several cases and decorations, on near misses, on messages built
 * from such tokens and on stack-trace shapes, cut at every length. Every input is a
 * heap copy of exactly its bytes, so under ASan a read past the end fails the test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl_test.h"
#include "formats/format.h"
#include "formats/server_util.h"
#include "fl_chars.h"

/* ---- the reference: the code before the speed-ups ---- */

static int ref_word_is(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != w[i])
            return 0;
    return 1;
}

static fl_level ref_level_parse(const char *s, size_t n, int single)
{
    static const struct {
        const char *word;
        fl_level level;
    } words[] = {
        {"trace", FL_LEVEL_TRACE},   {"debug", FL_LEVEL_DEBUG},     {"info", FL_LEVEL_INFO},
        {"notice", FL_LEVEL_NOTICE}, {"log", FL_LEVEL_INFO},        {"warn", FL_LEVEL_WARN},
        {"warning", FL_LEVEL_WARN},  {"error", FL_LEVEL_ERROR},     {"err", FL_LEVEL_ERROR},
        {"severe", FL_LEVEL_ERROR},  {"crit", FL_LEVEL_CRIT},       {"critical", FL_LEVEL_CRIT},
        {"alert", FL_LEVEL_CRIT},    {"fatal", FL_LEVEL_FATAL},     {"panic", FL_LEVEL_FATAL},
        {"emerg", FL_LEVEL_FATAL},   {"emergency", FL_LEVEL_FATAL}, {"fine", FL_LEVEL_DEBUG},
        {"finer", FL_LEVEL_TRACE},   {"finest", FL_LEVEL_TRACE},    {"dbg", FL_LEVEL_DEBUG},
        {"wrn", FL_LEVEL_WARN},      {"eror", FL_LEVEL_ERROR},      {"inf", FL_LEVEL_INFO},
    };
    static const char letters[] = "tdiwefc";
    static const fl_level letter_levels[] = {FL_LEVEL_TRACE, FL_LEVEL_DEBUG, FL_LEVEL_INFO,
                                             FL_LEVEL_WARN,  FL_LEVEL_ERROR, FL_LEVEL_FATAL,
                                             FL_LEVEL_CRIT};
    if (n == 1 && single) {
        const char *p = memchr(letters, s[0] | 0x20, sizeof letters - 1);
        return p ? letter_levels[p - letters] : FL_LEVEL_NONE;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (ref_word_is(s, n, words[i].word))
            return words[i].level;
    return FL_LEVEL_NONE;
}

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
static int is_blank(char c) { return c == ' ' || c == '\t'; }

static fl_level ref_level_word(const char *s, size_t n, int *decorated)
{
    *decorated = 0;
    if (n && (s[0] == '[' || s[0] == '<' || s[0] == '(')) {
        char close = s[0] == '[' ? ']' : s[0] == '<' ? '>' : ')';
        s++, n--;
        const char *c = memchr(s, close, n);
        if (!c)
            return FL_LEVEL_NONE;
        n = (size_t)(c - s);
        *decorated = 1;
    } else {
        while (n && (s[n - 1] == ',' || s[n - 1] == ';'))
            n--;
        if (n && s[n - 1] == ':') {
            n--;
            *decorated = 1;
        }
    }
    return ref_level_parse(s, n, 0);
}

static int ref_key_is(const char *k, size_t n, const char *want)
{
    size_t w = strlen(want);
    if (n != w)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((char)(k[i] | 0x20) != want[i])
            return 0;
    return 1;
}

static int ref_level_key(const char *k, size_t n)
{
    return ref_key_is(k, n, "level") || ref_key_is(k, n, "lvl") || ref_key_is(k, n, "severity") ||
           ref_key_is(k, n, "loglevel") || ref_key_is(k, n, "log.level");
}

static int ref_all_upper(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_upper(s[i]))
            return 0;
    return 1;
}

static int ref_lenient_word(const char *s, size_t n)
{
    static const char *const words[] = {"trace", "debug", "info",  "notice", "warn", "warning",
                                        "error", "fatal", "panic", "crit",   "critical"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (ref_key_is(s, n, words[i]))
            return 1;
    return 0;
}

static fl_level ref_token_level(const char *t, size_t n, int index, int lenient)
{
    const char *eq = memchr(t, '=', n);
    if (eq) {
        size_t kn = (size_t)(eq - t);
        const char *v = eq + 1;
        size_t vn = n - kn - 1;
        if (!ref_level_key(t, kn))
            return FL_LEVEL_NONE;
        if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"')
            v++, vn -= 2;
        return ref_level_parse(v, vn, 0);
    }
    if (index == 0 && n >= 5 && (t[0] == 'I' || t[0] == 'W' || t[0] == 'E' || t[0] == 'F') &&
        fl_is_digit(t[1]) && fl_is_digit(t[2]) && fl_is_digit(t[3]) && fl_is_digit(t[4]) &&
        (n == 5 || fl_is_digit(t[5])))
        return ref_level_parse(t, 1, 1);
    int decorated;
    fl_level l = ref_level_word(t, n, &decorated);
    if (l != FL_LEVEL_NONE) {
        size_t w = n;
        while (w && !is_alpha(t[w - 1]))
            w--;
        const char *word = t + (t[0] == '[' || t[0] == '<' || t[0] == '(');
        w -= (size_t)(word - t);
        if (decorated || ref_all_upper(word, w) || (lenient && ref_lenient_word(word, w)))
            return l;
        return FL_LEVEL_NONE;
    }
    const char *colon = memchr(t, ':', n);
    if (colon && colon > t && ref_all_upper(t, (size_t)(colon - t)))
        return ref_level_parse(t, (size_t)(colon - t), 0);
    return FL_LEVEL_NONE;
}

/* The token part of fl_srv_level_find (JSON messages are not changed and not
 * compared: the reference returns -1 for them). */
static int ref_level_find(const char *s, size_t n, int max_tokens, int lenient_tokens, size_t *after)
{
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    *after = 0;
    if (i < n && s[i] == '{')
        return -1;
    for (int k = 0; k < max_tokens && i < n; k++) {
        size_t e = i;
        while (e < n && !is_blank(s[e]))
            e++;
        fl_level l = ref_token_level(s + i, e - i, k, k < lenient_tokens);
        if (l != FL_LEVEL_NONE) {
            *after = e;
            return (int)l;
        }
        i = e;
        while (i < n && is_blank(s[i]))
            i++;
    }
    return FL_LEVEL_NONE;
}

static int ref_starts(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

static int ref_exception_line(const char *s, size_t n)
{
    static const char *const tails[] = {"Error", "Exception", "Throwable", "Fault", "Interrupt",
                                        "Exit", "Timeout"};
    size_t i = 0, last = 0;
    while (i < n && (is_alpha(s[i]) || fl_is_digit(s[i]) || s[i] == '.' || s[i] == '_' || s[i] == '$')) {
        if (s[i] == '.')
            last = i + 1;
        i++;
    }
    if (i == 0 || (i < n && s[i] != ':'))
        return 0;
    if (last && last < i && is_upper(s[last]))
        return 1;
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        size_t k = strlen(tails[t]);
        if (i >= k && memcmp(s + i - k, tails[t], k) == 0)
            return 1;
    }
    return 0;
}

static int ref_looks_continuation(const char *s, size_t n)
{
    static const char *const prefixes[] = {
        "at ",        "Caused by:", "Suppressed:", "Wrapped by:", "...",     "Traceback (", "File \"",
        "goroutine ", "panic:",     "created by ", "[signal ",   "Exception in thread",
        "During handling of the above exception", "The above exception was",
        "Stack trace:", "}",        "]",           ")",
    };
    if (n == 0)
        return 0;
    if (is_blank(s[0]))
        return 1;
    if (n >= 3 && s[0] == '#' && fl_is_digit(s[1]) && (is_blank(s[2]) || fl_is_digit(s[2])))
        return 1;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (ref_starts(s, n, prefixes[i]))
            return 1;
    return ref_exception_line(s, n);
}

/* ---- the comparison ---- */

static const char *const words[] = {
    "trace", "debug", "info", "notice", "log", "warn", "warning", "error", "err", "severe",
    "crit", "critical", "alert", "fatal", "panic", "emerg", "emergency", "fine", "finer",
    "finest", "dbg", "wrn", "eror", "inf", "infos", "informational", "errors", "warnx", "de",
    "e", "i", "w", "f", "c", "t", "d", "x", "", "level=error", "lvl=WARN", "severity=\"info\"",
    "loglevel=debug", "log.level=fatal", "level=", "levels=error", "E1123", "I0102",
    "W12345", "F9999x", "E12", "ERROR:root:boom", "WARNING:x", "Warn:", "error:", "ERROR,",
    "info;", "[error]", "<warn>", "(FATAL)", "[info", "[]", "[", "(", "<", "Started",
    "systemd[1]:", "web-1", "GET", "ok", "\t", "a=b", "x=level", "0", "12:00:01",
    "INFO\tx", "élan", "\xff\xfe", "ERROR\xc3", "ÉRROR",
};

static void cased(const char *w, int mode, char *out, size_t cap)
{
    size_t n = strlen(w);
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (mode == 1 && c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        else if (mode == 2 && i == 0 && c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        out[i] = c;
    }
    out[n] = 0;
}

static char *exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    if (p && n)
        memcpy(p, s, n);
    return p;
}

static void test_level_parse(void)
{
    size_t nw = sizeof words / sizeof *words;
    char buf[64];
    for (size_t i = 0; i < nw; i++)
        for (int mode = 0; mode < 3; mode++) {
            cased(words[i], mode, buf, sizeof buf);
            size_t n = strlen(buf);
            char *s = exact(buf, n);
            for (int single = 0; single < 2; single++) {
                int ok = fl_level_parse(s, n, single) == ref_level_parse(s, n, single);
                CHECK(ok);
                if (!ok)
                    fprintf(stderr, "  fl_level_parse(\"%s\", %d)\n", buf, single);
            }
            free(s);
        }
    /* every byte as a one-letter level, and every 3..9-byte prefix of a long word */
    for (int c = 0; c < 256; c++) {
        char b = (char)c;
        CHECK(fl_level_parse(&b, 1, 1) == ref_level_parse(&b, 1, 1));
        CHECK(fl_level_parse(&b, 1, 0) == ref_level_parse(&b, 1, 0));
    }
}

static void test_level_find(void)
{
    size_t nw = sizeof words / sizeof *words;
    static const char *const seps[] = {" ", "  ", "\t", " - "};
    char a[64], b[64], msg[256];
    for (size_t i = 0; i < nw; i++)
        for (size_t j = 0; j < nw; j += 3)
            for (int mode = 0; mode < 3; mode++)
                for (size_t sp = 0; sp < sizeof seps / sizeof *seps; sp++) {
                    cased(words[i], mode, a, sizeof a);
                    cased(words[j], (mode + 1) % 3, b, sizeof b);
                    int len = snprintf(msg, sizeof msg, "%s%s%s%s%s rest of it", sp == 1 ? " " : "",
                                       a, seps[sp], b, seps[(sp + 1) % 4]);
                    for (size_t cut = 0; cut <= (size_t)len; cut += (cut < 24 ? 1 : 7)) {
                        char *s = exact(msg, cut);
                        for (int max = 0; max <= 6; max += 2) {
                            size_t after = 99, ref_after = 99;
                            int want = ref_level_find(s, cut, max, max / 2, &ref_after);
                            if (want < 0)
                                continue;
                            fl_level got = fl_srv_level_find(s, cut, max, max / 2, &after);
                            int ok = (int)got == want && after == ref_after;
                            CHECK(ok);
                            if (!ok)
                                fprintf(stderr, "  \"%.*s\" max %d: %d after %zu, want %d after %zu\n",
                                        (int)cut, msg, max, (int)got, after, want, ref_after);
                        }
                        free(s);
                    }
                }
}

static void test_looks_continuation(void)
{
    static const char *const lines[] = {
        "at com.example.Foo.bar(Foo.java:12)", "\tat x", "  File \"x.py\", line 3", "Caused by: x",
        "Suppressed: y", "Wrapped by: z", "... 12 more", "Traceback (most recent call last):",
        "File \"a\"", "goroutine 1 [running]:", "panic: boom", "created by main.main",
        "[signal SIGSEGV: segmentation violation]", "Exception in thread \"main\" x",
        "During handling of the above exception, another exception occurred:",
        "The above exception was the direct cause", "Stack trace:", "}", "]", ")", "#0 /x.php(3)",
        "#12 f", "#x", "java.net.ConnectException: refused", "ValueError: boom",
        "KeyboardInterrupt", "requests.exceptions.ConnectTimeout: x", "a.b.c: x", "SystemExit",
        "atx", "Caused", "Stack", "The above", "Traceback", "panic", "goroutine", "[signa",
        "2026-11-23 12:00:01 INFO x", "[2026-11-23] x", "Started Session", "", "E", "x:",
        "SomeTimeout", "Exit:", "$Fault:", "_Interrupt", "élan: x",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        size_t len = strlen(lines[i]);
        for (size_t cut = 0; cut <= len; cut++) {
            char *s = exact(lines[i], cut);
            int ok = fl_srv_looks_continuation(s, cut) == ref_looks_continuation(s, cut);
            CHECK(ok);
            if (!ok)
                fprintf(stderr, "  looks_continuation(\"%.*s\")\n", (int)cut, lines[i]);
            free(s);
        }
    }
}

/* fl_srv_level_usual, app's fast path, gives what fl_srv_level_first_upper gives
 * wherever it answers: on every level word in three casings with blank and other
 * prefixes and tails, cut at every length, and on random strings over the bytes of
 * the usual words; and it answers on the four usual words (or it saves nothing). */
/* fl_srv_level_usual on msg[0..n), an exact-size copy (ASan sees a read past it):
 * no level, or the reference's level and end. */
static void check_level_usual(const char *msg, size_t n)
{
    char *s = exact(msg, n);
    size_t after = 99, ref_after = 99;
    fl_level got = fl_srv_level_usual(s, n, &after);
    fl_level want = fl_srv_level_first_upper(s, n, &ref_after);
    int ok = got == FL_LEVEL_NONE || (got == want && after == ref_after);
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "  level_usual(\"%.*s\"): %d after %zu, want %d after %zu\n", (int)n, msg, (int)got, after,
                (int)want, ref_after);
    free(s);
}

static void test_level_usual(void)
{
    size_t nw = sizeof words / sizeof *words;
    static const char *const pre[] = {" ", "\t", "  ", "", "x "};
    static const char *const post[] = {" rest", "\trest", "", "X y", ": y", "  [t] m"};
    char w[64], msg[128];
    for (size_t i = 0; i < nw; i++)
        for (int mode = 0; mode < 3; mode++)
            for (size_t a = 0; a < sizeof pre / sizeof *pre; a++)
                for (size_t b = 0; b < sizeof post / sizeof *post; b++) {
                    cased(words[i], mode, w, sizeof w);
                    int len = snprintf(msg, sizeof msg, "%s%s%s", pre[a], w, post[b]);
                    for (size_t cut = 0; cut <= (size_t)len; cut++)
                        check_level_usual(msg, cut);
                }
    static const char *const usual[] = {" INFO x", "\tWARN\tx", " ERROR  [main] x", " DEBUG y"};
    static const fl_level usual_level[] = {FL_LEVEL_INFO, FL_LEVEL_WARN, FL_LEVEL_ERROR, FL_LEVEL_DEBUG};
    for (size_t i = 0; i < 4; i++) {
        size_t after = 0;
        CHECK(fl_srv_level_usual(usual[i], strlen(usual[i]), &after) == usual_level[i]);
        CHECK_INT(after, usual_level[i] == FL_LEVEL_INFO || usual_level[i] == FL_LEVEL_WARN ? 5 : 6);
    }
    static const char alphabet[] = " \tINFOWARERDBUGx:";
    uint64_t r = 88172645463325252ULL;
    char buf[16];
    for (int k = 0; k < 200000; k++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        size_t n = (size_t)(r % 13);
        for (size_t j = 0; j < n; j++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            buf[j] = alphabet[r % (sizeof alphabet - 1)];
        }
        if (n && (r >> 20) % 2) /* most start as the usual line does */
            buf[0] = ' ';
        if (n > 4 && (r >> 21) % 2)
            memcpy(buf + 1, (r >> 22) % 2 ? "INFO" : "ERRO", 4);
        check_level_usual(buf, n);
    }
}

int main(void)
{
    test_level_usual();
    test_looks_continuation();
    test_level_parse();
    test_level_find();
    return fl_test_result("test_levels");
}
