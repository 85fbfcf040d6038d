import { nonexistingField } from './graph.errors';

/**
 * The top-level names in a Graph `fields` parameter. Nested selections and modifiers
 * (`children{id,media_url}`, `attachments.limit(5)`) are accepted; the nested node is returned whole.
 */
export function parseFields(fields: string | undefined): string[] | undefined {
  if (fields === undefined || fields.trim() === '') return undefined;
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '{' || ch === '(') depth++;
    if (ch === '}' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  names.push(current);
  return names.map((n) => n.trim().split(/[.{(]/)[0]!.trim()).filter((n) => n !== '');
}

/** Field getters of one node type; a getter returning undefined leaves the field out, as Graph does. */
export type FieldGetters = Record<string, () => unknown>;

/** Checks requested fields against a node type before anything is written. */
export function assertFields(requested: string[] | undefined, getters: FieldGetters, nodeType: string): void {
  for (const name of requested ?? []) {
    if (!(name in getters)) throw nonexistingField(name, nodeType);
  }
}

/** Builds a node's JSON: the requested fields (or the type's defaults), then `id` as Graph adds it. */
export function renderFields(
  requested: string[] | undefined,
  getters: FieldGetters,
  defaults: readonly string[],
  nodeType: string,
): Record<string, unknown> {
  assertFields(requested, getters, nodeType);
  const out: Record<string, unknown> = {};
  for (const name of requested ?? defaults) {
    if (name === 'id') continue;
    const value = getters[name]!();
    if (value !== undefined) out[name] = value;
  }
  const id = getters.id?.();
  if (id !== undefined) out.id = id;
  return out;
}
