import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { TASK_QUEUES, type TaskQueueName } from '@herald/contracts';

export type PollerKind = 'workflow' | 'activity';

export interface QueuePollers {
  taskQueue: TaskQueueName;
  kind: PollerKind;
  pollers: number;
}

/**
 * What must poll each queue: the workflow queue runs the workflows and Herald's own activities;
 * each network's queue runs only that network's activities.
 */
export const POLLED_QUEUES: ReadonlyArray<{ taskQueue: TaskQueueName; kind: PollerKind }> = [
  { taskQueue: TASK_QUEUES.workflows, kind: 'workflow' },
  { taskQueue: TASK_QUEUES.workflows, kind: 'activity' },
  { taskQueue: TASK_QUEUES.facebook, kind: 'activity' },
  { taskQueue: TASK_QUEUES.instagram, kind: 'activity' },
  { taskQueue: TASK_QUEUES.tiktok, kind: 'activity' },
];

/**
 * A live worker polls again at least every minute (long polls end after about 60 s), while
 * Temporal keeps listing a dead worker's poller for five minutes: only recent ones count.
 */
export const LIVE_POLLER_MS = 2 * 60_000;

const TYPES: Record<PollerKind, temporal.api.enums.v1.TaskQueueType> = {
  workflow: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  activity: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
};

/** The workers polling each of Herald's task queues now, as Temporal sees them. */
export async function readTaskQueuePollers(client: Client, namespace: string, now: () => number): Promise<QueuePollers[]> {
  return Promise.all(
    POLLED_QUEUES.map(async ({ taskQueue, kind }) => {
      const response = await client.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: TYPES[kind],
      });
      return { taskQueue, kind, pollers: countLivePollers(response.pollers ?? [], now()) };
    }),
  );
}

export function countLivePollers(
  pollers: ReadonlyArray<{ lastAccessTime?: Parameters<typeof tsToMs>[0] }>,
  now: number,
  liveMs = LIVE_POLLER_MS,
): number {
  return pollers.filter((p) => p.lastAccessTime && now - tsToMs(p.lastAccessTime) <= liveMs).length;
}
