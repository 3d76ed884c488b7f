#!/usr/bin/env bash
# Install faultline as a user or a distribution would and check the result (issue 18):
# cmake --install with DESTDIR and with a custom prefix, the installed binary run from
# another directory (finds its signatures, analyses a fixture), the man page rendered
# by man -l with every option, the bash completion offering every option, the zsh
# completion's specs, then the Debian package from cpack -G DEB extracted with dpkg -x
# into a scratch root and the demo run against it. Uses the build in BUILD_DIR
# (default build/, made by scripts/test.sh); under a minute.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install-test: $*" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" >/dev/null
# Every option --help lists, short and long ("-o", "--output", "--tz" ...).
options=$("$build/faultline" --help | sed -n '/^Options:/,/^$/{
  s/^  \(-[a-zA-Z]\), \(--[a-z-]*\).*/\1\n\2/p; s/^      \(--[a-z-]*\).*/\1/p; }')
[ "$(echo "$options" | wc -l)" -ge 30 ] || fail "could not list the options from --help"

# 1. DESTDIR: every file where GNUInstallDirs puts it, nothing outside the prefix.
DESTDIR="$tmp/dest" cmake --install "$build" --prefix /opt/fl >/dev/null
for f in bin/faultline share/faultline/patterns/http-proxy.pat share/man/man1/faultline.1 \
         share/bash-completion/completions/faultline share/zsh/site-functions/_faultline \
         share/doc/faultline/README.md; do
  [ -e "$tmp/dest/opt/fl/$f" ] || fail "DESTDIR install lacks $f"
done
[ "$(ls "$tmp/dest")" = opt ] || fail "DESTDIR install wrote outside its prefix"

# 2. A custom prefix, run from elsewhere: signatures found beside the executable.
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
fl="$tmp/prefix/bin/faultline"
ver=$(cd /tmp && env -u FAULTLINE_PATTERNS "$fl" --version)
echo "$ver" | grep -qx "signatures: $tmp/prefix/share/faultline/patterns (next to the executable)" ||
  fail "installed binary does not find its signatures: $ver"
# The same after moving the prefix (relocatable), and FAULTLINE_PATTERNS overrides.
mv "$tmp/prefix" "$tmp/moved"
fl="$tmp/moved/bin/faultline"
(cd /tmp && "$fl" --version) | grep -q "signatures: $tmp/moved/share/faultline/patterns (next" ||
  fail "moved prefix: signatures not found"
(cd /tmp && FAULTLINE_PATTERNS=/nowhere "$fl" --version) | grep -q "signatures: /nowhere (FAULTLINE_PATTERNS)" ||
  fail "FAULTLINE_PATTERNS is not honoured"
(cd /tmp && "$fl" patterns --test "$root/fixtures/basdot/logs/lb-1/error.log") |
  grep -Eq 'nginx-upstream-connection-refused +upstream +error +883 ' || fail "installed patterns --test"
out=$(cd /tmp && "$fl" "$root/fixtures/basdot/logs" --tz Africa/Lagos --no-chart -o "$tmp/report")
echo "$out" | grep -q 'incident 1: onset 2022-10-12T12:20:00+01:00' || fail "installed run: $out"
grep -q '"name": "hikari-connection-timeout"' "$tmp/report/report.json" || fail "installed run matched no signature"

# 3. The man page renders and documents every option.
page=$(MANWIDTH=200 man -l "$tmp/moved/share/man/man1/faultline.1" 2>"$tmp/man.err" | col -b)
[ ! -s "$tmp/man.err" ] || fail "man -l warns: $(cat "$tmp/man.err")"
for s in NAME SYNOPSIS OPTIONS 'EXIT STATUS' EXAMPLES; do
  echo "$page" | grep -q "^$s" || fail "man page lacks $s"
done
for o in $options; do echo "$page" | grep -q -- "$o\b" || fail "man page lacks $o"; done
for c in scan merge patterns templates; do echo "$page" | grep -Eq "^ +$c\b" || fail "man page lacks $c"; done

# 4. The bash completion offers every option (and the subcommands first).
offered=$(bash -c 'source "$1"; COMP_WORDS=(faultline -); COMP_CWORD=1; _faultline
  printf "%s\n" "${COMPREPLY[@]}"; COMP_WORDS=(faultline ""); COMP_CWORD=1; cd /; _faultline
  printf "%s\n" "${COMPREPLY[@]}"' _ "$tmp/moved/share/bash-completion/completions/faultline")
for o in $options scan merge patterns templates; do echo "$offered" | grep -qx -- "$o" || fail "bash completion lacks $o"; done
fmt=$(bash -c 'source "$1"; COMP_WORDS=(faultline --format c); COMP_CWORD=2; _faultline
  echo "${COMPREPLY[*]}"' _ "$tmp/moved/share/bash-completion/completions/faultline")
[ "$fmt" = "combined common cloudfront custom cri" ] || fail "bash --format completion: $fmt"

# 5. The zsh completion parses, and its _arguments specs name every option.
if command -v zsh >/dev/null; then
  zsh -n "$tmp/moved/share/zsh/site-functions/_faultline" || fail "zsh completion does not parse"
  specs=$(zsh -fc '_arguments() { printf "%s\n" "$@"; return 1 }; words=(faultline ""); CURRENT=2
    source "$1"' _ "$tmp/moved/share/zsh/site-functions/_faultline" || true)
  for o in $options; do echo "$specs" | grep -q -- "^[(*]*[^[]*$o[=+[]" || fail "zsh completion lacks $o"; done
fi

# 6. The Debian package: Depends right, extracted into a scratch root, the demo runs.
(cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -G DEB >/dev/null 2>&1) || fail "cpack -G DEB failed"
deb=$(ls "$tmp"/faultline_*.deb)
dpkg-deb -f "$deb" Depends | tee "$tmp/depends" | grep -q 'libarchive13' || fail "Depends lacks libarchive13"
# What the binary links (zlib only without ISA-L: the linker drops what is unused).
needs=(libpcre2-8-0 libjansson4)
readelf -d "$build/faultline" | grep -q 'libz\.so' && needs+=(zlib1g)
readelf -d "$build/faultline" | grep -q 'libisal\.so' && needs+=(libisal2)
for p in "${needs[@]}"; do grep -q "$p" "$tmp/depends" || fail "Depends lacks $p"; done
dpkg-deb -f "$deb" Recommends | grep -q 'gnuplot' || fail "Recommends lacks gnuplot"
dpkg -x "$deb" "$tmp/root"
fl="$tmp/root/usr/bin/faultline"
(cd /tmp && "$fl" --version) | grep -q "signatures: $tmp/root/usr/share/faultline/patterns" ||
  fail "packaged binary does not find its signatures"
[ -e "$tmp/root/usr/share/man/man1/faultline.1" ] || fail "package lacks the man page"
out=$(cd /tmp && "$fl" "$root/fixtures/basdot/logs" --tz Africa/Lagos --input-tz Africa/Lagos \
  --events "$root/fixtures/basdot/events.txt" -o "$tmp/demo")
echo "$out" | grep -q 'incident 1: onset 2022-10-12T12:20:00+01:00' || fail "packaged demo: $out"
grep -q 'Pagers alerted team' "$tmp/demo/timeline.md" || fail "packaged demo: no events in the timeline"
echo "install-test: ok ($(basename "$deb"): $(cat "$tmp/depends"))"
