/* test_fmt_apache_error.c: the "apache_error" format (formats/apache_error.c).
 * Apache httpd 2.4 "Log Files", Error Log: "The format of the error log is defined by
 * the ErrorLogFormat directive ... A typical log message follows:
 * [Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] [client
 * 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico
 * The first item in the log entry is the date and time of the message. The next is
 * the module producing the message (core, in this case) and the severity level of
 * that message. This is followed by the process ID and, if appropriate, the thread
 * ID, of the process that experienced the condition. Next, we have the client
 * address that made the request." httpd 2.2 wrote "[Wed Oct 11 14:32:52 2000]
 * [error] [client 127.0.0.1] client denied by server configuration: ...". LogLevel:
 * emerg, alert, crit, error, warn, notice, info, debug, trace1 to trace8. */
#include "fmt_test.h"

/* The formats under test (formats/NAME.c). */
extern const fl_format fl_format_apache_error;

static void test_documented_examples(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    const char *l = "[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] "
                    "[client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico";
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st, l, &r), FL_PARSE_OK);
    CHECK(fmt_server_fields(&r));
    CHECK_INT(r.time.ms, 1315564949902LL); /* 2011-09-09T10:42:29.902, wall clock */
    CHECK_INT(r.time.has_offset, 0);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK(fmt_is(r.host, r.host_len, "core"));
    CHECK(fmt_is(r.message, r.message_len, "File does not exist: /usr/local/apache2/htdocs/favicon.ico"));
    l = "[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server "
        "configuration: /export/home/live/ap/htdocs/test";
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st, l, &r), FL_PARSE_OK);
    CHECK_INT(r.time.ms, 971274772000LL);
    CHECK_INT(r.level, FL_LEVEL_ERROR);
    CHECK_INT(r.host_len, 0);
    CHECK(fmt_is(r.message, r.message_len,
                 "client denied by server configuration: /export/home/live/ap/htdocs/test"));
}

static void test_realistic(void)
{
    fl_record r;
    fl_parse_state st;
    fmt_state(&st);
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st,
                        "[Mon Nov 23 12:20:01.120987 2026] [proxy:error] [pid 1311:tid 140201255306816] "
                        "(111)Connection refused: AH00957: http: attempt to connect to 10.0.3.21:8080 "
                        "(app1.internal) failed", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 + 120);
    CHECK(fmt_is(r.host, r.host_len, "proxy"));
    CHECK(fmt_is(r.message, r.message_len,
                 "(111)Connection refused: AH00957: http: attempt to connect to 10.0.3.21:8080 "
                 "(app1.internal) failed"));
    /* Same minute: the cached minute is reused; client with port. */
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st,
                        "[Mon Nov 23 12:20:59.000001 2026] [authz_core:error] [pid 1311:tid 1] "
                        "[client 198.51.100.23:52114] AH01630: client denied by server configuration: "
                        "/var/www/html/.env", &r),
              FL_PARSE_OK);
    CHECK_INT(r.time.ms, FMT_T0 + 58000);
    CHECK(fmt_is(r.message, r.message_len,
                 "AH01630: client denied by server configuration: /var/www/html/.env"));
    /* A module without a name (ModSecurity), trace levels, space-padded day. */
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st,
                        "[Tue May 03 13:27:18.000422 2016] [:notice] [pid 14:tid 139983030101888] "
                        "ModSecurity for Apache/2.7.7 configured.", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_NOTICE);
    CHECK_INT(r.host_len, 0);
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st,
                        "[Mon Nov  2 12:20:01 2026] [http2:trace3] [pid 9] h2_stream(9-1): closed", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_TRACE);
    CHECK_INT(r.time.ms, FMT_T0 - 21 * 24 * FMT_HOUR);
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st,
                        "[Mon Nov 23 12:20:01 2026] [mpm_event:emerg] [pid 9] AH00020: no listening sockets", &r),
              FL_PARSE_OK);
    CHECK_INT(r.level, FL_LEVEL_FATAL);
    /* A CGI script's stderr over several lines continues the entry. */
    CHECK_INT(fmt_parse(fl_format_apache_error.parse, &st, "  at line 18", &r), FL_PARSE_CONTINUATION);
}

static void test_bad(void)
{
    fl_record r;
    CHECK_INT(fmt_parse1(fl_format_apache_error.parse, "[Mon Nov 31 12:20:01 2026] [error] x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_apache_error.parse, "[Mon Foo 23 12:20:01 2026] [error] x", &r), FL_PARSE_NO_TIMESTAMP);
    CHECK_INT(fmt_parse1(fl_format_apache_error.parse, "[Mon Nov 23 12:20:01 2026] [main] x", &r), FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_apache_error.parse, "[Mon Nov 23 12:20:01 2026] x", &r), FL_PARSE_UNPARSEABLE);
    /* Bracketed ISO times are app logs; CLF's [time] is an access log. */
    CHECK_INT(fmt_parse1(fl_format_apache_error.parse, "[2026-11-23 12:20:01,123] ERROR in app: boom", &r),
              FL_PARSE_UNPARSEABLE);
    CHECK_INT(fmt_parse1(fl_format_apache_error.parse,
                         "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326", &r),
              FL_PARSE_UNPARSEABLE);
}

int main(void)
{
    test_documented_examples();
    test_realistic();
    test_bad();
    return fl_test_result("test_fmt_apache_error");
}
