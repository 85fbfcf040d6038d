import type { Connection } from '@temporalio/client';
import { grpc } from '@temporalio/proto';
import type { CheckContext } from './check-context';
import { type CheckResult, checkResult } from './check-result';
import { errorText } from './error-text.util';
import { withTimeout } from './with-timeout.util';

export const TEMPORAL_CHECK = 'temporal';

const ServingStatus = grpc.health.v1.HealthCheckResponse.ServingStatus;

/** Temporal's frontend answers the gRPC health check for the workflow service with SERVING. */
export async function checkTemporal(connection: Connection, target: string, context: CheckContext): Promise<CheckResult> {
  const fix = 'Start the Temporal server (`npm start` runs a dev server; docker compose runs the "temporal" service), or correct TEMPORAL_ADDRESS.';
  try {
    // The deadline ends the gRPC call itself (the client retries UNAVAILABLE until then); the
    // timeout also covers a lazy connection that has not connected yet.
    const deadline = context.now().getTime() + context.timeoutMs;
    const response = await withTimeout(
      connection.withDeadline(deadline, () =>
        connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' }),
      ),
      context.timeoutMs + 100,
    );
    if (response.status === ServingStatus.SERVING) {
      return checkResult(TEMPORAL_CHECK, 'ok', `Temporal at ${target} is serving.`, context.now());
    }
    const status = ServingStatus[response.status ?? ServingStatus.UNKNOWN] ?? String(response.status);
    return checkResult(TEMPORAL_CHECK, 'fail', `Temporal at ${target} answers but is not serving (${status}).`, context.now(), {
      fix: 'Temporal is starting or unhealthy: wait a minute, then look at the Temporal server\'s log.',
    });
  } catch (error) {
    return checkResult(TEMPORAL_CHECK, 'fail', `Temporal at ${target} does not answer: ${errorText(error)}.`, context.now(), { fix });
  }
}
