import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { IntegrationRepository, type WebhookRecord, WebhookRepository } from '@herald/db';
import { checkWebhookUrl } from '@herald/providers';
import { AppError } from '../../common/app-error';
import { API_CONFIG } from '../../infrastructure/tokens';
import { parseBody } from '../posts/dto/parse-body.util';
import { createWebhookSchema } from './dto/create-webhook.schema';

export interface WebhookResponse {
  id: string;
  name: string;
  url: string;
  /** Channel ids; empty: every channel of the organization. */
  integrations: string[];
  createdAt: string;
}

/** Only the answer to its creation carries the signing secret. */
export interface CreatedWebhookResponse extends WebhookResponse {
  secret: string;
}

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly integrations: IntegrationRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Registers a webhook; Herald generates its secret and shows it in this answer only. */
  async create(organizationId: string, rawBody: unknown): Promise<CreatedWebhookResponse> {
    const body = parseBody(createWebhookSchema, rawBody);
    await this.checkUrl(body.url);
    await this.checkIntegrations(organizationId, body.integrations);
    const created = await this.webhooks.create(organizationId, { name: body.name, url: body.url, integrationIds: body.integrations });
    return { ...toWebhookResponse(created), secret: created.secret };
  }

  async list(organizationId: string): Promise<WebhookResponse[]> {
    return (await this.webhooks.list(organizationId)).map(toWebhookResponse);
  }

  async delete(organizationId: string, id: string): Promise<void> {
    if (!(await this.webhooks.delete(organizationId, id))) throw new AppError('NOT_FOUND', `No webhook ${id} in this organization`);
  }

  /** The worker checks again before each delivery; this tells the user now rather than never. */
  private async checkUrl(url: string): Promise<void> {
    const check = await checkWebhookUrl(url, { allowedOrigins: this.config.WEBHOOK_ALLOWED_ORIGINS });
    if (!check.ok) throw AppError.validation('url', check.reason);
  }

  private async checkIntegrations(organizationId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.integrations.findManyForOrganization(organizationId, ids);
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw AppError.validation(`integrations[${missing}]`, `is not a channel of this organization (${ids[missing]})`);
  }
}

function toWebhookResponse(webhook: WebhookRecord): WebhookResponse {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    integrations: webhook.integrationIds,
    createdAt: webhook.createdAt.toISOString(),
  };
}
