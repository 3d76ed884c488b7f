/* completion.h: bash and zsh completion scripts, generated from the option and
 * subcommand tables (`faultline --help-bash-completion`, `--help-zsh-completion`;
 * CMake writes and installs them), so that every option is offered. */
#ifndef FL_COMPLETION_H
#define FL_COMPLETION_H

#include <stdio.h>

/* A bash script defining _faultline and registering it with complete -F. */
void fl_completion_bash(FILE *f);

/* A zsh #compdef script for site-functions/_faultline. */
void fl_completion_zsh(FILE *f);

#endif
