#!/bin/sh
# gen.sh DIR: three hosts' application logs over two hours (10:00-12:00 UTC, 10 March
# 2026) with known answers. Every host logs 40 INFO requests a minute; api-1 logs a
# steady background ERROR (disk quota, 3 a minute) all along. The cause: from
# 11:20:17 api-2 alone logs a new ERROR kind (connection refused to the database,
# 2 a minute); from 11:25:00 to 11:39:59 every host logs 60 request-failure ERRORs a
# minute (the incident's onset is 11:25). No randomness: the same files everywhere.
set -eu
d=$1
for h in 1 2 3; do
  mkdir -p "$d/api-$h"
  awk -v h="$h" 'BEGIN {
    for (m = 0; m < 120; m++) {
      hh = 10 + int(m / 60); mm = m % 60
      for (k = 0; k < 40; k++) {
        s = int(k * 1.5); ms = (k * 37 + h * 11) % 1000
        lines[sprintf("%02d:%02d:%02d.%03d a%03d", hh, mm, s, ms, k)] = sprintf("INFO [http-%d] Handled GET /api/orders/%d in %d ms", k % 8, m * 40 + k, 5 + (k * 13 + m) % 90)
      }
      if (h == 1)
        for (k = 0; k < 3; k++)
          lines[sprintf("%02d:%02d:%02d.%03d b%03d", hh, mm, 10 + k * 20, 500, k)] = sprintf("ERROR [quota] Disk quota check failed for volume vol-%d", k)
      if (h == 2 && m >= 80)
        for (k = 0; k < 2; k++)
          if (m > 80 || k == 1)
            lines[sprintf("%02d:%02d:%02d.%03d c%03d", hh, mm, k == 0 ? 2 : 17, 250, k)] = sprintf("ERROR [pool] Connection refused: db-1.internal:5432 (attempt %d)", m * 2 + k)
      if (m >= 85 && m < 100)
        for (k = 0; k < 60; k++)
          lines[sprintf("%02d:%02d:%02d.%03d d%03d", hh, mm, k, 700, k)] = sprintf("ERROR [http-%d] Request failed: upstream timeout after %d ms on /api/orders/%d", k % 8, 3000 + k, m * 60 + k)
    }
    n = asorti_compat(lines, keys)
    for (i = 1; i <= n; i++) {
      split(keys[i], p, " ")
      printf "2026-03-10T%sZ %s\n", p[1], lines[keys[i]]
    }
  }
  function asorti_compat(a, out,   i, j, n, t) {
    n = 0
    for (i in a) out[++n] = i
    for (i = 2; i <= n; i++) { t = out[i]; for (j = i - 1; j >= 1 && out[j] > t; j--) out[j + 1] = out[j]; out[j + 1] = t }
    return n
  }' >"$d/api-$h/app.log"
done
