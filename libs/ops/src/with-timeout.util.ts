import { formatDuration } from './format-duration.util';

/**
 * Rejects with "no answer within <ms>" if `work` takes longer (the caller's sentence names who
 * did not answer); never leaves a timer behind.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${formatDuration(ms)}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
