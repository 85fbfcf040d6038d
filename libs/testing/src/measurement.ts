import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { testEnv } from './test-env';

/**
 * Records a duration a suite measured (time to ready, to first poll) in the run's folder;
 * `npm test` prints them all at the end. Numbers for the notes, not assertions.
 */
export function recordMeasurement(name: string, ms: number): void {
  appendFileSync(path.join(testEnv().runDir, 'measurements.jsonl'), `${JSON.stringify({ name, ms })}\n`);
}
