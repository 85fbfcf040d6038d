import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import Long from 'long';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '@herald/contracts';
import { testEnv } from './test-env';
import { waitUntil } from './wait-until';

const SA_TYPES = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/**
 * A Temporal namespace of the test's own, with Herald's search attributes, so that workers of
 * one test never pick up another test's workflows (task queue names are fixed in the contracts).
 */
export async function createTestNamespace(prefix = 'test'): Promise<{ namespace: string; connection: Connection }> {
  const connection = await Connection.connect({ address: testEnv().temporalAddress });
  const namespace = `${prefix}-${randomBytes(4).toString('hex')}`;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(24 * 3600) },
  });
  await waitUntil(`namespace ${namespace}`, async () => {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  });
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTE_DEFINITIONS.map((d) => [d.name, SA_TYPES[d.type]])),
  });
  return { namespace, connection };
}
