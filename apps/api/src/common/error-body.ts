/** The one error shape of the API (DECISIONS.md): `{ statusCode, code, message, field? }`. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  integrationId?: string;
  provider?: string;
  dependency?: string;
  /** Postiz clients read `msg` on 401s. */
  msg?: string;
}
