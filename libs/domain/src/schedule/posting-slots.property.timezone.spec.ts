import { nextFreeSlot } from './posting-slots.util';
import { zonedWallClock } from './zoned-time.util';

// Filling a queue slot by slot for two years: each next free slot must be the next slot time on
// the wall clock, over consecutive local dates (counted here on the UTC calendar), in every zone.
const ZONES = ['Europe/London', 'America/New_York', 'Pacific/Chatham', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC'];
const TIMES = ['09:00', '21:00'];
const DAYS = 730;
// Some time on 2025-12-30 in every zone from -05:00 (05:00) to +13:45 (23:45).
const START = new Date('2025-12-30T10:00:00Z');

const localDate = (i: number): string => new Date(Date.UTC(2025, 11, 31 + i)).toISOString().slice(0, 10);

describe(`${nextFreeSlot.name} over 2026 and 2027`, () => {
  it.each(ZONES)('should hand out 09:00 and 21:00 of every local date in turn in %s', (zone) => {
    const slots = { times: TIMES, timeZone: zone };
    const readings: string[] = [];
    let previous = START;
    for (let i = 0; readings.length < DAYS * TIMES.length; i += 1) {
      // Alternately strictly after the previous slot, and from a minute before it with it taken.
      const slot = i % 2 === 0 ? nextFreeSlot(slots, previous, []) : nextFreeSlot(slots, new Date(previous.getTime() - 60_000), [previous]);
      if (slot === null) throw new Error(`no slot after ${previous.toISOString()} in ${zone}`);
      const wall = zonedWallClock(slot, zone);
      if (`${wall.date} ${wall.time}` >= `${localDate(0)} 09:00`) readings.push(`${wall.date} ${wall.time}`);
      previous = slot;
    }
    const expected = Array.from({ length: DAYS * TIMES.length }, (_, i) => `${localDate(Math.floor(i / 2))} ${TIMES[i % 2]}`);
    expect(readings).toEqual(expected);
  });
});
