import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import {
  IntegrationRepository,
  MediaRepository,
  OrganizationRepository,
  type PostRecord,
  PostRepository,
} from '@herald/db';
import { parseInstant } from '@herald/domain';
import { AppError } from '../../common/app-error';
import { API_CONFIG, CLOCK, type Clock } from '../../infrastructure/tokens';
import { buildNewPosts } from './build-new-posts';
import { createPostSchema, fieldPath } from './dto/create-post.schema';
import { PublishScheduler } from './publish-scheduler.service';
import { TikTokCreatorInfoService } from '../channels/tiktok-creator-info.service';

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
    private readonly integrations: IntegrationRepository,
    private readonly media: MediaRepository,
    private readonly organizations: OrganizationRepository,
    private readonly scheduler: PublishScheduler,
    private readonly creatorInfo: TikTokCreatorInfoService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly now: Clock,
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
    const images = body.posts.flatMap((p) => p.value.flatMap((v) => v.image));
    const [organization, integrations, mediaById, mediaByPath] = await Promise.all([
      this.organizations.findById(organizationId),
      this.integrations.findManyForOrganization(organizationId, body.posts.map((p) => p.integration.id)),
      this.media.findManyForOrganization(organizationId, images.flatMap((i) => (i.id ? [i.id] : []))),
      this.media.findManyByPath(organizationId, images.map((i) => i.path)),
    ]);
    const tiktokChannels = [...integrations.values()].filter((i) => i.provider === 'tiktok' && body.type !== 'draft');
    const creatorInfo = new Map(
      (await Promise.all(tiktokChannels.map(async (c) => [c.id, await this.creatorInfo.forChannel(c)] as const))).flatMap(
        ([id, info]) => (info ? [[id, info] as const] : []),
      ),
    );
    const newPosts = buildNewPosts(body, {
      creatorInfo,
      tiktokVerifiedUrlPrefixes: this.config.TIKTOK_VERIFIED_URL_PREFIXES,
      now: this.now(),
      mediaPublicUrl: this.config.MEDIA_PUBLIC_URL,
      pastGraceMs: this.config.SCHEDULE_PAST_GRACE_MS,
      defaultTimeZone: organization?.timeZone ?? 'UTC',
      integrations,
      mediaById,
      mediaByPath,
    });

    const created = await this.posts.createMany(organizationId, newPosts);
    const scheduled = created.filter((p) => p.state === 'QUEUE');
    const results = await Promise.allSettled(scheduled.map((p) => this.scheduler.start(p)));
    const started = new Map<string, string>();
    results.forEach((r, i) => r.status === 'fulfilled' && started.set(scheduled[i]!.id, r.value));
    await this.posts.setWorkflowIds(organizationId, [...started].map(([postId, workflowId]) => ({ postId, workflowId })));
    return created.map((p) => {
      const workflow = p.state !== 'QUEUE' ? null : started.has(p.id) ? 'started' : 'pending';
      return {
        postId: p.id,
        integration: p.integrationId,
        group: p.group,
        state: p.state,
        publishAt: p.publishAt.toISOString(),
        workflow,
        ...(workflow === 'pending' && { warning: TEMPORAL_DOWN_WARNING }),
      };
    });
  }

  async list(organizationId: string, query: { startDate?: unknown; endDate?: unknown }): Promise<PostRecord[]> {
    if (query.startDate === undefined) throw AppError.validation('startDate', 'is required (ISO 8601 with an offset)');
    if (query.endDate === undefined) throw AppError.validation('endDate', 'is required (ISO 8601 with an offset)');
    const from = parseInstant(query.startDate);
    if (!from.ok) throw AppError.validation('startDate', from.reason);
    const to = parseInstant(query.endDate);
    if (!to.ok) throw AppError.validation('endDate', to.reason);
    if (to.value < from.value) throw AppError.validation('endDate', 'is before startDate');
    return this.posts.listForOrganization(organizationId, { from: from.value, to: to.value });
  }

  async get(organizationId: string, id: string): Promise<PostRecord> {
    const post = await this.posts.findForOrganization(organizationId, id);
    if (!post) throw new AppError('NOT_FOUND', `No post ${id} in this organization`);
    return post;
  }

  /** Deletes the post's whole group, as Postiz does, and cancels the pending publishes. */
  async deleteGroupOf(organizationId: string, id: string): Promise<{ deleted: string[] }> {
    const post = await this.get(organizationId, id);
    const result = await this.posts.softDeleteGroup(organizationId, post.group, this.now());
    await Promise.all(result.deletedIds.map((postId) => this.scheduler.cancel(organizationId, postId)));
    if (result.publishingIds.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Post ${result.publishingIds.join(', ')} is being published right now and cannot be deleted; ` +
          `${result.deletedIds.length} other post(s) of the group were deleted.`,
      );
    }
    return { deleted: result.deletedIds };
  }

  workflowUrl(workflowId: string): string {
    return this.scheduler.workflowUrl(workflowId);
  }
}
