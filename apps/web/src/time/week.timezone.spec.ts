import { addDays, mondayOf, weekDates, weekRange } from './week.util';

describe('weeks', () => {
  it('should find the Monday of a week from any of its dates', () => {
    expect(mondayOf('2026-03-23')).toBe('2026-03-23');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23'); // a Sunday
    expect(mondayOf('2026-01-01')).toBe('2025-12-29'); // across a year
  });

  it('should list seven dates even in the week the clocks change', () => {
    expect(weekDates('2026-03-23')).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
  });

  it('should ask for the 167 hours of London’s week that springs forward', () => {
    const { startDate, endDate } = weekRange('2026-03-23', 'Europe/London');
    expect(startDate).toBe('2026-03-23T00:00:00.000Z');
    expect(endDate).toBe('2026-03-29T22:59:59.999Z'); // Monday 30th 00:00 BST is 23:00Z
  });

  it('should ask for New York’s week in New York’s midnights, whatever the browser’s zone', () => {
    const { startDate, endDate } = weekRange('2026-11-02', 'America/New_York');
    expect(startDate).toBe('2026-11-02T05:00:00.000Z');
    expect(endDate).toBe('2026-11-09T04:59:59.999Z');
  });
});
