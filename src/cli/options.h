/* options.h: the command line. One table holds every option with its help text and
 * an example; --help, the README's option list, the man page (manpage.c) and the
 * shell completions (completion.c) are generated from it. */
#ifndef FL_OPTIONS_H
#define FL_OPTIONS_H

#include <stddef.h>

#include "analysis/analysis.h"

typedef enum fl_command {
    FL_CMD_RUN = 0, /* read logs, write the report */
    FL_CMD_SCAN,    /* read logs, write a partial (--partial) */
    FL_CMD_MERGE    /* read partials, write the report or one partial */
} fl_command;

typedef struct fl_options {
    fl_command command;
    fl_config config;
    const char *output_dir;   /* -o */
    const char *tz;           /* --tz, NULL = offset seen in the logs */
    const char *input_tz;     /* --input-tz, NULL = UTC */
    int explain_format;       /* --explain-format */
    unsigned jobs;            /* --jobs, 0 = one per core */
    const char *log_format;   /* --log-format (GoAccess specifiers) */
    const char *patterns[16]; /* --patterns FILE|DIR, in order */
    size_t n_patterns;
    int no_default_patterns;  /* --no-default-patterns */
    const char *date_format;  /* --date-format */
    const char *time_format;  /* --time-format */
    const char *events;       /* --events FILE */
    const char *since, *until; /* --since/--until times (resolved into config once --tz is) */
    const char *gnuplot;      /* program used to render charts */
    int no_chart;             /* --no-chart */
    int quiet;                /* -q */
    const char *partial;      /* --partial FILE: write a partial result there */
    const char *year_from;    /* where config.default_mtime came from, for the note */
    const char **paths;       /* inputs (argv slice) */
    size_t n_paths;
} fl_options;

/* One option of the table. Hidden options (generators of documentation) have no help. */
typedef struct fl_opt_doc {
    const char *name;    /* long name, without the dashes */
    int id;              /* the short option's letter when below 256 */
    const char *arg;     /* argument name, NULL for flags */
    const char *help;    /* one paragraph; NULL: hidden */
    const char *example; /* a command-line fragment using it */
} fl_opt_doc;

/* A subcommand (argv[1]) and what it does; the plain run is not one. */
typedef struct fl_cmd_doc {
    const char *name;     /* "scan" */
    const char *synopsis; /* what follows "faultline " in the usage */
    const char *help;     /* one paragraph */
} fl_cmd_doc;

/* The option table (hidden options included); *n receives its length. */
const fl_opt_doc *fl_options_table(size_t *n);

/* The subcommands; *n receives their number. */
const fl_cmd_doc *fl_commands_table(size_t *n);

/* The short option letter of o, or 0 when it has only a long name. */
int fl_opt_short(const fl_opt_doc *o);

/* The option as --help shows it: "-o, --output DIR" or "    --tz ZONE". */
void fl_opt_left(const fl_opt_doc *o, char *buf, size_t len);

/* What faultline does, one paragraph per string, NULL-terminated: --help and the man
 * page's DESCRIPTION. */
extern const char *const fl_cli_description[];

typedef enum fl_cli_action { FL_CLI_RUN, FL_CLI_EXIT_OK, FL_CLI_EXIT_USAGE } fl_cli_action;

/* Parse argv into o; argv[1] may name a command (scan, merge). Prints
 * --help/--version/--list-formats output or a usage error on stderr itself and says
 * whether to run or exit. */
fl_cli_action fl_options_parse(int argc, char **argv, fl_options *o);

/* The option reference as Markdown (for the README): `faultline --help-markdown`. */
void fl_options_markdown(void);

#endif
