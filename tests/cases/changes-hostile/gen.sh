#!/bin/sh
# gen.sh DIR: one host's application log over two hours (10:00-12:00 UTC, 10 March
# 2026) whose new error kind carries hostile text. 40 INFO requests a minute; from
# 11:20:59 one ERROR a minute whose message holds markup (<script>, &amp;), Markdown
# (|, **, _, \|), a backquoted shell command, an escape sequence, bytes that are not
# UTF-8, quotes and a backslash; from 11:25 to 11:39 60 request failures a minute
# (the onset is 11:25). No randomness.
set -eu
mkdir -p "$1/api-1"
awk 'BEGIN {
  for (m = 0; m < 120; m++) {
    hh = 10 + int(m / 60); mm = m % 60
    for (k = 0; k < 40; k++)
      printf "2026-03-10T%02d:%02d:%02d.%03dZ INFO [http-%d] Handled GET /api/orders/%d in %d ms\n",
             hh, mm, int(k * 1.5), k * 10, k % 8, m * 40 + k, 5 + k
    if (m >= 80)
      printf "2026-03-10T%02d:%02d:59.500Z ERROR [pool] <script>alert(1)</script> |a|b| `touch pwned` **bold** _em_ \\| &amp; \033[31m \377\376 say \"hi\\\" end %d\n", hh, mm, m
    if (m >= 85 && m < 100)
      for (k = 0; k < 60; k++)
        printf "2026-03-10T%02d:%02d:%02d.900Z ERROR [http-%d] Request failed: upstream timeout after %d ms on /api/orders/%d\n",
               hh, mm, k, k % 8, 3000 + k, m * 60 + k
  }
}' >"$1/api-1/app.log"
