import { isValidTimeZone } from '@herald/domain';

const KEY = 'herald.timeZone';

/** The browser's own zone: the default until the user picks another. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isValidTimeZone(zone) ? zone : 'UTC';
}

export function readTimeZone(storage: Storage = localStorage): string {
  const saved = storage.getItem(KEY);
  return saved && isValidTimeZone(saved) ? saved : browserTimeZone();
}

export function saveTimeZone(timeZone: string, storage: Storage = localStorage): void {
  storage.setItem(KEY, timeZone);
}

/** Every IANA zone the browser knows, for the picker; UTC first. */
export function knownTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
