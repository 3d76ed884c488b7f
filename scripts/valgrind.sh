#!/usr/bin/env bash
# valgrind.sh: run faultline on every fixture under valgrind memcheck (leaks and
# invalid accesses are errors). Suppressions: tests/valgrind.supp (PCRE2 JIT only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for dir in "$root"/fixtures/*/; do
  [ -f "$dir/expected.json" ] || continue
  name=$(basename "$dir")
  args=()
  [ -s "$dir/args" ] && read -r -a args <"$dir/args"
  if valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --suppressions="$root/tests/valgrind.supp" \
      "$build/faultline" -j2 "$dir/logs" "${args[@]}" --no-chart -q -o "$out/$name" 2>"$out/$name.log"; then
    echo "valgrind: $name clean"
  else
    echo "valgrind: $name FAILED"; cat "$out/$name.log"; status=1
  fi
done
exit $status
