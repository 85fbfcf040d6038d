import { stringField } from '../json-fields.util';

/** Instagram's documented container states. */
export const CONTAINER_STATES = ['IN_PROGRESS', 'FINISHED', 'PUBLISHED', 'ERROR', 'EXPIRED'] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];

export interface ContainerStatus {
  /** Undefined when Instagram answers a state Herald does not know. */
  state?: ContainerState;
  /** Human text, e.g. "Error: Media upload has failed with error code 2207026". */
  text?: string;
}

export function parseContainerStatus(body: unknown): ContainerStatus {
  const code = stringField(body, 'status_code');
  return { state: CONTAINER_STATES.find((state) => state === code), text: stringField(body, 'status') };
}

/**
 * The subcode inside an ERROR status text. This text format is the only place Instagram reports
 * why asynchronous processing failed, so it is the one message Herald reads.
 */
export function subcodeInStatusText(text: string | undefined): number | undefined {
  const match = text ? /error code (\d+)/i.exec(text) : null;
  return match ? Number(match[1]) : undefined;
}
