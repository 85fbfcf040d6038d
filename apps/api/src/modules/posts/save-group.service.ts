import { Inject, Injectable } from '@nestjs/common';
import { postWorkflowId } from '@herald/contracts';
import { PostEditRepository, type PostRecord, PostRepository } from '@herald/db';
import { checkPostAction } from '@herald/domain';
import { AppError } from '../../common/app-error';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { buildNewPosts } from './build-new-posts';
import type { CreatePostBody } from './dto/create-post.schema';
import { PostBuildContextService } from './post-build-context.service';
import { PostChangesService } from './post-changes.service';
import { PublishScheduler } from './publish-scheduler.service';

export interface SavedPost {
  post: PostRecord;
  workflow: 'started' | 'pending' | null;
}

/**
 * Postiz's `type: "update"`: the composer saves a group again. Each channel of the request
 * updates that channel's post of the group (content, thread, settings, date), a channel new to
 * the group gets a post, and a channel left out loses its post. Every post is checked before
 * anything changes, so a group with a post being published or already published is refused
 * whole (409) rather than half saved.
 */
@Injectable()
export class SaveGroupService {
  constructor(
    private readonly posts: PostRepository,
    private readonly edits: PostEditRepository,
    private readonly changes: PostChangesService,
    private readonly contexts: PostBuildContextService,
    private readonly scheduler: PublishScheduler,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async save(organizationId: string, body: CreatePostBody): Promise<SavedPost[]> {
    const group = body.posts.find((p) => p.group)?.group;
    if (!group) throw AppError.validation('posts[0].group', 'is required with type "update": it names the group to save');
    const existing = await this.edits.listGroup(organizationId, group);
    if (existing.length === 0) throw new AppError('NOT_FOUND', `No group ${group} in this organization`);
    for (const post of existing) {
      const allowed = checkPostAction(post.state, 'edit');
      if (!allowed.ok) throw new AppError('CONFLICT', `Post ${post.id} (${post.integration.name}): ${allowed.reason}`);
    }
    const byChannel = new Map(existing.map((p) => [p.integrationId, p]));
    const saved: SavedPost[] = [];
    const added = body.posts.filter((item) => !byChannel.has(item.integration.id));
    if (added.length > 0) saved.push(...(await this.add(organizationId, body, group, existing[0]!, added)));
    for (const item of body.posts.filter((i) => byChannel.has(i.integration.id))) {
      const post = byChannel.get(item.integration.id)!;
      const update = { ...(body.date !== undefined && { date: body.date }), ...(body.timeZone && { timeZone: body.timeZone }), value: item.value, settings: item.settings ?? {} };
      saved.push(await this.changes.update(organizationId, post.id, update));
    }
    const left = existing.filter((p) => !body.posts.some((i) => i.integration.id === p.integrationId)).map((p) => p.id);
    const deleted = await this.posts.softDeletePosts(organizationId, left, this.now());
    await Promise.all(deleted.map((id) => this.scheduler.cancel(organizationId, id)));
    return saved;
  }

  /** Channels new to the group: posts in the group's state, at the group's date. */
  private async add(organizationId: string, body: CreatePostBody, group: string, sibling: PostRecord, items: CreatePostBody['posts']): Promise<SavedPost[]> {
    const type = sibling.state === 'DRAFT' ? 'draft' : 'schedule';
    const date = body.date ?? sibling.publishAt.toISOString();
    const ctx = await this.contexts.load(organizationId, {
      integrationIds: items.map((p) => p.integration.id),
      images: items.flatMap((p) => p.value.flatMap((v) => v.image)),
      scheduling: type !== 'draft',
    });
    const { posts } = buildNewPosts({ ...body, type, date, posts: items.map((p) => ({ ...p, group })) }, ctx);
    const created = await this.posts.createMany(organizationId, posts, { channels: ctx.integrations });
    return Promise.all(
      created.map(async (post) => {
        if (post.state !== 'QUEUE') return { post, workflow: null };
        const workflow = await this.scheduler.start(post).then(
          () => 'started' as const,
          () => 'pending' as const,
        );
        if (workflow === 'started') await this.posts.setWorkflowIds(organizationId, [{ postId: post.id, workflowId: postWorkflowId(post.id) }]);
        return { post, workflow };
      }),
    );
  }
}
