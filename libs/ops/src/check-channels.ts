import type { ChannelLogin } from '@herald/db';
import { PROVIDER_DISPLAY_NAMES, channelWarning } from '@herald/domain';
import { type CheckResult, checkResult } from './check-result';

export const CHANNELS_CHECK = 'channels';

/** How many channels the text names; `data` lists them all. */
const CHANNELS_LISTED = 20;

export interface ChannelsCheckData {
  channels: Array<{ id: string; organizationId: string; provider: string; warning: string }>;
}

/**
 * Channels whose login must be renewed by a person: rejected by the network, or a Meta login
 * ending within a week (TikTok's are refreshed by Herald). A warning, not a failure: Herald
 * runs, but these channels' posts will fail until someone reconnects them. Disabled channels
 * are a choice, not a problem, and are left out.
 */
export function checkChannels(candidates: readonly ChannelLogin[], now: Date): CheckResult<ChannelsCheckData> {
  const found = candidates
    .filter((c) => !c.disabled)
    .flatMap((c) => {
      const warning = channelWarning(c, now);
      return warning ? [{ channel: c, warning }] : [];
    });
  const data = {
    channels: found.map(({ channel: c, warning }) => ({ id: c.id, organizationId: c.organizationId, provider: c.provider, warning })),
  };
  if (!found.length) return checkResult(CHANNELS_CHECK, 'ok', 'No channel needs reconnecting, and no Meta login expires within 7 days.', now, { data });
  const shown = found.slice(0, CHANNELS_LISTED);
  const lines = shown.map(
    ({ channel: c, warning }) => `- ${PROVIDER_DISPLAY_NAMES[c.provider]} "${c.name}" (${c.id}) of organization "${c.organizationName}": ${warning}`,
  );
  return checkResult(
    CHANNELS_CHECK,
    'warn',
    [
      `${found.length} channel${found.length === 1 ? ' needs' : 's need'} reconnecting:`,
      ...lines,
      ...(found.length > shown.length ? [`- and ${found.length - shown.length} more (all of them in --json).`] : []),
    ].join('\n'),
    now,
    { fix: 'Ask each organization to reconnect these channels; until then their posts fail with RECONNECT_NEEDED.', data },
  );
}
