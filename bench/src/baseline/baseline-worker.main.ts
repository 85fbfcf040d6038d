// The baseline's worker process: one Temporal worker for the workflows and one per network, as
// Herald's worker process runs them, with the same provider settings (read from the same
// environment as Herald's worker). Ready when it prints "baseline worker polling".
import path from 'node:path';
import { NativeConnection, Runtime, Worker, bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { loadWorkerConfig, providerSettingsFrom } from '@herald/config';
import { createProviderAdapters } from '@herald/providers';
import { createBaselineActivities } from './baseline.activities';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const prefix = process.env.BENCH_BASELINE_QUEUE;
  if (!prefix) throw new Error('BENCH_BASELINE_QUEUE is not set');
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: ['SIGTERM', 'SIGINT'] });
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'baseline.workflows.js'), logger: new DefaultLogger('WARN') });
  const activities = createBaselineActivities(createProviderAdapters(providerSettingsFrom(config)));
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const workers = await Promise.all(
    ['workflows', 'facebook', 'instagram', 'tiktok'].map((queue) =>
      Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: `${prefix}-${queue}`,
        ...(queue === 'workflows' ? { workflowBundle: { code } } : { activities }),
      }),
    ),
  );
  console.log('baseline worker polling');
  await Promise.all(workers.map((w) => w.run()));
  await connection.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
