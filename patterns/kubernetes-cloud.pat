# kubernetes-cloud.pat: Kubernetes (kubelet logs, events as printed by kubectl get
# events / describe, container states) and cloud API throttling and quotas (AWS, GCP,
# Azure). Format: patterns/README.md.

# ---- Kubernetes ---------------------------------------------------------------------

name: k8s-crashloopbackoff
category: kubernetes
severity: critical
regex: \bCrashLoopBackOff\b
description: a container keeps crashing and the kubelet backs off restarting it
match: orders-api-7d9f8b6c5-x2x4z   0/1     CrashLoopBackOff   6 (2m14s ago)   11m
match: E0312 14:02:11.482110    2211 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \"StartContainer\" for \"orders-api\" with CrashLoopBackOff: \"back-off 2m40s restarting failed container=orders-api pod=orders-api-7d9f8b6c5-x2x4z_default(4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f)\"" pod="default/orders-api-7d9f8b6c5-x2x4z" podUID="4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
no-match: orders-api-7d9f8b6c5-x2x4z   1/1     Running   6 (30s ago)   12m

name: k8s-backoff-restarting
category: kubernetes
severity: error
regex: Back-off restarting failed container
description: the kubelet is waiting before restarting a container that exited (event BackOff)
match: 14m         Warning   BackOff     pod/orders-api-7d9f8b6c5-x2x4z   Back-off restarting failed container orders-api in pod orders-api-7d9f8b6c5-x2x4z_default(4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f)
no-match: 14m         Normal    Pulled      pod/orders-api-7d9f8b6c5-x2x4z   Container image "registry.example.com/orders-api:1.42.0" already present on machine

name: k8s-oomkilled
category: kubernetes
severity: critical
regex: \bOOMKill(?:ed|ing)\b
description: a container was killed for exceeding its memory limit (reason OOMKilled, node event OOMKilling)
match:       Reason:       OOMKilled
match: 3m          Warning   OOMKilling   node/ip-10-0-3-17.ec2.internal   Memory cgroup out of memory: Killed process 4242 (node) total-vm:1843212kB, anon-rss:524288kB, file-rss:20480kB, shmem-rss:0kB, UID:0 pgtables:1400kB oom_score_adj:984
match: {"level":"info","msg":"container terminated","pod":"orders-api-7d9f8b6c5-x2x4z","container":"orders-api","exitCode":137,"reason":"OOMKilled"}
no-match:       Reason:       Completed

name: k8s-liveness-probe-failed
category: kubernetes
severity: error
regex: Liveness probe failed: \S
description: a container failed its liveness probe; the kubelet will restart it
match: 2m          Warning   Unhealthy   pod/orders-api-7d9f8b6c5-x2x4z   Liveness probe failed: Get "http://10.244.1.7:8080/healthz": dial tcp 10.244.1.7:8080: connect: connection refused
match: I0312 14:02:11.482110    2211 prober.go:107] "Probe failed" probeType="Liveness" pod="default/orders-api-7d9f8b6c5-x2x4z" podUID="4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f" containerName="orders-api" probeResult="failure" output="Liveness probe failed: HTTP probe failed with statuscode: 500"
no-match: 2m          Normal    Created     pod/orders-api-7d9f8b6c5-x2x4z   Created container orders-api (liveness probe configured)

name: k8s-readiness-probe-failed
category: kubernetes
severity: warning
regex: Readiness probe failed: \S
description: a container failed its readiness probe and was taken out of its Service's endpoints
match: 2m          Warning   Unhealthy   pod/orders-api-7d9f8b6c5-x2x4z   Readiness probe failed: HTTP probe failed with statuscode: 503
match: 30s         Warning   Unhealthy   pod/orders-api-7d9f8b6c5-x2x4z   Readiness probe failed: Get "http://10.244.1.7:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
no-match: 2m          Warning   Unhealthy   pod/orders-api-7d9f8b6c5-x2x4z   Liveness probe failed: HTTP probe failed with statuscode: 500

name: k8s-startup-probe-failed
category: kubernetes
severity: warning
regex: Startup probe failed: \S
description: a container failed its startup probe (slow start or crash during start)
match: 1m          Warning   Unhealthy   pod/orders-api-7d9f8b6c5-x2x4z   Startup probe failed: Get "http://10.244.1.7:8080/started": dial tcp 10.244.1.7:8080: connect: connection refused
no-match: 1m          Normal    Started     pod/orders-api-7d9f8b6c5-x2x4z   Started container orders-api

name: k8s-evicted
category: kubernetes
severity: error
regex: The node (?:was low on resource: [\w.-]+|had condition: \[\w+\])
description: the kubelet evicted a pod because its node ran short of memory, disk or PIDs
match: 4m11s       Warning   Evicted     pod/orders-api-7d9f8b6c5-x2x4z   The node was low on resource: memory. Container orders-api was using 1843212Ki, which exceeds its request of 512Mi.
match: Message:        The node was low on resource: ephemeral-storage. Threshold quantity: 4281713054, available: 3971208Ki.
match: 4m7s        Warning   Evicted     pod/orders-api-7d9f8b6c5-b7k2m   The node had condition: [MemoryPressure].
no-match: 4m          Normal    NodeHasSufficientMemory   node/ip-10-0-3-17.ec2.internal   Node ip-10-0-3-17.ec2.internal status is now: NodeHasSufficientMemory

name: k8s-image-pull-backoff
category: kubernetes
severity: error
regex: \bImagePullBackOff\b|\bErrImagePull\b
literal: ImagePull
description: the kubelet cannot pull a container image (bad tag, registry down, auth); new pods never start
match: orders-api-5c6d7e8f9-q8w7e   0/1     ImagePullBackOff   0          3m
match: 2m          Warning   Failed      pod/orders-api-5c6d7e8f9-q8w7e   Error: ErrImagePull
no-match: 2m          Normal    Pulled      pod/orders-api-5c6d7e8f9-q8w7e   Successfully pulled image "registry.example.com/orders-api:1.43.0" in 2.1s (2.1s including waiting)

name: k8s-backoff-pulling-image
category: kubernetes
severity: error
regex: Back-off pulling image "
description: the kubelet is backing off pulling an image after failures (event BackOff)
match: 2m          Normal    BackOff     pod/orders-api-5c6d7e8f9-q8w7e   Back-off pulling image "registry.example.com/orders-api:1.43.0"
no-match: 2m          Normal    Pulling     pod/orders-api-5c6d7e8f9-q8w7e   Pulling image "registry.example.com/orders-api:1.43.0"

name: k8s-image-pull-failed
category: kubernetes
severity: error
regex: Failed to pull image "
description: an image pull failed (the reason follows: not found, unauthorized, registry unreachable)
match: 2m          Warning   Failed      pod/orders-api-5c6d7e8f9-q8w7e   Failed to pull image "registry.example.com/orders-api:1.43.0": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/orders-api:1.43.0": failed to resolve reference "registry.example.com/orders-api:1.43.0": registry.example.com/orders-api:1.43.0: not found
no-match: 2m          Normal    Pulling     pod/orders-api-5c6d7e8f9-q8w7e   Pulling image "registry.example.com/orders-api:1.43.0"

name: k8s-failed-scheduling
category: kubernetes
severity: error
regex: \b\d+/\d+ nodes are available: \S
description: the scheduler cannot place a pod (insufficient CPU/memory, taints, affinity); it stays Pending
match: 59m         Warning   FailedScheduling       pod/prometheus-0   0/5 nodes are available: 3 Insufficient cpu, 5 Insufficient memory. preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.
match: Warning  FailedScheduling  48s (x150 over 11m)  default-scheduler  0/12 nodes are available: 3 Insufficient memory, 9 node(s) didn't match node selector.
no-match: 59m         Normal    Scheduled              pod/prometheus-0   Successfully assigned monitoring/prometheus-0 to ip-10-0-3-17.ec2.internal

name: k8s-node-not-ready
category: kubernetes
severity: critical
regex: status is now: NodeNotReady|Node became not ready
literal: Node
description: a Kubernetes node stopped reporting (kubelet down, network partition, node failure); its pods will be evicted
match: 5m          Normal    NodeNotReady   node/ip-10-0-3-17.ec2.internal   Node ip-10-0-3-17.ec2.internal status is now: NodeNotReady
match: I0312 14:02:11.482110    2211 setters.go:552] "Node became not ready" node="ip-10-0-3-17.ec2.internal" condition={"type":"Ready","status":"False","lastHeartbeatTime":"2024-03-12T14:02:11Z","reason":"KubeletNotReady","message":"container runtime network not ready"}
no-match: 1m          Normal    NodeReady      node/ip-10-0-3-17.ec2.internal   Node ip-10-0-3-17.ec2.internal status is now: NodeReady

name: k8s-failed-mount
category: kubernetes
severity: error
regex: Unable to attach or mount volumes: |MountVolume\.\w+ failed for volume "
literal: ount
description: the kubelet could not attach or mount a pod's volume (PVC, secret, configmap); the pod cannot start
match: 3m          Warning   FailedMount   pod/postgres-0   Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-8x2kq]: timed out waiting for the condition
match: 3m          Warning   FailedMount   pod/orders-api-7d9f8b6c5-x2x4z   MountVolume.SetUp failed for volume "config" : configmap "orders-api-config" not found
no-match: 3m          Normal    SuccessfulAttachVolume   pod/postgres-0   AttachVolume.Attach succeeded for volume "pvc-4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"

# ---- cloud throttling and quotas ----------------------------------------------------

name: aws-throttling
category: cloud
severity: warning
regex: \bThrottlingException\b|\bThrottling: Rate exceeded\b
literal: Throttling
description: an AWS API throttled the caller (ThrottlingException)
match: botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the DescribeInstances operation (reached max retries: 4): Rate exceeded
match: com.amazonaws.services.cloudwatch.model.AmazonCloudWatchException: Rate exceeded (Service: AmazonCloudWatch; Status Code: 400; Error Code: Throttling; Request ID: 7f3a2b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c; Proxy: null) ThrottlingException
no-match: 2024-03-12 14:02:11,482 INFO botocore.retryhandler: No retry needed for DescribeInstances (throttling retry budget 500)

name: aws-rate-exceeded
category: cloud
severity: warning
flags: caseless
regex: \brate exceeded\b
description: an API answered "Rate exceeded" (AWS throttling messages, Lambda TooManyRequestsException)
match: botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the PutMetricData operation (reached max retries: 4): Rate exceeded
match: TooManyRequestsException: Rate Exceeded.
no-match: 2024-03-12 14:02:11,482 INFO limiter: rate 120/s, burst 240, not exceeded

name: aws-request-limit-exceeded
category: cloud
severity: warning
regex: \bRequestLimitExceeded\b
description: the AWS EC2 API throttled the account (RequestLimitExceeded)
match: An error occurred (RequestLimitExceeded) when calling the RunInstances operation (reached max retries: 4): Request limit exceeded.
no-match: An error occurred (InstanceLimitExceeded) when calling the RunInstances operation: You have requested more instances (21) than your current instance limit of 20 allows for the specified instance type.

name: aws-provisioned-throughput-exceeded
category: cloud
severity: error
regex: \bProvisionedThroughputExceededException\b
description: DynamoDB or Kinesis capacity was exceeded (requests throttled)
match: botocore.errorfactory.ProvisionedThroughputExceededException: An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.
no-match: 2024-03-12 14:02:11,482 INFO dynamo: table orders provisioned throughput read=100 write=50

name: aws-s3-slowdown
category: cloud
severity: warning
regex: Please reduce your request rate
description: Amazon S3 throttled requests to a prefix (503 SlowDown)
match: botocore.exceptions.ClientError: An error occurred (SlowDown) when calling the PutObject operation (reached max retries: 4): Please reduce your request rate.
no-match: 2024-03-12 14:02:11,482 INFO s3transfer: reducing concurrency to 4 for bucket uploads

name: aws-too-many-requests
category: cloud
severity: warning
regex: \bTooManyRequestsException\b
description: an AWS service (Lambda, API Gateway, Secrets Manager) rejected calls over its rate or concurrency limit
match: An error occurred (TooManyRequestsException) when calling the Invoke operation (reached max retries: 4): Rate Exceeded.
no-match: An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: arn:aws:lambda:eu-west-1:123456789012:function:orders-sync

name: grpc-resource-exhausted
category: cloud
severity: error
regex: (?:code = |exceptions\.)ResourceExhausted\b
description: a gRPC/Google API call failed with RESOURCE_EXHAUSTED (quota or rate limit, or server overload)
match: level=error msg="publish failed" err="rpc error: code = ResourceExhausted desc = Quota exceeded for quota metric 'Publish requests' and limit 'Publish requests per minute per region' of service 'pubsub.googleapis.com' for consumer 'project_number:123456789012'."
match: google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:123456789012'.
no-match: level=error msg="publish failed" err="rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial tcp 10.0.2.70:443: i/o timeout\""

name: gcp-resource-exhausted-status
category: cloud
severity: error
regex: \bRESOURCE_EXHAUSTED\b
description: a Google API error body with status RESOURCE_EXHAUSTED (quota exceeded)
match: {"error": {"code": 429, "message": "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service 'compute.googleapis.com' for consumer 'project_number:123456789012'.", "status": "RESOURCE_EXHAUSTED"}}
no-match: {"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}

name: gcp-quota-exceeded
category: cloud
severity: error
regex: Quota exceeded for quota (?:metric|group) '|\b(?:userR|r)ateLimitExceeded\b|\bquotaExceeded\b
flags: caseless
literal: exceeded
description: a Google Cloud API quota or rate limit was exceeded
match: googleapiclient.errors.HttpError: <HttpError 403 when requesting https://www.googleapis.com/drive/v3/files?alt=json returned "User rate limit exceeded.". Details: "[{'domain': 'usageLimits', 'reason': 'userRateLimitExceeded', 'message': 'User rate limit exceeded.'}]">
match: google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:123456789012'.
no-match: 2024-03-12 14:02:11,482 INFO quota: 812 of 1000 read requests per minute used (quota not exceeded)

name: azure-too-many-requests
category: cloud
severity: warning
regex: \bTooManyRequests\b|Status: 429 \(Too Many Requests\)
literal: Many
description: an Azure API throttled the caller (HTTP 429, ErrorCode TooManyRequests)
match: Azure.RequestFailedException: Service request failed. Status: 429 (Too Many Requests) ErrorCode: TooManyRequests
match: {"error":{"code":"TooManyRequests","message":"The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits"}}
no-match: Azure.RequestFailedException: Service request failed. Status: 409 (Conflict) ErrorCode: ContainerAlreadyExists

name: azure-subscription-throttled
category: cloud
severity: warning
regex: \bSubscriptionRequestsThrottled\b
description: Azure Resource Manager throttled the subscription's requests
match: Code="SubscriptionRequestsThrottled" Message="Number of 'read' requests for subscription '00000000-1111-2222-3333-444444444444' actor '55555555-6666-7777-8888-999999999999' exceeded. Please try again after '17' seconds after additional tokens are available."
no-match: Code="SubscriptionNotFound" Message="The subscription '00000000-1111-2222-3333-444444444444' could not be found."
