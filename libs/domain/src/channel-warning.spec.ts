import { channelWarning } from './channel-warning';

const now = new Date('2026-12-03T12:00:00Z');
const base = { provider: 'facebook' as const, refreshNeeded: false, disabled: false, tokenExpiresAt: null };

describe(channelWarning.name, () => {
  it('should say nothing about a healthy channel or a far expiry', () => {
    expect(channelWarning(base, now)).toBeNull();
    expect(channelWarning({ ...base, tokenExpiresAt: new Date('2027-01-30T00:00:00Z') }, now)).toBeNull();
  });

  it('should warn a week ahead when a Meta login expires, with the date', () => {
    const warning = channelWarning({ ...base, provider: 'instagram', tokenExpiresAt: new Date('2026-12-06T12:00:00Z') }, now);
    expect(warning).toMatch(/expires in 3 days \(2026-12-06T12:00:00.000Z\).*reconnect it before then/);
  });

  it('should not warn about TikTok, whose tokens Herald refreshes', () => {
    expect(channelWarning({ ...base, provider: 'tiktok', tokenExpiresAt: new Date('2026-12-03T13:00:00Z') }, now)).toBeNull();
  });

  it('should ask to reconnect a channel the network refused', () => {
    expect(channelWarning({ ...base, refreshNeeded: true }, now)).toMatch(/reconnect it/);
  });
});
