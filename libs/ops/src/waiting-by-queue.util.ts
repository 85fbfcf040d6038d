import { TASK_QUEUES, type TaskQueueName, publishQueueOf } from '@herald/contracts';
import { networkOf, type ProviderId } from '@herald/domain';

/**
 * Posts waiting (QUEUE or PUBLISHING) per task queue: every one of them needs the workflow
 * queue, and its network's activity queue (both Instagram logins share one).
 */
export function waitingByQueue(counts: ReadonlyArray<{ provider: ProviderId; count: number }>): Record<TaskQueueName, number> {
  const waiting = Object.fromEntries(Object.values(TASK_QUEUES).map((name) => [name, 0])) as Record<TaskQueueName, number>;
  for (const { provider, count } of counts) {
    waiting[TASK_QUEUES.workflows] += count;
    waiting[publishQueueOf(networkOf(provider))] += count;
  }
  return waiting;
}
