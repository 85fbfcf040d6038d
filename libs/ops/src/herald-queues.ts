import { ALL_TASK_QUEUES, TASK_QUEUES, type TaskQueueKey, type TaskQueueName } from '@herald/contracts';

export type PollerKind = 'workflow' | 'activity';

export interface HeraldQueue {
  key: TaskQueueKey;
  name: TaskQueueName;
  /** Who must poll it: the workflow queue runs workflows and Herald's own activities. */
  kinds: readonly PollerKind[];
}

export const HERALD_QUEUES: readonly HeraldQueue[] = ALL_TASK_QUEUES.map((key) => ({
  key,
  name: TASK_QUEUES[key],
  kinds: key === 'workflows' ? (['workflow', 'activity'] as const) : (['activity'] as const),
}));
