/**
 * An error of TikTok's v2 API, written as its envelope `{"data":{},"error":{code,message,log_id}}`.
 * `status` is the HTTP status: TikTok answers some errors (creator_info's spam and cap codes)
 * with 200, so clients must read `error.code` whatever the status.
 */
export class TikTokError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'TikTokError';
  }
}

/** An error of the OAuth token endpoint, in its own flat shape `{"error","error_description","log_id"}`. */
export class TikTokOAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = 'TikTokOAuthError';
  }
}
