import type { Fault, FaultInput } from './fault.types';

export class FaultInputError extends Error {}

/** Armed faults, in creation order; the first one matching a call is used. */
export class FaultRegistry {
  private faults: Array<Fault & { pattern: RegExp; queryPattern?: RegExp }> = [];
  private nextId = 1;

  add(input: FaultInput, nowIso: string): Fault {
    if (typeof input.path !== 'string' || input.path === '') throw new FaultInputError('path (a regular expression source) is required');
    let pattern: RegExp;
    try {
      pattern = new RegExp(input.path);
    } catch (error) {
      throw new FaultInputError(`path is not a valid regular expression: ${String(error)}`);
    }
    let queryPattern: RegExp | undefined;
    if (input.query !== undefined) {
      try {
        queryPattern = new RegExp(String(input.query));
      } catch (error) {
        throw new FaultInputError(`query is not a valid regular expression: ${String(error)}`);
      }
    }
    const times = input.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new FaultInputError('times must be a positive integer');
    if (input.status !== undefined && (!Number.isInteger(input.status) || input.status < 100 || input.status > 599)) {
      throw new FaultInputError('status must be an HTTP status code');
    }
    if (input.delayMs !== undefined && (typeof input.delayMs !== 'number' || !Number.isFinite(input.delayMs) || input.delayMs < 0)) {
      throw new FaultInputError('delayMs must be a non-negative number');
    }
    for (const key of ['method', 'host'] as const) {
      if (input[key] !== undefined && typeof input[key] !== 'string') throw new FaultInputError(`${key} must be a string`);
    }
    if (input.dropResponse !== undefined && typeof input.dropResponse !== 'boolean') throw new FaultInputError('dropResponse must be true or false');
    if (input.headers !== undefined && (typeof input.headers !== 'object' || input.headers === null || Array.isArray(input.headers))) {
      throw new FaultInputError('headers must be an object of strings');
    }
    const fault: Fault = {
      id: `fault-${this.nextId++}`,
      method: input.method?.toUpperCase(),
      host: input.host,
      path: input.path,
      query: input.query,
      times,
      remaining: times,
      status: input.status,
      body: input.body,
      headers: input.headers,
      delayMs: input.delayMs,
      dropResponse: input.dropResponse === true,
      createdAt: nowIso,
    };
    this.faults.push({ ...fault, pattern, queryPattern });
    return fault;
  }

  /** Finds the first armed fault for this call and uses up one of its times. */
  take(call: { method: string; host: string; path: string; query?: string }): Fault | undefined {
    const found = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method === call.method.toUpperCase()) &&
        (f.host === undefined || f.host === call.host) &&
        f.pattern.test(call.path) &&
        (f.queryPattern === undefined || f.queryPattern.test(call.query ?? '')),
    );
    if (!found) return undefined;
    found.remaining--;
    return strip(found);
  }

  list(): Fault[] {
    return this.faults.map(strip);
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }
}

function strip(fault: Fault & { pattern: RegExp; queryPattern?: RegExp }): Fault {
  const { pattern: _pattern, queryPattern: _queryPattern, ...rest } = fault;
  return rest;
}
