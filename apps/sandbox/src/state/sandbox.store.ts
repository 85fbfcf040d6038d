import { emptySandboxState, type SandboxStateData } from './sandbox-state.types';
import type { PublishedItem } from './published-item.types';

/**
 * The sandbox's in-memory state. Handlers mutate `data` directly (it is plain JSON so that it
 * can be written to the state file as is) and call `changed()`; persistence listens.
 */
export class SandboxStore {
  private listeners: Array<() => void> = [];

  constructor(public data: SandboxStateData = emptySandboxState()) {}

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  replace(data: SandboxStateData): void {
    this.data = data;
    this.changed();
  }

  recordPublished(item: PublishedItem): void {
    this.data.published.push(item);
    this.changed();
  }
}
