import { GraphError } from '../graph/graph-error';

export function missingOAuthParameter(name: string): GraphError {
  return new GraphError(name === 'client_id' ? 101 : 100, `Missing ${name} parameter.`);
}

export function invalidVerificationCode(): GraphError {
  return new GraphError(100, 'Invalid verification code format.');
}

export function codeAlreadyUsed(): GraphError {
  return new GraphError(100, 'This authorization code has been used.', { subcode: 36009 });
}

export function codeExpired(): GraphError {
  return new GraphError(100, 'This authorization code has expired.', { subcode: 36007 });
}

export function redirectUriMismatch(): GraphError {
  return new GraphError(
    100,
    'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
    { subcode: 36008 },
  );
}

export function unsupportedGrantType(grantType: string | undefined): GraphError {
  return new GraphError(100, `Unsupported grant_type: ${grantType ?? '(missing)'}`);
}

/** Spec 1.5: an Instagram token can be refreshed only once it is a day old. */
export function tokenTooRecent(): GraphError {
  return new GraphError(100, '(#100) The access token must be at least 24 hours old to be refreshed');
}
