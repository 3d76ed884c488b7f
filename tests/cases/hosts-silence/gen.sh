# Three Kafka brokers logging from 17:00 to 21:00 on 2016-12-19 (UTC), a line every
# 7-23 s each (a deterministic LCG); kafka1 is silent from its last line at 18:14:43
# until 19:27:49. A bursty batch source logs 20 min of every hour, then nothing.
mkdir -p "$1"/kafka0/logs "$1"/kafka1/logs "$1"/kafka2/logs "$1"/batch/logs || exit 1
awk -v dir="$1" 'function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
function ts(t,  h, m, s) { h = int(t / 3600); m = int(t % 3600 / 60); s = t % 60
  return sprintf("2016-12-19 %02d:%02d:%02d,%03d", h, m, s, int(rnd() * 1000)) }
BEGIN { seed = 42
  for (b = 0; b < 3; b++) {
    f = dir "/kafka" b "/logs/server.log"
    for (t = 17 * 3600; t < 21 * 3600; t += 7 + int(rnd() * 17)) {
      if (b == 1 && t > 18 * 3600 + 14 * 60 + 43 && t <= 19 * 3600 + 27 * 60 + 49) continue
      if (b == 1 && t >= 18 * 3600 + 14 * 60 + 43 && !stopped) { stopped = 1
        printf "[2016-12-19 18:14:38,101] INFO [Kafka Server 1], shutting down (kafka.server.KafkaServer)\n" > f
        for (k = 0; k < 17; k++) printf "[2016-12-19 18:14:%02d,%03d] INFO [Kafka Server 1], shutting down (kafka.server.KafkaServer)\n", 38 + int(k / 4), 200 + k, b > f
        printf "[2016-12-19 18:14:43,512] INFO [Kafka Server 1], shut down completed (kafka.server.KafkaServer)\n" > f }
      if (b == 1 && t >= 19 * 3600 + 27 * 60 + 49 && !started) { started = 1
        printf "[2016-12-19 19:27:49,020] INFO [Kafka Server 1], started (kafka.server.KafkaServer)\n" > f }
      printf "[%s] INFO [ReplicaFetcherManager on broker %d] Removed fetcher for partitions (kafka.server.ReplicaFetcherManager)\n", ts(t), b > f
    }
    close(f)
  }
  f = dir "/batch/logs/batch.log"
  for (t = 17 * 3600; t < 21 * 3600; t += 5 + int(rnd() * 20))
    if (t % 3600 < 1200) printf "%s INFO batch step done\n", substr(ts(t), 1, 19), "" > f
  close(f)
}'
