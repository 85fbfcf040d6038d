import { randomUUID } from 'node:crypto';
import {
  type MediaRef,
  PROVIDER_DISPLAY_NAMES,
  mediaKindOf,
  parseInstant,
  toPlainText,
  validatePostContent,
} from '@herald/domain';
import type { IntegrationRecord, MediaRecord, NewPost } from '@herald/db';
import { type TikTokCreatorInfo, validateTikTokPost } from '@herald/providers';
import { AppError } from '../../common/app-error';
import type { CreatePostBody } from './dto/create-post.schema';

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
export function buildNewPosts(body: CreatePostBody, ctx: BuildContext): NewPost[] {
  if (body.type === 'update') {
    throw AppError.validation('type', 'update is not supported yet: delete the post and create it again');
  }
  if (body.inter) {
    throw AppError.validation('inter', 'repeating posts are not supported yet');
  }
  const timeZone = body.timeZone ?? ctx.defaultTimeZone;
  if (!isTimeZone(timeZone)) throw AppError.validation('timeZone', 'is not an IANA time zone such as Europe/Paris');

  const publishAt = resolvePublishAt(body, ctx);
  const state = body.type === 'draft' ? 'DRAFT' : 'QUEUE';
  const group = body.posts.find((p) => p.group)?.group ?? randomUUID();

  return body.posts.map((item, i) => {
    const field = `posts[${i}]`;
    const integration = ctx.integrations.get(item.integration.id);
    if (!integration) {
      throw AppError.validation(`${field}.integration.id`, 'is not a channel of this organization');
    }
    const extra = { integrationId: integration.id, provider: integration.provider };
    if (integration.disabled) throw AppError.validation(`${field}.integration.id`, 'is a disabled channel', extra);
    if (integration.refreshNeeded) {
      throw AppError.validation(`${field}.integration.id`, 'needs to be reconnected before it can publish', extra);
    }
    if (item.value.length > 1) {
      throw AppError.validation(`${field}.value`, 'has several items: threads and comments are not supported yet', extra);
    }
    const value = item.value[0]!;
    const media = value.image.map((image, index) => {
      const resolved = resolveMedia(image, ctx);
      if (!resolved.id && image.path.startsWith(`${ctx.mediaPublicUrl}/`)) {
        throw AppError.validation(`${field}.value[0].image[${index}].path`, 'is not a file uploaded to Herald: upload it first with POST /upload', extra);
      }
      return resolved;
    });
    const input = { content: toPlainText(value.content), media, settings: item.settings ?? {} };
    const issues = [
      ...validatePostContent(integration.provider, input),
      ...(integration.provider === 'tiktok'
        ? validateTikTokPost(input, ctx.creatorInfo.get(integration.id), { verifiedUrlPrefixes: ctx.tiktokVerifiedUrlPrefixes })
        : []),
    ];
    const issue = issues[0];
    if (issue) {
      const name = PROVIDER_DISPLAY_NAMES[integration.provider];
      const where = issue.field.startsWith('settings.') ? `${field}.${issue.field}` : `${field}.value[0].${issue.field}`;
      throw AppError.validation(where, `${issue.message} (${name})`, extra);
    }
    const { __type: _ignored, ...settings } = item.settings ?? {};
    return {
      integrationId: integration.id,
      group,
      state,
      publishAt,
      timeZone,
      content: value.content,
      media,
      settings,
      creationMethod: 'API',
    } satisfies NewPost;
  });
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

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
