import type { Network } from '@herald/domain';

/**
 * One queue for workflows and Herald's own database activities, and one activity queue per
 * network so that each network's concurrency and rate limits are set in one place.
 */
export const TASK_QUEUES = {
  workflows: 'herald-workflows',
  facebook: 'herald-publish-facebook',
  instagram: 'herald-publish-instagram',
  tiktok: 'herald-publish-tiktok',
} as const;

export type TaskQueueKey = keyof typeof TASK_QUEUES;
export type TaskQueueName = (typeof TASK_QUEUES)[TaskQueueKey];

export function publishQueueOf(network: Network): TaskQueueName {
  return TASK_QUEUES[network];
}

export const ALL_TASK_QUEUES: readonly TaskQueueKey[] = ['workflows', 'facebook', 'instagram', 'tiktok'];
