import type { IntegrationDetails } from '@herald/db';
import { channelWarning } from '@herald/domain';

/**
 * A channel as GET /integrations answers it: Postiz's fields (`customer` only when it has one,
 * as Postiz leaves it out otherwise), then Herald's: what the user must do about the login,
 * and the posting time slots with the zone they are read in.
 */
export function toIntegrationView(integration: IntegrationDetails, now: Date) {
  const { customer } = integration;
  return {
    id: integration.id,
    name: integration.name,
    identifier: integration.provider,
    picture: integration.picture,
    disabled: integration.disabled,
    profile: integration.profile,
    ...(customer && { customer: { id: customer.id, name: customer.name } }),
    refreshNeeded: integration.refreshNeeded,
    tokenExpiresAt: integration.tokenExpiresAt?.toISOString() ?? null,
    warning: channelWarning(integration, now),
    postingTimes: integration.postingTimes,
    timeZone: integration.slotTimeZone,
  };
}

export type IntegrationView = ReturnType<typeof toIntegrationView>;
