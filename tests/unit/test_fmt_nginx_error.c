/* test_fmt_nginx_error.c: the "nginx_error" format (formats/nginx_error.c).
 * nginx core module, error_log: "Syntax: error_log file [level]; ... The second
 * parameter determines the level of logging, and can be one of the following: debug,
 * info, notice, warn, error, crit, alert, or emerg. Log levels above are listed in
 * the order of increasing severity." ngx_log_error_core writes
 * "YYYY/MM/DD HH:MM:SS [level] pid#tid: *connection message" in local time, followed
 * for HTTP requests by ", client: ..., server: ..., request: "...", upstream: "...",
 * host: "..."". */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_nginx_error;

static void test_upstream_error(void)
{
    fl_record r;
    const char *l = "2026/11/23 12:20:01 [error] 1234#0: *5 connect() failed (111: Connection refused) "
                    "while connecting to upstream, client: 10.0.0.1, server: x, request: \"GET / HTTP/1.1\", "
                    "upstream: \"http://10.0.0.2:8080/\", host: \"x\"";
    CHECK_INT(fmt_parse1(fl_format_nginx_error.parse, l, &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, FMT_T0);
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.host, r.host_len, "x"));
    CHECK(fmt_is(r.message, r.message_len,
                 "connect() failed (111: Connection refused) while connecting to upstream, client: "
                 "10.0.0.1, server: x, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:8080/\", "
                 "host: \"x\""));
}

static void test_levels(void)
{
    static const struct {
        const char *word;
        fl_level level;
    } cases[] = {{"debug", FL_LEVEL_DEBUG}, {"info", FL_LEVEL_INFO},   {"notice", FL_LEVEL_NOTICE},
                 {"warn", FL_LEVEL_WARN},   {"error", FL_LEVEL_ERROR}, {"crit", FL_LEVEL_CRIT},
                 {"alert", FL_LEVEL_CRIT},  {"emerg", FL_LEVEL_FATAL}};
    char line[160];
    fl_record r;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(line, sizeof line, "2026/11/23 12:20:01 [%s] 1#1: worker process 29 exited", cases[i].word);
        CHECK_INT(fmt_parse1(fl_format_nginx_error.parse, line, &r), FL_PARSE_OK);
        CHECK_INT(r.level, cases[i].level);
        CHECK(fmt_is(r.message, r.message_len, "worker process 29 exited"));
        CHECK_INT(r.host_len, 0);
    }
    /* Lines without a connection number; server: values ending the line. */
    CHECK_INT(fmt_parse1(fl_format_nginx_error.parse,
                         "2026/11/23 12:19:44 [info] 3101#3101: *2570 client closed connection while "
                         "waiting for request, client: 198.51.100.8, server: 0.0.0.0:443", &r),
              FL_PARSE_OK);
    CHECK(fmt_is(r.host, r.host_len, "0.0.0.0:443"));
}

static void test_multiline_and_bad(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_nginx_error.parse, &st, "Stack trace:", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse(fl_format_nginx_error.parse, &st,
                        "2026/11/23 12:14:12 [error] 30#30: *2260 FastCGI sent in stderr: \"PHP message: "
                        "PHP Fatal error:  Uncaught PDOException in /var/www/Db.php:31", &r),
              FL_PARSE_OK);
    CHECK_INT(fmt_parse(fl_format_nginx_error.parse, &st, "Stack trace:", &r), FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_nginx_error.parse, &st, "#0 /var/www/shop/src/Db.php(31): PDO->__construct()", &r),
              FL_PARSE_CONTINUATION);
    CHECK_INT(fmt_parse(fl_format_nginx_error.parse, &st, "2026/11/31 12:20:01 [error] 1#1: x", &r),
              FL_PARSE_NO_TIMESTAMP);
    /* Go's log package writes the same date: without "[level] pid#tid:" it is not nginx. */
    CHECK_INT(fmt_parse1(fl_format_nginx_error.parse, "2026/11/23 12:20:01 listening on :8080", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_nginx_error.parse, "2026/11/23 12:20:01 [main] x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_nginx_error.parse, "2026/11/23 12:20:01 [error] x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_nginx_error.parse, "2026/11/23 12:20:01 [error] 12#: x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_nginx_error.parse, "2026-11-23 12:20:01 [error] 1#1: x", &r), FL_PARSE_UNPARSEABLE);
}

int main(void)
{
    test_upstream_error();
    test_levels();
    test_multiline_and_bad();
    return fl_test_result("test_fmt_nginx_error");
}
