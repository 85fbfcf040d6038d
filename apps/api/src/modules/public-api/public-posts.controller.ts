import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { toPostResponse } from '../posts/post-response.mapper';
import { PostsService } from '../posts/posts.service';

/** Postiz public API v1: posts. */
@Controller('public/v1/posts')
@UseGuards(ApiKeyGuard)
export class PublicPostsController {
  constructor(private readonly posts: PostsService) {}

  @Post()
  @HttpCode(201)
  create(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.posts.create(organizationId, body);
  }

  @Get()
  async list(@OrganizationId() organizationId: string, @Query() query: { startDate?: string; endDate?: string }) {
    const posts = await this.posts.list(organizationId, query);
    return { posts: posts.map((p) => toPostResponse(p, (id) => this.posts.workflowUrl(id))) };
  }

  /** Not in Postiz (its users ask for it): one post with its state, error and release. */
  @Get(':id')
  async get(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return toPostResponse(await this.posts.get(organizationId, id), (wf) => this.posts.workflowUrl(wf));
  }

  /** Deletes the post's whole group, as Postiz does; answers JSON because the Postiz CLI parses it. */
  @Delete(':id')
  async remove(@OrganizationId() organizationId: string, @Param('id') id: string) {
    const { deleted } = await this.posts.deleteGroupOf(organizationId, id);
    return { error: false, deleted };
  }
}
