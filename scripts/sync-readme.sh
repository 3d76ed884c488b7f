#!/usr/bin/env bash
# Regenerate the README's option table from `faultline --help-markdown` and its
# format tables from `faultline --formats-markdown` (the test case readme-in-sync
# fails when they drift).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
table=$("${BUILD_DIR:-$root/build}/faultline" --help-markdown)
awk -v table="$table" '
  /<!-- options:begin/ { print; print table; skip = 1; next }
  /<!-- options:end/   { skip = 0 }
  !skip' "$root/README.md" >"$root/README.md.tmp"
mv "$root/README.md.tmp" "$root/README.md"
table=$("${BUILD_DIR:-$root/build}/faultline" --formats-markdown)
table="$table" awk ' # ENVIRON: -v would expand the backslashes of the table
  /<!-- formats:begin/ { print; print ENVIRON["table"]; skip = 1; next }
  /<!-- formats:end/   { skip = 0 }
  !skip' "$root/README.md" >"$root/README.md.tmp"
mv "$root/README.md.tmp" "$root/README.md"
