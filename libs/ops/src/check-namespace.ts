import { type Connection, isGrpcServiceError } from '@temporalio/client';
import type { CheckContext } from './check-context';
import { type CheckResult, checkResult } from './check-result';
import { errorText } from './error-text.util';
import { withTimeout } from './with-timeout.util';

export const NAMESPACE_CHECK = 'temporal-namespace';

const GRPC_NOT_FOUND = 5;

/** The namespace Herald is configured for (TEMPORAL_NAMESPACE) exists on the server. */
export async function checkNamespace(connection: Connection, namespace: string, context: CheckContext): Promise<CheckResult> {
  try {
    const deadline = context.now().getTime() + context.timeoutMs;
    await withTimeout(
      connection.withDeadline(deadline, () => connection.workflowService.describeNamespace({ namespace })),
      context.timeoutMs + 100,
    );
    return checkResult(NAMESPACE_CHECK, 'ok', `Namespace "${namespace}" exists.`, context.now());
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) {
      return checkResult(NAMESPACE_CHECK, 'fail', `Namespace "${namespace}" does not exist on this Temporal server.`, context.now(), {
        fix: `Create it (\`temporal operator namespace create --namespace ${namespace}\`; docker compose's temporal-setup does it), or correct TEMPORAL_NAMESPACE.`,
      });
    }
    return checkResult(NAMESPACE_CHECK, 'fail', `Could not read namespace "${namespace}": ${errorText(error)}.`, context.now(), {
      fix: 'Look at the Temporal server\'s log; run the doctor again once Temporal answers.',
    });
  }
}
