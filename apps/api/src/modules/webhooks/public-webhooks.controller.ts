import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { z } from 'zod';
import { ApiDoc } from '../docs/api-doc.decorator';
import { ERRORS } from '../docs/common-schemas';
import { createWebhookSchema } from './dto/create-webhook.schema';

const webhookSchema = z.object({ id: z.string(), name: z.string(), url: z.string(), integrations: z.array(z.string()), createdAt: z.string() });
import { OrganizationId } from '../auth/organization-id.decorator';
import { WebhooksService } from './webhooks.service';

/** Herald: URLs called after each publication or failure of the organization's posts. */
@Controller('public/v1/webhooks')
@UseGuards(ApiKeyGuard)
export class PublicWebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiDoc({
    summary: 'Register a webhook',
    description: 'Herald POSTs `{event, deliveredAt, post}` after each publication or failure, signed: `x-herald-signature: sha256=<HMAC-SHA256 of "<x-herald-timestamp>.<body>">` with the secret, shown only in this answer.',
    origin: 'Herald',
    body: createWebhookSchema,
    responses: { 201: { description: 'The webhook, with its secret', schema: webhookSchema.extend({ secret: z.string() }) }, 400: ERRORS[400], 401: ERRORS[401] },
  })
  /** { name, url, integrations? } → the webhook with its secret, shown this once. */
  @Post()
  @HttpCode(201)
  create(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.webhooks.create(organizationId, body);
  }

  @ApiDoc({ summary: "The organization's webhooks", origin: 'Herald', responses: { 200: { description: 'Without their secrets', schema: z.array(webhookSchema) }, 401: ERRORS[401] } })
  @Get()
  list(@OrganizationId() organizationId: string) {
    return this.webhooks.list(organizationId);
  }

  @ApiDoc({
    summary: 'Delete a webhook',
    origin: 'Herald',
    params: { id: 'the webhook id' },
    responses: { 200: { description: 'Deleted', schema: z.object({ error: z.literal(false) }) }, 401: ERRORS[401], 404: ERRORS[404] },
  })
  /** Answers JSON, as the posts' DELETE does. */
  @Delete(':id')
  async remove(@OrganizationId() organizationId: string, @Param('id') id: string) {
    await this.webhooks.delete(organizationId, id);
    return { error: false };
  }
}
