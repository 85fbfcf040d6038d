import type { Request } from 'express';
import type { TikTokPrincipal } from '../http/tiktok-auth';
import { jsonBody } from '../http/tiktok-body.util';
import { postPermalink } from '../publish/tiktok-publish-outcome';
import { invalidParams } from '../tiktok.errors';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokAccount, TikTokPost } from '../tiktok-state.types';
import { pick, requestedFields } from './tiktok-fields.util';

const DEFAULT_COUNT = 10;
const MAX_COUNT = 20;

function videoFields(account: TikTokAccount): Record<string, (post: TikTokPost) => unknown> {
  return {
    // Ids are strings here, unlike the status fetch's int64 numbers.
    id: (p) => p.id,
    create_time: (p) => Math.floor(p.createTimeMs / 1000),
    title: (p) => p.title,
    video_description: (p) => p.description,
    duration: (p) => Math.round((p.durationMs ?? 0) / 1000),
    cover_image_url: (p) => `https://p16-sign.tiktokcdn-us.com/sandbox/cover/${p.id}.jpeg`,
    share_url: (p) => postPermalink(account, p),
    embed_link: (p) => `https://www.tiktok.com/player/v1/${p.id}`,
    embed_html: (p) => `<blockquote class="tiktok-embed" cite="${postPermalink(account, p)}" data-video-id="${p.id}"></blockquote>`,
    // The sandbox does not decode frames: sizes are unknown.
    height: () => 0,
    width: () => 0,
    like_count: () => 0,
    comment_count: () => 0,
    share_count: () => 0,
    view_count: () => 0,
  };
}

function integer(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalidParams(`${name} must be a non-negative integer.`);
  return value;
}

/**
 * POST /v2/video/list/?fields=...: the creator's public posts, newest first. `cursor` is a create
 * time in Unix ms: the page holds the posts made before it, and the answer's cursor continues.
 * SELF_ONLY posts and those of a private account are not public, so they are not listed.
 */
export function listVideos(deps: TikTokDeps, req: Request, principal: TikTokPrincipal): Record<string, unknown> {
  const renderers = videoFields(principal.account);
  const fields = requestedFields((req.query as Record<string, unknown>).fields, Object.keys(renderers));
  const body = jsonBody(req);
  const count = integer(body, 'max_count') ?? DEFAULT_COUNT;
  if (count < 1 || count > MAX_COUNT) throw invalidParams(`max_count must be between 1 and ${MAX_COUNT}.`);
  // A cursor of 0 reads as none, like an absent one: start from the newest.
  const cursor = integer(body, 'cursor') || undefined;
  const posts = Object.values(tiktokState(deps).posts)
    .filter((p) => p.openId === principal.account.openId && p.publiclyAvailable && (cursor === undefined || p.createTimeMs < cursor))
    .sort((a, b) => b.createTimeMs - a.createTimeMs);
  const page = posts.slice(0, count);
  return {
    videos: page.map((p) => pick(fields, renderers, p)),
    cursor: page.at(-1)?.createTimeMs ?? cursor ?? 0,
    has_more: posts.length > page.length,
  };
}
