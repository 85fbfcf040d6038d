import { closedPortOrigin } from '../testing/fixture-server';
import { ctx, failureOf, NOW, rawFixture, TikTokTestBed, tt } from '../testing/tiktok-test-bed';
import { refreshTikTokToken } from './tiktok-token';

describe(refreshTikTokToken.name, () => {
  let bed: TikTokTestBed;
  const token = (...replies: Parameters<TikTokTestBed['server']['on']>[2][]) => bed.server.on('POST', tt('/v2/oauth/token/'), ...replies);

  beforeAll(async () => {
    bed = await TikTokTestBed.start();
  });
  afterEach(() => bed.reset());
  afterAll(() => bed.close());

  it('should send the refresh grant as a form and keep the rotated refresh token, with the lifetime TikTok states', async () => {
    token({ body: rawFixture('token-refreshed.json') });

    const refreshed = await bed.adapter().refresh(ctx.credentials);

    expect(bed.server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(bed.server.requests[0]!.body).toEqual({
      client_key: 'herald-client-key',
      client_secret: 'herald-client-secret',
      grant_type: 'refresh_token',
      refresh_token: 'rft.CurrentRefresh!5678',
    });
    expect(refreshed).toEqual({
      accessToken: 'act.Rotated2Xk9Pq7Ls3Vb8Nm1Zc6Jh4Gf0Dy5Wt!4821',
      refreshToken: 'rft.Rotated7Hn2Qw9Er4Ty6Ui1Op3As8Df5Gh0Jk!1937',
      // expires_in 7200 from NOW, not an assumed 24 h.
      expiresAt: new Date(NOW.getTime() + 7_200_000).toISOString(),
    });
  });

  it('should answer RECONNECT_NEEDED, not retryable, for invalid_grant sent with HTTP 200', async () => {
    token({ status: 200, body: rawFixture('token-invalid-grant.json') });

    const failure = await failureOf(bed.adapter().refresh(ctx.credentials));

    expect(failure).toMatchObject({ code: 'RECONNECT_NEEDED', retryable: false, network: { status: 200, code: 'invalid_grant' } });
  });

  it('should answer retryable failures, never RECONNECT_NEEDED, for a TikTok outage, a throttle or a broken connection', async () => {
    token({ status: 503, body: '<html>Service Unavailable</html>' }, { status: 429, body: rawFixture('error-rate-limit-exceeded-429.json') });

    const outage = await failureOf(bed.adapter().refresh(ctx.credentials));
    const throttled = await failureOf(bed.adapter().refresh(ctx.credentials));
    const unreachable = await failureOf(bed.adapter({ apiBaseUrl: await closedPortOrigin() }).refresh(ctx.credentials));

    expect(outage).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true });
    expect(throttled).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 60_000 });
    expect(unreachable).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true, network: { code: 'ECONNREFUSED' } });
  });

  it('should not blame the channel when Herald\'s own app credentials are refused or missing', async () => {
    token({ status: 200, body: { error: 'invalid_client', error_description: 'Client key or secret is incorrect.' } });

    const refusedApp = await failureOf(bed.adapter().refresh(ctx.credentials));
    const unconfigured = await failureOf(bed.adapter({ clientKey: '', clientSecret: '' }).refresh(ctx.credentials));

    expect(refusedApp).toMatchObject({ code: 'INTERNAL', retryable: false });
    expect(unconfigured).toMatchObject({ code: 'INTERNAL', retryable: false });
    expect(bed.server.requests).toHaveLength(1);
  });
});
