import { errorText, withTimeout } from '@herald/ops';

/** One dependency as readiness reports it (the shape monitors already read: up or down). */
export interface DependencyCheck {
  status: 'up' | 'down';
  checkedAt: string;
  error?: string;
}

/** Runs `probe` with a time limit: up when it resolves, down with the reason otherwise. */
export async function probeDependency(probe: () => Promise<unknown>, timeoutMs: number, now: () => Date): Promise<DependencyCheck> {
  const checkedAt = now().toISOString();
  try {
    await withTimeout(probe(), timeoutMs);
    return { status: 'up', checkedAt };
  } catch (error) {
    return { status: 'down', checkedAt, error: errorText(error) };
  }
}
