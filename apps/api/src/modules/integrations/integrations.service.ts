import { Injectable } from '@nestjs/common';
import { IntegrationRepository } from '@herald/db';

@Injectable()
export class IntegrationsService {
  constructor(private readonly integrations: IntegrationRepository) {}

  /** The organization's channels in the shape Postiz clients read. */
  async list(organizationId: string) {
    const rows = await this.integrations.listForOrganization(organizationId);
    return rows.map((i) => ({
      id: i.id,
      name: i.name,
      identifier: i.provider,
      picture: i.picture,
      disabled: i.disabled,
      profile: i.profile,
      customer: null,
      refreshNeeded: i.refreshNeeded,
    }));
  }
}
