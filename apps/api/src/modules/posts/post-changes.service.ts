import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { postWorkflowId } from '@herald/contracts';
import { type PostChanges, PostEditRepository, type PostRecord, PostRepository } from '@herald/db';
import { type PostAction, type PostState, checkPostAction, parseInstant } from '@herald/domain';
import { AppError } from '../../common/app-error';
import { API_CONFIG, CLOCK, type Clock } from '../../infrastructure/tokens';
import { resolveChannelPost, usableChannel } from './build-new-posts';
import { type UpdatePostBody, postSettingsSchema, postStatusSchema, publishNowSchema, updatePostSchema } from './dto/update-post.schema';
import { parseBody } from './dto/parse-body.util';
import { PostBuildContextService } from './post-build-context.service';
import { PublishScheduler } from './publish-scheduler.service';

export interface ChangedPost {
  post: PostRecord;
  /** started: the workflow knows; pending: Temporal was away, the sweep tells it; null: nothing to tell. */
  workflow: 'started' | 'pending' | null;
}

const TEMPORAL_DOWN =
  'Temporal is not reachable right now: the change is saved, and the pending publish follows it as soon as Temporal is back.';

export function workflowWarning(workflow: ChangedPost['workflow']): { warning?: string } {
  return workflow === 'pending' ? { warning: TEMPORAL_DOWN } : {};
}

/**
 * A user changing a post after saving it: edit, move, publish now, draft and back, republish.
 * Postgres is written first, with the allowed states in the UPDATE's WHERE clause; then the
 * post's workflow is told (a signal, or a new run). If Temporal is away the change still holds:
 * the workflow reads Postgres before publishing, and the sweep resends what it missed.
 */
@Injectable()
export class PostChangesService {
  constructor(
    private readonly posts: PostRepository,
    private readonly edits: PostEditRepository,
    private readonly contexts: PostBuildContextService,
    private readonly scheduler: PublishScheduler,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async update(organizationId: string, postId: string, rawBody: unknown): Promise<ChangedPost> {
    const body = parseBody(updatePostSchema, rawBody);
    const post = await this.root(organizationId, postId);
    const requested = body.date === undefined ? undefined : this.instant(body.date);
    const action = updateAction(post.state, requested, body.republish === true);
    const queued = action === 'move' ? post.state === 'QUEUE' : action === 'schedule' || action === 'republish';
    // A post that will wait in the queue needs a time to come; a draft may keep any date.
    const publishAt = queued ? this.upcoming(requested ?? (action === 'republish' ? this.now() : undefined)) : requested;
    const content = await this.resolveContent(organizationId, post, body);
    if (action === 'republish' && !body.value) await this.validateForPublishing(organizationId, post);
    const changes: PostChanges = {
      ...(publishAt && { publishAt }),
      ...(body.timeZone !== undefined && { timeZone: body.timeZone }),
      ...((action === 'republish' || action === 'schedule') && { state: 'QUEUE' as const }),
      ...content,
    };
    return this.applyAndTell(post, action, changes, publishAt !== undefined || changes.state === 'QUEUE');
  }

  /** PUT /posts/:id/status: 'draft' cancels the pending publish; 'schedule' queues it at its date. */
  async setStatus(organizationId: string, postId: string, rawBody: unknown): Promise<ChangedPost> {
    const { status } = parseBody(postStatusSchema, rawBody);
    const post = await this.root(organizationId, postId);
    if (status === 'draft') {
      const result = await this.apply(post, 'unschedule', { state: 'DRAFT' });
      await this.scheduler.cancel(organizationId, postId);
      return { post: result, workflow: null };
    }
    if (post.publishAt.getTime() < this.now().getTime() - this.config.SCHEDULE_PAST_GRACE_MS) {
      throw AppError.validation(
        'status',
        `cannot schedule the post at its date, ${post.publishAt.toISOString()}, which has passed: give it a new date with PUT /posts/${postId}`,
      );
    }
    await this.validateForPublishing(organizationId, post);
    return this.applyAndTell(post, 'schedule', { state: 'QUEUE', publishAt: this.upcoming(post.publishAt) }, true);
  }

  /** PUT /posts/:id/settings: merges provider settings into a draft or a scheduled post. */
  async updateSettings(organizationId: string, postId: string, rawBody: unknown): Promise<ChangedPost> {
    const { settings } = parseBody(postSettingsSchema, rawBody);
    const post = await this.root(organizationId, postId);
    const merged = { ...post.settings, ...settings };
    const content = await this.resolveContent(organizationId, post, { settings: merged });
    return this.applyAndTell(post, 'edit', content, false);
  }

  async publishNow(organizationId: string, postId: string, rawBody: unknown): Promise<ChangedPost> {
    const { republish } = parseBody(publishNowSchema, rawBody);
    const post = await this.root(organizationId, postId);
    const action: PostAction =
      post.state === 'QUEUE' ? 'publish-now' : post.state === 'PUBLISHED' && republish ? 'republish' : 'schedule';
    if (action !== 'publish-now') await this.validateForPublishing(organizationId, post);
    const changes: PostChanges = { publishAt: this.now(), ...(action !== 'publish-now' && { state: 'QUEUE' as const }) };
    const changed = await this.apply(post, action, changes);
    const workflow = await this.scheduler.reschedule(changed, true);
    return { post: changed, workflow };
  }

  private async applyAndTell(post: PostRecord, action: PostAction, changes: PostChanges, tell: boolean): Promise<ChangedPost> {
    const changed = await this.apply(post, action, changes);
    if (!tell || changed.state !== 'QUEUE') return { post: changed, workflow: null };
    const workflow = await this.scheduler.reschedule(changed);
    if (workflow === 'started' && !changed.workflowId) {
      await this.posts.setWorkflowIds(changed.organizationId, [{ postId: changed.id, workflowId: postWorkflowId(changed.id) }]);
    }
    return { post: changed, workflow };
  }

  private async apply(post: PostRecord, action: PostAction, changes: PostChanges): Promise<PostRecord> {
    const allowed = checkPostAction(post.state, action);
    if (!allowed.ok) throw new AppError('CONFLICT', allowed.reason);
    const result = await this.edits.apply(post.organizationId, post.id, action, changes);
    if (result.ok) return result.post;
    if (result.state === 'missing') throw new AppError('NOT_FOUND', `No post ${post.id} in this organization`);
    // The post changed under us (the worker claimed it, say): explain with its state now.
    const now = checkPostAction(result.state, action);
    throw new AppError('CONFLICT', now.ok ? `The post changed while it was being ${action}d; try again.` : now.reason);
  }

  /** Root posts only: a thread item is edited through its root's `value`. */
  private async root(organizationId: string, postId: string): Promise<PostRecord> {
    const post = await this.posts.findForOrganization(organizationId, postId);
    if (!post) throw new AppError('NOT_FOUND', `No post ${postId} in this organization`);
    if (post.parentPostId) {
      throw new AppError('CONFLICT', `Post ${postId} is a comment of post ${post.parentPostId}: change it through that post's value.`);
    }
    return post;
  }

  /** The new content, thread and settings, checked against the channel's rules. */
  private async resolveContent(
    organizationId: string,
    post: PostRecord,
    body: Pick<UpdatePostBody, 'value' | 'settings'>,
  ): Promise<Pick<PostChanges, 'content' | 'media' | 'settings' | 'thread'>> {
    if (!body.value && !body.settings) return {};
    const value = body.value ?? [
      { content: post.content, image: post.media.map((m) => ({ id: m.id, path: m.path })) },
      ...post.thread.map((t) => ({ content: t.content, image: [], delay: t.delayMinutes })),
    ];
    const ctx = await this.contexts.load(organizationId, {
      integrationIds: [post.integrationId],
      images: value.flatMap((v) => v.image),
      scheduling: post.state !== 'DRAFT',
    });
    const integration = ctx.integrations.get(post.integrationId);
    if (!integration) throw new AppError('NOT_FOUND', `The channel of post ${post.id} no longer exists`);
    const resolved = resolveChannelPost({ value, settings: body.settings ?? post.settings }, integration, ctx, 'body');
    return body.value ? resolved : { settings: resolved.settings };
  }

  /** A post about to be queued again must still pass its channel's rules (the channel may have changed). */
  private async validateForPublishing(organizationId: string, post: PostRecord): Promise<void> {
    const ctx = await this.contexts.load(organizationId, {
      integrationIds: [post.integrationId],
      images: post.media.map((m) => ({ ...(m.id && { id: m.id }), path: m.path })),
      scheduling: true,
    });
    const integration = usableChannel(post.integrationId, ctx, 'integration.id');
    resolveChannelPost(
      {
        value: [
          { content: post.content, image: post.media.map((m) => ({ ...(m.id && { id: m.id }), path: m.path })) },
          ...post.thread.map((t) => ({ content: t.content, image: [], delay: t.delayMinutes })),
        ],
        settings: post.settings,
      },
      integration,
      ctx,
      'post',
    );
  }

  private instant(date: string): Date {
    const parsed = parseInstant(date);
    if (!parsed.ok) throw AppError.validation('date', parsed.reason);
    return parsed.value;
  }

  /** A time for a queued post: now if it is a moment ago (clocks differ), refused if it has passed. */
  private upcoming(at: Date | undefined): Date | undefined {
    if (!at) return undefined;
    const now = this.now();
    if (at.getTime() < now.getTime() - this.config.SCHEDULE_PAST_GRACE_MS) {
      throw AppError.validation('date', `is in the past (${at.toISOString()}); use POST /posts/:id/publish-now to publish at once`);
    }
    return at.getTime() < now.getTime() ? now : at;
  }
}

/** Which action a PUT /posts/:id is: a move, a plain edit, a new schedule, or a republish. */
function updateAction(state: PostState, publishAt: Date | undefined, republish: boolean): PostAction {
  if (state === 'PUBLISHED') {
    if (!republish) {
      throw new AppError('CONFLICT', 'The post is already published; to publish it again, send republish: true (and a date, or it goes out now).');
    }
    return 'republish';
  }
  if (state === 'ERROR' && publishAt) return 'schedule';
  if (publishAt && state === 'QUEUE') return 'move';
  if (publishAt && state === 'DRAFT') return 'move';
  return 'edit';
}
