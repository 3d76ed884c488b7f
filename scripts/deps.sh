#!/usr/bin/env bash
# Install the Debian packages faultline needs to build, test and draw charts.
# Skips apt-get entirely when everything is already installed.
set -euo pipefail
pkgs=(gcc make cmake pkg-config libpcre2-dev zlib1g-dev libjansson-dev libisal-dev libarchive-dev zip zstd bzip2 xz-utils gnuplot-nox tzdata gzip time mawk parallel valgrind chromium file clang libclang-rt-14-dev python3-distributed openssh-server openssh-client man-db groff-base zsh dpkg-dev binutils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
