import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { WebhooksService } from './webhooks.service';

/** Herald: URLs called after each publication or failure of the organization's posts. */
@Controller('public/v1/webhooks')
@UseGuards(ApiKeyGuard)
export class PublicWebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** { name, url, integrations? } → the webhook with its secret, shown this once. */
  @Post()
  @HttpCode(201)
  create(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.webhooks.create(organizationId, body);
  }

  @Get()
  list(@OrganizationId() organizationId: string) {
    return this.webhooks.list(organizationId);
  }

  /** Answers JSON, as the posts' DELETE does. */
  @Delete(':id')
  async remove(@OrganizationId() organizationId: string, @Param('id') id: string) {
    await this.webhooks.delete(organizationId, id);
    return { error: false };
  }
}
