import { GraphError } from './graph-error';

// Errors every Graph node can answer. Short strings are Graph's own (clients match on them);
// see reference/provider-apis.md 1.3.

export function accessTokenRequired(): GraphError {
  return new GraphError(104, 'An access token is required to request this resource.');
}

export function invalidAccessToken(): GraphError {
  return new GraphError(190, 'Invalid OAuth access token - Cannot parse access token');
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Graph's session dates read like "Thursday, 03-Dec-26 18:00:00 UTC". */
function sessionDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${WEEKDAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${pad(date.getUTCFullYear() % 100)} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
  );
}

export function sessionExpired(expiredAt: Date, now: Date): GraphError {
  return new GraphError(
    190,
    `Error validating access token: Session has expired on ${sessionDate(expiredAt)}. The current time is ${sessionDate(now)}.`,
    { subcode: 463 },
  );
}

export function unsupportedRequest(method: string, id: string): GraphError {
  const verb = method.toLowerCase() === 'get' ? 'get' : method.toLowerCase() === 'delete' ? 'delete' : 'post';
  return new GraphError(
    100,
    `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, ` +
      'or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api',
    { subcode: 33, type: 'GraphMethodException' },
  );
}

export function unknownPathComponents(edge: string): GraphError {
  return new GraphError(2500, `Unknown path components: /${edge}`);
}

export function nonexistingField(field: string, nodeType: string): GraphError {
  return new GraphError(100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
}

export function missingParameter(name: string): GraphError {
  return new GraphError(100, `(#100) The parameter ${name} is required`);
}

export function invalidParameter(message: string, subcode?: number): GraphError {
  return new GraphError(100, `(#100) ${message}`, subcode === undefined ? {} : { subcode });
}

export function unknownError(): GraphError {
  return new GraphError(1, 'An unknown error occurred', { subcode: 99, isTransient: true });
}

export function serviceUnavailable(): GraphError {
  return new GraphError(2, 'Service temporarily unavailable', { isTransient: true });
}
