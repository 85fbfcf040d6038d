/** A channel's credentials once decrypted. Never logged, never put in workflow history. */
export interface IntegrationCredentials {
  accessToken: string;
  /** Meta (Facebook login): the user token beside the Page token, for reads a Page token may be refused. */
  userAccessToken?: string;
  refreshToken?: string;
  /** ISO instant. */
  expiresAt?: string;
}
