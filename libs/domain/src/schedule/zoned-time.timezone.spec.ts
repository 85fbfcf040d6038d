import { instantAt, isValidTimeZone, zonedWallClock } from './zoned-time.util';

// Every expectation is an exact instant worked out by hand from the zone's offsets: London GMT
// +00:00 / BST +01:00, New York EST -05:00 / EDT -04:00, Chatham +12:45 / +13:45, Lord Howe
// +10:30 / +11:00, Auckland +12:00 / +13:00, Kolkata +05:30 all year.
const iso = (date: string, time: string, zone: string): string => instantAt(date, time, zone).toISOString();

describe(instantAt.name, () => {
  it('should read 09:00 Europe/London as 09:00Z in winter and 08:00Z in summer', () => {
    expect(iso('2026-01-15', '09:00', 'Europe/London')).toBe('2026-01-15T09:00:00.000Z');
    expect(iso('2026-07-15', '09:00', 'Europe/London')).toBe('2026-07-15T08:00:00.000Z');
  });

  it('should move a time in the Europe/London March gap (01:00-02:00 on 2026-03-29) forward by an hour', () => {
    expect(iso('2026-03-29', '00:59', 'Europe/London')).toBe('2026-03-29T00:59:00.000Z');
    expect(iso('2026-03-29', '01:00', 'Europe/London')).toBe('2026-03-29T01:00:00.000Z'); // 02:00 BST
    expect(iso('2026-03-29', '01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    expect(iso('2026-03-29', '02:00', 'Europe/London')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('should take the earlier of the two Europe/London 01:30s on 2026-10-25', () => {
    expect(iso('2026-10-25', '00:59', 'Europe/London')).toBe('2026-10-24T23:59:00.000Z');
    expect(iso('2026-10-25', '01:00', 'Europe/London')).toBe('2026-10-25T00:00:00.000Z');
    expect(iso('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z'); // BST, not 01:30Z (GMT)
    expect(iso('2026-10-25', '02:00', 'Europe/London')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('should move 02:30 America/New_York on 2026-03-08 (second Sunday of March) to 03:30 EDT', () => {
    expect(iso('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(iso('2026-03-08', '02:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(iso('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(iso('2026-03-08', '03:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('should take 01:30 EDT, not EST, on 2026-11-01 (first Sunday of November) in America/New_York', () => {
    expect(iso('2026-11-01', '00:59', 'America/New_York')).toBe('2026-11-01T04:59:00.000Z');
    expect(iso('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('2026-11-01', '02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
  });

  it('should handle the Pacific/Chatham gap 02:45-03:45 on 2026-09-27 and overlap on 2026-04-05', () => {
    expect(iso('2026-09-27', '02:44', 'Pacific/Chatham')).toBe('2026-09-26T13:59:00.000Z');
    expect(iso('2026-09-27', '02:45', 'Pacific/Chatham')).toBe('2026-09-26T14:00:00.000Z'); // 03:45 +13:45
    expect(iso('2026-09-27', '03:00', 'Pacific/Chatham')).toBe('2026-09-26T14:15:00.000Z'); // 04:00 +13:45
    expect(iso('2026-04-05', '02:45', 'Pacific/Chatham')).toBe('2026-04-04T13:00:00.000Z'); // +13:45
    expect(iso('2026-04-05', '03:00', 'Pacific/Chatham')).toBe('2026-04-04T13:15:00.000Z');
    expect(iso('2026-04-05', '03:45', 'Pacific/Chatham')).toBe('2026-04-04T15:00:00.000Z'); // +12:45
  });

  it('should move by 30 minutes in the Australia/Lord_Howe gap 02:00-02:30 on 2026-10-04', () => {
    expect(iso('2026-10-04', '01:59', 'Australia/Lord_Howe')).toBe('2026-10-03T15:29:00.000Z');
    expect(iso('2026-10-04', '02:00', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
    expect(iso('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:45:00.000Z'); // 02:45 +11:00
    expect(iso('2026-10-04', '02:30', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('should take the earlier Australia/Lord_Howe 01:45 in the 30-minute overlap on 2026-04-05', () => {
    expect(iso('2026-04-05', '01:29', 'Australia/Lord_Howe')).toBe('2026-04-04T14:29:00.000Z');
    expect(iso('2026-04-05', '01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z'); // +11:00
    expect(iso('2026-04-05', '02:00', 'Australia/Lord_Howe')).toBe('2026-04-04T15:30:00.000Z'); // +10:30
  });

  it('should use +05:30 all year in Asia/Kolkata and no offset in UTC', () => {
    expect(iso('2026-01-15', '09:00', 'Asia/Kolkata')).toBe('2026-01-15T03:30:00.000Z');
    expect(iso('2026-07-15', '02:30', 'Asia/Kolkata')).toBe('2026-07-14T21:00:00.000Z');
    expect(iso('2026-03-29', '01:30', 'UTC')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('should move a time on a skipped calendar day to the next day (Pacific/Apia dropped 2011-12-30)', () => {
    expect(iso('2011-12-30', '09:00', 'Pacific/Apia')).toBe('2011-12-30T19:00:00.000Z'); // 2011-12-31 09:00 +14:00
  });

  it('should refuse a date or time that is not real, and an unknown zone', () => {
    expect(() => instantAt('2026-02-29', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => instantAt('2026-1-5', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => instantAt('2026-01-05', '24:00', 'UTC')).toThrow(RangeError);
    expect(() => instantAt('2026-01-05', '9:00', 'UTC')).toThrow(RangeError);
    expect(() => instantAt('2026-01-05', '09:00', 'Mars/Base')).toThrow(RangeError);
  });
});

describe(zonedWallClock.name, () => {
  it('should read the Europe/London clock jump from 00:59 to 02:00 on 2026-03-29', () => {
    expect(zonedWallClock(new Date('2026-03-29T00:59:00Z'), 'Europe/London')).toEqual({ date: '2026-03-29', time: '00:59', weekday: 7 });
    expect(zonedWallClock(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toEqual({ date: '2026-03-29', time: '02:00', weekday: 7 });
  });

  it('should read 01:30 twice in Europe/London on 2026-10-25', () => {
    expect(zonedWallClock(new Date('2026-10-25T00:30:00Z'), 'Europe/London').time).toBe('01:30');
    expect(zonedWallClock(new Date('2026-10-25T01:30:00Z'), 'Europe/London').time).toBe('01:30');
  });

  it('should give the local date and weekday, not the UTC ones', () => {
    expect(zonedWallClock(new Date('2026-09-26T14:00:00Z'), 'Pacific/Chatham')).toEqual({ date: '2026-09-27', time: '03:45', weekday: 7 });
    expect(zonedWallClock(new Date('2026-12-31T18:30:00Z'), 'Asia/Kolkata')).toEqual({ date: '2027-01-01', time: '00:00', weekday: 5 });
    expect(zonedWallClock(new Date('2026-03-01T03:00:00Z'), 'America/New_York')).toEqual({ date: '2026-02-28', time: '22:00', weekday: 6 });
  });

  it('should drop seconds rather than round them', () => {
    expect(zonedWallClock(new Date('2026-05-01T09:30:59.999Z'), 'UTC')).toEqual({ date: '2026-05-01', time: '09:30', weekday: 5 });
  });
});

describe(isValidTimeZone.name, () => {
  it('should accept IANA names the runtime knows', () => {
    for (const zone of ['Europe/London', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Pacific/Chatham']) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
  });

  it('should refuse unknown names, offsets and padded names', () => {
    for (const zone of ['', 'Mars/Base', '+05:30', ' Europe/London', 'Europe/London ', 'Europe//London']) {
      expect(isValidTimeZone(zone)).toBe(false);
    }
    expect(isValidTimeZone(42 as unknown as string)).toBe(false);
  });
});
