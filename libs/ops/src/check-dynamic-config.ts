import { readFile } from 'node:fs/promises';
import { type CheckResult, checkResult } from './check-result';
import { readDynamicConfig } from './read-dynamic-config.util';
import { errorText } from './error-text.util';

export const DYNAMIC_CONFIG_CHECK = 'temporal-dynamic-config';

/**
 * Temporal's dynamic config file (dynamicconfig/development-sql.yaml, or DYNAMIC_CONFIG_FILE_PATH)
 * exists and is well-formed: the dev server and the production server both read it at start.
 */
export async function checkDynamicConfig(file: string, now: () => Date): Promise<CheckResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return checkResult(DYNAMIC_CONFIG_CHECK, 'fail', `Temporal's dynamic config ${file} cannot be read: ${errorText(error)}.`, now(), {
      fix: 'Restore dynamicconfig/ from the repository, or set DYNAMIC_CONFIG_FILE_PATH to the file your Temporal server reads.',
    });
  }
  const { keys, problems } = readDynamicConfig(text);
  if (problems.length) {
    return checkResult(DYNAMIC_CONFIG_CHECK, 'fail', `Temporal's dynamic config ${file} is malformed: ${problems.join('; ')}.`, now(), {
      fix: 'Fix the file (each setting is a list of `- value: …` entries with optional `constraints`); Temporal does not start with a malformed one.',
      data: { file, problems },
    });
  }
  return checkResult(DYNAMIC_CONFIG_CHECK, 'ok', `Temporal's dynamic config ${file} is well-formed (${keys.join(', ') || 'no settings'}).`, now(), {
    data: { file, keys },
  });
}
