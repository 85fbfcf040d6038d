import { invalidParams } from '../tiktok.errors';

/**
 * The `fields` query parameter of the display endpoints: required, comma-separated, and made
 * only of names the endpoint knows (400 invalid_params otherwise).
 */
export function requestedFields(raw: unknown, known: readonly string[]): string[] {
  if (typeof raw !== 'string' || raw.trim() === '') throw invalidParams('The fields parameter is required.');
  const fields = [...new Set(raw.split(',').map((f) => f.trim()).filter((f) => f !== ''))];
  const unknown = fields.filter((f) => !known.includes(f));
  if (unknown.length > 0) throw invalidParams(`Invalid fields: ${unknown.join(',')}.`);
  return fields;
}

export function pick<T>(fields: readonly string[], renderers: Record<string, (subject: T) => unknown>, subject: T): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, renderers[f]!(subject)]));
}
