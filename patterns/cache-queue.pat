# cache-queue.pat: Redis (server replies as seen by clients, client libraries),
# Kafka (Java client, librdkafka, Sarama, broker) and RabbitMQ. Format:
# patterns/README.md.

# ---- Redis --------------------------------------------------------------------------

name: redis-oom
category: cache
severity: critical
regex: OOM command not allowed when used memory > 'maxmemory'
description: Redis reached maxmemory with a noeviction policy (or nothing evictable) and rejects writes
match: redis.exceptions.ResponseError: OOM command not allowed when used memory > 'maxmemory'.
match: ReplyError: OOM command not allowed when used memory > 'maxmemory'. script: 7f3a2b1c, on @user_script:1.
no-match: 2024-03-12 14:02:11 INFO cache: redis used_memory=3.9G maxmemory=4G maxmemory-policy=allkeys-lru

name: redis-loading
category: cache
severity: error
regex: LOADING Redis is loading the dataset in memory
description: Redis just restarted and is still loading its RDB/AOF; commands are refused until it finishes
match: redis.exceptions.BusyLoadingError: Redis is loading the dataset in memory; LOADING Redis is loading the dataset in memory
match: io.lettuce.core.RedisLoadingException: LOADING Redis is loading the dataset in memory
no-match: 1:M 12 Mar 2024 14:02:11.482 * DB loaded from disk: 12.043 seconds

name: redis-masterdown
category: cache
severity: error
regex: MASTERDOWN Link with MASTER is down
description: a Redis replica lost its master and replica-serve-stale-data is off, so it refuses reads
match: redis.exceptions.ResponseError: MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.
no-match: 1:S 12 Mar 2024 14:02:11.482 * MASTER <-> REPLICA sync: Finished with success

name: redis-readonly-replica
category: cache
severity: error
regex: READONLY You can't write against a read only (?:replica|slave)
description: writes reached a Redis replica (failover happened, client still points at the old master)
match: redis.exceptions.ReadOnlyError: You can't write against a read only replica.; READONLY You can't write against a read only replica.
match: ReplyError: READONLY You can't write against a read only slave.
no-match: 1:S 12 Mar 2024 14:02:11.482 * Connecting to MASTER 10.0.2.50:6379 (replica-read-only yes)

name: redis-max-clients
category: cache
severity: error
regex: ERR max number of clients reached
description: Redis reached maxclients and refuses new connections
match: redis.exceptions.ConnectionError: max number of clients reached; ERR max number of clients reached
match: ReplyError: ERR max number of clients reached
no-match: 1:M 12 Mar 2024 14:02:11.482 # You requested maxclients of 10000 requiring at least 10032 max file descriptors.

name: redis-misconf
category: cache
severity: critical
regex: MISCONF Redis is configured to save RDB snapshots, but it's (?:currently )?(?:not able|unable) to persist (?:to|on) disk
description: Redis refuses writes because its last background save failed (stop-writes-on-bgsave-error), often a full disk
match: redis.exceptions.ResponseError: MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.
match: ReplyError: MISCONF Redis is configured to save RDB snapshots, but it's currently not able to persist on disk. Commands that may modify the data set are disabled.
no-match: 1:M 12 Mar 2024 14:02:11.482 * Background saving started by pid 53

name: redis-bgsave-error
category: cache
severity: error
regex: Background saving error|Write error saving DB on disk: \S
literal: saving
description: a Redis RDB snapshot failed (disk full, fork failure); writes may be refused next
match: 1:M 23 Nov 2026 12:10:03.219 # Background saving error
match: 52:C 23 Nov 2026 12:10:03.118 # Write error saving DB on disk: No space left on device
no-match: 1:M 23 Nov 2026 12:00:03.219 * Background saving terminated with success

name: redis-replica-sync-error
category: cache
severity: error
regex: Error condition on socket for SYNC: \S
description: a Redis replica's sync connection to its master failed (master down or unreachable); it serves stale data or errors
match: 1:S 23 Nov 2026 12:11:12.778 # Error condition on socket for SYNC: Connection refused
no-match: 1:S 12 Mar 2024 14:02:13.482 * MASTER <-> REPLICA sync started

name: redis-master-link-error
category: cache
severity: error
regex: (?:MASTER aborted replication with an error|Unable to connect to MASTER): \S
literal: MASTER
description: a Redis replica cannot replicate from its master (master down, auth or network)
match: 1:S 12 Mar 2024 14:02:11.482 # Unable to connect to MASTER: (null)
match: 1:S 12 Mar 2024 14:02:11.482 # MASTER aborted replication with an error: NOAUTH Authentication required.
no-match: 1:S 12 Mar 2024 14:02:13.482 * Connecting to MASTER 10.0.2.50:6379

name: redis-py-connection-error
category: cache
severity: error
regex: ConnectionError: Error -?\d+ connecting to \S+
description: redis-py could not connect to Redis (refused, timed out or unresolvable)
match: redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.
match: redis.exceptions.ConnectionError: Error -2 connecting to redis-master.cache.svc:6379. Name or service not known.
no-match: redis.exceptions.TimeoutError: Timeout reading from socket

name: ioredis-connection-error
category: cache
severity: error
regex: \[ioredis\] Unhandled error event: \S
description: ioredis (Node.js) lost or could not open its Redis connection
match: [ioredis] Unhandled error event: Error: connect ECONNREFUSED 10.0.2.50:6379
match: [ioredis] Unhandled error event: Error: getaddrinfo ENOTFOUND redis-master
no-match: [ioredis] Reconnecting to redis-master:6379 in 2000ms

name: jedis-connection-failure
category: cache
severity: error
regex: JedisConnectionException: (?:Could not get a resource from the pool|Failed to connect to|java\.net\.)
description: Jedis (Java) could not connect to Redis or its pool is exhausted
match: redis.clients.jedis.exceptions.JedisConnectionException: Could not get a resource from the pool
match: redis.clients.jedis.exceptions.JedisConnectionException: Failed to connect to any host resolved for DNS name.
match: redis.clients.jedis.exceptions.JedisConnectionException: java.net.SocketTimeoutException: Read timed out
no-match: redis.clients.jedis.exceptions.JedisDataException: WRONGTYPE Operation against a key holding the wrong kind of value

name: lettuce-connection-failure
category: cache
severity: error
regex: RedisConnectionException: Unable to connect to \S
description: Lettuce (Java, Spring Data Redis) could not connect to Redis
match: io.lettuce.core.RedisConnectionException: Unable to connect to redis-master:6379
match: org.springframework.data.redis.RedisConnectionFailureException: Unable to connect to Redis; nested exception is io.lettuce.core.RedisConnectionException: Unable to connect to 10.0.2.50:6379
no-match: 2024-03-12 14:02:11.482  INFO 1 --- [ioEventLoop-4-1] i.l.core.protocol.ReconnectionHandler : Reconnected to redis-master:6379

# ---- Kafka --------------------------------------------------------------------------

name: kafka-leader-not-available
category: queue
severity: error
regex: =LEADER_NOT_AVAILABLE\b|LeaderNotAvailableException
flags: caseless
literal: leader
description: a Kafka partition has no leader (broker down, election in progress or topic just created)
match: [2024-03-12 14:02:11,482] WARN [Producer clientId=producer-1] Error while fetching metadata with correlation id 42 : {orders=LEADER_NOT_AVAILABLE} (org.apache.kafka.clients.NetworkClient)
match: org.apache.kafka.common.errors.LeaderNotAvailableException: There is no leader for this topic-partition as we are in the middle of a leadership election.
no-match: [2024-03-12 14:02:11,482] INFO [Controller id=1] Partition orders-3 completed preferred replica leader election. New leader is 2 (kafka.controller.KafkaController)

name: kafka-not-leader
category: queue
severity: error
regex: NotLeader(?:ForPartition|OrFollower)Exception|NOT_LEADER_(?:FOR_PARTITION|OR_FOLLOWER)
literal: leader
flags: caseless
description: a Kafka request went to a broker that is no longer the partition leader (leadership moved: broker restart or failure)
match: [2024-03-12 14:02:11,482] WARN [Producer clientId=producer-1] Received invalid metadata error in produce request on partition orders-3 due to org.apache.kafka.common.errors.NotLeaderOrFollowerException: For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.. Going to request metadata update now (org.apache.kafka.clients.producer.internals.Sender)
match: org.apache.kafka.common.errors.NotLeaderForPartitionException: This server is not the leader for that topic-partition.
match: [2024-03-12 14:02:11,482] WARN [ReplicaFetcher replicaId=2, leaderId=1, fetcherId=0] Received NOT_LEADER_OR_FOLLOWER from the leader for partition orders-3 (kafka.server.ReplicaFetcherThread)
no-match: [2024-03-12 14:02:11,482] INFO [Partition orders-3 broker=2] orders-3 starts at leader epoch 12 from offset 88123 with high watermark 88120 (kafka.cluster.Partition)

name: kafka-broker-not-available
category: queue
severity: error
regex: Connection to node -?\d+ \([^)]*\) could not be established\. (?:Broker|Node) may not be available\.
description: a Kafka client could not connect to a broker (bootstrap node -1 or a known broker)
match: [2024-03-12 14:02:11,482] WARN [Consumer clientId=consumer-orders-1, groupId=orders] Connection to node -1 (kafka-0.kafka-headless/10.0.2.60:9092) could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)
match: [2024-03-12 14:02:11,482] WARN [Producer clientId=producer-1] Connection to node 2 (kafka-2/10.0.2.62:9092) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)
no-match: [2024-03-12 14:02:11,482] INFO [Producer clientId=producer-1] Node 2 disconnected. (org.apache.kafka.clients.NetworkClient)

name: kafka-all-brokers-down
category: queue
severity: critical
regex: \b\d+/\d+ brokers are down\b
description: librdkafka (confluent-kafka-python/go/.NET, node-rdkafka) cannot reach any broker
match: %3|1710252131.482|ERROR|rdkafka#producer-1| [thrd:app]: rdkafka#producer-1: 3/3 brokers are down
match: KafkaError{code=_ALL_BROKERS_DOWN,val=-187,str="1/1 brokers are down"}
no-match: %6|1710252131.482|FAIL|rdkafka#producer-1| [thrd:kafka-1:9092/1]: kafka-1:9092/1: Disconnected (after 600012ms in state UP, 1 identical error(s) suppressed)

name: sarama-out-of-brokers
category: queue
severity: critical
regex: kafka: client has run out of available brokers to talk to
description: the Go Sarama client could not reach any Kafka broker
match: 2024/03/12 14:02:11 failed to create consumer group: kafka: client has run out of available brokers to talk to: dial tcp 10.0.2.60:9092: connect: connection refused
no-match: [sarama] 2024/03/12 14:02:11 client/metadata fetching metadata for all topics from broker kafka-0:9092

name: kafka-isr-shrink
category: queue
severity: warning
regex: Shrinking ISR from [\d,]+ to [\d,]+
description: a Kafka broker dropped followers from a partition's in-sync replica set (replica lagging or down)
match: [2024-03-12 14:02:11,482] INFO [Partition orders-3 broker=1] Shrinking ISR from 1,2,3 to 1. Leader: (highWatermark: 88120, endOffset: 88123). Out of sync replicas: (brokerId: 2, endOffset: 88100) (brokerId: 3, endOffset: 88100). (kafka.cluster.Partition)
no-match: [2024-03-12 14:04:11,482] INFO [Partition orders-3 broker=1] Expanding ISR from 1 to 1,2 (kafka.cluster.Partition)

name: kafka-commit-failed
category: queue
severity: warning
regex: (?:Offset c|C)ommit cannot be completed since the (?:consumer is not part of an active group|group has already rebalanced)
description: a Kafka consumer was removed from its group (poll loop too slow, max.poll.interval.ms exceeded) and lost its partitions
match: org.apache.kafka.clients.consumer.CommitFailedException: Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.
match: [2024-03-12 14:02:11,482] WARN [Consumer clientId=consumer-orders-1, groupId=orders] Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group. (org.apache.kafka.clients.consumer.internals.ConsumerCoordinator)
match: org.apache.kafka.clients.consumer.CommitFailedException: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing.
no-match: [2024-03-12 14:02:11,482] INFO [Consumer clientId=consumer-orders-1, groupId=orders] Committed offset 88123 for partition orders-3 (org.apache.kafka.clients.consumer.internals.ConsumerCoordinator)

# ---- RabbitMQ -----------------------------------------------------------------------

name: rabbitmq-memory-alarm
category: queue
severity: critical
regex: memory resource limit alarm set on node \S+|vm_memory_high_watermark set\. Memory used:\d+ allowed:\d+
literal: memory
description: RabbitMQ crossed its memory high watermark and blocks every publishing connection cluster-wide
match: 2024-03-12 14:02:11.482133+00:00 [warning] <0.452.0> memory resource limit alarm set on node 'rabbit@mq-0'.
match: 2024-03-12 14:02:11.482101+00:00 [info] <0.450.0> vm_memory_high_watermark set. Memory used:4203741184 allowed:4127195136
no-match: 2024-03-12 14:09:40.100133+00:00 [warning] <0.452.0> memory resource limit alarm cleared on node 'rabbit@mq-0'

name: rabbitmq-disk-alarm
category: queue
severity: critical
regex: disk resource limit alarm set on node \S+
description: RabbitMQ's free disk fell below disk_free_limit and publishers are blocked
match: 2024-03-12 14:02:11.482133+00:00 [warning] <0.460.0> disk resource limit alarm set on node 'rabbit@mq-0'.
no-match: 2024-03-12 14:02:11.482133+00:00 [info] <0.460.0> Enabling free disk space monitoring (disk free space: 21474836480, total memory: 8589934592)

name: rabbitmq-connection-blocked
category: queue
severity: error
regex: Publishers will be blocked until this alarm clears|connection \S+ \([^)]*\) is blocked|Connection blocked by broker
literal: locked
description: RabbitMQ blocked publishing connections because of a resource alarm (publish calls hang)
match: 2024-03-12 14:02:11.482140+00:00 [warning] <0.452.0> *** Publishers will be blocked until this alarm clears ***
match: 2024-03-12 14:02:11,482 WARNING pika.adapters.blocking_connection Connection blocked by broker: reason=low on memory
no-match: 2024-03-12 14:09:40,100 INFO pika.adapters.blocking_connection Connection unblocked by broker
