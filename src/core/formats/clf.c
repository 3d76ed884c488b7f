/* clf.c: NCSA Common Log Format and Combined Log Format.
 * Apache mod_log_config: common = "%h %l %u %t \"%r\" %>s %b",
 * combined = common + " \"%{Referer}i\" \"%{User-agent}i\""; nginx's default
 * log_format "combined" is the same ($remote_addr - $remote_user [$time_local]
 * "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent").
 * %t / $time_local is "[10/Oct/2000:13:55:36 -0700]". Inside quoted fields nginx and
 * Apache escape '"' as \" (and '\' as \\), so quoted fields are scanned with escapes. */
#include <stdint.h>
#include <string.h>

#include "formats/access_util.h"
#include "formats/format.h"
#include "fl_chars.h"

/* Scan a quoted field starting at s[i] == '"'; returns the index just past the
 * closing quote, or 0 if it is not closed. */
static size_t skip_quoted(const char *s, size_t len, size_t i)
{
    /* Find each quote, then count the backslashes before it: an odd number escapes
     * it. Much faster than a byte loop on long request lines. */
    for (i++; i < len;) {
        const char *q = fl_acc_find(s + i, s + len, s + len, '"');
        if (!q)
            return 0;
        size_t at = (size_t)(q - s), bs = 0;
        while (at - bs > i && s[at - bs - 1] == '\\')
            bs++;
        if (bs % 2 == 0)
            return at + 1;
        i = at + 1;
    }
    return 0;
}

/* skip_quoted for a long field at the end of the line (the user agent): 32 bytes a
 * step, then 16, then the last 16 bytes of the line in one load (overlapping bytes
 * already seen) instead of a byte loop; an escaped quote goes to skip_quoted. */
static size_t quoted_end(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const char *p = s + i + 1, *end = s + len;
    unsigned m = 0;
    for (; end - p >= 32; p += 32) {
        __m128i a = _mm_loadu_si128((const __m128i *)p), b = _mm_loadu_si128((const __m128i *)(p + 16));
        m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, quote)) |
            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, quote)) << 16;
        if (m)
            break;
    }
    if (!m && end - p >= 16) {
        m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), quote));
        if (!m)
            p += 16;
    }
    if (!m && p < end && len >= 16) { /* 1..15 bytes left: the line's last 16 */
        unsigned shift = 16u - (unsigned)(end - p);
        m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(end - 16)), quote)) >> shift;
    }
    if (m) {
        const char *q = p + __builtin_ctz(m);
        return q[-1] == '\\' ? skip_quoted(s, len, i) : (size_t)(q - s) + 1;
    }
    if (p >= end || len >= 16)
        return 0; /* not closed */
#endif
    return skip_quoted(s, len, i);
}

/* The request field whose opening quote is s[i]: sets rec's method and path and
 * returns the index just past the closing quote, 0 when it is not closed; the same
 * as skip_quoted + fl_acc_split_request_in, in three tiers. A request within the 64
 * bytes after the quote comes from two bit masks (spaces, quotes) without a loop. A
 * longer "METHOD target HTTP/d.d" takes two scans: a space before any quote ends the
 * method, the next one the target, and "HTTP/d.d\"" after it closes the field (its
 * quote follows a digit, so it is not escaped). Anything else takes the general path. */
static size_t request(const char *s, size_t len, size_t i, fl_record *rec)
{
    const char *r = s + i + 1, *end = s + len;
#ifdef FL_ACC_HAVE_MASKS64
    /* Most requests fit in the 64 bytes after the quote: the first quote there, not
     * right after a backslash, closes the field; the first two spaces before it end
     * the method and the target. */
    if (end - r >= 64) {
        uint64_t sp, qt;
        fl_acc_masks64(r, ' ', '"', &sp, &qt);
        unsigned q = qt ? (unsigned)__builtin_ctzll(qt) : 0;
        uint64_t spaces = sp & ((1ULL << q) - 1); /* q == 0: none */
        if ((spaces & (spaces - 1)) != 0 && r[q - 1] != '\\') { /* two spaces: q >= 2 */
            unsigned m = (unsigned)__builtin_ctzll(spaces);
            unsigned m2 = (unsigned)__builtin_ctzll(spaces & (spaces - 1));
            rec->method = r;
            rec->method_len = m;
            rec->path = r + m + 1;
            rec->path_len = m2 - m - 1;
            return (size_t)(r + q + 1 - s);
        }
    }
#endif
    const char *m = fl_acc_find2(r, end, end, ' ', '"');
    const char *p2 = m && *m == ' ' ? fl_acc_find2(m + 1, end, end, ' ', '"') : NULL;
    uint32_t word, http;
    memcpy(&http, "HTTP", 4);
    if (p2 && *p2 == ' ' && end - p2 >= 10 && (memcpy(&word, p2 + 1, 4), word == http) &&
        p2[5] == '/' && fl_is_digit(p2[6]) && p2[7] == '.' && fl_is_digit(p2[8]) && p2[9] == '"') {
        rec->method = r;
        rec->method_len = (size_t)(m - r);
        rec->path = m + 1;
        rec->path_len = (size_t)(p2 - m - 1);
        return (size_t)(p2 + 10 - s);
    }
    size_t q = skip_quoted(s, len, i);
    if (q)
        fl_acc_split_request_in(r, q - i - 2, end, rec);
    return q;
}

int fl_clf_is_vhost_port(const char *s, size_t n)
{
    const char *c = memchr(s, ':', n);
    if (!c || c == s || memchr(c + 1, ':', n - (size_t)(c - s) - 1))
        return 0;
    size_t digits = n - (size_t)(c - s) - 1;
    if (digits < 1 || digits > 5)
        return 0;
    for (size_t i = 1; i <= digits; i++)
        if (!fl_is_digit(c[i]))
            return 0;
    return 1;
}

/* The digits at s[i..len) (at least one) as *v, saturating near INT64_MAX; returns
 * the index after them. A run of up to 7 digits followed by another byte (the usual
 * response size) is found and converted with one 8-byte load: XOR with '0' maps the
 * digits, and only them, to 0..9; adding 0x76 sets the top bit of every other byte
 * (a carry only leaves a byte that is already marked, so the lowest mark is exact). */
static size_t bytes_field(const char *s, size_t len, size_t i, int64_t *v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len - i >= 8) {
        uint64_t w, t, other;
        memcpy(&w, s + i, 8);
        t = w ^ 0x3030303030303030ULL;
        other = ((t + 0x7676767676767676ULL) | t) & 0x8080808080808080ULL;
        if (other) {
            unsigned n = (unsigned)__builtin_ctzll(other) / 8; /* 1..7: s[i] is a digit */
            t <<= 64 - 8 * n; /* the n digits at the top, zeros (leading) below */
            t = (t * 10 + (t >> 8)) & 0x00FF00FF00FF00FFULL;
            t = (t * 100 + (t >> 16)) & 0x0000FFFF0000FFFFULL;
            t = (t * 10000 + (t >> 32)) & 0xFFFFFFFFULL;
            *v = (int64_t)t;
            return i + n;
        }
    }
#endif
    int64_t b = 0;
    for (; i < len && fl_is_digit(s[i]); i++)
        b = b < INT64_MAX / 10 - 9 ? b * 10 + (s[i] - '0') : b;
    *v = b;
    return i;
}

/* Shared scan. Returns FL_PARSE_OK with *after set to the index after the bytes
 * field. */
static fl_parse_result scan(fl_parse_state *st, const char *s, size_t len, fl_record *rec,
                            size_t *after)
{
    const char *end = s + len;
    rec->host = s;
#ifdef FL_ACC_HAVE_MASKS64
    /* A host shorter than 16 bytes: its space and colons from one 16-byte load. */
    uint16_t spaces = 0, colons = 0;
    if (len >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)s);
        spaces = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        colons = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(':')));
    }
    const char *sp = spaces ? s + __builtin_ctz(spaces) : fl_acc_find(s, end, end, ' ');
    if (!sp || sp == s)
        return FL_PARSE_UNPARSEABLE;
    rec->host_len = (size_t)(sp - s);
    /* "%v:%p": a vhost_combined line (most hosts have no ':' at all, IPv6 two) */
    unsigned host_colons = spaces ? colons & ((1u << rec->host_len) - 1) : 0;
    int one_colon = spaces ? host_colons && !(host_colons & (host_colons - 1)) : 0;
    if (!spaces) {
        const char *colon = fl_acc_find(s, sp, end, ':');
        one_colon = colon && !fl_acc_find(colon + 1, sp, end, ':');
    }
#else
    const char *sp = fl_acc_find(s, end, end, ' ');
    if (!sp || sp == s)
        return FL_PARSE_UNPARSEABLE;
    rec->host_len = (size_t)(sp - s);
    /* "%v:%p": a vhost_combined line (most hosts have no ':' at all) */
    const char *colon = fl_acc_find(s, sp, end, ':');
    int one_colon = colon && !fl_acc_find(colon + 1, sp, end, ':');
#endif
    if (one_colon && fl_clf_is_vhost_port(s, rec->host_len))
        return FL_PARSE_UNPARSEABLE;
    /* Usually "- - [" (no identd, no user) follows the host. */
    uint32_t word, dashes;
    memcpy(&dashes, " - -", 4);
    int dash_dash = end - sp > 5 && (memcpy(&word, sp, 4), word == dashes) && sp[4] == ' ' &&
                    sp[5] == '[';
    const char *lb = dash_dash ? sp + 5 : fl_acc_find(sp, end, end, '[');
    if (!lb)
        return FL_PARSE_UNPARSEABLE;
    size_t i = (size_t)(lb - s) + 1;
    /* The time is nearly always the 26 bytes "10/Oct/2000:13:55:36 -0700". */
    const char *rb =
        i + 26 < len && s[i + 26] == ']' ? s + i + 26 : fl_acc_find(s + i, end, end, ']');
    if (!rb)
        return FL_PARSE_UNPARSEABLE;
    size_t ts_start = i, ts_len = (size_t)(rb - s) - i;
    i = (size_t)(rb - s) + 1;
    if (i + 2 > len || s[i] != ' ' || s[i + 1] != '"')
        return FL_PARSE_UNPARSEABLE;
    size_t q = request(s, len, i + 1, rec);
    if (!q || q + 1 >= len || s[q] != ' ')
        return FL_PARSE_UNPARSEABLE;
    i = q + 1;
    if (i + 3 > len || !fl_is_digit(s[i]) || !fl_is_digit(s[i + 1]) || !fl_is_digit(s[i + 2]) ||
        (i + 3 < len && s[i + 3] != ' '))
        return FL_PARSE_UNPARSEABLE;
    rec->status = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    i += 4;
    rec->bytes = -1;
    if (i < len && s[i] == '-') {
        i++;
    } else if (i < len && fl_is_digit(s[i])) {
        i = bytes_field(s, len, i, &rec->bytes);
    } else {
        return FL_PARSE_UNPARSEABLE;
    }
    if (i < len && s[i] != ' ')
        return FL_PARSE_UNPARSEABLE;
    *after = i;
    rec->kind = FL_KIND_ACCESS;
    rec->level = FL_LEVEL_NONE;
    rec->message_len = 0;
    rec->duration_ms = -1;
    rec->user_agent = rec->upstream = "";
    rec->user_agent_len = rec->upstream_len = 0;
    rec->detail_at = s + i; /* the referer and agent fields, if any */
    if (fl_ts_clf_fast(&st->ts, s + ts_start, ts_len, &rec->time) != ts_len || ts_len == 0)
        return FL_PARSE_NO_TIMESTAMP;
    return FL_PARSE_OK;
}

fl_parse_result fl_clf_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec)
{
    size_t after;
    return scan(st, line, len, rec, &after);
}

/* Combined = common followed by two quoted fields (referer, user agent). */
static fl_parse_result parse_combined(fl_parse_state *st, const char *line, size_t len,
                                      fl_record *rec)
{
    size_t i;
    fl_parse_result r = scan(st, line, len, rec, &i);
    if (r != FL_PARSE_OK)
        return r;
    if (i + 1 >= len || line[i + 1] != '"')
        return FL_PARSE_UNPARSEABLE;
    size_t q = skip_quoted(line, len, i + 1);
    if (!q || q + 1 >= len || line[q] != ' ' || line[q + 1] != '"' || !skip_quoted(line, len, q + 1))
        return FL_PARSE_UNPARSEABLE;
    return FL_PARSE_OK;
}

void fl_clf_detail(const char *line, size_t len, fl_record *rec)
{
    size_t i = (size_t)(rec->detail_at - line); /* after the bytes field */
    if (i + 2 >= len || line[i + 1] != '"')
        return;
    /* The referer is mostly "-": then the agent's quote is 4 bytes on. */
    size_t a = i + 3 < len && line[i + 2] == '-' && line[i + 3] == '"' ? i + 4 : skip_quoted(line, len, i + 1);
    if (!a || a + 1 >= len || line[a] != ' ' || line[a + 1] != '"')
        return;
    size_t e = quoted_end(line, len, a + 1);
    if (e) {
        rec->user_agent = line + a + 2;
        rec->user_agent_len = e - a - 3;
    }
}

static int fl_clf_sniff_common(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(fl_clf_parse, lines, lens, n);
}

static int fl_clf_sniff_combined(const char *const *lines, const size_t *lens, size_t n)
{
    return fl_sniff_by_parse(parse_combined, lines, lens, n);
}

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample combined_samples[] = {
    {.line = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" "
             "200 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I "
             ";Nav)\"",
     .time = "2000-10-10T13:55:36-07:00", .status = 200},
    {.line = "2001:db8::1 - - [10/Oct/2000:13:55:37 -0700] \"POST /api HTTP/1.1\" 503 - \"-\" "
             "\"curl/8\"",
     .time = "2000-10-10T13:55:37-07:00", .status = 503},
    {.line = NULL},
};

const fl_format fl_format_combined = {
    .name = "combined",
    .kind = FL_KIND_ACCESS,
    .description = "NCSA Combined: Apache/nginx default, CLF + \"referer\" \"user-agent\"",
    .sniff = fl_clf_sniff_combined,
    .parse = fl_clf_parse,
    .detail = fl_clf_detail,
    .samples = combined_samples,
};

/* Samples: lines as the format logs them, what parse makes of them (format.h). */
static const fl_format_sample common_samples[] = {
    {.line = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" "
             "200 2326",
     .time = "2000-10-10T13:55:36-07:00", .status = 200},
    {.line = "2001:db8::1 - - [10/Oct/2000:13:55:37 -0700] \"POST /api HTTP/1.1\" 503 -",
     .time = "2000-10-10T13:55:37-07:00", .status = 503},
    {.line = NULL},
};

const fl_format fl_format_common = {
    .name = "common",
    .kind = FL_KIND_ACCESS,
    .description = "NCSA Common Log Format: host ident user [time] \"request\" status bytes",
    .sniff = fl_clf_sniff_common,
    .parse = fl_clf_parse,
    .samples = common_samples,
};
