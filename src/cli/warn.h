/* warn.h: the CLI's one way to tell the user something on stderr. */
#ifndef FL_CLI_WARN_H
#define FL_CLI_WARN_H

/* Print "faultline: <message>\n" on stderr, the message's control bytes escaped. */
__attribute__((format(printf, 1, 2))) void fl_cli_warn(const char *fmt, ...);

#endif
