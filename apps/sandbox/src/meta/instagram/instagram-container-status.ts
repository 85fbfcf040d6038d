import type { IgContainer, MetaState } from '../meta-state.types';

export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface ContainerStatus {
  code: ContainerStatusCode;
  /** For ERROR: the subcode reported in `status`. */
  subcode?: number;
}

/** Containers not published within 24 hours expire. */
export const CONTAINER_LIFETIME_MS = 86_400_000;

/**
 * The container state machine of reference/provider-apis.md 2.3, evaluated without side effects:
 * a container is IN_PROGRESS while it has processing reads left or its video is still being
 * downloaded; a carousel is as far along as its least advanced child.
 */
export function containerStatus(state: MetaState, container: IgContainer, now: Date): ContainerStatus {
  if (container.publishedMediaId) return { code: 'PUBLISHED' };
  if (now.getTime() - Date.parse(container.createdAt) >= CONTAINER_LIFETIME_MS) return { code: 'EXPIRED' };
  if (container.pollsLeft > 0) return { code: 'IN_PROGRESS' };
  if (container.mediaType === 'CAROUSEL') return carouselStatus(state, container, now);
  if (!container.verdict) return { code: 'IN_PROGRESS' };
  return container.verdict.ok ? { code: 'FINISHED' } : { code: 'ERROR', subcode: container.verdict.subcode };
}

function carouselStatus(state: MetaState, container: IgContainer, now: Date): ContainerStatus {
  const children = container.childIds.map((id) => state.igContainers[id]);
  let inProgress = false;
  for (const child of children) {
    if (!child) return { code: 'ERROR', subcode: 2207006 };
    const status = containerStatus(state, child, now);
    if (status.code === 'ERROR' || status.code === 'EXPIRED') return status;
    if (status.code === 'IN_PROGRESS') inProgress = true;
  }
  return inProgress ? { code: 'IN_PROGRESS' } : { code: 'FINISHED' };
}

/** A status read: uses up one processing poll of the container and of each of its children. */
export function readContainer(state: MetaState, container: IgContainer): void {
  if (container.pollsLeft > 0) container.pollsLeft--;
  for (const id of container.childIds) {
    const child = state.igContainers[id];
    if (child && child.pollsLeft > 0) child.pollsLeft--;
  }
}

export function statusText(status: ContainerStatus): string {
  switch (status.code) {
    case 'IN_PROGRESS':
      return 'In Progress: Media is still being processed.';
    case 'FINISHED':
      return 'Finished: Media has been uploaded and it is ready to be published.';
    case 'PUBLISHED':
      return 'Published: Media has been published.';
    case 'EXPIRED':
      return 'Expired: Media was not published within 24 hours.';
    case 'ERROR':
      return `Error: Media upload has failed with error code ${status.subcode ?? 2207001}`;
  }
}
