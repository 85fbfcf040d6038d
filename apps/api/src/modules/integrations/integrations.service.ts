import { Inject, Injectable } from '@nestjs/common';
import { IntegrationRepository } from '@herald/db';
import { channelWarning } from '@herald/domain';
import { CLOCK, type Clock } from '../../infrastructure/tokens';

@Injectable()
export class IntegrationsService {
  constructor(
    private readonly integrations: IntegrationRepository,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** The organization's channels in the shape Postiz clients read, with what the user must do. */
  async list(organizationId: string) {
    const rows = await this.integrations.listForOrganization(organizationId);
    const now = this.now();
    return rows.map((i) => ({
      id: i.id,
      name: i.name,
      identifier: i.provider,
      picture: i.picture,
      disabled: i.disabled,
      profile: i.profile,
      customer: null,
      refreshNeeded: i.refreshNeeded,
      tokenExpiresAt: i.tokenExpiresAt?.toISOString() ?? null,
      warning: channelWarning(i, now),
    }));
  }
}
