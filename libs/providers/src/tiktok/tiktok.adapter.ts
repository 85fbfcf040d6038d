import type { CommitOutcome, ConfirmCheck, ContentIssue, PreparedPublish, PrepareCheck, ReconcileResult } from '@herald/domain';
import { DEFAULT_MAX_CONNECTIONS } from '../connection-pool';
import { type JsonObject, numberField, stringField } from '../json-fields.util';
import type { MediaFetcher } from '../media/media-fetcher';
import type { ProviderAdapter, ProviderCredentials, PublishablePost, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { refusedBeforeSending } from '../provider-failure.util';
import { DEFAULT_CHUNK_BYTES, MAX_VIDEO_BYTES, planChunks } from './tiktok-chunk-plan';
import { TikTokClient } from './tiktok-client';
import { parseCreatorInfo, type TikTokCreatorInfo } from './tiktok-creator-info';
import { durationIssue, privacyIssue, VIDEO_FORMAT_MESSAGE, validateTikTokPost } from './tiktok-post-rules';
import { chooseTransfer, planTikTokPublish } from './tiktok-publish-plan';
import { INBOX_RELEASE_ID, parsePublishStatus, profileUrl, publishedRef, type TikTokPublishStatus, videoUrl } from './tiktok-publish-status';
import { readTikTokPending, readTikTokPrepared, type TikTokPending, type TikTokPrepared, toPreparedPublish } from './tiktok-prepared';
import { readTikTokSettings } from './tiktok-settings';
import { refreshTikTokToken } from './tiktok-token';
import { uploadVideoChunks } from './tiktok-upload';
import { findPublishedVideo, listedVideos, reachesBefore, VIDEO_LIST_FIELDS, VIDEO_LIST_MAX_COUNT, VIDEO_LIST_MAX_PAGES } from './tiktok-video-lookup';
import { classifyTikTokFailReason } from './tiktok.errors';

export interface TikTokAdapterOptions {
  /** e.g. https://open.tiktokapis.com or http://127.0.0.1:3900/open.tiktokapis.com */
  apiBaseUrl: string;
  clientKey: string;
  clientSecret: string;
  /** URL prefixes (or bare origins) verified for the app: media under them is pulled by TikTok. */
  verifiedUrlPrefixes: readonly string[];
  requestTimeoutMs: number;
  /** Connections open at once to TikTok's API host (default 100). */
  maxConnections?: number;
  /** FILE_UPLOAD chunk size for videos over 64 MB (kept between 5 and 64 MB; default 10 MiB). */
  chunkSizeBytes?: number;
  /** Reads videos that TikTok cannot pull (FILE_UPLOAD). */
  fetchMedia: MediaFetcher;
  now?: () => Date;
  /** Wait before re-sending a failed upload chunk, times the attempt (default 1 s). */
  chunkRetryDelayMs?: number;
}

const PATHS = {
  creatorInfo: '/v2/post/publish/creator_info/query/',
  videoInit: '/v2/post/publish/video/init/',
  inboxVideoInit: '/v2/post/publish/inbox/video/init/',
  contentInit: '/v2/post/publish/content/init/',
  status: '/v2/post/publish/status/fetch/',
  videoList: '/v2/video/list/',
} as const;

/**
 * TikTok through the Content Posting API v2. `prepare` reads creator_info and decides the
 * transfer, creating nothing on TikTok; `commit` inits the post (and uploads the video for
 * FILE_UPLOAD) and answers `accepted`; `confirm` polls the status until TikTok has published.
 */
export class TikTokAdapter implements ProviderAdapter {
  readonly provider = 'tiktok' as const;
  // No `comments`: TikTok's public APIs cannot comment on a post, so thread items have nowhere to go.
  private readonly client: TikTokClient;
  private readonly now: () => Date;

  constructor(private readonly options: TikTokAdapterOptions) {
    this.now = options.now ?? (() => new Date());
    this.client = new TikTokClient({
      baseUrl: options.apiBaseUrl,
      timeoutMs: options.requestTimeoutMs,
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      now: this.now,
    });
  }

  async prepare(ctx: PublishContext, post: PublishablePost): Promise<PreparedPublish> {
    // Everything Herald can check itself is checked before TikTok hears of the post.
    const issues = validateTikTokPost(post);
    if (issues.length > 0) throw refusedBeforeSending('VALIDATION', describeIssues(issues));
    const { settings } = readTikTokSettings(post.settings);
    const transfer = chooseTransfer(post.media, this.options.verifiedUrlPrefixes);

    let creatorInfo: TikTokCreatorInfo | undefined;
    // Inbox posts are finished in the TikTok app, where the creator picks the visibility.
    if (settings.postingMethod === 'DIRECT_POST') {
      creatorInfo = await this.queryCreatorInfo(ctx);
      const privacy = privacyIssue(settings, creatorInfo);
      if (privacy) throw refusedBeforeSending('PRIVACY_NOT_ALLOWED', `The visibility ${privacy.message}.`);
      const duration = durationIssue(post.media, creatorInfo);
      if (duration) throw refusedBeforeSending('VALIDATION', `The video ${duration.message}.`);
    }
    return toPreparedPublish(planTikTokPublish(post, settings, creatorInfo, transfer));
  }

  check(_ctx: PublishContext, prepared: PreparedPublish): Promise<PrepareCheck> {
    readTikTokPrepared(prepared);
    return Promise.resolve({ status: 'ready', prepared });
  }

  async commit(ctx: PublishContext, _post: PublishablePost, prepared: PreparedPublish): Promise<CommitOutcome> {
    const data = readTikTokPrepared(prepared);
    if (data.transfer === 'FILE_UPLOAD') return this.uploadVideo(ctx, data);
    const direct = data.mode === 'direct';
    const [path, body]: [string, JsonObject] =
      data.format === 'photo'
        ? [PATHS.contentInit, {
            media_type: 'PHOTO',
            post_mode: direct ? 'DIRECT_POST' : 'MEDIA_UPLOAD',
            post_info: data.postInfo ?? {},
            source_info: { source: 'PULL_FROM_URL', photo_cover_index: 0, photo_images: data.mediaUrls },
          }]
        : [direct ? PATHS.videoInit : PATHS.inboxVideoInit, {
            ...(data.postInfo ? { post_info: data.postInfo } : {}),
            source_info: { source: 'PULL_FROM_URL', video_url: data.mediaUrls[0]! },
          }];
    // TikTok may start downloading as soon as it has the request: a lost answer is unknown.
    const answer = await this.client.post(path, ctx.credentials.accessToken, body, { effect: 'publishing-write', mediaUrl: data.mediaUrls[0] });
    const publishId = stringField(answer, 'publish_id');
    if (!publishId) throw new ProviderError(acceptedWithoutId());
    return { status: 'accepted', pending: toPreparedPublish({ ...data, publishId }) };
  }

  async confirm(ctx: PublishContext, pending: PreparedPublish): Promise<ConfirmCheck> {
    const data = readTikTokPending(pending);
    let status: TikTokPublishStatus;
    try {
      status = await this.fetchStatus(ctx, data.publishId);
    } catch (error) {
      // Not TikTok's verdict: the post may still go live, so only reconciliation may decide.
      throw error instanceof ProviderError ? new ProviderError({ ...error.failure, outcome: 'unknown', commitProgress: progressOf(data) }) : error;
    }
    switch (status.status) {
      case 'PUBLISH_COMPLETE':
      case 'SEND_TO_USER_INBOX':
        return { status: 'published', ref: publishedRef(status, data) };
      case 'FAILED':
        throw new ProviderError(classifyTikTokFailReason(status.failReason, this.now()));
      default:
        return { status: 'pending', detail: `TikTok reports ${status.status ?? 'no status yet'}` };
    }
  }

  async reconcile(
    ctx: PublishContext,
    _post: PublishablePost,
    prepared: PreparedPublish,
    commitStartedAt: Date,
    progress?: Record<string, unknown>,
  ): Promise<ReconcileResult> {
    const data = readTikTokPrepared(prepared);
    const publishId = stringField(progress, 'publishId');
    if (publishId) {
      const pending: TikTokPending = { ...data, publishId };
      const videoSize = numberField(progress, 'videoSize');
      if (videoSize !== undefined) pending.videoSize = videoSize;
      return this.reconcileByStatus(ctx, pending);
    }
    if (data.transfer === 'FILE_UPLOAD') {
      // No publish_id means no upload; a listed match is still taken, in case it was lost.
      const found = await this.lookUpVideo(ctx, data, commitStartedAt).catch(() => undefined);
      if (found) return { status: 'published', ref: found };
      return { status: 'not-published', detail: 'TikTok never received the video, so nothing can have been published.' };
    }
    const found = await this.lookUpVideo(ctx, data, commitStartedAt);
    if (found) return { status: 'published', ref: found };
    return {
      status: 'unknown',
      detail: 'TikTok may be publishing the post, but no matching post is listed on the account yet; posts that are ' +
        'private (visibility "Only me", SELF_ONLY), still in moderation or sent to the inbox cannot be looked up',
    };
  }

  async permalink(ctx: PublishContext, releaseId: string): Promise<string | null> {
    if (releaseId === INBOX_RELEASE_ID) return null;
    try {
      const { username } = await this.queryCreatorInfo(ctx);
      if (!username) return null;
      return /^\d+$/.test(releaseId) ? videoUrl(username, releaseId) : profileUrl(username);
    } catch {
      return null;
    }
  }

  refresh(credentials: ProviderCredentials): Promise<ProviderCredentials> {
    return refreshTikTokToken(this.client, this.options, credentials, this.now());
  }

  /** What the creator may post right now (visibilities, switches, longest video); a read. */
  async queryCreatorInfo(ctx: PublishContext): Promise<TikTokCreatorInfo> {
    const data = await this.client.post(PATHS.creatorInfo, ctx.credentials.accessToken, {}, { effect: 'read' });
    return parseCreatorInfo(data);
  }

  private async uploadVideo(ctx: PublishContext, data: TikTokPrepared): Promise<CommitOutcome> {
    const mediaUrl = data.mediaUrls[0]!;
    const media = await this.options.fetchMedia.probe(mediaUrl);
    const type = media.contentType?.split(';')[0]?.trim().toLowerCase();
    if (type !== undefined && type !== 'video/mp4' && !type.endsWith('/octet-stream')) {
      throw refusedBeforeSending('VALIDATION', `${VIDEO_FORMAT_MESSAGE} (The file is served as ${type}.)`);
    }
    if (media.sizeBytes > MAX_VIDEO_BYTES) throw refusedBeforeSending('VALIDATION', 'TikTok takes videos of at most 4 GB: use a smaller file.');
    const plan = planChunks(media.sizeBytes, this.options.chunkSizeBytes ?? DEFAULT_CHUNK_BYTES);
    const body: JsonObject = {
      ...(data.mode === 'direct' && data.postInfo ? { post_info: data.postInfo } : {}),
      source_info: { source: 'FILE_UPLOAD', video_size: plan.videoSize, chunk_size: plan.chunkSize, total_chunk_count: plan.totalChunkCount },
    };
    // Nothing is published until every byte is uploaded: a lost init answer can simply be retried.
    const answer = await this.client.post(data.mode === 'direct' ? PATHS.videoInit : PATHS.inboxVideoInit, ctx.credentials.accessToken, body, {
      effect: 'invisible-write',
    });
    const publishId = stringField(answer, 'publish_id');
    const uploadUrl = stringField(answer, 'upload_url');
    if (!publishId || !uploadUrl) throw new ProviderError(uploadNotStarted());
    const deps = {
      client: this.client,
      fetcher: this.options.fetchMedia,
      requestTimeoutMs: this.options.requestTimeoutMs,
      retryDelayMs: this.options.chunkRetryDelayMs ?? 1_000,
    };
    await uploadVideoChunks(deps, { uploadUrl, publishId, mediaUrl, plan });
    return { status: 'accepted', pending: toPreparedPublish({ ...data, publishId, videoSize: plan.videoSize }) };
  }

  private async reconcileByStatus(ctx: PublishContext, pending: TikTokPending): Promise<ReconcileResult> {
    const status = await this.fetchStatus(ctx, pending.publishId);
    switch (status.status) {
      case 'PUBLISH_COMPLETE':
      case 'SEND_TO_USER_INBOX':
        return { status: 'published', ref: publishedRef(status, pending) };
      case 'FAILED':
        return { status: 'not-published', detail: `TikTok gave up on the post (${status.failReason ?? 'no reason given'}).` };
      case 'PROCESSING_UPLOAD':
        // An upload that stopped short is never completed by anyone: TikTok will not publish it.
        if (pending.videoSize !== undefined && status.uploadedBytes !== undefined && status.uploadedBytes < pending.videoSize) {
          return { status: 'not-published', detail: `TikTok received ${status.uploadedBytes} of ${pending.videoSize} bytes; the upload never completed.` };
        }
        return { status: 'accepted', pending: toPreparedPublish(pending) };
      case 'PROCESSING_DOWNLOAD':
        return { status: 'accepted', pending: toPreparedPublish(pending) };
      default:
        return { status: 'unknown', detail: `TikTok reports the post as ${status.status ?? 'nothing'}.` };
    }
  }

  private async fetchStatus(ctx: PublishContext, publishId: string): Promise<TikTokPublishStatus> {
    const data = await this.client.post(PATHS.status, ctx.credentials.accessToken, { publish_id: publishId }, { effect: 'read' });
    return parsePublishStatus(data);
  }

  async recentPosts(ctx: PublishContext) {
    const list = await this.client.post(PATHS.videoList, ctx.credentials.accessToken, { max_count: VIDEO_LIST_MAX_COUNT }, { effect: 'read' }, {
      fields: VIDEO_LIST_FIELDS,
    });
    return listedVideos(list);
  }

  /**
   * The post a commit made, from the account's public posts read back to the commit's start (an
   * account that posted many since has pushed it past the first page).
   */
  private async lookUpVideo(ctx: PublishContext, data: TikTokPrepared, commitStartedAt: Date) {
    const texts = [data.postInfo?.['title'], data.postInfo?.['description']].filter((text): text is string => typeof text === 'string');
    if (texts.length === 0) return undefined;
    const pages: JsonObject[] = [];
    let cursor: number | undefined;
    for (let page = 0; page < VIDEO_LIST_MAX_PAGES; page++) {
      const list = await this.client.post(
        PATHS.videoList,
        ctx.credentials.accessToken,
        { max_count: VIDEO_LIST_MAX_COUNT, ...(cursor !== undefined && { cursor }) },
        { effect: 'read' },
        { fields: VIDEO_LIST_FIELDS },
      );
      pages.push(list);
      cursor = numberField(list, 'cursor');
      if (list['has_more'] !== true || cursor === undefined || reachesBefore(list, commitStartedAt)) break;
    }
    return findPublishedVideo(pages, { texts, commitStartedAt, username: data.username });
  }
}

function progressOf(pending: TikTokPending): Record<string, unknown> {
  return pending.videoSize === undefined
    ? { publishId: pending.publishId, transfer: pending.transfer }
    : { publishId: pending.publishId, transfer: pending.transfer, videoSize: pending.videoSize };
}

/** Issues as sentences: full sentences stay, field fragments get their field name. */
function describeIssues(issues: ContentIssue[]): string {
  const sentences = issues.map(({ field, message }) => (/^[A-Z]/.test(message) ? message : `TikTok: ${field} ${message}.`));
  return [...new Set(sentences)].join(' ');
}

function acceptedWithoutId() {
  return {
    code: 'OUTCOME_UNKNOWN' as const,
    message: 'TikTok accepted the post but did not say which one it is; Herald will look for it.',
    retryable: false,
    outcome: 'unknown' as const,
  };
}

function uploadNotStarted() {
  return {
    code: 'NETWORK_UNAVAILABLE' as const,
    message: 'TikTok did not return an upload address for the video; nothing was published and Herald will try again.',
    retryable: true,
    outcome: 'not-applied' as const,
  };
}
