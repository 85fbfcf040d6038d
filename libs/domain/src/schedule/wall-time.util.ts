// A wall-clock time of day, 'HH:mm' on a 24-hour clock. Seconds are not part of a schedule: slots
// and repeats are set to the minute, and 24:00 is spelled 00:00 of the next day.
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of 'HH:mm', or null when it is not a 24-hour time. */
export function parseWallTime(text: string): number | null {
  const match = WALL_TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Like parseWallTime, for times that were validated before and must be valid. */
export function wallTimeToMinutes(text: string): number {
  const minutes = parseWallTime(text);
  if (minutes === null) throw new RangeError(`not a wall-clock time 'HH:mm': ${JSON.stringify(text)}`);
  return minutes;
}

/** 'HH:mm' of a count of minutes since midnight (0–1439). */
export function formatWallTime(minutes: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
