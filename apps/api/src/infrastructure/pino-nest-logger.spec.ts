import { Writable } from 'node:stream';
import { createLogger } from '@herald/config';
import { PinoNestLogger } from './pino-nest-logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, nest: new PinoNestLogger(createLogger('herald-api', 'info', stream)) };
}

describe(PinoNestLogger.name, () => {
  it("should write Nest's lines as pino JSON with their context", () => {
    const { lines, nest } = capture();

    nest.log('Herald API listening on http://127.0.0.1:3000/api', 'bootstrap');

    expect(lines[0]).toMatchObject({ level: 30, service: 'herald-api', context: 'bootstrap', msg: 'Herald API listening on http://127.0.0.1:3000/api' });
  });

  it('should keep a stack given before the context, and spread an object message into fields', () => {
    const { lines, nest } = capture();

    nest.error('boom', 'Error: boom\n    at handler (posts.service.ts:1:1)', 'errors');
    nest.warn({ message: 'slow scrape', ms: 2100 }, 'metrics');

    expect(lines[0]).toMatchObject({ level: 50, msg: 'boom', context: 'errors', stack: expect.stringContaining('at handler') });
    expect(lines[1]).toMatchObject({ level: 40, msg: 'slow scrape', ms: 2100, context: 'metrics' });
  });
});
