import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { toPostResponse } from '../posts/post-response.mapper';
import { type ChangedPost, PostChangesService, workflowWarning } from '../posts/post-changes.service';
import { PostGroupsService } from '../posts/post-groups.service';
import { PostReleaseService } from '../posts/post-release.service';
import { PostsService } from '../posts/posts.service';
import { PostCreationLimitGuard } from '../rate-limit/post-creation-limit.guard';

/** Postiz public API v1: posts; plus what Postiz lacks (marked Herald). */
@Controller('public/v1/posts')
@UseGuards(ApiKeyGuard)
export class PublicPostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly changes: PostChangesService,
    private readonly groups: PostGroupsService,
    private readonly releases: PostReleaseService,
  ) {}

  @Post()
  @HttpCode(201)
  @UseGuards(PostCreationLimitGuard)
  create(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.posts.create(organizationId, body);
  }

  /** Postiz: ?startDate&endDate[&customer]; Herald adds state, integration, limit and cursor. */
  @Get()
  async list(@OrganizationId() organizationId: string, @Query() query: unknown) {
    const { posts, nextCursor } = await this.posts.list(organizationId, query);
    return { posts: posts.map((p) => this.view(p)), nextCursor };
  }

  /** Herald: the posts of a group, one per channel. */
  @Get('group/:group')
  async getGroup(@OrganizationId() organizationId: string, @Param('group') group: string) {
    return { group, posts: (await this.groups.get(organizationId, group)).map((p) => this.view(p)) };
  }

  /** Herald: moves every post of a group to a new time. */
  @Put('group/:group')
  async moveGroup(@OrganizationId() organizationId: string, @Param('group') group: string, @Body() body: unknown) {
    const { moved, notMoved } = await this.groups.move(organizationId, group, body);
    return { group, moved: moved.map((c) => this.changed(c)), notMoved };
  }

  @Delete('group/:group')
  async removeGroup(@OrganizationId() organizationId: string, @Param('group') group: string) {
    const { deleted } = await this.groups.delete(organizationId, group);
    return { error: false, deleted };
  }

  /** Herald (its users ask Postiz for it): one post with its state, error, release and thread. */
  @Get(':id')
  async get(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.view(await this.posts.get(organizationId, id));
  }

  /** Herald: edit the content, thread or settings, move it, or republish it (republish: true). */
  @Put(':id')
  async update(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.changed(await this.changes.update(organizationId, id, body));
  }

  /** Postiz: { status: 'draft' | 'schedule' } → { id, state }. */
  @Put(':id/status')
  async setStatus(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    const changed = await this.changes.setStatus(organizationId, id, body);
    // The post's own id and publishDate are the ones Postiz answers with; the rest is Herald's.
    return this.changed(changed);
  }

  /** Postiz: { settings } merged into a draft or scheduled post → { postId, publishDate }. */
  @Put(':id/settings')
  async updateSettings(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    const changed = await this.changes.updateSettings(organizationId, id, body);
    return { postId: changed.post.id, ...this.changed(changed) };
  }

  /** Herald: publish now instead of at its time ({ republish: true } for a published post). */
  @Post(':id/publish-now')
  @HttpCode(200)
  async publishNow(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.changed(await this.changes.publishNow(organizationId, id, body));
  }

  /** Postiz: candidate network posts `[{id, url}]` for a post sent to the creator's inbox (release id 'missing'). */
  @Get(':id/missing')
  missing(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.releases.candidates(organizationId, id);
  }

  /** Postiz: `{ releaseId }` for a post whose release id is 'missing'. */
  @Put(':id/release-id')
  async setReleaseId(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.view(await this.releases.setReleaseId(organizationId, id, body));
  }

  /** Herald: stops the post's repeat; the pending occurrence is cancelled, published ones stay. */
  @Delete(':id/repeat')
  async stopRepeat(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return { error: false, ...(await this.groups.stopRepeat(organizationId, id)) };
  }

  /** Deletes the post's whole group, as Postiz does; answers JSON because the Postiz CLI parses it. */
  @Delete(':id')
  async remove(@OrganizationId() organizationId: string, @Param('id') id: string) {
    const { deleted } = await this.posts.deleteGroupOf(organizationId, id);
    return { error: false, deleted };
  }

  private view(post: Parameters<typeof toPostResponse>[0]) {
    return toPostResponse(post, (wf) => this.posts.workflowUrl(wf));
  }

  private changed({ post, workflow }: ChangedPost) {
    return { ...this.view(post), workflow, ...workflowWarning(workflow) };
  }
}
