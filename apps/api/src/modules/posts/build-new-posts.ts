import { randomUUID } from 'node:crypto';
import {
  COMMENT_RULES,
  type MediaRef,
  PROVIDER_DISPLAY_NAMES,
  type RepeatRule,
  mediaKindOf,
  repeatRuleFrom,
  parseInstant,
  toPlainText,
  validatePostContent,
  validateThreadItem,
} from '@herald/domain';
import type { IntegrationRecord, MediaRecord, NewPost } from '@herald/db';
import { type TikTokCreatorInfo, validateTikTokPost } from '@herald/providers';
import { AppError } from '../../common/app-error';
import type { CreatePostBody, PostItem } from './dto/create-post.schema';

export interface BuildContext {
  now: Date;
  /** Public URL prefix of files uploaded to Herald: such a path must name an uploaded file. */
  mediaPublicUrl: string;
  /** A "schedule" date this far in the past counts as now. */
  pastGraceMs: number;
  defaultTimeZone: string;
  integrations: ReadonlyMap<string, IntegrationRecord>;
  mediaById: ReadonlyMap<string, MediaRecord>;
  mediaByPath: ReadonlyMap<string, MediaRecord>;
  /** TikTok channels' current limits, when TikTok could be asked. */
  creatorInfo: ReadonlyMap<string, TikTokCreatorInfo>;
  /** URL prefixes verified for Herald's TikTok app (TikTok pulls photos only from them). */
  tiktokVerifiedUrlPrefixes: readonly string[];
}

/**
 * Turns a validated Postiz create-post body into rows to insert, or throws a 400 naming the
 * first field that is wrong. Pure: everything it needs is in the context.
 */
export function buildNewPosts(body: CreatePostBody, ctx: BuildContext): { posts: NewPost[]; repeat?: RepeatRule } {
  // type "update" is saved by SaveGroupService, which builds only a group's new channels here.
  const timeZone = body.timeZone ?? ctx.defaultTimeZone;
  if (!isTimeZone(timeZone)) throw AppError.validation('timeZone', 'is not an IANA time zone such as Europe/Paris');

  const publishAt = resolvePublishAt(body, ctx);
  const state = body.type === 'draft' ? 'DRAFT' : 'QUEUE';
  const group = body.posts.find((p) => p.group)?.group ?? randomUUID();

  const repeat = resolveRepeat(body, ctx, publishAt);
  const posts = body.posts.map((item, i) => {
    const field = `posts[${i}]`;
    const integration = usableChannel(item.integration.id, ctx, `${field}.integration.id`);
    return {
      integrationId: integration.id,
      group,
      state,
      publishAt,
      timeZone,
      creationMethod: 'API',
      ...resolveChannelPost(item, integration, ctx, field),
    } satisfies NewPost;
  });
  return { posts, ...(repeat && { repeat }) };
}

/** A channel of the organization that can publish, or a 400 on `field`. */
export function usableChannel(id: string, ctx: Pick<BuildContext, 'integrations'>, field: string): IntegrationRecord {
  const integration = ctx.integrations.get(id);
  if (!integration) throw AppError.validation(field, 'is not a channel of this organization');
  const extra = { integrationId: integration.id, provider: integration.provider };
  if (integration.disabled) throw AppError.validation(field, 'is a disabled channel', extra);
  if (integration.refreshNeeded) throw AppError.validation(field, 'needs to be reconnected before it can publish', extra);
  return integration;
}

/**
 * One channel's post from the composer's items: `value[0]` is the post, `value[1..]` its thread
 * (comments published after it). Checks everything the network will check, or throws a 400
 * naming the field, the channel and the rule.
 */
export function resolveChannelPost(
  item: Pick<PostItem, 'value' | 'settings'>,
  integration: IntegrationRecord,
  ctx: BuildContext,
  field: string,
): Pick<NewPost, 'content' | 'media' | 'settings' | 'thread'> {
  const extra = { integrationId: integration.id, provider: integration.provider };
  const name = PROVIDER_DISPLAY_NAMES[integration.provider];
  const [value, ...threadValues] = item.value as [PostItem['value'][number], ...PostItem['value']];
  const media = value.image.map((image, index) => {
    const resolved = resolveMedia(image, ctx);
    if (!resolved.id && image.path.startsWith(`${ctx.mediaPublicUrl}/`)) {
      throw AppError.validation(`${field}.value[0].image[${index}].path`, 'is not a file uploaded to Herald: upload it first with POST /upload', extra);
    }
    return resolved;
  });
  const input = { content: toPlainText(value.content), media, settings: item.settings ?? {} };
  const issue = [
    ...validatePostContent(integration.provider, input),
    ...(integration.provider === 'tiktok'
      ? validateTikTokPost(input, ctx.creatorInfo.get(integration.id), { verifiedUrlPrefixes: ctx.tiktokVerifiedUrlPrefixes })
      : []),
  ][0];
  if (issue) {
    const where = issue.field.startsWith('settings.') ? `${field}.${issue.field}` : `${field}.value[0].${issue.field}`;
    throw AppError.validation(where, `${issue.message} (${name})`, extra);
  }
  const thread = threadValues.map((v, k) => {
    const at = `${field}.value[${k + 1}]`;
    if (v.image.length > 0) throw AppError.validation(`${at}.image`, `comments carry text only (${name})`, extra);
    const delayMinutes = v.delay ?? 0;
    const problem = validateThreadItem(integration.provider, toPlainText(v.content), delayMinutes);
    if (problem) throw AppError.validation(`${at}.${problem.field}`, `${problem.message} (${name})`, extra);
    return { content: v.content, media: [], delayMinutes };
  });
  const max = COMMENT_RULES[integration.provider]?.maxComments ?? 0;
  if (thread.length > max) throw AppError.validation(`${field}.value`, `has ${thread.length} comments; at most ${max} (${name})`, extra);
  const { __type: _ignored, ...settings } = item.settings ?? {};
  return { content: value.content, media, settings, thread };
}

/**
 * The repeat rule of a request, if it repeats: Herald's `repeat`, or Postiz's `inter` (every N
 * days). The first occurrence is the post's date, read in the request's zone (the wall-clock
 * intent the later occurrences keep across daylight-saving changes).
 */
export function resolveRepeat(body: CreatePostBody, ctx: BuildContext, publishAt: Date): RepeatRule | undefined {
  const field = body.repeat !== undefined ? 'repeat' : 'inter';
  const request = body.repeat ?? (body.inter ? { frequency: 'daily', interval: body.inter } : undefined);
  if (request === undefined || request === null) return undefined;
  if (body.type === 'draft') throw AppError.validation(field, 'needs a scheduled post (type "schedule" or "now"), not a draft');
  const timeZone = body.timeZone ?? ctx.defaultTimeZone;
  const rule = repeatRuleFrom(request, publishAt, timeZone);
  if (!rule.ok) {
    const where = field === 'inter' ? 'inter' : rule.field === 'timeZone' ? 'timeZone' : rule.field ? `repeat.${rule.field}` : 'repeat';
    throw AppError.validation(where, rule.reason);
  }
  return rule.value;
}

function resolvePublishAt(body: CreatePostBody, ctx: BuildContext): Date {
  if (body.type === 'now') return ctx.now;
  if (body.date === undefined) {
    if (body.type === 'draft') return ctx.now;
    throw AppError.validation('date', 'is required to schedule a post');
  }
  const parsed = parseInstant(body.date);
  if (!parsed.ok) throw AppError.validation('date', parsed.reason);
  if (body.type === 'schedule' && parsed.value.getTime() < ctx.now.getTime() - ctx.pastGraceMs) {
    throw AppError.validation('date', `is in the past (${parsed.value.toISOString()}); use type "now" to publish at once`);
  }
  return parsed.value.getTime() < ctx.now.getTime() ? ctx.now : parsed.value;
}

function resolveMedia(image: { id?: string; path: string }, ctx: BuildContext): MediaRef {
  const known = (image.id ? ctx.mediaById.get(image.id) : undefined) ?? ctx.mediaByPath.get(image.path);
  if (known) {
    return {
      id: known.id,
      path: known.path,
      kind: known.kind,
      mimeType: known.mimeType,
      ...(known.width !== null && { width: known.width }),
      ...(known.height !== null && { height: known.height }),
      ...(known.durationMs !== null && { durationMs: known.durationMs }),
    };
  }
  // An id Herald never issued (the Postiz CLI sends random ones): the URL is what counts.
  return { path: image.path, kind: mediaKindOf(image.path) };
}

/** Zones already accepted: making a DateTimeFormat to check one costs ~0.3 ms, per request. */
const knownZones = new Set<string>();
const MAX_KNOWN_ZONES = 1_000;

function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  // Intl ignores case: bounded, so that endless spellings of a zone cannot fill the memory.
  if (knownZones.size < MAX_KNOWN_ZONES) knownZones.add(zone);
  return true;
}
