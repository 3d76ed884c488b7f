#!/usr/bin/env bash
# Regenerate the README's generated blocks from the program's tables: the option
# table (--help-markdown), the usage examples (--help-examples) and the exit codes
# (--help-exit-codes), the format tables (--formats-markdown). The test case readme-in-sync fails when they drift.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fl="${BUILD_DIR:-$root/build}/faultline"
# sync BLOCK TEXT: replace the lines between <!-- BLOCK:begin and <!-- BLOCK:end.
sync() {
  # ENVIRON, not -v, which would expand the backslashes of a table
  text="$2" awk -v block="$1" '
    index($0, "<!-- " block ":begin") == 1 { print; print ENVIRON["text"]; skip = 1; next }
    index($0, "<!-- " block ":end") == 1   { skip = 0 }
    !skip' "$root/README.md" >"$root/README.md.tmp"
  mv "$root/README.md.tmp" "$root/README.md"
}
sync options "$("$fl" --help-markdown)"
sync examples "$(printf '```sh\n%s\n```' "$("$fl" --help-examples)")"
sync exit-codes "$("$fl" --help-exit-codes)"
sync formats "$("$fl" --formats-markdown)"
