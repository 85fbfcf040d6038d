import type { ChannelLogin } from '@herald/db';
import { checkChannels } from './check-channels';

const NOW = new Date('2026-12-03T12:00:00Z');

function channel(overrides: Partial<ChannelLogin>): ChannelLogin {
  return {
    id: 'i1',
    organizationId: 'o1',
    organizationName: 'Bakery',
    name: 'Cafe',
    provider: 'facebook',
    disabled: false,
    refreshNeeded: false,
    tokenExpiresAt: null,
    ...overrides,
  };
}

describe(checkChannels.name, () => {
  it('should warn about a channel to reconnect and a Meta login ending within a week, naming channel and organization', () => {
    const check = checkChannels(
      [channel({ refreshNeeded: true }), channel({ id: 'i2', name: 'Cafe IG', provider: 'instagram', tokenExpiresAt: new Date('2026-12-06T12:00:00Z') })],
      NOW,
    );

    expect(check.status).toBe('warn');
    expect(check.detail.split('\n')).toEqual([
      '2 channels need reconnecting:',
      expect.stringMatching(/^- Facebook Page "Cafe" \(i1\) of organization "Bakery": .*reconnect it/),
      expect.stringMatching(/^- Instagram \(Facebook login\) "Cafe IG" \(i2\) of organization "Bakery": This channel's login expires in 3 days/),
    ]);
  });

  it('should leave alone a TikTok login Herald renews itself, and a channel disabled on purpose', () => {
    const check = checkChannels(
      [channel({ provider: 'tiktok', tokenExpiresAt: new Date('2026-12-03T13:00:00Z') }), channel({ disabled: true, refreshNeeded: true })],
      NOW,
    );

    expect(check.status).toBe('ok');
  });
});
