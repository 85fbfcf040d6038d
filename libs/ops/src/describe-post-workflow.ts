import { type Connection, isGrpcServiceError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { errorText } from './error-text.util';
import type { WorkflowFact } from './explain-overdue-post.util';
import { withTimeout } from './with-timeout.util';

const { WorkflowExecutionStatus } = temporal.api.enums.v1;
const GRPC_NOT_FOUND = 5;

/** Running, closed (with how it ended) or missing: the latest run of one workflow id. */
export async function describePostWorkflow(
  connection: Connection,
  namespace: string,
  workflowId: string,
  timeoutMs: number,
): Promise<WorkflowFact> {
  try {
    const deadline = Date.now() + timeoutMs;
    const response = await withTimeout(
      connection.withDeadline(deadline, () =>
        connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId } }),
      ),
      timeoutMs + 100,
    );
    const status = response.workflowExecutionInfo?.status ?? WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
    if (status === WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) return { kind: 'running' };
    const name = (WorkflowExecutionStatus[status] ?? String(status)).replace(/^WORKFLOW_EXECUTION_STATUS_/, '');
    return { kind: 'closed', status: name };
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return { kind: 'missing' };
    return { kind: 'unknown', because: errorText(error) };
  }
}
