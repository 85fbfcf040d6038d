// Network responses arrive as `unknown`; these narrow them field by field instead of casting,
// so a shape change on the network's side becomes a clear failure rather than `undefined` later.

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(value: unknown, key: string): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

/** Ids are strings on Meta; a number is accepted only while it is exact. */
export function idField(value: unknown, key: string): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const field = value[key];
  if (typeof field === 'string' && field !== '') return field;
  if (typeof field === 'number' && Number.isSafeInteger(field)) return String(field);
  return undefined;
}

export function numberField(value: unknown, key: string): number | undefined {
  if (!isJsonObject(value)) return undefined;
  const field = value[key];
  if (typeof field === 'number' && Number.isFinite(field)) return field;
  if (typeof field === 'string' && /^-?\d+$/.test(field)) return Number(field);
  return undefined;
}

export function objectField(value: unknown, key: string): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const field = value[key];
  return isJsonObject(field) ? field : undefined;
}

export function arrayField(value: unknown, key: string): unknown[] | undefined {
  if (!isJsonObject(value)) return undefined;
  const field = value[key];
  return Array.isArray(field) ? field : undefined;
}

export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
