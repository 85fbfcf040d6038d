import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ApiDoc } from '../docs/api-doc.decorator';
import { ERRORS, errorBodySchema } from '../docs/common-schemas';
import { createPostSchema } from '../posts/dto/create-post.schema';
import { listPostsSchema } from '../posts/dto/list-posts.schema';
import {
  changedPostResponseSchema,
  createdPostsResponseSchema,
  deletedResponseSchema,
  postListResponseSchema,
  postResponseSchema,
} from '../posts/dto/post-response.schema';
import { moveGroupSchema, postSettingsSchema, postStatusSchema, publishNowSchema, updatePostSchema } from '../posts/dto/update-post.schema';
import { releaseIdSchema } from '../posts/post-release.service';
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
  @ApiDoc({
    summary: 'Schedule, publish now or save as a draft, to one or more channels',
    description: 'value[0] is the post, value[1..] its thread (comments). `date` must carry Z or an offset. `repeat` or `inter` repeats it. `type: "update"` saves an existing group again.',
    origin: 'Postiz',
    body: createPostSchema,
    responses: {
      201: { description: 'One entry per channel', schema: createdPostsResponseSchema },
      400: ERRORS[400],
      401: ERRORS[401],
      409: ERRORS[409],
      429: { description: 'More than API_LIMIT creations this hour', schema: errorBodySchema, headers: { 'Retry-After': 'seconds to wait' } },
      503: ERRORS[503],
    },
  })
  create(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.posts.create(organizationId, body);
  }

  /** Postiz: ?startDate&endDate[&customer]; Herald adds state, integration, limit and cursor. */
  @Get()
  @ApiDoc({
    summary: 'The posts of a period',
    description: 'Root posts whose publish time is in [startDate, endDate]; Herald adds filters and, with `limit`, pages (`cursor` from `nextCursor`).',
    origin: 'Postiz',
    query: listPostsSchema,
    responses: { 200: { description: 'The posts, earliest first', schema: postListResponseSchema }, 400: ERRORS[400], 401: ERRORS[401] },
  })
  async list(@OrganizationId() organizationId: string, @Query() query: unknown) {
    const { posts, nextCursor } = await this.posts.list(organizationId, query);
    return { posts: posts.map((p) => this.view(p)), nextCursor };
  }

  /** Herald: the posts of a group, one per channel. */
  @Get('group/:group')
  @ApiDoc({
    summary: "A group's posts, one per channel",
    origin: 'Herald',
    params: { group: 'the group id POST /posts answered' },
    responses: { 200: { description: 'The group', schema: z.object({ group: z.string(), posts: z.array(postResponseSchema) }) }, 401: ERRORS[401], 404: ERRORS[404] },
  })
  async getGroup(@OrganizationId() organizationId: string, @Param('group') group: string) {
    return { group, posts: (await this.groups.get(organizationId, group)).map((p) => this.view(p)) };
  }

  /** Herald: moves every post of a group to a new time. */
  @Put('group/:group')
  @ApiDoc({
    summary: 'Move every post of a group to a new time',
    origin: 'Herald',
    params: { group: 'the group id' },
    body: moveGroupSchema,
    responses: {
      200: {
        description: 'What moved, and what could not (published, being published) with why',
        schema: z.object({ group: z.string(), moved: z.array(changedPostResponseSchema), notMoved: z.array(z.object({ postId: z.string(), state: z.string(), reason: z.string() })) }),
      },
      400: ERRORS[400],
      401: ERRORS[401],
      404: ERRORS[404],
    },
  })
  async moveGroup(@OrganizationId() organizationId: string, @Param('group') group: string, @Body() body: unknown) {
    const { moved, notMoved } = await this.groups.move(organizationId, group, body);
    return { group, moved: moved.map((c) => this.changed(c)), notMoved };
  }

  @Delete('group/:group')
  @ApiDoc({
    summary: 'Delete a group',
    description: 'Published posts and posts being published stay (409 names them); the others are deleted and their pending publishes cancelled.',
    origin: 'Postiz',
    params: { group: 'the group id' },
    responses: { 200: { description: 'Deleted', schema: deletedResponseSchema }, 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
  async removeGroup(@OrganizationId() organizationId: string, @Param('group') group: string) {
    const { deleted } = await this.groups.delete(organizationId, group);
    return { error: false, deleted };
  }

  /** Herald (its users ask Postiz for it): one post with its state, error, release and thread. */
  @Get(':id')
  @ApiDoc({
    summary: 'One post: its state, error, release and thread',
    origin: 'Herald',
    params: { id: 'the post id' },
    responses: { 200: { description: 'The post', schema: postResponseSchema }, 401: ERRORS[401], 404: ERRORS[404] },
  })
  async get(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.view(await this.posts.get(organizationId, id));
  }

  /** Herald: edit the content, thread or settings, move it, or republish it (republish: true). */
  @Put(':id')
  @ApiDoc({
    summary: 'Edit, move or republish a post',
    description: 'A new `date` moves the pending publish. A published post is published again only with `republish: true`. 409 while it is being published.',
    origin: 'Herald',
    params: { id: 'the post id' },
    body: updatePostSchema,
    responses: { 200: { description: 'The post after the change', schema: changedPostResponseSchema }, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
  async update(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.changed(await this.changes.update(organizationId, id, body));
  }

  /** Postiz: { status: 'draft' | 'schedule' } → { id, state }. */
  @Put(':id/status')
  @ApiDoc({
    summary: 'Turn a post into a draft, or schedule a draft at its date',
    origin: 'Postiz',
    params: { id: 'the post id' },
    body: postStatusSchema,
    responses: { 200: { description: 'The post (Postiz reads id and state)', schema: changedPostResponseSchema }, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
  async setStatus(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    const changed = await this.changes.setStatus(organizationId, id, body);
    // The post's own id and publishDate are the ones Postiz answers with; the rest is Herald's.
    return this.changed(changed);
  }

  /** Postiz: { settings } merged into a draft or scheduled post → { postId, publishDate }. */
  @Put(':id/settings')
  @ApiDoc({
    summary: "Merge provider settings into a draft or scheduled post",
    origin: 'Postiz',
    params: { id: 'the post id' },
    body: postSettingsSchema,
    responses: { 200: { description: 'The post (Postiz reads postId and publishDate)', schema: changedPostResponseSchema.extend({ postId: z.string() }) }, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
  async updateSettings(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    const changed = await this.changes.updateSettings(organizationId, id, body);
    return { postId: changed.post.id, ...this.changed(changed) };
  }

  /** Herald: publish now instead of at its time ({ republish: true } for a published post). */
  @Post(':id/publish-now')
  @ApiDoc({
    summary: 'Publish a post now instead of at its time',
    origin: 'Herald',
    params: { id: 'the post id' },
    body: publishNowSchema,
    responses: { 200: { description: 'The post, queued for now', schema: changedPostResponseSchema }, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
  @HttpCode(200)
  async publishNow(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.changed(await this.changes.publishNow(organizationId, id, body));
  }

  /** Postiz: candidate network posts `[{id, url}]` for a post sent to the creator's inbox (release id 'missing'). */
  @Get(':id/missing')
  @ApiDoc({
    summary: "Candidate network posts for a post sent to the creator's inbox",
    origin: 'Postiz',
    params: { id: 'the post id (its releaseId is "missing")' },
    responses: {
      200: { description: "The account's latest posts", schema: z.array(z.object({ id: z.string(), url: z.string().nullable(), createdAt: z.string().nullable(), text: z.string().nullable() })) },
      401: ERRORS[401],
      404: ERRORS[404],
      409: ERRORS[409],
    },
  })
  missing(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.releases.candidates(organizationId, id);
  }

  /** Postiz: `{ releaseId }` for a post whose release id is 'missing'. */
  @Put(':id/release-id')
  @ApiDoc({
    summary: 'Record the network post an inbox post became',
    origin: 'Postiz',
    params: { id: 'the post id (its releaseId is "missing")' },
    body: releaseIdSchema,
    responses: { 200: { description: 'The post', schema: postResponseSchema }, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
  async setReleaseId(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.view(await this.releases.setReleaseId(organizationId, id, body));
  }

  /** Herald: stops the post's repeat; the pending occurrence is cancelled, published ones stay. */
  @Delete(':id/repeat')
  @ApiDoc({
    summary: "Stop a post's repeat",
    origin: 'Herald',
    params: { id: 'an occurrence of the repeat' },
    responses: { 200: { description: 'The cancelled pending occurrences', schema: z.object({ error: z.literal(false), cancelled: z.array(z.string()) }) }, 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
  async stopRepeat(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return { error: false, ...(await this.groups.stopRepeat(organizationId, id)) };
  }

  /** Deletes the post's whole group, as Postiz does; answers JSON because the Postiz CLI parses it. */
  @Delete(':id')
  @ApiDoc({
    summary: "Delete the post's whole group (as Postiz does)",
    description: 'Published posts and posts being published stay (409 names them).',
    origin: 'Postiz',
    params: { id: 'the post id' },
    responses: { 200: { description: 'Deleted', schema: deletedResponseSchema }, 401: ERRORS[401], 404: ERRORS[404], 409: ERRORS[409] },
  })
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
