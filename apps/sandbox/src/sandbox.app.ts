import express, { type Express } from 'express';
import { createLogger } from '@herald/config';
import { createAdminRouter } from './admin/admin.router';
import { FaultRegistry } from './faults/fault.registry';
import type { NetworkPipelineDeps } from './http/network-pipeline';
import { BackgroundJobs } from './jobs/background-jobs';
import { MediaFetcher } from './media/media-fetcher';
import { idInUse } from './meta/graph/graph-objects';
import type { MetaDeps } from './meta/meta-deps.types';
import { createIdFactory } from './meta/meta-ids.util';
import { MetaNetwork } from './meta/meta.network';
import type { SandboxNetwork } from './network/sandbox-network.types';
import { DEFAULT_SEED, type SandboxOptions } from './sandbox-options.types';
import { RequestLog } from './state/request-log';
import { emptySandboxState } from './state/sandbox-state.types';
import { SandboxClock } from './state/sandbox.clock';
import { SandboxStore } from './state/sandbox.store';
import { StateFilePersistence } from './state/state-file.persistence';
import { TikTokRateLimiter } from './tiktok/http/tiktok-rate-limiter';
import { DEFAULT_TIKTOK_OPTIONS, type TikTokDeps } from './tiktok/tiktok-deps.types';
import { TikTokNetwork } from './tiktok/tiktok.network';

export interface SandboxApp {
  app: Express;
  store: SandboxStore;
  /** Finishes background downloads and writes the state file. Does not close any server. */
  close(): Promise<void>;
}

/** Builds the sandbox: every emulated network under its base path, and the admin API under /__sandbox. */
export function createSandboxApp(options: SandboxOptions = {}): SandboxApp {
  const logger = options.logger ?? createLogger('sandbox');
  const persistence = options.stateFile ? new StateFilePersistence(options.stateFile, logger) : undefined;
  const store = new SandboxStore(persistence?.load() ?? emptySandboxState());
  persistence?.attach(store);
  const clock = new SandboxClock(store);
  const requestLog = new RequestLog();
  const faults = new FaultRegistry();
  const jobs = new BackgroundJobs(logger);
  const media = new MediaFetcher(options.mediaFetchTimeoutMs ?? 10_000);
  const pipeline: NetworkPipelineDeps = { requestLog, faults, clock, latencyMs: options.latencyMs ?? 0 };

  const metaDeps: MetaDeps = {
    store,
    clock,
    media,
    jobs,
    requestLog,
    logger,
    processingPolls: options.processingPolls ?? 2,
    seed: options.seed ?? DEFAULT_SEED,
    newId: createIdFactory((id) => idInUse(store.data.meta, id)),
  };
  const tiktokOptions = { ...DEFAULT_TIKTOK_OPTIONS, ...options.tiktok };
  const tiktokDeps: TikTokDeps = {
    store,
    clock,
    media,
    jobs,
    logger,
    processingPolls: metaDeps.processingPolls,
    seed: metaDeps.seed,
    options: tiktokOptions,
    rateLimiter: new TikTokRateLimiter(tiktokOptions.rateLimits),
  };
  const networks: SandboxNetwork[] = [new MetaNetwork(metaDeps, pipeline), new TikTokNetwork(tiktokDeps, pipeline)];
  const seed = () => networks.forEach((n) => n.seedIfEmpty());
  seed();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Local callers only; the client's IP in the request log is not needed.
  app.set('trust proxy', false);
  app.use(
    '/__sandbox',
    createAdminRouter({
      store,
      clock,
      requestLog,
      faults,
      networks,
      logger,
      reset: () => {
        store.replace(emptySandboxState());
        requestLog.clear();
        faults.clear();
        networks.forEach((n) => n.reset?.());
        seed();
      },
    }),
  );
  for (const network of networks) network.mount(app);
  app.use((req, res) => {
    res.status(404).json({ error: { message: `The sandbox serves no ${req.method} ${req.path}` } });
  });

  return {
    app,
    store,
    close: async () => {
      await jobs.drain();
      await persistence?.flush(store);
    },
  };
}
