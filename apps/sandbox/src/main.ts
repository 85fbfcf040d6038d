import { createLogger, loadSandboxConfig } from '@herald/config';
import { startSandboxServer } from './sandbox.server';

async function main(): Promise<void> {
  const config = loadSandboxConfig();
  const logger = createLogger('sandbox');
  const running = await startSandboxServer({
    host: config.SANDBOX_HOST,
    port: config.SANDBOX_PORT,
    stateFile: config.SANDBOX_STATE_FILE,
    processingPolls: config.SANDBOX_PROCESSING_POLLS,
    latencyMs: config.SANDBOX_LATENCY_MS,
    mediaFetchTimeoutMs: config.SANDBOX_MEDIA_FETCH_TIMEOUT_MS,
    tiktok: {
      rateLimits: config.SANDBOX_TIKTOK_RATE_LIMITS,
      verifiedUrlPrefixes: config.SANDBOX_TIKTOK_VERIFIED_PREFIXES,
      accessTokenTtlSec: config.SANDBOX_TIKTOK_ACCESS_TOKEN_TTL_SEC,
      refreshTokenTtlSec: config.SANDBOX_TIKTOK_REFRESH_TOKEN_TTL_SEC,
    },
    logger,
  });
  logger.info({ url: running.url, stateFile: config.SANDBOX_STATE_FILE ?? null }, 'sandbox ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'sandbox stopping');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: String(error) }, 'sandbox did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
