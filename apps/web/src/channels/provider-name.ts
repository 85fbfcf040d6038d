import { PROVIDER_DISPLAY_NAMES, type ProviderId, isProviderId } from '@herald/domain';

/** 'Facebook Page' for 'facebook'; an identifier Herald does not know is shown as it is. */
export function providerName(identifier: ProviderId | string): string {
  return isProviderId(identifier) ? PROVIDER_DISPLAY_NAMES[identifier] : identifier;
}
