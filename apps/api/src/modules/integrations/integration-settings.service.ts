import { Injectable } from '@nestjs/common';
import { IntegrationRepository } from '@herald/db';
import { PROVIDER_RULES, PROVIDER_SETTINGS_SCHEMAS, type ProviderSettingsSchema, describeProviderRules } from '@herald/domain';
import { channelNotFound } from './channel-not-found.util';

export interface IntegrationSettingsView {
  output: {
    /** The network's media rules in a sentence. */
    rules: string;
    maxLength: number;
    /** JSON Schema of the post's `settings` for this network. */
    settings: ProviderSettingsSchema;
    /** Postiz's provider tools (integration-trigger); Herald has none. */
    tools: never[];
  };
}

@Injectable()
export class IntegrationSettingsService {
  constructor(private readonly integrations: IntegrationRepository) {}

  /** GET /integration-settings/:id: what a post to this channel may hold, in Postiz's shape. */
  async get(organizationId: string, integrationId: string): Promise<IntegrationSettingsView> {
    const integration = await this.integrations.findForOrganization(organizationId, integrationId);
    if (!integration) throw channelNotFound(integrationId);
    const { provider } = integration;
    return {
      output: {
        rules: describeProviderRules(provider),
        maxLength: PROVIDER_RULES[provider].maxLength,
        settings: PROVIDER_SETTINGS_SCHEMAS[provider],
        tools: [],
      },
    };
  }
}
