import type { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '@herald/contracts';
import type { CheckContext } from './check-context';
import { type CheckResult, checkResult } from './check-result';
import { errorText } from './error-text.util';
import { searchAttributeProblems } from './search-attribute-problems.util';
import { withTimeout } from './with-timeout.util';

export const SEARCH_ATTRIBUTES_CHECK = 'search-attributes';

/**
 * Herald's search attributes exist in the namespace with the right types. Without them every
 * workflow start is refused, so no post can be scheduled.
 */
export async function checkSearchAttributes(connection: Connection, namespace: string, context: CheckContext): Promise<CheckResult> {
  let present;
  try {
    const deadline = context.now().getTime() + context.timeoutMs;
    const response = await withTimeout(
      connection.withDeadline(deadline, () => connection.operatorService.listSearchAttributes({ namespace })),
      context.timeoutMs + 100,
    );
    present = response.customAttributes ?? {};
  } catch (error) {
    return checkResult(SEARCH_ATTRIBUTES_CHECK, 'fail', `Could not list the search attributes of "${namespace}": ${errorText(error)}.`, context.now(), {
      fix: 'Look at the Temporal server\'s log; run the doctor again once Temporal answers.',
    });
  }

  const { missing, wrongType } = searchAttributeProblems(SEARCH_ATTRIBUTE_DEFINITIONS, present);
  if (!missing.length && !wrongType.length) {
    const names = SEARCH_ATTRIBUTE_DEFINITIONS.map((d) => d.name).join(', ');
    return checkResult(SEARCH_ATTRIBUTES_CHECK, 'ok', `Namespace "${namespace}" has Herald's search attributes (${names}).`, context.now());
  }
  const said: string[] = [];
  if (missing.length) said.push(`lacks ${missing.map((d) => `${d.name} (${d.type})`).join(', ')}`);
  if (wrongType.length) said.push(wrongType.map((d) => `has ${d.name} as ${d.actual} instead of ${d.type}`).join(', '));
  const create = missing
    .map((d) => `temporal operator search-attribute create --namespace ${namespace} --name ${d.name} --type ${d.type}`)
    .join('; ');
  const fixes: string[] = [];
  if (missing.length) fixes.push(`Add them: ${create} (\`npm start\` and docker compose's temporal-setup do this).`);
  if (wrongType.length) fixes.push('An attribute with the wrong type must be removed (temporal operator search-attribute remove) and created again with the right one.');
  return checkResult(
    SEARCH_ATTRIBUTES_CHECK,
    'fail',
    `Namespace "${namespace}" ${said.join(' and ')}: Temporal refuses to start post workflows, so nothing can be scheduled.`,
    context.now(),
    { fix: fixes.join(' '), data: { missing, wrongType } },
  );
}
