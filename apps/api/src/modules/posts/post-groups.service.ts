import { Inject, Injectable } from '@nestjs/common';
import { PostEditRepository, type PostRecord, PostRepeatRepository, PostRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { moveGroupSchema } from './dto/update-post.schema';
import { parseBody } from './dto/parse-body.util';
import { type ChangedPost, PostChangesService } from './post-changes.service';
import { PublishScheduler } from './publish-scheduler.service';

export interface GroupMove {
  moved: ChangedPost[];
  /** Posts of the group that could not move (published already, being published), with why. */
  notMoved: Array<{ postId: string; state: string; reason: string }>;
}

/**
 * A composer save is a group: the same content to several channels, one post per channel, each
 * living and failing on its own. The group is read, moved and deleted as one.
 */
@Injectable()
export class PostGroupsService {
  constructor(
    private readonly posts: PostRepository,
    private readonly edits: PostEditRepository,
    private readonly repeats: PostRepeatRepository,
    private readonly changes: PostChangesService,
    private readonly scheduler: PublishScheduler,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** Stops a post's repeat: no occurrence after the published ones, and the pending one is cancelled. */
  async stopRepeat(organizationId: string, postId: string): Promise<{ cancelled: string[] }> {
    const post = await this.posts.findForOrganization(organizationId, postId);
    if (!post) throw new AppError('NOT_FOUND', `No post ${postId} in this organization`);
    const result = await this.repeats.stop(organizationId, postId, this.now());
    if (!result.stopped) throw new AppError('CONFLICT', `Post ${postId} does not repeat.`);
    await Promise.all(result.deletedIds.map((id) => this.scheduler.cancel(organizationId, id)));
    return { cancelled: result.deletedIds };
  }

  async get(organizationId: string, group: string): Promise<PostRecord[]> {
    const posts = await this.edits.listGroup(organizationId, group);
    if (posts.length === 0) throw new AppError('NOT_FOUND', `No group ${group} in this organization`);
    return posts;
  }

  /** Moves every post of the group that can move; the others are listed with the reason. */
  async move(organizationId: string, group: string, rawBody: unknown): Promise<GroupMove> {
    const body = parseBody(moveGroupSchema, rawBody);
    const result: GroupMove = { moved: [], notMoved: [] };
    for (const post of await this.get(organizationId, group)) {
      try {
        result.moved.push(await this.changes.update(organizationId, post.id, body));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
        result.notMoved.push({ postId: post.id, state: post.state, reason: error.message });
      }
    }
    return result;
  }

  /**
   * Deletes the whole group, as Postiz does, and cancels the pending publishes. A post being
   * published cannot be stopped, and a published one stays (it is on the network): the others
   * are deleted, and a 409 says which remain and why, so a client never reads "deleted" for a
   * post that went out.
   */
  async delete(organizationId: string, group: string): Promise<{ deleted: string[] }> {
    const result = await this.posts.softDeleteGroup(organizationId, group, this.now());
    await this.repeats.stopGroup(organizationId, group, this.now());
    const kept = [...result.publishingIds, ...result.publishedIds];
    if (result.deletedIds.length === 0 && kept.length === 0) {
      throw new AppError('NOT_FOUND', `No group ${group} in this organization`);
    }
    await Promise.all(result.deletedIds.map((postId) => this.scheduler.cancel(organizationId, postId)));
    if (kept.length > 0) {
      const why = [
        ...result.publishingIds.map((id) => `post ${id} is being published right now`),
        ...result.publishedIds.map((id) => `post ${id} is already published (it stays on the network and in Herald)`),
      ];
      throw new AppError('CONFLICT', `Not deleted: ${why.join('; ')}. ${result.deletedIds.length} other post(s) of the group were deleted.`);
    }
    return { deleted: result.deletedIds };
  }
}
