import type { ErrorCode, PublishFailure } from '@herald/domain';
import { classifyGraphError, classifyMetaError, classifyMetaTransportFailure } from './meta.errors';

function envelope(code: number, subcode?: number, extra: Record<string, unknown> = {}) {
  return {
    error: {
      message: `(#${code}) Something Meta said`,
      type: 'OAuthException',
      code,
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      fbtrace_id: 'AbCdEfGh',
      ...extra,
    },
  };
}

type Expected = [code: ErrorCode, retryable: boolean];

// [Graph code, subcode, expected ErrorCode, retryable] for a write answered with HTTP 400.
const WRITE_REFUSALS: Array<[number, number | undefined, ...Expected]> = [
  [1, 99, 'NETWORK_UNAVAILABLE', true],
  [2, undefined, 'NETWORK_UNAVAILABLE', true],
  [-1, 2207001, 'NETWORK_UNAVAILABLE', true],
  [-2, 2207003, 'MEDIA_UNREACHABLE', true],
  [-2, 2207020, 'NETWORK_UNAVAILABLE', true],
  [4, undefined, 'RATE_LIMITED', true],
  [4, 2207051, 'CONTENT_REJECTED', false],
  [17, undefined, 'RATE_LIMITED', true],
  [32, undefined, 'RATE_LIMITED', true],
  [613, undefined, 'RATE_LIMITED', true],
  [80001, undefined, 'RATE_LIMITED', true],
  [80002, undefined, 'RATE_LIMITED', true],
  [9, 2207042, 'RATE_LIMITED', true],
  [10, undefined, 'PERMISSION_MISSING', false],
  [200, undefined, 'PERMISSION_MISSING', false],
  [299, undefined, 'PERMISSION_MISSING', false],
  [200, 1404078, 'IDENTITY_CHECKPOINT', false],
  [102, undefined, 'RECONNECT_NEEDED', false],
  [190, undefined, 'RECONNECT_NEEDED', false],
  [190, 458, 'RECONNECT_NEEDED', false],
  [190, 460, 'RECONNECT_NEEDED', false],
  [190, 463, 'RECONNECT_NEEDED', false],
  [190, 467, 'RECONNECT_NEEDED', false],
  [190, 492, 'RECONNECT_NEEDED', false],
  [190, 459, 'IDENTITY_CHECKPOINT', false],
  [190, 464, 'IDENTITY_CHECKPOINT', false],
  [100, 33, 'IDENTITY_CHECKPOINT', false],
  [100, undefined, 'VALIDATION', false],
  [100, 2207028, 'VALIDATION', false],
  [100, 1366046, 'MEDIA_REJECTED', false],
  [368, 4854002, 'IDENTITY_CHECKPOINT', false],
  [368, 1404006, 'IDENTITY_CHECKPOINT', false],
  [368, 1390008, 'RATE_LIMITED', true],
  [368, 1346003, 'CONTENT_REJECTED', false],
  [368, 9999999, 'CONTENT_REJECTED', false],
  [506, undefined, 'CONTENT_REJECTED', false],
  [9004, 2207052, 'MEDIA_UNREACHABLE', true],
  [9007, 2207027, 'NETWORK_UNAVAILABLE', true],
  [24, 2207006, 'NETWORK_UNAVAILABLE', true],
  [24, 2207008, 'NETWORK_UNAVAILABLE', true],
  [25, 2207050, 'IDENTITY_CHECKPOINT', false],
  [352, 2207026, 'MEDIA_REJECTED', false],
  [36000, 2207004, 'MEDIA_REJECTED', false],
  [36001, 2207005, 'MEDIA_REJECTED', false],
  [36003, 2207009, 'MEDIA_REJECTED', false],
  [36004, 2207010, 'VALIDATION', false],
  [324, undefined, 'MEDIA_REJECTED', false],
  [123456, undefined, 'CONTENT_REJECTED', false],
];

describe(classifyMetaError.name, () => {
  it.each(WRITE_REFUSALS)('should classify %i/%s refused with HTTP 400 as %s (retryable: %s)', (code, subcode, expected, retryable) => {
    const failure = classifyMetaError(400, envelope(code, subcode), { write: true });

    expect(failure).toMatchObject({ code: expected, retryable, outcome: 'not-applied' });
    expect(failure.network).toEqual({ status: 400, code, ...(subcode === undefined ? {} : { subcode }), traceId: 'AbCdEfGh' });
  });

  it('should prepare media Instagram could not fetch again after a pause (a CDN may lag behind a new file)', () => {
    const failure = classifyMetaError(400, envelope(9004, 2207052), { write: true });

    expect(failure).toMatchObject({ code: 'MEDIA_UNREACHABLE', retryable: true, prepareAgain: true, retryAfterMs: 15_000 });
    expect(failure.message).toMatch(/could not download the media/);
  });

  it('should give throttles a long wait, stretched by the X-Business-Use-Case-Usage estimate', () => {
    const plain = classifyMetaError(400, envelope(4), { write: false });
    const withHeader = classifyMetaError(400, envelope(80001), {
      write: false,
      headers: {
        'x-business-use-case-usage': JSON.stringify({
          [`104000000000001`]: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 120 }],
        }),
      },
    });

    expect(plain.retryAfterMs).toBe(5 * 60_000);
    expect(withHeader.retryAfterMs).toBe(120 * 60_000);
  });

  it('should treat 100/33 on a read as a temporary refusal (Meta outage pattern), not a checkpoint', () => {
    expect(classifyMetaError(400, envelope(100, 33), { write: false })).toMatchObject({
      code: 'NETWORK_UNAVAILABLE',
      retryable: true,
    });
  });

  it('should retry an unknown code that Meta marks is_transient, and refuse other unknown codes quoting Meta', () => {
    const transient = classifyMetaError(400, envelope(777, undefined, { is_transient: true }), { write: true });
    const unknown = classifyMetaError(400, envelope(777), { write: true });

    expect(transient).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true });
    expect(unknown).toMatchObject({ code: 'CONTENT_REJECTED', retryable: false });
    expect(unknown.message).toBe('Meta refused this post. Meta said: "(#777) Something Meta said"');
  });

  it('should never classify on the wording or on the localised user text', () => {
    const body = envelope(506, undefined, {
      message: 'Error validating access token: (#190) session expired',
      error_user_msg: 'Confirma tu identidad (#4854002)',
    });

    expect(classifyMetaError(400, body, { write: true }).code).toBe('CONTENT_REJECTED');
  });

  it('should leave a 5xx after a write with an unknown outcome, and make a 5xx on a read retryable', () => {
    const write = classifyMetaError(500, envelope(1, 99), { write: true });
    const read = classifyMetaError(503, 'Service Unavailable', { write: false });

    expect(write).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown', network: { status: 500, code: 1 } });
    expect(read).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'not-applied' });
  });

  it('should not trust a 4xx without a Graph envelope, except as a throttle when it is a 429', () => {
    expect(classifyMetaError(404, '<html>Not Found</html>', { write: true })).toMatchObject({
      code: 'INTERNAL',
      retryable: false,
      outcome: 'not-applied',
    });
    expect(classifyMetaError(429, '', { write: true })).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  });
});

describe(classifyGraphError.name, () => {
  it('should classify the subcode Instagram reports in a container status, with no code', () => {
    const failure: PublishFailure = classifyGraphError({ subcode: 2207026 }, { write: false });

    expect(failure).toMatchObject({ code: 'MEDIA_REJECTED', retryable: false, network: { subcode: 2207026 } });
  });
});

describe(classifyMetaTransportFailure.name, () => {
  // [what happened, maybe sent, write, expected ErrorCode, retryable, outcome]
  const CASES: Array<[string, boolean, boolean, ErrorCode, boolean, PublishFailure['outcome']]> = [
    ['ECONNREFUSED', false, true, 'NETWORK_UNAVAILABLE', true, 'not-applied'],
    ['ENOTFOUND', false, true, 'NETWORK_UNAVAILABLE', true, 'not-applied'],
    ['ECONNRESET', true, true, 'OUTCOME_UNKNOWN', false, 'unknown'],
    ['ETIMEDOUT', true, true, 'OUTCOME_UNKNOWN', false, 'unknown'],
    ['ECONNRESET', true, false, 'NETWORK_UNAVAILABLE', true, 'not-applied'],
    ['ETIMEDOUT', true, false, 'NETWORK_UNAVAILABLE', true, 'not-applied'],
  ];

  it.each(CASES)('should classify %s (sent: %s, write: %s) as %s', (reason, maybeSent, write, code, retryable, outcome) => {
    expect(classifyMetaTransportFailure({ reason, maybeSent }, { write })).toMatchObject({
      code,
      retryable,
      outcome,
      network: { code: reason },
    });
  });
});
