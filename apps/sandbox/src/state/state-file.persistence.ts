import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@herald/config';
import { emptyMetaState } from '../meta/meta-state.types';
import { emptyTikTokState } from '../tiktok/tiktok-state.types';
import { STATE_VERSION, emptySandboxState, type SandboxStateData } from './sandbox-state.types';
import type { SandboxStore } from './sandbox.store';

const DEBOUNCE_MS = 25;

/**
 * Keeps the state file in step with the store: read once at start, rewritten shortly after
 * every change. Writes go to a temporary file that is then renamed over the old one, so a
 * crash mid-write never leaves half a file.
 */
export class StateFilePersistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastWritten = '';

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  /** The saved state, or undefined when there is none (or it could not be read; it is set aside). */
  load(): SandboxStateData | undefined {
    if (!existsSync(this.file)) return undefined;
    const text = readFileSync(this.file, 'utf8');
    try {
      const parsed = JSON.parse(text) as Partial<SandboxStateData>;
      if (parsed.version !== STATE_VERSION) throw new Error(`unsupported state version ${String(parsed.version)}`);
      this.lastWritten = text;
      // Sections added after the file was written start empty, inside a network's section too
      // (Meta's comments came later than its posts).
      const meta = { ...emptyMetaState(), ...parsed.meta };
      const tiktok = { ...emptyTikTokState(), ...parsed.tiktok };
      return { ...emptySandboxState(), ...parsed, meta, tiktok } as SandboxStateData;
    } catch (error) {
      const aside = `${this.file}.unreadable-${Date.now()}`;
      renameSync(this.file, aside);
      this.logger.warn({ file: this.file, movedTo: aside, err: String(error) }, 'state file unreadable; starting empty');
      return undefined;
    }
  }

  attach(store: SandboxStore): void {
    store.onChange(() => this.schedule(store));
  }

  private schedule(store: SandboxStore): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save(store);
    }, DEBOUNCE_MS);
  }

  /** Writes now if anything changed since the last write; waits for a write in progress. */
  async flush(store: SandboxStore): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.save(store);
  }

  private save(store: SandboxStore): Promise<void> {
    this.writing = this.writing.then(async () => {
      const text = JSON.stringify(store.data);
      if (text === this.lastWritten) return;
      const temp = `${this.file}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        await writeFile(temp, text);
        await rename(temp, this.file);
        this.lastWritten = text;
      } catch (error) {
        this.logger.error({ file: this.file, err: String(error) }, 'could not write the state file');
      }
    });
    return this.writing;
  }
}
