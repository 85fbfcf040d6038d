/** The one error shape of the API (DECISIONS.md): `{ statusCode, code, message, field? }`. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  integrationId?: string;
  provider?: string;
  dependency?: string;
  /** 429: seconds to wait (the Retry-After header says the same). */
  retryAfter?: number;
  /** Postiz clients read `msg` on 401s. */
  msg?: string;
}
