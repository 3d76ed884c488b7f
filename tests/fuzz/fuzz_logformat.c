/* fuzz_logformat.c: the --log-format compiler (logformat.h). The input's first three
 * lines are the spec, the --date-format and the --time-format (a missing line is
 * NULL, the default); a format that compiles parses a few fixed lines and then the
 * input's remaining lines through the "custom" row of the format table. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include "formats/format.h"
#include "formats/logformat.h"

static const char *const fixed_lines[] = {
    ("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
     "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\""),
    "10.0.0.1 - - [12/Oct/2022:12:20:01 +0100] \"POST /api/v1/orders?id=3 HTTP/1.1\" 503 0 \"-\" \"curl/7.1\" 0.123",
    "2022-10-12 12:20:01 10.0.0.2 GET /health - 80 - 10.0.0.9 ELB-HealthChecker/2.0 - 200 0 0 15",
    "2022-10-12T12:20:01.123Z 1665577201 1665577201123 \"GET / HTTP/2.0\" 500 12 \\\"x\\\" \t tab",
    "vhost.example:443 1.2.3.4 - - [12/Oct/2022:12:20:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"",
    "1665577201.123    250 10.0.0.3 TCP_MISS/503 1234 GET http://example.com/ - DIRECT/1.2.3.4 text/html",
    "",
    "%%%%\"\"\"[[[]]]   ---",
};

static void parse_line(const fl_format *custom, fl_parse_state *st, const char *line, size_t len)
{
    fl_record rec;
    memset(&rec, 0, sizeof rec);
    if (custom->parse(st, line, len, &rec) == FL_PARSE_OK) {
        fuzz_touch(rec.host, rec.host ? rec.host_len : 0);
        fuzz_touch(rec.method, rec.method ? rec.method_len : 0);
        fuzz_touch(rec.path, rec.path ? rec.path_len : 0);
        fuzz_touch(rec.message, rec.message ? rec.message_len : 0);
        FUZZ_CHECK(rec.kind == FL_KIND_ACCESS);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *part[3] = {NULL, NULL, NULL};
    size_t pos = 0;
    for (int i = 0; i < 3 && pos <= size; i++) {
        const uint8_t *nl = memchr(data + pos, '\n', size - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : size - pos;
        if (i > 0 && pos == size)
            break;
        part[i] = fuzz_strndup(data + pos, n);
        pos += n + 1;
    }
    if (!part[0])
        goto out;

    fl_logformat *lf = NULL;
    char err[128];
    err[0] = 0;
    fl_status st = fl_logformat_compile(part[0], part[1], part[2], &lf, err, sizeof err);
    FUZZ_CHECK((st == FL_OK) == (lf != NULL));
    FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL);
    if (st == FL_OK) {
        const fl_format *custom = fl_format_find("custom");
        fl_parse_state *ps = calloc(1, sizeof *ps);
        FUZZ_CHECK(custom != NULL);
        if (ps) {
            ps->year = 2022;
            ps->custom = lf;
            for (size_t i = 0; i < sizeof fixed_lines / sizeof *fixed_lines; i++) {
                size_t n = strlen(fixed_lines[i]);
                char *copy = malloc(n ? n : 1); /* exact size: no NUL after the line */
                if (copy) {
                    memcpy(copy, fixed_lines[i], n);
                    parse_line(custom, ps, copy, n);
                    free(copy);
                }
            }
            fuzz_lines rest = {0};
            if (pos < size && fuzz_split(data + pos, size - pos, 64, &rest) == 0)
                for (size_t i = 0; i < rest.n; i++)
                    parse_line(custom, ps, rest.text[i], rest.len[i]);
            fuzz_lines_free(&rest);
            free(ps);
        }
        fl_logformat_free(lf);
    }
out:
    for (int i = 0; i < 3; i++)
        free(part[i]);
    return 0;
}
