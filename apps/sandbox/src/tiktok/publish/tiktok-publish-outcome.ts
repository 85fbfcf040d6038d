import type { PublishedItem, PublishedMedia } from '../../state/published-item.types';
import { makePostId } from '../tiktok-ids.util';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokAccount, TikTokMedia, TikTokPost, TikTokPublish, TikTokState, TikTokVerdict } from '../tiktok-state.types';

export function postPermalink(account: TikTokAccount, post: Pick<TikTokPost, 'id' | 'kind'>): string {
  return `https://www.tiktok.com/@${account.username}/${post.kind === 'photo' ? 'photo' : 'video'}/${post.id}`;
}

/** Create times are unique per account, so a list cursor (a create time) never falls between two posts. */
function uniqueCreateTime(state: TikTokState, openId: string, nowMs: number): number {
  const latest = Math.max(0, ...Object.values(state.posts).filter((p) => p.openId === openId).map((p) => p.createTimeMs));
  return Math.max(nowMs, latest + 1);
}

function publishedMedia(media: TikTokMedia[]): PublishedMedia[] {
  return media.map((m) => {
    const item: PublishedMedia = m.url !== undefined ? { url: m.url, contentType: m.contentType, bytes: m.bytes } : { upload: true, contentType: m.contentType, bytes: m.bytes };
    if (m.durationMs !== undefined) item.durationMs = m.durationMs;
    return item;
  });
}

function makePost(deps: TikTokDeps, account: TikTokAccount, publish: TikTokPublish, media: TikTokMedia[], now: Date): PublishedItem {
  const state = tiktokState(deps);
  let id = makePostId();
  while (state.posts[id]) id = makePostId();
  const privacyLevel = publish.postInfo.privacyLevel ?? 'SELF_ONLY';
  // TikTok gives out no post id for what only the creator (or, on a private account, followers) can see.
  const publiclyAvailable = privacyLevel !== 'SELF_ONLY' && !account.privateAccount;
  const post: TikTokPost = {
    id,
    openId: account.openId,
    publishId: publish.id,
    kind: publish.kind,
    title: publish.postInfo.title ?? '',
    description: publish.kind === 'photo' ? (publish.postInfo.description ?? '') : (publish.postInfo.title ?? ''),
    privacyLevel,
    publiclyAvailable,
    createTimeMs: uniqueCreateTime(state, account.openId, now.getTime()),
  };
  if (media[0]?.durationMs !== undefined && publish.kind === 'video') post.durationMs = media[0].durationMs;
  state.posts[id] = post;
  publish.postId = id;
  publish.publiclyAvailable = publiclyAvailable;
  return {
    network: 'tiktok',
    accountId: account.openId,
    id,
    kind: publish.kind,
    text: post.description,
    media: publishedMedia(media),
    permalink: postPermalink(account, post),
    createdAt: now.toISOString(),
    publishId: publish.id,
    mode: 'direct',
    status: 'PUBLISH_COMPLETE',
    privacyLevel,
    publiclyAvailable,
    ...(publish.kind === 'photo' ? { title: post.title } : {}),
  };
}

function inboxDelivery(account: TikTokAccount, publish: TikTokPublish, media: TikTokMedia[], now: Date): PublishedItem {
  return {
    network: 'tiktok',
    accountId: account.openId,
    // A draft has no post id until the creator posts it from the app.
    id: publish.id,
    kind: publish.kind,
    text: (publish.kind === 'photo' ? publish.postInfo.description : publish.postInfo.title) ?? '',
    media: publishedMedia(media),
    permalink: '',
    createdAt: now.toISOString(),
    publishId: publish.id,
    mode: 'inbox',
    status: 'SEND_TO_USER_INBOX',
    ...(publish.kind === 'photo' && publish.postInfo.title !== undefined ? { title: publish.postInfo.title } : {}),
  };
}

/**
 * Records the outcome of TikTok's checks as soon as the media is in (last chunk or download).
 * A direct post that passed is made now, before the status shows it, so that a client whose
 * answer was lost finds it through the status or the video list; an inbox draft is delivered.
 * An account's `nextPublishFailReason` turns this publish into a failure instead, once.
 */
export function settlePublish(deps: TikTokDeps, publish: TikTokPublish, verdict: TikTokVerdict): void {
  if (publish.verdict || publish.cancelled) return;
  const account = tiktokState(deps).accounts[publish.openId];
  if (!account) return;
  let outcome = verdict;
  if (outcome.ok && account.nextPublishFailReason) {
    outcome = { ok: false, failReason: account.nextPublishFailReason, media: outcome.media };
    delete account.nextPublishFailReason;
  }
  publish.verdict = outcome;
  if (outcome.ok) {
    const now = deps.clock.now();
    const item = publish.mode === 'direct' ? makePost(deps, account, publish, outcome.media, now) : inboxDelivery(account, publish, outcome.media, now);
    deps.store.recordPublished(item);
  }
  deps.store.changed();
}
