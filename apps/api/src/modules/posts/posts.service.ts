import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type ListedPost, type NewPost, type PostRecord, PostRepository } from '@herald/db';
import { parseInstant } from '@herald/domain';
import { AppError } from '../../common/app-error';
import { PostingSlotsService } from '../integrations/posting-slots.service';
import { type BuildContext, buildNewPosts } from './build-new-posts';
import { type CreatePostBody, createPostSchema, fieldPath } from './dto/create-post.schema';
import { decodeCursor, encodeCursor, listPostsSchema } from './dto/list-posts.schema';
import { parseBody } from './dto/parse-body.util';
import { PostBuildContextService } from './post-build-context.service';
import { PostGroupsService } from './post-groups.service';
import { PublishScheduler } from './publish-scheduler.service';
import { SaveGroupService } from './save-group.service';

export interface CreatedPost {
  postId: string;
  integration: string;
  group: string;
  state: string;
  publishAt: string;
  /** started: its workflow runs; pending: saved, the sweep starts it when Temporal is back. */
  workflow: 'started' | 'pending' | null;
  warning?: string;
}

const TEMPORAL_DOWN_WARNING =
  'Temporal is not reachable right now: the post is saved, and its publication will be scheduled as soon as Temporal is back.';

@Injectable()
export class PostsService {
  constructor(
    private readonly posts: PostRepository,
    private readonly contexts: PostBuildContextService,
    private readonly scheduler: PublishScheduler,
    private readonly groups: PostGroupsService,
    private readonly saveGroup: SaveGroupService,
    private readonly slots: PostingSlotsService,
  ) {}

  /**
   * Stores the posts and starts one workflow per scheduled post. If Temporal cannot be reached,
   * the posts stay saved and the answer says so: the sweep (a workflow in the worker) starts
   * every QUEUE post that has no workflow as soon as Temporal is back, and the workflow decides
   * by the post's publish time and the organization's lateness policy.
   */
  async create(organizationId: string, rawBody: unknown): Promise<CreatedPost[]> {
    const parsed = createPostSchema.safeParse(rawBody);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw AppError.validation(fieldPath(issue.path) || 'body', issue.message);
    }
    const body = parsed.data;
    if (body.type === 'update') return (await this.saveGroup.save(organizationId, body)).map(({ post, workflow }) => createdView(post, workflow));
    const ctx = await this.contexts.load(organizationId, {
      integrationIds: body.posts.map((p) => p.integration.id),
      images: body.posts.flatMap((p) => p.value.flatMap((v) => v.image)),
      scheduling: body.type !== 'draft',
    });
    const { posts: newPosts, repeat } = body.type === 'queue' ? await this.inNextSlots(organizationId, body, ctx) : buildNewPosts(body, ctx);

    const created = await this.posts.createMany(organizationId, newPosts, { ...(repeat && { repeat }), channels: ctx.integrations });
    const scheduled = created.filter((p) => p.state === 'QUEUE');
    const results = await Promise.allSettled(scheduled.map((p) => this.scheduler.start(p)));
    const started = new Map<string, string>();
    results.forEach((r, i) => r.status === 'fulfilled' && started.set(scheduled[i]!.id, r.value));
    await this.posts.setWorkflowIds(organizationId, [...started].map(([postId, workflowId]) => ({ postId, workflowId })));
    return created.map((p) => createdView(p, p.state !== 'QUEUE' ? null : started.has(p.id) ? 'started' : 'pending'));
  }

  /**
   * `type: "queue"`: each channel's post at that channel's next free time slot (in its zone), as
   * one group. Two requests at the same moment may be given the same slot: a slot is a
   * convenience, not a lock.
   */
  private async inNextSlots(organizationId: string, body: CreatePostBody, ctx: BuildContext): Promise<ReturnType<typeof buildNewPosts>> {
    if (body.date !== undefined) throw AppError.validation('date', 'must not be given with type "queue": each channel takes its next free time slot');
    if (body.repeat !== undefined || body.inter) throw AppError.validation(body.repeat !== undefined ? 'repeat' : 'inter', 'cannot start at a time slot: give the first date with type "schedule"');
    const group = body.posts.find((p) => p.group)?.group ?? randomUUID();
    const posts: NewPost[] = [];
    for (const [i, item] of body.posts.entries()) {
      const field = `posts[${i}].integration.id`;
      if (!ctx.integrations.has(item.integration.id)) throw AppError.validation(field, 'is not a channel of this organization');
      const slot = await this.slots.nextFreeSlot(organizationId, item.integration.id, ctx.now);
      if (!slot) throw AppError.validation(field, 'has no free time slot within a year: set its time slots with PUT /integrations/:id/time-slots');
      const built = buildNewPosts({ ...body, type: 'schedule', date: slot.toISOString(), posts: [{ ...item, group }] }, ctx);
      posts.push({ ...built.posts[0]!, publishAt: slot });
    }
    return { posts };
  }

  /** One period's posts (Postiz), filtered and paged (Herald); `nextCursor` when a page is full. */
  async list(organizationId: string, rawQuery: unknown): Promise<{ posts: ListedPost[]; nextCursor: string | null }> {
    const query = parseBody(listPostsSchema, rawQuery);
    const from = parseInstant(query.startDate);
    if (!from.ok) throw AppError.validation('startDate', from.reason);
    const to = parseInstant(query.endDate);
    if (!to.ok) throw AppError.validation('endDate', to.reason);
    if (to.value < from.value) throw AppError.validation('endDate', 'is before startDate');
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw AppError.validation('cursor', 'is not a cursor this API gave');
    const posts = await this.posts.listForOrganization(organizationId, {
      from: from.value,
      to: to.value,
      ...(query.state && { states: query.state }),
      ...(query.integration && { integrationIds: query.integration }),
      ...(query.customer && { customerId: query.customer }),
      ...(query.limit !== undefined && { limit: query.limit }),
      ...(after && { after }),
    });
    const last = posts[posts.length - 1];
    const full = query.limit !== undefined && posts.length === query.limit;
    return { posts, nextCursor: full && last ? encodeCursor(last) : null };
  }

  async get(organizationId: string, id: string): Promise<PostRecord> {
    const post = await this.posts.findForOrganization(organizationId, id);
    if (!post) throw new AppError('NOT_FOUND', `No post ${id} in this organization`);
    return post;
  }

  /** Deletes the post's whole group, as Postiz does, and cancels the pending publishes. */
  async deleteGroupOf(organizationId: string, id: string): Promise<{ deleted: string[] }> {
    const post = await this.get(organizationId, id);
    return this.groups.delete(organizationId, post.group);
  }

  workflowUrl(workflowId: string): string {
    return this.scheduler.workflowUrl(workflowId);
  }
}

function createdView(p: PostRecord, workflow: CreatedPost['workflow']): CreatedPost {
  return {
    postId: p.id,
    integration: p.integrationId,
    group: p.group,
    state: p.state,
    publishAt: p.publishAt.toISOString(),
    workflow,
    ...(workflow === 'pending' && { warning: TEMPORAL_DOWN_WARNING }),
  };
}
