// The networks' error tables (reference/provider-apis.md 1.3, 1.4, 2.3, 2.4, 3.2, 4.5, 4.8 and
// the fail_reason list), row by row, against the sandbox over real HTTP. Each row puts the
// sandbox in the state that produces the error (an account state, bad media, the sandbox clock)
// or, where the sandbox has no such state, answers with the network's exact envelope through a
// fault; then it calls one adapter step directly and checks the PublishFailure the workflow acts
// on (code, retryable, outcome, prepareAgain / tokenRejected / retryAfterMs where the workflow
// reads them), the sentence the user reads, the network's own code (proof the row was produced),
// and how many times a write reached the network. Only the sandbox runs: no API, no Temporal.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ErrorCode, MediaRef, PreparedPublish, PublishFailure } from '@herald/domain';
import {
  type ProviderAdapter,
  ProviderError,
  type PublishContext,
  type PublishablePost,
  createProviderAdapters,
} from '@herald/providers';
import { type RunningSandbox, type SandboxAccount, type SandboxFault, startSandbox } from '@herald/testing';

const MIB = 1_048_576;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIKTOK_APP = { clientKey: 'herald-e2e-client', clientSecret: 'herald-e2e-secret' };
const GRAPH_HOSTS = { facebook: 'graph.facebook.com', instagram: 'graph.facebook.com', 'instagram-standalone': 'graph.instagram.com' } as const;
const TIKTOK_API = 'open.tiktokapis.com';
const TIKTOK_UPLOAD = 'open-upload.tiktokapis.com';

// ---------------------------------------------------------------------------------------------
// Media: a local origin the sandbox downloads from, as the networks download from Herald's.

interface MediaFile {
  body: Buffer;
  type: string;
  delayMs?: number;
}

/** Serves files by name under any directory (HEAD and Range too, as Herald's media fetcher uses them). */
class MediaOrigin {
  private readonly files = new Map<string, MediaFile>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  private readonly server: Server = createServer((req, res) => this.answer(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  serve(name: string, file: MediaFile): this {
    this.files.set(name, file);
    return this;
  }

  url(directory: 'verified' | 'herald-only' | 'upload' | 'meta', name: string): string {
    return `${this.origin}/${directory}/${name}`;
  }

  close(): Promise<void> {
    for (const timer of this.delayed) clearTimeout(timer);
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const name = new URL(req.url ?? '/', this.origin).pathname.split('/').pop() ?? '';
    const file = this.files.get(name);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const send = () => {
      if (res.destroyed) return;
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      const end = range?.[2] ? Math.min(Number(range[2]), file.body.length - 1) : file.body.length - 1;
      const headers: Record<string, string | number> = { 'content-type': file.type, 'content-length': end - start + 1, 'accept-ranges': 'bytes' };
      if (range) headers['content-range'] = `bytes ${start}-${end}/${file.body.length}`;
      res.writeHead(range ? 206 : 200, headers);
      res.end(req.method === 'HEAD' ? undefined : file.body.subarray(start, end + 1));
    };
    if (!file.delayMs) return send();
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      send();
    }, file.delayMs);
    this.delayed.add(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// What every row asserts.

interface Expected {
  code: ErrorCode;
  retryable: boolean;
  /** Default 'not-applied'. */
  outcome?: PublishFailure['outcome'];
  /** The sentence the user reads must say this. */
  says?: RegExp;
  prepareAgain?: boolean;
  tokenRejected?: boolean;
  retryAfterMs?: number;
}

function expectFailure(failure: PublishFailure, expected: Expected): void {
  expect({ code: failure.code, retryable: failure.retryable, outcome: failure.outcome }).toEqual({
    code: expected.code,
    retryable: expected.retryable,
    outcome: expected.outcome ?? 'not-applied',
  });
  if (expected.says) expect(failure.message).toMatch(expected.says);
  if (expected.prepareAgain !== undefined) expect(failure.prepareAgain === true).toBe(expected.prepareAgain);
  if (expected.tokenRejected !== undefined) expect(failure.tokenRejected === true).toBe(expected.tokenRejected);
  if (expected.retryAfterMs !== undefined) expect(failure.retryAfterMs).toBe(expected.retryAfterMs);
}

/** The PublishFailure a step threw; fails the test if the step succeeded or threw something else. */
async function failureOf(step: Promise<unknown>): Promise<PublishFailure> {
  const settled = await step.then(
    (value: unknown) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (settled.ok) throw new Error(`The step succeeded: ${JSON.stringify(settled.value)}`);
  if (!(settled.error instanceof ProviderError)) throw settled.error;
  return settled.error.failure;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function graphError(code: number, subcode: number | undefined, message: string, isTransient = false) {
  return {
    error: {
      message,
      type: code === 100 && subcode === 33 ? 'GraphMethodException' : 'OAuthException',
      code,
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      is_transient: isTransient,
      fbtrace_id: 'AHeraldE2eTrace01',
    },
  };
}

function tiktokError(code: string, message: string) {
  return { data: {}, error: { code, message, log_id: '20261203180000E2E0000000000000000' } };
}

/** X-Business-Use-Case-Usage as Meta sends it with a throttle. */
function businessUseCase(accountId: string, type: 'pages' | 'instagram', minutes: number): Record<string, string> {
  const usage = { [accountId]: [{ type, call_count: 100, total_cputime: 40, total_time: 40, estimated_time_to_regain_access: minutes }] };
  return { 'X-Business-Use-Case-Usage': JSON.stringify(usage) };
}

function post(content: string, media: MediaRef[] = [], settings: Record<string, unknown> = {}): PublishablePost {
  return { postId: 'provider-errors-e2e', content, media, settings };
}

// ---------------------------------------------------------------------------------------------

describe('provider errors, row by row against the sandbox', () => {
  let sandbox: RunningSandbox;
  let media: MediaOrigin;
  let adapters: ReturnType<typeof createProviderAdapters>;

  beforeAll(async () => {
    const fixtures = path.join(__dirname, 'fixtures');
    const photo = readFileSync(path.join(fixtures, 'photo.jpg'));
    const clip = readFileSync(path.join(fixtures, 'clip.mp4'));
    media = await new MediaOrigin()
      .serve('photo.jpg', { body: photo, type: 'image/jpeg' })
      .serve('square.png', { body: readFileSync(path.join(fixtures, 'square.png')), type: 'image/png' })
      // 40x120: outside Instagram's 4:5..1.91:1.
      .serve('tall.jpg', { body: readFileSync(path.join(__dirname, '../apps/sandbox/src/__fixtures__/tall.jpg')), type: 'image/jpeg' })
      // A PNG whose URL says nothing of its format, so that only the network can find out.
      .serve('picture', { body: readFileSync(path.join(fixtures, 'square.png')), type: 'image/png' })
      // A real JPEG, padded past TikTok's 20 MB (and Facebook's 10 MB, Instagram's 8 MB).
      .serve('huge.jpg', { body: Buffer.concat([photo, Buffer.alloc(21 * MIB)]), type: 'image/jpeg' })
      .serve('page.html', { body: Buffer.from('<!doctype html><title>Sign in</title>'), type: 'text/html' })
      .serve('signin', { body: Buffer.from('<!doctype html><title>Sign in</title>'), type: 'text/html' })
      .serve('clip.mp4', { body: clip, type: 'video/mp4' })
      // JPEG bytes behind a video's name and type.
      .serve('fake.mp4', { body: photo, type: 'video/mp4' })
      // More than 64 MB: uploaded to TikTok in several chunks.
      .serve('long.mp4', { body: Buffer.concat([clip, Buffer.alloc(70 * MIB)]), type: 'video/mp4' })
      // Slower than the sandbox's download deadline below.
      .serve('slow.jpg', { body: photo, type: 'image/jpeg', delayMs: 3_000 })
      .serve('slow.mp4', { body: clip, type: 'video/mp4', delayMs: 3_000 })
      .start();
    sandbox = await startSandbox({
      SANDBOX_PROCESSING_POLLS: '1',
      SANDBOX_MEDIA_FETCH_TIMEOUT_MS: '1500',
      // TikTok's per-minute limits stay on: one row exceeds them for real.
      SANDBOX_TIKTOK_RATE_LIMITS: 'on',
      SANDBOX_TIKTOK_VERIFIED_PREFIXES: media.url('verified', ''),
    });
    adapters = createProviderAdapters({
      facebookGraph: `${sandbox.url}/graph.facebook.com`,
      instagramGraph: `${sandbox.url}/graph.instagram.com`,
      tiktokApi: `${sandbox.url}/open.tiktokapis.com`,
      graphVersion: 'v21.0',
      requestTimeoutMs: 10_000,
      // Herald believes /herald-only/ is verified too; TikTok (the sandbox) does not.
      tiktok: { ...TIKTOK_APP, verifiedUrlPrefixes: [media.url('verified', ''), media.url('herald-only', '')] },
      media: { allowedOrigins: [media.origin] },
    });
  });

  beforeEach(async () => {
    await sandbox.admin.clearRequests();
  });

  afterEach(async () => {
    await sandbox.admin.clearFaults();
  });

  afterAll(async () => {
    await sandbox?.stop();
    await media?.close();
  });

  function adapter(provider: 'facebook' | 'instagram' | 'instagram-standalone' | 'tiktok'): ProviderAdapter {
    return adapters[provider]!;
  }

  /** Calls that reached the network (request log), e.g. writes('POST', /\/media_publish$/). */
  async function calls(method: string, pathPattern: RegExp, host?: string): Promise<number> {
    const requests = await sandbox.admin.requests(host ? { method, host } : { method });
    return requests.filter((request) => pathPattern.test(request.path)).length;
  }

  async function fault(input: SandboxFault): Promise<void> {
    await sandbox.admin.addFault(input);
  }

  async function published(network: 'facebook' | 'instagram' | 'tiktok', accountId: string): Promise<number> {
    return (await sandbox.admin.published({ network, accountId })).length;
  }

  // -------------------------------------------------------------------------------------------
  // Meta accounts and steps.

  type MetaProvider = 'facebook' | 'instagram' | 'instagram-standalone';

  interface MetaChannel {
    provider: MetaProvider;
    account: SandboxAccount;
    ctx: PublishContext;
  }

  async function metaChannel(provider: MetaProvider, state: Record<string, unknown> = {}): Promise<MetaChannel> {
    let account = await sandbox.admin.createAccount({ network: provider === 'facebook' ? 'facebook' : 'instagram' });
    if (Object.keys(state).length > 0) account = { ...account, ...(await sandbox.admin.updateAccount(account.id, state)) };
    const credentials =
      provider === 'instagram-standalone'
        ? { accessToken: account.instagramLoginToken! }
        : { accessToken: account.accessToken, ...(account.userAccessToken ? { userAccessToken: account.userAccessToken } : {}) };
    return { provider, account, ctx: { account: { provider, internalId: account.id }, credentials } };
  }

  function withToken(channel: MetaChannel, accessToken: string): MetaChannel {
    return { ...channel, ctx: { ...channel.ctx, credentials: { accessToken } } };
  }

  const photoPost = (name = 'photo.jpg', content = 'A photo') => post(content, [{ path: media.url('meta', name), kind: 'image' }]);
  const reelPost = (name = 'clip.mp4') => post('A reel', [{ path: media.url('meta', name), kind: 'video' }]);

  /** The media of a Meta post, prepared for real (containers, unpublished photos). */
  async function prepared(channel: MetaChannel, content = photoPost()): Promise<PreparedPublish> {
    return adapter(channel.provider).prepare(channel.ctx, content);
  }

  function containerIdOf(preparedPublish: PreparedPublish): string {
    return String(preparedPublish.data['containerId']);
  }

  /** Polls `check` until the container leaves IN_PROGRESS; the failure it then throws. */
  async function checkUntilSettled(channel: MetaChannel, preparedPublish: PreparedPublish): Promise<PublishFailure> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const settled = await adapter(channel.provider).check(channel.ctx, preparedPublish).then(
        (check) => ({ check }),
        (error: unknown) => ({ error }),
      );
      if ('error' in settled) {
        if (settled.error instanceof ProviderError) return settled.error.failure;
        throw settled.error;
      }
      if (settled.check.status === 'ready') throw new Error('The container became ready');
      await sleep(100);
    }
    throw new Error('The container stayed IN_PROGRESS');
  }

  /** A status read that says FINISHED without being one (Meta's reads lag its writes). */
  async function containerReadsFinished(channel: MetaChannel, containerId: string): Promise<void> {
    await fault({
      method: 'GET',
      host: GRAPH_HOSTS[channel.provider],
      path: `^/${containerId}$`,
      status: 200,
      body: { id: containerId, status_code: 'FINISHED', status: 'Finished: Media has been uploaded and it is ready to be published.' },
    });
  }

  const mediaPublishCalls = (channel: MetaChannel) => calls('POST', new RegExp(`^/${channel.account.id}/media_publish$`), GRAPH_HOSTS[channel.provider]);
  const containerCreations = (channel: MetaChannel) => calls('POST', new RegExp(`^/${channel.account.id}/media$`), GRAPH_HOSTS[channel.provider]);

  /**
   * The publishing write of each Meta adapter, where the generic rows are injected: the Page's
   * /feed, Instagram's media_publish (after a real container, status read and quota read).
   */
  async function metaPublishWithFault(
    provider: MetaProvider,
    answer: { status: number; body: unknown; headers?: (accountId: string) => Record<string, string> },
  ): Promise<{ failure: PublishFailure; writes: number }> {
    const channel = await metaChannel(provider);
    const edge = provider === 'facebook' ? 'feed' : 'media_publish';
    const content = provider === 'facebook' ? post('A status update') : photoPost();
    const ready = await prepared(channel, content);
    await fault({
      method: 'POST',
      host: GRAPH_HOSTS[provider],
      path: `^/\\d+/${edge}$`,
      status: answer.status,
      body: answer.body,
      ...(answer.headers ? { headers: answer.headers(channel.account.id) } : {}),
    });
    const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));
    const writes = await calls('POST', new RegExp(`^/${channel.account.id}/${edge}$`), GRAPH_HOSTS[provider]);
    return { failure, writes };
  }

  // -------------------------------------------------------------------------------------------

  describe('Meta Graph API: generic codes (spec 1.1, 1.3)', () => {
    interface GenericRow {
      row: string;
      status?: number;
      code: number;
      subcode?: number;
      message: string;
      transient?: boolean;
      buc?: number;
      expected: Expected;
    }

    const RECONNECT = /reconnect the channel/;
    const rows: GenericRow[] = [
      { row: '1 (99) unknown error, HTTP 500, on the publishing write', status: 500, code: 1, subcode: 99, message: 'An unknown error occurred', transient: true,
        expected: { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown', says: /check before/ } },
      { row: '2 service temporarily down, HTTP 500, on the publishing write', status: 500, code: 2, message: 'Service temporarily unavailable', transient: true,
        expected: { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' } },
      { row: '4 app-level throttle', code: 4, message: '(#4) Application request limit reached',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 5 * MINUTE, says: /limiting how often Herald may call it/ } },
      { row: '4 app-level throttle, X-Business-Use-Case-Usage says 45 min', code: 4, message: '(#4) Application request limit reached', buc: 45,
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 45 * MINUTE } },
      { row: '17 user-level throttle', code: 17, message: '(#17) User request limit reached',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 15 * MINUTE, says: /limiting requests for this account/ } },
      { row: '32 Page-level throttle', code: 32, message: '(#32) Page request limit reached',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR, says: /limited requests for this Page/ } },
      { row: '613 custom throttle', code: 613, message: '(#613) Calls to this api have exceeded the rate limit.',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 15 * MINUTE } },
      { row: '341 application limit', code: 341, message: '(#341) Application limit reached',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR } },
      { row: '80001 Pages BUC throttle, X-Business-Use-Case-Usage says 90 min', code: 80001, message: 'There have been too many calls to this Page account.', buc: 90,
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 90 * MINUTE } },
      { row: '80002 Instagram BUC throttle', code: 80002, message: 'There have been too many calls to this Instagram account.',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR } },
      { row: '10 permission not granted', code: 10, message: '(#10) Requires instagram_content_publish permission to manage the object',
        expected: { code: 'PERMISSION_MISSING', retryable: false, says: /accept every requested permission/ } },
      { row: '200 permission removed', code: 200, message: '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts',
        expected: { code: 'PERMISSION_MISSING', retryable: false, says: /accept every requested permission/ } },
      { row: '299 permission (200-299 range)', code: 299, message: '(#299) Requires extended permission: manage_pages',
        expected: { code: 'PERMISSION_MISSING', retryable: false, says: /accept every requested permission/ } },
      { row: '102 API session', code: 102, message: 'API Session', expected: { code: 'RECONNECT_NEEDED', retryable: false, says: RECONNECT } },
      { row: '190 token invalid', code: 190, message: 'Error validating access token: The session has been invalidated.',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: RECONNECT } },
      { row: '190/458 app removed', code: 190, subcode: 458, message: 'Error validating access token: The user has not authorized application.',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /removed from the Meta account: reconnect/ } },
      { row: '190/459 user checkpointed', code: 190, subcode: 459, message: 'Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given.',
        expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /log in at facebook.com, complete the checkpoint/ } },
      { row: '190/460 password changed', code: 190, subcode: 460, message: 'Error validating access token: The session has been invalidated because the user changed their password.',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /password was changed.*reconnect/ } },
      { row: '190/463 token expired', code: 190, subcode: 463, message: 'Error validating access token: Session has expired.',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /expired: reconnect/ } },
      { row: '190/464 unconfirmed user', code: 190, subcode: 464, message: 'Error validating access token: Sessions for the user are not allowed because the user is not a confirmed user.',
        expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /email address or phone number confirmed/ } },
      { row: '190/467 token invalidated', code: 190, subcode: 467, message: 'Error validating access token: The user is enrolled in a blocking, logged-in checkpoint',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /invalidated the login.*reconnect the channel/ } },
      { row: '190/492 session invalid (Page role lost)', code: 190, subcode: 492, message: 'Error validating access token: The session is invalid.',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /no longer manages this Page: reconnect/ } },
      { row: '100 invalid parameter (Meta\'s words shown)', code: 100, message: '(#100) Param message must be a string',
        expected: { code: 'VALIDATION', retryable: false, says: /Meta said: "\(#100\) Param message must be a string"/ } },
      { row: '368 blocked under policy (Meta\'s words shown)', code: 368, subcode: 1234567, message: 'The action attempted has been deemed abusive or is otherwise disallowed',
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /deemed abusive/ } },
      { row: '506 duplicate post', code: 506, message: '(#506) Duplicate status message',
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /duplicate/ } },
      { row: '1609005 link could not be scraped', code: 1609005, message: 'Error posting link',
        expected: { code: 'VALIDATION', retryable: false, says: /could not read the link: check the URL/ } },
      { row: 'unknown code marked is_transient: true (1.1)', code: 12345, message: 'Please retry your request later.', transient: true,
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, says: /temporary problem/ } },
    ];

    describe.each(['facebook', 'instagram', 'instagram-standalone'] as const)('on the %s publishing write', (provider) => {
      it.each(rows)('$row', async ({ status, code, subcode, message, transient, buc, expected }) => {
        const { failure, writes } = await metaPublishWithFault(provider, {
          status: status ?? 400,
          body: graphError(code, subcode, message, transient),
          ...(buc ? { headers: (id: string) => businessUseCase(id, provider === 'facebook' ? 'pages' : 'instagram', buc) } : {}),
        });

        expectFailure(failure, expected);
        expect(failure.network).toMatchObject({ code, ...(subcode === undefined ? {} : { subcode }) });
        expect(writes).toBe(1);
      });
    });

    it('1 (99) unknown error, HTTP 500, on a read (container status): retried', async () => {
      const channel = await metaChannel('instagram');
      const ready = await prepared(channel);
      await fault({ method: 'GET', path: `^/${containerIdOf(ready)}$`, status: 500, body: graphError(1, 99, 'An unknown error occurred', true) });

      const failure = await failureOf(adapter('instagram').check(channel.ctx, ready));

      expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true });
      expect(failure.network).toMatchObject({ status: 500, code: 1 });
    });

    it('2 service down, HTTP 500, on an invisible write (Instagram container): prepared again', async () => {
      const channel = await metaChannel('instagram');
      await fault({ method: 'POST', path: '^/\\d+/media$', status: 500, body: graphError(2, undefined, 'Service temporarily unavailable', true) });

      const failure = await failureOf(prepared(channel));

      // The container may exist unseen; an orphan container is harmless, so preparing again is safe.
      expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'unknown' });
      expect(await containerCreations(channel)).toBe(1);
    });

    it('the answer to the publishing write is lost after Meta applied it: outcome unknown, then reconciled as published', async () => {
      const channel = await metaChannel('instagram');
      const content = photoPost('photo.jpg', `Lost answer ${Date.now()}`);
      const ready = await prepared(channel, content);
      await fault({ method: 'POST', path: '^/\\d+/media_publish$', dropResponse: true });
      const commitStartedAt = new Date(Date.now() - 1_000);

      const failure = await failureOf(adapter('instagram').commit(channel.ctx, content, ready));
      const truth = await adapter('instagram').reconcile(channel.ctx, content, ready, commitStartedAt);

      expectFailure(failure, { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
      expect(await mediaPublishCalls(channel)).toBe(1);
      expect(truth).toMatchObject({ status: 'published' });
      expect(await published('instagram', channel.account.id)).toBe(1);
    });
  });

  // -------------------------------------------------------------------------------------------

  describe('Meta code 100/33, object missing or not accessible (spec 1.4)', () => {
    it.each(['instagram', 'instagram-standalone'] as const)(
      '%s: identity checkpoint (Page Publishing Authorization) refuses media_publish with 100/33',
      async (provider) => {
        const channel = await metaChannel(provider, { identityCheckpoint: true });
        const content = photoPost();
        // Containers are still made under the checkpoint; only the publish is refused.
        const ready = await prepared(channel, content);
        expect(await adapter(provider).check(channel.ctx, ready)).toMatchObject({ status: 'ready' });

        const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));

        expectFailure(failure, { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /complete the identity verification in the Facebook app/ });
        expect(failure.network).toMatchObject({ code: 100, subcode: 33 });
        expect(await mediaPublishCalls(channel)).toBe(1);
        expect(await published('instagram', channel.account.id)).toBe(0);
      },
    );

    it('100/33 on container creation: identity message, the write reached Meta once', async () => {
      const channel = await metaChannel('instagram');
      await fault({
        method: 'POST',
        path: '^/\\d+/media$',
        status: 400,
        body: graphError(100, 33, `Unsupported post request. Object with ID '${channel.account.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`),
      });

      const failure = await failureOf(prepared(channel));

      expectFailure(failure, { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /identity verification in the Facebook app.*reconnect/ });
      expect(await containerCreations(channel)).toBe(1);
    });

    it('100/33 on the Facebook /feed write: identity message', async () => {
      const { failure, writes } = await metaPublishWithFault('facebook', {
        status: 400,
        body: graphError(100, 33, 'Unsupported post request. Object with ID \'1\' does not exist, cannot be loaded due to missing permissions, or does not support this operation.'),
      });

      expectFailure(failure, { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /identity verification in the Facebook app/ });
      expect(writes).toBe(1);
    });

    it('100/33 on a container status read with the Page token only (the May 2026 outage): read again with the user token', async () => {
      const channel = await metaChannel('instagram');
      const ready = await prepared(channel);
      await fault({
        method: 'GET',
        path: `^/${containerIdOf(ready)}$`,
        query: `access_token=${encodeURIComponent(channel.account.accessToken)}`,
        status: 400,
        body: graphError(100, 33, `Unsupported get request. Object with ID '${containerIdOf(ready)}' does not exist.`),
      });

      const check = await adapter('instagram').check(channel.ctx, ready);

      expect(check).toMatchObject({ status: 'ready' });
      expect(await calls('GET', new RegExp(`^/${containerIdOf(ready)}$`))).toBe(2);
    });

    it('100/33 on a container status read with every token: a read, so retried (not an identity failure)', async () => {
      const channel = await metaChannel('instagram');
      const ready = await prepared(channel);
      await fault({ method: 'GET', path: `^/${containerIdOf(ready)}$`, times: 2, status: 400, body: graphError(100, 33, 'Unsupported get request.') });

      const failure = await failureOf(adapter('instagram').check(channel.ctx, ready));

      expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true });
      expect(failure.network).toMatchObject({ code: 100, subcode: 33 });
    });

    it('100/33 on the permalink read after a successful media_publish: ignored, the post is live', async () => {
      const channel = await metaChannel('instagram');
      const content = photoPost();
      const ready = await prepared(channel, content);
      await fault({ method: 'GET', path: '^/\\d+$', query: 'fields=permalink', times: 2, status: 400, body: graphError(100, 33, 'Unsupported get request.') });

      const outcome = await adapter('instagram').commit(channel.ctx, content, ready);

      const [item] = await sandbox.admin.published({ network: 'instagram', accountId: channel.account.id });
      expect(outcome).toEqual({ status: 'published', ref: { releaseId: item!.id } });
      expect(await mediaPublishCalls(channel)).toBe(1);
    });
  });

  // -------------------------------------------------------------------------------------------

  describe.each(['instagram', 'instagram-standalone'] as const)('Instagram on %s', (provider) => {
    const host = GRAPH_HOSTS[provider];

    describe('container state machine (spec 2.3)', () => {
      it('IN_PROGRESS: check answers pending (WAIT)', async () => {
        const channel = await metaChannel(provider);
        const ready = await prepared(channel, reelPost());

        expect(await adapter(provider).check(channel.ctx, ready)).toMatchObject({ status: 'pending' });
      });

      it('IN_PROGRESS when commit reads the status: not ready, media_publish never called', async () => {
        const channel = await metaChannel(provider);
        const content = reelPost();
        const ready = await prepared(channel, content);

        const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));

        expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true, retryAfterMs: 15_000, says: /still processing/ });
        expect(await mediaPublishCalls(channel)).toBe(0);
      });

      it('9007/2207027 from media_publish while the container is IN_PROGRESS: retry shortly, nothing published', async () => {
        const channel = await metaChannel(provider);
        const content = reelPost();
        const ready = await prepared(channel, content);
        await containerReadsFinished(channel, containerIdOf(ready));

        const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));

        expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true, retryAfterMs: 15_000, says: /still processing the media/ });
        expect(failure.network).toMatchObject({ code: 9007, subcode: 2207027 });
        expect(await mediaPublishCalls(channel)).toBe(1);
        expect(await published('instagram', channel.account.id)).toBe(0);
      });

      it('PUBLISHED: a second commit of the same container publishes nothing and hands over to reconcile, which finds the post', async () => {
        const channel = await metaChannel(provider);
        const content = photoPost('photo.jpg', `Published once ${Date.now()}`);
        const ready = await prepared(channel, content);
        const startedAt = new Date(Date.now() - 1_000);
        const first = await adapter(provider).commit(channel.ctx, content, ready);

        const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));
        const truth = await adapter(provider).reconcile(channel.ctx, content, ready, startedAt);

        expectFailure(failure, { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown', says: /already published/ });
        expect(await mediaPublishCalls(channel)).toBe(1);
        expect(await published('instagram', channel.account.id)).toBe(1);
        const firstId = first.status === 'published' ? first.ref.releaseId : undefined;
        expect(truth).toMatchObject({ status: 'published', ref: { releaseId: firstId } });
      });

      describe('EXPIRED, 24 h later on the sandbox clock', () => {
        let channel: MetaChannel;
        let ready: PreparedPublish;

        beforeEach(async () => {
          channel = await metaChannel(provider);
          ready = await prepared(channel);
          await sandbox.admin.advanceClock(DAY + MINUTE);
        });

        afterEach(async () => {
          await sandbox.admin.advanceClock(-(DAY + MINUTE));
        });

        it('check: prepare the media again', async () => {
          const failure = await failureOf(adapter(provider).check(channel.ctx, ready));

          expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true, says: /expired.*prepare it again/ });
        });

        it('commit: prepare the media again, media_publish never called', async () => {
          const failure = await failureOf(adapter(provider).commit(channel.ctx, photoPost(), ready));

          expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true });
          expect(await mediaPublishCalls(channel)).toBe(0);
        });

        it('-2/2207020 from media_publish: prepare the media again', async () => {
          await containerReadsFinished(channel, containerIdOf(ready));

          const failure = await failureOf(adapter(provider).commit(channel.ctx, photoPost(), ready));

          expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true, says: /expired/ });
          expect(failure.network).toMatchObject({ code: -2, subcode: 2207020 });
          expect(await mediaPublishCalls(channel)).toBe(1);
        });
      });

      describe('ERROR', () => {
        it.each([
          { row: '2207026 video format (JPEG bytes behind a video URL)', file: 'fake.mp4', subcode: 2207026,
            expected: { code: 'MEDIA_REJECTED', retryable: false, says: /MP4 or MOV/ } as Expected },
          { row: '2207052 video URL unreachable', file: 'missing.mp4', subcode: 2207052,
            expected: { code: 'MEDIA_UNREACHABLE', retryable: true, prepareAgain: true, retryAfterMs: 15_000, says: /could not download the media.*public/ } as Expected },
          { row: '2207003 video download timed out', file: 'slow.mp4', subcode: 2207003,
            expected: { code: 'MEDIA_UNREACHABLE', retryable: true, says: /timed out downloading/ } as Expected },
        ])('$row: check fails with the status subcode', async ({ file, subcode, expected }) => {
          const channel = await metaChannel(provider);
          const ready = await prepared(channel, reelPost(file));

          const failure = await checkUntilSettled(channel, ready);

          expectFailure(failure, expected);
          expect(failure.network).toMatchObject({ subcode });
        });

        it('a carousel whose item failed: check fails before the carousel is assembled', async () => {
          const channel = await metaChannel(provider);
          const content = post('Two items', [
            { path: media.url('meta', 'photo.jpg'), kind: 'image' },
            { path: media.url('meta', 'fake.mp4'), kind: 'video' },
          ]);
          const ready = await prepared(channel, content);

          const failure = await checkUntilSettled(channel, ready);

          expectFailure(failure, { code: 'MEDIA_REJECTED', retryable: false, says: /MP4 or MOV/ });
          expect(await containerCreations(channel)).toBe(2);
        });

        it('ERROR when commit reads the status: media_publish never called', async () => {
          const channel = await metaChannel(provider);
          const content = reelPost('fake.mp4');
          const ready = await prepared(channel, content);
          await checkUntilSettled(channel, ready);

          const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));

          expectFailure(failure, { code: 'MEDIA_REJECTED', retryable: false });
          expect(await mediaPublishCalls(channel)).toBe(0);
        });

        it('352/2207026 from media_publish on a failed container', async () => {
          const channel = await metaChannel(provider);
          const content = reelPost('fake.mp4');
          const ready = await prepared(channel, content);
          await checkUntilSettled(channel, ready);
          await containerReadsFinished(channel, containerIdOf(ready));

          const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));

          expectFailure(failure, { code: 'MEDIA_REJECTED', retryable: false, says: /MP4 or MOV/ });
          expect(failure.network).toMatchObject({ code: 352, subcode: 2207026 });
          expect(await mediaPublishCalls(channel)).toBe(1);
        });

        it.each([
          { subcode: 2207053, expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, says: /failed while uploading the video/ } as Expected },
          { subcode: 2207076, expected: { code: 'MEDIA_REJECTED', retryable: false, says: /re-encode/ } as Expected },
          { subcode: 2207077, expected: { code: 'MEDIA_REJECTED', retryable: false, says: /range requests/ } as Expected },
          { subcode: 2207082, expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, says: /failed while uploading the video/ } as Expected },
        ])('status "Error: ... error code $subcode" (not emulated; status text injected)', async ({ subcode, expected }) => {
          const channel = await metaChannel(provider);
          const ready = await prepared(channel, reelPost());
          await fault({
            method: 'GET',
            host,
            path: `^/${containerIdOf(ready)}$`,
            status: 200,
            body: { id: containerIdOf(ready), status_code: 'ERROR', status: `Error: Media upload has failed with error code ${subcode}` },
          });

          const failure = await failureOf(adapter(provider).check(channel.ctx, ready));

          expectFailure(failure, expected);
          expect(failure.network).toMatchObject({ subcode });
        });
      });
    });

    describe('error table (spec 2.4)', () => {
      interface InputRow {
        row: string;
        content: () => PublishablePost;
        code: number;
        subcode?: number;
        expected: Expected;
      }

      // Bad input the sandbox refuses for real when the container is created (prepare).
      const inputRows: InputRow[] = [
        { row: '-2/2207003 image download timed out', content: () => photoPost('slow.jpg'), code: -2, subcode: 2207003,
          expected: { code: 'MEDIA_UNREACHABLE', retryable: true, says: /timed out downloading/ } },
        { row: '9004/2207052 image URL unreachable', content: () => photoPost('missing.jpg'), code: 9004, subcode: 2207052,
          expected: { code: 'MEDIA_UNREACHABLE', retryable: true, prepareAgain: true, retryAfterMs: 15_000, says: /public https, need no login/ } },
        { row: '9004/2207052 image URL is an HTML page', content: () => photoPost('page.html'), code: 9004, subcode: 2207052,
          expected: { code: 'MEDIA_UNREACHABLE', retryable: true, prepareAgain: true, retryAfterMs: 15_000, says: /HTML page/ } },
        { row: '36000/2207004 image over 8 MiB', content: () => photoPost('huge.jpg'), code: 36000, subcode: 2207004,
          expected: { code: 'MEDIA_REJECTED', retryable: false, says: /8 MB/ } },
        { row: '36001/2207005 image not JPEG (PNG)', content: () => photoPost('square.png'), code: 36001, subcode: 2207005,
          expected: { code: 'MEDIA_REJECTED', retryable: false, says: /use a JPEG image/ } },
        { row: '36003/2207009 aspect ratio outside 4:5..1.91:1', content: () => photoPost('tall.jpg'), code: 36003, subcode: 2207009,
          expected: { code: 'MEDIA_REJECTED', retryable: false, says: /between 4:5 and 1.91:1/ } },
        { row: '36004/2207010 caption over 2200 characters', content: () => photoPost('photo.jpg', 'x'.repeat(2201)), code: 36004, subcode: 2207010,
          expected: { code: 'VALIDATION', retryable: false, says: /2,200 characters/ } },
        { row: '36004/2207010 caption with 31 hashtags', content: () => photoPost('photo.jpg', Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ')),
          code: 36004, subcode: 2207010, expected: { code: 'VALIDATION', retryable: false, says: /30 hashtags/ } },
        { row: '100/2207040 more than 20 @mentions', content: () => photoPost('photo.jpg', Array.from({ length: 21 }, (_, i) => `@friend${i}`).join(' ')),
          code: 100, subcode: 2207040, expected: { code: 'VALIDATION', retryable: false, says: /at most 20 @mentions/ } },
        { row: '100 more than 3 collaborators (Meta\'s words shown)', content: () => ({ ...photoPost(), settings: { collaborators: ['a.one', 'b.two', 'c.three', 'd.four'] } }),
          code: 100, expected: { code: 'VALIDATION', retryable: false, says: /Meta said: ".*at most 3 collaborators/ } },
      ];

      it.each(inputRows)('$row', async ({ content, code, subcode, expected }) => {
        const channel = await metaChannel(provider);

        const failure = await failureOf(prepared(channel, content()));

        expectFailure(failure, expected);
        expect(failure.network).toMatchObject({ code, ...(subcode === undefined ? {} : { subcode }) });
        expect(await containerCreations(channel)).toBe(1);
      });

      it('110/2207018 collaborator with a leading @: Herald sends the bare username, Instagram accepts it', async () => {
        const channel = await metaChannel(provider);

        await prepared(channel, { ...photoPost(), settings: { collaborators: [{ label: '@a.friend' }] } });

        const [creation] = (await sandbox.admin.requests({ method: 'POST', host })).filter((r) => r.path.endsWith('/media'));
        expect(creation).toMatchObject({ status: 200 });
        expect(JSON.stringify((creation as unknown as { body: unknown }).body)).toContain('"a.friend"');
      });

      it('100/2207028 carousel over 10 items: refused before sending', async () => {
        const channel = await metaChannel(provider);
        const items: MediaRef[] = Array.from({ length: 11 }, () => ({ path: media.url('meta', 'photo.jpg'), kind: 'image' }));

        const failure = await failureOf(prepared(channel, post('Eleven', items)));

        expectFailure(failure, { code: 'VALIDATION', retryable: false, says: /at most 10 items/ });
        expect(await containerCreations(channel)).toBe(0);
      });

      it('100/2207028 carousel of 11 items reaching Instagram (a stale plan): the carousel is refused', async () => {
        const channel = await metaChannel(provider);
        const ten = await prepared(channel, post('Ten', Array.from({ length: 10 }, () => ({ path: media.url('meta', 'photo.jpg'), kind: 'image' as const }))));
        const two = await prepared(channel, post('Two', Array.from({ length: 2 }, () => ({ path: media.url('meta', 'photo.jpg'), kind: 'image' as const }))));
        const eleven: PreparedPublish = {
          ...ten,
          data: { ...ten.data, childIds: [...(ten.data['childIds'] as string[]), (two.data['childIds'] as string[])[0]!] },
        };

        const failure = await failureOf(adapter(provider).check(channel.ctx, eleven));

        expectFailure(failure, { code: 'VALIDATION', retryable: false, says: /2 to 10 items/ });
        expect(failure.network).toMatchObject({ code: 100, subcode: 2207028 });
      });

      it('9/2207042 quota used up: read before publishing, media_publish never called', async () => {
        const channel = await metaChannel(provider, { quotaTotal: 25, quotaUsage: 25 });
        const content = photoPost();
        const ready = await prepared(channel, content);

        const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));

        expectFailure(failure, { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR, says: /limit of 25 posts .* 24 hours/ });
        expect(await mediaPublishCalls(channel)).toBe(0);
      });

      it('9/2207042 from media_publish (the quota read gave no numbers)', async () => {
        const channel = await metaChannel(provider, { quotaTotal: 25, quotaUsage: 25 });
        const content = photoPost();
        const ready = await prepared(channel, content);
        await fault({ method: 'GET', host, path: '/content_publishing_limit$', status: 200, body: { data: [] } });

        const failure = await failureOf(adapter(provider).commit(channel.ctx, content, ready));

        expectFailure(failure, { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR, says: /24 hours/ });
        expect(failure.network).toMatchObject({ code: 9, subcode: 2207042 });
        expect(await mediaPublishCalls(channel)).toBe(1);
        expect(await published('instagram', channel.account.id)).toBe(0);
      });

      it('10 publishing permission missing (account state)', async () => {
        const channel = await metaChannel(provider, { permissionMissing: true });

        const failure = await failureOf(prepared(channel));

        expectFailure(failure, { code: 'PERMISSION_MISSING', retryable: false, says: /reconnect the channel and accept every requested permission/ });
        expect(failure.network).toMatchObject({ code: 10 });
        expect(await containerCreations(channel)).toBe(1);
      });

      it('190/463 token expired (account state)', async () => {
        const channel = await metaChannel(provider, { tokenExpired: true });

        const failure = await failureOf(prepared(channel));

        expectFailure(failure, { code: 'RECONNECT_NEEDED', retryable: false, says: /expired: reconnect the channel/ });
        expect(failure.network).toMatchObject({ code: 190, subcode: 463 });
      });

      it('190 a token the host cannot parse (the other login\'s token)', async () => {
        const channel = await metaChannel(provider);
        const foreign = provider === 'instagram' ? channel.account.instagramLoginToken! : channel.account.accessToken;

        const failure = await failureOf(prepared(withToken(channel, foreign)));

        expectFailure(failure, { code: 'RECONNECT_NEEDED', retryable: false, says: /reconnect the channel/ });
        expect(failure.network).toMatchObject({ code: 190 });
      });

      interface InjectedRow {
        row: string;
        at: 'create' | 'publish';
        code: number;
        subcode: number;
        message: string;
        expected: Expected;
      }

      // Not emulated by the sandbox: Instagram's envelope answered by a fault.
      const injectedRows: InjectedRow[] = [
        { row: '-1/2207001 Instagram server error', at: 'create', code: -1, subcode: 2207001, message: 'An unexpected error has occurred. Please retry your request later.',
          expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, says: /server error; Herald will try again/ } },
        { row: '-1/2207032 container creation failed', at: 'create', code: -1, subcode: 2207032, message: 'Create media fail, please try again.',
          expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, says: /could not create the media container/ } },
        { row: '1/2207057 thumb_offset past the end of the video', at: 'create', code: 1, subcode: 2207057, message: 'Invalid thumbnail offset.',
          expected: { code: 'VALIDATION', retryable: false, says: /cover frame time/ } },
        { row: '100/2207023 unknown media_type', at: 'create', code: 100, subcode: 2207023, message: 'The media type entered is not supported.',
          expected: { code: 'VALIDATION', retryable: false, says: /does not accept this kind of media/ } },
        { row: '100/2207035 product tag positions', at: 'create', code: 100, subcode: 2207035, message: 'Product tag positions should not be specified for video media.',
          expected: { code: 'VALIDATION', retryable: false, says: /product tags.*Meta said/ } },
        { row: '100/2207036 product tags', at: 'create', code: 100, subcode: 2207036, message: 'Product tag positions are required for photo media.',
          expected: { code: 'VALIDATION', retryable: false, says: /product tags/ } },
        { row: '100/2207037 invalid products', at: 'create', code: 100, subcode: 2207037, message: 'We couldn\'t add all of your product tags.',
          expected: { code: 'VALIDATION', retryable: false, says: /product tags/ } },
        { row: '110/2207018 invalid collaborator', at: 'create', code: 110, subcode: 2207018, message: 'Invalid user id',
          expected: { code: 'VALIDATION', retryable: false, says: /without "@"/ } },
        { row: '10/2207081 account cannot use Trial Reels', at: 'create', code: 10, subcode: 2207081, message: 'This account is not eligible for trial reels.',
          expected: { code: 'VALIDATION', retryable: false, says: /Trial Reels/ } },
        { row: '4/2207051 publish suspected as spam', at: 'publish', code: 4, subcode: 2207051, message: 'We restrict certain activity to protect our community.',
          expected: { code: 'CONTENT_REJECTED', retryable: false, says: /suspected spam/ } },
        { row: '24/2207006 media not found', at: 'publish', code: 24, subcode: 2207006, message: 'The media with id 1 cannot be found',
          expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true, says: /prepare it again/ } },
        { row: '24/2207008 media builder expired', at: 'publish', code: 24, subcode: 2207008, message: 'The media builder with creation id 1 does not exist or has expired.',
          expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, retryAfterMs: 30_000, says: /briefly lost track/ } },
        { row: '25/2207050 account inactive, checkpointed or restricted', at: 'publish', code: 25, subcode: 2207050, message: 'The Instagram account is restricted.',
          expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /open the Instagram app/ } },
        { row: '80002 Instagram BUC throttle, X-Business-Use-Case-Usage says 2 h', at: 'publish', code: 80002, subcode: 0, message: 'There have been too many calls to this Instagram account.',
          expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 2 * HOUR, says: /Instagram limited requests/ } },
      ];

      it.each(injectedRows)('$row', async ({ at, code, subcode, message, expected }) => {
        const channel = await metaChannel(provider);
        const content = photoPost();
        const body = graphError(code, subcode === 0 ? undefined : subcode, message);
        const headers = code === 80002 ? businessUseCase(channel.account.id, 'instagram', 120) : undefined;
        const edge = at === 'create' ? 'media' : 'media_publish';
        const ready = at === 'publish' ? await prepared(channel, content) : undefined;
        await fault({ method: 'POST', host, path: `^/\\d+/${edge}$`, status: 400, body, ...(headers ? { headers } : {}) });

        const failure = await failureOf(ready ? adapter(provider).commit(channel.ctx, content, ready) : prepared(channel, content));

        expectFailure(failure, expected);
        expect(failure.network).toMatchObject({ code });
        expect(await (at === 'create' ? containerCreations(channel) : mediaPublishCalls(channel))).toBe(1);
      });
    });
  });

  // -------------------------------------------------------------------------------------------

  describe('Facebook Page (spec 3.2)', () => {
    type Step = 'publish' | 'upload photo' | 'publish video';
    const WRITE_EDGE: Record<Step, string> = { publish: 'feed', 'upload photo': 'photos', 'publish video': 'videos' };

    function contentFor(step: Step, extra: Partial<PublishablePost> = {}): PublishablePost {
      const base =
        step === 'upload photo'
          ? photoPost()
          : step === 'publish video'
            ? post('A video', [{ path: media.url('meta', 'clip.mp4'), kind: 'video' }])
            : post('A status update');
      return { ...base, ...extra };
    }

    /** Runs the step that makes the write: prepare for photos (unpublished uploads), commit otherwise. */
    async function runStep(channel: MetaChannel, step: Step, content: PublishablePost): Promise<PublishFailure> {
      const facebook = adapter('facebook');
      if (step === 'upload photo') return failureOf(facebook.prepare(channel.ctx, content));
      const ready = await facebook.prepare(channel.ctx, content);
      return failureOf(facebook.commit(channel.ctx, content, ready));
    }

    const writes = (channel: MetaChannel, step: Step) => calls('POST', new RegExp(`^/${channel.account.id}/${WRITE_EDGE[step]}$`), 'graph.facebook.com');

    interface StateRow {
      row: string;
      state?: Record<string, unknown>;
      token?: 'user' | 'unknown';
      step: Step;
      content?: Partial<PublishablePost>;
      /** For 'upload photo': the file instead of photo.jpg. */
      photo?: string;
      code: number;
      subcode?: number;
      expected: Expected;
    }

    // Account states and bad input the sandbox refuses for real.
    const stateRows: StateRow[] = [
      { row: '190/463 token expired', state: { tokenExpired: true }, step: 'publish', code: 190, subcode: 463,
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /expired: reconnect the channel/ } },
      { row: '190 "Error validating access token" (unknown token)', token: 'unknown', step: 'publish', code: 190,
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /reconnect the channel/ } },
      { row: '200 pages_manage_posts missing', state: { permissionMissing: true }, step: 'publish', code: 200,
        expected: { code: 'PERMISSION_MISSING', retryable: false, says: /reconnect the channel and accept every requested permission/ } },
      { row: '200 a user token cannot publish as the Page', token: 'user', step: 'publish', code: 200,
        expected: { code: 'PERMISSION_MISSING', retryable: false, says: /accept every requested permission/ } },
      { row: '368/4854002 identity confirmation, on /feed', state: { identityCheckpoint: true }, step: 'publish', code: 368, subcode: 4854002,
        expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /confirm their identity.*complete the identity verification in the Facebook app/ } },
      { row: '368/4854002 identity confirmation, on /photos', state: { identityCheckpoint: true }, step: 'upload photo', code: 368, subcode: 4854002,
        expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /identity verification in the Facebook app/ } },
      { row: '368/4854002 identity confirmation, on /videos', state: { identityCheckpoint: true }, step: 'publish video', code: 368, subcode: 4854002,
        expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /identity verification in the Facebook app/ } },
      { row: '100 link not a URL (Meta\'s words shown)', step: 'publish', content: { settings: { url: 'menu at our site' } }, code: 100,
        expected: { code: 'VALIDATION', retryable: false, says: /Meta said: ".*link URL is not properly formatted/ } },
      { row: '100/1366046 photo too large (over 10 MB)', step: 'upload photo', photo: 'huge.jpg', code: 100, subcode: 1366046,
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /JPG or PNG/ } },
      { row: '324 photo URL is not an image', step: 'upload photo', photo: 'page.html', code: 324,
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /valid image/ } },
      { row: '324 photo URL unreachable', step: 'upload photo', photo: 'missing.jpg', code: 324,
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /valid image/ } },
    ];

    it.each(stateRows)('$row', async ({ state, token, step, content, photo, code, subcode, expected }) => {
      let channel = await metaChannel('facebook', state);
      if (token === 'user') channel = withToken(channel, channel.account.userAccessToken!);
      if (token === 'unknown') channel = withToken(channel, 'EAAGnotatokenHeraldE2e');

      const failure = await runStep(channel, step, photo ? photoPost(photo) : contentFor(step, content));

      expectFailure(failure, expected);
      expect(failure.network).toMatchObject({ code, ...(subcode === undefined ? {} : { subcode }) });
      expect(await writes(channel, step)).toBe(1);
      expect(await published('facebook', channel.account.id)).toBe(0);
    });

    interface InjectedRow {
      row: string;
      step?: Step;
      code: number;
      subcode?: number;
      message: string;
      buc?: number;
      expected: Expected;
    }

    // Not emulated by the sandbox: Facebook's envelope answered by a fault on the write.
    const injectedRows: InjectedRow[] = [
      { row: '190/460 password changed', code: 190, subcode: 460, message: 'Error validating access token: The session has been invalidated because the user changed their password.',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /password.*reconnect/ } },
      { row: '190/467 token invalidated', code: 190, subcode: 467, message: 'Error validating access token: The session is invalid because the user logged out.',
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /invalidated the login.*reconnect the channel/ } },
      { row: '200/1404078 Page Publishing Authorization missing', code: 200, subcode: 1404078, message: '(#200) The user must complete Page Publishing Authorization.',
        expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /Page Publishing Authorization.*confirm their identity in the Facebook app/ } },
      { row: '368/1404006 security check required', code: 368, subcode: 1404006, message: 'The action attempted has been deemed abusive or is otherwise disallowed',
        expected: { code: 'IDENTITY_CHECKPOINT', retryable: false, says: /security check/ } },
      { row: '368/1390008 posting too fast', code: 368, subcode: 1390008, message: 'You are posting too fast.',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR, says: /too fast/ } },
      { row: '368/1346003 flagged abusive', code: 368, subcode: 1346003, message: 'The action attempted has been deemed abusive or is otherwise disallowed',
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /flagged this content as abusive/ } },
      { row: '368/1404102 violates Community Standards', code: 368, subcode: 1404102, message: 'The action attempted has been deemed abusive or is otherwise disallowed',
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /Community Standards/ } },
      { row: '368/1404112 account limited for a few days', code: 368, subcode: 1404112, message: 'The action attempted has been deemed abusive or is otherwise disallowed',
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /few days/ } },
      { row: '100/1366051 same photos already posted', code: 100, subcode: 1366051, message: '(#100) These photos were already posted.',
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /already posted/ } },
      { row: '100/1609008 cannot post facebook.com links', code: 100, subcode: 1609008, message: '(#100) Cannot post a link to facebook.com',
        expected: { code: 'VALIDATION', retryable: false, says: /links to facebook.com/ } },
      { row: '100/2061006 invalid URL in the post', code: 100, subcode: 2061006, message: '(#100) Invalid URL',
        expected: { code: 'VALIDATION', retryable: false, says: /URL Facebook considers invalid/ } },
      { row: '100/1349125 invalid content format (Meta\'s words shown)', code: 100, subcode: 1349125, message: '(#100) Invalid parameter: content format',
        expected: { code: 'VALIDATION', retryable: false, says: /Meta said: "\(#100\) Invalid parameter: content format"/ } },
      { row: '100/2069019 invalid file', step: 'upload photo', code: 100, subcode: 2069019, message: '(#100) Invalid file',
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /did not accept the media file/ } },
      { row: '2/1363047 service temporarily unavailable (HTTP 400)', code: 2, subcode: 1363047, message: 'Service temporarily unavailable',
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, says: /Facebook is temporarily unavailable/ } },
      { row: '2/1609010 service temporarily unavailable (HTTP 400)', code: 2, subcode: 1609010, message: 'Service temporarily unavailable',
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, says: /Facebook is temporarily unavailable/ } },
      { row: '100 "No permission to publish the video" (Meta\'s words shown)', step: 'publish video', code: 100, message: '(#100) No permission to publish the video',
        expected: { code: 'VALIDATION', retryable: false, says: /No permission to publish the video/ } },
      { row: '506 duplicate status', code: 506, message: '(#506) Duplicate status message',
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /duplicate of a recent post/ } },
      { row: '32 Page throttled', code: 32, message: '(#32) Page request limit reached',
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR } },
      { row: '80001 Page throttled, X-Business-Use-Case-Usage says 3 h', code: 80001, message: 'There have been too many calls to this Page account.', buc: 180,
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 3 * HOUR } },
    ];

    it.each(injectedRows)('$row', async ({ step = 'publish', code, subcode, message, buc, expected }) => {
      const channel = await metaChannel('facebook');
      await fault({
        method: 'POST',
        host: 'graph.facebook.com',
        path: `^/\\d+/${WRITE_EDGE[step]}$`,
        status: 400,
        body: graphError(code, subcode, message),
        ...(buc ? { headers: businessUseCase(channel.account.id, 'pages', buc) } : {}),
      });

      const failure = await runStep(channel, step, contentFor(step));

      expectFailure(failure, expected);
      expect(failure.network).toMatchObject({ code, ...(subcode === undefined ? {} : { subcode }) });
      expect(await writes(channel, step)).toBe(1);
    });

    it('1 unknown error, HTTP 500, while looking for the post (reconcile): a read, retried', async () => {
      const channel = await metaChannel('facebook');
      const content = post('Looking for it');
      const ready = await adapter('facebook').prepare(channel.ctx, content);
      await fault({ method: 'GET', path: '^/\\d+/feed$', status: 500, body: graphError(1, 99, 'An unknown error occurred', true) });

      const failure = await failureOf(adapter('facebook').reconcile(channel.ctx, content, ready, new Date()));

      expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true });
    });
  });

  // -------------------------------------------------------------------------------------------
  // TikTok accounts and steps.

  interface TikTokChannel {
    account: SandboxAccount;
    ctx: PublishContext;
  }

  async function tiktokChannel(state: Record<string, unknown> = {}): Promise<TikTokChannel> {
    let account = await sandbox.admin.createAccount({ network: 'tiktok' });
    if (Object.keys(state).length > 0) account = { ...account, ...(await sandbox.admin.updateAccount(account.id, state)) };
    return {
      account,
      ctx: { account: { provider: 'tiktok', internalId: account.id }, credentials: { accessToken: account.accessToken, refreshToken: account.refreshToken! } },
    };
  }

  const PUBLIC = { privacy_level: 'PUBLIC_TO_EVERYONE' };
  const pulledVideo = (name = 'clip.mp4', settings: Record<string, unknown> = PUBLIC, directory: 'verified' | 'herald-only' = 'verified') =>
    post('A clip #herald', [{ path: media.url(directory, name), kind: 'video' }], settings);
  const uploadedVideo = (name = 'clip.mp4', settings: Record<string, unknown> = PUBLIC) =>
    post('An uploaded clip', [{ path: media.url('upload', name), kind: 'video' }], settings);
  const photoPostTikTok = (name = 'photo.jpg', settings: Record<string, unknown> = PUBLIC, directory: 'verified' | 'upload' = 'verified') =>
    post('Photos', [{ path: media.url(directory, name), kind: 'image' }], settings);

  const INIT_PATH = /^\/v2\/post\/publish\/(inbox\/video|video|content)\/init\/?$/;
  const inits = () => calls('POST', INIT_PATH, TIKTOK_API);
  const chunkPuts = () => calls('PUT', /^\/video\/?$/, TIKTOK_UPLOAD);

  async function commitTikTok(channel: TikTokChannel, content: PublishablePost): Promise<PreparedPublish> {
    const tiktok = adapter('tiktok');
    const outcome = await tiktok.commit(channel.ctx, content, await tiktok.prepare(channel.ctx, content));
    if (outcome.status !== 'accepted') throw new Error(`TikTok did not accept the post: ${JSON.stringify(outcome)}`);
    return outcome.pending;
  }

  /** Polls `confirm` until TikTok gives its verdict; the failure it throws. */
  async function confirmUntilSettled(channel: TikTokChannel, pending: PreparedPublish): Promise<PublishFailure> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const settled = await adapter('tiktok').confirm(channel.ctx, pending).then(
        (check) => ({ check }),
        (error: unknown) => ({ error }),
      );
      if ('error' in settled) {
        if (settled.error instanceof ProviderError) return settled.error.failure;
        throw settled.error;
      }
      if (settled.check.status === 'published') throw new Error('TikTok published the post');
      await sleep(100);
    }
    throw new Error('TikTok kept processing the post');
  }

  describe('TikTok error codes (spec 4.8)', () => {
    interface StateRow {
      row: string;
      state?: Record<string, unknown>;
      content: () => PublishablePost;
      /** Set once prepare has passed: the account changed between prepare and commit. */
      thenState?: Record<string, unknown>;
      step: 'prepare' | 'commit';
      network: string;
      status: number;
      expected: Expected;
    }

    const stateRows: StateRow[] = [
      { row: '401 access_token_invalid (token expired), on creator_info', state: { tokenExpired: true }, content: () => pulledVideo(), step: 'prepare',
        network: 'access_token_invalid', status: 401,
        expected: { code: 'RECONNECT_NEEDED', retryable: false, tokenRejected: true, says: /reconnect TikTok/ } },
      { row: '401 access_token_invalid (token expired), on init', content: () => pulledVideo(), thenState: { tokenExpired: true }, step: 'commit',
        network: 'access_token_invalid', status: 401,
        expected: { code: 'RECONNECT_NEEDED', retryable: false, tokenRejected: true, says: /reconnect TikTok/ } },
      { row: '403 privacy_level_option_mismatch (account made private after prepare)', content: () => pulledVideo(), thenState: { privateAccount: true }, step: 'commit',
        network: 'privacy_level_option_mismatch', status: 403,
        expected: { code: 'PRIVACY_NOT_ALLOWED', retryable: false, says: /choose one of the options TikTok offers/ } },
      { row: '403 unaudited_client_can_only_post_to_private_accounts (public account, PUBLIC_TO_EVERYONE)', state: { unauditedApp: true }, content: () => pulledVideo(),
        step: 'commit', network: 'unaudited_client_can_only_post_to_private_accounts', status: 403,
        expected: { code: 'PRIVACY_NOT_ALLOWED', retryable: false, says: /"Only me" \(SELF_ONLY\) on a private account: set the TikTok account to private/ } },
      { row: '403 url_ownership_unverified (a host Herald lists but TikTok does not)', content: () => pulledVideo('clip.mp4', PUBLIC, 'herald-only'), step: 'commit',
        network: 'url_ownership_unverified', status: 403, expected: { code: 'VALIDATION', retryable: false } },
      { row: '200 spam_risk_too_many_posts (daily cap), on creator_info', state: { dailyCapReached: true }, content: () => pulledVideo(), step: 'prepare',
        network: 'spam_risk_too_many_posts', status: 200,
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: DAY, says: /daily limit.*24 hours/ } },
      { row: '403 spam_risk_too_many_posts (daily cap), on the direct init', content: () => pulledVideo(), thenState: { dailyCapReached: true }, step: 'commit',
        network: 'spam_risk_too_many_posts', status: 403, expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: DAY } },
      { row: '403 spam_risk_too_many_pending_share (inbox drafts), on the inbox init', state: { tooManyPendingShares: true },
        content: () => pulledVideo('clip.mp4', { content_posting_method: 'UPLOAD' }), step: 'commit', network: 'spam_risk_too_many_pending_share', status: 403,
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: HOUR, says: /finish or delete the drafts/ } },
      { row: '200 spam_risk_user_banned_from_posting, on creator_info', state: { bannedFromPosting: true }, content: () => pulledVideo(), step: 'prepare',
        network: 'spam_risk_user_banned_from_posting', status: 200, expected: { code: 'CONTENT_REJECTED', retryable: false, says: /blocked this account from posting/ } },
      { row: '403 spam_risk_user_banned_from_posting, on the inbox init', state: { bannedFromPosting: true },
        content: () => pulledVideo('clip.mp4', { content_posting_method: 'UPLOAD' }), step: 'commit', network: 'spam_risk_user_banned_from_posting', status: 403,
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /blocked this account from posting/ } },
      { row: '200 reached_active_user_cap, on creator_info', state: { activeUserCapReached: true }, content: () => pulledVideo(), step: 'prepare',
        network: 'reached_active_user_cap', status: 200, expected: { code: 'RATE_LIMITED', retryable: true, says: /try again tomorrow/ } },
      { row: '403 reached_active_user_cap, on the photo init', content: () => photoPostTikTok(), thenState: { activeUserCapReached: true }, step: 'commit',
        network: 'reached_active_user_cap', status: 403, expected: { code: 'RATE_LIMITED', retryable: true, says: /try again tomorrow/ } },
    ];

    it.each(stateRows)('$row', async ({ state, content, thenState, step, network, status, expected }) => {
      const channel = await tiktokChannel(state);
      const tiktok = adapter('tiktok');
      const thePost = content();

      let failure: PublishFailure;
      if (step === 'prepare') {
        failure = await failureOf(tiktok.prepare(channel.ctx, thePost));
      } else {
        const ready = await tiktok.prepare(channel.ctx, thePost);
        if (thenState) await sandbox.admin.updateAccount(channel.account.id, thenState);
        failure = await failureOf(tiktok.commit(channel.ctx, thePost, ready));
      }

      expectFailure(failure, expected);
      expect(failure.network).toMatchObject({ status, code: network });
      expect(await inits()).toBe(step === 'commit' ? 1 : 0);
      expect(await published('tiktok', channel.account.id)).toBe(0);
      if (network === 'reached_active_user_cap') {
        // Until the next UTC day, never less than an hour.
        expect(failure.retryAfterMs).toBeGreaterThanOrEqual(HOUR);
        expect(failure.retryAfterMs).toBeLessThanOrEqual(DAY);
      }
      if (network === 'url_ownership_unverified') expect(failure.message).toContain(`verify the media host ${media.origin} `);
    });

    it('403 unaudited_client...: the remedy the message names (private account, SELF_ONLY) is accepted', async () => {
      const channel = await tiktokChannel({ unauditedApp: true, privateAccount: true });

      const pending = await commitTikTok(channel, pulledVideo('clip.mp4', { privacy_level: 'SELF_ONLY' }));

      expect(pending.data['publishId']).toEqual(expect.stringMatching(/^v_pub_url~/));
    });

    it('401 scope_not_authorized (a login that did not grant video.publish)', async () => {
      const channel = await tiktokChannel();
      const redirectUri = 'http://127.0.0.1:9/tiktok/callback';
      const consent = await fetch(
        `${sandbox.url}/www.tiktok.com/v2/auth/authorize/?${new URLSearchParams({
          client_key: TIKTOK_APP.clientKey,
          redirect_uri: redirectUri,
          scope: 'user.info.basic',
          state: 'e2e',
          response_type: 'code',
          sandbox_account: channel.account.id,
        })}`,
        { redirect: 'manual' },
      );
      const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
      const token = (await (
        await fetch(`${sandbox.url}/open.tiktokapis.com/v2/oauth/token/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_key: TIKTOK_APP.clientKey, client_secret: TIKTOK_APP.clientSecret, code, grant_type: 'authorization_code', redirect_uri: redirectUri }),
        })
      ).json()) as { access_token: string };
      const ctx: PublishContext = { ...channel.ctx, credentials: { accessToken: token.access_token } };

      const failure = await failureOf(adapter('tiktok').prepare(ctx, pulledVideo()));

      expectFailure(failure, { code: 'PERMISSION_MISSING', retryable: false, says: /reconnect TikTok and allow all requested permissions/ });
      expect(failure.network).toMatchObject({ status: 401, code: 'scope_not_authorized' });
    });

    it('429 rate_limit_exceeded: the 21st creator_info of a minute', async () => {
      const channel = await tiktokChannel();
      for (let call = 0; call < 20; call++) await adapter('tiktok').prepare(channel.ctx, pulledVideo());

      const failure = await failureOf(adapter('tiktok').prepare(channel.ctx, pulledVideo()));

      expectFailure(failure, { code: 'RATE_LIMITED', retryable: true, retryAfterMs: MINUTE });
      expect(failure.network).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    });

    it('400 invalid_publish_id on the status fetch: the confirm cannot decide, reconcile must', async () => {
      const channel = await tiktokChannel();
      const pending = await commitTikTok(channel, pulledVideo());
      const unknown = { ...pending, data: { ...pending.data, publishId: 'v_pub_url~v2-1.0000000000000000001' } };

      const failure = await failureOf(adapter('tiktok').confirm(channel.ctx, unknown));

      expectFailure(failure, { code: 'INTERNAL', retryable: false, outcome: 'unknown', says: /does not know the post/ });
      expect(failure.network).toMatchObject({ status: 400, code: 'invalid_publish_id' });
    });

    it('400 token_not_authorized_for_specified_publish_id: another creator\'s publish_id', async () => {
      const owner = await tiktokChannel();
      const other = await tiktokChannel();
      const pending = await commitTikTok(owner, pulledVideo());

      const failure = await failureOf(adapter('tiktok').confirm(other.ctx, pending));

      expectFailure(failure, { code: 'INTERNAL', retryable: false, outcome: 'unknown', says: /belongs to another account/ });
      expect(failure.network).toMatchObject({ status: 400, code: 'token_not_authorized_for_specified_publish_id' });
    });

    interface RefusedRow {
      row: string;
      state?: Record<string, unknown>;
      content: () => PublishablePost;
      expected: Expected;
    }

    // What Herald checks itself, from the post and creator_info: nothing reaches an init endpoint.
    const refusedRows: RefusedRow[] = [
      { row: 'privacy_level_option_mismatch caught from creator_info (private account, PUBLIC_TO_EVERYONE)', state: { privateAccount: true }, content: () => pulledVideo(),
        expected: { code: 'PRIVACY_NOT_ALLOWED', retryable: false, says: /PUBLIC_TO_EVERYONE is not available.*Followers \(FOLLOWER_OF_CREATOR\)/ } },
      { row: 'video longer than max_video_post_duration_sec (duration known)', state: { maxVideoDurationSec: 2 },
        content: () => post('Too long', [{ path: media.url('verified', 'clip.mp4'), kind: 'video', durationMs: 4_000 }], PUBLIC),
        expected: { code: 'VALIDATION', retryable: false, says: /at most 2 seconds/ } },
      { row: 'invalid_param caught: video title over 2200 UTF-16 units', content: () => ({ ...pulledVideo(), content: 'x'.repeat(2201) }),
        expected: { code: 'VALIDATION', retryable: false, says: /2201 characters long; TikTok allows 2200/ } },
      { row: 'invalid_param caught: branded content with SELF_ONLY', content: () => pulledVideo('clip.mp4', { privacy_level: 'SELF_ONLY', brand_content_toggle: true }),
        expected: { code: 'VALIDATION', retryable: false, says: /branded content/ } },
      { row: 'url_ownership_unverified caught: a photo outside every verified prefix', content: () => photoPostTikTok('photo.jpg', PUBLIC, 'upload'),
        expected: { code: 'VALIDATION', retryable: false, says: /verify http:\/\/127\.0\.0\.1:\d+ \(domain or URL prefix\)/ } },
      { row: 'file_format_check_failed caught: a PNG photo', content: () => photoPostTikTok('square.png'),
        expected: { code: 'VALIDATION', retryable: false, says: /JPEG or WEBP/ } },
    ];

    it.each(refusedRows)('refused before sending: $row', async ({ state, content, expected }) => {
      const channel = await tiktokChannel(state);

      const failure = await failureOf(adapter('tiktok').prepare(channel.ctx, content()));

      expectFailure(failure, expected);
      expect(await inits()).toBe(0);
    });

    interface InjectedRow {
      row: string;
      content: () => PublishablePost;
      at: 'creator_info' | 'init';
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      dropResponse?: boolean;
      expected: Expected;
    }

    // Not produced by the sandbox's own rules: TikTok's envelope answered by a fault.
    const injectedRows: InjectedRow[] = [
      { row: '400 invalid_param on the init (TikTok\'s words shown)', content: () => pulledVideo(), at: 'init', status: 400,
        body: tiktokError('invalid_param', 'post_info.video_cover_timestamp_ms is invalid.'),
        expected: { code: 'VALIDATION', retryable: false, says: /TikTok said: "post_info.video_cover_timestamp_ms is invalid."/ } },
      { row: '400 invalid_file_upload on the FILE_UPLOAD init', content: () => uploadedVideo(), at: 'init', status: 400,
        body: tiktokError('invalid_file_upload', 'The file does not meet the video specifications.'),
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /video specifications/ } },
      { row: '400 app_version_check_failed on a MEDIA_UPLOAD photo init', content: () => photoPostTikTok('photo.jpg', { content_posting_method: 'UPLOAD' }), at: 'init',
        status: 400, body: tiktokError('app_version_check_failed', 'The TikTok app version is too old.'),
        expected: { code: 'VALIDATION', retryable: false, says: /update the TikTok app/ } },
      { row: '401 scope_permission_missed on creator_info', content: () => pulledVideo(), at: 'creator_info', status: 401,
        body: tiktokError('scope_permission_missed', 'The scope video.publish is missing.'),
        expected: { code: 'PERMISSION_MISSING', retryable: false, says: /allow all requested permissions/ } },
      { row: '429 rate_limit_exceeded with Retry-After: 120', content: () => pulledVideo(), at: 'init', status: 429,
        body: tiktokError('rate_limit_exceeded', 'The API rate limit was exceeded.'), headers: { 'Retry-After': '120' },
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: 120_000 } },
      { row: '5xx internal_error on creator_info (a read)', content: () => pulledVideo(), at: 'creator_info', status: 500,
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true } },
      { row: '5xx internal_error on a FILE_UPLOAD init (nothing published before the bytes)', content: () => uploadedVideo(), at: 'init', status: 503,
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'not-applied', says: /nothing was published/ } },
      { row: '5xx internal_error on a PULL_FROM_URL init (TikTok may be downloading)', content: () => pulledVideo(), at: 'init', status: 500,
        expected: { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' } },
      { row: 'answer to a PULL_FROM_URL init lost after TikTok took it', content: () => pulledVideo(), at: 'init', status: 0, dropResponse: true,
        expected: { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' } },
    ];

    it.each(injectedRows)('$row', async ({ content, at, status, body, headers, dropResponse, expected }) => {
      const channel = await tiktokChannel();
      const tiktok = adapter('tiktok');
      const thePost = content();
      const ready = at === 'init' ? await tiktok.prepare(channel.ctx, thePost) : undefined;
      await fault({
        method: 'POST',
        host: TIKTOK_API,
        path: at === 'init' ? INIT_PATH.source : '^/v2/post/publish/creator_info/query/?$',
        ...(status ? { status } : {}),
        ...(body ? { body } : {}),
        ...(headers ? { headers } : {}),
        ...(dropResponse ? { dropResponse } : {}),
      });

      const failure = await failureOf(ready ? tiktok.commit(channel.ctx, thePost, ready) : tiktok.prepare(channel.ctx, thePost));

      expectFailure(failure, expected);
      if (status) expect(failure.network).toMatchObject({ status });
      expect(await inits()).toBe(at === 'init' ? 1 : 0);
    });

    it('400 invalid_params (display API) while looking for the post (reconcile)', async () => {
      const channel = await tiktokChannel();
      const thePost = pulledVideo();
      const ready = await adapter('tiktok').prepare(channel.ctx, thePost);
      await fault({ method: 'POST', host: TIKTOK_API, path: '^/v2/video/list/?$', status: 400, body: tiktokError('invalid_params', 'fields is invalid.') });

      const failure = await failureOf(adapter('tiktok').reconcile(channel.ctx, thePost, ready, new Date()));

      expectFailure(failure, { code: 'VALIDATION', retryable: false, says: /TikTok said: "fields is invalid."/ });
      expect(failure.network).toMatchObject({ status: 400, code: 'invalid_params' });
    });
  });

  // -------------------------------------------------------------------------------------------

  describe('TikTok FILE_UPLOAD chunks (spec 4.5)', () => {
    const PUT_FAULT = { method: 'PUT', host: TIKTOK_UPLOAD, path: '^/video/?$' } as const;
    const clipSize = () => readFileSync(path.join(__dirname, 'fixtures/clip.mp4')).length;

    it.each([
      { row: '400 bad headers or length mismatch: a bug, nothing published', status: 400, body: tiktokError('invalid_param', 'Content-Range does not match.'),
        expected: { code: 'INTERNAL', retryable: false } as Expected },
      { row: '403 upload URL expired: start a new upload', status: 403, body: tiktokError('upload_url_expired', 'The upload URL has expired.'),
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true, says: /Nothing was published/ } as Expected },
      { row: '404 unknown upload: start a new upload', status: 404, body: tiktokError('upload_not_found', 'The upload does not exist.'),
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true } as Expected },
    ])('$row', async ({ status, body, expected }) => {
      const channel = await tiktokChannel();
      const thePost = uploadedVideo();
      const ready = await adapter('tiktok').prepare(channel.ctx, thePost);
      await fault({ ...PUT_FAULT, status, body });

      const failure = await failureOf(adapter('tiktok').commit(channel.ctx, thePost, ready));

      expectFailure(failure, expected);
      expect(failure.network).toMatchObject({ status });
      expect(failure.commitProgress).toMatchObject({ publishId: expect.stringMatching(/^v_pub_file~/) });
      expect(await chunkPuts()).toBe(1);
      expect(await published('tiktok', channel.account.id)).toBe(0);
    });

    it('416 range not satisfiable: resume from the range TikTok holds', async () => {
      const channel = await tiktokChannel();
      const thePost = uploadedVideo();
      const ready = await adapter('tiktok').prepare(channel.ctx, thePost);
      await fault({ ...PUT_FAULT, status: 416, body: tiktokError('range_not_satisfiable', 'Range mismatch.'), headers: { 'Content-Range': `bytes */${clipSize()}` } });

      const outcome = await adapter('tiktok').commit(channel.ctx, thePost, ready);

      expect(outcome.status).toBe('accepted');
      expect(await chunkPuts()).toBe(2);
    });

    it('5xx once on a chunk: the same chunk again, accepted', async () => {
      const channel = await tiktokChannel();
      const thePost = uploadedVideo();
      const ready = await adapter('tiktok').prepare(channel.ctx, thePost);
      await fault({ ...PUT_FAULT, status: 502 });

      const outcome = await adapter('tiktok').commit(channel.ctx, thePost, ready);

      expect(outcome.status).toBe('accepted');
      expect(await chunkPuts()).toBe(2);
    });

    it('5xx on the last chunk every time: it may have completed the upload, outcome unknown', async () => {
      const channel = await tiktokChannel();
      const thePost = uploadedVideo();
      const ready = await adapter('tiktok').prepare(channel.ctx, thePost);
      await fault({ ...PUT_FAULT, status: 500, times: 3 });

      const failure = await failureOf(adapter('tiktok').commit(channel.ctx, thePost, ready));

      expectFailure(failure, { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
      expect(failure.commitProgress).toMatchObject({ publishId: expect.stringMatching(/^v_pub_file~/), videoSize: clipSize() });
      expect(await chunkPuts()).toBe(3);
    });

    it('5xx on a middle chunk every time: nothing published, try again', async () => {
      const channel = await tiktokChannel();
      const thePost = uploadedVideo('long.mp4');
      const ready = await adapter('tiktok').prepare(channel.ctx, thePost);
      await fault({ ...PUT_FAULT, status: 500, times: 3 });

      const failure = await failureOf(adapter('tiktok').commit(channel.ctx, thePost, ready));

      expectFailure(failure, { code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'not-applied', says: /nothing was published/ });
      expect(await chunkPuts()).toBe(3);
      expect(await published('tiktok', channel.account.id)).toBe(0);
    });

    it('connection lost after the last chunk arrived: outcome unknown, and reconcile finds the accepted post', async () => {
      const channel = await tiktokChannel();
      const thePost = uploadedVideo();
      const ready = await adapter('tiktok').prepare(channel.ctx, thePost);
      await fault({ ...PUT_FAULT, dropResponse: true });

      const failure = await failureOf(adapter('tiktok').commit(channel.ctx, thePost, ready));
      const truth = await adapter('tiktok').reconcile(channel.ctx, thePost, ready, new Date(Date.now() - 1_000), failure.commitProgress);

      expectFailure(failure, { code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
      expect(['accepted', 'published']).toContain(truth.status);
      expect(await chunkPuts()).toBe(1);
      expect(await published('tiktok', channel.account.id)).toBe(1);
    });
  });

  // -------------------------------------------------------------------------------------------

  describe('TikTok fail_reason of a FAILED status (spec 4.8)', () => {
    interface FailRow {
      reason: string;
      how: string;
      state?: Record<string, unknown>;
      content: () => PublishablePost;
      expected: Expected;
    }

    const rows: FailRow[] = [
      { reason: 'file_format_check_failed', how: 'uploaded bytes that are a JPEG', content: () => uploadedVideo('fake.mp4'),
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /MP4 video/ } },
      { reason: 'file_format_check_failed', how: 'a PNG photo behind a URL without extension', content: () => photoPostTikTok('picture'),
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /JPEG\/WEBP photos/ } },
      { reason: 'duration_check_failed', how: 'a 4 s video for a 2 s maximum (duration unknown to Herald)', state: { maxVideoDurationSec: 2 }, content: () => pulledVideo(),
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /shorten the video/ } },
      { reason: 'picture_size_check_failed', how: 'a photo over 20 MB', content: () => photoPostTikTok('huge.jpg'),
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /photos at most 1080p/ } },
      { reason: 'video_pull_failed', how: 'a video URL that answers 404', content: () => pulledVideo('missing.mp4'),
        expected: { code: 'MEDIA_UNREACHABLE', retryable: true, prepareAgain: true, retryAfterMs: MINUTE, says: /could not download the video/ } },
      { reason: 'video_pull_failed', how: 'a video URL that serves an HTML page', content: () => pulledVideo('signin'),
        expected: { code: 'MEDIA_UNREACHABLE', retryable: true, prepareAgain: true } },
      { reason: 'photo_pull_failed', how: 'a photo URL that answers 404', content: () => photoPostTikTok('missing.jpg'),
        expected: { code: 'MEDIA_UNREACHABLE', retryable: true, prepareAgain: true, retryAfterMs: MINUTE, says: /could not download the photos/ } },
      { reason: 'frame_rate_check_failed', how: 'the account\'s next verdict (not emulated)', state: { nextPublishFailReason: 'frame_rate_check_failed' }, content: () => pulledVideo(),
        expected: { code: 'MEDIA_REJECTED', retryable: false, says: /23 and 60 frames per second/ } },
      { reason: 'internal', how: 'the account\'s next verdict', state: { nextPublishFailReason: 'internal' }, content: () => pulledVideo(),
        expected: { code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true, says: /send it again/ } },
      { reason: 'auth_removed', how: 'the account\'s next verdict', state: { nextPublishFailReason: 'auth_removed' }, content: () => pulledVideo(),
        expected: { code: 'RECONNECT_NEEDED', retryable: false, says: /reconnect TikTok/ } },
      { reason: 'spam_risk_too_many_posts', how: 'the account\'s next verdict', state: { nextPublishFailReason: 'spam_risk_too_many_posts' }, content: () => pulledVideo(),
        expected: { code: 'RATE_LIMITED', retryable: true, retryAfterMs: DAY, prepareAgain: true } },
      { reason: 'spam_risk_user_banned_from_posting', how: 'the account\'s next verdict', state: { nextPublishFailReason: 'spam_risk_user_banned_from_posting' },
        content: () => pulledVideo(), expected: { code: 'CONTENT_REJECTED', retryable: false, says: /blocked this account/ } },
      { reason: 'spam_risk_text', how: 'the account\'s next verdict', state: { nextPublishFailReason: 'spam_risk_text' }, content: () => pulledVideo(),
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /change the text/ } },
      { reason: 'spam_risk', how: 'the account\'s next verdict', state: { nextPublishFailReason: 'spam_risk' }, content: () => pulledVideo(),
        expected: { code: 'CONTENT_REJECTED', retryable: false, says: /as spam/ } },
    ];

    it.each(rows)('$reason ($how)', async ({ reason, state, content, expected }) => {
      const channel = await tiktokChannel(state);
      const pending = await commitTikTok(channel, content());

      const failure = await confirmUntilSettled(channel, pending);

      expectFailure(failure, expected);
      expect(failure.network).toEqual({ code: reason });
      expect(await inits()).toBe(1);
      expect(await published('tiktok', channel.account.id)).toBe(0);
    });

    it('publish_cancelled (the pull cancelled while the media was still coming in)', async () => {
      const channel = await tiktokChannel();
      const pending = await commitTikTok(channel, pulledVideo('slow.mp4'));
      const cancel = await fetch(`${sandbox.url}/open.tiktokapis.com/v2/post/publish/cancel/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${channel.account.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ publish_id: pending.data['publishId'] }),
      });
      expect(cancel.status).toBe(200);

      const failure = await confirmUntilSettled(channel, pending);

      expectFailure(failure, { code: 'CONTENT_REJECTED', retryable: false, says: /cancelled on TikTok/ });
      expect(failure.network).toEqual({ code: 'publish_cancelled' });
    });
  });

  // -------------------------------------------------------------------------------------------

  describe('TikTok token refresh (REFRESH class, spec 0.1, 4.2)', () => {
    it('access_token_invalid, then a refresh: the new token is accepted', async () => {
      const channel = await tiktokChannel({ tokenExpired: true });
      const rejected = await failureOf(adapter('tiktok').prepare(channel.ctx, pulledVideo()));

      const credentials = await adapter('tiktok').refresh!(channel.ctx.credentials);
      const ready = await adapter('tiktok').prepare({ ...channel.ctx, credentials }, pulledVideo());

      expect(rejected).toMatchObject({ code: 'RECONNECT_NEEDED', tokenRejected: true });
      expect(credentials.accessToken).not.toBe(channel.account.accessToken);
      // TikTok rotates the refresh token: the new one must be the one kept.
      expect(credentials.refreshToken).not.toBe(channel.account.refreshToken);
      // creator_info answered the new token: the prepared post carries the creator's username.
      expect(ready.data['username']).toBe(channel.account.username);
    });

    it.each([
      { row: 'invalid_grant: refresh token revoked', state: { refreshTokenRevoked: true }, reuse: false },
      { row: 'invalid_grant: a rotated refresh token used again', state: {}, reuse: true },
    ])('$row → reconnect', async ({ state, reuse }) => {
      const channel = await tiktokChannel(state);
      if (reuse) await adapter('tiktok').refresh!(channel.ctx.credentials);

      const failure = await failureOf(adapter('tiktok').refresh!(channel.ctx.credentials));

      expectFailure(failure, { code: 'RECONNECT_NEEDED', retryable: false, says: /reconnect TikTok/ });
      expect(failure.network).toMatchObject({ status: 200, code: 'invalid_grant' });
    });

    it.each([
      { row: '5xx on the token endpoint: retried', status: 503, body: undefined, expected: { code: 'NETWORK_UNAVAILABLE', retryable: true } as Expected },
      { row: 'invalid_client (HTTP 200): Herald\'s app credentials, not the user', status: 200,
        body: { error: 'invalid_client', error_description: 'Client key or secret is invalid.', log_id: '20261203180000E2E' },
        expected: { code: 'INTERNAL', retryable: false, says: /client key and secret/ } as Expected },
    ])('$row', async ({ status, body, expected }) => {
      const channel = await tiktokChannel();
      await fault({ method: 'POST', host: TIKTOK_API, path: '^/v2/oauth/token/?$', status, ...(body ? { body } : {}) });

      const failure = await failureOf(adapter('tiktok').refresh!(channel.ctx.credentials));

      expectFailure(failure, expected);
      expect(failure.network).toMatchObject({ status });
    });
  });
});
