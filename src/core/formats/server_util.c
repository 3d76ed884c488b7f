/* server_util.c: helpers shared by the server-log formats (see server_util.h for the
 * conventions followed: RFC 5424 severities, common level words, stack-trace
 * shapes). */
#include "formats/server_util.h"

#include "formats/json_scan.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formats/access_util.h"
#include "formats/json_scan.h"
#include "fl_chars.h"

static_assert(offsetof(fl_parse_state, priv) % _Alignof(fl_srv_state) == 0,
              "server formats keep fl_srv_state at the start of priv");

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(char c) { return is_upper(c) || is_lower(c); }
static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* A string constant and its length. */
typedef struct lit {
    const char *s;
    size_t n;
} lit;
#define LIT(x) {x, sizeof x - 1}


/* "java.net.ConnectException: refused", "ValueError: boom", "KeyboardInterrupt":
 * one identifier-like token (dots and '$' allowed) ending in Error, Exception,
 * Throwable, Fault, Interrupt, Exit or Timeout - or a qualified name whose last part
 * is capitalised - then ':' or the end of the line. */
static int exception_line(const char *s, size_t n)
{
    static const lit tails[] = {LIT("Error"), LIT("Exception"), LIT("Throwable"), LIT("Fault"),
                                LIT("Interrupt"), LIT("Exit"), LIT("Timeout")};
    size_t i = 0, last = 0;
    while (i < n && (is_alpha(s[i]) || fl_is_digit(s[i]) || s[i] == '.' || s[i] == '_' || s[i] == '$')) {
        if (s[i] == '.')
            last = i + 1;
        i++;
    }
    if (i == 0 || (i < n && s[i] != ':'))
        return 0;
    if (last && last < i && is_upper(s[last]))
        return 1; /* a qualified class name: requests.exceptions.ConnectTimeout: ... */
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        size_t k = tails[t].n;
        if (i >= k && memcmp(s + i - k, tails[t].s, k) == 0)
            return 1;
    }
    return 0;
}

/* s[0..n) starts with the string constant p. */
#define STARTS(p) (n >= sizeof p - 1 && memcmp(s, p, sizeof p - 1) == 0)

int fl_srv_looks_continuation(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (is_blank(s[0]))
        return 1;
    if (n >= 3 && s[0] == '#' && fl_is_digit(s[1]) && (is_blank(s[2]) || fl_is_digit(s[2])))
        return 1; /* PHP / gdb stack frame "#0 /var/www/x.php(31): f()" */
    /* The prefixes by their first letter (most lines start with none of them). */
    switch (s[0]) {
    case 'a':
        if (STARTS("at "))
            return 1;
        break;
    case 'C':
        if (STARTS("Caused by:"))
            return 1;
        break;
    case 'S':
        if (STARTS("Suppressed:") || STARTS("Stack trace:"))
            return 1;
        break;
    case 'W':
        if (STARTS("Wrapped by:"))
            return 1;
        break;
    case '.':
        if (STARTS("..."))
            return 1;
        break;
    case 'T':
        if (STARTS("Traceback (") || STARTS("The above exception was"))
            return 1;
        break;
    case 'F':
        if (STARTS("File \""))
            return 1;
        break;
    case 'g':
        if (STARTS("goroutine "))
            return 1;
        break;
    case 'p':
        if (STARTS("panic:"))
            return 1;
        break;
    case 'c':
        if (STARTS("created by "))
            return 1;
        break;
    case '[':
        if (STARTS("[signal "))
            return 1;
        break;
    case 'E':
        if (STARTS("Exception in thread"))
            return 1;
        break;
    case 'D':
        if (STARTS("During handling of the above exception"))
            return 1;
        break;
    case '}':
    case ']':
    case ')':
        return 1; /* closing brackets of dumped structures */
    default:
        break;
    }
    return exception_line(s, n);
}

#undef STARTS

int fl_srv_looks_access(const char *s, size_t n)
{
    int request = 0, status = 0;
    for (size_t i = 0; i < n && !(request && status); i++) {
        if (s[i] == '"' && !request) {
            size_t m = i + 1;
            while (m < n && is_upper(s[m]))
                m++;
            if (m - i - 1 < 3 || m + 1 >= n || s[m] != ' ')
                continue;
            const char *q = memchr(s + m + 1, '"', n - m - 1);
            size_t end = q ? (size_t)(q - s) : n;
            for (size_t k = m + 1; k + 6 <= end && !request; k++)
                request = memcmp(s + k, " HTTP/", 6) == 0;
        } else if (fl_is_digit(s[i]) && (i == 0 || is_blank(s[i - 1])) && i + 3 <= n &&
                   fl_is_digit(s[i + 1]) && fl_is_digit(s[i + 2]) && (i + 3 == n || is_blank(s[i + 3])) &&
                   s[i] >= '1' && s[i] <= '5') {
            status = 1;
        }
    }
    return request && status;
}

fl_parse_result fl_srv_untimed(fl_srv_state *srv, const char *line, size_t len)
{
    if (!srv->started)
        return FL_PARSE_UNPARSEABLE;
    srv->weak = !fl_srv_looks_continuation(line, len);
    return FL_PARSE_CONTINUATION;
}

fl_level fl_srv_syslog_severity(int severity)
{
    static const fl_level levels[8] = {FL_LEVEL_FATAL, FL_LEVEL_FATAL,  FL_LEVEL_CRIT,
                                       FL_LEVEL_ERROR, FL_LEVEL_WARN,   FL_LEVEL_NOTICE,
                                       FL_LEVEL_INFO,  FL_LEVEL_DEBUG};
    return severity >= 0 && severity < 8 ? levels[severity] : FL_LEVEL_NONE;
}

/* fl_srv_level_word, inlined into the per-token search. */
static inline fl_level level_word(const char *s, size_t n, int *decorated)
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
    return fl_level_parse(s, n, 0);
}

fl_level fl_srv_level_word(const char *s, size_t n, int *decorated)
{
    return level_word(s, n, decorated);
}

fl_level fl_srv_json_level(const char *v, size_t n)
{
    if (n == 2 && fl_is_digit(v[0]) && v[1] == '0') {
        static const fl_level pino[7] = {FL_LEVEL_NONE, FL_LEVEL_TRACE, FL_LEVEL_DEBUG,
                                         FL_LEVEL_INFO, FL_LEVEL_WARN,  FL_LEVEL_ERROR,
                                         FL_LEVEL_FATAL};
        return v[0] <= '6' ? pino[v[0] - '0'] : FL_LEVEL_NONE;
    }
    return fl_level_parse(v, n, 0);
}

static int key_is(const char *k, size_t n, const lit *want)
{
    if (n != want->n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((char)(k[i] | 0x20) != want->s[i])
            return 0;
    return 1;
}

static int level_key(const char *k, size_t n)
{
    static const lit keys[] = {LIT("level"), LIT("lvl"), LIT("severity"), LIT("loglevel"),
                               LIT("log.level")};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (key_is(k, n, &keys[i]))
            return 1;
    return 0;
}

/* The level member of a JSON object, raw ("level":"error") or escaped inside a JSON
 * string (\"level\":\"error\"): scanned textually over the first 2 KiB. */
static fl_level json_text_level(const char *s, size_t n)
{
    if (n > 2048)
        n = 2048;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '"')
            continue;
        size_t k = i + 1, e = k;
        while (e < n && (is_alpha(s[e]) || s[e] == '.' || s[e] == '_'))
            e++;
        if (e == k || e >= n || !level_key(s + k, e - k))
            continue;
        size_t p = e;
        if (p < n && s[p] == '\\')
            p++;
        if (p >= n || s[p] != '"')
            continue;
        p = fl_srv_skip_blanks(s, n, p + 1);
        if (p >= n || s[p] != ':')
            continue;
        p = fl_srv_skip_blanks(s, n, p + 1);
        if (p < n && s[p] == '\\')
            p++;
        if (p < n && s[p] == '"')
            p++;
        size_t v = p;
        while (p < n && (is_alpha(s[p]) || fl_is_digit(s[p])))
            p++;
        fl_level l = fl_srv_json_level(s + v, p - v);
        if (l != FL_LEVEL_NONE)
            return l;
    }
    return FL_LEVEL_NONE;
}

static int all_upper(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_upper(s[i]))
            return 0;
    return 1;
}

/* Words taken as a level even bare and in lower case (zap's "error", a message
 * starting "error connecting"): not "log", "fine" or "alert", which are prose too. */
static int lenient_word(const char *s, size_t n)
{
    static const lit words[] = {LIT("trace"), LIT("debug"), LIT("info"),  LIT("notice"),
                                LIT("warn"),  LIT("warning"), LIT("error"), LIT("fatal"),
                                LIT("panic"), LIT("crit"),  LIT("critical")};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (key_is(s, n, &words[i]))
            return 1;
    return 0;
}

/* End of the token starting at i (first space or tab, or n), and *eq its first '='
 * (left as is when it has none): 8 bytes per step where the CPU is little-endian. */
static inline size_t token_scan(const char *s, size_t n, size_t i, const char **eq)
{
#ifdef FL_SRV_SWAR
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t blank = fl_srv_blank_bytes(x);
        uint64_t eqs = fl_srv_zero_bytes(x ^ 0x3d3d3d3d3d3d3d3dULL);
        if (blank)
            eqs &= (blank & -blank) - 1; /* only those before the blank */
        if (eqs && !*eq)
            *eq = s + i + (size_t)__builtin_ctzll(eqs) / 8;
        if (blank)
            return i + (size_t)__builtin_ctzll(blank) / 8;
    }
#endif
    for (; i < n && !is_blank(s[i]); i++)
        if (s[i] == '=' && !*eq)
            *eq = s + i;
    return i;
}

/* One token: its level, or NONE. index counts tokens from 0; eq is its first '='
 * (NULL: none). */
static fl_level token_level(const char *t, size_t n, const char *eq, int index, int lenient)
{
    /* Every way below to a level starts with a level word's first letter (a level
     * key's, "level=" or "severity=", a klog letter I/W/E/F): at t[0], or after an
     * opening bracket. Most of a message's tokens are not one. */
    static const uint32_t initials = 1u << ('a' - 'a') | 1u << ('c' - 'a') | 1u << ('d' - 'a') |
                                     1u << ('e' - 'a') | 1u << ('f' - 'a') | 1u << ('i' - 'a') |
                                     1u << ('l' - 'a') | 1u << ('n' - 'a') | 1u << ('p' - 'a') |
                                     1u << ('s' - 'a') | 1u << ('t' - 'a') | 1u << ('w' - 'a');
    if (n == 0)
        return FL_LEVEL_NONE;
    char c0 = n > 1 && (t[0] == '[' || t[0] == '<' || t[0] == '(') ? t[1] : t[0];
    unsigned l0 = (unsigned)((c0 | 0x20) - 'a');
    if (l0 >= 26 || !(initials >> l0 & 1))
        return FL_LEVEL_NONE;
    if (!eq && n >= 3 && n <= 9 && is_upper(t[0])) {
        /* The usual level token, "INFO" or "ERROR": upper-case letters only, so no
         * klog header, decoration or Python colon; its level is the word's. */
        size_t k = 1;
        while (k < n && is_upper(t[k]))
            k++;
        if (k == n)
            return fl_level_parse(t, n, 0);
    }
    if (eq) {
        size_t kn = (size_t)(eq - t);
        const char *v = eq + 1;
        size_t vn = n - kn - 1;
        if (!level_key(t, kn))
            return FL_LEVEL_NONE;
        if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"')
            v++, vn -= 2;
        return fl_level_parse(v, vn, 0);
    }
    if (index == 0 && n >= 5 && (t[0] == 'I' || t[0] == 'W' || t[0] == 'E' || t[0] == 'F') &&
        fl_is_digit(t[1]) && fl_is_digit(t[2]) && fl_is_digit(t[3]) && fl_is_digit(t[4]) &&
        (n == 5 || fl_is_digit(t[5])))
        return fl_level_parse(t, 1, 1); /* klog/glog: Lmmdd hh:mm:ss.uuuuuu */
    int decorated;
    fl_level l = level_word(t, n, &decorated);
    if (l != FL_LEVEL_NONE) {
        size_t w = n;
        while (w && !is_alpha(t[w - 1]))
            w--;
        const char *word = t + (t[0] == '[' || t[0] == '<' || t[0] == '(');
        w -= (size_t)(word - t);
        if (decorated || all_upper(word, w) || (lenient && lenient_word(word, w)))
            return l;
        return FL_LEVEL_NONE;
    }
    const char *colon = is_upper(t[0]) ? memchr(t, ':', n) : NULL;
    if (colon && colon > t && all_upper(t, (size_t)(colon - t)))
        return fl_level_parse(t, (size_t)(colon - t), 0); /* Python "ERROR:root:msg" */
    return FL_LEVEL_NONE;
}

/* fl_srv_level_find past its fast path (apart, so that path saves no registers). */
static fl_level level_find_tokens(const char *s, size_t n, size_t i, int max_tokens,
                                  int lenient_tokens, size_t *after);

fl_level fl_srv_level_find(const char *s, size_t n, int max_tokens, int lenient_tokens,
                           size_t *after)
{
    if (max_tokens > 0) {
        /* The usual case, "INFO" or "ERROR" as the first token: token_level's
         * upper-case word, without the general token scan. */
        fl_level l = fl_srv_level_first_upper(s, n, after);
        if (l != FL_LEVEL_NONE)
            return l;
    }
    return level_find_tokens(s, n, fl_srv_skip_blanks(s, n, 0), max_tokens, lenient_tokens, after);
}

__attribute__((noinline)) static fl_level level_find_tokens(const char *s, size_t n, size_t i,
                                                          int max_tokens, int lenient_tokens,
                                                          size_t *after)
{
    *after = 0;
    if (i < n && s[i] == '{')
        return json_text_level(s + i, n - i);
    for (int k = 0; k < max_tokens && i < n; k++) {
        const char *eq = NULL;
        size_t e = token_scan(s, n, i, &eq);
        fl_level l = token_level(s + i, e - i, eq, k, k < lenient_tokens);
        if (l != FL_LEVEL_NONE) {
            *after = e;
            return l;
        }
        i = fl_srv_skip_blanks(s, n, e);
    }
    return FL_LEVEL_NONE;
}

fl_level fl_srv_level_in_text(const char *s, size_t n, int max_tokens, int lenient_tokens)
{
    size_t after;
    return fl_srv_level_find(s, n, max_tokens, lenient_tokens, &after);
}

int fl_srv_sniff(fl_parse_result (*parse)(fl_parse_state *, const char *, size_t, fl_record *),
                 int (*accept)(const fl_record *rec, const char *line, size_t len),
                 const char *const *lines, const size_t *lens, size_t n)
{
    static const fl_parse_state fresh; /* zero state: const, so no shared mutation */
    fl_parse_state st;
    fl_record rec;
    size_t ok = 0, counted = 0, weak = 0;
    memcpy(&st, &fresh, sizeof st);
    st.year = 2000;
    fl_srv_state *srv = fl_srv_state_of(&st);
    for (size_t i = 0; i < n; i++) {
        if (lens[i] == 0)
            continue;
        srv->weak = 0;
        fl_parse_result r = parse(&st, lines[i], lens[i], &rec);
        if (r == FL_PARSE_CONTINUATION) {
            weak += (size_t)srv->weak;
            continue;
        }
        if (r == FL_PARSE_UNPARSEABLE && fl_srv_looks_continuation(lines[i], lens[i]))
            continue;
        counted++;
        if ((r == FL_PARSE_OK || r == FL_PARSE_HEADER) && (!accept || accept(&rec, lines[i], lens[i])))
            ok++;
    }
    return ok ? (int)(ok * 400 / (counted * 4 + weak)) : 0;
}

/* Whether s[0..n) contains "HTTP/". */
static int has_http(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, 'H', (size_t)(s + n - p))) != NULL; p++)
        if ((size_t)(s + n - p) >= 5 && memcmp(p, "HTTP/", 5) == 0)
            return 1;
    return 0;
}

int fl_srv_wrapped_access(fl_parse_state *st, char *buf, size_t buf_len, const char *msg,
                          size_t msg_len, fl_record *rec)
{
    fl_record r;
    if (msg_len >= buf_len || msg_len < 40 || !has_http(msg, msg_len))
        return 0;
    size_t n = fl_json_unescape(msg, msg_len, buf, buf_len);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    if (!fl_srv_looks_access(buf, n) || fl_clf_parse(st, buf, n, &r) != FL_PARSE_OK)
        return 0;
    fl_clf_detail(buf, n, &r);
    *rec = r;
    return 1;
}

int fl_srv_not_access(const fl_record *rec, const char *line, size_t len)
{
    (void)line;
    (void)len;
    return !fl_srv_looks_access(rec->message, rec->message_len);
}
