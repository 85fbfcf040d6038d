import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { HeraldQueue, PollerKind } from './herald-queues';
import type { SeenPoller } from './queue-coverage.util';
import { withTimeout } from './with-timeout.util';

const { TaskQueueKind, TaskQueueType } = temporal.api.enums.v1;

const TYPE_OF: Record<PollerKind, temporal.api.enums.v1.TaskQueueType> = {
  workflow: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  activity: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
};

/**
 * The pollers Temporal has seen on one task queue, for each kind the queue needs (workflow and
 * activity pollers are listed separately). Temporal keeps a poller listed for minutes after its
 * last poll, so these are witnesses to judge (evaluateQueueCoverage), not proof of life.
 */
export async function readQueuePollers(
  connection: Connection,
  namespace: string,
  queue: HeraldQueue,
  timeoutMs: number,
): Promise<SeenPoller[]> {
  const deadline = Date.now() + timeoutMs;
  const perKind = await Promise.all(
    queue.kinds.map(async (kind) => {
      const response = await withTimeout(
        connection.withDeadline(deadline, () =>
          connection.workflowService.describeTaskQueue({
            namespace,
            taskQueue: { name: queue.name, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            taskQueueType: TYPE_OF[kind],
          }),
        ),
        timeoutMs + 100,
      );
      return (response.pollers ?? []).map(
        (p): SeenPoller => ({ identity: p.identity ?? '', kind, lastAccessTime: timestampToIso(p.lastAccessTime) }),
      );
    }),
  );
  return perKind.flat();
}

function timestampToIso(timestamp: temporal.api.taskqueue.v1.IPollerInfo['lastAccessTime']): string | null {
  const seconds = timestamp?.seconds;
  if (seconds === null || seconds === undefined) return null;
  // protobufjs gives int64 as a Long unless it fits a number.
  const ms = (typeof seconds === 'number' ? seconds : seconds.toNumber()) * 1000 + Math.floor((timestamp?.nanos ?? 0) / 1e6);
  if (ms <= 0) return null;
  return new Date(ms).toISOString();
}
