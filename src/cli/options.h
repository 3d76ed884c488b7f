/* options.h: the command line. One table holds every option with its help text and
 * an example; --help and the README's option list are generated from it. */
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
    const char *gnuplot;      /* program used to render charts */
    int no_chart;             /* --no-chart */
    int quiet;                /* -q */
    const char *partial;      /* --partial FILE: write a partial result there */
    const char *year_from;    /* where config.default_mtime came from, for the note */
    const char **paths;       /* inputs (argv slice) */
    size_t n_paths;
} fl_options;

typedef enum fl_cli_action { FL_CLI_RUN, FL_CLI_EXIT_OK, FL_CLI_EXIT_USAGE } fl_cli_action;

/* Parse argv into o; argv[1] may name a command (scan, merge). Prints
 * --help/--version/--list-formats output or a usage error on stderr itself and says
 * whether to run or exit. */
fl_cli_action fl_options_parse(int argc, char **argv, fl_options *o);

/* The option reference as Markdown (for the README): `faultline --help-markdown`. */
void fl_options_markdown(void);

#endif
