import { TikTokError } from './http/tiktok-error';
import type { PrivacyLevel } from './tiktok-state.types';

// TikTok answers its content-policy refusals with a link to its guidelines rather than a reason.
const GUIDELINES = 'Please review our integration guidelines at https://developers.tiktok.com/doc/content-sharing-guidelines/';

export const accessTokenInvalid = () => new TikTokError(401, 'access_token_invalid', 'The access token is invalid or not found in the request.');

export const scopeNotAuthorized = (scope: string) =>
  new TikTokError(401, 'scope_not_authorized', `The user did not authorize the scope required for completing this request: ${scope}.`);

export const rateLimitExceeded = () => new TikTokError(429, 'rate_limit_exceeded', 'The API rate limit was exceeded. Please try again later.');

/** The posting endpoints name it in the singular. */
export const invalidParam = (message: string) => new TikTokError(400, 'invalid_param', message);

/** The display endpoints (user info, video list) use the generic v2 spelling. */
export const invalidParams = (message: string) => new TikTokError(400, 'invalid_params', message);

export const privacyLevelOptionMismatch = (asked: string | undefined, options: readonly PrivacyLevel[]) =>
  new TikTokError(
    403,
    'privacy_level_option_mismatch',
    asked === undefined
      ? `post_info.privacy_level is required; this creator offers ${options.join(', ')}.`
      : `privacy_level ${asked} is not one of this creator's options: ${options.join(', ')}.`,
  );

export const unauditedClientCanOnlyPostToPrivateAccounts = () => new TikTokError(403, 'unaudited_client_can_only_post_to_private_accounts', GUIDELINES);

export const urlOwnershipUnverified = (origin: string) =>
  new TikTokError(403, 'url_ownership_unverified', `The domain or URL prefix of ${origin} has not been verified for this app.`);

/** 200 on creator_info, 403 on the init endpoints. */
export const spamRiskTooManyPosts = (status: number) =>
  new TikTokError(status, 'spam_risk_too_many_posts', `The creator has reached the daily limit of posts made through the API. ${GUIDELINES}`);

export const spamRiskUserBannedFromPosting = (status: number) =>
  new TikTokError(status, 'spam_risk_user_banned_from_posting', `The creator is banned from making new posts. ${GUIDELINES}`);

export const reachedActiveUserCap = (status: number) =>
  new TikTokError(status, 'reached_active_user_cap', 'The daily quota of active posting users of this app has been reached.');

export const spamRiskTooManyPendingShare = () =>
  new TikTokError(403, 'spam_risk_too_many_pending_share', 'The creator has too many shares waiting in the TikTok inbox; finish or delete them first.');

export const invalidPublishId = (publishId: string) => new TikTokError(400, 'invalid_publish_id', `The publish_id ${publishId} does not exist.`);

export const tokenNotAuthorizedForPublishId = () =>
  new TikTokError(400, 'token_not_authorized_for_specified_publish_id', 'The access token does not belong to the creator of this publish_id.');

export const publishNotCancellable = () => new TikTokError(400, 'publish_not_cancellable', 'Only a publish whose media is still being received can be cancelled.');

export const internalError = () => new TikTokError(500, 'internal_error', 'Something went wrong. Please try again later.');

export const notFound = (method: string, path: string) => new TikTokError(404, 'not_found', `The sandbox serves no ${method} ${path} on this host.`);
