import { randomFbtraceId } from '../meta-ids.util';

export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id: string;
}

export interface GraphErrorDetails {
  subcode?: number;
  type?: 'OAuthException' | 'GraphMethodException' | 'IGApiException';
  isTransient?: boolean;
  userTitle?: string;
  userMsg?: string;
  /** HTTP status; Graph answers 400 for almost everything and 500 for codes 1 and 2. */
  status?: number;
}

// Codes whose WWW-Authenticate header names the token, as Graph's does.
const TOKEN_CODES = new Set([102, 104, 190]);

/** A Graph API error; thrown by handlers and written as Graph's `{"error":{...}}` envelope. */
export class GraphError extends Error {
  readonly status: number;

  constructor(
    readonly code: number,
    message: string,
    readonly details: GraphErrorDetails = {},
  ) {
    super(message);
    this.name = 'GraphError';
    this.status = details.status ?? (code === 1 || code === 2 ? 500 : 400);
  }

  envelope(): { error: GraphErrorBody } {
    const body: GraphErrorBody = {
      message: this.message,
      type: this.details.type ?? 'OAuthException',
      code: this.code,
      is_transient: this.details.isTransient ?? false,
      fbtrace_id: randomFbtraceId(),
    };
    if (this.details.subcode !== undefined) body.error_subcode = this.details.subcode;
    if (this.details.userTitle !== undefined) body.error_user_title = this.details.userTitle;
    if (this.details.userMsg !== undefined) body.error_user_msg = this.details.userMsg;
    return { error: body };
  }

  headers(): Record<string, string> {
    const kind = TOKEN_CODES.has(this.code) ? 'invalid_token' : 'invalid_request';
    // Header values must be Latin-1; messages are ASCII but be safe.
    const text = this.message.replace(/[^\x20-\x7e]/g, '?').replace(/"/g, "'");
    return { 'WWW-Authenticate': `OAuth "Facebook Platform" "${kind}" "${text}"` };
  }
}
