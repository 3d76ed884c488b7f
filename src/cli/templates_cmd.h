/* templates_cmd.h: `faultline templates [--lines] [--jobs N] PATH...`: mine the message
 * templates of logs and print them (most frequent first), or, with --lines, each
 * record's template in input order. */
#ifndef FL_TEMPLATES_CMD_H
#define FL_TEMPLATES_CMD_H

/* Run the subcommand; argv[0] is "templates". Prints to stdout, diagnostics to stderr.
 * Returns the exit code: 0 ok, 1 no line could be mined, 2 usage error or an input
 * could not be read. */
int fl_cli_templates(int argc, char **argv);

#endif
