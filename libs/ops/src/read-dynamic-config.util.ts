import { parse } from 'yaml';

export interface DynamicConfigReading {
  /** The settings the file sets, when it could be read. */
  keys: string[];
  problems: string[];
}

/**
 * Reads a Temporal dynamic config file the way the server does: a YAML mapping from setting name
 * to a list of `{ value, constraints }` entries. Temporal refuses to start on a malformed file.
 */
export function readDynamicConfig(text: string): DynamicConfigReading {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return { keys: [], problems: [`it is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  if (document === null || document === undefined) return { keys: [], problems: [] };
  if (typeof document !== 'object' || Array.isArray(document)) {
    return { keys: [], problems: ['it is not a mapping of setting names to values'] };
  }
  const problems: string[] = [];
  for (const [key, entries] of Object.entries(document)) {
    if (!Array.isArray(entries)) {
      problems.push(`${key} is not a list of { value, constraints } entries`);
      continue;
    }
    entries.forEach((entry: unknown, index) => {
      if (!entry || typeof entry !== 'object' || !('value' in entry)) problems.push(`${key}[${index}] has no value`);
    });
  }
  return { keys: Object.keys(document), problems };
}
