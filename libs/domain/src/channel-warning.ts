import type { ProviderId } from './provider.types';

/** Warn this long before a login that cannot be refreshed expires. */
export const EXPIRY_WARNING_MS = 7 * 24 * 3600_000;

/** Networks whose tokens Herald renews by itself; the others need the user to reconnect. */
const REFRESHABLE: ReadonlySet<ProviderId> = new Set(['tiktok']);

export interface ChannelState {
  provider: ProviderId;
  refreshNeeded: boolean;
  disabled: boolean;
  tokenExpiresAt: Date | null;
}

/** What the user must do about a channel, in a sentence, or null when nothing. */
export function channelWarning(channel: ChannelState, now: Date): string | null {
  if (channel.disabled) return 'This channel is disabled: posts to it are not published.';
  if (channel.refreshNeeded) return 'The network no longer accepts this channel\'s login: reconnect it before scheduling to it.';
  if (!channel.tokenExpiresAt || REFRESHABLE.has(channel.provider)) return null;
  const left = channel.tokenExpiresAt.getTime() - now.getTime();
  if (left <= 0) return `This channel's login expired on ${channel.tokenExpiresAt.toISOString()}: reconnect it.`;
  if (left <= EXPIRY_WARNING_MS) {
    const days = Math.max(1, Math.round(left / (24 * 3600_000)));
    return `This channel's login expires in ${days} day${days === 1 ? '' : 's'} (${channel.tokenExpiresAt.toISOString()}) and Meta does not let Herald renew it: reconnect it before then.`;
  }
  return null;
}
